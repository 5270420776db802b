#include "pipeline/progress.h"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "json/json_writer.h"

namespace saring {

ProgressLine::ProgressLine(bool enabled, uint64_t total, std::function<uint64_t()> compressed_done,
                           bool json)
    : enabled_(enabled || json),
      json_(json),
      total_(total),
      compressed_done_(std::move(compressed_done)),
      start_(std::chrono::steady_clock::now()) {
  if (enabled_) thread_ = std::thread([this] { Loop(); });
}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!done_) {
    cv_.wait_for(lock, std::chrono::milliseconds(json_ ? 1000 : 250));
    if (done_) break;
    if (json_) {
      WriteJsonEvent("progress");
    } else {
      Draw();
    }
  }
}

// Caller holds mu_.
void ProgressLine::WriteJsonEvent(const char* event) {
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const uint64_t bytes = bytes_.load(std::memory_order_relaxed);
  std::string line = fmt::format(
      "{{\"event\":\"{}\",\"docs\":{},\"bytes\":{},\"seconds\":{:.3f},\"mb_per_s\":{:.2f}", event,
      docs_.load(std::memory_order_relaxed), bytes, secs,
      secs > 0 ? static_cast<double>(bytes) / 1e6 / secs : 0.0);
  const uint64_t done = compressed_done_();
  if (total_ > 0) {
    line += fmt::format(",\"fraction\":{:.4f}",
                        std::min(1.0, static_cast<double>(done) / static_cast<double>(total_)));
  }
  std::fprintf(stderr, "%s}\n", line.c_str());
  std::fflush(stderr);
}

// Caller holds mu_.
void ProgressLine::Draw() {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double mb = static_cast<double>(bytes_.load(std::memory_order_relaxed)) / 1e6;
  std::string line = fmt::format("{:>12} docs  {:>10.1f} MB  {:>7.1f} MB/s",
                                 docs_.load(std::memory_order_relaxed), mb, secs > 0 ? mb / secs : 0);
  uint64_t done = compressed_done_();
  if (total_ > 0 && done > 0 && secs > 1) {
    double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    double eta = secs * (1 - fraction) / fraction;
    line += fmt::format("  {:5.1f}%  ETA {}:{:02}", 100 * fraction, static_cast<int>(eta) / 60,
                        static_cast<int>(eta) % 60);
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::Print(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  if (json_) {
    std::string event = "{\"event\":\"message\",\"text\":";
    AppendJsonString(&event, line);
    std::fprintf(stderr, "%s}\n", event.c_str());
    return;
  }
  if (drawn_) std::fputs("\r\033[K", stderr);
  std::fprintf(stderr, "%s\n", line.c_str());
  drawn_ = false;
}

void ProgressLine::Finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (done_) return;
    done_ = true;
    if (json_) WriteJsonEvent("finished");
    if (drawn_) std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace saring
