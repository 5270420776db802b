// `saring explain`, as a user runs it: the removed lines with their stage
// and reason, the language, every check, the verdict; --json; errors.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

#include "test_util.h"

namespace saring {
namespace {

const std::string kSaring = SARING_BINARY;

const char* const kParagraphs[] = {
    "Warga di sekitar lokasi mengatakan bahwa kejadian itu berlangsung sejak pagi hari dan "
    "membuat banyak orang panik karena air naik dengan cepat.",
    "Petugas dari dinas terkait segera datang untuk membantu proses evakuasi serta memeriksa "
    "kerusakan pada rumah dan jalan di desa itu.",
    "Menurut keterangan kepala desa, bantuan makanan dan obat sudah dikirim ke posko pengungsian "
    "yang berada di balai desa sejak kemarin sore."};

// The seed page's shape: the body twice, then a blog footer.
std::string RepeatedPageWithFooter() {
  std::string text;
  for (int copy = 0; copy < 2; ++copy) {
    for (const char* p : kParagraphs) text += std::string(p) + "\n\n";
  }
  return text + "Posting Komentar\nSilahkan berkomentar dengan baik & sopan\n";
}

TEST(ExplainTest, RemovedLinesWithTheirReasonsLanguageChecksAndVerdictAsJson) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("page.txt"), RepeatedPageWithFooter());
  testing::ShellResult r = testing::RunShell(kSaring + " explain " + dir.Join("page.txt") + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  simdjson::dom::parser p;
  simdjson::dom::element report = p.parse(r.output);
  EXPECT_EQ(std::string_view(report["verdict"]), "kept");
  EXPECT_EQ(std::string_view(report["notes"]["language"]).substr(0, 3), "id ");
  std::vector<std::pair<std::string, std::string>> removed;  // (stage, reason)
  size_t kept_lines = 0;
  for (simdjson::dom::element line : report["lines"].get_array()) {
    std::string_view stage;
    if (line["removed_by"].get_string().get(stage)) {
      kept_lines += !std::string_view(line["text"]).empty();
      continue;
    }
    removed.emplace_back(std::string(stage), std::string(std::string_view(line["reason"])));
  }
  ASSERT_EQ(removed.size(), 5u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(removed[i], (std::pair<std::string, std::string>{"repeats", "a copy of an earlier paragraph"}));
  }
  for (size_t i = 3; i < 5; ++i) {
    EXPECT_EQ(removed[i].first, "boilerplate");
    EXPECT_EQ(removed[i].second, "template line at the bottom of the page (boilerplate lexicon)");
  }
  EXPECT_EQ(kept_lines, 3u);
  // Every rule is reported, passed here; the kept text is the body once
  // (normalize cut the final newline).
  size_t checks = 0;
  for (simdjson::dom::element c : report["checks"].get_array()) {
    ++checks;
    EXPECT_TRUE(bool(c["passed"])) << std::string_view(c["name"]);
  }
  EXPECT_GT(checks, 20u);
  EXPECT_EQ(std::string_view(report["text"]), std::string(kParagraphs[0]) + "\n\n" + kParagraphs[1] +
                                                  "\n\n" + kParagraphs[2]);
}

TEST(ExplainTest, ARecordFromARunItsFailedCheckAndErrors) {
  testing::TempDir dir;
  testing::WriteFile(
      dir.Join("removed.jsonl"),
      "{\"id\":\"other\",\"text\":\"x\"}\n"
      "{\"id\":\"copy\",\"text\":\"Klik di sini\",\"saring\":{\"duplicate_of\":\"page-1\"},"
      "\"removed_by\":\"dedup\",\"removed_reason\":\"dedup: exact duplicate of page-1\"}\n");
  testing::ShellResult r = testing::RunShell(kSaring + " explain " + dir.Join("removed.jsonl") +
                                             " --line 2 --color never");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("document copy (" + dir.Join("removed.jsonl") + ":2), pipeline default\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("in the run it comes from: dedup: exact duplicate of page-1\n"),
            std::string::npos);
  EXPECT_NE(r.output.find("duplicate of: page-1\n"), std::string::npos);
  EXPECT_NE(r.output.find("  FAIL  length   min_chars"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("verdict: removed by length: length: chars 12 < 100\n"), std::string::npos);

  r = testing::RunShell(kSaring + " explain " + dir.Join("removed.jsonl") + " --line 5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output, "saring: " + dir.Join("removed.jsonl") + " has no line 5\n");
  r = testing::RunShell("echo '{\"id\":\"a\",\"body\":\"x\"}' | " + kSaring + " explain -");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output, "saring: <stdin>:1: no string field \"text\"\n");
}

// The acceptance: the seed page's 14 repeated paragraphs and 2
// footer lines shown as removed, with their reasons, and the language.
TEST(ExplainTest, SeedDocument) {
  const std::string seed = testing::SharedDir() + "/data/seed-document.txt";
  if (testing::SharedDir().empty()) GTEST_SKIP() << "../shared is absent: seed document test skipped";
  testing::ShellResult r = testing::RunShell(kSaring + " explain " + seed + " --color never");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  size_t repeats = 0, footer = 0;
  for (const std::string& line : testing::SplitLines(r.output)) {
    if (line.rfind("  - ", 0) != 0) continue;
    repeats += line.find("<- repeats: a copy of an earlier paragraph") != std::string::npos;
    footer += line.find("<- boilerplate: template line at the bottom") != std::string::npos;
  }
  EXPECT_EQ(repeats, 14u);
  EXPECT_EQ(footer, 2u);
  EXPECT_NE(r.output.find("  - Posting Komentar  <- boilerplate"), std::string::npos);
  EXPECT_NE(r.output.find("\nlanguage: id (script Latn), score "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\nverdict: kept, "), std::string::npos);
}

}  // namespace
}  // namespace saring
