#include "lang/cld2_detector.h"

#include <array>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace saring {
namespace {

// Best effort: without it CLD2 answers "unknown" for any text it finds too
// short or too close to call, even when one language clearly leads (a
// Serbian blog post with an English menu); is_reliable still says which
// answers CLD2 trusts.
constexpr int kFlags = CLD2::kCLDFlagBestEffort;

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

}  // namespace

Cld2Result Cld2Detect(std::string_view text) {
  Cld2Result result;
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  std::array<CLD2::Language, 3> languages;
  std::array<int, 3> percents;
  std::array<double, 3> normalized;
  int text_bytes = 0, valid_prefix = 0;
  bool reliable = false;
  int length = static_cast<int>(std::min<size_t>(text.size(), 1 << 30));
  CLD2::ExtDetectLanguageSummaryCheckUTF8(text.data(), length, true, &hints, kFlags,
                                          languages.data(), percents.data(), normalized.data(),
                                          nullptr, &text_bytes, &reliable, &valid_prefix);
  if (valid_prefix < length) {
    CLD2::ExtDetectLanguageSummary(text.data(), valid_prefix, true, &hints, kFlags,
                                   languages.data(), percents.data(), normalized.data(), nullptr,
                                   &text_bytes, &reliable);
  }
  result.reliable = reliable;
  for (int i = 0; i < 3; ++i) {
    const LanguageTag& tag = TagOf(languages[i]);
    if (!tag.known() || percents[i] <= 0) continue;
    result.languages.push_back(LanguageScore{tag, percents[i] / 100.0f});
  }
  return result;
}

}  // namespace saring
