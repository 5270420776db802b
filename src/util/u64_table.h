// U64Table: an open-addressing map from 64-bit hashes to 32-bit values,
// sized for the tens to thousands of entries one document needs and reset
// per document in constant time.
//
//   U64Table seen;
//   seen.Reset(paragraphs.size());
//   seen.Insert(HashKey(key), index);           // keeps an existing value
//   if (const uint32_t* v = seen.Find(h)) ...
//   auto [value, inserted] = seen.FindOrInsert(h, index);
//
// Why not std::unordered_map: it allocates a node per insert, and the
// repeats stage inserts up to three entries per paragraph of every document;
// that was a tenth of the stage's time. Keys must be hashes (well mixed
// bits): the slot is the key's low bits.
//
// Reset does not clear the slots: each slot carries the generation it was
// written in, and Reset starts a new generation. The quality signals reset
// a table nine times per document, and clearing it each time was a fifth of
// their cost.
//
// Thread-safety: not thread-safe.

#ifndef SARING_UTIL_U64_TABLE_H_
#define SARING_UTIL_U64_TABLE_H_

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace saring {

class U64Table {
 public:
  // Empties the table, sized for about `expected` entries (it grows if more
  // come).
  void Reset(size_t expected) {
    size_t capacity = 16;
    while (capacity < 2 * expected) capacity <<= 1;
    size_ = 0;
    // A table much larger than needed (left by a long document) would spread
    // a short one over memory that is not in cache: shrink it.
    if (slots_.size() < capacity || slots_.size() > 4 * capacity) {
      slots_.assign(capacity, Slot());
      generation_ = 1;
      return;
    }
    if (++generation_ == 0) {  // wrapped: old slots could look current
      std::fill(slots_.begin(), slots_.end(), Slot());
      generation_ = 1;
    }
  }

  const uint32_t* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.generation != generation_) return nullptr;
      if (s.key == key) return &s.value;
    }
  }

  // Adds key -> value; a key already present keeps its first value.
  void Insert(uint64_t key, uint32_t value) { FindOrInsert(key, value); }

  // The value of `key`, and whether this call inserted it (with `value`).
  // Always inlined: called once per word n-gram by the quality signals, where
  // the call itself was a measurable share.
  [[gnu::always_inline]] std::pair<uint32_t*, bool> FindOrInsert(uint64_t key, uint32_t value) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.generation != generation_) {
        s = Slot{key, value, generation_};
        ++size_;
        return {&s.value, true};
      }
      if (s.key == key) return {&s.value, false};
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
    uint32_t generation = 0;  // current generation: in use
  };

  [[gnu::noinline]] void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const uint32_t live = generation_;
    slots_.assign(std::max<size_t>(16, 2 * old.size()), Slot());
    generation_ = 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.generation == live && live != 0) Insert(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  uint32_t generation_ = 1;
  size_t size_ = 0;
};

}  // namespace saring

#endif  // SARING_UTIL_U64_TABLE_H_
