#include "text/line_key.h"

#if defined(__SSE2__) && !defined(SARING_NO_SIMD)  // every x86-64 CPU; others: the byte loop
#include <emmintrin.h>
#define SARING_LINE_KEY_SSE2 1
#endif
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define XXH_INLINE_ALL  // header-only: short keys, the call overhead matters
#include <xxhash.h>

namespace saring {
namespace {

// What an ASCII byte becomes in a key: itself, lowercased, '0', a separator
// (' ') or nothing (control characters). A table, because ASCII is most of
// the bytes of most web text and this loop runs on every line.
enum : uint8_t { kDrop = 0, kSpace = 1 };

struct AsciiTable {
  uint8_t map[128];
  constexpr AsciiTable() : map() {
    for (int c = 0; c < 128; ++c) {
      if (c >= 'a' && c <= 'z')
        map[c] = static_cast<uint8_t>(c);
      else if (c >= 'A' && c <= 'Z')
        map[c] = static_cast<uint8_t>(c - 'A' + 'a');
      else if (c >= '0' && c <= '9')
        map[c] = '0';
      else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
        map[c] = kDrop;
      else if (c == 0x7f)
        map[c] = kDrop;
      else
        map[c] = kSpace;  // whitespace, punctuation, symbols
    }
  }
};
constexpr AsciiTable kAscii;

// What a code point outside ASCII becomes. Out of line: the rare path
// (ICU property lookups).
enum class NonAscii { kKeep, kDigit, kSpace, kDrop };
NonAscii ClassifyNonAscii(UChar32 c, UChar32* folded) {
  switch (u_charType(c)) {
    case U_DECIMAL_DIGIT_NUMBER:
      return NonAscii::kDigit;
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
    case U_CONTROL_CHAR:
      return NonAscii::kSpace;
    case U_FORMAT_CHAR:
      return NonAscii::kDrop;
    default:
      *folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
      return NonAscii::kKeep;
  }
}

#if SARING_LINE_KEY_SSE2
// Up to 16 bytes of ASCII text made of letters, digits and single spaces,
// keyed with SSE2 (letters lowercased, digits to '0', spaces kept), stored
// at `out` (16 bytes are written). Per-byte branches on letter/separator
// mispredict about once a word; this takes a few branches per 16 bytes of
// plain prose and roughly doubled the speed of keys of Latin-script text.
struct AsciiRun {
  int32_t consumed = 0;  // input bytes taken; 0: neither a letter, digit nor separator first
  int32_t written = 0;   // key bytes (a final space is left pending, not written)
  bool trailing_space = false;
};

AsciiRun CopyAsciiRun(const uint8_t* in, char* out) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  // Signed compares: bytes >= 0x80 are negative, so never letters or digits.
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  const __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
  const unsigned keep = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
  const unsigned spaces = static_cast<unsigned>(_mm_movemask_epi8(space));
  AsciiRun r;
  if ((keep & 1) == 0) {
    // A run of ASCII separators (punctuation, symbols, spaces, tabs): one
    // pending space, however long (", " after most words).
    const __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)),
                                            _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
    const __m128i tab = _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'));
    const unsigned separators =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(printable, tab))) & ~keep & 0xFFFF;
    r.consumed = separators == 0xFFFF ? 16 : __builtin_ctz(~separators);
    r.trailing_space = r.consumed > 0;
    return r;
  }
  // Stop at the first byte that is neither, and before two spaces in a row
  // (the scalar loop collapses those).
  const unsigned other = ~(keep | spaces) & 0xFFFF;
  const unsigned doubled = spaces & (spaces >> 1);
  const unsigned stop = other | doubled;
  r.consumed = stop == 0 ? 16 : __builtin_ctz(stop);
  r.trailing_space = (spaces >> (r.consumed - 1)) & 1;
  r.written = r.consumed - r.trailing_space;
  const __m128i mapped = _mm_or_si128(
      _mm_or_si128(_mm_and_si128(lower, letter), _mm_and_si128(_mm_set1_epi8('0'), digit)),
      _mm_and_si128(v, space));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), mapped);
  return r;
}
#endif  // SARING_LINE_KEY_SSE2

// ClassifyNonAscii for the Basic Multilingual Plane (Latin-1, Greek,
// Cyrillic, Arabic, Devanagari, Thai, CJK ...), computed once on first use
// (256 KB, about a millisecond): the two ICU calls per code point it
// replaces cost more than the rest of the loop. Keys of the non-ASCII lines
// of the Common Crawl sample went from 312 to 446 MB/s. Entry: the folded
// code point in the low 21 bits, the NonAscii class above.
class BmpTable {
 public:
  static const BmpTable& Get() {
    static const BmpTable* table = new BmpTable();
    return *table;
  }
  NonAscii Classify(UChar32 c, UChar32* folded) const {
    uint32_t e = entry_[c - 0x80];
    *folded = static_cast<UChar32>(e & 0x1FFFFF);
    return static_cast<NonAscii>(e >> 21);
  }

 private:
  BmpTable() {
    for (UChar32 c = 0x80; c < 0x10000; ++c) {
      UChar32 folded = c;
      NonAscii k = ClassifyNonAscii(c, &folded);
      entry_[c - 0x80] = (static_cast<uint32_t>(k) << 21) | static_cast<uint32_t>(folded);
    }
  }
  uint32_t entry_[0x10000 - 0x80];
};

}  // namespace

// The key is written through a raw pointer into a buffer sized for the
// worst case (simple case folding maps one code point to one code point of
// at most 4 bytes, from at least 2 input bytes outside ASCII): appending byte
// by byte to a std::string cost 40% of the repeats stage.
size_t MakeLineKey(std::string_view text, std::string* key) {
  key->clear();
  return AppendLineKey(text, key);
}

size_t AppendLineKey(std::string_view text, std::string* key) {
  const size_t old_size = key->size();
  key->resize(old_size + 2 * text.size() + 4);
  char* const begin = key->data() + old_size;
  char* out = begin;
  size_t chars = 0;
  bool pending_space = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  auto separate = [&] {
    if (pending_space) {
      *out++ = ' ';
      ++chars;
      pending_space = false;
    }
  };
  const BmpTable& bmp = BmpTable::Get();
  int32_t i = 0;
  while (i < len) {
#if SARING_LINE_KEY_SSE2
    if (i + 16 <= len && s[i] < 0x80) {
      // Stored one byte on when a separator is due, which then goes first.
      const AsciiRun run = CopyAsciiRun(s + i, out + pending_space);
      if (run.written > 0) {
        if (pending_space) {
          *out++ = ' ';
          ++chars;
        }
        out += run.written;
        chars += static_cast<size_t>(run.written);
        i += run.consumed;
        pending_space = run.trailing_space;
        continue;
      }
      if (run.consumed > 0) {  // separators only
        pending_space = pending_space || out != begin;
        i += run.consumed;
        continue;
      }
    }
#endif
    uint8_t b = s[i];
    if (b < 0x80) {
      ++i;
      uint8_t m = kAscii.map[b];
      if (m == kDrop) continue;
      if (m == kSpace) {
        pending_space = out != begin;
        continue;
      }
      separate();
      *out++ = static_cast<char>(m);
      ++chars;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) continue;  // ill-formed: callers pass repaired text, but never crash
    UChar32 folded = c;
    const NonAscii kind = c < 0x10000 ? bmp.Classify(c, &folded) : ClassifyNonAscii(c, &folded);
    switch (kind) {
      case NonAscii::kSpace:
        pending_space = out != begin;
        continue;
      case NonAscii::kDrop:
        continue;
      case NonAscii::kDigit:
        separate();
        *out++ = '0';
        ++chars;
        continue;
      case NonAscii::kKeep: {
        separate();
        int32_t n = 0;
        U8_APPEND_UNSAFE(out, n, folded);
        out += n;
        ++chars;
        continue;
      }
    }
  }
  key->resize(old_size + static_cast<size_t>(out - begin));
  return chars;
}

uint64_t HashKey(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

void HashKeyWords(std::string_view key, std::vector<uint64_t>* out) {
  out->clear();
  // A byte loop rather than find(): words are a few bytes long, and a
  // memchr call per word cost more than the scan.
  size_t start = 0;
  for (size_t i = 0; i <= key.size(); ++i) {
    if (i < key.size() && key[i] != ' ') continue;
    if (i > start) out->push_back(XXH3_64bits(key.data() + start, i - start));
    start = i + 1;
  }
}

}  // namespace saring
