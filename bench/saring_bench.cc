// saring_bench: runs `saring clean` on corpora and prints throughput and
// memory, median of several runs.
//
//   saring_bench --saring build/saring --corpus a.jsonl.zst [--corpus ...]
//                [--presets passthrough,default] [--threads 1,2] [--runs 3]
//                [--zcat]   (also time `zcat FILE > /dev/null` for .gz files)
//
// For each corpus x preset x thread count it prints: input MB/s (of
// decompressed JSONL) in total and per core, text MB/s per core, documents
// per second, and the peak RSS of the saring process (from wait4, not
// self-reported). Times are wall-clock medians.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <simdjson.h>

#include "bench_util.h"

extern char** environ;

namespace {

using saring::bench::Median;

struct Sample {
  double seconds = 0;
  double rss_mb = 0;
};

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Runs argv, stdout to /dev/null; returns wall seconds and the child's
// peak RSS, or a negative time on failure.
Sample Spawn(const std::vector<std::string>& args, const char* stdout_path = "/dev/null") {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path, O_WRONLY, 0);
  auto start = std::chrono::steady_clock::now();
  pid_t pid;
  Sample s;
  int spawn_error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) {
    s.seconds = -1;
    return s;
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  s.rss_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  // saring exits 1 when some input records were bad; still a complete run.
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) s.seconds = -1;
  return s;
}

struct CorpusSize {
  double input_mb = 0;
  double text_mb = 0;
  double docs = 0;
};

CorpusSize ReadStats(const std::string& path) {
  simdjson::dom::parser p;
  CorpusSize c;
  auto doc = p.load(path);
  if (doc.error()) return c;
  c.input_mb = static_cast<double>(uint64_t(doc["bytes"]["input_decompressed"])) / 1e6;
  c.text_mb = static_cast<double>(uint64_t(doc["bytes"]["text_in"])) / 1e6;
  c.docs = static_cast<double>(uint64_t(doc["documents"]["in"]));
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  std::string saring = "saring";
  std::vector<std::string> corpora;
  std::vector<std::string> presets = {"passthrough", "default"};
  std::vector<std::string> threads = {"1", "2"};
  std::vector<std::string> extra;
  int runs = 3;
  bool zcat = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--saring")
      saring = next();
    else if (a == "--corpus")
      corpora.push_back(next());
    else if (a == "--presets")
      presets = SplitComma(next());
    else if (a == "--threads")
      threads = SplitComma(next());
    else if (a == "--runs")
      runs = std::max(1, std::stoi(next()));
    else if (a == "--zcat")
      zcat = true;
    else if (a == "--") {
      while (++i < argc) extra.push_back(argv[i]);
    } else {
      std::fprintf(stderr, "saring_bench: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (corpora.empty()) {
    std::fprintf(
        stderr,
        "usage: saring_bench --saring PATH --corpus FILE [--corpus FILE...] [--presets a,b]\n"
        "                    [--threads 1,2] [--runs 3] [--zcat] [-- extra saring flags]\n");
    return 2;
  }
  std::string out_dir =
      (std::filesystem::temp_directory_path() / ("saring-bench-" + std::to_string(getpid())))
          .string();
  std::printf("%-34s %-12s %3s %9s %9s %9s %10s %8s\n", "corpus", "preset", "thr", "MB/s",
              "MB/s/core", "text/core", "docs/s", "RSS MB");
  for (const std::string& corpus : corpora) {
    std::string name = std::filesystem::path(corpus).filename().string();
    CorpusSize size;
    for (const std::string& preset : presets) {
      for (const std::string& t : threads) {
        std::vector<double> secs, rss;
        for (int r = 0; r < runs; ++r) {
          std::vector<std::string> args = {saring, "clean",    corpus, "-o", out_dir, "--overwrite",
                                           "-q",   "--preset", preset, "-j", t};
          args.insert(args.end(), extra.begin(), extra.end());
          Sample s = Spawn(args);
          if (s.seconds < 0) {
            std::fprintf(stderr, "saring_bench: run failed: %s clean %s --preset %s\n",
                         saring.c_str(), corpus.c_str(), preset.c_str());
            return 1;
          }
          secs.push_back(s.seconds);
          rss.push_back(s.rss_mb);
        }
        size = ReadStats(out_dir + "/stats.json");
        double sec = Median(secs);
        int cores = std::stoi(t);
        std::printf("%-34s %-12s %3d %9.1f %9.1f %9.1f %10.0f %8.1f\n", name.c_str(),
                    preset.c_str(), cores, size.input_mb / sec, size.input_mb / sec / cores,
                    size.text_mb / sec / cores, size.docs / sec, Median(rss));
        std::fflush(stdout);
      }
    }
    if (zcat && name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) {
      std::vector<double> secs;
      for (int r = 0; r < runs; ++r) secs.push_back(Spawn({"zcat", corpus}).seconds);
      double sec = Median(secs);
      std::printf("%-34s %-12s %3d %9.1f   (zcat FILE > /dev/null, for comparison)\n", name.c_str(),
                  "zcat", 1, size.input_mb / sec);
    }
  }
  std::filesystem::remove_all(out_dir);
  return 0;
}
