#include "lang/cld2_detector.h"

#include <array>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "text/utf8.h"

namespace saring {
namespace {

// CLD2's Language enum -> our tags, built once (ICU canonicalization is too
// slow to run per document).
const LanguageTag& TagOf(CLD2::Language language) {
  static const std::vector<LanguageTag> tags = [] {
    std::vector<LanguageTag> t(CLD2::NUM_LANGUAGES);
    for (int i = 0; i < CLD2::NUM_LANGUAGES; ++i) {
      t[i] = CanonicalLanguage(CLD2::LanguageCode(static_cast<CLD2::Language>(i)));
    }
    return t;
  }();
  static const LanguageTag unknown;
  if (language < 0 || language >= CLD2::NUM_LANGUAGES) return unknown;
  return tags[language];
}

// One CLD2 call on valid UTF-8.
Cld2Result DetectValid(std::string_view text, int flags) {
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  std::array<CLD2::Language, 3> languages;
  std::array<int, 3> percents;
  std::array<double, 3> normalized;
  int text_bytes = 0;
  Cld2Result result;
  CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, &hints, flags,
                                 languages.data(), percents.data(), normalized.data(), nullptr,
                                 &text_bytes, &result.reliable);
  for (int i = 0; i < 3; ++i) {
    const LanguageTag& tag = TagOf(languages[i]);
    if (!tag.known() || percents[i] <= 0) continue;
    result.languages.push_back(LanguageScore{tag, percents[i] / 100.0f});
  }
  return result;
}

}  // namespace

// CLD2 answers "unknown" for text it finds too short. Asked for its best
// effort it answers anyway, but then falls back to English for text it has
// no evidence about ("Actualmente se esta reformando." -> en 96%, "reliable"),
// so a best-effort answer is always marked unreliable.
Cld2Result Cld2Detect(std::string_view text) {
  text = text.substr(0, std::min<size_t>(text.size(), 1 << 30));
  if (!IsValidUtf8(text)) {  // CLD2 would return "unknown" for the whole text
    size_t valid = 0;
    for (size_t n; valid < text.size() && (n = ValidSequenceLength(text, valid)) > 0;) valid += n;
    text = text.substr(0, valid);
  }
  Cld2Result result = DetectValid(text, 0);
  if (result.languages.empty()) {
    result = DetectValid(text, CLD2::kCLDFlagBestEffort);
    result.reliable = false;
  }
  return result;
}

}  // namespace saring
