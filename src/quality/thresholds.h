// The quality rules: which signal (quality/signals.h) each compares with
// which threshold, the published thresholds, and per-language tables.
//
//   for (const QualityRule& rule : PublishedRules()) ...
//   const LanguageProfile* id = FindLanguageProfile("id");  // FineWeb-2's
//
// Threshold names are the signal's name for an upper bound
// ("dup_line_frac": removed above it) and min_/max_ + the signal's name
// where it matters ("min_words", "max_words", "min_line_punct_frac").
//
// Thread-safety: read-only tables.

#ifndef SARING_QUALITY_THRESHOLDS_H_
#define SARING_QUALITY_THRESHOLDS_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "quality/signals.h"

namespace saring {

// How a value fails its threshold.
enum class Fails { kAbove, kBelow, kAtOrBelow, kAtOrAbove };

struct QualityRule {
  const char* group;      // "gopher_repetition", "gopher_quality", "fineweb"
  const char* signal;     // "dup_line_frac"
  const char* threshold;  // "dup_line_frac", "min_words"
  Fails fails;
  double published;  // Gopher's or FineWeb's value
};

// Every rule, in datatrove's order within each group.
const std::vector<QualityRule>& PublishedRules();

// The signals by name ("stop_words" counts distinct stop words when
// `distinct_stop_words`), in a fixed order.
std::vector<std::pair<const char*, double>> NamedSignals(const QualitySignals& s,
                                                         bool distinct_stop_words);

// What the quality stage stores under saring.signals (`annotate: true`,
// `saring signals`): every signal of NamedSignals with stop words counted
// by occurrence, then distinct_stop_words and the line-end share under
// each built-in set of marks, so that a --from-signals run can apply any
// rule settings to them.
std::vector<std::pair<const char*, double>> StoredSignalValues(const QualitySignals& s);

// The signals NamedSignals would give, read from stored ones: stop words
// distinct or counted, line_punct_frac under `line_end_marks` (fineweb |
// multiscript). False, with *missing set to its stored name, when a
// needed value is not stored.
bool NamedFromStored(const StoredSignals& stored, bool distinct_stop_words,
                     const std::string& line_end_marks,
                     std::vector<std::pair<const char*, double>>* named, std::string* missing);

// A language's own thresholds (overriding the published ones) and stop words.
struct LanguageProfile {
  std::map<std::string, double> thresholds;
  std::vector<std::string> stop_words;
  bool stop_words_as_suffixes = false;  // see SignalOptions
  double language_score = 0;  // FineWeb-2's minimum (set on GlotLID's scores)
};

// nullptr for a language without a profile (the published values apply).
// Profiles: English (Gopher's stop words) and the 31 languages of
// data/quality/fineweb2.yaml (FineWeb-2's values).
const LanguageProfile* FindLanguageProfile(const std::string& language);

// The languages that have a profile, English first.
std::vector<std::string> ProfileLanguages();

// Line-end marks: FineWeb's (. ' " ! ?) or saring's multi-script set (adds
// the full stops, question and exclamation marks of CJK, Arabic-script,
// Indic, Ethiopic, Armenian, Burmese and Khmer text, the ellipsis, and the
// typographic quotes). Thai marks no sentence end; Thai needs its own
// threshold.
const std::vector<std::string>& LineEndMarks(const std::string& name);

}  // namespace saring

#endif  // SARING_QUALITY_THRESHOLDS_H_
