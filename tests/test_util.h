// Helpers shared by the tests: temporary directories, files, and reading
// back (decompressed) output shards.

#ifndef SARING_TESTS_TEST_UTIL_H_
#define SARING_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <string>
#include <vector>

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

// Directory of the source tree (for examples/) and of ../shared, which is
// empty when the shared data is not there.
std::string SourceDir();
std::string SharedDir();

}  // namespace saring::testing

#endif  // SARING_TESTS_TEST_UTIL_H_
