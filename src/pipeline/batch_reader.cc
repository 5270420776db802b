#include "pipeline/batch_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace saring {
namespace {
constexpr size_t kReadChunk = 256 << 10;  // decompressed bytes per Read()
}  // namespace

BatchReader::BatchReader(std::vector<InputFile> files, const Options& options)
    : files_(std::move(files)), options_(options) {
  options_.error_prefix_bytes = std::min<size_t>(options_.error_prefix_bytes, options_.max_record_bytes);
}

void BatchReader::AddRecord(InputBatch* b, RecordKind kind, uint64_t line, size_t offset,
                            size_t length, uint64_t full_length, std::string message) {
  // Every record names its file already: "f.gz: truncated gzip stream"
  // would print as "saring: f.gz:12: f.gz: truncated gzip stream".
  const std::string prefix = files_.empty() ? "" : files_[current_file_].path + ": ";
  if (!prefix.empty() && message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
  uint32_t msg = 0;
  if (!message.empty()) {
    msg = static_cast<uint32_t>(b->messages.size());
    b->messages.push_back(std::move(message));
  }
  b->records.push_back(RawRecord{kind, current_file_, line, offset, length, full_length, msg});
}

void BatchReader::UpdateProgress() {
  uint64_t current = source_ ? source_->compressed_offset() : 0;
  compressed_done_.store(finished_files_bytes_ + current, std::memory_order_relaxed);
}

bool BatchReader::OpenNextFile(InputBatch* b) {
  while (next_file_ < files_.size()) {
    current_file_ = static_cast<uint32_t>(next_file_++);
    line_no_ = 0;
    skipping_ = false;
    Status s = OpenByteSource(files_[current_file_].path, &source_);
    if (s.ok()) return true;
    AddRecord(b, RecordKind::kFileError, 0, b->data.size(), 0, 0, s.message());
    ++files_closed_;
    finished_files_bytes_ += files_[current_file_].size;
  }
  return false;
}

void BatchReader::CloseFile() {
  ++files_closed_;
  source_.reset();
  finished_files_bytes_ += files_[current_file_].size;
  UpdateProgress();
}

bool BatchReader::Next(InputBatch* b) {
  b->Clear();
  const uint64_t closed_before = files_closed_;
  b->data.swap(carry_);
  carry_.clear();
  size_t line_start = 0;  // start of the bytes not yet cut into records
  // The carry may hold complete lines left by the previous batch (inside an
  // oversized line it holds only the kept prefix, nothing to scan).
  if (source_ && !skipping_ && !b->data.empty()) ScanLines(b, 0, &line_start);
  for (;;) {
    if (line_start >= options_.batch_bytes && !b->records.empty()) break;
    if (!source_) {
      if (!OpenNextFile(b)) break;
      continue;
    }
    if (files_[current_file_].one_document) {
      ReadWholeFile(b);
      line_start = b->data.size();
      CloseFile();
      continue;
    }
    ReadChunk(b, &line_start);
  }
  carry_.assign(b->data, line_start, std::string::npos);
  b->data.resize(line_start);
  // simdjson reads up to SIMDJSON_PADDING bytes past a document's end.
  b->data.reserve(b->data.size() + simdjson::SIMDJSON_PADDING);
  b->files_finished = static_cast<uint32_t>(files_closed_ - closed_before);
  return !b->records.empty();
}

Status BatchReader::AppendFromSource(InputBatch* b, size_t* got) {
  size_t old = b->data.size();
  b->data.resize(old + kReadChunk);
  Status s = source_->Read(&b->data[old], kReadChunk, got);
  b->data.resize(old + *got);
  b->raw_bytes += *got;
  UpdateProgress();
  return s;
}

void BatchReader::ReadChunk(InputBatch* b, size_t* line_start) {
  size_t old = b->data.size();
  size_t got = 0;
  Status s = AppendFromSource(b, &got);
  if (got > 0) {
    ScanLines(b, old, line_start);
    if (s.ok()) return;
  }
  // End of file, or a read error after `got` good bytes.
  size_t tail = b->data.size() - *line_start;
  if (!s.ok()) {
    if (skipping_ || tail > 0) {
      uint64_t full = skipping_ ? skipped_bytes_ : tail;
      AddRecord(b, RecordKind::kReadError, line_no_ + 1, *line_start, tail, full,
                s.message() + "; the last line is incomplete");
    } else {
      AddRecord(b, RecordKind::kFileError, line_no_, *line_start, 0, 0, s.message());
    }
  } else if (skipping_) {
    AddRecord(b, RecordKind::kOversize, ++line_no_, *line_start, tail, skipped_bytes_);
  } else if (tail > 0) {
    AddRecord(b, RecordKind::kJsonLine, ++line_no_, *line_start, tail, tail);
  }
  *line_start = b->data.size();
  skipping_ = false;
  CloseFile();
}

// Design: lines are found with memchr over the bytes just read; complete
// lines stay where they are in the batch buffer (no copy), and the bytes
// after the batch's last record move to the next batch. A batch ends at the
// first line end past `batch_bytes`, so batch boundaries depend on the
// content alone, never on how many bytes a read() returned (pipes differ
// from run to run). While inside an oversized line, new bytes are dropped as
// soon as they are read, so a 100 MB line costs `error_prefix_bytes`.
void BatchReader::ScanLines(InputBatch* b, size_t from, size_t* line_start) {
  size_t pos = from;
  for (;;) {
    if (!skipping_ && *line_start >= options_.batch_bytes && !b->records.empty()) return;
    char* base = b->data.data();
    size_t size = b->data.size();
    const void* hit = pos < size ? std::memchr(base + pos, '\n', size - pos) : nullptr;
    if (skipping_) {
      // Everything after the kept prefix was dropped as read, so the prefix
      // ends where this read began.
      size_t prefix_end = from;
      if (hit == nullptr) {
        skipped_bytes_ += size - pos;
        b->data.resize(pos);
        return;
      }
      size_t nl = static_cast<size_t>(static_cast<const char*>(hit) - base);
      skipped_bytes_ += nl - pos;
      b->data.erase(prefix_end, nl + 1 - prefix_end);
      AddRecord(b, RecordKind::kOversize, ++line_no_, *line_start, prefix_end - *line_start,
                skipped_bytes_);
      skipping_ = false;
      *line_start = pos = prefix_end;
      continue;
    }
    if (hit == nullptr) {
      size_t tail = size - *line_start;
      if (tail > options_.max_record_bytes) {
        skipping_ = true;
        skipped_bytes_ = tail;
        b->data.resize(*line_start + options_.error_prefix_bytes);
      }
      return;
    }
    size_t nl = static_cast<size_t>(static_cast<const char*>(hit) - base);
    size_t length = nl - *line_start;
    if (length > options_.max_record_bytes) {
      AddRecord(b, RecordKind::kOversize, ++line_no_, *line_start, options_.error_prefix_bytes, length);
    } else {
      AddRecord(b, RecordKind::kJsonLine, ++line_no_, *line_start, length, length);
    }
    *line_start = pos = nl + 1;
  }
}

void BatchReader::ReadWholeFile(InputBatch* b) {
  size_t start = b->data.size();
  uint64_t total = 0;
  size_t keep_limit = options_.max_record_bytes;
  for (;;) {
    size_t got = 0;
    Status s = AppendFromSource(b, &got);
    total += got;
    if (b->data.size() - start > keep_limit) {
      // Oversized: keep only the prefix, go on counting.
      keep_limit = options_.error_prefix_bytes;
      b->data.resize(start + keep_limit);
    }
    if (!s.ok()) {
      AddRecord(b, RecordKind::kReadError, 0, start, b->data.size() - start, total,
                s.message() + "; the document is incomplete");
      return;
    }
    if (got == 0) break;
  }
  if (total > options_.max_record_bytes) {
    AddRecord(b, RecordKind::kOversize, 0, start, b->data.size() - start, total);
  } else {
    AddRecord(b, RecordKind::kTextFile, 0, start, total, total);
  }
}

}  // namespace saring
