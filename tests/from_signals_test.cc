// `saring signals` then `saring clean --from-signals`: deciding from stored
// signals gives the decisions computing them gives, thresholds can be
// re-tuned without recomputing, and records without signals are errors.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>

#include "saring/clean.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::ReadOutput;
using testing::SplitLines;

std::string Line(const std::string& id, const std::string& text) {
  std::string escaped;
  for (char c : text) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  return "{\"id\":\"" + id + "\",\"text\":\"" + escaped + "\"}\n";
}

// id -> removed_reason ("" for a kept document).
std::map<std::string, std::string> Fates(const std::string& out) {
  std::map<std::string, std::string> reasons;
  for (const auto& [id, fate] : testing::FatesById(out)) reasons[id] = fate.reason;
  return reasons;
}

const char kArticle[] =
    "The town council met on Tuesday evening to discuss the new library, which has been closed "
    "for repairs since the spring. Several residents asked when the children's section would open "
    "again, and the council said that the work should be finished before the end of the year. The "
    "builders have replaced the roof and the windows, and the shelves will be moved back in "
    "November.";

// The article is one line of 372 characters and 65 words.
std::string Corpus() {
  std::string menu;  // navigation: eight lines without a line-end mark
  for (const char* item : {"Home", "News", "Sport", "Weather", "Business", "Travel", "Contact",
                           "About"}) {
    menu += std::string("\n") + item;
  }
  return Line("article", kArticle) +
         Line("repeats", std::string(kArticle) + "\nBuy now\nBuy now\nBuy now\nBuy now\nCall us") +
         Line("menu", std::string(kArticle) + menu) +
         Line("short", "The library is closed today because of the storm, said the council.");
}

TEST(FromSignalsTest, StoredSignalsDecideAsComputedOnes) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), Corpus());
  const std::vector<std::string> cld2 = {"language.backend=cld2"};
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("direct"), 2, "fineweb2", cld2);
  CleanReport s = testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("signals"), 2,
                                          "signals", cld2);
  EXPECT_EQ(s.docs_kept, 4u);
  std::vector<std::string> from = cld2;
  from.push_back("input.from_signals=true");
  testing::RunCleanOrFail({dir.Join("signals/kept")}, dir.Join("from"), 2, "fineweb2", from);

  std::map<std::string, std::string> direct = Fates(dir.Join("direct"));
  ASSERT_EQ(direct.size(), 4u);
  EXPECT_EQ(direct["article"], "");
  // 6 lines, "Buy now" 4 times: 3 repeats, 0.50 of the lines.
  EXPECT_EQ(direct["repeats"], "gopher_repetition: dup_line_frac 0.50 > 0.30");
  // 9 lines, only the article's ends in a mark: 1/9.
  EXPECT_EQ(direct["menu"], "fineweb: line_punct_frac 0.11 <= 0.12");
  // 67 characters; its most frequent 3-gram is its first, "The library is"
  // (once, 14 characters): 0.21, over Gopher's 0.18 before its 12 words
  // are counted.
  EXPECT_EQ(direct["short"], "gopher_repetition: top_3gram_char_frac 0.21 > 0.18");
  EXPECT_EQ(Fates(dir.Join("from")), direct);

  // The stored signals and language stay on what a --from-signals run
  // writes.
  std::string kept = ReadOutput(dir.Join("from"), "kept");
  EXPECT_NE(kept.find("\"signals\":{\"dup_para_frac\":0,"), std::string::npos) << kept;
  EXPECT_NE(kept.find("\"language\":\"en\""), std::string::npos) << kept;

  // Re-tuned without recomputing: a looser repetition threshold keeps the
  // page whose "Buy now" repeats (0.50 is not > 0.5; its 21 repeated
  // characters are under FineWeb-2's 10%, which the preset's map sets and
  // the override must repeat).
  from.push_back("quality.thresholds={dup_line_frac: 0.5, dup_line_chars_frac: 0.1}");
  testing::RunCleanOrFail({dir.Join("signals/kept")}, dir.Join("retuned"), 1, "fineweb2", from);
  EXPECT_EQ(Fates(dir.Join("retuned"))["repeats"], "");
}

TEST(FromSignalsTest, RecordsWithoutSignalsAreErrors) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), Line("plain", kArticle));
  testing::WriteFile(dir.Join("page.txt"), kArticle);
  CleanReport r = testing::RunCleanOrFail({dir.Join("in.jsonl"), dir.Join("page.txt")},
                                          dir.Join("out"), 1, "fineweb2",
                                          {"input.from_signals=true", "language.backend=cld2"});
  EXPECT_EQ(r.docs_in, 2u);
  EXPECT_EQ(r.docs_error, 2u);
  std::string errors = ReadOutput(dir.Join("out"), "errors");
  EXPECT_NE(errors.find("\"error\":\"missing_signals\",\"message\":\"no \\\"saring.signals\\\" "
                        "object to decide from"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("a .txt file has no stored signals"), std::string::npos) << errors;
}

TEST(FromSignalsTest, StagesThatRewriteTheTextFirstAreAUsageError) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), Line("plain", kArticle));
  CleanOptions o;
  o.inputs = {dir.Join("in.jsonl")};
  o.output_dir = dir.Join("out");
  ASSERT_TRUE(LoadPreset("default", &o.config).ok());
  o.config.input.from_signals = true;
  CleanReport r;
  Status s = RunClean(o, &r);
  EXPECT_EQ(s.message(),
            "--from-signals: stage 'repeats' runs before 'quality' and changes the text the stored "
            "signals describe; disable it (--set repeats.enabled=false) or recompute the signals");
}

}  // namespace
}  // namespace saring
