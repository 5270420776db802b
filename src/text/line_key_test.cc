#include "text/line_key.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(Key("Silahkan berkomentar dengan baik & sopan"), "silahkan berkomentar dengan baik sopan");
  EXPECT_EQ(Key("Share:"), Key("share"));
  EXPECT_EQ(Key("© 2019 Kompas.com"), "0000 kompas com");
}

TEST(LineKeyTest, NonAsciiLettersFoldAndDigitsOfOtherScriptsAreZero) {
  EXPECT_EQ(Key("ПОДЕЛИТЬСЯ"), "поделиться");
  EXPECT_EQ(Key("Straße"), "straße");  // simple folding keeps ß
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

}  // namespace
}  // namespace saring
