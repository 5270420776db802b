#include "lang/language_code.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

TEST(LanguageCodeTest, BackendLabelsMapToOneScheme) {
  // fastText lid.176 labels
  EXPECT_EQ(CanonicalFastTextLabel("__label__id", true), (LanguageTag{"id", ""}));
  EXPECT_EQ(CanonicalFastTextLabel("__label__no", true).language, "nb");
  EXPECT_EQ(CanonicalFastTextLabel("__label__als", true).language, "gsw");
  EXPECT_EQ(CanonicalFastTextLabel("__label__sh", true).language, "sh");
  EXPECT_EQ(CanonicalFastTextLabel("__label__tl", true).language, "tl");
  EXPECT_EQ(CanonicalFastTextLabel("__label__min", true).language, "min");
  // GlotLID / OpenLID labels: ISO 639-3 plus script
  EXPECT_EQ(CanonicalFastTextLabel("__label__ind_Latn", false), (LanguageTag{"id", "Latn"}));
  EXPECT_EQ(CanonicalFastTextLabel("__label__zsm_Latn", false), (LanguageTag{"ms", "Latn"}));
  EXPECT_EQ(CanonicalFastTextLabel("__label__als_Latn", false).language, "sq");  // Tosk Albanian
  EXPECT_EQ(CanonicalFastTextLabel("__label__srp_Cyrl", false), (LanguageTag{"sr", "Cyrl"}));
  EXPECT_EQ(CanonicalFastTextLabel("__label__bjn_Latn", false), (LanguageTag{"bjn", "Latn"}));
  EXPECT_EQ(CanonicalFastTextLabel("__label__nob_Latn", false).language, "nb");
  // CLD2 codes
  EXPECT_EQ(CanonicalLanguage("iw").language, "he");
  EXPECT_EQ(CanonicalLanguage("jw").language, "jv");
  EXPECT_EQ(CanonicalLanguage("zh-Hant"), (LanguageTag{"zh", "Hant"}));
  EXPECT_EQ(CanonicalLanguage("un").language, "und");
  EXPECT_EQ(CanonicalLanguage("xx-Qaai").language, "und");
  EXPECT_EQ(CanonicalLanguage("").language, "und");
  EXPECT_FALSE(CanonicalLanguage("un").known());
  EXPECT_EQ(CanonicalLanguage("zh-Hant").ToString(), "zh-Hant");
}

TEST(LanguageCodeTest, DominantScript) {
  EXPECT_EQ(DominantScript("Saya makan nasi"), "Latn");
  EXPECT_EQ(DominantScript("Привет, как дела? ok"), "Cyrl");
  EXPECT_EQ(DominantScript("中文维基百科"), "Hani");
  EXPECT_EQ(DominantScript("日本語のテキストです"), "Jpan");
  EXPECT_EQ(DominantScript("ภาษาไทย"), "Thai");
  EXPECT_EQ(DominantScript("12345 !!!"), "");
}

}  // namespace
}  // namespace saring
