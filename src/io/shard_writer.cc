#include "io/shard_writer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace saring {

ShardWriter::ShardWriter(std::string dir, std::string extension, uint64_t shard_bytes)
    : dir_(std::move(dir)), extension_(std::move(extension)), shard_bytes_(shard_bytes) {}

ShardWriter::~ShardWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(tmp_path_.c_str());
  }
}

void ShardWriter::NamesFor(uint64_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "part-%05llu", static_cast<unsigned long long>(index));
  final_path_ = dir_ + "/" + name + extension_;
  tmp_path_ = dir_ + "/." + name + extension_ + ".tmp";
}

Status ShardWriter::OpenNext() {
  NamesFor(files_.size());
  file_ = std::fopen(tmp_path_.c_str(), "wb");
  if (file_ == nullptr) {
    return Status::IOError("cannot create " + tmp_path_ + ": " + std::strerror(errno));
  }
  // Large stdio buffer: frames arrive in ~1 MB pieces anyway.
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  current_bytes_ = 0;
  return Status::OK();
}

Status ShardWriter::Append(std::string_view bytes) {
  if (bytes.empty()) return Status::OK();
  if (file_ == nullptr) {
    Status s = OpenNext();
    if (!s.ok()) return s;
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return Status::IOError("cannot write " + tmp_path_ + ": " + std::strerror(errno));
  }
  current_bytes_ += bytes.size();
  total_bytes_ += bytes.size();
  if (current_bytes_ >= shard_bytes_) return FinishCurrent();
  return Status::OK();
}

Status ShardWriter::FinishCurrent() {
  if (file_ == nullptr) return Status::OK();
  int err = std::fflush(file_) != 0 ? errno : 0;
  if (std::fclose(file_) != 0 && err == 0) err = errno;
  file_ = nullptr;
  if (err != 0) {
    std::remove(tmp_path_.c_str());
    return Status::IOError("cannot write " + tmp_path_ + ": " + std::strerror(err));
  }
  if (std::rename(tmp_path_.c_str(), final_path_.c_str()) != 0) {
    return Status::IOError("cannot rename " + tmp_path_ + " to " + final_path_ + ": " +
                           std::strerror(errno));
  }
  files_.push_back(final_path_);
  return Status::OK();
}

Status ShardWriter::Close() { return FinishCurrent(); }

Status ShardWriter::Sync(State* state) {
  state->shard_index = files_.size();
  state->shard_bytes = file_ != nullptr ? current_bytes_ : 0;
  state->total_bytes = total_bytes_;
  if (file_ == nullptr) return Status::OK();
  if (std::fflush(file_) != 0 || ::fdatasync(::fileno(file_)) != 0) {
    return Status::IOError("cannot write " + tmp_path_ + ": " + std::strerror(errno));
  }
  return Status::OK();
}

Status ShardWriter::Resume(const State& state) {
  files_.clear();
  for (uint64_t k = 0; k < state.shard_index; ++k) {
    NamesFor(k);
    if (::access(final_path_.c_str(), F_OK) != 0) {
      return Status::Corruption("cannot resume: " + final_path_ + " is missing");
    }
    files_.push_back(final_path_);
  }
  // Shards begun after the checkpoint go. (The current one may have been
  // completed and renamed after it: it is taken back.)
  for (uint64_t k = state.shard_index + 1;; ++k) {
    NamesFor(k);
    const bool had = std::remove(final_path_.c_str()) == 0;
    if (std::remove(tmp_path_.c_str()) != 0 && !had) break;
  }
  NamesFor(state.shard_index);
  std::rename(final_path_.c_str(), tmp_path_.c_str());  // (fails when it was never renamed)
  total_bytes_ = state.total_bytes;
  current_bytes_ = state.shard_bytes;
  if (state.shard_bytes == 0) {
    std::remove(tmp_path_.c_str());
    return Status::OK();
  }
  struct stat st {};
  if (::stat(tmp_path_.c_str(), &st) != 0 || static_cast<uint64_t>(st.st_size) < state.shard_bytes) {
    return Status::Corruption("cannot resume: " + tmp_path_ + " is shorter than its checkpoint");
  }
  if (::truncate(tmp_path_.c_str(), static_cast<off_t>(state.shard_bytes)) != 0) {
    return Status::Corruption("cannot resume: " + tmp_path_ + ": " + std::strerror(errno));
  }
  file_ = std::fopen(tmp_path_.c_str(), "ab");
  if (file_ == nullptr) {
    return Status::IOError("cannot open " + tmp_path_ + ": " + std::strerror(errno));
  }
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  return Status::OK();
}

}  // namespace saring
