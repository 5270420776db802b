// LineDedup ("line_dedup"): removes, across the corpus, every copy of a line
// (or paragraph) but the first, in input order (CCNet-style line
// deduplication; datatrove's paragraph-level dedup).
//
//   - line_dedup:
//       unit: line           # or paragraph: Document::Paragraphs, compared whole
//       min_chars: 30        # shorter lines/paragraphs are left alone (titles, dates, "Home")
//       memory: 256MB        # first-pass records held before spilling sorted runs
//
// A paragraph is compared as the sequence of its lines' keys and counts the
// characters of all its lines; a paragraph seen before loses all its lines.
// Lines are compared by their LineKey (text/line_key.h: case folded, digits
// as 0, punctuation as spaces), shared with the other line repairs. A first
// pass (pipeline/corpus_pass.cc) runs the stages before this one and
// records every line of min_chars characters or more with the position of
// its document; in the main pass a line first seen in an earlier document
// is dropped. Within one document every copy stays (the repeats stage deals
// with those). A document left without a line is removed: "line_dedup: every
// line was seen in an earlier document (N characters)". Counters:
// lines_removed, chars_removed, docs_repaired. Standard input cannot be read
// twice: the stage then removes nothing and the run says so.
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_LINE_DEDUP_H_
#define SARING_STAGES_LINE_DEDUP_H_

#include <memory>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "dedup/line_index.h"
#include "saring/stage.h"
#include "saring/status.h"
#include "stages/stage_registry.h"

namespace saring {

struct LineDedupOptions {
  bool paragraphs = false;  // unit: paragraph
  uint64_t min_chars = 30;
  uint64_t memory = 256ull << 20;
};

class LineDedup : public Stage {
 public:
  LineDedup(const LineDedupOptions& options, const StageContext& context);
  std::string_view name() const override { return "line_dedup"; }
  void Process(Document& doc) override;

 private:
  LineDedupOptions options_;
  std::shared_ptr<LineIndex> collect_;            // first pass
  std::shared_ptr<const LineIndex> first_seen_;  // main pass
  // Calls unit(first line, end line, hash, chars) for each line or paragraph.
  template <typename Fn>
  void ForEachUnit(const Document& doc, Fn unit);

  std::vector<uint8_t> drop_;                     // scratch
};

Status ReadLineDedupOptions(const YAML::Node& params, LineDedupOptions* options);
Status CreateLineDedup(const YAML::Node& params, const StageContext& context,
                       std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_LINE_DEDUP_H_
