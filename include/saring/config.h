// PipelineConfig: everything `saring clean` needs besides its inputs.
//
// A config comes from a YAML pipeline file or a built-in preset, then
// command-line flags override single values:
//
//   saring::PipelineConfig config;
//   saring::Status s = saring::LoadPreset("default", &config);
//   if (!s.ok()) return s;
//   s = saring::ApplyOverride("length.min_chars=500", &config);
//
// The YAML form (print it with `saring config show default`):
//
//   input:  {text_field: text, id_field: id, max_doc_bytes: 10MB}
//   output: {compression: zst, compression_level: 0, shard_bytes: 256MB}
//   stages:
//     - normalize: {nfc: true}
//     - length: {min_chars: 200}
//     - quality: {enabled: false}   # any stage: kept in the config, not run
//
// Unknown keys are errors that suggest the closest known key.
//
// Thread-safety: a value type; read-only use from many threads is safe.

#ifndef SARING_CONFIG_H_
#define SARING_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "saring/status.h"

namespace saring {

struct InputOptions {
  std::string text_field = "text";
  std::string id_field = "id";
  // Larger records (a JSON line, or a .txt file) go to errors/ unread, which
  // bounds the memory one document can take.
  uint64_t max_doc_bytes = 10'000'000;
  // Decide from the signals an earlier run stored under "saring" (`saring
  // signals`, or any quality stage with `annotate: true`): the language
  // stage takes saring.language and language_score, the quality stage
  // saring.signals, and neither recomputes them. A record without
  // saring.signals is an error record (missing_signals).
  bool from_signals = false;
};

struct OutputOptions {
  std::string compression = "zst";  // zst | gz | none
  int compression_level = 0;  // 0: saring's default (zstd 1, gzip 6); zstd < 0: --fast=N
  uint64_t shard_bytes = 256ull << 20;
  bool write_removed = true;  // false: removed documents are counted only
  bool report = true;         // OUT/report.html (pipeline/report_html.h)
};

struct StageConfig {
  std::string type;   // "normalize", "length", ...
  YAML::Node params;  // a map; validated by the stage's factory
  // `enabled: false` (or --set quality.enabled=false) keeps a stage in the
  // config, validated, but out of the run.
  bool enabled = true;
};

struct PipelineConfig {
  std::string name;  // preset name or config file path, for reports
  InputOptions input;
  OutputOptions output;
  std::vector<StageConfig> stages;
};

// Names of the built-in presets, in display order.
std::vector<std::string> PresetNames();
// YAML text of a built-in preset, or empty if there is none.
std::string PresetYaml(const std::string& name);

Status LoadPreset(const std::string& name, PipelineConfig* config);
Status LoadConfigFile(const std::string& path, PipelineConfig* config);
Status ParseConfigYaml(const std::string& yaml, const std::string& origin, PipelineConfig* config);

// Applies "section.key=value" (input.*, output.*) or "stage.key=value" to
// the first stage of that type, e.g. "length.min_chars=500".
Status ApplyOverride(const std::string& assignment, PipelineConfig* config);
// Several at once, each stage validated after all of its assignments (some
// keys only make sense together). On error the config is unchanged.
Status ApplyOverrides(const std::vector<std::string>& assignments, PipelineConfig* config);

// Removes the stages whose `enabled` is false.
void DropDisabledStages(PipelineConfig* config);

// Checks every stage's parameters by building it once.
Status ValidateConfig(const PipelineConfig& config);

// The full effective config as YAML.
std::string ConfigToYaml(const PipelineConfig& config);

// "256MB", "1.5G", "4096" -> bytes.
Status ParseByteSize(const std::string& text, uint64_t* bytes);

}  // namespace saring

#endif  // SARING_CONFIG_H_
