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
#include "pipeline/batch_reader.h"
#include "pipeline/batch_worker.h"
#include "pipeline/pool.h"
#include "stages/common_lines.h"

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

Status CountCorpusLines(const CleanOptions& options, const std::vector<InputFile>& files,
                        int threads, const PipelineConfig& prefix, const CommonLinesOptions& o,
                        std::shared_ptr<CommonLineSet>* result) {
  const std::string temp_root = options.output_dir + "/.saring-tmp";
  LineCensus census(o.census, temp_root + "/common_lines", threads);
  BatchReader::Options reader_options;
  reader_options.batch_bytes = options.batch_bytes;
  reader_options.max_record_bytes = prefix.input.max_doc_bytes;
  BatchReader reader(files, reader_options);
  const std::vector<std::vector<std::string>> url_paths = o.UrlPaths();

  struct Counter {
    std::unique_ptr<BatchWorker> worker;
    LineCensus::Shard* shard = nullptr;
  };
  tbb::enumerable_thread_specific<Counter> counters;
  Pool<InputBatch> pool;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<size_t>(threads) * 4,
        tbb::make_filter<void, InputBatch*>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& fc) -> InputBatch* {
                                              InputBatch* batch = pool.Get();
                                              if (!reader.Next(batch)) {
                                                pool.Put(batch);
                                                fc.stop();
                                                return nullptr;
                                              }
                                              return batch;
                                            }) &
            tbb::make_filter<InputBatch*, void>(tbb::filter_mode::parallel, [&](InputBatch* batch) {
              Counter& c = counters.local();
              if (!c.worker) {
                c.worker = std::make_unique<BatchWorker>(prefix, files);
                c.shard = census.NewShard();
              }
              c.worker->CountLines(*batch, url_paths, c.shard);
              pool.Put(batch);
            }));
  });
  Status s = census.Finish(result);
  std::error_code ec;
  std::filesystem::remove(temp_root, ec);  // only if empty: nothing else of ours is there
  return s;
}

}  // namespace

Status RunCorpusPasses(const CleanOptions& options, const std::vector<InputFile>& files,
                       int threads, const std::function<void(const std::string&)>& warn,
                       std::vector<StageContext>* contexts,
                       std::vector<CommonLinesReport>* reports) {
  const std::vector<StageConfig>& stages = options.config.stages;
  contexts->assign(stages.size(), StageContext());
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

}  // namespace saring
