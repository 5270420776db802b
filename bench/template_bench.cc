// template_bench: how well the default pipeline removes site template lines
// without touching article text, on a generated corpus of many sites
// (site_corpus.h), and how fast it runs doing so.
//
//   build/bench/template_bench [--docs 2400] [--sites 24] [--seed 1]
//                              [--threads 2] [--runs 3] [--keep DIR]
//
// Writes the corpus to a temporary directory (or --keep DIR), runs
// `saring clean` (the library call, default preset, uncompressed output)
// --runs times, and prints the percentage of template lines removed and of
// article lines removed, what each repair stage cut, the first-pass time of
// common_lines, and medians of MB/s per core and docs/s.

#include <simdjson.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "bench_util.h"
#include "saring/clean.h"
#include "site_corpus.h"

namespace {

using saring::Status;
using saring::bench::Median;

int Fail(const std::string& message) { return saring::bench::Fail("template_bench", message); }

std::string ReadAll(const std::string& path) {
  std::string data;
  if (!saring::bench::ReadInput(path, UINT64_MAX, &data).ok()) data.clear();
  return data;
}

// id -> text of every kept document (uncompressed shards).
std::map<std::string, std::string> KeptTexts(const std::string& out_dir) {
  std::map<std::string, std::string> kept;
  simdjson::dom::parser parser;
  for (const auto& entry : std::filesystem::directory_iterator(out_dir + "/kept")) {
    std::string data = ReadAll(entry.path().string());
    size_t start = 0;
    while (start < data.size()) {
      size_t end = data.find('\n', start);
      if (end == std::string::npos) end = data.size();
      simdjson::dom::element doc;
      if (!parser.parse(data.data() + start, end - start).get(doc)) {
        std::string_view id, text;
        if (!doc["id"].get(id) && !doc["text"].get(text)) kept[std::string(id)] = std::string(text);
      }
      start = end + 1;
    }
  }
  return kept;
}

// Lines each repair stage removed, and the first pass's time, from stats.json.
void PrintRepairs(const std::string& stats_path) {
  simdjson::dom::parser parser;
  simdjson::dom::element stats;
  std::string json = ReadAll(stats_path);
  if (parser.parse(json).get(stats)) return;
  for (const char* stage : {"repeats", "boilerplate", "common_lines"}) {
    uint64_t lines = 0;
    if (stats["repairs"][stage]["lines_removed"].get(lines)) lines = 0;
    std::printf("  lines removed by %-13s %llu\n", stage, static_cast<unsigned long long>(lines));
  }
  double seconds = 0;
  uint64_t common = 0;
  if (stats["common_lines"]["seconds"].get(seconds)) seconds = 0;
  if (stats["common_lines"]["common_lines"].get(common)) common = 0;
  std::printf("  common_lines first pass: %llu common lines found in %.3f s\n",
              static_cast<unsigned long long>(common), seconds);
}

}  // namespace

int main(int argc, char** argv) {
  saring::bench::SiteCorpusOptions o;
  int threads = 2, runs = 3;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return Fail("missing value after " + a);
    std::string v = argv[++i];
    if (a == "--docs")
      o.docs = std::atoi(v.c_str());
    else if (a == "--sites")
      o.sites = std::atoi(v.c_str());
    else if (a == "--seed")
      o.seed = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--threads")
      threads = std::max(1, std::atoi(v.c_str()));
    else if (a == "--runs")
      runs = std::max(1, std::atoi(v.c_str()));
    else if (a == "--keep")
      keep = v;
    else
      return Fail("unknown flag " + a);
  }
  if (o.docs < 1 || o.sites < 2) return Fail("need --docs >= 1 and --sites >= 2");

  std::string dir = keep;
  if (dir.empty()) {
    char tmpl[] = "/tmp/template_bench-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return Fail("cannot create a temporary directory");
    dir = tmpl;
  }
  std::filesystem::create_directories(dir);
  std::vector<saring::bench::SitePage> pages = saring::bench::GenerateSiteCorpus(o);
  const std::string input = dir + "/site-corpus.jsonl";
  std::ofstream(input, std::ios::binary) << saring::bench::SiteCorpusJsonl(pages);
  const double mb = static_cast<double>(std::filesystem::file_size(input)) / 1e6;

  saring::CleanOptions options;
  options.inputs = {input};
  options.output_dir = dir + "/out";
  options.threads = threads;
  options.overwrite = true;
  Status s = saring::LoadPreset("default", &options.config);
  if (!s.ok()) return Fail(s.ToString());
  options.config.output.compression = "none";
  // The generated articles are not written to pass the quality rules; the
  // bench scores the repairs on every page.
  s = saring::ApplyOverride("quality.enabled=false", &options.config);
  if (!s.ok()) return Fail(s.ToString());

  std::vector<double> seconds;
  saring::CleanReport report;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    s = saring::RunClean(options, &report);
    if (!s.ok()) return Fail(s.ToString());
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  saring::bench::LineRemovalScore score =
      saring::bench::ScoreLineRemoval(pages, KeptTexts(options.output_dir));

  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "site corpus: %d documents, %d sites, seed %llu, %.1f MB; default preset, %d threads\n",
      o.docs, o.sites, static_cast<unsigned long long>(o.seed), mb, threads);
  std::printf("  template lines removed: %6.2f%%  (%llu of %llu)\n", score.TemplateRemovedPercent(),
              static_cast<unsigned long long>(score.template_removed),
              static_cast<unsigned long long>(score.template_lines));
  std::printf("  article lines removed:  %6.2f%%  (%llu of %llu)\n", score.ArticleRemovedPercent(),
              static_cast<unsigned long long>(score.article_removed),
              static_cast<unsigned long long>(score.article_lines));
  std::printf("  documents: %llu in, %llu kept, %llu removed\n",
              static_cast<unsigned long long>(report.docs_in),
              static_cast<unsigned long long>(report.docs_kept),
              static_cast<unsigned long long>(report.docs_removed));
  std::printf(
      "  whole run (both passes): median %.3f s of %d, %.1f MB/s per core, %.0f docs/s, peak RSS "
      "%.1f MB\n",
      Median(seconds), runs, mb / Median(seconds) / threads, o.docs / Median(seconds),
      static_cast<double>(ru.ru_maxrss) / 1024.0);
  PrintRepairs(report.stats_path);
  if (keep.empty()) std::filesystem::remove_all(dir);
  return 0;
}
