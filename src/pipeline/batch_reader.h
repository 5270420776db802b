// BatchReader: cuts the input files into InputBatches of about
// `batch_bytes`, line by line, with file and line numbers.
//
// Memory is bounded: a line longer than `max_record_bytes` is not buffered;
// its first `error_prefix_bytes` are kept for the errors output and the rest
// is skipped while counting. A truncated compressed file ends that file with
// an error record; reading goes on with the next file.
//
// Thread-safety: Next() must be called from one thread at a time (it is the
// pipeline's serial input stage). compressed_bytes_done() may be read from
// any thread.

#ifndef SARING_PIPELINE_BATCH_READER_H_
#define SARING_PIPELINE_BATCH_READER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/byte_source.h"
#include "pipeline/batch.h"
#include "pipeline/input_files.h"

namespace saring {

class BatchReader {
 public:
  struct Options {
    size_t batch_bytes = 1 << 20;
    uint64_t max_record_bytes = 10'000'000;
    size_t error_prefix_bytes = 4096;
  };

  BatchReader(std::vector<InputFile> files, const Options& options);

  // Fills *batch with the next records. Returns false once every input has
  // been consumed and nothing is left.
  bool Next(InputBatch* batch);

  // Compressed bytes consumed so far, over all files (for progress).
  uint64_t compressed_bytes_done() const { return compressed_done_.load(std::memory_order_relaxed); }

 private:
  bool OpenNextFile(InputBatch* b);
  void CloseFile();
  // Appends up to one read chunk of decompressed bytes to b->data.
  Status AppendFromSource(InputBatch* b, size_t* got);
  void ReadChunk(InputBatch* b, size_t* line_start);
  void ScanLines(InputBatch* b, size_t from, size_t* line_start);
  void ReadWholeFile(InputBatch* b);
  void AddRecord(InputBatch* b, RecordKind kind, uint64_t line, size_t offset, size_t length,
                 uint64_t full_length, std::string message = "");
  void UpdateProgress();

  std::vector<InputFile> files_;
  Options options_;
  size_t next_file_ = 0;
  uint32_t current_file_ = 0;
  std::unique_ptr<ByteSource> source_;
  uint64_t line_no_ = 0;
  std::string carry_;  // incomplete line carried into the next batch
  bool skipping_ = false;     // inside an oversized line
  uint64_t skipped_bytes_ = 0;
  uint64_t finished_files_bytes_ = 0;
  uint64_t files_closed_ = 0;  // read to the end, or failed
  std::atomic<uint64_t> compressed_done_{0};
};

}  // namespace saring

#endif  // SARING_PIPELINE_BATCH_READER_H_
