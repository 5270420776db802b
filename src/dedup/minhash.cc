#include "dedup/minhash.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__x86_64__) && !defined(SARING_NO_SIMD)
#include <immintrin.h>
#define SARING_MINHASH_AVX2 1
#endif

namespace saring {
namespace {

// The normalized form of an ASCII byte: digits fold to '0', letters to
// lower case.
inline char FoldAscii(uint8_t b) {
  if (b >= '0' && b <= '9') return '0';
  return static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
}

// Marks that are accents on a letter, and go: the combining diacritics of
// Latin, Greek and Cyrillic (é = e + U+0301), Arabic harakat and Hebrew
// points. The marks that spell Thai, Lao or Indic vowels stay: without
// them different words would fold together.
bool IsDiacritic(UChar32 c) {
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x64B && c <= 0x65F) || (c >= 0x5B0 && c <= 0x5C7);
}

// Appends the normalized form of code point `c` (see the header).
void AppendNormalized(UChar32 c, std::string* out) {
  auto append = [out](UChar32 x) {
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, x);
    out->append(buf, len);
  };
  if (u_isdigit(c)) {
    out->push_back('0');
    return;
  }
  static const UNormalizer2* nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* n = unorm2_getNFDInstance(&status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  UChar decomposed[8];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n =
      nfd != nullptr ? unorm2_getDecomposition(nfd, c, decomposed, 8, &status) : -1;
  if (n <= 0 || U_FAILURE(status)) {
    if (!IsDiacritic(c)) append(u_tolower(c));
    return;
  }
  for (int32_t i = 0; i < n;) {
    UChar32 d;
    U16_NEXT(decomposed, i, n, d);
    if (!IsDiacritic(d)) append(u_tolower(d));
  }
}

// A shingle hash (already mixed) folded to the 32 bits the hash functions
// take.
inline uint32_t Fold(uint64_t x) { return static_cast<uint32_t>(x ^ (x >> 32)); }

// Combines the hashes of n consecutive words into one shingle hash.
inline uint64_t ShingleHash(const uint64_t* words, size_t n) {
  uint64_t k = words[0];
  for (size_t t = 1; t < n; ++t) k = (k ^ (k >> 29)) * 0x9E3779B97F4A7C15ull + words[t];
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  return k ^ (k >> 33);
}

#ifdef SARING_MINHASH_AVX2
// The signature loop, eight hash functions a register, R registers of
// running minima per sweep over the shingles (R fixed at compile time so
// that they stay in registers): each shingle is broadcast once per sweep,
// not once per register. Same arithmetic as the scalar loop in
// MinHasher::Sign (32-bit wrap-around multiply-add, unsigned minimum).
template <int R>
__attribute__((target("avx2"))) void SweepAvx2(const std::vector<uint64_t>& shingles,
                                               const uint32_t* a, const uint32_t* b,
                                               uint32_t* signature) {
  __m256i va[R], vb[R], min[R];
  for (int r = 0; r < R; ++r) {
    va[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 8 * r));
    vb[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 8 * r));
    min[r] = _mm256_set1_epi32(-1);
  }
  for (uint64_t x : shingles) {
    const __m256i folded = _mm256_set1_epi32(static_cast<int32_t>(Fold(x)));
    for (int r = 0; r < R; ++r) {
      min[r] = _mm256_min_epu32(min[r], _mm256_add_epi32(_mm256_mullo_epi32(va[r], folded), vb[r]));
    }
  }
  for (int r = 0; r < R; ++r) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(signature + 8 * r), min[r]);
  }
}

// Sweeps of eight registers (64 functions), then one of the rest; returns
// how many functions it did (a multiple of eight).
__attribute__((target("avx2"))) size_t SignAvx2(const std::vector<uint64_t>& shingles,
                                                const uint32_t* a, const uint32_t* b,
                                                size_t functions, uint32_t* signature) {
  size_t j = 0;
  for (; j + 64 <= functions; j += 64) SweepAvx2<8>(shingles, a + j, b + j, signature + j);
  switch ((functions - j) / 8) {
    case 7: SweepAvx2<7>(shingles, a + j, b + j, signature + j); break;
    case 6: SweepAvx2<6>(shingles, a + j, b + j, signature + j); break;
    case 5: SweepAvx2<5>(shingles, a + j, b + j, signature + j); break;
    case 4: SweepAvx2<4>(shingles, a + j, b + j, signature + j); break;
    case 3: SweepAvx2<3>(shingles, a + j, b + j, signature + j); break;
    case 2: SweepAvx2<2>(shingles, a + j, b + j, signature + j); break;
    case 1: SweepAvx2<1>(shingles, a + j, b + j, signature + j); break;
    default: break;
  }
  return functions - functions % 8;
}

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace

bool MinHashPreset(const std::string& name, MinHashOptions* options) {
  if (name == "fineweb") {
    options->bands = 14;
    options->rows = 8;
  } else if (name == "nemo") {
    options->bands = 20;
    options->rows = 13;
  } else if (name == "refinedweb") {
    options->bands = 450;
    options->rows = 20;
  } else {
    return false;
  }
  return true;
}

double LshCandidateProbability(double s, int bands, int rows) {
  return 1.0 - std::pow(1.0 - std::pow(s, rows), bands);
}

void ChooseBandsForThreshold(double threshold, int max_hashes, int* bands, int* rows) {
  // As datasketch's optimal_param: the least false-positive area below the
  // threshold plus false-negative area above it, equally weighted.
  auto area = [](double from, double to, int b, int r, bool positive) {
    constexpr int kSteps = 200;
    const double step = (to - from) / kSteps;
    double sum = 0;
    for (int i = 0; i < kSteps; ++i) {
      const double p = LshCandidateProbability(from + (i + 0.5) * step, b, r);
      sum += (positive ? p : 1 - p) * step;
    }
    return sum;
  };
  double best = 1e9;
  for (int b = 1; b <= max_hashes; ++b) {
    for (int r = 1; b * r <= max_hashes; ++r) {
      const double error = area(0, threshold, b, r, true) + area(threshold, 1, b, r, false);
      if (error < best - 1e-12) {
        best = error;
        *bands = b;
        *rows = r;
      }
    }
  }
}

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  const size_t functions = static_cast<size_t>(options.bands) * options.rows;
  std::mt19937_64 rng(options.seed);
  a_.resize(functions);
  b_.resize(functions);
  for (size_t j = 0; j < functions; ++j) {
    a_[j] = static_cast<uint32_t>(rng()) | 1;
    b_[j] = static_cast<uint32_t>(rng());
  }
}

void MinHasher::NormalizeWord(std::string_view word, std::string* out) {
  out->clear();
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    const uint8_t b = bytes[i];
    if (b < 0x80) {  // ASCII: no ICU
      ++i;
      out->push_back(FoldAscii(b));
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) c = 0xFFFD;
    AppendNormalized(c, out);
  }
}

void MinHasher::Compute(const Document& doc, DedupKeys* keys) {
  const std::vector<std::string_view>& words = doc.Words();
  word_hashes_.clear();
  for (std::string_view w : words) {
    // Fast path: a short ASCII word is folded into a stack buffer and
    // hashed there (building a string per word was a third of the cost).
    char buf[32];
    bool ascii = w.size() <= sizeof(buf);
    for (size_t i = 0; ascii && i < w.size(); ++i) {
      const uint8_t b = static_cast<uint8_t>(w[i]);
      ascii = b < 0x80;
      buf[i] = FoldAscii(b);
    }
    if (ascii) {
      if (!w.empty()) word_hashes_.push_back(XXH3_64bits(buf, w.size()));
      continue;
    }
    NormalizeWord(w, &normalized_);
    if (!normalized_.empty()) word_hashes_.push_back(XXH3_64bits(normalized_.data(), normalized_.size()));
  }
  keys->exact = XXH3_64bits(word_hashes_.data(), word_hashes_.size() * sizeof(uint64_t));
  keys->bands.clear();
  if (word_hashes_.empty()) return;
  const size_t n = std::min<size_t>(static_cast<size_t>(options_.ngram), word_hashes_.size());
  shingles_.clear();
  for (size_t i = 0; i + n <= word_hashes_.size(); ++i) {
    shingles_.push_back(ShingleHash(&word_hashes_[i], n));
  }
  Sign(shingles_);
  const size_t rows = static_cast<size_t>(options_.rows);
  for (int band = 0; band < options_.bands; ++band) {
    keys->bands.push_back(
        XXH3_64bits_withSeed(&signature_[band * rows], rows * sizeof(uint32_t), uint64_t(band)));
  }
}

void MinHasher::Sign(const std::vector<uint64_t>& shingles) {
  const size_t functions = a_.size();
  signature_.assign(functions, UINT32_MAX);
  size_t done = 0;
#ifdef SARING_MINHASH_AVX2
  if (simd_ && HasAvx2()) {
    done = SignAvx2(shingles, a_.data(), b_.data(), functions, signature_.data());
  }
#endif
  for (size_t j = done; j < functions; ++j) {
    uint32_t min = UINT32_MAX;
    for (uint64_t x : shingles) min = std::min(min, a_[j] * Fold(x) + b_[j]);
    signature_[j] = min;
  }
}

}  // namespace saring
