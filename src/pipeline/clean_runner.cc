// RunClean: wires reader, workers and writer into one oneTBB pipeline.
//
//   serial_in_order      parallel                serial_in_order
//   BatchReader::Next -> BatchWorker::Process -> append frames to shards
//   (read, decompress,   (parse, stages,         (ShardWriter, stats merge,
//    split lines)         serialize, compress)    error messages)
//
// At most 4 batches per thread are in flight, which bounds memory to a few
// times threads x (batch_bytes + max_doc_bytes) whatever the input size.
//
// The writer checkpoints (pipeline/checkpoint.h) every checkpoint_seconds;
// with `resume`, the reader skips the batches a checkpoint holds and the
// writer continues each shard where the checkpoint left it.

#include "saring/clean.h"

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "dedup/dedup_index.h"
#include "io/frame_compressor.h"
#include "io/shard_writer.h"
#include "pipeline/batch.h"
#include "pipeline/batch_reader.h"
#include "pipeline/batch_worker.h"
#include "pipeline/checkpoint.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/input_files.h"
#include "pipeline/output_dir.h"
#include "pipeline/pool.h"
#include "pipeline/progress.h"
#include "pipeline/report_html.h"
#include "pipeline/run_stats.h"
#include "stages/stage_registry.h"
#include "util/clock.h"

namespace saring {
namespace {

// The serial output stage: appends frames, merges stats, reports errors.
class OrderedWriter {
 public:
  OrderedWriter(const CleanOptions& options, RunStats* stats, ProgressLine* progress)
      : options_(options),
        stats_(stats),
        progress_(progress),
        kept_(options.output_dir + "/kept", Ext(options), options.config.output.shard_bytes),
        removed_(options.output_dir + "/removed", Ext(options), options.config.output.shard_bytes),
        errors_(options.output_dir + "/errors", Ext(options), options.config.output.shard_bytes) {}

  // Puts every stream back where `checkpoint` says (a resumed run), and
  // deletes what was written after it.
  Status Resume(const Checkpoint& checkpoint) {
    printed_ = checkpoint.errors_printed;
    shown_errors_total_ = checkpoint.errors_seen;
    batches_done_ = checkpoint.batches_done;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(options_.output_dir + "/kept", ec)) {
      const std::string route = entry.path().filename().string();
      if (entry.is_directory() && checkpoint.streams.count("kept/" + route) == 0) {
        std::filesystem::remove_all(entry.path(), ec);  // a route first seen after the checkpoint
      }
    }
    for (const auto& [dir, state] : checkpoint.streams) {
      ShardWriter* w = dir == "kept"      ? &kept_
                       : dir == "removed" ? &removed_
                       : dir == "errors"  ? &errors_
                       : dir.rfind("kept/", 0) == 0 ? RoutedWriter(dir.substr(5))
                                                    : nullptr;
      if (w == nullptr) return Status::Corruption("checkpoint: unknown output stream " + dir);
      Status s = w->Resume(state);
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

  void set_fingerprint(std::string fingerprint) { fingerprint_ = std::move(fingerprint); }

  // Returns false once the run must stop (output failure, strict error).
  bool Write(const OutputBatch& o) {
    if (!status_.ok()) return false;
    uint64_t t0 = NowNs();
    Status s = kept_.Append(o.kept);
    for (const auto& [route, frames] : o.routed) {
      if (s.ok()) s = RoutedWriter(route)->Append(frames);
    }
    if (s.ok()) s = removed_.Append(o.removed);
    if (s.ok()) s = errors_.Append(o.errors);
    stats_->totals.Merge(o.stats);
    progress_->AddDocuments(o.stats.docs_in, o.stats.raw_bytes_in);
    ReportErrors(o);
    stats_->write_ns += NowNs() - t0;
    if (!s.ok()) status_ = s;
    if (options_.strict && !o.error_messages.empty() && status_.ok()) {
      status_ =
          Status::Corruption(o.error_messages.front() + " (--strict: stopping at the first error)");
    }
    batches_done_ = o.seq + 1;
    if (status_.ok()) MaybeCheckpoint(/*file_done=*/o.files_finished > 0);
    return status_.ok();
  }

  Status Close() {
    ForEachWriter([&](const std::string&, ShardWriter& w) {
      Status s = w.Close();
      if (!s.ok() && status_.ok()) status_ = s;
      for (const auto& f : w.files()) stats_->output_files.push_back(f);
      stats_->output_bytes += w.bytes_written();
    });
    if (printed_ < shown_errors_total_ && options_.max_error_messages > 0) {
      progress_->Print("saring: " + std::to_string(shown_errors_total_ - printed_) +
                       " more input errors not shown; see " + options_.output_dir + "/errors/");
    }
    return status_;
  }

 private:
  static std::string Ext(const CleanOptions& o) {
    return OutputExtension(CompressionFromName(o.config.output.compression));
  }

  // fn(directory under OUT, writer) for every output stream: kept,
  // removed, errors, then kept/<route> in route order.
  template <typename Fn>
  void ForEachWriter(Fn fn) {
    fn("kept", kept_);
    fn("removed", removed_);
    fn("errors", errors_);
    for (auto& [route, w] : routed_) fn("kept/" + route, *w);
  }

  // kept/<route>/, created on the first document routed there.
  ShardWriter* RoutedWriter(const std::string& route) {
    auto it = routed_.find(route);
    if (it != routed_.end()) return it->second.get();
    const std::string dir = options_.output_dir + "/kept/" + route;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto writer =
        std::make_unique<ShardWriter>(dir, Ext(options_), options_.config.output.shard_bytes);
    return routed_.emplace(route, std::move(writer)).first->second.get();
  }

  // Every checkpoint_seconds (0: after every batch) and after each input
  // file: sync the shards, then record where they stand. Not for standard
  // input, which cannot be read again.
  void MaybeCheckpoint(bool file_done) {
    if (fingerprint_.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    if (!file_done &&
        std::chrono::duration<double>(now - last_checkpoint_).count() < options_.checkpoint_seconds) {
      return;
    }
    last_checkpoint_ = now;
    Checkpoint c;
    c.fingerprint = fingerprint_;
    c.batches_done = batches_done_;
    c.totals = stats_->totals;
    c.errors_printed = printed_;
    c.errors_seen = shown_errors_total_;
    Status s;
    ForEachWriter([&](const std::string& dir, ShardWriter& w) {
      if (s.ok()) s = w.Sync(&c.streams[dir]);
    });
    if (s.ok()) s = WriteCheckpoint(options_.output_dir, c);
    if (!s.ok()) status_ = s;
  }

  void ReportErrors(const OutputBatch& o) {
    for (const std::string& m : o.error_messages) {
      ++shown_errors_total_;
      if (printed_ >= options_.max_error_messages) continue;
      ++printed_;
      progress_->Print("saring: " + m);
    }
  }

  const CleanOptions& options_;
  RunStats* stats_;
  ProgressLine* progress_;
  ShardWriter kept_, removed_, errors_;
  std::map<std::string, std::unique_ptr<ShardWriter>> routed_;
  Status status_;
  size_t printed_ = 0;
  size_t shown_errors_total_ = 0;
  std::string fingerprint_;  // empty: no checkpoints
  uint64_t batches_done_ = 0;
  std::chrono::steady_clock::time_point last_checkpoint_ = std::chrono::steady_clock::now();
};

void FillResourceUsage(RunStats* stats) {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  stats->peak_rss_bytes = static_cast<uint64_t>(ru.ru_maxrss) * 1024;
  stats->cpu_seconds = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                       static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Gets the output directory ready: a fresh run needs it empty (or
// --overwrite) and records its job; a resumed one reads its checkpoint
// (none yet: it starts again from nothing). Leftover temporary files of a
// killed run go either way.
Status PrepareRun(const CleanOptions& options, const std::vector<InputFile>& files,
                  std::string* fingerprint, Checkpoint* checkpoint, bool* resuming) {
  std::vector<std::string> paths;
  std::vector<uint64_t> sizes;
  bool from_stdin = false;
  for (const InputFile& f : files) {
    from_stdin = from_stdin || f.path == "-";
    paths.push_back(f.path);
    sizes.push_back(f.size);
  }
  if (options.resume && from_stdin) {
    return Status::InvalidArgument("--resume: standard input cannot be read again");
  }
  if (!from_stdin) *fingerprint = JobFingerprint(options, paths, sizes);
  *resuming = false;
  Status s;
  if (options.resume) {
    bool found = false;
    s = ReadCheckpoint(options.output_dir, checkpoint, &found);
    if (!s.ok()) return s;
    if (found && checkpoint->fingerprint != *fingerprint) {
      return Status::InvalidArgument(
          "cannot resume " + options.output_dir +
          ": its inputs or pipeline changed since the run began; start again with --overwrite");
    }
    *resuming = found;
  }
  s = *resuming ? CreateOutputSubdirs(options.output_dir)
                : PrepareOutputDir(options.output_dir, options.overwrite || options.resume);
  if (!s.ok()) return s;
  std::error_code ec;
  std::filesystem::remove_all(options.output_dir + "/.saring-tmp", ec);
  if (!from_stdin && !*resuming) return WriteJob(options);
  return Status::OK();
}

int ThreadCount(int requested) {
  if (requested > 0) return requested;
  unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
}

}  // namespace

Status RunClean(const CleanOptions& given, CleanReport* report) {
  if (given.output_dir.empty()) return Status::InvalidArgument("no output directory (-o OUT)");
  Status s = ValidateConfig(given.config);
  if (!s.ok()) return s;
  CleanOptions options = given;  // what runs: the enabled stages
  DropDisabledStages(&options.config);
  std::vector<InputFile> files;
  s = ExpandInputs(options.inputs, &files);
  if (!s.ok()) return s;
  Checkpoint checkpoint;
  bool resuming = false;
  std::string fingerprint;
  s = PrepareRun(options, files, &fingerprint, &checkpoint, &resuming);
  if (!s.ok()) return s;

  const auto start = std::chrono::steady_clock::now();
  RunStats stats;
  stats.config_name = options.config.name;
  stats.threads = ThreadCount(options.threads);
  stats.input_files = files.size();
  // A stage type used twice (the fineweb preset's two quality stages) gets
  // "#2" on its second use, so stats.json keys stay unique.
  std::map<std::string, int> uses;
  for (const StageConfig& c : options.config.stages) {
    const int n = ++uses[c.type];
    stats.stage_names.push_back(n == 1 ? c.type : c.type + "#" + std::to_string(n));
  }
  for (const InputFile& f : files) stats.input_file_bytes += f.size;
  if (resuming) stats.totals = checkpoint.totals;

  std::vector<StageContext> contexts;
  s = RunCorpusPasses(
      options, files, stats.threads,
      [](const std::string& warning) { std::fprintf(stderr, "%s\n", warning.c_str()); }, &contexts,
      &stats.common_lines);
  if (!s.ok()) return s;

  BatchReader::Options reader_options;
  reader_options.batch_bytes = options.batch_bytes;
  reader_options.max_record_bytes = options.config.input.max_doc_bytes;
  BatchReader reader(files, reader_options);
  ProgressLine progress(options.progress, stats.input_file_bytes,
                        [&reader] { return reader.compressed_bytes_done(); }, options.progress_json);
  OrderedWriter writer(options, &stats, &progress);
  writer.set_fingerprint(fingerprint);
  if (resuming) {
    s = writer.Resume(checkpoint);
    if (!s.ok()) return s;
  }
  const uint64_t skip_batches = resuming ? checkpoint.batches_done : 0;

  Pool<InputBatch> input_pool;
  Pool<OutputBatch> output_pool;
  tbb::enumerable_thread_specific<std::unique_ptr<BatchWorker>> workers;
  std::atomic<bool> stop{false};
  uint64_t next_seq = 0;
  SerialSection reading, writing;  // (pool.h: what TBB orders, shown to TSan)
  ParallelSection working;

  tbb::task_arena arena(stats.threads);
  arena.execute([&] {
    const tbb::filter<void, void> chain =
        tbb::make_filter<void, InputBatch*>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& fc) -> InputBatch* {
                                              PipelineStart::Receive();
                                              auto serial = reading.Enter();
                                              if (stop.load(std::memory_order_relaxed)) {
                                                fc.stop();
                                                return nullptr;
                                              }
                                              InputBatch* batch = input_pool.Get();
                                              uint64_t t0 = NowNs();
                                              bool more = reader.Next(batch);
                                              // Resuming: what the checkpoint holds is cut
                                              // (numbering the batches) but not processed.
                                              while (more && next_seq < skip_batches) {
                                                ++next_seq;
                                                more = reader.Next(batch);
                                              }
                                              stats.read_ns += NowNs() - t0;
                                              if (!more) {
                                                input_pool.Put(batch);
                                                fc.stop();
                                                return nullptr;
                                              }
                                              batch->seq = next_seq++;
                                              batch->handoff.Publish();
                                              return batch;
                                            }) &
            tbb::make_filter<InputBatch*, OutputBatch*>(
                tbb::filter_mode::parallel,
                [&](InputBatch* batch) -> OutputBatch* {
                  PipelineStart::Receive();
                  auto parallel = working.Enter();
                  batch->handoff.Receive();
                  std::unique_ptr<BatchWorker>& worker = workers.local();
                  if (!worker)
                    worker = std::make_unique<BatchWorker>(options.config, files, contexts);
                  OutputBatch* out = output_pool.Get();
                  worker->Process(*batch, out);
                  input_pool.Put(batch);
                  out->handoff.Publish();
                  return out;
                }) &
            tbb::make_filter<OutputBatch*, void>(tbb::filter_mode::serial_in_order,
                                                 [&](OutputBatch* out) {
                                                   PipelineStart::Receive();
                                                   auto serial = writing.Enter();
                                                   out->handoff.Receive();
                                                   if (!writer.Write(*out)) stop = true;
                                                   output_pool.Put(out);
                                                 });
    PipelineStart::Publish();
    tbb::parallel_pipeline(static_cast<size_t>(stats.threads) * 4, chain);
  });
  // Everything the filters did happens before what follows (pool.h: shown to TSan).
  reading.Join();
  working.Join();
  writing.Join();

  Status write_status = writer.Close();
  progress.Finish();
  stats.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  FillResourceUsage(&stats);
  stats.inputs = options.inputs;
  stats.accounting_ok = stats.CheckAccounting();

  report->docs_in = stats.totals.docs_in;
  report->docs_kept = stats.totals.docs_kept;
  report->docs_removed = stats.totals.docs_removed;
  report->docs_error = stats.totals.docs_error;
  report->file_errors = stats.totals.file_errors;
  report->stats_path = options.output_dir + "/stats.json";
  report->summary = stats.SummaryTable(options.output_dir);

  Status stats_status = WriteFileAtomically(report->stats_path, stats.ToJson());
  if (!write_status.ok()) return write_status;
  if (!stats_status.ok()) return stats_status;
  if (options.config.output.report) {
    s = WriteFileAtomically(options.output_dir + "/report.html", RenderReportHtml(stats, options.config));
    if (!s.ok()) return s;
  }
  // Saved dedup indexes take effect only now that the run is whole.
  for (const StageConfig& stage : options.config.stages) {
    if (stage.type != "dedup" || !stage.params["save_index"]) continue;
    s = CommitSavedDedupIndex(stage.params["save_index"].as<std::string>());
    if (!s.ok()) return s;
  }
  std::error_code ec;
  std::filesystem::remove_all(RunStateDir(options.output_dir), ec);  // finished: nothing to resume
  if (!stats.accounting_ok) {
    return Status::Internal("accounting mismatch: " + std::to_string(stats.totals.docs_in) +
                            " documents in, but kept " + std::to_string(stats.totals.docs_kept) +
                            " + removed " + std::to_string(stats.totals.docs_removed) +
                            " + errors " + std::to_string(stats.totals.docs_error) +
                            "; this is a bug in saring");
  }
  return Status::OK();
}

}  // namespace saring
