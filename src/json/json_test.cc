#include <gtest/gtest.h>

#include "json/json_writer.h"
#include "json/object_scanner.h"

namespace saring {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

TEST(JsonWriterTest, EscapesOnlyWhatJsonRequires) {
  EXPECT_EQ(Quoted("plain"), "\"plain\"");
  EXPECT_EQ(Quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quoted("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
  EXPECT_EQ(Quoted(std::string("nul\0!", 5)), "\"nul\\u0000!\"");
  EXPECT_EQ(Quoted("\x1f"), "\"\\u001f\"");
  EXPECT_EQ(Quoted("Kota Padang · 日本"), "\"Kota Padang · 日本\"");
}

TEST(JsonWriterTest, Numbers) {
  std::string out;
  AppendJsonNumber(&out, 3);
  out += ' ';
  AppendJsonNumber(&out, 0.125);
  out += ' ';
  AppendJsonNumber(&out, -2.5);
  out += ' ';
  AppendJsonNumber(&out, 1.0 / 0.0);
  EXPECT_EQ(out, "3 0.125 -2.5 null");
}

TEST(ObjectScannerTest, FindsRawSpansOfTopLevelMembers) {
  std::string json = R"( {"id": "a\"b", "text":"x}y", "n":1.50e3 ,"meta":{"k":[1,{"z":"}"}]},"t":true} )";
  std::vector<JsonMember> m;
  ASSERT_TRUE(ScanObjectMembers(json, &m));
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0].key, "id");
  EXPECT_EQ(m[0].value, R"("a\"b")");
  EXPECT_EQ(m[0].member, R"("id": "a\"b")");
  EXPECT_EQ(m[1].value, R"("x}y")");
  EXPECT_EQ(m[2].key, "n");
  EXPECT_EQ(m[2].value, "1.50e3");
  EXPECT_EQ(m[3].value, R"({"k":[1,{"z":"}"}]})");
  EXPECT_EQ(m[4].value, "true");
}

TEST(ObjectScannerTest, EscapedBackslashBeforeQuoteEndsString) {
  std::string json = R"({"a":"ends with \\","b":2})";
  std::vector<JsonMember> m;
  ASSERT_TRUE(ScanObjectMembers(json, &m));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].value, R"("ends with \\")");
  EXPECT_EQ(m[1].value, "2");
}

TEST(ObjectScannerTest, EmptyObjectAndNonObject) {
  std::vector<JsonMember> m;
  EXPECT_TRUE(ScanObjectMembers("{}", &m));
  EXPECT_TRUE(m.empty());
  EXPECT_FALSE(ScanObjectMembers("[1,2]", &m));
}

}  // namespace
}  // namespace saring
