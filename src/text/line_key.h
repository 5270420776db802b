// LineKey: the normalized form under which saring compares lines and
// paragraphs (repeats inside a document, boilerplate lexicons, corpus-wide
// line counts). Two pieces of text are "the same line" when their keys are
// equal.
//
//   std::string key;
//   size_t chars = MakeLineKey("Baca juga: 10 Tips Jitu!", &key);
//   // key == "baca juga 00 tips jitu", chars == 22
//
// The key is the text with
//   - letters case-folded (Unicode simple case folding),
//   - every decimal digit (any script) mapped to '0', so dates, counters and
//     prices do not make two template lines differ,
//   - punctuation and symbols treated as spaces, so "Share:" and "Share" or a
//     sentence with a comma changed compare equal,
//   - format characters (ZWJ, soft hyphen ...) dropped,
//   - whitespace runs collapsed to one ASCII space and the ends trimmed.
// Words of the key are therefore its space-separated tokens.
//
// Thread-safety: stateless.

#ifndef SARING_TEXT_LINE_KEY_H_
#define SARING_TEXT_LINE_KEY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace saring {

// Writes the key of `text` (valid UTF-8) to *key, replacing its contents.
// Returns the number of code points in the key.
size_t MakeLineKey(std::string_view text, std::string* key);
// The same, appended to *key's current contents.
size_t AppendLineKey(std::string_view text, std::string* key);

// 64-bit hash of a key (XXH3).
uint64_t HashKey(std::string_view key);

// Hashes of the space-separated words of a key, appended to *out after
// clearing it.
void HashKeyWords(std::string_view key, std::vector<uint64_t>* out);

}  // namespace saring

#endif  // SARING_TEXT_LINE_KEY_H_
