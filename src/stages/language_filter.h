// LanguageFilter ("language"): identifies each document's language, stores
// it, and optionally keeps only some languages or routes output by language.
//
//   - language:
//       backend: auto        # auto (combined when a fastText model is found,
//                            # else cld2) | cld2 | fasttext | combined
//       model: ""            # fastText model file (see language_identifier.h)
//       sample_bytes: 4KB    # documents are classified on their first 4 KB
//       paragraphs: true     # per-paragraph languages and their fractions
//       keep: [id, ms, jv]   # empty: keep every language
//       min_score: {default: 0.5, id: 0.6}
//       route: true          # kept/<language>/ instead of kept/
//
// Signals, under "saring": language ("id", "und" when unknown),
// language_score (0..1), language_script ("Latn"), and with `paragraphs`,
// languages: [{"language": "id", "fraction": 0.93}, ...], the share of the
// sample's characters in each language, largest first, by paragraph (a line:
// web text extracted from HTML has one paragraph per line). Paragraphs
// shorter than min_paragraph_chars (default 40) are too short to classify
// alone and count for the document's language; see
// LanguageIdentifier::IdentifyLines for how lines are classified.
//
// Removal reasons: "language: en not in keep list (score 0.98)",
// "language: id score 0.41 < 0.60". A language missing from min_score uses
// its "default" entry (0 when absent). Languages in `keep` and `min_score`
// are canonicalized like the labels ("ind" -> "id", "no" -> "nb").
//
// stats.json counts documents per language under this stage's "repairs"
// entry ("docs_id": 120, ...).
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_LANGUAGE_FILTER_H_
#define SARING_STAGES_LANGUAGE_FILTER_H_

#include <map>
#include <memory>
#include <set>
#include <string>

#include <yaml-cpp/yaml.h>

#include "lang/language_identifier.h"
#include "saring/stage.h"
#include "saring/status.h"

namespace saring {

struct LanguageFilterOptions {
  LanguageIdOptions lid;
  bool paragraphs = true;
  uint64_t min_paragraph_chars = 40;
  std::set<std::string> keep;               // canonical codes; empty: all
  std::map<std::string, double> min_score;  // canonical codes and "default"
  bool route = false;
};

class LanguageFilter : public Stage {
 public:
  LanguageFilter(const LanguageFilterOptions& options,
                 std::unique_ptr<LanguageIdentifier> identifier);
  std::string_view name() const override { return "language"; }
  void Process(Document& doc) override;

 private:
  void AnnotateShares(Document& doc, std::string_view sample, const std::string& language);
  void Decide(Document& doc, const std::string& language, double score);
  double MinScore(const std::string& language) const;

  LanguageFilterOptions options_;
  std::unique_ptr<LanguageIdentifier> identifier_;
  std::vector<LineLanguage> lines_;                          // scratch
  std::vector<std::pair<std::string, uint64_t>> fractions_;  // scratch
};

Status CreateLanguageFilter(const YAML::Node& params, std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_LANGUAGE_FILTER_H_
