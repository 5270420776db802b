// RunClean: the `saring clean` job as a library call.
//
//   saring::CleanOptions options;
//   options.inputs = {"crawl/*.jsonl.gz"};
//   options.output_dir = "out";
//   saring::Status s = saring::LoadPreset("default", &options.config);
//   saring::CleanReport report;
//   if (s.ok()) s = saring::RunClean(options, &report);
//   // out/kept/part-00000.jsonl.zst, out/removed/..., out/errors/...,
//   // out/stats.json; report.docs_in == kept + removed + errors.
//
// Documents flow reader -> parallel workers -> ordered writer. The output
// is byte-identical for any thread count. Every input document ends up in
// exactly one of kept/, removed/ (with "removed_by" and "removed_reason")
// or errors/ (with file, line and message); RunClean checks that count and
// fails loudly if it does not add up.
//
// Thread-safety: RunClean may run concurrently with other calls as long as
// their output directories differ.

#ifndef SARING_CLEAN_H_
#define SARING_CLEAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "saring/config.h"
#include "saring/status.h"

namespace saring {

struct CleanOptions {
  std::vector<std::string> inputs;  // files, directories, globs, "-"
  std::string output_dir;
  PipelineConfig config;
  int threads = 0;                  // 0: every available core
  bool overwrite = false;           // replace the results of an earlier run
  bool progress = false;            // a progress line on stderr
  bool progress_json = false;       // JSON progress events on stderr instead (progress.h)
  bool strict = false;              // the first input error is fatal
  size_t max_error_messages = 20;   // input errors printed to stderr
  size_t batch_bytes = 1 << 20;     // input bytes per unit of parallel work
  // Crash safety (pipeline/checkpoint.h): a checkpoint every this many
  // seconds (0: after every batch); `resume` finishes the run a checkpoint
  // in output_dir describes, with the same inputs and config.
  double checkpoint_seconds = 10;
  bool resume = false;
};

struct CleanReport {
  uint64_t docs_in = 0;
  uint64_t docs_kept = 0;
  uint64_t docs_removed = 0;
  uint64_t docs_error = 0;
  uint64_t file_errors = 0;
  std::string summary;     // the end-of-run table
  std::string stats_path;  // OUT/stats.json
};

// Returns OK when the run completed, even with input errors (see
// CleanReport::docs_error); a usage error, an output failure, an accounting
// mismatch or, with `strict`, an input error, is a non-OK status.
Status RunClean(const CleanOptions& options, CleanReport* report);

}  // namespace saring

#endif  // SARING_CLEAN_H_
