// Runs on the real Common Crawl sample in ../shared when it is there
// (697 documents, many languages); skipped with a message otherwise.

#include <gtest/gtest.h>

#include "saring/clean.h"
#include "test_util.h"

namespace saring {
namespace {

std::string SampleOrSkip() {
  std::string shared = testing::SharedDir();
  return shared.empty() ? "" : shared + "/data/cc-main-2019-sample.jsonl.gz";
}

TEST(SharedDataTest, PassthroughKeepsEveryCommonCrawlDocumentByteForByte) {
  std::string sample = SampleOrSkip();
  if (sample.empty()) GTEST_SKIP() << "../shared/data is absent: Common Crawl sample test skipped";
  testing::TempDir dir;
  CleanReport r = testing::RunCleanOrFail({sample}, dir.Join("out"), 2, "passthrough");
  EXPECT_EQ(r.docs_in, 697u);
  // 27 WET records have "text":"" (grep -c '"text":""'): errors, as
  // empty_text; every other line is written as it came.
  EXPECT_EQ(r.docs_kept, 670u);
  EXPECT_EQ(r.docs_error, 27u);
  std::string expected;
  for (const std::string& line : testing::SplitLines(testing::ReadDecompressed(sample))) {
    if (line.find("\"text\":\"\"") == std::string::npos) expected += line + "\n";
  }
  EXPECT_EQ(testing::ReadOutput(dir.Join("out"), "kept"), expected);
  for (const std::string& line : testing::SplitLines(testing::ReadOutput(dir.Join("out"), "errors"))) {
    EXPECT_NE(line.find("\"error\":\"empty_text\""), std::string::npos) << line;
  }
}

TEST(SharedDataTest, DefaultPresetAccountsForEveryDocumentAtAnyThreadCount) {
  std::string sample = SampleOrSkip();
  if (sample.empty()) GTEST_SKIP() << "../shared/data is absent: Common Crawl sample test skipped";
  testing::TempDir dir;
  CleanReport one = testing::RunCleanOrFail({sample}, dir.Join("t1"), 1, "default");
  CleanReport two = testing::RunCleanOrFail({sample}, dir.Join("t2"), 2, "default");
  EXPECT_EQ(one.docs_in, 697u);
  EXPECT_EQ(one.docs_error, 27u);  // the records with empty text
  EXPECT_EQ(one.docs_in, one.docs_kept + one.docs_removed + one.docs_error);
  // The fragment floor and the repairs remove under 100 pages (88 when the
  // quality stage landed); the quality stage judges the rest, and on this
  // WET text (navigation, listings, profile pages) it keeps about half.
  testing::TempDir no_quality;
  CleanReport floor_only = testing::RunCleanOrFail({sample}, no_quality.Join("out"), 2, "default",
                                                   {"quality.enabled=false"});
  EXPECT_GT(floor_only.docs_kept, 600u);
  EXPECT_GT(one.docs_kept, 250u);
  EXPECT_LT(one.docs_kept, floor_only.docs_kept);
  for (const char* sub : {"kept", "removed"}) {
    EXPECT_EQ(testing::ReadFile(testing::OutputFiles(dir.Join("t1"), sub).at(0)),
              testing::ReadFile(testing::OutputFiles(dir.Join("t2"), sub).at(0)))
        << sub;
  }
  EXPECT_EQ(two.docs_kept, one.docs_kept);
}

}  // namespace
}  // namespace saring
