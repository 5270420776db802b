#include "lang/language_code.h"

#include <array>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace saring {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";

bool IsUnknownCode(std::string_view code) {
  return code.empty() || code == "un" || code == "und" || code == "xx" || code == "zxx" ||
         code.starts_with("xx-");
}

// A script subtag: four letters, the first upper case ("Latn").
bool IsScriptSubtag(std::string_view s) {
  if (s.size() != 4 || !(s[0] >= 'A' && s[0] <= 'Z')) return false;
  for (char c : s.substr(1)) {
    if (!(c >= 'a' && c <= 'z')) return false;
  }
  return true;
}

std::string CanonicalCode(std::string_view code) {
  if (code == "tl" || code == "tgl") return "tl";
  if (code == "sh" || code == "hbs") return "sh";
  if (code == "no" || code == "nor") return "nb";
  icu::Locale locale = icu::Locale::createCanonical(std::string(code).c_str());
  std::string language = locale.getLanguage();
  if (language.empty() || locale.isBogus()) return std::string(code);
  return language;
}

}  // namespace

LanguageTag CanonicalLanguage(std::string_view label) {
  if (label.starts_with(kLabelPrefix)) label.remove_prefix(kLabelPrefix.size());
  LanguageTag tag;
  if (IsUnknownCode(label)) return tag;
  std::string_view code = label;
  size_t sep = label.find_first_of("_-");
  if (sep != std::string_view::npos) {
    code = label.substr(0, sep);
    std::string_view rest = label.substr(sep + 1);
    if (IsScriptSubtag(rest)) tag.script = std::string(rest);
  }
  if (IsUnknownCode(code)) return tag;
  tag.language = CanonicalCode(code);
  return tag;
}

LanguageTag CanonicalFastTextLabel(std::string_view label, bool wikipedia_codes) {
  if (label.starts_with(kLabelPrefix)) label.remove_prefix(kLabelPrefix.size());
  if (wikipedia_codes && label == "als") return LanguageTag{"gsw", ""};
  return CanonicalLanguage(label);
}

std::string DominantScript(std::string_view text, size_t max_letters) {
  std::array<uint32_t, USCRIPT_CODE_LIMIT> counts{};
  size_t letters = 0;
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(text.size());
  while (i < length && letters < max_letters) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode error = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &error);
    if (U_FAILURE(error) || script <= USCRIPT_INHERITED || script >= USCRIPT_CODE_LIMIT) continue;
    ++counts[script];
    ++letters;
  }
  if (letters == 0) return "";
  const uint32_t kana = counts[USCRIPT_HIRAGANA] + counts[USCRIPT_KATAKANA];
  if (kana > 0) {
    counts[USCRIPT_JAPANESE] = kana + counts[USCRIPT_HAN];
    counts[USCRIPT_HIRAGANA] = counts[USCRIPT_KATAKANA] = counts[USCRIPT_HAN] = 0;
  }
  size_t best = 0;
  for (size_t s = 1; s < counts.size(); ++s) {
    if (counts[s] > counts[best]) best = s;
  }
  return uscript_getShortName(static_cast<UScriptCode>(best));
}

}  // namespace saring
