#include "text/utf8.h"

#include <cstring>

#include <simdjson.h>

namespace saring {

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

// Table 3-7 of the Unicode Standard (well-formed byte sequences). Returns the
// sequence length, or 0 when s[i] does not start a well-formed sequence.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  auto at = [&](size_t k) -> unsigned { return static_cast<unsigned char>(s[k]); };
  unsigned c = at(i);
  size_t left = s.size() - i;
  if (c < 0x80) return 1;
  auto cont = [&](size_t k, unsigned lo, unsigned hi) {
    return i + k < s.size() && at(i + k) >= lo && at(i + k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : 0xBF;
    return left >= 3 && cont(1, lo, hi) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
    return left >= 4 && cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

namespace {

// Length of the maximal subpart of an ill-formed sequence at s[i]: the lead
// byte plus as many following bytes as could still have continued a valid
// sequence. Always >= 1.
size_t MaximalSubpart(std::string_view s, size_t i) {
  auto at = [&](size_t k) -> unsigned { return static_cast<unsigned char>(s[k]); };
  unsigned c = at(i);
  size_t need = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;  // stray continuation byte, C0/C1, F5..FF
  }
  size_t n = 1;
  for (size_t k = 0; k < need && i + n < s.size(); ++k) {
    unsigned b = at(i + n);
    if (b < lo || b > hi) break;
    ++n;
    lo = 0x80;
    hi = 0xBF;
  }
  return n;
}

}  // namespace

size_t RepairUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size() + 16);
  size_t replaced = 0;
  size_t i = 0;
  while (i < in.size()) {
    size_t n = ValidSequenceLength(in, i);
    if (n > 0) {
      out->append(in.data() + i, n);
      i += n;
      continue;
    }
    out->append("\xEF\xBF\xBD");
    ++replaced;
    i += MaximalSubpart(in, i);
  }
  return replaced;
}

// Eight bytes at a time: a continuation byte is 10xxxxxx, so it has bit 7
// set and bit 6 clear; the rest are code point starts. Several times faster
// than the byte loop, which GCC does not vectorize at -O2.
size_t CountCodePoints(std::string_view s) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // One bit per continuation byte at bit 7; the multiply sums the bytes
    // into the top one (no popcnt instruction in the baseline x86-64 ISA).
    const uint64_t ones = (w & ~(w << 1) & kHigh) >> 7;
    continuation += static_cast<size_t>((ones * 0x0101010101010101ull) >> 56);
  }
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuation;
}

}  // namespace saring
