// SiteCorpus: a generated corpus of pages from many "sites", each site
// wrapping its articles in its own template lines, with every line labelled,
// so that template-line removal can be scored exactly.
//
//   SiteCorpusOptions o;                   // 2,400 documents, 24 sites
//   std::vector<SitePage> pages = GenerateSiteCorpus(o);
//   WriteFile("in.jsonl", SiteCorpusJsonl(pages));
//   ... saring clean in.jsonl -o OUT ...
//   LineRemovalScore s = ScoreLineRemoval(pages, kept_text_by_id);
//   // s.TemplateRemovedPercent() >= 95, s.ArticleRemovedPercent() <= 1
//
// What it contains, all from one seed (same seed, same bytes):
//   - sites with a name, sections and 2-5 template lines drawn from 16
//     patterns (headers, navigation, share and follow lines, copyright,
//     "updated <date>" lines whose digits change on every page, a "read
//     also" line in the middle of the body). Each page carries each of its
//     site's template lines with probability 0.9. Half the sites write
//     English-like text, half Indonesian-like;
//   - articles: a title, sometimes a subheading, 3-8 paragraphs of 2-4
//     sentences from a 3,000-word vocabulary;
//   - republished stories: ~5% of pages carry a wire story that 3-5 sites
//     publish verbatim (the case that must not lose its text).
//
// Thread-safety: stateless.

#ifndef SARING_BENCH_SITE_CORPUS_H_
#define SARING_BENCH_SITE_CORPUS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace saring::bench {

struct SiteCorpusOptions {
  int docs = 2400;
  int sites = 24;
  uint64_t seed = 1;
  double republished_fraction = 0.05;
};

struct SiteLine {
  std::string text;  // "" is a blank separator line
  bool is_template = false;
};

struct SitePage {
  std::string id;
  std::string url;
  std::vector<SiteLine> lines;
};

std::vector<SitePage> GenerateSiteCorpus(const SiteCorpusOptions& options);

// One JSON line per page: {"id", "url", "text"}.
std::string SiteCorpusJsonl(const std::vector<SitePage>& pages);

struct LineRemovalScore {
  uint64_t template_lines = 0, template_removed = 0;
  uint64_t article_lines = 0, article_removed = 0;
  double TemplateRemovedPercent() const;
  double ArticleRemovedPercent() const;
};

// Compares the generated pages with the kept texts (by id; a page missing
// from `kept` lost all its lines). A line counts as kept when the kept text
// still has it, verbatim, as a line.
LineRemovalScore ScoreLineRemoval(const std::vector<SitePage>& pages,
                                  const std::map<std::string, std::string>& kept);

}  // namespace saring::bench

#endif  // SARING_BENCH_SITE_CORPUS_H_
