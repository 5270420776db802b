#include "quality/thresholds.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

// Indonesian: the values issue 5 quotes from FineWeb-2.
TEST(ThresholdsTest, IndonesianIsFineWeb2s) {
  const LanguageProfile* id = FindLanguageProfile("id");
  ASSERT_NE(id, nullptr);
  const std::map<std::string, double> expected = {
      {"dup_line_frac", 0.241},        {"top_2gram_char_frac", 0.194},
      {"top_3gram_char_frac", 0.166},  {"top_4gram_char_frac", 0.145},
      {"dup_5gram_char_frac", 0.166},  {"dup_6gram_char_frac", 0.155},
      {"dup_7gram_char_frac", 0.144},  {"dup_8gram_char_frac", 0.133},
      {"dup_9gram_char_frac", 0.122},  {"dup_10gram_char_frac", 0.111},
      {"min_line_punct_frac", 0.111},  {"newlines_per_word", 0.157},
      {"min_mean_word_length", 3},     {"max_mean_word_length", 12},
      {"min_alpha_words_frac", 0.805},
  };
  EXPECT_EQ(id->thresholds, expected);
  EXPECT_EQ(id->stop_words, (std::vector<std::string>{"dan", "yang", "di", "pada", "dari", "ini",
                                                      "dengan", "adalah", "untuk", "dalam"}));
  EXPECT_DOUBLE_EQ(id->language_score, 0.685);
}

// At least 30 languages, each with stop words, and every threshold name a
// rule knows.
TEST(ThresholdsTest, ThirtyTwoLanguagesWithStopWords) {
  std::vector<std::string> languages = ProfileLanguages();
  EXPECT_EQ(languages.size(), 32u);
  EXPECT_EQ(languages.front(), "en");
  std::vector<std::string> names;
  for (const QualityRule& r : PublishedRules()) names.push_back(r.threshold);
  for (const std::string& l : languages) {
    const LanguageProfile* p = FindLanguageProfile(l);
    ASSERT_NE(p, nullptr) << l;
    EXPECT_GE(p->stop_words.size(), 8u) << l;
    for (const auto& [name, value] : p->thresholds) {
      EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << l << " " << name;
    }
  }
  // Scripts written without spaces have short words: Japanese 1..6, Chinese 1..5.
  EXPECT_EQ(FindLanguageProfile("ja")->thresholds.at("max_mean_word_length"), 6);
  EXPECT_EQ(FindLanguageProfile("zh")->thresholds.at("min_mean_word_length"), 1);
  EXPECT_EQ(FindLanguageProfile("pt")->stop_words[9], "no");  // a string, not YAML's false
  EXPECT_EQ(FindLanguageProfile("xx"), nullptr);
}

}  // namespace
}  // namespace saring
