// Helpers that append JSON text to a std::string: escaped strings and
// numbers. Output is UTF-8; only the characters JSON requires are escaped
// (quote, backslash, control characters), so non-ASCII text stays readable.
//
// Thread-safety: stateless functions.

#ifndef SARING_JSON_JSON_WRITER_H_
#define SARING_JSON_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace saring {

// Appends `s` as a quoted JSON string. `s` must be valid UTF-8.
void AppendJsonString(std::string* out, std::string_view s);

// Appends a number: integers without a fraction, others with up to 6
// significant digits after the point ("0.125", "3", "1e+20").
void AppendJsonNumber(std::string* out, double v);
void AppendJsonInt(std::string* out, int64_t v);

}  // namespace saring

#endif  // SARING_JSON_JSON_WRITER_H_
