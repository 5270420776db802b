// ShardWriter: appends bytes to a sequence of size-limited files
// DIR/part-00000.jsonl.zst, part-00001..., each written atomically.
//
// A shard is written under a hidden temporary name (".part-00000....tmp")
// and renamed to its final name only when complete, so a reader of DIR never
// sees a half-written shard. A new shard starts when the current one has
// reached `shard_bytes`; since the writer is fed whole frames in input order,
// shard boundaries are deterministic. No file is created until the first
// Append.
//
// Resuming (saring clean --resume): Sync makes what was appended durable
// and says where the writer stands; Resume, in a new process, puts a fresh
// writer back there: the shards before the current one as they are, the
// current one cut back to its synced length (frames are whole up to there),
// later ones deleted.
//
// Thread-safety: not thread-safe; the pipeline's ordered output stage owns it.

#ifndef SARING_IO_SHARD_WRITER_H_
#define SARING_IO_SHARD_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "saring/status.h"

namespace saring {

class ShardWriter {
 public:
  ShardWriter(std::string dir, std::string extension, uint64_t shard_bytes);
  ~ShardWriter();  // abandons (deletes) an unfinished temporary shard

  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  struct State {
    uint64_t shard_index = 0;  // the shard being written (= complete shards)
    uint64_t shard_bytes = 0;  // its bytes so far
    uint64_t total_bytes = 0;  // in every shard
  };

  Status Append(std::string_view bytes);
  // Flushes the current shard to disk (fdatasync) and fills *state.
  Status Sync(State* state);
  // On a writer that has appended nothing: continues from `state`.
  Status Resume(const State& state);
  // Completes the current shard (flush, rename). Safe to call twice.
  Status Close();

  const std::vector<std::string>& files() const { return files_; }
  uint64_t bytes_written() const { return total_bytes_; }

 private:
  Status OpenNext();
  Status FinishCurrent();
  void NamesFor(uint64_t index);

  std::string dir_;
  std::string extension_;
  uint64_t shard_bytes_;
  std::FILE* file_ = nullptr;
  std::string tmp_path_;
  std::string final_path_;
  uint64_t current_bytes_ = 0;
  uint64_t total_bytes_ = 0;
  std::vector<std::string> files_;
};

}  // namespace saring

#endif  // SARING_IO_SHARD_WRITER_H_
