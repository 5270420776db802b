#include "dedup/minhash.h"

#include <gtest/gtest.h>

#include <set>

namespace saring {
namespace {

std::string Normalized(const char* word) {
  std::string out;
  MinHasher::NormalizeWord(word, &out);
  return out;
}

TEST(MinHashTest, WordsAreLowerCasedFoldedAndStrippedOfMarks) {
  EXPECT_EQ(Normalized("Café"), "cafe");
  EXPECT_EQ(Normalized("ÉCOLE"), "ecole");
  EXPECT_EQ(Normalized("2019"), "0000");
  EXPECT_EQ(Normalized("İstanbul"), "istanbul");  // I + combining dot above
  EXPECT_EQ(Normalized("Straße"), "straße");
  EXPECT_EQ(Normalized("Tiếng"), "tieng");
  // Thai and Devanagari vowel signs are marks that spell the word: they stay.
  EXPECT_EQ(Normalized("สวัสดี"), "สวัสดี");
  EXPECT_EQ(Normalized("हिंदी"), "हिंदी");
  EXPECT_EQ(Normalized("مُدَرِّس"), "مدرس");  // Arabic harakat go
}

struct Keys {
  DedupKeys keys;
  std::vector<uint32_t> signature;
};

Keys Of(const std::string& text, bool simd = true) {
  MinHasher hasher{MinHashOptions()};
  hasher.set_simd(simd);
  Document doc("t", text);
  Keys k;
  hasher.Compute(doc, &k.keys);
  k.signature = hasher.signature();
  return k;
}

const char kStory[] =
    "Warga kampung nelayan di pesisir utara bergotong royong membangun tanggul dari karung pasir "
    "karena mereka khawatir air pasang pada akhir bulan akan kembali merendam rumah dan perahu "
    "yang ditambatkan di dermaga kecil milik desa sejak puluhan tahun yang lalu";

TEST(MinHashTest, CaseAccentsDigitsAndPunctuationDoNotChangeTheKeys) {
  Keys a = Of("Le café de 2019 ouvre, enfin! Les habitants sont contents.");
  Keys b = Of("le cafe de 2020 ouvre enfin les HABITANTS sont contents");
  EXPECT_EQ(a.keys.exact, b.keys.exact);
  EXPECT_EQ(a.keys.bands, b.keys.bands);
  ASSERT_EQ(a.keys.bands.size(), 14u);
  Keys c = Of("Le café de 2019 ferme. Les habitants sont tristes.");
  EXPECT_NE(a.keys.exact, c.keys.exact);
  EXPECT_TRUE(Of("").keys.bands.empty());
  EXPECT_TRUE(Of("... !!! ---").keys.bands.empty());  // no words
}

// Words are hashed eight bytes at a time, ASCII folded in registers and
// the rest through NormalizeWord: both paths, every chunk length and words
// at either end of a short text must give one hash per normalized word.
TEST(MinHashTest, WordHashesAgreeAcrossLengthsPathsAndPositions) {
  EXPECT_EQ(Of("Hello").keys.exact, Of("hello").keys.exact);           // text under 8 bytes
  EXPECT_EQ(Of("HELLO!!!!!!!!!!!").keys.exact, Of("hello").keys.exact);  // read past the word
  EXPECT_EQ(Of("Internationalization2019").keys.exact,
            Of("internationalizatiön0000").keys.exact);  // 24 bytes: three chunks, two paths
  EXPECT_EQ(Of("ÉCOLE Polytechnique8").keys.exact, Of("ecole POLYTECHNIQUE1").keys.exact);
  EXPECT_NE(Of("abcdefgh").keys.exact, Of("abcdefgi").keys.exact);
  EXPECT_NE(Of("abcdefghijk").keys.exact, Of("abcdefghijx").keys.exact);
  EXPECT_NE(Of("abcdefgh").keys.exact, Of("abcdefg").keys.exact);
  EXPECT_NE(Of("ab cd").keys.exact, Of("abcd").keys.exact);
  EXPECT_NE(Of("a b").keys.exact, Of("b a").keys.exact);
}

// One word of 37 changed in the middle: 5 of the 33 five-word shingles
// change, so 28 are shared of 38 in all (Jaccard 0.74). The share of equal
// minima estimates it; with 112 functions its standard error is about 0.04.
TEST(MinHashTest, SignaturesEstimateTheShingleJaccard) {
  std::string changed = kStory;
  changed.replace(changed.find("khawatir"), 8, "takut");
  Keys a = Of(kStory), b = Of(changed);
  size_t equal = 0;
  for (size_t j = 0; j < a.signature.size(); ++j) equal += a.signature[j] == b.signature[j];
  EXPECT_NEAR(double(equal) / a.signature.size(), 28.0 / 38, 0.15);
  EXPECT_NE(a.keys.exact, b.keys.exact);
}

TEST(MinHashTest, SimdAndScalarSignaturesAreTheSame) {
  Keys simd = Of(kStory, true), scalar = Of(kStory, false);
  EXPECT_EQ(simd.signature, scalar.signature);
  EXPECT_EQ(simd.keys.bands, scalar.keys.bands);
}

TEST(MinHashTest, CandidateProbabilityAndThresholdChoice) {
  // 1 - (1 - 0.8^8)^14: 0.8^8 = 0.16777, 0.83223^14 = 0.07647.
  EXPECT_NEAR(LshCandidateProbability(0.8, 14, 8), 0.92353, 1e-4);
  EXPECT_DOUBLE_EQ(LshCandidateProbability(1.0, 14, 8), 1.0);
  EXPECT_DOUBLE_EQ(LshCandidateProbability(0.0, 14, 8), 0.0);
  int bands = 0, rows = 0;
  ChooseBandsForThreshold(0.8, 112, &bands, &rows);
  EXPECT_LE(bands * rows, 112);
  // The chosen curve rises through the threshold: few candidates well below
  // it, most well above.
  EXPECT_LT(LshCandidateProbability(0.6, bands, rows), 0.1);
  EXPECT_GT(LshCandidateProbability(0.95, bands, rows), 0.95);
  MinHashOptions o;
  ASSERT_TRUE(MinHashPreset("refinedweb", &o));
  EXPECT_EQ(o.bands * o.rows, 9000);
  EXPECT_FALSE(MinHashPreset("lsh", &o));
}

}  // namespace
}  // namespace saring
