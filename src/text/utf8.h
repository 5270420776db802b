// UTF-8 validation, repair and counting.
//
// Policy for invalid bytes (documented in README "Invalid UTF-8"): every
// maximal ill-formed subsequence is replaced by one U+FFFD REPLACEMENT
// CHARACTER, the rule of the WHATWG Encoding Standard and of Python's
// errors="replace". Overlong forms, surrogates (ED A0..BF) and code points
// above U+10FFFF are ill-formed. The number of replacements is kept with the
// document so that the normalize stage can drop documents that are mostly
// garbage.
//
// Thread-safety: stateless.

#ifndef SARING_TEXT_UTF8_H_
#define SARING_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace saring {

bool IsValidUtf8(std::string_view s);

// Writes `in` to *out with each maximal ill-formed subsequence replaced by
// U+FFFD. Returns the number of replacements.
size_t RepairUtf8(std::string_view in, std::string* out);

// Number of code points in valid UTF-8 (continuation bytes not counted).
size_t CountCodePoints(std::string_view s);

// Length of the valid UTF-8 sequence starting at s[i], or 0 if ill-formed.
size_t ValidSequenceLength(std::string_view s, size_t i);

}  // namespace saring

#endif  // SARING_TEXT_UTF8_H_
