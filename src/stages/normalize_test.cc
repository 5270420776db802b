#include "stages/normalize.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

std::string Spacing(std::string_view in, NormalizeOptions o = {}) {
  std::string out;
  return NormalizeSpacing(in, o, &out) ? out : std::string(in);
}

TEST(NormalizeSpacingTest, NewlinesBecomeLf) {
  EXPECT_EQ(Spacing("a\r\nb\rc\nd"), "a\nb\nc\nd");
  EXPECT_EQ(Spacing("a\xE2\x80\xA8" "b\xC2\x85" "c"), "a\nb\nc");  // U+2028, U+0085
}

TEST(NormalizeSpacingTest, SpacesCollapseAndLinesAreTrimmed) {
  EXPECT_EQ(Spacing("  Kata   demi\tkata  \n  baris dua  "), "Kata demi kata\nbaris dua");
  // NO-BREAK SPACE, EN SPACE, IDEOGRAPHIC SPACE
  EXPECT_EQ(Spacing("a\xC2\xA0" "b\xE2\x80\x82" "c\xE3\x80\x80" "d"), "a b c d");
}

TEST(NormalizeSpacingTest, BlankLineRunsAreCappedAndEndsTrimmed) {
  EXPECT_EQ(Spacing("\n\n  \npara one\n\n\n\n\npara two\n \n"), "para one\n\npara two");
  NormalizeOptions o;
  o.max_blank_lines = 0;
  EXPECT_EQ(Spacing("a\n\n\nb", o), "a\nb");
}

TEST(NormalizeSpacingTest, ControlAndInvisibleCharactersAreDropped) {
  EXPECT_EQ(Spacing(std::string("a\0b\x07" "c\x7f", 6)), "abc");
  EXPECT_EQ(Spacing("\xEF\xBB\xBFstart"), "start");              // BOM
  EXPECT_EQ(Spacing("zero\xE2\x80\x8Bwidth"), "zerowidth");      // U+200B
  // ZERO WIDTH NON-JOINER spells Persian words: kept.
  EXPECT_EQ(Spacing("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85"),
            "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85");
}

TEST(NormalizeSpacingTest, OptionsTurnRulesOff) {
  NormalizeOptions o;
  o.whitespace = false;
  o.strip_control = false;
  EXPECT_EQ(Spacing("a  b\x07", o), "a  b\x07");
}

TEST(NormalizeSpacingTest, ReportsWhetherAnythingChanged) {
  std::string out;
  EXPECT_FALSE(NormalizeSpacing("already clean\n\ntext", NormalizeOptions{}, &out));
  EXPECT_TRUE(NormalizeSpacing("not  clean", NormalizeOptions{}, &out));
}

TEST(NormalizeNfcTest, ComposesCombiningMarks) {
  std::string out;
  // "e" + COMBINING ACUTE ACCENT -> "é"; Vietnamese with stacked marks.
  ASSERT_TRUE(NormalizeNfc("caf" "e\xCC\x81", &out));
  EXPECT_EQ(out, "caf\xC3\xA9");
  ASSERT_TRUE(NormalizeNfc("Vie\xCC\xA3\xCC\x82t", &out));
  EXPECT_EQ(out, "Vi\xE1\xBB\x87t");  // ệ U+1EC7
  EXPECT_FALSE(NormalizeNfc("plain ASCII and caf\xC3\xA9", &out));
  EXPECT_FALSE(NormalizeNfc("日本語のテキスト", &out));
}

TEST(NormalizeStageTest, RewritesTextAndKeepsCleanTextUntouched) {
  NormalizeStage stage{NormalizeOptions{}};
  Document messy("1", "Judul\r\n\r\n\r\nIsi   berita.  ");
  stage.Process(messy);
  EXPECT_FALSE(messy.removed());
  EXPECT_TRUE(messy.text_changed());
  EXPECT_EQ(messy.text(), "Judul\n\nIsi berita.");
  Document clean("2", "Judul\n\nIsi berita.");
  stage.Process(clean);
  EXPECT_FALSE(clean.text_changed());
}

TEST(NormalizeStageTest, InvalidUtf8Policy) {
  NormalizeStage lenient{NormalizeOptions{}};
  // 1 replacement in 200 characters: 0.005 <= 0.01, kept.
  Document few("a", std::string(199, 'x') + "\xEF\xBF\xBD");
  few.set_invalid_utf8_replaced(1);
  lenient.Process(few);
  EXPECT_FALSE(few.removed());
  // 5 in 50 characters: 0.1 > 0.01, removed.
  Document many("b", std::string(45, 'x') + "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  many.set_invalid_utf8_replaced(5);
  lenient.Process(many);
  ASSERT_TRUE(many.removed());
  EXPECT_EQ(many.removal().rule, "invalid_utf8_fraction");
  EXPECT_EQ(many.removal().reason, "normalize: invalid_utf8_fraction 0.100 > 0.01");

  NormalizeOptions strict;
  strict.invalid_utf8 = "remove";
  NormalizeStage remover{strict};
  Document one("c", "ok \xEF\xBF\xBD");
  one.set_invalid_utf8_replaced(1);
  remover.Process(one);
  ASSERT_TRUE(one.removed());
  EXPECT_EQ(one.removal().reason, "normalize: invalid_utf8 1 sequences > 0");
}

}  // namespace
}  // namespace saring
