// MinHash keys of a document for deduplication: an exact-text hash and the
// band keys of a MinHash-LSH signature.
//
//   MinHashOptions o;              // 5-word shingles, 14 bands x 8 rows (FineWeb)
//   MinHasher hasher(o);
//   DedupKeys keys;
//   hasher.Compute(doc, &keys);    // keys.exact, keys.bands[0..13]
//
// Text is compared as its words (the shared segmentation, Document::Words,
// so Thai or Chinese work too), each normalized: lower case, accents
// removed after canonical decomposition ("é" -> "e"; Latin, Greek, Cyrillic,
// Arabic and Hebrew diacritics, not the vowel signs of Thai or Indic
// scripts), every digit folded to '0'. Punctuation is never part of a word. `exact` hashes the
// normalized word sequence: two texts that differ only in case, accents,
// digits, spacing or punctuation get the same value.
//
// Shingles are the word n-grams of the normalized words (a text with fewer
// than n words is one shingle). The signature has bands * rows 32-bit
// minima, one per hash function h_j(x) = (a_j * x + b_j) mod 2^32 over each
// shingle's hash x (64 well-mixed bits folded to 32), with a_j odd and b_j
// random, fixed by `seed`; a band's key is a hash of its rows. (A 2^32
// family is weaker in theory than datasketch's mod 2^61 - 1, and 4x cheaper
// in AVX2; dedup_bench measures what it finds.) Two texts
// whose shingle sets have Jaccard similarity s share some band with
// probability 1 - (1 - s^rows)^bands (LshCandidateProbability).
//
// The signature loop runs eight functions at a time with AVX2 where the CPU
// has it (checked at run time), and the same arithmetic one at a time
// otherwise: the keys are identical either way.
//
// Thread-safety: a MinHasher owns scratch buffers; use one per thread.

#ifndef SARING_DEDUP_MINHASH_H_
#define SARING_DEDUP_MINHASH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "saring/document.h"
#include "saring/status.h"

namespace saring {

struct MinHashOptions {
  int ngram = 5;
  int bands = 14;
  int rows = 8;
  uint64_t seed = 1;
};

// Named band settings: "fineweb" (14 bands x 8 rows, FineWeb's), "nemo" (20
// x 13, NeMo Curator's), "refinedweb" (450 x 20, RefinedWeb's, after Lee et
// al.). Shingles stay 5-word ones (NeMo Curator hashes 24-character
// n-grams instead). False for an unknown name.
bool MinHashPreset(const std::string& name, MinHashOptions* options);

// The probability that two texts of shingle Jaccard similarity `s` become
// candidates: 1 - (1 - s^rows)^bands.
double LshCandidateProbability(double s, int bands, int rows);

// The bands x rows, with bands * rows <= max_hashes, that make the fewest
// errors around `threshold`: the least area under the candidate curve below
// it (false positives) plus above the curve beyond it (false negatives), as
// datasketch's optimal_param weighs them equally.
void ChooseBandsForThreshold(double threshold, int max_hashes, int* bands, int* rows);

struct DedupKeys {
  uint64_t exact = 0;
  std::vector<uint64_t> bands;  // one key per band; empty for a text without words
};

class MinHasher {
 public:
  explicit MinHasher(const MinHashOptions& options);

  void Compute(const Document& doc, DedupKeys* keys);

  // Exposed for tests: the normalized form of one word.
  static void NormalizeWord(std::string_view word, std::string* out);
  // The signature Compute derives the band keys from (bands * rows minima).
  const std::vector<uint32_t>& signature() const { return signature_; }
  // Off: the scalar loop only (tests compare it with the AVX2 one).
  void set_simd(bool on) { simd_ = on; }

 private:
  void Sign(const std::vector<uint32_t>& shingles);  // folded shingle hashes

  MinHashOptions options_;
  std::vector<uint32_t> a_, b_;  // per hash function
  std::vector<uint64_t> word_hashes_, shingles_;
  std::vector<uint32_t> folded_;
  std::vector<uint32_t> signature_;
  std::string normalized_;
  bool simd_ = true;
};

}  // namespace saring

#endif  // SARING_DEDUP_MINHASH_H_
