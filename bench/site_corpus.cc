#include "site_corpus.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include "json/json_writer.h"

namespace saring::bench {
namespace {

// Deterministic on every platform: only the raw mt19937_64 stream is used
// (std distributions differ between standard libraries).
class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  uint64_t Below(uint64_t n) { return gen_() % n; }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Chance(double p) { return static_cast<double>(gen_() >> 11) / 9007199254740992.0 < p; }
  // Skewed towards small indexes, like word frequencies.
  size_t Skewed(size_t n) {
    double u = static_cast<double>(gen_() >> 11) / 9007199254740992.0;
    return static_cast<size_t>(u * u * static_cast<double>(n));
  }

 private:
  std::mt19937_64 gen_;
};

struct Language {
  std::vector<std::string> syllables;
  std::vector<std::string> vocabulary;
};

Language MakeLanguage(std::vector<std::string> syllables, Rng& rng) {
  Language l{std::move(syllables), {}};
  for (int i = 0; i < 3000; ++i) {
    std::string w;
    int n = rng.Between(1, 4);
    for (int k = 0; k < n; ++k) w += l.syllables[rng.Below(l.syllables.size())];
    l.vocabulary.push_back(w);
  }
  return l;
}

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

std::string Words(Language& l, Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += ' ';
    s += l.vocabulary[rng.Skewed(l.vocabulary.size())];
  }
  return s;
}

std::string Sentence(Language& l, Rng& rng) {
  std::string s = Capitalized(Words(l, rng, rng.Between(8, 20)));
  if (rng.Chance(0.3)) {
    size_t space = s.find(' ', s.size() / 2);
    if (space != std::string::npos) s.insert(space, ",");
  }
  return s + ".";
}

struct Article {
  std::vector<std::string> lines;  // title, paragraphs, "" between them
};

Article MakeArticle(Language& l, Rng& rng) {
  Article a;
  a.lines.push_back(Capitalized(Words(l, rng, rng.Between(4, 10))));
  int paragraphs = rng.Between(3, 8);
  for (int p = 0; p < paragraphs; ++p) {
    a.lines.push_back("");
    if (p == 2 && rng.Chance(0.3)) {  // a subheading
      a.lines.push_back(Capitalized(Words(l, rng, rng.Between(3, 6))));
      a.lines.push_back("");
    }
    std::string para;
    int sentences = rng.Between(2, 4);
    for (int s = 0; s < sentences; ++s) para += (s ? " " : "") + Sentence(l, rng);
    a.lines.push_back(para);
  }
  return a;
}

enum class Where { kTop, kMiddle, kBottom };

struct Template {
  Where where;
  std::string text;  // may hold {date}, filled per page
};

struct Site {
  std::string name, host;
  bool indonesian;
  std::vector<Template> templates;
};

std::string Date(Rng& rng) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%d %02d:%02d", rng.Between(1, 28), rng.Between(1, 12),
                rng.Between(2015, 2024), rng.Between(0, 23), rng.Between(0, 59));
  return buf;
}

std::vector<Template> TemplatePatterns(const std::string& name,
                                       const std::vector<std::string>& sections, bool id) {
  const std::string& s0 = sections[0];
  const std::string& s1 = sections[1];
  const std::string& s2 = sections[2];
  if (id) {
    return {{Where::kTop, name + " - Berita " + s0 + " Terkini"},
            {Where::kTop, "Beranda | " + s0 + " | " + s1 + " | " + s2 + " | Kontak"},
            {Where::kTop, "Diperbarui {date} WIB"},
            {Where::kTop, "Redaksi " + name + " " + s1},
            {Where::kMiddle, "Simak juga berita " + s2 + " lainnya di " + name},
            {Where::kMiddle, "ADVERTISEMENT " + name + " " + s0},
            {Where::kBottom, "Ikuti " + name + " di Facebook, Twitter dan Instagram"},
            {Where::kBottom, "Hak cipta © 2019 " + name + ". Semua hak dilindungi."},
            {Where::kBottom, "Tentang Kami | Pedoman Media Siber | Redaksi " + name},
            {Where::kBottom, "Kirim tulisan Anda ke redaksi " + name + " " + s1},
            {Where::kBottom, "Berita " + s0 + " " + s1 + " " + s2 + " hari ini"},
            {Where::kTop, name + " " + s2 + " edisi {date}"},
            {Where::kBottom, "Tag: " + s0 + ", " + s1 + ", " + name},
            {Where::kMiddle, "Bacaan pilihan dari " + name},
            {Where::kBottom, "Dapatkan update berita " + name + " setiap hari"},
            {Where::kTop, "Masuk | Daftar | Langganan " + name}};
  }
  return {{Where::kTop, name + " - Latest " + s0 + " News"},
          {Where::kTop, "Home | " + s0 + " | " + s1 + " | " + s2 + " | Contact"},
          {Where::kTop, "Updated {date} GMT"},
          {Where::kTop, "By the " + name + " " + s1 + " desk"},
          {Where::kMiddle, "More " + s2 + " stories from " + name},
          {Where::kMiddle, "ADVERTISEMENT " + name + " " + s0},
          {Where::kBottom, "Follow " + name + " on Facebook, Twitter and Instagram"},
          {Where::kBottom, "Copyright © 2019 " + name + ". All rights reserved."},
          {Where::kBottom, "About Us | Editorial Policy | Masthead " + name},
          {Where::kBottom, "Send your tips to the " + name + " " + s1 + " team"},
          {Where::kBottom, s0 + " " + s1 + " " + s2 + " news today"},
          {Where::kTop, name + " " + s2 + " edition {date}"},
          {Where::kBottom, "Tags: " + s0 + ", " + s1 + ", " + name},
          {Where::kMiddle, "Editor's picks from " + name},
          {Where::kBottom, "Get the " + name + " newsletter every morning"},
          {Where::kTop, "Sign in | Register | Subscribe to " + name}};
}

Site MakeSite(int index, Language& en, Language& id, Rng& rng) {
  Site site;
  site.indonesian = index % 2 == 1;
  Language& l = site.indonesian ? id : en;
  site.name = Capitalized(l.vocabulary[rng.Below(l.vocabulary.size())]) + " " +
              Capitalized(l.vocabulary[rng.Below(l.vocabulary.size())]);
  std::string host;
  for (char c : site.name) {
    if (c != ' ') host += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  site.host = host + std::to_string(index) + (site.indonesian ? ".co.id" : ".com");
  std::vector<std::string> sections;
  for (int i = 0; i < 3; ++i)
    sections.push_back(Capitalized(l.vocabulary[rng.Skewed(l.vocabulary.size())]));
  std::vector<Template> patterns = TemplatePatterns(site.name, sections, site.indonesian);
  int n = rng.Between(2, 5);
  for (int k = 0; k < n; ++k) {
    size_t pick = rng.Below(patterns.size());
    site.templates.push_back(patterns[pick]);
    patterns.erase(patterns.begin() + static_cast<long>(pick));
  }
  return site;
}

void Fill(std::string* text, Rng& rng) {
  size_t at = text->find("{date}");
  if (at != std::string::npos) text->replace(at, 6, Date(rng));
}

SitePage MakePage(const Site& site, const Article& article, const std::string& id, Rng& rng) {
  SitePage page{id, "https://www." + site.host + "/" + id, {}};
  std::vector<const Template*> present;
  for (const Template& t : site.templates) {
    if (rng.Chance(0.9)) present.push_back(&t);
  }
  auto add_templates = [&](Where where) {
    for (const Template* t : present) {
      if (t->where != where) continue;
      std::string text = t->text;
      Fill(&text, rng);
      page.lines.push_back({text, true});
    }
  };
  add_templates(Where::kTop);
  size_t middle = article.lines.size() / 2;
  for (size_t i = 0; i < article.lines.size(); ++i) {
    if (i == middle) {
      page.lines.push_back({"", false});
      add_templates(Where::kMiddle);
      page.lines.push_back({"", false});
    }
    page.lines.push_back({article.lines[i], false});
  }
  page.lines.push_back({"", false});
  add_templates(Where::kBottom);
  return page;
}

}  // namespace

std::vector<SitePage> GenerateSiteCorpus(const SiteCorpusOptions& o) {
  Rng rng(o.seed);
  Language en = MakeLanguage(
      {"the", "an", "ing", "er", "on", "at", "re", "in", "ed", "es", "or",  "te",  "of",
       "it",  "al", "ar",  "st", "nt", "ha", "en", "th", "ou", "wa", "ver", "com", "pro"},
      rng);
  Language id = MakeLanguage(
      {"ka", "ta", "ber", "se", "di", "me", "nga", "an", "kan", "ya", "da", "ri", "pa",
       "la", "ma", "sa",  "ra", "ng", "in", "un",  "tu", "ke",  "ju", "ga", "ha", "si"},
      rng);
  std::vector<Site> sites;
  for (int i = 0; i < o.sites; ++i) sites.push_back(MakeSite(i, en, id, rng));

  // Wire stories, each published by 3-5 sites of its language.
  struct Wire {
    Article article;
    std::vector<int> sites;
  };
  std::vector<Wire> wires;
  int republished = static_cast<int>(o.republished_fraction * o.docs);
  for (int used = 0; used < republished;) {
    bool indonesian = wires.size() % 2 == 1;
    Wire w{MakeArticle(indonesian ? id : en, rng), {}};
    int same_language = (o.sites + (indonesian ? 0 : 1)) / 2;  // odd sites are Indonesian
    int copies = std::min(rng.Between(3, 5), same_language);
    if (copies == 0) break;
    for (int s = static_cast<int>(rng.Below(static_cast<uint64_t>(o.sites)));
         w.sites.size() < static_cast<size_t>(copies); s = (s + 1) % o.sites) {
      if (sites[static_cast<size_t>(s)].indonesian == indonesian) w.sites.push_back(s);
    }
    used += copies;
    wires.push_back(std::move(w));
  }

  std::vector<SitePage> pages;
  for (const Wire& w : wires) {
    for (int s : w.sites) {
      std::string page_id = "wire-" + std::to_string(pages.size());
      pages.push_back(MakePage(sites[static_cast<size_t>(s)], w.article, page_id, rng));
    }
  }
  while (static_cast<int>(pages.size()) < o.docs) {
    const Site& site = sites[pages.size() % sites.size()];
    Article a = MakeArticle(site.indonesian ? id : en, rng);
    pages.push_back(MakePage(site, a, "page-" + std::to_string(pages.size()), rng));
  }
  // Interleave: a crawl does not arrive site by site.
  for (size_t i = pages.size(); i > 1; --i) std::swap(pages[i - 1], pages[rng.Below(i)]);
  return pages;
}

std::string SiteCorpusJsonl(const std::vector<SitePage>& pages) {
  std::string out;
  for (const SitePage& p : pages) {
    std::string text;
    for (size_t i = 0; i < p.lines.size(); ++i) {
      if (i > 0) text += '\n';
      text += p.lines[i].text;
    }
    out += "{\"id\":";
    AppendJsonString(&out, p.id);
    out += ",\"url\":";
    AppendJsonString(&out, p.url);
    out += ",\"text\":";
    AppendJsonString(&out, text);
    out += "}\n";
  }
  return out;
}

double LineRemovalScore::TemplateRemovedPercent() const {
  return template_lines
             ? 100.0 * static_cast<double>(template_removed) / static_cast<double>(template_lines)
             : 0;
}

double LineRemovalScore::ArticleRemovedPercent() const {
  return article_lines
             ? 100.0 * static_cast<double>(article_removed) / static_cast<double>(article_lines)
             : 0;
}

LineRemovalScore ScoreLineRemoval(const std::vector<SitePage>& pages,
                                  const std::map<std::string, std::string>& kept) {
  LineRemovalScore score;
  for (const SitePage& p : pages) {
    std::map<std::string, int> remaining;  // kept lines, as a multiset
    auto it = kept.find(p.id);
    if (it != kept.end()) {
      size_t start = 0;
      const std::string& text = it->second;
      while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        ++remaining[text.substr(start, nl - start)];
        start = nl + 1;
      }
    }
    for (const SiteLine& line : p.lines) {
      if (line.text.empty()) continue;
      bool found = remaining[line.text] > 0;
      if (found) --remaining[line.text];
      (line.is_template ? score.template_lines : score.article_lines) += 1;
      if (!found) (line.is_template ? score.template_removed : score.article_removed) += 1;
    }
  }
  return score;
}

}  // namespace saring::bench
