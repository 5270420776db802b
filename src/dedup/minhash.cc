#include "dedup/minhash.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

// MurmurHash3's 64-bit finalizer: a bijection that mixes every input bit
// into every output bit.
inline uint64_t Mix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  return k ^ (k >> 33);
}

// Word hashing, written here rather than XXH3 of a folded copy: folding
// eight ASCII bytes at once in a register and hashing them there is a third
// of what the per-byte fold and XXH3 cost (callgrind on dedup_bench), and
// words are most of a signature's work. A word is hashed as 8-byte
// little-endian chunks of its normalized bytes, the last one zero-padded,
// so the ASCII path (fold in registers) and the other (NormalizeWord, then
// the same chunks) agree on every word both can take.
constexpr uint64_t kHighBits = 0x8080808080808080ull;
constexpr uint64_t EachByte(uint8_t c) { return c * 0x0101010101010101ull; }

// FoldAscii on each of eight bytes, all below 0x80 (zero bytes stay zero):
// adding 0x80 - c sets a byte's high bit exactly when it is >= c, and no
// byte carries into the next.
inline uint64_t FoldAscii8(uint64_t x) {
  const uint64_t at_least_a = (x + EachByte(0x80 - 'A')) & kHighBits;
  const uint64_t above_z = (x + EachByte(0x80 - 'Z' - 1)) & kHighBits;
  const uint64_t at_least_0 = (x + EachByte(0x80 - '0')) & kHighBits;
  const uint64_t above_9 = (x + EachByte(0x80 - '9' - 1)) & kHighBits;
  x |= (at_least_a & ~above_z) >> 2;                 // +0x20: lower case
  x &= ~(((at_least_0 & ~above_9) >> 7) * 0x0F);     // '0'..'9' -> '0'
  return x;
}

inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// The zero-padded chunk of the `n` (1..7) bytes at p. Reads the eight bytes
// at p when they lie inside [begin, end), else the eight ending at p + n.
inline uint64_t LoadTail(const char* p, size_t n, const char* begin, const char* end) {
  if (end - p >= 8) return Load8(p) & ((uint64_t{1} << (8 * n)) - 1);
  if (p + n - begin >= 8) return Load8(p + n - 8) >> (8 * (8 - n));
  uint64_t x = 0;
  std::memcpy(&x, p, n);
  return x;
}

constexpr uint64_t kChunkMultiplier = 0x9E3779B97F4A7C15ull;

inline uint64_t MixChunk(uint64_t h, uint64_t chunk) {
  h = (h ^ chunk) * kChunkMultiplier;
  return h ^ (h >> 29);
}

// Hashes `word` (lying inside [begin, end)) as its normalized chunks, folding
// ASCII on the way; false, with nothing hashed, when a byte is not ASCII.
inline bool HashAsciiWord(std::string_view word, const char* begin, const char* end,
                          uint64_t* hash) {
  const char* p = word.data();
  size_t n = word.size();
  uint64_t h = n * 0xD6E8FEB86659FD93ull, seen = 0;
  for (; n >= 8; p += 8, n -= 8) {
    const uint64_t chunk = Load8(p);
    seen |= chunk;
    h = MixChunk(h, FoldAscii8(chunk & ~kHighBits));
  }
  if (n > 0) {
    const uint64_t chunk = LoadTail(p, n, begin, end);
    seen |= chunk;
    h = MixChunk(h, FoldAscii8(chunk & ~kHighBits));
  }
  if (seen & kHighBits) return false;
  *hash = Mix64(h);
  return true;
}

// The same hash of bytes already normalized.
inline uint64_t HashNormalizedWord(std::string_view word) {
  const char* p = word.data();
  size_t n = word.size();
  uint64_t h = n * 0xD6E8FEB86659FD93ull;
  for (; n >= 8; p += 8, n -= 8) h = MixChunk(h, Load8(p));
  if (n > 0) {
    uint64_t chunk = 0;
    std::memcpy(&chunk, p, n);
    h = MixChunk(h, chunk);
  }
  return Mix64(h);
}

// Shingle hashes are a polynomial over the words' hashes, kept rolling so
// that each shingle costs two multiplies whatever n is, then mixed.
constexpr uint64_t kShingleBase = 0x100000001B3ull * 2 + 1;

void RollingShingles(const std::vector<uint64_t>& words, size_t n, std::vector<uint64_t>* out) {
  out->clear();
  uint64_t top = 1;  // kShingleBase^(n-1): the weight of the word leaving
  for (size_t t = 1; t < n; ++t) top *= kShingleBase;
  uint64_t k = 0;
  for (size_t t = 0; t < n; ++t) k = k * kShingleBase + words[t];
  out->push_back(Mix64(k));
  for (size_t i = n; i < words.size(); ++i) {
    k = (k - words[i - n] * top) * kShingleBase + words[i];
    out->push_back(Mix64(k));
  }
}

#ifdef SARING_MINHASH_AVX2
// The signature loop, eight hash functions a register, R registers of
// running minima per sweep over the shingles (R fixed at compile time so
// that the minima stay in registers; the multipliers and offsets are read
// from L1 as operands, which leaves the 16 registers to the minima): each
// shingle is broadcast once per sweep, not once per register. Same
// arithmetic as the scalar loop in MinHasher::Sign (32-bit wrap-around
// multiply-add, unsigned minimum).
template <int R>
__attribute__((target("avx2"))) void SweepAvx2(const std::vector<uint32_t>& shingles,
                                               const uint32_t* a, const uint32_t* b,
                                               uint32_t* signature) {
  __m256i min[R];
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) min[r] = _mm256_set1_epi32(-1);
  for (uint32_t x : shingles) {
    const __m256i broadcast = _mm256_set1_epi32(static_cast<int32_t>(x));
#pragma GCC unroll 16  // unrolled, min[] lives in registers; as a loop GCC keeps it on the stack
    for (int r = 0; r < R; ++r) {
      const __m256i va = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 8 * r));
      const __m256i vb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 8 * r));
      min[r] = _mm256_min_epu32(min[r], _mm256_add_epi32(_mm256_mullo_epi32(va, broadcast), vb));
    }
  }
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(signature + 8 * r), min[r]);
  }
}

// SweepAvx2<registers> for a count (1..R) known at run time.
template <int R>
__attribute__((target("avx2"))) void SweepRest(int registers, const std::vector<uint32_t>& shingles,
                                               const uint32_t* a, const uint32_t* b,
                                               uint32_t* signature) {
  if constexpr (R > 0) {
    if (registers == R) return SweepAvx2<R>(shingles, a, b, signature);
    SweepRest<R - 1>(registers, shingles, a, b, signature);
  }
}

constexpr int kMaxRegisters = 14;  // FineWeb's 112 functions in one sweep

// Sweeps of kMaxRegisters registers, then one of the rest; returns how many
// functions it did (a multiple of eight).
__attribute__((target("avx2"))) size_t SignAvx2(const std::vector<uint32_t>& shingles,
                                                const uint32_t* a, const uint32_t* b,
                                                size_t functions, uint32_t* signature) {
  constexpr size_t kSweep = 8 * kMaxRegisters;
  size_t j = 0;
  for (; j + kSweep <= functions; j += kSweep) {
    SweepAvx2<kMaxRegisters>(shingles, a + j, b + j, signature + j);
  }
  SweepRest<kMaxRegisters - 1>(static_cast<int>((functions - j) / 8), shingles, a + j, b + j,
                               signature + j);
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
  const char* begin = doc.text().data();
  const char* end = begin + doc.text().size();
  word_hashes_.clear();
  for (std::string_view w : words) {
    uint64_t hash;
    if (!HashAsciiWord(w, begin, end, &hash)) {
      NormalizeWord(w, &normalized_);
      if (normalized_.empty()) continue;
      hash = HashNormalizedWord(normalized_);
    }
    word_hashes_.push_back(hash);
  }
  keys->exact = XXH3_64bits(word_hashes_.data(), word_hashes_.size() * sizeof(uint64_t));
  keys->bands.clear();
  if (word_hashes_.empty()) return;
  const size_t n = std::min<size_t>(static_cast<size_t>(options_.ngram), word_hashes_.size());
  RollingShingles(word_hashes_, n, &shingles_);
  folded_.resize(shingles_.size());
  for (size_t i = 0; i < shingles_.size(); ++i) folded_[i] = Fold(shingles_[i]);
  Sign(folded_);
  const size_t rows = static_cast<size_t>(options_.rows);
  for (int band = 0; band < options_.bands; ++band) {
    keys->bands.push_back(
        XXH3_64bits_withSeed(&signature_[band * rows], rows * sizeof(uint32_t), uint64_t(band)));
  }
}

void MinHasher::Sign(const std::vector<uint32_t>& shingles) {
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
    for (uint32_t x : shingles) min = std::min(min, a_[j] * x + b_[j]);
    signature_[j] = min;
  }
}

}  // namespace saring
