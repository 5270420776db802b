#include "stages/length_filter.h"

#include <gtest/gtest.h>

#include "stages/stage_registry.h"

namespace saring {
namespace {

TEST(LengthFilterTest, CountsCharactersNotBytes) {
  LengthFilterOptions o;
  o.min_chars = 5;
  LengthFilter f(o);
  Document thai("t", "สวัสดี");  // 6 code points, 18 bytes
  f.Process(thai);
  EXPECT_FALSE(thai.removed());
  Document short_doc("s", "日本");  // 2 code points
  f.Process(short_doc);
  ASSERT_TRUE(short_doc.removed());
  EXPECT_EQ(short_doc.removal().stage, "length");
  EXPECT_EQ(short_doc.removal().rule, "min_chars");
  EXPECT_EQ(short_doc.removal().reason, "length: chars 2 < 5");
}

TEST(LengthFilterTest, WordBoundsAndAnnotations) {
  LengthFilterOptions o;
  o.min_words = 3;
  o.max_words = 4;
  o.annotate = true;
  LengthFilter f(o);
  Document two("a", "two words");
  f.Process(two);
  ASSERT_TRUE(two.removed());
  EXPECT_EQ(two.removal().reason, "length: words 2 < 3");
  Document five("b", "one two  three\nfour five");
  f.Process(five);
  ASSERT_TRUE(five.removed());
  EXPECT_EQ(five.removal().reason, "length: words 5 > 4");
  ASSERT_EQ(five.annotations().size(), 2u);
  EXPECT_EQ(five.annotations()[0], (std::pair<std::string, std::string>{"chars", "24"}));
  EXPECT_EQ(five.annotations()[1], (std::pair<std::string, std::string>{"words", "5"}));
}

TEST(LengthFilterTest, FactoryRejectsTyposWithSuggestion) {
  YAML::Node params = YAML::Load("{min_char: 10}");
  std::unique_ptr<Stage> stage;
  Status s = CreateStage({"length", params}, &stage);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "unknown key 'min_char' in stage 'length' (did you mean 'min_chars'?)");
  s = CreateStage({"length", YAML::Load("{min_chars: -3}")}, &stage);
  EXPECT_FALSE(s.ok());
  s = CreateStage({"lenght", YAML::Load("{}")}, &stage);
  EXPECT_EQ(s.message(), "unknown stage 'lenght' (did you mean 'length'?)");
}

}  // namespace
}  // namespace saring
