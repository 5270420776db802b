// Helpers shared by the benchmark binaries.

#ifndef SARING_BENCH_BENCH_UTIL_H_
#define SARING_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <vector>

namespace saring::bench {

// The median of `v` (the mean of the two middle values for an even count);
// 0 for an empty vector.
inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace saring::bench

#endif  // SARING_BENCH_BENCH_UTIL_H_
