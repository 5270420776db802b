#include "json/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace saring {
namespace {

// True for bytes that must be escaped inside a JSON string.
constexpr bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

void AppendEscaped(std::string* out, unsigned char c) {
  switch (c) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\n': out->append("\\n"); return;
    case '\t': out->append("\\t"); return;
    case '\r': out->append("\\r"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    default: {
      static const char kHex[] = "0123456789abcdef";
      char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out->append(buf, 6);
    }
  }
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  // Copy runs of plain bytes in one append; most text has few escapes
  // (a newline every few hundred bytes).
  size_t run_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!NeedsEscape(c)) continue;
    out->append(s.data() + run_start, i - run_start);
    AppendEscaped(out, c);
    run_start = i + 1;
  }
  out->append(s.data() + run_start, s.size() - run_start);
  out->push_back('"');
}

void AppendJsonInt(std::string* out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void AppendJsonNumber(std::string* out, double v) {
  if (!std::isfinite(v)) {
    out->append("null");  // JSON has no NaN or infinity
    return;
  }
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    AppendJsonInt(out, static_cast<int64_t>(v));
    return;
  }
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.6g", v);
  out->append(buf, n);
}

}  // namespace saring
