// Cld2Detect: language of a text by CLD2 (Debian's libcld2, its 83-language
// tables compiled in: no model file needed).
//
//   Cld2Result r = Cld2Detect("Saya tidak tahu apa yang terjadi kemarin.");
//   // r.languages[0].tag.language == "id", r.reliable
//
// CLD2 scores quadgrams (words for Chinese and Japanese) of each script run
// and reports up to three languages with their share of the text. `score`
// here is that share (0..1). CLD2 says "unreliable" when the text is short
// or the top two languages are close; callers weigh that flag.
//
// Text that is not valid UTF-8 is classified up to its first invalid byte.
//
// Thread-safety: thread-safe (CLD2 keeps no state between calls).

#ifndef SARING_LANG_CLD2_DETECTOR_H_
#define SARING_LANG_CLD2_DETECTOR_H_

#include <string_view>
#include <vector>

#include "lang/language_code.h"

namespace saring {

struct LanguageScore {
  LanguageTag tag;
  float score = 0;
};

struct Cld2Result {
  std::vector<LanguageScore> languages;  // up to 3, largest share first; no "und"
  bool reliable = false;
};

Cld2Result Cld2Detect(std::string_view text);

}  // namespace saring

#endif  // SARING_LANG_CLD2_DETECTOR_H_
