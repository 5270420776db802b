#include "io/shard_writer.h"

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

Status ShardWriter::OpenNext() {
  char name[32];
  std::snprintf(name, sizeof name, "part-%05zu", files_.size());
  final_path_ = dir_ + "/" + name + extension_;
  tmp_path_ = dir_ + "/." + name + extension_ + ".tmp";
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

}  // namespace saring
