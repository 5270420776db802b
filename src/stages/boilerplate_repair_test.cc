#include "stages/boilerplate_repair.h"

#include <gtest/gtest.h>

#include "text/line_key.h"

namespace saring {
namespace {

std::unique_ptr<Stage> Make(const std::string& yaml = "{}") {
  std::unique_ptr<Stage> stage;
  Status s = CreateBoilerplateRepair(YAML::Load(yaml), &stage);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return stage;
}

std::string Repair(Stage& stage, const std::string& text) {
  Document doc("d", text);
  stage.Process(doc);
  return doc.removed() ? "<removed: " + doc.removal().reason + ">" : std::string(doc.text());
}

const char kBody[] =
    "Warga desa bergotong royong membersihkan saluran air sebelum musim hujan tiba.\n"
    "Kepala desa mengatakan kegiatan ini rutin dilakukan setiap tahun.";

TEST(BoilerplateRepairTest, BloggerFooterIsCut) {
  auto stage = Make();
  EXPECT_EQ(Repair(*stage, std::string(kBody) + "\nPosting Komentar\nSilahkan berkomentar dengan baik & sopan"),
            kBody);
  EXPECT_EQ(Repair(*stage, std::string(kBody) + "\n\nPosting Lebih Baru\nPosting Lama\nBeranda\n"),
            std::string(kBody) + "\n");
}

TEST(BoilerplateRepairTest, HeaderRunsInManyLanguagesAreCut) {
  auto stage = Make();
  EXPECT_EQ(Repair(*stage, "Skip to content\nHome\nMenu\n" + std::string(kBody)), kBody);
  EXPECT_EQ(Repair(*stage, "Главная\nПоиск\n" + std::string(kBody)), kBody);
  EXPECT_EQ(Repair(*stage, std::string(kBody) + "\n分享到：微博\n版权所有 © 2019 新华网"), kBody);
  EXPECT_EQ(Repair(*stage, std::string(kBody) + "\nこのエントリーをはてなブックマークに追加\n関連記事はこちら"), kBody);
  EXPECT_EQ(Repair(*stage, std::string(kBody) + "\nTags: politik, ekonomi\n© 2019 Kompas.com. All Rights Reserved."),
            kBody);
  EXPECT_EQ(Repair(*stage, std::string(kBody) + "\nAlle Rechte vorbehalten.\nImpressum\nDatenschutz"), kBody);
}

TEST(BoilerplateRepairTest, ContentIsNeverTouched) {
  auto stage = Make();
  // Template words inside article lines, and template lines between
  // content lines, stay.
  std::string mid = std::string("The mayor asked residents to share this story with their neighbours.\n") +
                    "Home\n" + kBody;
  EXPECT_EQ(Repair(*stage, mid), mid);
  // A long line that starts like a template line is content.
  std::string long_line = "Baca juga pendapat para ahli ekonomi yang menilai kenaikan harga beras kali ini "
                          "dipicu oleh cuaca buruk di sentra produksi padi dan biaya distribusi yang naik.";
  EXPECT_EQ(Repair(*stage, std::string(kBody) + "\n" + long_line), std::string(kBody) + "\n" + long_line);
  // "comments" is a template line; a title that starts with the word is not.
  EXPECT_EQ(Repair(*stage, "Comments on the new budget rule\n" + std::string(kBody)),
            "Comments on the new budget rule\n" + std::string(kBody));
}

TEST(BoilerplateRepairTest, OnlyTemplateLinesLeavesNothing) {
  auto stage = Make();
  EXPECT_EQ(Repair(*stage, "Posting Komentar\nBeranda"),
            "<removed: boilerplate: every line is a template line (24 characters)>");
}

TEST(BoilerplateRepairTest, LanguagesAndFilesAreConfigurable) {
  auto en_only = Make("{languages: [en]}");
  std::string id_footer = std::string(kBody) + "\nPosting Komentar";
  EXPECT_EQ(Repair(*en_only, id_footer), id_footer);

  std::unique_ptr<Stage> stage;
  Status s = CreateBoilerplateRepair(YAML::Load("{languages: [xx]}"), &stage);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no built-in boilerplate lexicon for language 'xx'"), std::string::npos);
  s = CreateBoilerplateRepair(YAML::Load("{lexicon_files: [/nonexistent/lexicon.txt]}"), &stage);
  EXPECT_EQ(s.message(), "/nonexistent/lexicon.txt: cannot open boilerplate lexicon");
  s = CreateBoilerplateRepair(YAML::Load("{max_line_char: 3}"), &stage);
  EXPECT_NE(s.message().find("did you mean 'max_line_chars'"), std::string::npos);
}

TEST(BoilerplateLexiconTest, EntryKinds) {
  std::unique_ptr<BoilerplateLexicon> lexicon;
  ASSERT_TRUE(BoilerplateLexicon::Build({{"t", "# comment\nhome\nread also *\n* all rights reserved *\n関連記事 *\n"}},
                                        &lexicon)
                  .ok());
  EXPECT_EQ(lexicon->size(), 4u);
  auto match = [&](std::string_view line) {
    std::string key;
    MakeLineKey(line, &key);
    return lexicon->Matches(key);
  };
  EXPECT_TRUE(match("HOME"));
  EXPECT_FALSE(match("home page"));
  EXPECT_TRUE(match("Read also: the budget"));
  EXPECT_FALSE(match("Read alsop"));
  EXPECT_TRUE(match("(c) 2019 Example Inc. All rights reserved."));
  EXPECT_TRUE(match("関連記事一覧"));
  EXPECT_FALSE(match("comment"));
}

TEST(BoilerplateLexiconTest, EveryBuiltInLanguageLoads) {
  std::vector<std::string> langs = EmbeddedLexiconLanguages();
  for (const char* want : {"en", "id", "ms", "ru", "de", "ja", "zh", "es", "fr", "it", "pt", "nl", "pl"}) {
    EXPECT_NE(std::find(langs.begin(), langs.end(), want), langs.end()) << want;
  }
  for (const std::string& lang : langs) {
    std::vector<LexiconSource> sources;
    ASSERT_TRUE(EmbeddedLexicons({lang}, &sources).ok());
    std::unique_ptr<BoilerplateLexicon> lexicon;
    ASSERT_TRUE(BoilerplateLexicon::Build(sources, &lexicon).ok()) << lang;
    EXPECT_GE(lexicon->size(), 40u) << lang;
  }
}

}  // namespace
}  // namespace saring
