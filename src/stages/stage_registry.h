// Creates pipeline stages by their config name.
//
// Every stage type registers a factory here that reads and validates its
// own parameters (see ParamReader), so a typo in a config file fails before
// any input is read.
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

Status CreateStage(const StageConfig& config, std::unique_ptr<Stage>* stage);

// Builds the whole list, in order.
Status CreateStages(const std::vector<StageConfig>& configs,
                    std::vector<std::unique_ptr<Stage>>* stages);

std::vector<std::string> StageTypeNames();

}  // namespace saring

#endif  // SARING_STAGES_STAGE_REGISTRY_H_
