// FrameCompressor: compresses a block of output into one self-contained
// frame (a zstd frame or a gzip member).
//
// Concatenated zstd frames and concatenated gzip members are valid .zst and
// .gz files, so workers can compress their batches in parallel and the
// ordered writer only appends bytes. Frames depend only on the input bytes
// and the level, which keeps output byte-identical for any thread count.
//
// Thread-safety: not thread-safe; each worker owns one compressor (it keeps
// its compression context between calls to avoid re-allocating it).

#ifndef SARING_IO_FRAME_COMPRESSOR_H_
#define SARING_IO_FRAME_COMPRESSOR_H_

#include <memory>
#include <string>
#include <string_view>

#include "io/byte_source.h"
#include "saring/status.h"

namespace saring {

class FrameCompressor {
 public:
  virtual ~FrameCompressor() = default;
  // Replaces *out with the compressed frame of `in`.
  virtual Status Compress(std::string_view in, std::string* out) = 0;
};

// `level` uses each format's own scale (zstd 1..19, gzip 1..9); 0 picks the
// format's default.
std::unique_ptr<FrameCompressor> NewFrameCompressor(Compression kind, int level);

// "zst", "gz", anything else (the config allows "none") -> kNone.
Compression CompressionFromName(const std::string& name);

// ".jsonl.zst", ".jsonl.gz" or ".jsonl".
std::string OutputExtension(Compression kind);

}  // namespace saring

#endif  // SARING_IO_FRAME_COMPRESSOR_H_
