// Language labels from every backend in one scheme: an ISO 639-1 code where
// the language has one ("id", "ms", "sr"), else ISO 639-3 ("min", "ceb",
// "gsw"), and an ISO 15924 script when the label says it ("Latn", "Hant").
//
//   LanguageTag t = CanonicalLanguage("__label__ind_Latn");  // {"id", "Latn"}
//   CanonicalLanguage("zsm_Latn").language;  // "ms" (Standard Malay -> Malay)
//   CanonicalLanguage("iw").language;        // "he" (CLD2's old code)
//   CanonicalLanguage("no").language;        // "nb" (see below)
//   CanonicalLanguage("un").language;        // "und" (unknown)
//
// Codes are canonicalized by ICU's CLDR aliases (3-letter to 2-letter,
// deprecated codes, individual languages to their macrolanguage where CLDR
// says so: "arb" -> "ar", "cmn" -> "zh"), with these exceptions, chosen for
// what corpus builders expect:
//   - "tl" stays Tagalog (CLDR folds it into "fil").
//   - "sh"/"hbs" stay "sh" (Serbo-Croatian; CLDR would call it Serbian).
//   - "no" becomes "nb": lid.176 and CLD2 both label Nynorsk "nn" apart, so
//     their "no" is Bokmal, and GlotLID's "nob" is "nb" too.
//   - "als" in fastText's lid.176 is Wikipedia's Alemannic, "gsw" (in ISO
//     639-3, "als" is Tosk Albanian); see CanonicalFastTextLabel.
//   - "un", "und", "xx", "zxx" and empty labels are "und".
//
// Thread-safety: the functions are thread-safe.

#ifndef SARING_LANG_LANGUAGE_CODE_H_
#define SARING_LANG_LANGUAGE_CODE_H_

#include <string>
#include <string_view>

namespace saring {

struct LanguageTag {
  std::string language = "und";  // ISO 639-1 or 639-3; "und" when unknown
  std::string script;            // ISO 15924, or empty when not known

  bool known() const { return language != "und"; }
  // "id", or "zh-Hant" when the script is known.
  std::string ToString() const { return script.empty() ? language : language + "-" + script; }
  bool operator==(const LanguageTag&) const = default;
};

// A label as a language tag: "__label__" prefixes are dropped, and
// "xxx_Scrp", "xx-Scrp" and "xx_Scrp" split into code and script.
LanguageTag CanonicalLanguage(std::string_view label);

// A label of fastText's lid.176 model (Wikipedia language codes): as
// CanonicalLanguage, except "als" (Alemannic) -> "gsw". Other fastText models
// (GlotLID, OpenLID) use ISO 639-3 codes and go through CanonicalLanguage.
LanguageTag CanonicalFastTextLabel(std::string_view label, bool wikipedia_codes);

// The ISO 15924 code ("Latn", "Cyrl", "Hani") of the script most letters of
// `text` are written in, looking at up to `max_letters` letters; "" when the
// text has no letters. Han, Hiragana and Katakana together count as "Jpan"
// when any kana is present, else "Hani"; Hangul with Han is "Kore".
std::string DominantScript(std::string_view text, size_t max_letters = 200);

}  // namespace saring

#endif  // SARING_LANG_LANGUAGE_CODE_H_
