#include "json/object_scanner.h"

#include <cstring>

namespace saring {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

// `i` is at an opening quote; returns the index just past the closing quote.
size_t SkipString(std::string_view s, size_t i) {
  ++i;
  while (i < s.size()) {
    // Jump to the next quote or backslash; string bodies are the bulk of a
    // document, so this is the loop that matters.
    const char* p = static_cast<const char*>(std::memchr(s.data() + i, '"', s.size() - i));
    if (p == nullptr) return s.size();
    size_t q = static_cast<size_t>(p - s.data());
    // Count the backslashes right before the quote: odd means escaped.
    size_t b = q;
    while (b > i && s[b - 1] == '\\') --b;
    if (((q - b) & 1) == 0) return q + 1;
    i = q + 1;
  }
  return s.size();
}

// `i` is at the first byte of a value; returns the index just past it.
size_t SkipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return i;
  char c = s[i];
  if (c == '"') return SkipString(s, i);
  if (c == '{' || c == '[') {
    int depth = 0;
    while (i < s.size()) {
      char d = s[i];
      if (d == '"') {
        i = SkipString(s, i);
        continue;
      }
      if (d == '{' || d == '[') ++depth;
      if (d == '}' || d == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return i;
  }
  // number, true, false, null
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !IsSpace(s[i])) ++i;
  return i;
}

}  // namespace

bool ScanObjectMembers(std::string_view s, std::vector<JsonMember>* members) {
  size_t i = SkipSpace(s, 0);
  if (i >= s.size() || s[i] != '{') return false;
  i = SkipSpace(s, i + 1);
  while (i < s.size() && s[i] == '"') {
    size_t key_start = i;
    size_t key_end = SkipString(s, i);
    i = SkipSpace(s, key_end);
    i = SkipSpace(s, i + 1);  // ':'
    size_t value_start = i;
    size_t value_end = SkipValue(s, i);
    members->push_back({s.substr(key_start + 1, key_end - key_start - 2),
                        s.substr(value_start, value_end - value_start),
                        s.substr(key_start, value_end - key_start)});
    i = SkipSpace(s, value_end);
    if (i < s.size() && s[i] == ',') i = SkipSpace(s, i + 1);
  }
  return true;
}

}  // namespace saring
