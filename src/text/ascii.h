// ASCII helpers shared by stages that follow Python's str methods on
// normalized text (whose whitespace the normalize stage made ASCII).

#ifndef SARING_TEXT_ASCII_H_
#define SARING_TEXT_ASCII_H_

#include <string_view>

namespace saring {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// `s` without leading and trailing ASCII whitespace (Python's str.strip()
// on normalized text).
inline std::string_view StripAsciiSpace(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace saring

#endif  // SARING_TEXT_ASCII_H_
