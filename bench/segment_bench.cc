// segment_bench: throughput of word segmentation (text/word_segmenter.h),
// one thread.
//
//   build/bench/segment_bench [--runs 5] FILE...
//
// Each FILE is read whole (plain, .gz or .zst); a line that starts with '{'
// is a JSON document whose "text" is segmented, any other line is segmented
// as it is (the Leipzig sentence files of ../shared/data/lid-sentences/).
// Prints, per file and as medians over runs: MB/s of text per core, words
// per second and words per KB. Loading is not timed.

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"
#include "io/byte_source.h"
#include "text/word_segmenter.h"
#include "util/clock.h"

using saring::Status;

int main(int argc, char** argv) {
  int runs = 5;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    return saring::bench::Fail("segment_bench", "usage: segment_bench [--runs 5] FILE...");
  }
  saring::WordSegmenter segmenter;
  std::vector<std::string_view> words;
  std::printf("word segmentation, 1 thread, median of %d runs\n", runs);
  for (const std::string& file : files) {
    std::vector<std::string> texts;
    Status s = saring::bench::LoadTexts(file, &texts);
    if (!s.ok()) return saring::bench::Fail("segment_bench", s.ToString());
    uint64_t bytes = 0;
    for (const std::string& t : texts) bytes += t.size();
    std::vector<double> seconds;
    uint64_t word_count = 0;
    for (int r = 0; r < runs; ++r) {
      word_count = 0;
      uint64_t t0 = saring::NowNs();
      for (const std::string& t : texts) {
        segmenter.Segment(t, &words);
        word_count += words.size();
      }
      seconds.push_back(static_cast<double>(saring::NowNs() - t0) / 1e9);
    }
    double sec = saring::bench::Median(seconds);
    double mb = static_cast<double>(bytes) / 1e6;
    std::printf("  %-48s %7.2f MB %9.1f MB/s per core %12.0f words/s %6.1f words/KB\n",
                file.c_str(), mb, mb / sec, static_cast<double>(word_count) / sec,
                static_cast<double>(word_count) / (static_cast<double>(bytes) / 1000));
  }
  return 0;
}
