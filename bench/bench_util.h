// Helpers shared by the benchmark binaries.

#ifndef SARING_BENCH_BENCH_UTIL_H_
#define SARING_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <simdjson.h>

#include "io/byte_source.h"
#include "saring/status.h"

namespace saring::bench {

// The median of `v` (the mean of the two middle values for an even count);
// 0 for an empty vector.
inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Prints "tool: message" on stderr; returns the exit code for a usage or
// input error.
inline int Fail(const char* tool, const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", tool, message.c_str());
  return 2;
}

// Reads `path` (plain, .gz or .zst) into *data, stopping once it holds at
// least `max_bytes`.
inline Status ReadInput(const std::string& path, uint64_t max_bytes, std::string* data) {
  std::unique_ptr<ByteSource> source;
  Status s = OpenByteSource(path, &source);
  if (!s.ok()) return s;
  std::string chunk(1 << 20, '\0');
  size_t got = 0;
  do {
    s = source->Read(chunk.data(), chunk.size(), &got);
    if (!s.ok()) return s;
    data->append(chunk.data(), got);
  } while (got > 0 && data->size() < max_bytes);
  return Status::OK();
}

// The texts of `path`: a line that starts with '{' is a JSON document whose
// "text" is taken, any other non-empty line is a text itself (the Leipzig
// sentence files of ../shared/data/lid-sentences/).
inline Status LoadTexts(const std::string& path, std::vector<std::string>* texts) {
  std::string data;
  Status s = ReadInput(path, UINT64_MAX, &data);
  if (!s.ok()) return s;
  simdjson::dom::parser parser;
  size_t start = 0;
  while (start < data.size()) {
    size_t end = data.find('\n', start);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + start, end - start);
    std::string_view text = line;
    if (!line.empty() && line[0] == '{' &&
        parser.parse(line.data(), line.size())["text"].get(text)) {
      text = {};
    }
    if (!text.empty()) texts->emplace_back(text);
    start = end + 1;
  }
  return Status::OK();
}

}  // namespace saring::bench

#endif  // SARING_BENCH_BENCH_UTIL_H_
