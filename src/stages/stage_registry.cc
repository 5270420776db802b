#include "stages/stage_registry.h"

#include "config/param_reader.h"
#include "stages/boilerplate_repair.h"
#include "stages/length_filter.h"
#include "stages/normalize.h"
#include "stages/pii_redaction.h"
#include "stages/repeat_repair.h"

namespace saring {
namespace {

struct StageType {
  const char* name;
  Status (*create)(const YAML::Node& params, std::unique_ptr<Stage>* stage);
};

// The one list of stage types; order is the documentation order.
const StageType kStageTypes[] = {
    {"normalize", &CreateNormalizeStage},
    {"repeats", &CreateRepeatRepair},
    {"boilerplate", &CreateBoilerplateRepair},
    {"pii", &CreatePiiRedaction},
    {"length", &CreateLengthFilter},
};

}  // namespace

std::vector<std::string> StageTypeNames() {
  std::vector<std::string> names;
  for (const auto& t : kStageTypes) names.emplace_back(t.name);
  return names;
}

Status CreateStage(const StageConfig& config, std::unique_ptr<Stage>* stage) {
  for (const auto& t : kStageTypes) {
    if (config.type == t.name) return t.create(config.params, stage);
  }
  return Status::InvalidArgument("unknown stage '" + config.type + "'" +
                                 DidYouMean(config.type, StageTypeNames()));
}

Status CreateStages(const std::vector<StageConfig>& configs,
                    std::vector<std::unique_ptr<Stage>>* stages) {
  stages->clear();
  for (const StageConfig& c : configs) {
    std::unique_ptr<Stage> stage;
    Status s = CreateStage(c, &stage);
    if (!s.ok()) return s;
    stages->push_back(std::move(stage));
  }
  return Status::OK();
}

}  // namespace saring
