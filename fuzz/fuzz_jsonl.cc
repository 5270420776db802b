// libFuzzer target: any bytes as a JSON Lines input file (plain, gzip or
// zstd), cut into records by BatchReader and run through the default
// pipeline by BatchWorker, as `saring clean` does. Besides the sanitizers'
// checks: every record must end up kept, removed or an error.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "pipeline/batch.h"
#include "pipeline/batch_reader.h"
#include "pipeline/batch_worker.h"
#include "pipeline/input_files.h"
#include "saring/config.h"

namespace {

const saring::PipelineConfig& Config() {
  static const saring::PipelineConfig config = [] {
    saring::PipelineConfig c;
    if (!saring::LoadPreset("default", &c).ok()) std::abort();
    c.output.compression = "none";
    // The fastText model is not looked for: CLD2 alone keeps executions fast.
    if (!saring::ApplyOverride("language.backend=cld2", &c).ok()) std::abort();
    return c;
  }();
  return config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The worker (its stages: RE2 patterns, lexicons, CLD2) is made once.
  static const std::vector<saring::InputFile> files = {
      saring::InputFile{saring::fuzz::ScratchPath(".jsonl"), false, 0}};
  static saring::BatchWorker worker(Config(), files);
  if (!saring::fuzz::WriteInput(files[0].path, data, size)) return 0;
  saring::BatchReader::Options options;
  options.batch_bytes = 512;        // several batches from a small input
  options.max_record_bytes = 2048;  // and oversized records
  options.error_prefix_bytes = 256;
  saring::BatchReader reader(files, options);
  saring::InputBatch in;
  saring::OutputBatch out;
  for (int batches = 0; batches < 4096 && reader.Next(&in); ++batches) {
    worker.Process(in, &out);
    const saring::BatchStats& s = out.stats;
    if (s.docs_in != s.docs_kept + s.docs_removed + s.docs_error) std::abort();  // a lost document
    in.Clear();
  }
  return 0;
}
