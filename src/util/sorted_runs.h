// SortedRuns: an external sort of fixed-size records under a memory budget.
//
//   SortedRuns<KeyRecord> runs(temp_dir, 256 << 20, "dedup band keys");
//   Status s = runs.Add(record);          // buffers; spills a sorted run when full
//   s = runs.Merge([](const KeyRecord& r) { ... });  // every record, in order
//
// Records are kept in a buffer of at most `budget_bytes`; a full buffer is
// sorted and written to `dir` as one run file. Merge sorts what is left in
// memory and k-way merges it with the runs (a heap of one record per run),
// then removes the files. `Record` must be trivially copyable and have
// operator<; equal records come out in no particular order.
//
// Thread-safety: not thread-safe; callers serialize Add.

#ifndef SARING_UTIL_SORTED_RUNS_H_
#define SARING_UTIL_SORTED_RUNS_H_

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <queue>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

#include "saring/status.h"

namespace saring {

template <typename Record>
class SortedRuns {
  static_assert(std::is_trivially_copyable_v<Record>);

 public:
  SortedRuns(std::string dir, size_t budget_bytes, std::string what)
      : dir_(std::move(dir)),
        capacity_(std::max<size_t>(budget_bytes / sizeof(Record), 1024)),
        what_(std::move(what)) {}
  ~SortedRuns() { RemoveFiles(); }

  Status Add(const Record& r) {
    buffer_.push_back(r);
    if (buffer_.size() >= capacity_) return Spill();
    return Status::OK();
  }

  uint64_t runs_spilled() const { return runs_spilled_; }
  uint64_t bytes_spilled() const { return bytes_spilled_; }

  template <typename Fn>
  Status Merge(Fn fn) {
    std::sort(buffer_.begin(), buffer_.end());
    std::vector<std::unique_ptr<Cursor>> cursors;
    cursors.push_back(std::make_unique<Cursor>(&buffer_));
    for (const std::string& path : files_) {
      std::FILE* f = std::fopen(path.c_str(), "rb");
      if (f == nullptr) return Status::IOError(path + ": cannot reopen a " + what_ + " spill file");
      cursors.push_back(std::make_unique<Cursor>(f));
    }
    using Head = std::pair<Record, size_t>;
    auto after = [](const Head& a, const Head& b) { return b.first < a.first; };
    std::priority_queue<Head, std::vector<Head>, decltype(after)> heads(after);
    Record r;
    for (size_t i = 0; i < cursors.size(); ++i) {
      if (cursors[i]->Next(&r)) heads.push({r, i});
    }
    while (!heads.empty()) {
      auto [record, i] = heads.top();
      heads.pop();
      fn(record);
      if (cursors[i]->Next(&r)) heads.push({r, i});
    }
    for (const auto& c : cursors) {
      if (c->failed()) return Status::IOError(dir_ + ": cannot read back a " + what_ + " spill file");
    }
    cursors.clear();
    buffer_.clear();
    buffer_.shrink_to_fit();
    RemoveFiles();
    return Status::OK();
  }

 private:
  // The next record of a run in memory or in a file (read in blocks).
  class Cursor {
   public:
    explicit Cursor(const std::vector<Record>* memory) : memory_(memory) {}
    explicit Cursor(std::FILE* file) : file_(file) {}
    ~Cursor() {
      if (file_ != nullptr) std::fclose(file_);
    }
    bool Next(Record* r) {
      if (memory_ != nullptr) {
        if (at_ >= memory_->size()) return false;
        *r = (*memory_)[at_++];
        return true;
      }
      if (at_ >= block_.size()) {
        block_.resize(kBlock);
        const size_t got = std::fread(block_.data(), sizeof(Record), kBlock, file_);
        if (got < kBlock && std::ferror(file_)) failed_ = true;
        block_.resize(got);
        at_ = 0;
        if (got == 0) return false;
      }
      *r = block_[at_++];
      return true;
    }
    bool failed() const { return failed_; }

   private:
    static constexpr size_t kBlock = 4096;
    const std::vector<Record>* memory_ = nullptr;
    std::FILE* file_ = nullptr;
    std::vector<Record> block_;
    size_t at_ = 0;
    bool failed_ = false;
  };

  Status Spill() {
    std::sort(buffer_.begin(), buffer_.end());
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    const std::string path = dir_ + "/run-" + std::to_string(files_.size()) + ".bin";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return Status::IOError(path + ": cannot create a " + what_ + " spill file");
    files_.push_back(path);
    const size_t written = std::fwrite(buffer_.data(), sizeof(Record), buffer_.size(), f);
    const bool closed = std::fclose(f) == 0;
    if (written != buffer_.size() || !closed) {
      return Status::IOError(path + ": cannot write a " + what_ + " spill file (disk full?)");
    }
    bytes_spilled_ += buffer_.size() * sizeof(Record);
    ++runs_spilled_;
    buffer_.clear();
    return Status::OK();
  }

  void RemoveFiles() {
    std::error_code ec;
    for (const std::string& path : files_) std::filesystem::remove(path, ec);
    files_.clear();
    std::filesystem::remove(dir_, ec);  // only when empty
  }

  const std::string dir_;
  const size_t capacity_;
  const std::string what_;
  std::vector<Record> buffer_;
  std::vector<std::string> files_;
  uint64_t runs_spilled_ = 0, bytes_spilled_ = 0;
};

}  // namespace saring

#endif  // SARING_UTIL_SORTED_RUNS_H_
