// repair_bench: throughput of the text-repair stages alone, one thread.
//
//   build/bench/repair_bench --corpus FILE [--preset default]
//       [--stages repeats,boilerplate,common_lines,pii] [--runs 5] [--max-bytes 256M]
//       [--languages]
//
// Loads up to --max-bytes of documents (JSONL, .gz/.zst) into memory, then
// runs the named stages of the preset (same settings) over every
// document, `--runs` times. common_lines's time includes its first pass (the
// line census over every document, in memory, one shard) as well as the
// removal. Prints, as medians over runs: MB/s of text per core for all the
// stages together and for each one, documents/s, and the peak RSS. Input,
// parsing and output are not timed: `saring_bench` measures the whole
// pipeline. --languages first runs the preset's language stage once over
// every document, untimed, so that the timed stages see each document's
// language (the quality stage's per-language thresholds and stop words).

#include <simdjson.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"
#include "corpus/domain.h"
#include "corpus/line_census.h"
#include "io/byte_source.h"
#include "saring/config.h"
#include "stages/common_lines.h"
#include "stages/stage_registry.h"
#include "util/clock.h"

namespace {

using saring::Status;
using saring::bench::Median;

int Fail(const std::string& message) { return saring::bench::Fail("repair_bench", message); }

struct Text {
  std::string text;
  std::string domain;  // of "url" or "metadata.url", if any
};

Status LoadTexts(const std::string& path, uint64_t max_bytes, std::vector<Text>* texts) {
  std::string data;
  Status s = saring::bench::ReadInput(path, max_bytes * 2, &data);
  if (!s.ok()) return s;
  simdjson::dom::parser parser;
  uint64_t bytes = 0;
  size_t start = 0;
  while (start < data.size() && bytes < max_bytes) {
    size_t end = data.find('\n', start);
    if (end == std::string::npos) end = data.size();
    simdjson::dom::element doc;
    std::string_view text, url;
    if (end > start && !parser.parse(data.data() + start, end - start).get(doc) &&
        !doc["text"].get(text)) {
      if (doc["url"].get(url) && doc["metadata"]["url"].get(url)) url = "";
      texts->push_back({std::string(text), url.empty() ? "" : saring::DomainOf(url)});
      bytes += text.size();
    }
    start = end + 1;
  }
  return Status::OK();
}

// The first pass of common_lines over the loaded texts; replaces *stage by
// one that removes what it found.
Status RunCensus(const saring::StageConfig& config, const std::vector<Text>& texts,
                 std::unique_ptr<saring::Stage>* stage) {
  saring::CommonLinesOptions o;
  Status s = saring::ReadCommonLinesOptions(config.params, &o);
  if (!s.ok()) return s;
  saring::LineCensus census(o.census, "/tmp/repair_bench-census", 1);
  saring::LineCensus::Shard* shard = census.NewShard();
  for (const Text& t : texts) shard->AddDocument(t.text, t.domain);
  saring::StageContext context;
  std::shared_ptr<saring::CommonLineSet> common;
  s = census.Finish(&common);
  if (!s.ok()) return s;
  context.common_lines = common;
  return saring::CreateStage(config, context, stage);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus, stage_list = "repeats,boilerplate,common_lines,pii", preset = "default";
  bool languages = false;
  int runs = 5;
  uint64_t max_bytes = 256ull << 20;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return Fail("missing value after " + a);
    if (a == "--corpus")
      corpus = argv[++i];
    else if (a == "--stages")
      stage_list = argv[++i];
    else if (a == "--languages")
      languages = true;
    else if (a == "--preset")
      preset = argv[++i];
    else if (a == "--runs")
      runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--max-bytes") {
      Status s = saring::ParseByteSize(argv[++i], &max_bytes);
      if (!s.ok()) return Fail(s.message());
    } else
      return Fail("unknown flag " + a);
  }
  if (corpus.empty())
    return Fail(
        "usage: repair_bench --corpus FILE [--preset default] [--stages a,b] [--runs N] "
        "[--max-bytes 256M] [--languages]");

  saring::PipelineConfig config;
  Status s = saring::LoadPreset(preset, &config);
  if (!s.ok()) return Fail(s.ToString());
  std::vector<std::string> names;
  std::vector<const saring::StageConfig*> configs;
  std::vector<std::unique_ptr<saring::Stage>> stages;
  for (size_t start = 0; start <= stage_list.size();) {
    size_t comma = std::min(stage_list.find(',', start), stage_list.size());
    std::string name = stage_list.substr(start, comma - start);
    start = comma + 1;
    auto it = std::find_if(config.stages.begin(), config.stages.end(),
                           [&](const saring::StageConfig& c) { return c.type == name; });
    if (it == config.stages.end()) return Fail("preset " + preset + " has no stage '" + name + "'");
    stages.emplace_back();
    s = saring::CreateStage(*it, &stages.back());
    if (!s.ok()) return Fail(s.ToString());
    names.push_back(name);
    configs.push_back(&*it);
  }

  std::vector<Text> texts;
  s = LoadTexts(corpus, max_bytes, &texts);
  if (!s.ok()) return Fail(s.ToString());
  uint64_t text_bytes = 0;
  for (const Text& t : texts) text_bytes += t.text.size();

  std::vector<std::string> language_of(texts.size());
  if (languages) {
    auto it = std::find_if(config.stages.begin(), config.stages.end(),
                           [](const saring::StageConfig& c) { return c.type == "language"; });
    if (it == config.stages.end()) return Fail("preset " + preset + " has no language stage");
    std::unique_ptr<saring::Stage> language;
    s = saring::CreateStage(*it, &language);
    if (!s.ok()) return Fail(s.ToString());
    saring::Document d;
    for (size_t i = 0; i < texts.size(); ++i) {
      d.Reset("bench", texts[i].text);
      language->Process(d);
      language_of[i] = d.language();
    }
  }

  std::vector<double> total_s;
  std::vector<std::vector<double>> per_stage_s(stages.size());
  saring::Document doc;
  for (int r = 0; r < runs; ++r) {
    std::vector<double> stage_s(stages.size(), 0);
    for (size_t k = 0; k < stages.size(); ++k) {
      if (names[k] != "common_lines") continue;
      uint64_t t0 = saring::NowNs();
      s = RunCensus(*configs[k], texts, &stages[k]);
      if (!s.ok()) return Fail(s.ToString());
      stage_s[k] += static_cast<double>(saring::NowNs() - t0) / 1e9;
    }
    for (size_t i = 0; i < texts.size(); ++i) {
      const Text& t = texts[i];
      doc.Reset("bench", t.text);
      doc.set_language(language_of[i]);
      for (size_t k = 0; k < stages.size() && !doc.removed(); ++k) {
        uint64_t t0 = saring::NowNs();
        stages[k]->Process(doc);
        stage_s[k] += static_cast<double>(saring::NowNs() - t0) / 1e9;
      }
    }
    double sum = 0;
    for (size_t k = 0; k < stages.size(); ++k) {
      per_stage_s[k].push_back(stage_s[k]);
      sum += stage_s[k];
    }
    total_s.push_back(sum);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  double mb = static_cast<double>(text_bytes) / 1e6;
  std::printf("corpus %s: %zu documents, %.1f MB of text, median of %d runs, 1 thread\n",
              corpus.c_str(), texts.size(), mb, runs);
  std::printf("  %-24s %10.1f MB/s per core %12.0f docs/s\n", stage_list.c_str(),
              mb / Median(total_s), static_cast<double>(texts.size()) / Median(total_s));
  for (size_t k = 0; k < stages.size(); ++k) {
    std::printf("  %-24s %10.1f MB/s per core\n", names[k].c_str(), mb / Median(per_stage_s[k]));
  }
  std::printf("  peak RSS %.1f MB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
