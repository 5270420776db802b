// LineIndex: where each line of the corpus is first seen, for removing its
// later copies ("line_dedup" stage).
//
//   LineIndex index(temp_dir, 256 << 20);
//   index.Add(line_hash, position);           // first pass, any thread
//   Status s = index.Finish();                // after the pass
//   if (index.SeenBefore(line_hash, position)) ...   // main pass
//
// Records (line hash, document position) go through SortedRuns under the
// memory budget; Finish keeps, for each hash seen in two documents or more,
// the position of the first: 16 bytes per repeated line, nothing for lines
// seen once.
//
// Thread-safety: Add from many threads at once; Finish once; SeenBefore
// from many threads after Finish.

#ifndef SARING_DEDUP_LINE_INDEX_H_
#define SARING_DEDUP_LINE_INDEX_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "saring/status.h"
#include "util/sorted_runs.h"

namespace saring {

class LineIndex {
 public:
  LineIndex(std::string temp_dir, size_t memory_bytes)
      : records_(std::move(temp_dir), memory_bytes, "line_dedup") {}

  void Add(uint64_t hash, uint64_t position);
  Status Finish();
  // True when the line was first seen in a document before `position`.
  bool SeenBefore(uint64_t hash, uint64_t position) const;
  uint64_t repeated_lines() const { return first_.size(); }

 private:
  struct Record {
    uint64_t hash, position;
    bool operator<(const Record& o) const {
      return hash != o.hash ? hash < o.hash : position < o.position;
    }
  };
  std::mutex mu_;
  Status status_;
  SortedRuns<Record> records_;
  std::vector<std::pair<uint64_t, uint64_t>> first_;  // (hash, first position), sorted
};

}  // namespace saring

#endif  // SARING_DEDUP_LINE_INDEX_H_
