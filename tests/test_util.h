// Helpers shared by the tests: temporary directories, files, and reading
// back (decompressed) output shards.

#ifndef SARING_TESTS_TEST_UTIL_H_
#define SARING_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "saring/clean.h"

namespace saring::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);
// Reads a file through saring's own ByteSource (gzip/zstd transparently).
std::string ReadDecompressed(const std::string& path);
// All shards of OUT/<sub>/ in name order, decompressed and concatenated.
std::string ReadOutput(const std::string& out_dir, const std::string& sub);
std::vector<std::string> SplitLines(const std::string& text);
// Shards of OUT/<sub>/ as raw bytes, in name order.
std::vector<std::string> OutputFiles(const std::string& out_dir, const std::string& sub);

// What a run did to each document of OUT/kept and OUT/removed, by id: the
// removed_reason ("" for a kept document) and the "saring" object as
// minified JSON ("" when it has none).
struct DocFate {
  std::string reason;
  std::string saring;
  bool operator==(const DocFate&) const = default;
};
std::map<std::string, DocFate> FatesById(const std::string& out_dir);

// Runs a shell command, stdout and stderr together; exit_code is 128 + the
// signal when a signal ended it (as the shell reports it).
struct ShellResult {
  int exit_code = -1;
  std::string output;
};
ShellResult RunShell(const std::string& command);

// Runs RunClean with a preset and --set style overrides, error messages
// silenced, and fails the current test if the run does not succeed.
// `batch_bytes` small makes even a tiny corpus span many batches.
CleanReport RunCleanOrFail(const std::vector<std::string>& inputs, const std::string& out_dir,
                           int threads, const std::string& preset = "default",
                           const std::vector<std::string>& sets = {}, size_t batch_bytes = 1 << 20);

// Directory of the source tree (for examples/) and of ../shared, which is
// empty when the shared data is not there.
std::string SourceDir();
std::string SharedDir();
// fastText's lid.176.ftz from ../shared/models or the source tree's models/
// (scripts/fetch-models); empty when neither has it.
std::string LidModelPath();

}  // namespace saring::testing

#endif  // SARING_TESTS_TEST_UTIL_H_
