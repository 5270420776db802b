// CommonLineRepair ("common_lines"): removes lines that recur across the
// corpus (site headers and footers, navigation, cookie and comment prompts),
// found by a first pass over all inputs before the main pass.
//
//   - common_lines: {min_docs: 3, min_domains: 3, min_chars: 10,
//                    max_chars: 200, min_words: 2, sentence_min_words: 12,
//                    url_field: auto,
//                    memory: 256MB, top_lines: 50}
//
// The first pass (corpus/line_census.h has the rule and its memory bound)
// reads every input once more, applies the `normalize` stages listed before
// this one, and counts each countable line once per document, by domain
// (corpus/domain.h) of the document's URL. `url_field` is a field name or a
// dotted path ("metadata.url"); `auto` tries "url" then "metadata.url";
// `none` counts documents only. Spill files go to OUT/.saring-tmp/ and are
// removed at the end.
//
// The main pass drops every countable line whose key the first pass found
// common; a document left with no line is removed ("empty_after_repair").
// Signals (only when something was removed): common_lines_removed_lines,
// common_lines_removed_chars. Counters in stats.json "repairs": lines_removed,
// chars_removed, docs_repaired; stats.json "common_lines" lists the census
// figures and the most frequent common lines.
//
// Reading standard input cannot be done twice: with "-" among the inputs
// the stage removes nothing, and the run says so on stderr and in stats.
//
// Thread-safety: see Stage; the shared CommonLineSet is read-only.

#ifndef SARING_STAGES_COMMON_LINES_H_
#define SARING_STAGES_COMMON_LINES_H_

#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "corpus/line_census.h"
#include "saring/stage.h"
#include "saring/status.h"
#include "stages/stage_registry.h"

namespace saring {

struct CommonLinesOptions {
  LineCensusOptions census;
  std::string url_field = "auto";

  // The field paths to try for a document's URL, in order (empty: none).
  std::vector<std::vector<std::string>> UrlPaths() const;
};

Status ReadCommonLinesOptions(const YAML::Node& params, CommonLinesOptions* options);

class CommonLineRepair : public Stage {
 public:
  // `common` may be null: the census did not run, nothing is removed.
  CommonLineRepair(const CommonLinesOptions& options, std::shared_ptr<const CommonLineSet> common)
      : options_(options), common_(std::move(common)) {}
  std::string_view name() const override { return "common_lines"; }
  void Process(Document& doc) override;

 private:
  CommonLinesOptions options_;
  std::shared_ptr<const CommonLineSet> common_;
  std::vector<uint8_t> drop_;
};

Status CreateCommonLineRepair(const YAML::Node& params, const StageContext& context,
                              std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_COMMON_LINES_H_
