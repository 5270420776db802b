// Creates pipeline stages by their config name.
//
// Every stage type registers a factory here that reads and validates its
// own parameters (see ParamReader), so a typo in a config file fails before
// any input is read.
//
// Some stages need facts about the whole input, gathered by a corpus pass
// before the main pass (common_lines needs the lines the census found);
// RunClean gathers them and hands each stage its StageContext.
//
// Thread-safety: CreateStage may be called from several threads at once.

#ifndef SARING_STAGES_STAGE_REGISTRY_H_
#define SARING_STAGES_STAGE_REGISTRY_H_

#include <memory>
#include <string>
#include <vector>

#include "saring/config.h"
#include "saring/stage.h"
#include "saring/status.h"

namespace saring {

class CommonLineSet;

// What a stage may be told about the corpus; empty when no pass ran (config
// validation, benchmarks, stdin input).
class DedupIndex;
struct DedupDecisions;
class LineIndex;

struct StageContext {
  std::shared_ptr<const CommonLineSet> common_lines;  // for common_lines
  std::shared_ptr<DedupIndex> dedup_index;            // dedup, first pass: collect keys
  std::shared_ptr<const DedupDecisions> dedup_decisions;  // dedup, main pass
  std::shared_ptr<LineIndex> line_index;                  // line_dedup, first pass
  std::shared_ptr<const LineIndex> line_first_seen;       // line_dedup, main pass
};

Status CreateStage(const StageConfig& config, const StageContext& context,
                   std::unique_ptr<Stage>* stage);
inline Status CreateStage(const StageConfig& config, std::unique_ptr<Stage>* stage) {
  return CreateStage(config, StageContext(), stage);
}

// Builds the whole list, in order. `contexts` is empty or has one entry per
// config.
Status CreateStages(const std::vector<StageConfig>& configs,
                    const std::vector<StageContext>& contexts,
                    std::vector<std::unique_ptr<Stage>>* stages);

std::vector<std::string> StageTypeNames();

}  // namespace saring

#endif  // SARING_STAGES_STAGE_REGISTRY_H_
