#include "stages/stage_registry.h"

#include "config/param_reader.h"
#include "stages/boilerplate_repair.h"
#include "stages/c4_filter.h"
#include "stages/common_lines.h"
#include "stages/dedup_filter.h"
#include "stages/language_filter.h"
#include "stages/length_filter.h"
#include "stages/line_dedup.h"
#include "stages/normalize.h"
#include "stages/pii_redaction.h"
#include "stages/quality_filter.h"
#include "stages/repeat_repair.h"

namespace saring {
namespace {

struct StageType {
  const char* name;
  Status (*create)(const YAML::Node& params, const StageContext& context,
                   std::unique_ptr<Stage>* stage);
};

// Adapts the factory of a stage that needs no corpus facts.
template <Status (*Create)(const YAML::Node&, std::unique_ptr<Stage>*)>
Status WithoutContext(const YAML::Node& params, const StageContext&, std::unique_ptr<Stage>* stage) {
  return Create(params, stage);
}

// The one list of stage types; order is the documentation order.
const StageType kStageTypes[] = {
    {"normalize", &WithoutContext<&CreateNormalizeStage>},
    {"repeats", &WithoutContext<&CreateRepeatRepair>},
    {"boilerplate", &WithoutContext<&CreateBoilerplateRepair>},
    {"common_lines", &CreateCommonLineRepair},
    {"pii", &WithoutContext<&CreatePiiRedaction>},
    {"language", &WithoutContext<&CreateLanguageFilter>},
    {"quality", &WithoutContext<&CreateQualityFilter>},
    {"c4", &WithoutContext<&CreateC4Filter>},
    {"length", &WithoutContext<&CreateLengthFilter>},
    {"line_dedup", &CreateLineDedup},
    {"dedup", &CreateDedupFilter},
};

}  // namespace

std::vector<std::string> StageTypeNames() {
  std::vector<std::string> names;
  for (const auto& t : kStageTypes) names.emplace_back(t.name);
  return names;
}

Status CreateStage(const StageConfig& config, const StageContext& context,
                   std::unique_ptr<Stage>* stage) {
  for (const auto& t : kStageTypes) {
    if (config.type == t.name) return t.create(config.params, context, stage);
  }
  return Status::InvalidArgument("unknown stage '" + config.type + "'" +
                                 DidYouMean(config.type, StageTypeNames()));
}

Status CreateStages(const std::vector<StageConfig>& configs,
                    const std::vector<StageContext>& contexts,
                    std::vector<std::unique_ptr<Stage>>* stages) {
  stages->clear();
  for (size_t i = 0; i < configs.size(); ++i) {
    std::unique_ptr<Stage> stage;
    Status s = CreateStage(configs[i], i < contexts.size() ? contexts[i] : StageContext(), &stage);
    if (!s.ok()) return s;
    stages->push_back(std::move(stage));
  }
  return Status::OK();
}

}  // namespace saring
