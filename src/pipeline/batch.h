// InputBatch: a run of raw input records (JSON lines or whole .txt files)
// handed from the reader to a worker, and OutputBatch: what a worker hands
// to the ordered writer.
//
// Batches are the unit of parallelism and of output framing: each output
// batch becomes one compressed frame per output stream. Their boundaries are
// chosen by the reader from the input alone, never by thread timing, which
// is what makes the output identical for any thread count.

#ifndef SARING_PIPELINE_BATCH_H_
#define SARING_PIPELINE_BATCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/pool.h"
#include "pipeline/run_stats.h"

namespace saring {

enum class RecordKind : uint8_t {
  kJsonLine,   // one line of a JSON Lines file
  kTextFile,   // the whole content of a .txt file
  kOversize,   // a record over max_doc_bytes; only a prefix is kept
  kReadError,  // a partial record cut by a truncated or corrupt file
  kFileError,  // a file that could not be opened or read; not a document
};

struct RawRecord {
  RecordKind kind;
  uint32_t file;         // index into the run's input files
  uint64_t line;         // 1-based line number; 0 for whole files
  size_t offset;         // record bytes: data[offset, offset + length)
  size_t length;
  uint64_t full_length;  // record size in the input (> length for kOversize)
  uint32_t message;      // kReadError, kFileError: index into messages
};

struct InputBatch {
  Handoff handoff;  // reader -> worker (pool.h)
  uint64_t seq = 0;
  std::string data;  // records back to back, followed by simdjson padding
  std::vector<RawRecord> records;
  std::vector<std::string> messages;
  uint64_t raw_bytes = 0;  // decompressed input bytes read for this batch
  uint32_t files_finished = 0;  // input files whose last record is in this batch

  void Clear() {
    data.clear();
    records.clear();
    messages.clear();
    raw_bytes = 0;
    files_finished = 0;
  }
};

struct OutputBatch {
  Handoff handoff;  // worker -> writer (pool.h)
  uint64_t seq = 0;
  std::string kept;     // compressed frames, ready to append
  // Kept documents with a route (Document::route), per route in name order.
  std::vector<std::pair<std::string, std::string>> routed;
  std::string removed;
  std::string errors;
  std::vector<std::string> error_messages;  // "FILE:LINE: message", in input order
  uint32_t files_finished = 0;              // from the InputBatch
  BatchStats stats;

  void Clear() {
    kept.clear();
    routed.clear();
    removed.clear();
    errors.clear();
    error_messages.clear();
    files_finished = 0;
    stats = BatchStats();
  }
};

}  // namespace saring

#endif  // SARING_PIPELINE_BATCH_H_
