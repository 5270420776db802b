// The example corpus in examples/ (see examples/README.md for what each
// document is there to show), run through the default preset. Expected
// counts follow from the corpus as written: 31 JSON lines + 2 .txt pages.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>

#include "saring/clean.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::ReadOutput;
using testing::SplitLines;

std::map<std::string, std::string> ById(const std::string& jsonl, const char* field) {
  std::map<std::string, std::string> out;
  simdjson::dom::parser p;
  for (const std::string& line : SplitLines(jsonl)) {
    auto doc = p.parse(line).value();
    std::string_view value;
    if (doc[field].get(value)) value = "";
    out[std::string(doc["id"].get_string().value())] = std::string(value);
  }
  return out;
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

TEST(ExamplesTest, DefaultPresetOnTheExampleCorpus) {
  testing::TempDir dir;
  const std::string corpus = testing::SourceDir() + "/examples/corpus";
  const std::string out = dir.Join("out");
  CleanReport r = testing::RunCleanOrFail({corpus}, out, 2);
  EXPECT_EQ(r.docs_in, 33u);
  EXPECT_EQ(r.docs_error, 2u);    // broken-json, text-is-number
  EXPECT_EQ(r.docs_removed, 6u);  // 4 junk fragments, todo.txt, binary-garbage
  EXPECT_EQ(r.docs_kept, 25u);

  auto removed = ById(ReadOutput(out, "removed"), "removed_reason");
  // Fragments made only of template lines go at the boilerplate stage,
  // other fragments at the length floor.
  EXPECT_EQ(removed["junk-click"], "boilerplate: every line is a template line (22 characters)");
  EXPECT_EQ(removed["junk-loading"], "boilerplate: every line is a template line (10 characters)");
  EXPECT_EQ(removed["junk-404"], "length: chars 62 < 100");
  EXPECT_EQ(removed["junk-baca-juga"], "boilerplate: every line is a template line (45 characters)");
  EXPECT_EQ(removed[corpus + "/pages/todo.txt"], "length: chars 21 < 100");
  // "PK" + 40 stray continuation bytes: 40 replacements in 42 characters.
  EXPECT_EQ(removed["binary-garbage"], "normalize: invalid_utf8_fraction 0.952 > 0.01");

  auto kept = ById(ReadOutput(out, "kept"), "text");
  ASSERT_EQ(kept.size(), 25u);
  // Layout repaired: CRLF, runs of blank lines, doubled spaces and tabs.
  EXPECT_TRUE(StartsWith(kept["en-messy-layout"],
                         "Local Team Wins Regional Final\n\nThe under-16 football team won"))
      << kept["en-messy-layout"];
  EXPECT_EQ(kept["en-messy-layout"].find("  "), std::string::npos);
  // Vietnamese stored decomposed (NFD) comes out composed (NFC).
  EXPECT_TRUE(StartsWith(kept["vi-bus-nfd"], "Th\xC3\xA0nh ph\xE1\xBB\x91 m\xE1\xBB\x9F"))  // "Thành phố mở", NFC
      << kept["vi-bus-nfd"];
  // One invalid byte repaired to U+FFFD, the document kept.
  EXPECT_NE(kept["id-invalid-byte"].find("terlambat. \xEF\xBF\xBD Pemerintah"), std::string::npos);
  // The page published twice loses its second copy and its blog footer.
  const std::string& banjir = kept["id-banjir-padang-001"];
  EXPECT_EQ(banjir.find("Posting Komentar"), std::string::npos) << banjir;
  EXPECT_EQ(banjir.find("Silahkan berkomentar"), std::string::npos) << banjir;
  for (const char* paragraph : {"PADANG — Hujan deras", "Badan Penanggulangan Bencana", "Warga berharap"}) {
    size_t first = banjir.find(paragraph);
    EXPECT_NE(first, std::string::npos) << paragraph;
    EXPECT_EQ(banjir.find(paragraph, first + 1), std::string::npos) << paragraph;
  }
  // The line without an id gets "<file>:<line>".
  EXPECT_EQ(kept.count(corpus + "/web-sample.jsonl:27"), 1u);
  // Every language of the corpus survives the default preset.
  for (const char* id : {"zh-library", "ja-sakura", "ko-festival", "th-market", "ar-school", "hi-rain",
                         "ru-metro", "jv-sekolah", "ms-ekonomi-kl", "id-banjir-padang-001"}) {
    EXPECT_EQ(kept.count(id), 1u) << id;
  }

  auto errors = SplitLines(ReadOutput(out, "errors"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("\"line\":28,\"error\":\"invalid_json\""), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("\"line\":29,\"error\":\"text_not_string\""), std::string::npos) << errors[1];
}

}  // namespace
}  // namespace saring
