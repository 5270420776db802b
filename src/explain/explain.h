// `saring explain`: one document through a pipeline, stage by stage, with
// everything that decided its fate: the lines each repair removed and why,
// the language and its candidates' scores, every rule's value against its
// threshold, the duplicate it was found to be (for a record of a dedup
// run's removed/), and the verdict.
//
//   ExplainOptions o;
//   o.input = "page.txt";               // .txt: one document; JSONL: line o.line
//   LoadPreset("default", &o.config);
//   std::string report;
//   Status s = Explain(o, &report);     // text, or JSON with o.json
//
// Stages that need the whole corpus (common_lines, line_dedup, dedup) do not
// run on one document; the report says so.
//
// Thread-safety: plain function.

#ifndef SARING_EXPLAIN_EXPLAIN_H_
#define SARING_EXPLAIN_EXPLAIN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "saring/config.h"
#include "saring/document.h"
#include "saring/status.h"

namespace saring {

struct ExplainOptions {
  std::string input;   // a file (.txt, .jsonl, .gz, .zst) or "-" (standard input)
  uint64_t line = 1;   // JSONL: which line (1-based)
  PipelineConfig config;
  bool json = false;   // the report as one JSON object
  bool color = false;  // ANSI colours (text report)
};

Status Explain(const ExplainOptions& options, std::string* report);

// The stages of `config` on one text with a trace (what Explain shows):
// fills *trace and, when a stage removed the document, *removal.
Status TraceDocument(const PipelineConfig& config, const std::string& id, const std::string& text,
                     DocTrace* trace, std::optional<Removal>* removal);

}  // namespace saring

#endif  // SARING_EXPLAIN_EXPLAIN_H_
