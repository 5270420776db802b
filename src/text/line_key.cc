#include "text/line_key.h"

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
      if (c >= 'a' && c <= 'z') map[c] = static_cast<uint8_t>(c);
      else if (c >= 'A' && c <= 'Z') map[c] = static_cast<uint8_t>(c - 'A' + 'a');
      else if (c >= '0' && c <= '9') map[c] = '0';
      else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') map[c] = kDrop;
      else if (c == 0x7f) map[c] = kDrop;
      else map[c] = kSpace;  // whitespace, punctuation, symbols
    }
  }
};
constexpr AsciiTable kAscii;

// Appends one code point outside ASCII; returns whether it is a separator.
// Out of line: the rare path (ICU property lookups).
bool AppendNonAscii(UChar32 c, std::string* key, bool* dropped) {
  *dropped = false;
  int8_t type = u_charType(c);
  switch (type) {
    case U_DECIMAL_DIGIT_NUMBER:
      key->push_back('0');
      return false;
    case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION: case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL: case U_CONTROL_CHAR:
      return true;
    case U_FORMAT_CHAR:
      *dropped = true;
      return false;
    default:
      break;
  }
  UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  char buf[4];
  int32_t n = 0;
  bool error = false;
  U8_APPEND(buf, n, 4, folded, error);
  if (!error) key->append(buf, static_cast<size_t>(n));
  return false;
}

}  // namespace

size_t MakeLineKey(std::string_view text, std::string* key) {
  key->clear();
  size_t chars = 0;
  bool pending_space = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < len) {
    uint8_t b = s[i];
    if (b < 0x80) {
      ++i;
      uint8_t m = kAscii.map[b];
      if (m == kDrop) continue;
      if (m == kSpace) {
        pending_space = !key->empty();
        continue;
      }
      if (pending_space) {
        key->push_back(' ');
        ++chars;
        pending_space = false;
      }
      key->push_back(static_cast<char>(m));
      ++chars;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) continue;  // ill-formed: callers pass repaired text, but never crash
    size_t before = key->size();
    if (pending_space) key->push_back(' ');
    bool dropped = false;
    if (AppendNonAscii(c, key, &dropped)) {
      key->resize(before);
      pending_space = before > 0;
      continue;
    }
    if (dropped) {
      key->resize(before);
      continue;
    }
    if (pending_space) ++chars;
    pending_space = false;
    ++chars;
  }
  return chars;
}

uint64_t HashKey(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

void HashKeyWords(std::string_view key, std::vector<uint64_t>* out) {
  out->clear();
  size_t start = 0;
  while (start < key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    out->push_back(XXH3_64bits(key.data() + start, end - start));
    start = end + 1;
  }
}

}  // namespace saring
