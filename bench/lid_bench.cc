// lid_bench: throughput of language identification, one thread, in memory.
//
//   build/bench/lid_bench --model ../shared/models/lid.176.ftz [--runs 5]
//       [--join 10] [--sample-bytes 4096] [--rows fasttext,stage] FILE...
//
// FILE: JSONL documents (their "text"), or plain text with one sentence per
// line; with --join N, N consecutive lines of a plain file make one
// document (the evaluation's joined documents). Rows, each timed over every
// document of every FILE:
//
//   libfasttext      Debian's libfasttext predictLine on the sample (the
//                    reference saring does not use; for comparison)
//   fasttext         saring's fastText reader on the sample
//   cld2             CLD2 (full tables) on the sample
//   combined         the combined decision on the sample
//   stage            the default preset's "language" stage: combined
//                    decision, script, and per-paragraph languages
//
// MB/s counts every byte of every document, including the part past the
// sample that is not classified; the "classified" line says how much was.
// Prints medians over runs of MB/s per core and documents/s, and peak RSS.

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <fasttext/fasttext.h>

#include "bench_util.h"
#include "lang/cld2_detector.h"
#include "lang/language_identifier.h"
#include "stages/language_filter.h"
#include "util/clock.h"

namespace {

using saring::Status;

struct Flags {
  std::string model;
  int runs = 5;
  int join = 1;
  size_t sample_bytes = 4096;
  std::string rows = "libfasttext,fasttext,cld2,combined,stage";
  std::vector<std::string> files;
};

bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--model" && has_value) {
      f->model = argv[++i];
    } else if (a == "--runs" && has_value) {
      f->runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--join" && has_value) {
      f->join = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--rows" && has_value) {
      f->rows = argv[++i];
    } else if (a == "--sample-bytes" && has_value) {
      f->sample_bytes = std::strtoull(argv[++i], nullptr, 10);
    } else if (!a.empty() && a[0] == '-') {
      return false;
    } else {
      f->files.push_back(a);
    }
  }
  return !f->files.empty() && !f->model.empty();
}

// Plain-text lines joined `join` at a time; JSON documents stay whole.
Status LoadDocuments(const Flags& f, std::vector<std::string>* docs) {
  for (const std::string& file : f.files) {
    std::vector<std::string> texts;
    Status s = saring::bench::LoadTexts(file, &texts);
    if (!s.ok()) return s;
    const bool jsonl = file.find(".jsonl") != std::string::npos;
    for (size_t i = 0; i < texts.size(); i += jsonl ? 1 : f.join) {
      std::string doc = texts[i];
      for (size_t j = i + 1; !jsonl && j < texts.size() && j < i + f.join; ++j) {
        doc += '\n';
        doc += texts[j];
      }
      docs->push_back(std::move(doc));
    }
  }
  return Status::OK();
}

void Row(const Flags& f, const char* name, const std::vector<std::string>& docs, uint64_t bytes,
         const std::function<void(const std::string&)>& classify) {
  if (("," + f.rows + ",").find("," + std::string(name) + ",") == std::string::npos) return;
  const int runs = f.runs;
  std::vector<double> seconds;
  for (int r = 0; r < runs; ++r) {
    uint64_t t0 = saring::NowNs();
    for (const std::string& d : docs) classify(d);
    seconds.push_back(static_cast<double>(saring::NowNs() - t0) / 1e9);
  }
  double sec = saring::bench::Median(seconds);
  std::printf("  %-16s %9.1f MB/s per core %10.0f docs/s\n", name, bytes / sec / 1e6,
              docs.size() / sec);
}

}  // namespace

int main(int argc, char** argv) {
  Flags f;
  if (!ParseFlags(argc, argv, &f)) {
    return saring::bench::Fail(
        "lid_bench",
        "usage: lid_bench --model FILE [--runs 5] [--join 1] [--sample-bytes 4096] [--rows "
        "libfasttext,fasttext,cld2,combined,stage] FILE...");
  }
  std::vector<std::string> docs;
  Status s = LoadDocuments(f, &docs);
  if (!s.ok()) return saring::bench::Fail("lid_bench", s.ToString());

  saring::LanguageIdOptions options;
  options.backend = "combined";
  options.model = f.model;
  options.sample_bytes = f.sample_bytes;
  std::unique_ptr<saring::LanguageIdentifier> lid;
  s = saring::LanguageIdentifier::Create(options, &lid);
  if (!s.ok()) return saring::bench::Fail("lid_bench", s.ToString());
  std::unique_ptr<saring::Stage> stage;
  s = saring::CreateLanguageFilter(
      YAML::Load("{backend: combined, model: '" + f.model +
                 "', sample_bytes: " + std::to_string(f.sample_bytes) + "}"),
      &stage);
  if (!s.ok()) return saring::bench::Fail("lid_bench", s.ToString());
  std::unique_ptr<saring::FastTextModel> model;
  s = saring::FastTextModel::Load(f.model, &model);
  if (!s.ok()) return saring::bench::Fail("lid_bench", s.ToString());
  fasttext::FastText reference;
  reference.loadModel(f.model);

  uint64_t bytes = 0, classified = 0;
  for (const std::string& d : docs) {
    bytes += d.size();
    classified += lid->Sample(d).size();
  }
  std::printf(
      "language ID, 1 thread, median of %d runs: %zu documents, %.2f MB of text, "
      "%.1f%% classified (sample %zu bytes)\n",
      f.runs, docs.size(), bytes / 1e6, 100.0 * classified / bytes, f.sample_bytes);

  std::vector<saring::LabelScore> top;
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  std::string line;
  Row(f, "libfasttext", docs, bytes, [&](const std::string& d) {
    line.assign(lid->Sample(d));
    for (char& c : line) c = c == '\n' ? ' ' : c;
    line += '\n';
    std::istringstream in(line);
    reference.predictLine(in, predictions, 3, 0.0);
  });
  Row(f, "fasttext", docs, bytes,
      [&](const std::string& d) { model->Predict(lid->Sample(d), 3, &top); });
  Row(f, "cld2", docs, bytes, [&](const std::string& d) { saring::Cld2Detect(lid->Sample(d)); });
  Row(f, "combined", docs, bytes, [&](const std::string& d) { lid->Identify(d); });
  saring::Document doc;
  Row(f, "stage", docs, bytes, [&](const std::string& d) {
    doc.Reset("", d);
    stage->Process(doc);
  });

  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf("  peak RSS %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
