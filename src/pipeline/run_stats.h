// Counters of one run: what came in, what was kept, removed (by stage and
// rule) or rejected as an error, and where the time went.
//
// Workers fill a BatchStats per batch; the ordered writer merges them into
// the RunStats, so totals are summed in input order and do not depend on
// thread timing (times, of course, do).
//
// Thread-safety: plain values; not synchronized.

#ifndef SARING_PIPELINE_RUN_STATS_H_
#define SARING_PIPELINE_RUN_STATS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "corpus/line_census.h"

namespace saring {

// What the corpus pass of a common_lines stage found (stats.json
// "common_lines").
struct CommonLinesReport {
  std::string skipped;  // why the pass did not run; "" when it ran
  LineCensusOptions options;
  double seconds = 0;
  std::shared_ptr<const CommonLineSet> result;  // null when skipped
};

struct DocCount {
  uint64_t docs = 0;
  uint64_t text_bytes = 0;
};

// A removed document kept for the report: its text as it came in, so that
// the report can show what each stage cut (pipeline/report_html.h).
struct RemovedSample {
  std::string id, text, reason;
};

// Text sizes by powers of two: bucket b holds sizes of bit width b, i.e.
// [2^(b-1), 2^b) bytes (bucket 0: empty).
constexpr size_t kLengthBuckets = 41;
inline size_t LengthBucket(uint64_t bytes) {
  size_t b = 0;
  while (bytes > 0 && b + 1 < kLengthBuckets) {
    bytes >>= 1;
    ++b;
  }
  return b;
}

struct BatchStats {
  static constexpr size_t kSamplesPerReason = 3;
  static constexpr size_t kMaxSampleBytes = 32 << 10;
  uint64_t docs_in = 0;
  uint64_t raw_bytes_in = 0;  // decompressed input bytes of the records
  uint64_t text_bytes_in = 0;
  uint64_t docs_kept = 0;
  uint64_t text_bytes_kept = 0;
  uint64_t docs_removed = 0;
  uint64_t docs_error = 0;
  uint64_t blank_lines = 0;        // empty lines in JSONL input: not documents
  uint64_t file_errors = 0;        // files that could not be opened/finished
  uint64_t invalid_utf8_docs = 0;  // documents with repaired UTF-8
  uint64_t invalid_utf8_sequences = 0;
  uint64_t docs_rewritten = 0;     // kept documents whose text a stage changed
  std::map<std::pair<std::string, std::string>, DocCount> removed;  // (stage, rule)
  std::map<std::string, uint64_t> errors;                          // by error kind
  std::vector<uint64_t> stage_ns;  // per pipeline stage, same order
  // Per pipeline stage, same order: what the stage counted (Stage::Count).
  std::vector<std::map<std::string, uint64_t, std::less<>>> stage_counters;
  uint64_t parse_ns = 0;
  uint64_t serialize_ns = 0;
  uint64_t compress_ns = 0;
  std::vector<uint64_t> length_in, length_kept;  // documents by LengthBucket of their text
  // "stage: rule" -> the first kSamplesPerReason removed documents, in input
  // order (merging batches in order keeps the earliest).
  std::map<std::string, std::vector<RemovedSample>> samples;

  void Merge(const BatchStats& other);
};

struct RunStats {
  BatchStats totals;
  std::vector<std::string> stage_names;
  std::vector<std::string> inputs;
  uint64_t input_files = 0;
  uint64_t input_file_bytes = 0;  // on-disk (compressed) size of the inputs
  uint64_t output_bytes = 0;      // bytes written to kept/removed/errors
  std::vector<std::string> output_files;
  std::string config_name;
  int threads = 0;
  double wall_seconds = 0;
  double cpu_seconds = 0;
  uint64_t peak_rss_bytes = 0;
  uint64_t read_ns = 0;   // serial input stage (read + decompress + split)
  uint64_t write_ns = 0;  // serial output stage (append + rename)
  std::vector<CommonLinesReport> common_lines;  // one per common_lines stage (at most one)
  bool accounting_ok = false;

  // docs_in == kept + removed + errors
  bool CheckAccounting() const;
  std::string ToJson() const;
  // The end-of-run table, plain text.
  std::string SummaryTable(const std::string& output_dir) const;
};

}  // namespace saring

#endif  // SARING_PIPELINE_RUN_STATS_H_
