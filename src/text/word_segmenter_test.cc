#include "text/word_segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace saring {
namespace {

std::vector<std::string> Words(std::string_view text) {
  WordSegmenter segmenter;
  std::vector<std::string_view> views;
  segmenter.Segment(text, &views);
  return std::vector<std::string>(views.begin(), views.end());
}

using V = std::vector<std::string>;

// Expected lists written by hand from the sentences' grammar, not taken
// from the segmenter's output.
TEST(WordSegmenterTest, LatinScriptWordsNumbersAndJoiners) {
  EXPECT_EQ(Words("Harga naik 3,5% di Jakarta's pasar \xE2\x80\x94 state-of-the-art, don\xE2\x80\x99t!"),
            (V{"Harga", "naik", "3,5", "di", "Jakarta's", "pasar", "state-of-the-art", "don\xE2\x80\x99t"}));
  EXPECT_EQ(Words("Dibuka pukul 08.30, tiket Rp 1.200.000 (U.S. $80)."),
            (V{"Dibuka", "pukul", "08.30", "tiket", "Rp", "1.200.000", "U", "S", "80"}));
  EXPECT_EQ(Words("  -- 'quoted' -x- end-  "), (V{"quoted", "x", "end"}));
  EXPECT_EQ(Words(""), V{});
  EXPECT_EQ(Words("!!! ... ???"), V{});
}

// Runs of ASCII letters and digits are scanned sixteen bytes at a time:
// every ASCII byte, at every offset of a 16-byte block, must end a run
// exactly when it is neither a letter nor a digit (' and - join letters).
TEST(WordSegmenterTest, EveryAsciiByteInsideLongRuns) {
  for (int c = 1; c < 128; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    const bool joins = c == '\'' || c == '-';
    for (size_t at = 1; at < 20; ++at) {
      const std::string left(at, 'q'), right(22, 'Z');
      const std::string text = left + static_cast<char>(c) + right;
      if (alnum || joins) {
        EXPECT_EQ(Words(text), V{text}) << c << " at " << at;
      } else {
        EXPECT_EQ(Words(text), (V{left, right})) << c << " at " << at;
      }
    }
  }
  // A byte from 0x80 ends an ASCII run too: here it starts a Cyrillic letter.
  EXPECT_EQ(Words("abcdefghijklmnopqrstu\xD0\xB4x"), V{"abcdefghijklmnopqrstu\xD0\xB4x"});
  EXPECT_EQ(Words("abcdefghijklmnopqrstu\xC2\xA0xyz"), (V{"abcdefghijklmnopqrstu", "xyz"}));
}

TEST(WordSegmenterTest, OtherScriptsWrittenWithSpaces) {
  EXPECT_EQ(Words("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80!"),  // Привет, мир!
            (V{"\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", "\xD0\xBC\xD0\xB8\xD1\x80"}));
  // नमस्ते दुनिया: combining vowel signs and virama stay inside the words.
  EXPECT_EQ(Words("\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87 "
                  "\xE0\xA4\xA6\xE0\xA5\x81\xE0\xA4\xA8\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE"),
            (V{"\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87",
               "\xE0\xA4\xA6\xE0\xA5\x81\xE0\xA4\xA8\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE"}));
  // An emoji separates.
  EXPECT_EQ(Words("caf\xC3\xA9\xF0\x9F\x98\x80ol\xC3\xA9"), (V{"caf\xC3\xA9", "ol\xC3\xA9"}));
}

TEST(WordSegmenterTest, Thai) {
  EXPECT_EQ(Words("\xE0\xB8\x89\xE0\xB8\xB1\xE0\xB8\x99\xE0\xB8\x81\xE0\xB8\xB4\xE0\xB8\x99\xE0\xB8\x82\xE0\xB9\x89"
                  "\xE0\xB8\xB2\xE0\xB8\xA7"),  // ฉันกินข้าว: I eat rice
            (V{"\xE0\xB8\x89\xE0\xB8\xB1\xE0\xB8\x99", "\xE0\xB8\x81\xE0\xB8\xB4\xE0\xB8\x99",
               "\xE0\xB8\x82\xE0\xB9\x89\xE0\xB8\xB2\xE0\xB8\xA7"}));
  EXPECT_EQ(Words("\xE0\xB9\x81\xE0\xB8\xA1\xE0\xB8\xA7\xE0\xB8\x99\xE0\xB8\xAD\xE0\xB8\x99\xE0\xB8\x9A\xE0\xB8\x99"
                  "\xE0\xB9\x80\xE0\xB8\x95\xE0\xB8\xB5\xE0\xB8\xA2\xE0\xB8\x87"),  // แมวนอนบนเตียง: the cat sleeps on the bed
            (V{"\xE0\xB9\x81\xE0\xB8\xA1\xE0\xB8\xA7", "\xE0\xB8\x99\xE0\xB8\xAD\xE0\xB8\x99",
               "\xE0\xB8\x9A\xE0\xB8\x99", "\xE0\xB9\x80\xE0\xB8\x95\xE0\xB8\xB5\xE0\xB8\xA2\xE0\xB8\x87"}));
}

TEST(WordSegmenterTest, ChineseAndJapanese) {
  // 我喜欢吃苹果: I like eating apples.
  EXPECT_EQ(Words("\xE6\x88\x91\xE5\x96\x9C\xE6\xAC\xA2\xE5\x90\x83\xE8\x8B\xB9\xE6\x9E\x9C\xE3\x80\x82"),
            (V{"\xE6\x88\x91", "\xE5\x96\x9C\xE6\xAC\xA2", "\xE5\x90\x83", "\xE8\x8B\xB9\xE6\x9E\x9C"}));
  // 猫が好きです: I like cats.
  EXPECT_EQ(Words("\xE7\x8C\xAB\xE3\x81\x8C\xE5\xA5\xBD\xE3\x81\x8D\xE3\x81\xA7\xE3\x81\x99"),
            (V{"\xE7\x8C\xAB", "\xE3\x81\x8C", "\xE5\xA5\xBD\xE3\x81\x8D", "\xE3\x81\xA7\xE3\x81\x99"}));
  // Latin inside Chinese text: iPhone用户 (iPhone users).
  EXPECT_EQ(Words("iPhone\xE7\x94\xA8\xE6\x88\xB7"), (V{"iPhone", "\xE7\x94\xA8\xE6\x88\xB7"}));
}

}  // namespace
}  // namespace saring
