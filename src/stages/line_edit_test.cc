#include "stages/line_edit.h"

#include <gtest/gtest.h>

#include "text/line_key.h"

namespace saring {
namespace {

std::string Without(const std::string& text, std::vector<uint8_t> drop) {
  Document doc("d", text);
  return TextWithoutLines(doc, drop);
}

TEST(LineEditTest, SeparatorsSurviveOnlyBetweenKeptLines) {
  EXPECT_EQ(Without("A\n\nB\n\nC", {0, 0, 1, 0, 0}), "A\n\nC");
  EXPECT_EQ(Without("A\nB\nC\n", {0, 1, 0}), "A\nC\n");
  EXPECT_EQ(Without("A\n\nB\nC", {1, 0, 0, 0}), "B\nC");
  EXPECT_EQ(Without("A\n\nB1\nB2", {0, 0, 1, 0}), "A\n\nB2");
  EXPECT_EQ(Without("A\n\n\nB\n\nC", {0, 0, 0, 0, 0, 1}), "A\n\n\nB");
}

TEST(LineEditTest, DropLinesRemovesAnEmptiedDocument) {
  Document doc("d", "Beranda\n\nPosting Komentar\n");
  EXPECT_EQ(DropLines(doc, {1, 0, 1}, "boilerplate", "every line is a template line"), 26u);
  EXPECT_TRUE(doc.removed());
  EXPECT_EQ(doc.removal().rule, "empty_after_repair");
  EXPECT_EQ(doc.removal().reason, "boilerplate: every line is a template line (26 characters)");
  Document keep("k", "a\nb");
  EXPECT_EQ(DropLines(keep, {0, 0}, "x", ""), 0u);
  EXPECT_FALSE(keep.text_changed());
}

TEST(LineEditTest, LineKeysCarryOverToTheRewrittenText) {
  Document doc("d", "Berita Utama!\n\n  \nHujan Deras 12 Jam\nBaca juga: Banjir\n\nWarga   mengungsi.\n");
  size_t chars;
  for (size_t i = 0; i < doc.Lines().size(); i += 2) doc.LineKey(i, &chars);  // some keyed before
  DropLines(doc, {0, 0, 0, 0, 1, 0, 0}, "x", "");
  ASSERT_EQ(doc.text(), "Berita Utama!\n\n\nHujan Deras 12 Jam\n\nWarga   mengungsi.\n");
  ASSERT_EQ(doc.Lines().size(), 6u);
  std::string fresh;
  for (size_t j = 0; j < doc.Lines().size(); ++j) {
    size_t expected_chars = MakeLineKey(doc.Lines()[j], &fresh);
    EXPECT_EQ(doc.LineKey(j, &chars), fresh) << j;
    EXPECT_EQ(chars, expected_chars) << j;
  }
  EXPECT_EQ(doc.LineKey(3, &chars), "hujan deras 00 jam");
}

}  // namespace
}  // namespace saring
