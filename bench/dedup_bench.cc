// dedup_bench: accuracy and speed of deduplication on a generated corpus
// with known near duplicates (near_dup_corpus.h).
//
//   build/bench/dedup_bench [--bases 5000] [--seed 1] [--threads 1] [--runs 3]
//                           [--words 150-600] [--no-score] [--keep DIR]
//                           [-- extra --set overrides, e.g. dedup.bands=20]
//
// Writes the corpus (uncompressed JSONL) to a temporary directory or
// --keep DIR, runs the `dedup` preset (the library call, uncompressed
// output) --runs times, and prints:
//   - recall: of the variants whose 5-word-shingle Jaccard with their base
//     is >= 0.8, the share that ended in their base's cluster;
//   - precision: of the documents removed, the share whose Jaccard with
//     the keeper they were removed for is >= 0.7 (measured on the texts);
//   - true clusters (a base and its variants of Jaccard >= 0.8) of which
//     more than one member survived;
//   - MinHash signatures alone (in memory, one thread) in MB/s of text per
//     core, and the whole run (both passes, clustering, writing) in MB/s of
//     input per core, documents/s, peak RSS; medians over runs.
// --no-score skips the ground truth's Jaccard measurements and the
// accuracy figures (for corpora of millions of documents: time them with
// saring_bench on the --keep file, which reports the child's peak RSS).

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
#include "dedup/minhash.h"
#include "near_dup_corpus.h"
#include "saring/clean.h"

namespace {

using saring::Status;
using saring::bench::Median;

int Fail(const std::string& message) { return saring::bench::Fail("dedup_bench", message); }

using saring::bench::DedupFate;

// id -> fate, from OUT/kept and OUT/removed.
std::map<std::string, DedupFate> Fates(const std::string& out_dir) {
  std::map<std::string, DedupFate> fates;
  simdjson::dom::parser parser;
  for (const char* sub : {"kept", "removed"}) {
    for (const auto& entry : std::filesystem::directory_iterator(out_dir + "/" + sub)) {
      std::string data;
      if (!saring::bench::ReadInput(entry.path().string(), UINT64_MAX, &data).ok()) continue;
      for (size_t start = 0; start < data.size();) {
        size_t end = data.find('\n', start);
        if (end == std::string::npos) end = data.size();
        simdjson::dom::element doc;
        std::string_view id, keeper;
        if (!parser.parse(data.data() + start, end - start).get(doc) && !doc["id"].get(id)) {
          DedupFate f;
          f.kept = std::string_view(sub) == "kept";
          if (!f.kept && !doc["saring"]["duplicate_of"].get(keeper)) f.keeper = std::string(keeper);
          fates[std::string(id)] = f;
        }
        start = end + 1;
      }
    }
  }
  return fates;
}

}  // namespace

int main(int argc, char** argv) {
  saring::bench::NearDupOptions o;
  o.bases = 5000;
  int threads = 1, runs = 3;
  std::string keep;
  std::vector<std::string> sets;
  bool score_run = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--bases") {
      o.bases = std::strtoull(next().c_str(), nullptr, 10);
    } else if (a == "--seed") {
      o.seed = std::strtoull(next().c_str(), nullptr, 10);
    } else if (a == "--threads") {
      threads = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--runs") {
      runs = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--no-score") {
      score_run = false;
      o.measure_jaccard = false;
    } else if (a == "--words") {
      const std::string range = next();
      o.min_words = std::strtoull(range.c_str(), nullptr, 10);
      o.max_words = std::strtoull(range.substr(range.find('-') + 1).c_str(), nullptr, 10);
      if (o.max_words < o.min_words || o.min_words == 0) return Fail("--words wants MIN-MAX");
    } else if (a == "--keep") {
      keep = next();
    } else if (a == "--") {
      for (++i; i < argc; ++i) sets.emplace_back(argv[i]);
    } else {
      return Fail("usage: dedup_bench [--bases N] [--seed S] [--threads T] [--runs R] [--keep DIR] "
                  "[-- section.key=value ...]");
    }
  }

  std::string dir = keep;
  if (dir.empty()) {
    char tmpl[] = "/tmp/dedup_bench-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return Fail("cannot create a temporary directory");
    dir = tmpl;
  }
  std::filesystem::create_directories(dir);
  const std::vector<saring::bench::NearDupDoc> docs = saring::bench::GenerateNearDupCorpus(o);
  const std::string input = dir + "/near-dups.jsonl";
  std::ofstream(input, std::ios::binary) << saring::bench::NearDupJsonl(docs);
  const double input_mb = static_cast<double>(std::filesystem::file_size(input)) / 1e6;
  uint64_t text_bytes = 0;
  for (const auto& d : docs) text_bytes += d.text.size();

  // Signatures alone.
  saring::PipelineConfig config;
  Status s = saring::LoadPreset("dedup", &config);
  for (const std::string& set : sets) {
    if (s.ok()) s = saring::ApplyOverride(set, &config);
  }
  if (!s.ok()) return Fail(s.ToString());
  saring::MinHashOptions mo;
  mo.bands = config.stages[0].params["bands"].as<int>();
  mo.rows = config.stages[0].params["rows"].as<int>();
  mo.ngram = config.stages[0].params["ngram"].as<int>();
  std::vector<double> sign_s;
  for (int r = 0; r < runs; ++r) {
    saring::MinHasher hasher(mo);
    saring::DedupKeys keys;
    saring::Document doc;
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& d : docs) {
      doc.Reset(d.id, d.text);
      hasher.Compute(doc, &keys);
    }
    sign_s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  // The whole run.
  saring::CleanOptions options;
  options.inputs = {input};
  options.output_dir = dir + "/out";
  options.threads = threads;
  options.overwrite = true;
  options.config = config;
  options.config.output.compression = "none";
  std::vector<double> run_s;
  saring::CleanReport report;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    s = saring::RunClean(options, &report);
    if (!s.ok()) return Fail(s.ToString());
    run_s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  // Accuracy.
  saring::bench::NearDupScore score;
  if (score_run) score = saring::bench::ScoreNearDup(docs, Fates(options.output_dir), o.shingle);
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  std::printf("corpus: %zu bases, %zu documents, %.1f MB of JSONL (%s)\n", o.bases, docs.size(),
              input_mb, input.c_str());
  if (score_run) {
    std::printf("  recall (variants of Jaccard >= 0.8 in their base's cluster): %.4f (%llu of %llu)\n",
                score.Recall(), (unsigned long long)score.found,
                (unsigned long long)score.true_pairs);
    std::printf("  precision (removed with Jaccard >= 0.7 to their keeper):    %.4f (%llu of %llu)\n",
                score.Precision(), (unsigned long long)score.correct,
                (unsigned long long)score.removed);
    std::printf("  true clusters with more than one survivor:                   %.4f (%llu of %llu)\n",
                score.SplitShare(), (unsigned long long)score.split,
                (unsigned long long)score.clusters);
  }
  std::printf("  signatures: %.1f MB/s of text per core (median of %d)\n",
              text_bytes / 1e6 / Median(sign_s), runs);
  std::printf("  whole run, %d thread(s): %.1f MB/s of input per core, %.0f docs/s (median of %d)\n",
              threads, input_mb / Median(run_s) / threads, docs.size() / Median(run_s), runs);
  std::printf("  peak RSS %.1f MB\n", self.ru_maxrss / 1024.0);
  if (keep.empty()) std::filesystem::remove_all(dir);
  return 0;
}
