#include "text/word_segmenter.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstdint>

#if defined(__SSE2__) && !defined(SARING_NO_SIMD)  // every x86-64 CPU; others: the byte loop
#include <emmintrin.h>
#define SARING_SEGMENTER_SSE2 1
#endif

namespace saring {
namespace {

// What a code point is to the segmenter, as bit flags.
enum : uint8_t {
  kWord = 1,     // letter, mark or number
  kDict = 2,     // ... of a script written without spaces (with kWord)
  kDigit = 4,    // decimal digit (with kWord)
  kJoin = 8,     // apostrophe or hyphen: inside a word between word characters
  kNumJoin = 16  // '.' or ',': inside a number between digits
};

bool WrittenWithoutSpaces(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
      return true;
    default:
      // The prolonged sound mark and the iteration marks are Common but
      // belong to the Japanese run around them.
      return c == 0x30FC || c == 0x3005 || c == 0x309D || c == 0x309E || c == 0x30FD || c == 0x30FE;
  }
}

uint8_t Classify(UChar32 c) {
  if (c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011) return kJoin;
  if (c == '.' || c == ',') return kNumJoin;
  const int8_t type = u_charType(c);
  uint8_t flags = 0;
  switch (type) {
    case U_DECIMAL_DIGIT_NUMBER:
      flags = kWord | kDigit;
      break;
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      flags = kWord;
      break;
    default:
      return 0;
  }
  if (WrittenWithoutSpaces(c)) flags |= kDict;
  return flags;
}

// Classify for every BMP code point, computed once: two ICU lookups per
// character would cost more than the rest of the fast path for Cyrillic,
// Greek or Arabic text. 64 KB.
class ClassTable {
 public:
  static const ClassTable& Get() {
    static const ClassTable* table = new ClassTable();
    return *table;
  }
  uint8_t Of(UChar32 c) const { return c < 0x10000 ? flags_[c] : Classify(c); }
  // An ASCII letter or digit (a word character of no dictionary script).
  bool AsciiWord(char c) const { return ascii_word_[static_cast<unsigned char>(c)]; }

 private:
  ClassTable() {
    for (UChar32 c = 0; c < 0x10000; ++c) flags_[c] = Classify(c);
    for (int c = 0; c < 256; ++c) {
      ascii_word_[c] = c < 0x80 && (flags_[c] & kWord) && !(flags_[c] & kDict);
    }
  }
  uint8_t flags_[0x10000];
  bool ascii_word_[256];
};

// The end of the run of ASCII letters and digits that starts at text[i]
// (ClassTable::AsciiWord). Sixteen bytes a step where SSE2 is there: on
// Latin-script text this loop was a fifth of the segmenter's cost, and
// MinHash signatures are mostly segmentation.
inline size_t AsciiWordRunEnd(std::string_view text, size_t i, const ClassTable& table) {
  const size_t n = text.size();
#ifdef SARING_SEGMENTER_SSE2
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // Bytes from 0x80 are negative as signed bytes: neither range takes them.
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const int other = ~_mm_movemask_epi8(_mm_or_si128(letter, digit)) & 0xFFFF;
    if (other != 0) return i + static_cast<size_t>(__builtin_ctz(other));
  }
#endif
  while (i < n && table.AsciiWord(text[i])) ++i;
  return i;
}

// The code point at text[i] and its length in bytes (1 for an ill-formed
// byte, which then classifies as a separator).
inline UChar32 Next(std::string_view text, size_t i, size_t* length) {
  const auto b = static_cast<uint8_t>(text[i]);
  if (b < 0x80) {
    *length = 1;
    return b;
  }
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), j, static_cast<int32_t>(text.size()), c);
  *length = static_cast<size_t>(j) - i;
  return c < 0 ? 0xFFFD : c;
}

}  // namespace

struct WordSegmenter::Icu {
  UBreakIterator* words = nullptr;
  UText text = UTEXT_INITIALIZER;
  ~Icu() {
    if (words != nullptr) ubrk_close(words);
    utext_close(&text);
  }
};

WordSegmenter::WordSegmenter() = default;
WordSegmenter::~WordSegmenter() = default;

void WordSegmenter::Segment(std::string_view text, std::vector<std::string_view>* words) {
  words->clear();
  const ClassTable& table = ClassTable::Get();
  const size_t n = text.size();
  size_t i = 0, len = 0;
  while (i < n) {
    const uint8_t flags = table.Of(Next(text, i, &len));
    if ((flags & kWord) == 0) {
      i += len;
      continue;
    }
    const size_t start = i;
    if (flags & kDict) {
      while (i < n && (table.Of(Next(text, i, &len)) & kDict)) i += len;
      SegmentWithoutSpaces(text.substr(start, i - start), words);
      continue;
    }
    // A word of a script written with spaces.
    bool last_digit = flags & kDigit;
    i += len;
    while (i < n) {
      // Fast path: a run of ASCII letters and digits needs no decoding.
      if (table.AsciiWord(text[i])) {
        const size_t j = AsciiWordRunEnd(text, i + 1, table);
        last_digit = table.Of(static_cast<unsigned char>(text[j - 1])) & kDigit;
        i = j;
        continue;
      }
      const uint8_t f = table.Of(Next(text, i, &len));
      if ((f & kWord) && !(f & kDict)) {
        last_digit = f & kDigit;
        i += len;
        continue;
      }
      if ((f & (kJoin | kNumJoin)) == 0 || i + len >= n) break;
      // A joiner stays inside only between two word characters (digits for
      // '.' and ',').
      size_t next_len;
      const uint8_t g = table.Of(Next(text, i + len, &next_len));
      const bool joins = (f & kJoin) ? ((g & kWord) && !(g & kDict))
                                     : (last_digit && (g & kDigit) && !(g & kDict));
      if (!joins) break;
      last_digit = g & kDigit;
      i += len + next_len;
    }
    words->push_back(text.substr(start, i - start));
  }
}

void WordSegmenter::SegmentWithoutSpaces(std::string_view run,
                                         std::vector<std::string_view>* words) {
  UErrorCode status = U_ZERO_ERROR;
  if (icu_ == nullptr) {
    icu_ = std::make_unique<Icu>();
    icu_->words = ubrk_open(UBRK_WORD, "", nullptr, 0, &status);
    if (U_FAILURE(status)) icu_->words = nullptr;
  }
  status = U_ZERO_ERROR;
  utext_openUTF8(&icu_->text, run.data(), static_cast<int64_t>(run.size()), &status);
  if (icu_->words == nullptr || U_FAILURE(status)) {
    words->push_back(run);  // no ICU data: the run is one word rather than lost
    return;
  }
  ubrk_setUText(icu_->words, &icu_->text, &status);
  int32_t begin = ubrk_first(icu_->words);
  for (int32_t end = ubrk_next(icu_->words); end != UBRK_DONE;
       begin = end, end = ubrk_next(icu_->words)) {
    if (ubrk_getRuleStatus(icu_->words) < UBRK_WORD_NONE_LIMIT) continue;  // not a word
    words->push_back(run.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)));
  }
}

}  // namespace saring
