// Status: the result of an operation that can fail, LevelDB style.
//
// A Status is either OK or carries an error code and a message that names
// what failed (a file, a line, a config key). Functions return Status instead
// of throwing, and callers propagate with
//
//   Status s = reader.Open(path);
//   if (!s.ok()) return s;
//
// Thread-safety: a Status is a value; distinct objects may be used from
// distinct threads without synchronization.

#ifndef SARING_STATUS_H_
#define SARING_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace saring {

class Status {
 public:
  enum class Code { kOk = 0, kInvalidArgument, kNotFound, kIOError, kCorruption, kInternal };

  Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "IO error: cannot open data/a.jsonl: No such file or directory"
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace saring

#endif  // SARING_STATUS_H_
