#include "lang/language_identifier.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "test_util.h"

namespace saring {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<LanguageIdentifier> MakeIdentifier(const std::string& backend,
                                                   const std::string& model = "") {
  LanguageIdOptions options;
  options.backend = backend;
  options.model = model;
  std::unique_ptr<LanguageIdentifier> lid;
  Status s = LanguageIdentifier::Create(options, &lid);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return lid;
}

std::string LidModel() { return testing::LidModelPath(); }

// CLD2 needs no model: these work on any machine. The full tables are
// linked (see CMakeLists.txt), so Zulu and Maori are known.
TEST(LanguageIdentifierTest, Cld2AloneKnowsTheFullTables) {
  auto lid = MakeIdentifier("cld2");
  struct Case {
    const char* text;
    const char* language;
  } cases[] = {
      {"Pemerintah Indonesia akan membangun jalan tol baru di Sumatera pada tahun depan.", "id"},
      {"The committee will publish its final report on the new railway next spring.", "en"},
      {"Die Regierung hat gestern einen neuen Plan für die Energieversorgung vorgestellt.", "de"},
      {"Ngiyabonga kakhulu ngokusisiza, sizobuya futhi ngenyanga ezayo ukuzobona abantwana.", "zu"},
      {"Ka nui te mihi ki a koutou katoa mo to koutou tautoko i te kaupapa nei.", "mi"},
  };
  for (const Case& c : cases) {
    LanguageGuess g = lid->Identify(c.text);
    EXPECT_EQ(g.tag.language, c.language) << c.text;
    EXPECT_GT(g.score, 0.5f) << c.text;
    EXPECT_EQ(g.decided_by, "cld2");
  }
  EXPECT_EQ(lid->Identify("").tag.language, "und");
  EXPECT_EQ(lid->Identify("12 34 56 !!").tag.language, "und");
}

TEST(LanguageIdentifierTest, FastTextBackendWithoutModelIsAnError) {
  LanguageIdOptions options;
  options.backend = "fasttext";
  options.model = "/nonexistent/lid.176.ftz";
  std::unique_ptr<LanguageIdentifier> lid;
  Status s = LanguageIdentifier::Create(options, &lid);
  EXPECT_NE(s.ToString().find("/nonexistent/lid.176.ftz: cannot open"), std::string::npos)
      << s.ToString();
  options.backend = "cld3";
  options.model = "";
  s = LanguageIdentifier::Create(options, &lid);
  EXPECT_NE(s.ToString().find("language backend 'cld3' is unknown"), std::string::npos);
}

TEST(LanguageIdentifierTest, SampleEndsAtALineOrACharacter) {
  LanguageIdOptions options;
  options.backend = "cld2";
  options.sample_bytes = 64;
  std::unique_ptr<LanguageIdentifier> lid;
  ASSERT_TRUE(LanguageIdentifier::Create(options, &lid).ok());
  std::string lines = std::string(40, 'a') + "\n" + std::string(40, 'b');
  EXPECT_EQ(lid->Sample(lines), std::string(40, 'a'));
  std::string thai;
  for (int i = 0; i < 30; ++i) thai += "ก";  // 3 bytes each: 64 falls inside one
  EXPECT_EQ(lid->Sample(thai).size(), 63u);
  EXPECT_EQ(lid->Sample("short"), "short");
}

// The seed page (Indonesian) and a Malay paragraph, with lid.176 when
// ../shared has it.
TEST(LanguageIdentifierTest, CombinedSettlesIndonesianAndMalay) {
  std::string model = LidModel();
  if (model.empty()) GTEST_SKIP() << "no lid.176.ftz (../shared/models, models/): skipped";
  auto lid = MakeIdentifier("auto", model);
  ASSERT_EQ(lid->backend(), LidBackend::kCombined);
  LanguageGuess g = lid->Identify(
      "Pemerintah kota akan membangun jembatan baru di atas sungai itu pada tahun depan. Warga "
      "menyambut baik rencana tersebut karena jembatan lama sudah rusak parah.");
  EXPECT_EQ(g.tag.language, "id");
  if (!testing::SharedDir().empty()) {  // the seed page
    g = lid->Identify(testing::ReadFile(testing::SharedDir() + "/data/seed-document.txt"));
    EXPECT_EQ(g.tag.language, "id");
    EXPECT_GT(g.score, 0.9f);
  }
  g = lid->Identify(
      "Kerajaan Malaysia telah mengumumkan bahawa semua sekolah di negeri Selangor akan dibuka "
      "semula minggu hadapan. Menurut kenyataan kementerian, ibu bapa boleh menghantar anak-anak "
      "mereka ke sekolah seperti biasa kerana keadaan sudah kembali selamat.");
  EXPECT_EQ(g.tag.language, "ms") << g.decided_by;
}

// A page with an Indonesian article and an English paragraph: the document
// is Indonesian and the lines keep their own languages; a short line and a
// line fastText puts in the document's confusable set count for the
// document's language.
TEST(LanguageIdentifierTest, LinesOfAMixedDocument) {
  std::string model = LidModel();
  if (model.empty()) GTEST_SKIP() << "no lid.176.ftz (../shared/models, models/): skipped";
  auto lid = MakeIdentifier("combined", model);
  std::string text =
      "Pemerintah kota akan membangun jembatan baru di atas sungai itu pada tahun depan.\n"
      "Warga menyambut baik rencana tersebut karena jembatan lama sudah rusak parah.\n"
      "Menu\n"
      "The city council said on Monday that the new bridge would open next summer.\n";
  std::vector<LineLanguage> lines;
  LanguageGuess g = lid->IdentifyLines(text, 40, &lines);
  EXPECT_EQ(g.tag.language, "id");
  ASSERT_EQ(lines.size(), 5u);  // the text ends with a newline: an empty last line
  EXPECT_EQ(lines[0].language, "id");
  EXPECT_EQ(lines[1].language, "id");
  EXPECT_EQ(lines[2].language, "");  // "Menu": too short to classify
  EXPECT_EQ(lines[3].language, "en");
  EXPECT_EQ(lines[4].language, "");
  EXPECT_EQ(text.substr(lines[3].begin, lines[3].end - lines[3].begin).substr(0, 8), "The city");
}

}  // namespace
}  // namespace saring
