// ScanObjectMembers: finds the raw byte spans of the top-level members of a
// JSON object that has already been validated (by simdjson).
//
// saring rewrites documents without re-serializing what it does not own:
// unknown fields and their values are copied byte for byte from the input,
// so numbers, key order inside nested objects and escapes are preserved.
// simdjson's DOM does not keep source offsets, hence this small scanner. It
// trusts its input: call it only on text simdjson accepted as an object.
//
// Thread-safety: stateless.

#ifndef SARING_JSON_OBJECT_SCANNER_H_
#define SARING_JSON_OBJECT_SCANNER_H_

#include <string_view>
#include <vector>

namespace saring {

struct JsonMember {
  std::string_view key;     // raw key text between the quotes (still escaped)
  std::string_view value;   // raw value text
  std::string_view member;  // from the key's opening quote to the value's end
};

// Appends the members of the object in `json` (leading/trailing whitespace
// allowed) to *members. Returns false if `json` does not start with '{'.
bool ScanObjectMembers(std::string_view json, std::vector<JsonMember>* members);

}  // namespace saring

#endif  // SARING_JSON_OBJECT_SCANNER_H_
