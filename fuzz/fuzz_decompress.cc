// libFuzzer target: any bytes as an input file, read through ByteSource
// (sniffed plain, gzip or zstd; multi-member, truncated, corrupt). It must
// end with data or an error, never crash, hang or read out of bounds.

#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "io/byte_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = saring::fuzz::ScratchPath(".in");
  std::unique_ptr<saring::ByteSource> source;
  if (!saring::fuzz::WriteInput(path, data, size) || !saring::OpenByteSource(path, &source).ok()) {
    return 0;
  }
  char buffer[4096];
  for (int reads = 0; reads < (1 << 16); ++reads) {  // a zip bomb stops here, not at OOM
    size_t got = 0;
    if (!source->Read(buffer, sizeof(buffer), &got).ok() || got == 0) break;
  }
  return 0;
}
