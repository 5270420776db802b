// Crash-safe runs: what `saring clean --resume OUT` needs to finish a run
// that was killed, with output identical to a run that was not.
//
//   OUT/.saring-run/job.yaml     the inputs and the full pipeline, written
//                                before anything else; --resume OUT alone
//                                reads them back (ReadJob)
//   OUT/.saring-run/checkpoint   written by the ordered writer after each
//                                input file and every few seconds within one
//                                (CleanOptions::checkpoint_seconds), after
//                                the output shards are synced: how
//                                many batches are in the output, where each
//                                output stream stands, and the counters
//
// Batches are numbered by the reader from the input bytes alone, so a
// resumed run reads the input again from the start, skips the batches the
// checkpoint has (reading and cutting them is all they cost), cuts every
// stream back to its checkpointed length and goes on. Corpus passes
// (common_lines, dedup) run again in full: they are deterministic. A
// checkpoint is written to a temporary name and renamed, so it is always
// whole; a run killed before its first one starts again from nothing.
//
// Thread-safety: plain functions; one run per output directory.

#ifndef SARING_PIPELINE_CHECKPOINT_H_
#define SARING_PIPELINE_CHECKPOINT_H_

#include <cstdint>
#include <map>
#include <string>

#include "io/shard_writer.h"
#include "pipeline/run_stats.h"
#include "saring/clean.h"
#include "saring/status.h"

namespace saring {

struct Checkpoint {
  std::string fingerprint;   // of the job (inputs, sizes, pipeline): must match to resume
  uint64_t batches_done = 0;  // batches 0..batches_done-1 are in the output
  // By directory under OUT: "kept", "removed", "errors", "kept/<route>".
  std::map<std::string, ShardWriter::State> streams;
  BatchStats totals;
  uint64_t errors_printed = 0, errors_seen = 0;  // input errors shown on stderr, and in all
};

std::string RunStateDir(const std::string& output_dir);  // OUT/.saring-run

// What identifies a job: the pipeline as YAML, the batch size and every
// input file with its size. A resumed run must compute the same.
std::string JobFingerprint(const CleanOptions& options, const std::vector<std::string>& files,
                           const std::vector<uint64_t>& sizes);

Status WriteJob(const CleanOptions& options);
// Fills inputs, config and batch_bytes of *options from OUT/.saring-run/job.yaml.
Status ReadJob(const std::string& output_dir, CleanOptions* options);

Status WriteCheckpoint(const std::string& output_dir, const Checkpoint& checkpoint);
// *found is false (and OK returned) when there is no checkpoint yet.
Status ReadCheckpoint(const std::string& output_dir, Checkpoint* checkpoint, bool* found);

}  // namespace saring

#endif  // SARING_PIPELINE_CHECKPOINT_H_
