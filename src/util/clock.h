// Monotonic nanoseconds, for the per-stage timings in stats.json.

#ifndef SARING_UTIL_CLOCK_H_
#define SARING_UTIL_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace saring {

inline uint64_t NowNs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace saring

#endif  // SARING_UTIL_CLOCK_H_
