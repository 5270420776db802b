#include "stages/c4_filter.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

std::unique_ptr<Stage> MakeStage(const std::string& yaml = "{}") {
  std::unique_ptr<Stage> stage;
  Status s = CreateC4Filter(YAML::Load(yaml), &stage);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return stage;
}

// Ten lines; five go, each for one rule, and the citation mark goes from
// the first. The five kept lines are five sentences: enough.
TEST(C4FilterTest, LineRulesRewriteThePage) {
  const std::string long_word(1001, 'x');
  Document doc;
  doc.Reset("t",
            "Breaking news from the city council today.[1]\n"
            "Click here\n"
            "The mayor said the budget will grow next year.\n"
            "Enable JavaScript to view this page properly.\n"
            "This site uses cookies to improve your experience.\n"
            "  Residents asked many questions at the long meeting.  \n"
            "Short line.\n"
            "A very long word " +
                long_word +
                " appears here.\n"
                "Officials will publish the final report in June.\n"
                "The vote is expected next month, they said.\n");
  auto stage = MakeStage();
  stage->Process(doc);
  ASSERT_FALSE(doc.removed()) << doc.removal().reason;
  EXPECT_EQ(doc.text(),
            "Breaking news from the city council today.\n"
            "The mayor said the budget will grow next year.\n"
            "Residents asked many questions at the long meeting.\n"
            "Officials will publish the final report in June.\n"
            "The vote is expected next month, they said.");
  auto counters = stage->TakeCounters();
  EXPECT_EQ(counters["lines_removed_no_terminal_punct"], 1u);
  EXPECT_EQ(counters["lines_removed_javascript"], 1u);
  EXPECT_EQ(counters["lines_removed_policy"], 1u);
  EXPECT_EQ(counters["lines_removed_too_few_words"], 1u);
  EXPECT_EQ(counters["lines_removed_too_long_word"], 1u);
  EXPECT_EQ(counters["docs_repaired"], 1u);
}

// Sentences are counted in kept lines: two in the first line, one in each
// of two more: 4 < 5. A line ending in "..." is not a terminated line.
TEST(C4FilterTest, TooFewSentences) {
  Document doc;
  doc.Reset("t",
            "It rained all day. We stayed at home.\n"
            "The river rose above the old bridge.\n"
            "And then the water slowly went down...\n"
            "Nobody was hurt in the whole town.\n");
  auto stage = MakeStage();
  stage->Process(doc);
  ASSERT_TRUE(doc.removed());
  EXPECT_EQ(doc.removal().rule, "too_few_sentences");
  EXPECT_EQ(doc.removal().reason, "c4: sentences 4 < 5");
  doc.Reset("t", "It rained all day. We stayed at home.\nThe river rose above the old bridge.\n");
  auto lenient = MakeStage("{min_sentences: 3}");
  lenient->Process(doc);
  EXPECT_FALSE(doc.removed());
}

// Page rules fire only on a line the line rules kept: a "{" on a line
// without terminal punctuation is just a dropped line.
TEST(C4FilterTest, PageRules) {
  auto stage = MakeStage("{min_sentences: 0}");
  Document doc;
  doc.Reset("t", "Lorem ipsum dolor sit amet, consectetur.\nA normal sentence is here.\n");
  stage->Process(doc);
  ASSERT_TRUE(doc.removed());
  EXPECT_EQ(doc.removal().reason, "c4: lorem_ipsum");
  doc.Reset("t", "var settings = {\nThe page has one real sentence.\n");
  stage->Process(doc);
  EXPECT_FALSE(doc.removed());
  EXPECT_EQ(doc.text(), "The page has one real sentence.");
  doc.Reset("t", "Call f() { return 1; } to get one.\n");
  stage->Process(doc);
  ASSERT_TRUE(doc.removed());
  EXPECT_EQ(doc.removal().reason, "c4: curly_bracket");
}

TEST(C4FilterTest, RulesCanBeTurnedOff) {
  auto stage = MakeStage(
      "{terminal_punct: false, min_words_per_line: 0, javascript: false, policy: false, "
      "min_sentences: 0, remove_citations: false}");
  Document doc;
  doc.Reset("t", "Click here [2]\nEnable JavaScript, we use cookies.\n");
  stage->Process(doc);
  EXPECT_FALSE(doc.removed());
  EXPECT_EQ(doc.text(), "Click here [2]\nEnable JavaScript, we use cookies.");
  std::unique_ptr<Stage> bad;
  Status s = CreateC4Filter(YAML::Load("{min_sentence: 3}"), &bad);
  EXPECT_NE(s.ToString().find("min_sentences"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace saring
