// ProgressLine: a one-line progress display on stderr, redrawn a few times
// a second from its own thread: documents, MB read, MB/s, and an ETA from
// the compressed input sizes. In JSON mode (--progress=json) it writes one
// JSON object per line instead, for programs: every second
//   {"event":"progress","docs":N,"bytes":N,"seconds":S,"mb_per_s":X,"fraction":F}
// (fraction only when the input size is known), each input error as
//   {"event":"message","text":"..."}, and at the end {"event":"finished",...}.
//
// Thread-safety: Update* may be called from any thread; Print() lets others
// write a line to stderr without tearing the progress line.

#ifndef SARING_PIPELINE_PROGRESS_H_
#define SARING_PIPELINE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace saring {

class ProgressLine {
 public:
  // `compressed_done` reports input bytes consumed; `total` is the sum of
  // input file sizes (0 when unknown, e.g. stdin: no ETA). Nothing is drawn
  // unless `enabled`.
  ProgressLine(bool enabled, uint64_t total, std::function<uint64_t()> compressed_done,
               bool json = false);
  ~ProgressLine();

  void AddDocuments(uint64_t docs, uint64_t raw_bytes) {
    docs_.fetch_add(docs, std::memory_order_relaxed);
    bytes_.fetch_add(raw_bytes, std::memory_order_relaxed);
  }
  // Writes `line` (with a newline) to stderr, above the progress line.
  void Print(const std::string& line);
  // Stops the thread and erases the progress line.
  void Finish();

 private:
  void Loop();
  void Draw();
  void WriteJsonEvent(const char* event);

  bool enabled_;
  bool json_;
  uint64_t total_;
  std::function<uint64_t()> compressed_done_;
  std::atomic<uint64_t> docs_{0};
  std::atomic<uint64_t> bytes_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::thread thread_;
};

}  // namespace saring

#endif  // SARING_PIPELINE_PROGRESS_H_
