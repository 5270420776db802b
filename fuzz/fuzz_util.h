// Helpers shared by the fuzz targets.

#ifndef SARING_FUZZ_FUZZ_UTIL_H_
#define SARING_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace saring::fuzz {

// This process's scratch file (libFuzzer runs one input at a time).
inline std::string ScratchPath(const char* suffix) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/saring-fuzz-" + std::to_string(getpid()) +
         suffix;
}

// Writes the input to `path`; false when it cannot be written.
inline bool WriteInput(const std::string& path, const uint8_t* data, size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(data, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

}  // namespace saring::fuzz

#endif  // SARING_FUZZ_FUZZ_UTIL_H_
