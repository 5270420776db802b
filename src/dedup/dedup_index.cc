#include "dedup/dedup_index.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <numeric>

namespace saring {
namespace {

// Union-find over dense document numbers; the root of a set is its
// smallest number, so that the keeper is the first document in input order
// whatever the order of the unions.
class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a < b) {
      parent_[b] = a;
    } else {
      parent_[a] = b;
    }
  }

 private:
  std::vector<uint32_t> parent_;
};

constexpr size_t kIdFlushBytes = 1 << 20;
constexpr size_t kComparisons = 16;  // verification: earlier members of a bucket tried

}  // namespace

const DedupDecision* DedupDecisions::Find(uint64_t position) const {
  auto it = std::lower_bound(positions.begin(), positions.end(), position);
  if (it == positions.end() || *it != position) return nullptr;
  return &decisions[static_cast<size_t>(it - positions.begin())];
}

DedupIndex::DedupIndex(int bands, std::string temp_dir, size_t memory_bytes,
                       size_t signature_size, bool keep_lengths)
    : bands_(bands),
      temp_dir_(std::move(temp_dir)),
      signature_size_(signature_size),
      keep_lengths_(keep_lengths),
      keys_(temp_dir_ + "/keys", memory_bytes, "dedup key") {}

DedupIndex::~DedupIndex() {
  if (id_file_ != nullptr) std::fclose(id_file_);
  std::error_code ec;
  std::filesystem::remove(temp_dir_ + "/ids.bin", ec);
  std::filesystem::remove(temp_dir_, ec);  // only when empty
}

void DedupIndex::AddLocked(const KeyRecord& r) {
  Status s = keys_.Add(r);
  if (!s.ok() && status_.ok()) status_ = s;
}

void DedupIndex::Add(uint64_t position, const DedupKeys& keys, std::string_view id,
                     uint64_t length, const std::vector<uint32_t>& signature) {
  std::lock_guard<std::mutex> lock(mu_);
  positions_.push_back(position);
  if (keep_lengths_) lengths_.push_back(static_cast<uint32_t>(std::min<uint64_t>(length, UINT32_MAX)));
  if (signature_size_ > 0) {
    if (signature.size() == signature_size_) {
      signatures_.insert(signatures_.end(), signature.begin(), signature.end());
    } else {
      signatures_.resize(signatures_.size() + signature_size_, 0);  // no words: agrees with none
    }
  }
  AddLocked(KeyRecord{keys.exact, position, 0});
  for (size_t b = 0; b < keys.bands.size(); ++b) {
    AddLocked(KeyRecord{keys.bands[b], position, static_cast<uint32_t>(b + 1)});
  }
  const uint32_t size = static_cast<uint32_t>(id.size());
  id_buffer_.append(reinterpret_cast<const char*>(&position), sizeof(position));
  id_buffer_.append(reinterpret_cast<const char*>(&size), sizeof(size));
  id_buffer_.append(id);
  if (id_buffer_.size() < kIdFlushBytes || !status_.ok()) return;
  if (id_file_ == nullptr) {
    std::error_code ec;
    std::filesystem::create_directories(temp_dir_, ec);
    id_file_ = std::fopen((temp_dir_ + "/ids.bin").c_str(), "wb+");
    if (id_file_ == nullptr) {
      status_ = Status::IOError(temp_dir_ + "/ids.bin: cannot create the dedup id file");
      return;
    }
  }
  if (std::fwrite(id_buffer_.data(), 1, id_buffer_.size(), id_file_) != id_buffer_.size()) {
    status_ = Status::IOError(temp_dir_ + "/ids.bin: cannot write the dedup id file (disk full?)");
  }
  id_buffer_.clear();
}

// The ids of the documents that `slot` gives a keeper slot (by dense
// number), from the id file and what is still buffered.
Status DedupIndex::ReadKeeperIds(const std::vector<uint64_t>& sorted,
                                 const std::vector<int32_t>& slot,
                                 std::vector<std::string>* ids) {
  auto scan = [&](const char* data, size_t size) {
    for (size_t at = 0; at + 12 <= size;) {
      uint64_t position;
      uint32_t length;
      std::memcpy(&position, data + at, 8);
      std::memcpy(&length, data + at + 8, 4);
      const size_t k = std::lower_bound(sorted.begin(), sorted.end(), position) - sorted.begin();
      if (slot[k] >= 0) (*ids)[static_cast<size_t>(slot[k])].assign(data + at + 12, length);
      at += 12 + length;
    }
  };
  if (id_file_ != nullptr) {
    if (std::fflush(id_file_) != 0 || std::fseek(id_file_, 0, SEEK_SET) != 0) {
      return Status::IOError(temp_dir_ + "/ids.bin: cannot read back the dedup id file");
    }
    std::string block, carry;
    block.resize(kIdFlushBytes);
    for (size_t got; (got = std::fread(block.data(), 1, block.size(), id_file_)) > 0;) {
      carry.append(block.data(), got);
      // Scan whole records only; keep a cut one for the next block.
      size_t whole = 0;
      while (whole + 12 <= carry.size()) {
        uint32_t length;
        std::memcpy(&length, carry.data() + whole + 8, 4);
        if (whole + 12 + length > carry.size()) break;
        whole += 12 + length;
      }
      scan(carry.data(), whole);
      carry.erase(0, whole);
    }
    if (std::ferror(id_file_)) {
      return Status::IOError(temp_dir_ + "/ids.bin: cannot read back the dedup id file");
    }
  }
  scan(id_buffer_.data(), id_buffer_.size());
  return Status::OK();
}

Status DedupIndex::Cluster(const DedupClusterOptions& options, DedupDecisions* out) {
  if (!status_.ok()) return status_;
  const size_t n = positions_.size();
  // Dense numbers in input order: a document's rank among the positions.
  std::vector<uint32_t> order(n);  // dense number -> Add index
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t x, uint32_t y) { return positions_[x] < positions_[y]; });
  std::vector<uint64_t> sorted(n);
  for (size_t k = 0; k < n; ++k) sorted[k] = positions_[order[k]];
  positions_.clear();
  positions_.shrink_to_fit();
  auto dense = [&](uint64_t position) {
    return static_cast<uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), position) -
                                 sorted.begin());
  };
  const bool verify = options.verify && signature_size_ > 0;
  if (!verify && options.keeper != "longest") {
    order.clear();
    order.shrink_to_fit();
  }
  auto agreement = [&](uint32_t a, uint32_t b) {
    const uint32_t* x = &signatures_[size_t(order[a]) * signature_size_];
    const uint32_t* y = &signatures_[size_t(order[b]) * signature_size_];
    size_t equal = 0;
    for (size_t j = 0; j < signature_size_; ++j) equal += x[j] == y[j];
    return double(equal) / double(signature_size_);
  };

  UnionFind sets(n);
  std::vector<uint32_t> exact_group(n);  // the first document with the same exact key
  std::iota(exact_group.begin(), exact_group.end(), 0u);
  KeyRecord current{0, 0, UINT32_MAX};
  std::vector<uint32_t> bucket;  // the documents of the current (band, key), in order
  Status s = keys_.Merge([&](const KeyRecord& r) {
    const uint32_t d = dense(r.position);
    if (r.band != current.band || r.key != current.key) {
      current = r;
      bucket.assign(1, d);
      return;
    }
    if (r.band == 0) {
      exact_group[d] = bucket.front();
      sets.Union(bucket.front(), d);
    } else if (!verify) {
      sets.Union(bucket.front(), d);
    } else {
      for (size_t e = 0; e < bucket.size() && e < kComparisons; ++e) {
        if (agreement(bucket[e], d) >= options.min_jaccard) {
          sets.Union(bucket[e], d);
          break;
        }
      }
    }
    if (bucket.size() < kComparisons) bucket.push_back(d);
  });
  if (!s.ok()) return s;
  out->runs_spilled = keys_.runs_spilled();
  out->bytes_spilled = keys_.bytes_spilled();

  // The keeper of each document's cluster: its smallest number (first in
  // input order), or the longest text.
  std::vector<uint32_t> keeper(n);
  for (uint32_t k = 0; k < n; ++k) keeper[k] = sets.Find(k);
  if (options.keeper == "longest") {
    std::vector<uint32_t> best(n);
    std::iota(best.begin(), best.end(), 0u);
    for (uint32_t k = 0; k < n; ++k) {
      uint32_t& b = best[keeper[k]];
      if (lengths_[order[k]] > lengths_[order[b]]) b = k;  // ties: the earlier stays
    }
    for (uint32_t k = 0; k < n; ++k) keeper[k] = best[keeper[k]];
  }

  out->decisions.assign(n, DedupDecision());
  out->keeper_ids.clear();
  out->clusters = out->exact_duplicates = out->near_duplicates = 0;
  std::vector<int32_t> slot(n, -1);  // keepers with duplicates -> their id's slot
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t root = keeper[k];
    if (root == k) continue;
    DedupDecision& kept = out->decisions[root];
    if (kept.cluster_size == 1) ++out->clusters;
    ++kept.cluster_size;
    if (slot[root] < 0) {
      slot[root] = static_cast<int32_t>(out->keeper_ids.size());
      out->keeper_ids.emplace_back();  // filled from the id file below
    }
    DedupDecision& d = out->decisions[k];
    d.duplicate_of = slot[root];
    d.exact = exact_group[k] == exact_group[root];
    ++(d.exact ? out->exact_duplicates : out->near_duplicates);
  }
  s = ReadKeeperIds(sorted, slot, &out->keeper_ids);
  if (!s.ok()) return s;
  out->positions = std::move(sorted);
  return Status::OK();
}

}  // namespace saring
