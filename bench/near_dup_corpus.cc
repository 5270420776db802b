#include "near_dup_corpus.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <unordered_set>

#include "json/json_writer.h"

namespace saring::bench {
namespace {

class Vocabulary {
 public:
  explicit Vocabulary(std::mt19937_64& rng) {
    const char* syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "po", "da", "ge",
                               "ha", "ju", "be", "fo", "vi", "zu", "ra", "mo", "ke", "li"};
    std::set<std::string> seen;
    while (words_.size() < 20000) {
      std::string w;
      const int n = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) w += syllables[rng() % 20];
      if (seen.insert(w).second) words_.push_back(w);
    }
    double sum = 0;
    for (size_t i = 0; i < words_.size(); ++i) {
      sum += 1.0 / static_cast<double>(i + 1);
      cumulative_.push_back(sum);
    }
  }
  const std::string& Draw(std::mt19937_64& rng) const {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    const size_t i =
        std::lower_bound(cumulative_.begin(), cumulative_.end(), u(rng)) - cumulative_.begin();
    return words_[std::min(i, words_.size() - 1)];
  }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

using Sentence = std::vector<std::string>;

Sentence MakeSentence(const Vocabulary& v, std::mt19937_64& rng) {
  Sentence s(8 + rng() % 14);
  for (std::string& w : s) w = v.Draw(rng);
  return s;
}

std::string Join(const std::vector<Sentence>& sentences) {
  std::string text;
  for (size_t i = 0; i < sentences.size(); ++i) {
    for (size_t j = 0; j < sentences[i].size(); ++j) {
      if (j > 0) text += ' ';
      text += sentences[i][j];
    }
    text += i + 1 < sentences.size() ? (i % 4 == 3 ? ".\n" : ". ") : ".";
  }
  return text;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '.') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(w);
  return words;
}

std::vector<Sentence> Variant(const std::vector<Sentence>& base, const std::string& edit,
                              const Vocabulary& v, std::mt19937_64& rng) {
  std::vector<Sentence> out = base;
  auto replace_share = [&](double share) {
    for (Sentence& s : out) {
      for (std::string& w : s) {
        if (std::uniform_real_distribution<double>(0, 1)(rng) < share) w = v.Draw(rng);
      }
    }
  };
  if (edit == "replace") {
    replace_share(0.01 + 0.02 * std::uniform_real_distribution<double>(0, 1)(rng));
  } else if (edit == "rewrite") {
    replace_share(0.2 + 0.2 * std::uniform_real_distribution<double>(0, 1)(rng));
  } else if (edit == "delete" && out.size() > 2) {
    out.erase(out.begin() + static_cast<long>(rng() % out.size()));
  } else if (edit == "insert") {
    out.insert(out.begin() + static_cast<long>(rng() % out.size()), MakeSentence(v, rng));
  } else if (edit == "header") {
    out.insert(out.begin(), Sentence{"home", "news", "sport", "contact"});
    out.push_back(Sentence{"share", "this", "page", "all", "rights", "reserved"});
  } else if (edit == "truncate") {
    const double keep = 1.0 - (0.1 + 0.15 * std::uniform_real_distribution<double>(0, 1)(rng));
    out.resize(std::max<size_t>(1, static_cast<size_t>(std::lround(keep * out.size()))));
  }
  return out;
}

}  // namespace

double ShingleJaccard(const std::string& a, const std::string& b, size_t n) {
  auto shingles = [n](const std::string& text) {
    std::vector<std::string> w = Words(text);
    std::unordered_set<std::string> out;
    const size_t k = std::min(n, w.size());
    for (size_t i = 0; k > 0 && i + k <= w.size(); ++i) {
      std::string s;
      for (size_t j = i; j < i + k; ++j) s += w[j] + ' ';
      out.insert(std::move(s));
    }
    return out;
  };
  const auto sa = shingles(a), sb = shingles(b);
  size_t common = 0;
  for (const std::string& s : sa) common += sb.count(s);
  const size_t all = sa.size() + sb.size() - common;
  return all == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(all);
}

std::vector<NearDupDoc> GenerateNearDupCorpus(const NearDupOptions& options) {
  std::mt19937_64 rng(options.seed);
  const Vocabulary vocabulary(rng);
  const char* edits[] = {"copy", "replace", "delete", "insert", "header", "truncate", "rewrite"};
  std::vector<NearDupDoc> docs;
  std::vector<std::vector<NearDupDoc>> pending;  // variants waiting for their place
  for (size_t b = 0; b < options.bases; ++b) {
    const size_t words =
        options.min_words + rng() % (options.max_words - options.min_words + 1);
    std::vector<Sentence> sentences;
    for (size_t n = 0; n < words;) {
      sentences.push_back(MakeSentence(vocabulary, rng));
      n += sentences.back().size();
    }
    NearDupDoc base{"base-" + std::to_string(b), Join(sentences), -1, 1.0, "base"};
    docs.push_back(base);
    const int variants = rng() % 2 == 0 ? 0 : 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < variants; ++k) {
      const std::string edit = edits[rng() % 7];
      NearDupDoc d;
      d.id = base.id + "-" + edit + "-" + std::to_string(k);
      d.text = Join(Variant(sentences, edit, vocabulary, rng));
      d.base = static_cast<int64_t>(b);
      d.jaccard = options.measure_jaccard ? ShingleJaccard(base.text, d.text, options.shingle) : 0;
      d.edit = edit;
      const size_t delay = rng() % 50;  // bases later
      if (pending.size() <= delay) pending.resize(delay + 1);
      pending[delay].push_back(std::move(d));
    }
    if (!pending.empty()) {
      for (NearDupDoc& d : pending.front()) docs.push_back(std::move(d));
      pending.erase(pending.begin());
    }
  }
  for (auto& group : pending) {
    for (NearDupDoc& d : group) docs.push_back(std::move(d));
  }
  return docs;
}

std::string NearDupJsonl(const std::vector<NearDupDoc>& docs) {
  std::string out;
  for (const NearDupDoc& d : docs) {
    out += "{\"id\":";
    AppendJsonString(&out, d.id);
    out += ",\"text\":";
    AppendJsonString(&out, d.text);
    out += "}\n";
  }
  return out;
}

NearDupScore ScoreNearDup(const std::vector<NearDupDoc>& docs,
                          const std::map<std::string, DedupFate>& fates, size_t shingle) {
  std::map<std::string, const NearDupDoc*> by_id;
  for (const NearDupDoc& d : docs) by_id[d.id] = &d;
  auto keeper_of = [&](const std::string& id) {
    const DedupFate& f = fates.at(id);
    return f.kept ? id : f.keeper;
  };
  NearDupScore score;
  std::map<int64_t, int> survivors, members;  // per base: of its true cluster
  for (const NearDupDoc& d : docs) {
    const int64_t family = d.base < 0 ? std::stoll(d.id.substr(5)) : d.base;
    if (d.base < 0 || d.jaccard >= 0.8) {
      ++members[family];
      survivors[family] += fates.at(d.id).kept;
    }
    if (d.base >= 0 && d.jaccard >= 0.8) {
      ++score.true_pairs;
      score.found += keeper_of(d.id) == keeper_of("base-" + std::to_string(d.base));
    }
    const DedupFate& f = fates.at(d.id);
    if (!f.kept) {
      ++score.removed;
      score.correct += ShingleJaccard(d.text, by_id.at(f.keeper)->text, shingle) >= 0.7;
    }
  }
  for (const auto& [family, n] : members) {
    if (n < 2) continue;
    ++score.clusters;
    score.split += survivors[family] > 1;
  }
  return score;
}

}  // namespace saring::bench
