#include "dedup/line_index.h"

#include <algorithm>

namespace saring {

void LineIndex::Add(uint64_t hash, uint64_t position) {
  std::lock_guard<std::mutex> lock(mu_);
  Status s = records_.Add(Record{hash, position});
  if (!s.ok() && status_.ok()) status_ = s;
}

Status LineIndex::Finish() {
  if (!status_.ok()) return status_;
  Record group{0, 0};
  bool open = false, repeated = false;
  Status s = records_.Merge([&](const Record& r) {
    if (!open || r.hash != group.hash) {
      if (repeated) first_.emplace_back(group.hash, group.position);
      group = r;
      open = true;
      repeated = false;
    } else if (r.position != group.position) {
      repeated = true;  // a second document has it
    }
  });
  if (repeated) first_.emplace_back(group.hash, group.position);
  return s;
}

bool LineIndex::SeenBefore(uint64_t hash, uint64_t position) const {
  auto it = std::lower_bound(first_.begin(), first_.end(), std::make_pair(hash, uint64_t(0)));
  return it != first_.end() && it->first == hash && it->second < position;
}

}  // namespace saring
