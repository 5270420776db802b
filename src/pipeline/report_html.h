// OUT/report.html: what a run did to the data, as one self-contained page
// (inline CSS and SVG charts; no script, no network):
//
//   #summary      documents and bytes in, kept, removed, errors; time, speed
//   #funnel       documents and text bytes left after each stage
//   #reasons      every removal reason, documents and bytes
//   #languages    documents by detected language
//   #lengths      text lengths before and after (powers of two)
//   #clusters     duplicate clusters by size (the dedup stage's keepers)
//   #boilerplate  the most frequent common lines (common_lines' census)
//   #samples      up to three removed documents per reason, each with the
//                 lines the repairs cut highlighted and the reason it went
//
// The samples are re-run through the pipeline with a trace (as `saring
// explain` does) from the text they came in with.
//
// Thread-safety: plain function.

#ifndef SARING_PIPELINE_REPORT_HTML_H_
#define SARING_PIPELINE_REPORT_HTML_H_

#include <string>

#include "pipeline/run_stats.h"
#include "saring/config.h"

namespace saring {

std::string RenderReportHtml(const RunStats& stats, const PipelineConfig& config);

}  // namespace saring

#endif  // SARING_PIPELINE_REPORT_HTML_H_
