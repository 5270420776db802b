#include "stages/language_filter.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "test_util.h"

namespace saring {
namespace {

// These use the cld2 backend, which needs no model file, so they run on any
// machine.
constexpr const char* kIndonesian =
    "Pemerintah kota akan membangun jembatan baru di atas sungai itu pada tahun depan, "
    "kata wali kota kepada wartawan.";
constexpr const char* kEnglish =
    "The city council said on Monday that the new bridge over the river would open to "
    "traffic next summer.";

std::unique_ptr<Stage> MakeStage(const std::string& yaml) {
  std::unique_ptr<Stage> stage;
  Status s = CreateLanguageFilter(YAML::Load(yaml), &stage);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return stage;
}

std::string AnnotationOf(const Document& doc, const std::string& key) {
  for (const auto& [k, v] : doc.annotations()) {
    if (k == key) return v;
  }
  return "";
}

TEST(LanguageFilterTest, AnnotatesLanguageScoreScriptAndKeepsByDefault) {
  auto stage = MakeStage("{backend: cld2}");
  Document doc;
  doc.Reset("1", kIndonesian);
  stage->Process(doc);
  EXPECT_FALSE(doc.removed());
  EXPECT_EQ(AnnotationOf(doc, "language"), "\"id\"");
  EXPECT_EQ(AnnotationOf(doc, "language_script"), "\"Latn\"");
  EXPECT_GT(std::stod(AnnotationOf(doc, "language_score")), 0.5);
  EXPECT_EQ(AnnotationOf(doc, "languages"), "[{\"language\":\"id\",\"fraction\":1}]");
  EXPECT_EQ(doc.route(), "");
}

TEST(LanguageFilterTest, KeepListAndPerLanguageMinimumScore) {
  auto stage = MakeStage("{backend: cld2, keep: [ind, ms], min_score: {default: 0.2, id: 1.0}}");
  Document doc;
  doc.Reset("en", kEnglish);
  stage->Process(doc);
  ASSERT_TRUE(doc.removed());
  EXPECT_EQ(doc.removal().rule, "not_kept");
  EXPECT_EQ(doc.removal().reason.rfind("language: en not in keep list (score 0.", 0), 0u)
      << doc.removal().reason;
  // "ind" in the keep list is "id"; its own minimum (1.0) beats "default".
  doc.Reset("id", kIndonesian);
  stage->Process(doc);
  ASSERT_TRUE(doc.removed());
  EXPECT_EQ(doc.removal().rule, "low_score");
  EXPECT_NE(doc.removal().reason.find("language: id score 0."), std::string::npos);
  EXPECT_NE(doc.removal().reason.find(" < 1.00"), std::string::npos) << doc.removal().reason;
  // A threshold with three decimals (FineWeb-2's style) is printed with three.
  auto three = MakeStage("{backend: cld2, min_score: {id: 0.999}}");
  doc.Reset("id", kIndonesian);
  three->Process(doc);
  ASSERT_TRUE(doc.removed());
  EXPECT_NE(doc.removal().reason.find(" < 0.999"), std::string::npos) << doc.removal().reason;
}

// Two paragraphs, one Indonesian (113 characters) and one English (101):
// the shares are 113/214 = 0.528 and 101/214 = 0.472. A 10-character
// paragraph is too short to classify and counts for the document's language.
TEST(LanguageFilterTest, ParagraphSharesByCharacters) {
  auto stage = MakeStage("{backend: cld2, route: true}");
  ASSERT_EQ(std::string(kIndonesian).size(), 113u);
  ASSERT_EQ(std::string(kEnglish).size(), 101u);
  Document doc;
  doc.Reset("mixed", std::string(kIndonesian) + "\n\n" + kEnglish);
  stage->Process(doc);
  std::string languages = AnnotationOf(doc, "languages");
  EXPECT_TRUE(languages ==
              "[{\"language\":\"id\",\"fraction\":0.528},{\"language\":\"en\",\"fraction\":0.472}]")
      << languages;
  EXPECT_EQ(doc.route(), AnnotationOf(doc, "language").substr(1, 2));

  doc.Reset("short", std::string(kIndonesian) + "\nHalo dunia");  // 113 + 10 characters
  stage->Process(doc);
  EXPECT_EQ(AnnotationOf(doc, "languages"), "[{\"language\":\"id\",\"fraction\":1}]");
}

TEST(LanguageFilterTest, BadParametersAreErrors) {
  std::unique_ptr<Stage> stage;
  Status s = CreateLanguageFilter(YAML::Load("{backend: cld3}"), &stage);
  EXPECT_NE(s.ToString().find("backend"), std::string::npos) << s.ToString();
  s = CreateLanguageFilter(YAML::Load("{min_score: {id: 1.5}}"), &stage);
  EXPECT_NE(s.ToString().find("min_score of 'id' is 1.5, outside 0..1"), std::string::npos)
      << s.ToString();
  s = CreateLanguageFilter(YAML::Load("{min_score: 0.5}"), &stage);
  EXPECT_NE(s.ToString().find("must be a map"), std::string::npos) << s.ToString();
  s = CreateLanguageFilter(YAML::Load("{backend: fasttext, model: /nonexistent.ftz}"), &stage);
  EXPECT_NE(s.ToString().find("/nonexistent.ftz"), std::string::npos) << s.ToString();
  s = CreateLanguageFilter(YAML::Load("{kep: [id]}"), &stage);
  EXPECT_NE(s.ToString().find("keep"), std::string::npos) << s.ToString();
}

// End to end: route: true writes kept/<language>/, and every document is
// in exactly one place. (The short test texts would not pass the quality
// stage, which is switched off.)
TEST(LanguageFilterTest, RoutesKeptDocumentsByLanguage) {
  testing::TempDir dir;
  std::string corpus = "{\"id\":\"a\",\"text\":\"" + std::string(kIndonesian) + "\"}\n" +
                       "{\"id\":\"b\",\"text\":\"" + std::string(kEnglish) + "\"}\n" +
                       "{\"id\":\"c\",\"text\":\"" + std::string(kIndonesian) + " Lagi.\"}\n";
  testing::WriteFile(dir.Join("in.jsonl"), corpus);
  CleanReport r = testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("out"), 2, "default",
                                          {"language.backend=cld2", "language.route=true",
                                           "quality.enabled=false"});
  EXPECT_EQ(r.docs_kept, 3u);
  auto id = testing::SplitLines(testing::ReadOutput(dir.Join("out"), "kept/id"));
  auto en = testing::SplitLines(testing::ReadOutput(dir.Join("out"), "kept/en"));
  ASSERT_EQ(id.size(), 2u);
  ASSERT_EQ(en.size(), 1u);
  EXPECT_EQ(id[0].rfind("{\"id\":\"a\"", 0), 0u);
  EXPECT_EQ(id[1].rfind("{\"id\":\"c\"", 0), 0u);
  EXPECT_EQ(en[0].rfind("{\"id\":\"b\"", 0), 0u);
  EXPECT_TRUE(testing::ReadOutput(dir.Join("out"), "kept").empty());
}

}  // namespace
}  // namespace saring
