// QualityFilter ("quality"): computes the quality signals (quality/signals.h)
// once per document and removes documents that fail the rules of the chosen
// groups, each against a threshold.
//
//   - quality:
//       rules: [gopher_repetition, gopher_quality, fineweb]
//       per_language: true         # thresholds and stop words by saring.language
//       thresholds: {dup_line_frac: 0.25}   # overrides, for every language
//       disable: [dup_para_frac]   # thresholds not checked
//       stop_words_distinct: true  # Gopher: "at least two of" the stop words
//       line_end_marks: multiscript  # or fineweb: . ' " ! ? only
//       annotate: false            # every signal under saring.signals
//
// Under input.from_signals (`saring clean --from-signals`) the signals are
// not computed: they are read from the record's saring.signals, as a
// quality stage with `annotate: true` (the `signals` preset) stored them,
// and the rules apply to them the same way. A rule whose signal is not
// stored removes the document ("quality: signal X is not in the stored
// saring.signals").
//
// Groups run in the order `rules` lists them, each group's rules in
// datatrove's order, and the first failure decides; the reason
// names the group, the signal, its value and the threshold:
// "gopher_repetition: dup_line_frac 0.52 > 0.30".
//
//   gopher_repetition  dup_para_frac > 0.30, dup_para_char_frac > 0.20,
//                      dup_line_frac > 0.30, dup_line_char_frac > 0.20,
//                      top_{2,3,4}gram_char_frac > 0.20, 0.18, 0.16,
//                      dup_{5..10}gram_char_frac > 0.15, 0.14, ..., 0.10
//   gopher_quality     words < 50 or > 100000, mean_word_length < 3 or > 10,
//                      hash_word_ratio > 0.1, ellipsis_word_ratio > 0.1,
//                      bullet_lines_frac > 0.9, ellipsis_lines_frac > 0.3,
//                      alpha_words_frac < 0.8, stop_words < 2
//   fineweb            line_punct_frac <= 0.12, short_line_frac >= 0.67,
//                      dup_line_chars_frac >= 0.01, newlines_per_word > 0.3
//
// These are the published values (Gopher table A1; FineWeb). With
// per_language, a document in a language of the built-in table
// (quality/thresholds.h) uses that language's values and stop words
// instead (Indonesian: FineWeb-2's); a language without a profile keeps the
// published thresholds and skips the stop-word rule (there is no list for
// it). Without per_language, every document uses Gopher's English stop words.
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_QUALITY_FILTER_H_
#define SARING_STAGES_QUALITY_FILTER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "quality/signals.h"
#include "quality/thresholds.h"
#include "saring/stage.h"
#include "saring/status.h"

namespace saring {

struct QualityFilterOptions {
  std::vector<std::string> rules = {"gopher_repetition", "gopher_quality", "fineweb"};
  bool per_language = true;
  std::map<std::string, double> thresholds;  // user overrides
  std::vector<std::string> disable;          // threshold names not checked
  bool stop_words_distinct = true;
  std::string line_end_marks = "multiscript";
  bool annotate = false;
};

class QualityFilter : public Stage {
 public:
  explicit QualityFilter(const QualityFilterOptions& options);
  std::string_view name() const override { return "quality"; }
  void Process(Document& doc) override;

 private:
  void Annotate(Document& doc) const;
  bool Check(Document& doc, const QualityRule& rule, const LanguageProfile* profile,
             const std::vector<std::pair<const char*, double>>& named) const;

  QualityFilterOptions options_;
  SignalOptions signal_options_;
  QualitySignals signals_;  // scratch
};

Status CreateQualityFilter(const YAML::Node& params, std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_QUALITY_FILTER_H_
