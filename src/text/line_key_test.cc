#include "text/line_key.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <random>

namespace saring {
namespace {

std::string Key(std::string_view s) {
  std::string k;
  MakeLineKey(s, &k);
  return k;
}

TEST(LineKeyTest, CaseDigitsPunctuationAndSpaces) {
  std::string k;
  EXPECT_EQ(MakeLineKey("  Baca juga: 10 Tips   Jitu! ", &k), 22u);
  EXPECT_EQ(k, "baca juga 00 tips jitu");
  EXPECT_EQ(Key("Silahkan berkomentar dengan baik & sopan"),
            "silahkan berkomentar dengan baik sopan");
  EXPECT_EQ(Key("Share:"), Key("share"));
  EXPECT_EQ(Key("© 2019 Kompas.com"), "0000 kompas com");
}

TEST(LineKeyTest, NonAsciiLettersFoldAndDigitsOfOtherScriptsAreZero) {
  EXPECT_EQ(Key("ПОДЕЛИТЬСЯ"), "поделиться");
  EXPECT_EQ(Key("Straße"), "straße");      // simple folding keeps ß
  EXPECT_EQ(Key("٢٠١٩ عام"), "0000 عام");  // Arabic-Indic digits
  EXPECT_EQ(Key("«Читайте также»"), "читайте также");
  EXPECT_EQ(Key("分享到：微博"), "分享到 微博");  // fullwidth colon separates
}

TEST(LineKeyTest, FormatCharactersVanishAndCountsAreCodePoints) {
  std::string k;
  EXPECT_EQ(MakeLineKey("soft\xC2\xADhyphen", &k), 10u);  // U+00AD dropped
  EXPECT_EQ(k, "softhyphen");
  EXPECT_EQ(MakeLineKey("日本語", &k), 3u);
  EXPECT_EQ(MakeLineKey(" ... !!! ", &k), 0u);
  EXPECT_EQ(k, "");
}

TEST(LineKeyTest, WordHashesFollowKeyWords) {
  std::vector<uint64_t> h;
  HashKeyWords("a bb a", &h);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0], h[2]);
  EXPECT_NE(h[0], h[1]);
  EXPECT_EQ(h[1], HashKey("bb"));
  HashKeyWords("", &h);
  EXPECT_TRUE(h.empty());
}

// The key as line_key.h defines it, one code point at a time with ICU and
// no fast paths: the reference the optimized MakeLineKey must agree with.
std::string ReferenceKey(std::string_view text, size_t* chars) {
  std::string key;
  *chars = 0;
  bool pending = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, len = static_cast<int32_t>(text.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) continue;
    int8_t type = u_charType(c);
    bool digit = type == U_DECIMAL_DIGIT_NUMBER;
    bool drop = type == U_FORMAT_CHAR || (c < 0x20 && !u_isspace(c)) || c == 0x7F;
    bool separator =
        !digit && !drop &&
        (u_isspace(c) || type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR ||
         type == U_PARAGRAPH_SEPARATOR || (type >= U_DASH_PUNCTUATION && type <= U_OTHER_SYMBOL) ||
         type == U_INITIAL_PUNCTUATION || type == U_FINAL_PUNCTUATION || type == U_CONTROL_CHAR);
    if (drop) continue;
    if (separator) {
      pending = !key.empty();
      continue;
    }
    if (pending) {
      key += ' ';
      ++*chars;
      pending = false;
    }
    UChar32 out = digit ? '0' : u_foldCase(c, U_FOLD_CASE_DEFAULT);
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, out);
    key.append(buf, static_cast<size_t>(n));
    ++*chars;
  }
  return key;
}

TEST(LineKeyTest, AgreesWithAPlainReferenceOnRandomText) {
  // Pieces that stress the fast paths: runs of letters and digits longer
  // and shorter than 16 bytes, single and double spaces, tabs, punctuation,
  // multi-byte letters, digits and spaces, a format character, a control.
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "m",
                                           "Word",
                                           "ABCDEFGHIJKLMNOPQRSTU",
                                           "0",
                                           "42",
                                           "1234567890123456789",
                                           " ",
                                           "  ",
                                           "\t",
                                           ".",
                                           ",",
                                           "-",
                                           "'",
                                           "@",
                                           "[",
                                           "`",
                                           "{",
                                           "\x7f",
                                           "\x01",
                                           "\xC3\xA9",
                                           "\xC3\x89",
                                           "\xCE\xA3",
                                           "\xD0\x96",
                                           "\xE4\xB8\xAD",
                                           "\xE0\xB8\x81",
                                           "\xD9\xA3",
                                           "\xE2\x80\x94",
                                           "\xC2\xA0",
                                           "\xE2\x80\x8D",
                                           "\xF0\x9F\x98\x80",
                                           "\xE2\x84\xAA"};
  std::mt19937_64 rng(7);
  std::string text, key;
  for (int round = 0; round < 20000; ++round) {
    text.clear();
    size_t n = rng() % 40;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    size_t expected_chars;
    std::string expected = ReferenceKey(text, &expected_chars);
    size_t chars = MakeLineKey(text, &key);
    ASSERT_EQ(key, expected) << "text: " << text;
    ASSERT_EQ(chars, expected_chars) << "text: " << text;
  }
}

}  // namespace
}  // namespace saring
