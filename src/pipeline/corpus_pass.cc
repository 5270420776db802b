#include "pipeline/corpus_pass.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "corpus/line_census.h"
#include "dedup/dedup_index.h"
#include "pipeline/batch_reader.h"
#include "pipeline/batch_worker.h"
#include "pipeline/pool.h"
#include "stages/common_lines.h"
#include "dedup/line_index.h"
#include "stages/dedup_filter.h"
#include "stages/line_dedup.h"

namespace saring {
namespace {

// The stages the census applies before counting: those that change
// characters. The other repairs before common_lines only remove lines, and
// a line counts once per document anyway.
PipelineConfig CensusPrefix(const PipelineConfig& config, size_t position) {
  PipelineConfig prefix = config;
  prefix.stages.clear();
  for (size_t i = 0; i < position; ++i) {
    if (config.stages[i].type == "normalize") prefix.stages.push_back(config.stages[i]);
  }
  return prefix;
}

bool ReadsStdin(const std::vector<InputFile>& files) {
  for (const InputFile& f : files) {
    if (f.path == "-") return true;
  }
  return false;
}

// Reads every input in batches, numbered as the main pass numbers them
// (clean_runner.cc), and calls process(state, batch) in parallel, with one
// `State` per thread made by make_state().
template <typename State, typename MakeState, typename Process>
void ForEachBatch(const CleanOptions& options, const std::vector<InputFile>& files, int threads,
                  uint64_t max_record_bytes, MakeState make_state, Process process) {
  BatchReader::Options reader_options;
  reader_options.batch_bytes = options.batch_bytes;
  reader_options.max_record_bytes = max_record_bytes;
  BatchReader reader(files, reader_options);
  tbb::enumerable_thread_specific<std::unique_ptr<State>> states;
  Pool<InputBatch> pool;
  uint64_t next_seq = 0;
  SerialSection reading;  // (pool.h: what TBB orders, shown to TSan)
  ParallelSection working;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    const tbb::filter<void, void> chain =
        tbb::make_filter<void, InputBatch*>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& fc) -> InputBatch* {
                                              PipelineStart::Receive();
                                              auto serial = reading.Enter();
                                              InputBatch* batch = pool.Get();
                                              if (!reader.Next(batch)) {
                                                pool.Put(batch);
                                                fc.stop();
                                                return nullptr;
                                              }
                                              batch->seq = next_seq++;
                                              batch->handoff.Publish();
                                              return batch;
                                            }) &
            tbb::make_filter<InputBatch*, void>(tbb::filter_mode::parallel, [&](InputBatch* batch) {
              PipelineStart::Receive();
              auto parallel = working.Enter();
              batch->handoff.Receive();
              std::unique_ptr<State>& state = states.local();
              if (!state) state = make_state();
              process(*state, *batch);
              pool.Put(batch);
            });
    PipelineStart::Publish();
    tbb::parallel_pipeline(static_cast<size_t>(threads) * 4, chain);
  });
  // Everything the filters did happens before what follows (pool.h: shown to TSan).
  reading.Join();
  working.Join();
}

Status CountCorpusLines(const CleanOptions& options, const std::vector<InputFile>& files,
                        int threads, const PipelineConfig& prefix, const CommonLinesOptions& o,
                        std::shared_ptr<CommonLineSet>* result) {
  const std::string temp_root = options.output_dir + "/.saring-tmp";
  LineCensus census(o.census, temp_root + "/common_lines", threads);
  const std::vector<std::vector<std::string>> url_paths = o.UrlPaths();
  struct Counter {
    BatchWorker worker;
    LineCensus::Shard* shard;
  };
  ForEachBatch<Counter>(
      options, files, threads, prefix.input.max_doc_bytes,
      [&] { return std::unique_ptr<Counter>(new Counter{BatchWorker(prefix, files), census.NewShard()}); },
      [&](Counter& c, const InputBatch& batch) { c.worker.CountLines(batch, url_paths, c.shard); });
  Status s = census.Finish(result);
  std::error_code ec;
  std::filesystem::remove(temp_root, ec);  // only if empty: nothing else of ours is there
  return s;
}

// Runs the stages up to and with `position`, with `contexts` (one each),
// over every input and nothing else: the stages that collect corpus facts
// do their work as they go.
void RunPrefixPass(const CleanOptions& options, const std::vector<InputFile>& files, int threads,
                   size_t position, const std::vector<StageContext>& contexts) {
  PipelineConfig prefix = options.config;
  prefix.stages.resize(position + 1);
  ForEachBatch<BatchWorker>(
      options, files, threads, prefix.input.max_doc_bytes,
      [&] { return std::make_unique<BatchWorker>(prefix, files, contexts); },
      [](BatchWorker& worker, const InputBatch& batch) { worker.RunWithoutOutput(batch); });
}

// The dedup stage's first pass: every stage up to it runs (with what the
// passes before found), and it collects the keys of what survives; the
// clusters go to the main pass.
Status RunDedupPass(const CleanOptions& options, const std::vector<InputFile>& files, int threads,
                    size_t position, std::vector<StageContext>* contexts) {
  const std::vector<StageConfig>& stages = options.config.stages;
  DedupFilterOptions o;
  Status s = ReadDedupOptions(stages[position].params, &o);
  if (!s.ok()) return s;
  if (options.progress) std::fprintf(stderr, "saring: dedup: first pass, hashing documents\n");
  const auto start = std::chrono::steady_clock::now();
  std::vector<StageContext> prefix_contexts(contexts->begin(), contexts->begin() + position + 1);
  const size_t signature_size =
      o.cluster.verify ? static_cast<size_t>(o.minhash.bands) * o.minhash.rows : 0;
  auto index = std::make_shared<DedupIndex>(o.minhash.bands,
                                            options.output_dir + "/.saring-tmp/dedup", o.memory,
                                            signature_size, o.cluster.keeper != "first");
  prefix_contexts[position].dedup_index = index;
  RunPrefixPass(options, files, threads, position, prefix_contexts);
  prefix_contexts.clear();  // (the index's last holder is then `index`)
  auto decisions = std::make_shared<DedupDecisions>();
  s = index->Cluster(o.cluster, decisions.get());
  const size_t documents = index->size();
  index.reset();  // removes its spill files
  if (!s.ok()) return s;
  (*contexts)[position].dedup_decisions = decisions;
  if (options.progress) {
    std::fprintf(stderr,
                 "saring: dedup: %zu documents, %llu clusters, %llu exact and %llu near "
                 "duplicates, %llu runs spilled (first pass %.2f s)\n",
                 documents, static_cast<unsigned long long>(decisions->clusters),
                 static_cast<unsigned long long>(decisions->exact_duplicates),
                 static_cast<unsigned long long>(decisions->near_duplicates),
                 static_cast<unsigned long long>(decisions->runs_spilled),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return Status::OK();
}

// The line_dedup stage's first pass: every stage up to it runs, and it
// records where each line is first seen.
Status RunLineDedupPass(const CleanOptions& options, const std::vector<InputFile>& files,
                        int threads, size_t position, std::vector<StageContext>* contexts) {
  const std::vector<StageConfig>& stages = options.config.stages;
  LineDedupOptions o;
  Status s = ReadLineDedupOptions(stages[position].params, &o);
  if (!s.ok()) return s;
  if (options.progress) std::fprintf(stderr, "saring: line_dedup: first pass, hashing lines\n");
  std::vector<StageContext> prefix_contexts(contexts->begin(), contexts->begin() + position + 1);
  auto index = std::make_shared<LineIndex>(options.output_dir + "/.saring-tmp/line_dedup", o.memory);
  prefix_contexts[position].line_index = index;
  RunPrefixPass(options, files, threads, position, prefix_contexts);
  prefix_contexts.clear();
  s = index->Finish();
  if (!s.ok()) return s;
  (*contexts)[position].line_first_seen = index;
  return Status::OK();
}

// The first passes of the stages that decide from the whole corpus after
// the stages before them (line_dedup, dedup), in pipeline order: each sees
// what the earlier ones decided.
Status RunCollectingPasses(const CleanOptions& options, const std::vector<InputFile>& files,
                           int threads, const std::function<void(const std::string&)>& warn,
                           std::vector<StageContext>* contexts) {
  const std::vector<StageConfig>& stages = options.config.stages;
  size_t dedups = 0;
  for (const StageConfig& st : stages) dedups += st.type == "dedup";
  if (dedups > 1) {
    return Status::InvalidArgument("stage 'dedup' is listed twice; one pass clusters the corpus");
  }
  for (size_t i = 0; i < stages.size(); ++i) {
    const std::string& type = stages[i].type;
    if (type != "dedup" && type != "line_dedup") continue;
    if (ReadsStdin(files)) {
      warn("saring: " + type + ": standard input can be read only once, and " + type +
           " needs a first pass; no duplicates were removed (give the input as a file to use it)");
      continue;
    }
    Status s = type == "dedup" ? RunDedupPass(options, files, threads, i, contexts)
                               : RunLineDedupPass(options, files, threads, i, contexts);
    if (!s.ok()) return s;
  }
  std::error_code ec;
  std::filesystem::remove(options.output_dir + "/.saring-tmp", ec);  // only if empty
  return Status::OK();
}

Status RunCommonLinesPass(const CleanOptions& options, const std::vector<InputFile>& files,
                          int threads, const std::function<void(const std::string&)>& warn,
                          std::vector<StageContext>* contexts,
                          std::vector<CommonLinesReport>* reports) {
  const std::vector<StageConfig>& stages = options.config.stages;
  size_t position = stages.size();
  for (size_t i = 0; i < stages.size(); ++i) {
    if (stages[i].type != "common_lines") continue;
    if (position != stages.size()) {
      return Status::InvalidArgument(
          "stage 'common_lines' is listed twice; one census serves all lines");
    }
    position = i;
  }
  if (position == stages.size()) return Status::OK();

  CommonLinesOptions o;
  Status s = ReadCommonLinesOptions(stages[position].params, &o);
  if (!s.ok()) return s;
  CommonLinesReport report;
  report.options = o.census;
  if (ReadsStdin(files)) {
    report.skipped =
        "standard input can be read only once, and common_lines needs a first pass; "
        "no common lines were removed (give the input as a file to use it)";
    warn("saring: common_lines: " + report.skipped);
    reports->push_back(report);
    return Status::OK();
  }
  if (options.progress) std::fprintf(stderr, "saring: common_lines: first pass, counting lines\n");
  const auto start = std::chrono::steady_clock::now();
  std::shared_ptr<CommonLineSet> result;
  s = CountCorpusLines(options, files, threads, CensusPrefix(options.config, position), o, &result);
  if (!s.ok()) return s;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.result = result;
  (*contexts)[position].common_lines = result;
  reports->push_back(report);
  return Status::OK();
}

}  // namespace

Status RunCorpusPasses(const CleanOptions& options, const std::vector<InputFile>& files,
                       int threads, const std::function<void(const std::string&)>& warn,
                       std::vector<StageContext>* contexts,
                       std::vector<CommonLinesReport>* reports) {
  const std::vector<StageConfig>& stages = options.config.stages;
  contexts->assign(stages.size(), StageContext());
  Status s = RunCommonLinesPass(options, files, threads, warn, contexts, reports);
  if (!s.ok()) return s;
  // After the census: the stages before dedup include common_lines.
  return RunCollectingPasses(options, files, threads, warn, contexts);
}

}  // namespace saring
