// RunCorpusPasses: the passes over the whole input that some stages need
// before the main pass starts. Today that is the census of the common_lines
// stage (corpus/line_census.h): it reads every input once, in parallel,
// runs the normalize stages configured before common_lines, and counts
// lines; the result reaches the stage through its StageContext.
//
// Thread-safety: one call at a time per output directory.

#ifndef SARING_PIPELINE_CORPUS_PASS_H_
#define SARING_PIPELINE_CORPUS_PASS_H_

#include <functional>
#include <string>
#include <vector>

#include "pipeline/input_files.h"
#include "pipeline/run_stats.h"
#include "saring/clean.h"
#include "stages/stage_registry.h"

namespace saring {

// Fills *contexts (one per configured stage) and appends a report per pass
// to *reports. `warn` receives one-line warnings for stderr (a pass that
// cannot run, e.g. on standard input). Temporary files go under
// OUT/.saring-tmp/ and are gone when this returns.
Status RunCorpusPasses(const CleanOptions& options, const std::vector<InputFile>& files,
                       int threads, const std::function<void(const std::string&)>& warn,
                       std::vector<StageContext>* contexts,
                       std::vector<CommonLinesReport>* reports);

}  // namespace saring

#endif  // SARING_PIPELINE_CORPUS_PASS_H_
