// Stage: one step of a cleaning pipeline, applied to one document at a time.
//
// A stage may annotate the document (signals), rewrite its text, or remove
// it with a reason; see Document. Stages are created from the "stages" list
// of a pipeline config (see config.h), once per worker thread, so a stage may
// keep scratch buffers in members without locking.
//
// Thread-safety: a Stage object is used by one thread at a time.

#ifndef SARING_STAGE_H_
#define SARING_STAGE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "saring/document.h"

namespace saring {

class Stage {
 public:
  virtual ~Stage() = default;
  // The stage's config name ("normalize", "length"); also "removed_by".
  virtual std::string_view name() const = 0;
  virtual void Process(Document& doc) = 0;

  // Totals the stage counted since the last call (e.g. "paragraphs_removed"
  // of the repeats stage). The worker drains them once per batch; the run
  // sums them into stats.json under "repairs", in input order.
  std::map<std::string, uint64_t, std::less<>> TakeCounters() { return std::exchange(counters_, {}); }

 protected:
  void Count(std::string_view key, uint64_t n) {
    if (n == 0) return;
    auto it = counters_.find(key);
    if (it == counters_.end()) it = counters_.emplace(std::string(key), 0).first;
    it->second += n;
  }

 private:
  std::map<std::string, uint64_t, std::less<>> counters_;
};

}  // namespace saring

#endif  // SARING_STAGE_H_
