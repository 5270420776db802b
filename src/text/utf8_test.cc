#include "text/utf8.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8Test, ValidTextIsUnchanged) {
  std::string out;
  EXPECT_TRUE(IsValidUtf8("Selamat pagi, 世界 🌏"));
  EXPECT_EQ(RepairUtf8("Selamat pagi, 世界 🌏", &out), 0u);
  EXPECT_EQ(out, "Selamat pagi, 世界 🌏");
}

// Expected values follow the "maximal subpart" rule (Unicode 3.9, U+FFFD
// substitution of maximal subparts), worked out byte by byte.
TEST(Utf8Test, LoneLeadByteBecomesOneReplacement) {
  std::string out;
  EXPECT_EQ(RepairUtf8("a\xC3(b", &out), 1u);  // C3 needs a continuation; '(' is not one
  EXPECT_EQ(out, "a" + kFffd + "(b");
}

TEST(Utf8Test, TruncatedThreeByteSequenceIsOneReplacement) {
  std::string out;
  EXPECT_EQ(RepairUtf8("x\xE2\x82", &out), 1u);  // E2 82 is a valid prefix of E2 82 AC (€)
  EXPECT_EQ(out, "x" + kFffd);
}

TEST(Utf8Test, OverlongEncodingsAreReplacedBytewise) {
  std::string out;
  EXPECT_EQ(RepairUtf8("\xC0\xAF", &out), 2u);  // C0 never starts a sequence; AF is stray
  EXPECT_EQ(out, kFffd + kFffd);
  EXPECT_EQ(RepairUtf8("\xF0\x80\x80\xAF", &out), 4u);  // F0 must be followed by 90..BF
  EXPECT_EQ(out, kFffd + kFffd + kFffd + kFffd);
}

TEST(Utf8Test, SurrogatesAndOutOfRangeAreInvalid) {
  std::string out;
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80", &out), 3u);  // ED must be followed by 80..9F
  EXPECT_EQ(RepairUtf8("\xF4\x90\x80\x80", &out), 4u);  // above U+10FFFF
  EXPECT_EQ(RepairUtf8("\xFF", &out), 1u);
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("dün"), 3u);
  EXPECT_EQ(CountCodePoints("日本語"), 3u);
  EXPECT_EQ(CountCodePoints("🌏!"), 2u);
}

}  // namespace
}  // namespace saring
