// End-to-end corpus-wide template lines (the common_lines stage and its
// first pass): a generated corpus of many sites loses its template lines and
// keeps its article lines; a small hand-made corpus shows the exact effect,
// the removal reason, signals and stats.json.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <map>

#include "site_corpus.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::SplitLines;

std::map<std::string, std::string> ById(const std::string& jsonl, const char* field) {
  std::map<std::string, std::string> out;
  simdjson::dom::parser parser;
  for (const std::string& line : SplitLines(jsonl)) {
    simdjson::dom::element doc = parser.parse(line);
    std::string_view value;
    if (doc[field].get(value)) value = "";
    out[std::string(doc["id"].get_string().value())] = std::string(value);
  }
  return out;
}

TEST(CommonLinesTest, GeneratedSitesLoseTemplateLinesNotArticleLines) {
  // The floor: 2,000 documents from 20 sites, 2-5 template lines each.
  bench::SiteCorpusOptions o;
  o.docs = 2000;
  o.sites = 20;
  std::vector<bench::SitePage> pages = bench::GenerateSiteCorpus(o);
  testing::TempDir dir;
  testing::WriteFile(dir.Join("sites.jsonl"), bench::SiteCorpusJsonl(pages));
  // The generated articles are not written to pass the quality rules: the
  // quality stage is off, so that every page's lines can be scored.
  CleanReport report = testing::RunCleanOrFail({dir.Join("sites.jsonl")}, dir.Join("out"), 2,
                                               "default", {"quality.enabled=false"});
  EXPECT_EQ(report.docs_in, 2000u);
  EXPECT_EQ(report.docs_kept, 2000u);

  std::map<std::string, std::string> kept =
      ById(testing::ReadOutput(dir.Join("out"), "kept"), "text");
  bench::LineRemovalScore score = bench::ScoreLineRemoval(pages, kept);
  EXPECT_GT(score.template_lines, 5000u);
  EXPECT_GT(score.article_lines, 10000u);
  EXPECT_GE(score.TemplateRemovedPercent(), 95.0)
      << score.template_removed << " of " << score.template_lines;
  EXPECT_LE(score.ArticleRemovedPercent(), 1.0)
      << score.article_removed << " of " << score.article_lines;

  // Republished stories keep every article line, titles included.
  std::vector<bench::SitePage> copies;
  for (const bench::SitePage& p : pages) {
    if (p.id.rfind("wire-", 0) == 0) copies.push_back(p);
  }
  ASSERT_GE(copies.size(), 90u);
  EXPECT_EQ(bench::ScoreLineRemoval(copies, kept).article_removed, 0u);
}

TEST(CommonLinesTest, SiteFooterRemovedWithReasonSignalsAndStats) {
  testing::TempDir dir;
  const std::string footer = "Kirim tulisan Anda ke redaksi Kabar Minang";
  auto doc = [&](const std::string& id, const std::string& url, const std::string& text) {
    return "{\"id\":\"" + id + "\",\"url\":\"" + url + "\",\"text\":\"" + text + "\"}\n";
  };
  std::string body =
      "Warga di tepi sungai mengungsi sejak pagi karena air terus naik dan hujan belum berhenti";
  testing::WriteFile(
      dir.Join("in.jsonl"),
      doc("a1", "https://kabarminang.example/a1", body + " sejak Senin.\\n" + footer) +
          doc("a2", "https://www.kabarminang.example/a2", body + " sampai sore.\\n" + footer) +
          doc("a3", "http://news.kabarminang.example/a3", body + " hingga malam.\\n" + footer) +
          doc("a4", "https://kabarminang.example/a4", footer) +
          doc("b1", "https://beritasumbar.example/b1",
              body + " di Solok.\\nKirim tulisan Anda ke redaksi Berita Sumbar"));
  CleanReport report = testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("out"), 2,
                                               "default", {"length.min_chars=10", "quality.enabled=false"});
  EXPECT_EQ(report.docs_kept, 4u);
  auto kept = ById(testing::ReadOutput(dir.Join("out"), "kept"), "text");
  // Four documents of one domain (subdomains included) carry the footer.
  EXPECT_EQ(kept["a1"], body + " sejak Senin.");
  EXPECT_EQ(kept["a3"], body + " hingga malam.");
  // A different line on another site is left alone.
  EXPECT_EQ(kept["b1"], body + " di Solok.\nKirim tulisan Anda ke redaksi Berita Sumbar");
  auto removed = ById(testing::ReadOutput(dir.Join("out"), "removed"), "removed_reason");
  EXPECT_EQ(removed["a4"], "common_lines: every line is a common line (42 characters)");

  std::string kept_jsonl = testing::ReadOutput(dir.Join("out"), "kept");
  EXPECT_NE(kept_jsonl.find("\"common_lines_removed_lines\":1"), std::string::npos) << kept_jsonl;
  std::string stats = testing::ReadFile(dir.Join("out/stats.json"));
  EXPECT_NE(stats.find("\"common_lines\": {\n    \"min_docs\": 3"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"docs_counted\": 5"), std::string::npos) << stats;
  EXPECT_NE(stats.find("{\"line\": \"kirim tulisan anda ke redaksi kabar minang\", \"docs\": 4, "
                       "\"domains\": 1}"),
            std::string::npos)
      << stats;
}

TEST(CommonLinesTest, SameOutputForAnyThreadCountAndWhenTheCensusSpills) {
  // 14,000 pages give about 60,000 (line, document) records: more than the
  // 43,690 that a 1 MB budget holds in one thread, so that run spills.
  bench::SiteCorpusOptions o;
  o.docs = 14000;
  o.sites = 70;
  testing::TempDir dir;
  testing::WriteFile(dir.Join("sites.jsonl"), bench::SiteCorpusJsonl(bench::GenerateSiteCorpus(o)));
  testing::RunCleanOrFail({dir.Join("sites.jsonl")}, dir.Join("one"), 1, "default",
                          {"common_lines.memory=1MB"});
  testing::RunCleanOrFail({dir.Join("sites.jsonl")}, dir.Join("two"), 2, "default", {}, 64 << 10);
  EXPECT_EQ(testing::ReadOutput(dir.Join("one"), "kept"),
            testing::ReadOutput(dir.Join("two"), "kept"));
  EXPECT_EQ(testing::ReadOutput(dir.Join("one"), "removed"),
            testing::ReadOutput(dir.Join("two"), "removed"));
  const std::string spilled = testing::ReadFile(dir.Join("one/stats.json"));
  EXPECT_EQ(spilled.find("\"runs_spilled\": 0,"), std::string::npos) << spilled;
  EXPECT_NE(testing::ReadFile(dir.Join("two/stats.json")).find("\"runs_spilled\": 0,"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.Join("one/.saring-tmp")));  // spill files removed
}

TEST(CommonLinesTest, BadSettingsAreClearErrors) {
  PipelineConfig config;
  ASSERT_TRUE(LoadPreset("default", &config).ok());
  Status s = ApplyOverride("common_lines.min_docs=1", &config);
  EXPECT_EQ(
      s.message(),
      "--set common_lines.min_docs=1: stage 'common_lines': min_docs and min_domains must be at "
      "least 2 (a line in one document is "
      "not common)");
  s = ApplyOverride("common_lines.url_field=metadata..url", &config);
  EXPECT_EQ(s.message(),
            "--set common_lines.url_field=metadata..url: stage 'common_lines': url_field "
            "'metadata..url' has an empty path component");
  s = ApplyOverride("common_lines.min_domain=4", &config);
  EXPECT_EQ(s.message(),
            "--set common_lines.min_domain=4: unknown key 'min_domain' in stage 'common_lines' "
            "(did you mean 'min_domains'?)");
}

}  // namespace
}  // namespace saring
