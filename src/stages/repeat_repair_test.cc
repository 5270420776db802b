#include "stages/repeat_repair.h"

#include <gtest/gtest.h>

#include "text/line_key.h"

namespace saring {
namespace {

std::string Repair(const std::string& text, RepeatRepairOptions o = {}) {
  ParagraphRepeatRepair stage(o);
  Document doc("d", text);
  stage.Process(doc);
  return std::string(doc.text());
}

std::vector<uint64_t> Words(std::string_view s) {
  std::string key;
  MakeLineKey(s, &key);
  std::vector<uint64_t> w;
  HashKeyWords(key, &w);
  return w;
}

const char kP1[] = "Harga beras di pasar induk naik dua kali dalam sebulan terakhir.";
const char kP2[] = "Pedagang mengatakan pasokan dari daerah sentra produksi berkurang.";
const char kP3[] = "Pemerintah berjanji menggelar operasi pasar pekan depan di sepuluh kota.";

TEST(RepeatRepairTest, RepeatedLinesGoFirstCopyStaysInOrder) {
  std::string in = std::string(kP1) + "\n" + kP2 + "\n" + kP3 + "\n" + kP2 + "\n" + kP3 + "\n";
  EXPECT_EQ(Repair(in), std::string(kP1) + "\n" + kP2 + "\n" + kP3 + "\n");
}

TEST(RepeatRepairTest, CaseSpacingDigitsAndPunctuationDoNotHideARepeat) {
  std::string in = "Harga beras naik 10 persen, kata pedagang pasar.\n"
                   "HARGA  BERAS NAIK 12 PERSEN kata pedagang pasar!\n"
                   "Baris lain yang cukup panjang untuk dihitung.";
  EXPECT_EQ(Repair(in), "Harga beras naik 10 persen, kata pedagang pasar.\n"
                        "Baris lain yang cukup panjang untuk dihitung.");
}

TEST(RepeatRepairTest, NearRepeatWithOneWordChangedIsRemoved) {
  std::string a = "Menurut seorang pengamat, Putin berusaha memotong jalur pejuang yang lebih dekat.";
  std::string b = "Menurut seorang pengamat, Putin mencoba memotong jalur pejuang yang lebih dekat.";
  std::string c = "Menurut seorang pengamat, Putin berusaha memotong jalur pejuang yang lebih dekat sekali.";
  EXPECT_EQ(Repair(a + "\n" + b), a);
  EXPECT_EQ(Repair(a + "\n" + c), a);  // one word added at the end
  RepeatRepairOptions exact_only;
  exact_only.near = false;
  EXPECT_EQ(Repair(a + "\n" + b, exact_only), a + "\n" + b);
}

TEST(RepeatRepairTest, DifferentSentencesSharingAnOpeningStay) {
  std::string a = "Menurut seorang pengamat, Putin berusaha memotong jalur pejuang yang lebih dekat.";
  std::string b = "Menurut seorang pengamat, harga minyak dunia akan turun tajam pada akhir tahun ini.";
  EXPECT_EQ(Repair(a + "\n" + b), a + "\n" + b);
}

TEST(RepeatRepairTest, ShortRepeatsAreLegitimate) {
  std::string in = "Nama\nUmur\nYa\nTidak\nYa\nTidak\nsatu dua tiga\nsatu dua tiga";
  EXPECT_EQ(Repair(in), in);
  RepeatRepairOptions o;
  o.paragraph_min_chars = 5;
  // "Tidak" (5) now counts, "Ya" (2) still does not.
  EXPECT_EQ(Repair(in, o), "Nama\nUmur\nYa\nTidak\nYa\nsatu dua tiga");
}

TEST(RepeatRepairTest, BlankLineParagraphsAndLinesInside) {
  std::string para = std::string(kP1) + "\n" + kP2;
  std::string in = para + "\n\n" + kP3 + "\n\n" + para + "\n\n" + "Penutup yang berbeda dari semua yang lain.\n" + kP3;
  // Paragraph 3 repeats paragraph 1; in the last paragraph the line kP3
  // repeats paragraph 2.
  EXPECT_EQ(Repair(in), para + "\n\n" + kP3 + "\n\nPenutup yang berbeda dari semua yang lain.");
}

TEST(RepeatRepairTest, SignalsAndCounters) {
  ParagraphRepeatRepair stage({});
  Document doc("d", std::string(kP1) + "\n" + kP2 + "\n" + kP1 + "\n" + kP2);
  stage.Process(doc);
  EXPECT_EQ(doc.text(), std::string(kP1) + "\n" + kP2);
  ASSERT_EQ(doc.annotations().size(), 3u);
  EXPECT_EQ(doc.annotations()[0], (std::pair<std::string, std::string>{"repeat_removed_paragraphs", "2"}));
  EXPECT_EQ(doc.annotations()[1], (std::pair<std::string, std::string>{"repeat_removed_lines", "2"}));
  size_t removed = sizeof(kP1) - 1 + sizeof(kP2) - 1 + 2;  // both lines and their newlines (ASCII)
  EXPECT_EQ(doc.annotations()[2].second, std::to_string(removed));
  auto counters = stage.TakeCounters();
  EXPECT_EQ(counters["paragraphs_removed"], 2u);
  EXPECT_EQ(counters["docs_repaired"], 1u);
  EXPECT_TRUE(stage.TakeCounters().empty());

  Document clean("c", std::string(kP1) + "\n" + kP2);
  stage.Process(clean);
  EXPECT_FALSE(clean.text_changed());
  EXPECT_TRUE(clean.annotations().empty());
}

TEST(RepeatRepairTest, BoundedWordEditDistance) {
  auto a = Words("a b c d e f g h");
  EXPECT_EQ(BoundedWordEditDistance(a, a, 1), 0u);
  EXPECT_EQ(BoundedWordEditDistance(a, Words("a b x d e f g h"), 1), 1u);
  EXPECT_EQ(BoundedWordEditDistance(a, Words("a b d e f g h"), 1), 1u);
  EXPECT_EQ(BoundedWordEditDistance(a, Words("a b c d e f g h i"), 1), 1u);
  EXPECT_EQ(BoundedWordEditDistance(a, Words("x b c d e f g y"), 1), 2u);  // over the limit
  EXPECT_EQ(BoundedWordEditDistance(a, Words("x b c d e f g y"), 3), 2u);
  EXPECT_EQ(BoundedWordEditDistance(a, Words("a b"), 2), 3u);
}

}  // namespace
}  // namespace saring
