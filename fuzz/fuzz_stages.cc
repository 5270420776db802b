// libFuzzer target: any bytes (repaired to UTF-8) as a document's text,
// through each stage that rewrites text or computes signals, one at a time
// and then in the default preset's order: repeats, boilerplate, pii, c4,
// language, quality (every Gopher/FineWeb/C4 signal, the signals preset's
// stage), length, and the dedup stage's MinHash keys. Check: every stage
// leaves valid UTF-8.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dedup/minhash.h"
#include "saring/config.h"
#include "saring/document.h"
#include "stages/stage_registry.h"
#include "text/utf8.h"

namespace {

std::vector<std::unique_ptr<saring::Stage>> MakeStages() {
  std::vector<saring::StageConfig> configs;
  for (const char* preset : {"default", "c4", "signals"}) {
    saring::PipelineConfig c;
    if (!saring::LoadPreset(preset, &c).ok()) std::abort();
    for (const saring::StageConfig& stage : c.stages) {
      saring::StageConfig s = stage;
      if (s.type == "language") s.params["backend"] = "cld2";
      configs.push_back(s);
    }
  }
  std::vector<std::unique_ptr<saring::Stage>> stages;
  if (!saring::CreateStages(configs, {}, &stages).ok()) std::abort();
  return stages;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::unique_ptr<saring::Stage>> stages = MakeStages();
  static saring::MinHasher hasher{saring::MinHashOptions()};
  std::string text;
  saring::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size), &text);
  // Each stage alone on the input, then all of them in order on one
  // document (the later ones see what the earlier ones made).
  saring::Document chained("fuzz", text);
  for (const auto& stage : stages) {
    saring::Document alone("fuzz", text);
    stage->Process(alone);
    if (!saring::IsValidUtf8(alone.text())) std::abort();
    if (!chained.removed()) stage->Process(chained);
    if (!saring::IsValidUtf8(chained.text())) std::abort();
    (void)stage->TakeCounters();
  }
  saring::DedupKeys keys;
  hasher.Compute(chained, &keys);
  return 0;
}
