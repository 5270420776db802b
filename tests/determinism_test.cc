// Determinism: the same input gives the same output bytes for 1, 2 and 8
// threads and on every rerun, with every stage that needs the whole corpus
// in the pipeline (common_lines, line_dedup, dedup), bad records included.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>

#include "near_dup_corpus.h"
#include "saring/clean.h"
#include "saring/config.h"
#include "test_util.h"

namespace saring {
namespace {

TEST(DeterminismTest, SameBytesForOneTwoAndEightThreadsAndReruns) {
  testing::TempDir dir;
  // The example corpus twice (exact duplicates, bad lines, pages as .txt)
  // and generated near duplicates, in small batches: many batches per
  // thread, finishing in any order.
  const std::string examples = testing::ReadFile(testing::SourceDir() + "/examples/corpus/web-sample.jsonl");
  bench::NearDupOptions o;
  o.bases = 150;
  testing::WriteFile(dir.Join("in/a.jsonl"), examples + bench::NearDupJsonl(bench::GenerateNearDupCorpus(o)));
  testing::WriteFile(dir.Join("in/b.jsonl"), examples);
  std::filesystem::copy(testing::SourceDir() + "/examples/corpus/pages", dir.Join("in/pages"));

  CleanOptions options;
  options.inputs = {dir.Join("in")};
  options.batch_bytes = 4096;
  options.max_error_messages = 0;
  ASSERT_TRUE(LoadPreset("default", &options.config).ok());
  PipelineConfig extra;
  ASSERT_TRUE(ParseConfigYaml("stages:\n  - line_dedup: {}\n  - dedup: {verify: estimated}\n",
                              "test", &extra)
                  .ok());
  for (const StageConfig& stage : extra.stages) options.config.stages.push_back(stage);

  std::vector<std::string> runs;
  for (const int threads : {1, 2, 8, 8}) {
    options.threads = threads;
    options.output_dir = dir.Join("out" + std::to_string(runs.size()));
    CleanReport report;
    const Status s = RunClean(options, &report);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_GT(report.docs_removed, 100u);
    EXPECT_GT(report.docs_error, 0u);
    runs.push_back(options.output_dir);
  }
  for (const char* sub : {"kept", "removed", "errors"}) {
    const std::vector<std::string> first = testing::OutputFiles(runs[0], sub);
    ASSERT_FALSE(first.empty()) << sub;
    for (size_t r = 1; r < runs.size(); ++r) {
      const std::vector<std::string> other = testing::OutputFiles(runs[r], sub);
      ASSERT_EQ(first.size(), other.size()) << sub << " run " << r;
      for (size_t f = 0; f < first.size(); ++f) {  // compressed bytes, shard by shard
        EXPECT_EQ(testing::ReadFile(first[f]), testing::ReadFile(other[f])) << sub << " run " << r;
      }
    }
  }
  // The counts agree too (stats.json also holds timings, which do not).
  simdjson::dom::parser p;
  for (const char* section : {"documents", "removed", "repairs", "errors"}) {
    const std::string first = simdjson::minify(p.load(runs[0] + "/stats.json")[section]);
    for (size_t r = 1; r < runs.size(); ++r) {
      EXPECT_EQ(simdjson::minify(p.load(runs[r] + "/stats.json")[section]), first) << section;
    }
  }
}

}  // namespace
}  // namespace saring
