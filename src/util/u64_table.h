// U64Table: an open-addressing map from 64-bit hashes to 32-bit values,
// sized for the tens to thousands of entries one document needs and reset
// per document without freeing.
//
//   U64Table seen;
//   seen.Reset(paragraphs.size());
//   seen.Insert(HashKey(key), index);           // keeps an existing value
//   if (const uint32_t* v = seen.Find(h)) ...
//
// Why not std::unordered_map: it allocates a node per insert, and the
// repeats stage inserts up to three entries per paragraph of every document;
// that was a tenth of the stage's time. Keys must be hashes (well mixed
// bits): the slot is the key's low bits.
//
// Thread-safety: not thread-safe.

#ifndef SARING_UTIL_U64_TABLE_H_
#define SARING_UTIL_U64_TABLE_H_

#include <algorithm>
#include <cstdint>
#include <vector>

namespace saring {

class U64Table {
 public:
  // Empties the table, sized for about `expected` entries (it grows if more
  // come).
  void Reset(size_t expected) {
    size_t capacity = 16;
    while (capacity < 2 * expected) capacity <<= 1;
    if (slots_.size() == capacity) {
      std::fill(slots_.begin(), slots_.end(), Slot());
    } else {
      slots_.assign(capacity, Slot());
    }
    size_ = 0;
  }

  const uint32_t* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }

  // Adds key -> value; a key already present keeps its first value.
  void Insert(uint64_t key, uint32_t value) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.used && s.key == key) return;
      if (!s.used) {
        s = Slot{key, value, true};
        ++size_;
        return;
      }
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
    bool used = false;
  };

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(std::max<size_t>(16, 2 * old.size()), Slot());
    size_ = 0;
    for (const Slot& s : old) {
      if (s.used) Insert(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace saring

#endif  // SARING_UTIL_U64_TABLE_H_
