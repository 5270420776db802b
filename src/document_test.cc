#include "saring/document.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

using Views = std::vector<std::string_view>;

TEST(DocumentTest, LinesParagraphsWords) {
  Document d("1", "Judul berita\n\nParagraf satu,\nlanjutan.\n \nParagraf dua.\n");
  EXPECT_EQ(d.Lines(),
            (Views{"Judul berita", "", "Paragraf satu,", "lanjutan.", " ", "Paragraf dua."}));
  EXPECT_EQ(d.Paragraphs(), (Views{"Judul berita", "Paragraf satu,\nlanjutan.", "Paragraf dua."}));
  // Punctuation is not part of words (see text/word_segmenter.h).
  EXPECT_EQ(d.Words(),
            (Views{"Judul", "berita", "Paragraf", "satu", "lanjutan", "Paragraf", "dua"}));
  EXPECT_EQ(d.CharCount(), 55u);  // 12+2 + 14+1 + 9+1 + 1+1 + 13+1
}

TEST(DocumentTest, WithoutBlankLinesEachLineIsAParagraph) {
  Document d("1", "Judul\nParagraf satu.\nParagraf dua.\n");
  EXPECT_EQ(d.Paragraphs(), (Views{"Judul", "Paragraf satu.", "Paragraf dua."}));
  Document mixed("2", "Judul\n\nbaris satu\nbaris dua");
  EXPECT_EQ(mixed.Paragraphs(), (Views{"Judul", "baris satu\nbaris dua"}));
}

TEST(DocumentTest, EdgeCases) {
  Document empty("e", "");
  EXPECT_TRUE(empty.Lines().empty());
  EXPECT_TRUE(empty.Paragraphs().empty());
  EXPECT_TRUE(empty.Words().empty());
  Document one("o", "satu baris");
  EXPECT_EQ(one.Lines(), (Views{"satu baris"}));
  EXPECT_EQ(one.Paragraphs(), (Views{"satu baris"}));
  Document blank("b", "\n\n");
  EXPECT_EQ(blank.Lines(), (Views{"", ""}));
  EXPECT_TRUE(blank.Paragraphs().empty());
}

TEST(DocumentTest, SetTextRecomputesViews) {
  Document d("1", "a b c");
  EXPECT_EQ(d.Words().size(), 3u);
  EXPECT_FALSE(d.text_changed());
  d.SetText("x y");
  EXPECT_TRUE(d.text_changed());
  EXPECT_EQ(d.Words(), (Views{"x", "y"}));
  EXPECT_EQ(d.CharCount(), 3u);
}

TEST(DocumentTest, RemovalAndAnnotations) {
  Document d("1", "t");
  EXPECT_FALSE(d.removed());
  d.Annotate("ratio", 0.25);
  d.AnnotateString("lang", "id");
  d.Remove("length", "min_chars", "length: chars 1 < 200");
  ASSERT_TRUE(d.removed());
  EXPECT_EQ(d.removal().stage, "length");
  EXPECT_EQ(d.annotations()[0].second, "0.25");
  EXPECT_EQ(d.annotations()[1].second, "\"id\"");
  d.Reset("2", "u");
  EXPECT_FALSE(d.removed());
  EXPECT_TRUE(d.annotations().empty());
}

}  // namespace
}  // namespace saring
