// ByteSource: a stream of decompressed bytes from a file or standard input.
//
// OpenByteSource() sniffs the first bytes, not the file name: gzip (including
// multi-member files, as written by pigz or by concatenation) and zstd
// (including concatenated frames) are decompressed transparently; anything
// else is read as is. "-" is standard input.
//
// Thread-safety: not thread-safe; one reader thread owns a source.

#ifndef SARING_IO_BYTE_SOURCE_H_
#define SARING_IO_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "saring/status.h"

namespace saring {

enum class Compression { kNone, kGzip, kZstd };

const char* CompressionName(Compression c);

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to `n` decompressed bytes into `buf`. Sets *got to the number
  // read; *got == 0 with an OK status means end of input. A truncated or
  // corrupt compressed stream returns Corruption.
  virtual Status Read(char* buf, size_t n, size_t* got) = 0;

  // Bytes consumed from the underlying file so far (compressed bytes), for
  // progress and ETA.
  virtual uint64_t compressed_offset() const = 0;

  virtual Compression compression() const = 0;
};

// Opens `path` ("-" for stdin). The returned source is positioned at the
// first decompressed byte.
Status OpenByteSource(const std::string& path, std::unique_ptr<ByteSource>* out);

}  // namespace saring

#endif  // SARING_IO_BYTE_SOURCE_H_
