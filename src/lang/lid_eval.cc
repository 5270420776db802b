#include "lang/lid_eval.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "util/clock.h"

namespace saring {
namespace {

namespace fs = std::filesystem;

struct LabelledText {
  std::string language;  // canonical
  std::string text;
};

// Whether 1-based line `number` belongs to `split` (see LidEvalOptions).
bool InSplit(const std::string& split, size_t number) {
  if (split == "dev") return number % 2 == 0;
  if (split == "test") return number % 2 == 1;
  return true;
}

Status ReadLabelledFiles(const std::string& dir, const std::string& split,
                         std::vector<std::vector<LabelledText>>* files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a directory");
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  if (ec) return Status::IOError(dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) return Status::NotFound(dir + ": no <language>.txt files");
  for (const fs::path& path : paths) {
    std::ifstream in(path);
    if (!in) return Status::IOError(path.string() + ": cannot read");
    const std::string language = CanonicalLanguage(path.stem().string()).language;
    std::vector<LabelledText> lines;
    std::string line;
    for (size_t number = 1; std::getline(in, line); ++number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty() && InSplit(split, number)) lines.push_back(LabelledText{language, line});
    }
    if (!lines.empty()) files->push_back(std::move(lines));
  }
  return Status::OK();
}

// The lines `labels_file` names, grouped by their hand label.
Status ReadHandLabelled(const std::string& dir, const std::string& labels_file,
                        std::vector<std::vector<LabelledText>>* sets) {
  std::ifstream labels(labels_file);
  if (!labels) return Status::IOError(labels_file + ": cannot read");
  std::map<std::string, std::vector<std::string>> file_lines;
  std::map<std::string, std::vector<LabelledText>> by_language;
  std::string entry;
  for (int number = 1; std::getline(labels, entry); ++number) {
    if (entry.empty() || entry[0] == '#') continue;
    std::istringstream fields(entry);
    std::string file, language;
    size_t line = 0;
    if (!std::getline(fields, file, '\t') || !(fields >> line) || !(fields >> language) ||
        line == 0) {
      return Status::InvalidArgument(labels_file + ":" + std::to_string(number) +
                                     ": expected file<TAB>line<TAB>language");
    }
    auto [it, fresh] = file_lines.try_emplace(file);
    if (fresh) {
      std::ifstream in(fs::path(dir) / file);
      if (!in) return Status::IOError((fs::path(dir) / file).string() + ": cannot read");
      for (std::string l; std::getline(in, l);) it->second.push_back(l);
    }
    if (line > it->second.size()) {
      return Status::InvalidArgument(labels_file + ":" + std::to_string(number) + ": " + file +
                                     " has no line " + std::to_string(line));
    }
    const std::string canonical = CanonicalLanguage(language).language;
    by_language[canonical].push_back(LabelledText{canonical, it->second[line - 1]});
  }
  for (auto& [language, texts] : by_language) sets->push_back(std::move(texts));
  return Status::OK();
}

// Documents of doc_min..doc_max shuffled sentences of one file.
std::vector<LabelledText> JoinIntoDocuments(std::vector<LabelledText> sentences,
                                            const LidEvalOptions& options, std::mt19937_64& rng) {
  std::shuffle(sentences.begin(), sentences.end(), rng);
  std::uniform_int_distribution<int> length(options.doc_min, options.doc_max);
  std::vector<LabelledText> docs;
  for (size_t i = 0; i < sentences.size();) {
    size_t n = std::min<size_t>(length(rng), sentences.size() - i);
    if (n < size_t(options.doc_min) && !docs.empty()) break;  // a short tail is dropped
    LabelledText doc{sentences[i].language, ""};
    for (size_t j = i; j < i + n; ++j) {
      if (j > i) doc.text += '\n';
      doc.text += sentences[j].text;
    }
    docs.push_back(std::move(doc));
    i += n;
  }
  return docs;
}

std::string Candidates(const LanguageGuess& g) {
  std::string out;
  for (const LanguageScore& c : g.candidates) {
    out += fmt::format("{}{}:{:.3f}", out.empty() ? "" : " ", c.tag.language, c.score);
  }
  return out;
}

// One line of the errors file (LidEvalOptions::errors_file): the last
// backend's guess, then every scored backend's candidates.
std::string ErrorLine(const std::string& set, const LabelledText& item, const LanguageGuess& g,
                      const LidEvalOptions& options, const LanguageIdentifier& identifier) {
  std::string text = item.text;
  std::replace(text.begin(), text.end(), '\t', ' ');
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::string line = fmt::format("{}\t{}\t{}\t{}", set, item.language, g.tag.language,
                                 g.decided_by);
  for (LidBackend b : options.backends) {
    line += "\t" + LidBackendName(b) + " " + Candidates(identifier.IdentifyWith(b, item.text));
  }
  return line + "\t" + text + "\n";
}

LidSetReport ScoreSet(const std::string& name, const std::vector<std::vector<LabelledText>>& files,
                      const LidEvalOptions& options, const LanguageIdentifier& identifier,
                      std::ostream* errors) {
  LidSetReport set;
  set.name = name;
  const size_t backends = options.backends.size();
  set.macro.assign(backends, 0.0);
  set.seconds.assign(backends, 0.0);
  for (const auto& file : files) {
    for (const LabelledText& item : file) set.bytes += item.text.size();
  }
  std::vector<LidLanguageScore> scores(files.size());
  for (size_t f = 0; f < files.size(); ++f) {
    scores[f].language = files[f][0].language;
    scores[f].items = files[f].size();
    scores[f].correct.assign(backends, 0);
    scores[f].neighbours.assign(backends, 0);
    auto mixed = options.mixed_languages.find(scores[f].language);
    if (mixed == options.mixed_languages.end()) continue;
    scores[f].language_and_neighbours = scores[f].language;
    for (const std::string& n : mixed->second) scores[f].language_and_neighbours += " or " + n;
  }
  for (size_t b = 0; b < backends; ++b) {
    const uint64_t start = NowNs();
    for (size_t f = 0; f < files.size(); ++f) {
      auto mixed = options.mixed_languages.find(scores[f].language);
      for (const LabelledText& item : files[f]) {
        const LanguageGuess g = identifier.IdentifyWith(options.backends[b], item.text);
        const std::string& guess = g.tag.language;
        if (guess == item.language) {
          ++scores[f].correct[b];
        } else {
          if (mixed != options.mixed_languages.end() &&
              std::find(mixed->second.begin(), mixed->second.end(), guess) != mixed->second.end()) {
            ++scores[f].neighbours[b];
          }
          if (b + 1 == backends) {
            ++scores[f].top_errors_last[guess];
            if (errors != nullptr) *errors << ErrorLine(name, item, g, options, identifier);
          }
        }
      }
    }
    set.seconds[b] = double(NowNs() - start) / 1e9;
  }
  for (LidLanguageScore& s : scores) {
    bool mixed = options.mixed_languages.count(s.language) > 0;
    (mixed ? set.mixed : set.languages).push_back(std::move(s));
  }
  for (size_t b = 0; b < backends; ++b) {
    double sum = 0;
    for (const LidLanguageScore& s : set.languages) sum += double(s.correct[b]) / double(s.items);
    set.macro[b] = set.languages.empty() ? 0.0 : sum / double(set.languages.size());
  }
  return set;
}

std::string TopErrors(const std::map<std::string, uint64_t>& errors) {
  std::vector<std::pair<uint64_t, std::string>> sorted;
  for (const auto& [label, n] : errors) sorted.emplace_back(n, label);
  std::sort(sorted.rbegin(), sorted.rend());
  std::string out;
  for (size_t i = 0; i < sorted.size() && i < 3; ++i) {
    out += fmt::format("{}{}:{}", i ? " " : "", sorted[i].second, sorted[i].first);
  }
  return out;
}

}  // namespace

std::string LidBackendName(LidBackend backend) {
  switch (backend) {
    case LidBackend::kCld2:
      return "cld2";
    case LidBackend::kFastText:
      return "fasttext";
    case LidBackend::kCombined:
      return "combined";
  }
  return "?";
}

Status EvaluateLid(const LidEvalOptions& options, const LanguageIdentifier& identifier,
                   LidEvalReport* report) {
  if (options.doc_min < 1 || options.doc_max < options.doc_min) {
    return Status::InvalidArgument("document sizes must satisfy 1 <= doc_min <= doc_max");
  }
  if (options.split != "all" && options.split != "dev" && options.split != "test") {
    return Status::InvalidArgument("split '" + options.split + "' is unknown (all, dev, test)");
  }
  std::vector<std::vector<LabelledText>> sentences;
  Status s = ReadLabelledFiles(options.dir, options.split, &sentences);
  if (!s.ok()) return s;
  std::ofstream errors_out;
  std::ostream* errors = nullptr;
  if (!options.errors_file.empty()) {
    errors_out.open(options.errors_file);
    if (!errors_out) return Status::IOError(options.errors_file + ": cannot write");
    errors = &errors_out;
  }
  std::mt19937_64 rng(options.seed);
  std::vector<std::vector<LabelledText>> documents;
  for (const auto& file : sentences) documents.push_back(JoinIntoDocuments(file, options, rng));
  report->backend_names.clear();
  for (LidBackend b : options.backends) report->backend_names.push_back(LidBackendName(b));
  report->sets.clear();
  report->sets.push_back(ScoreSet("sentences", sentences, options, identifier, errors));
  report->sets.push_back(ScoreSet("documents", documents, options, identifier, errors));
  if (!options.labels_file.empty()) {
    std::vector<std::vector<LabelledText>> labelled;
    s = ReadHandLabelled(options.dir, options.labels_file, &labelled);
    if (!s.ok()) return s;
    LidEvalOptions all_scored = options;
    all_scored.mixed_languages.clear();  // hand labels are what the lines are
    report->sets.push_back(ScoreSet("hand-labelled", labelled, all_scored, identifier, errors));
  }
  if (errors != nullptr && !errors_out.flush()) {
    return Status::IOError(options.errors_file + ": write failed");
  }
  return Status::OK();
}

std::string FormatLidReport(const LidEvalReport& report) {
  std::string out;
  const size_t backends = report.backend_names.size();
  for (const LidSetReport& set : report.sets) {
    out += fmt::format("== {} ({} languages scored)\n{:<8}{:>6}", set.name, set.languages.size(),
                       "lang", "n");
    for (const std::string& name : report.backend_names) out += fmt::format("{:>10}", name);
    out += "  errors of " + report.backend_names.back() + "\n";
    auto row = [&](const LidLanguageScore& s) {
      out += fmt::format("{:<8}{:>6}", s.language, s.items);
      for (size_t b = 0; b < backends; ++b) {
        out += fmt::format("{:>10.4f}", double(s.correct[b]) / double(s.items));
      }
      out += "  " + TopErrors(s.top_errors_last) + "\n";
    };
    for (const LidLanguageScore& s : set.languages) row(s);
    out += fmt::format("{:<14}", "macro");
    for (double m : set.macro) out += fmt::format("{:>10.4f}", m);
    out += "\n";
    for (const LidLanguageScore& s : set.mixed) {
      out += fmt::format("{} (not in macro; mostly other-language text), share labelled:\n",
                         s.language);
      out += fmt::format("  {:<12}", s.language);
      for (size_t b = 0; b < backends; ++b)
        out += fmt::format("{:>10.4f}", double(s.correct[b]) / double(s.items));
      out += fmt::format("\n  {:<12}", s.language_and_neighbours);
      for (size_t b = 0; b < backends; ++b) {
        out += fmt::format("{:>10.4f}", double(s.correct[b] + s.neighbours[b]) / double(s.items));
      }
      out += "\n";
    }
    // A small set's time is mostly first-call setup: no speed for it.
    constexpr uint64_t kTimedBytes = 1 << 20;
    if (set.bytes >= kTimedBytes) {
      out += fmt::format("{:<14}", "MB/s");
      for (double sec : set.seconds) {
        out += fmt::format("{:>10.1f}", sec > 0 ? set.bytes / sec / 1e6 : 0.0);
      }
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace saring
