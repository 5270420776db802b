#include "dedup/dedup_index.h"

#include <algorithm>
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

// Unions the documents that share a key: `keys` are (key, document) pairs.
void UnionEqualKeys(std::vector<std::pair<uint64_t, uint32_t>>* keys, UnionFind* sets) {
  std::sort(keys->begin(), keys->end());
  for (size_t i = 1; i < keys->size(); ++i) {
    if ((*keys)[i].first == (*keys)[i - 1].first) sets->Union((*keys)[i - 1].second, (*keys)[i].second);
  }
}

}  // namespace

const DedupDecision* DedupDecisions::Find(uint64_t position) const {
  auto it = std::lower_bound(positions.begin(), positions.end(), position);
  if (it == positions.end() || *it != position) return nullptr;
  return &decisions[static_cast<size_t>(it - positions.begin())];
}

void DedupIndex::Add(uint64_t position, const DedupKeys& keys, std::string_view id,
                     uint64_t length, const std::vector<uint32_t>& signature) {
  std::lock_guard<std::mutex> lock(mu_);
  positions_.push_back(position);
  lengths_.push_back(length);
  if (signature_size_ > 0) {
    if (signature.size() == signature_size_) {
      signatures_.insert(signatures_.end(), signature.begin(), signature.end());
    } else {
      signatures_.resize(signatures_.size() + signature_size_, 0);  // no words: agrees with none
    }
  }
  exact_.push_back(keys.exact);
  has_bands_.push_back(!keys.bands.empty());
  for (int b = 0; b < bands_; ++b) {
    band_keys_.push_back(keys.bands.empty() ? 0 : keys.bands[static_cast<size_t>(b)]);
  }
  id_offsets_.push_back(id_bytes_.size());
  id_bytes_.append(id);
}

double DedupIndex::Agreement(uint32_t a, uint32_t b) const {
  const uint32_t* x = &signatures_[size_t(a) * signature_size_];
  const uint32_t* y = &signatures_[size_t(b) * signature_size_];
  size_t equal = 0;
  for (size_t j = 0; j < signature_size_; ++j) equal += x[j] == y[j];
  return double(equal) / double(signature_size_);
}

void DedupIndex::Cluster(const DedupClusterOptions& options, DedupDecisions* out) {
  const size_t n = positions_.size();
  // Dense numbers in input order.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t x, uint32_t y) { return positions_[x] < positions_[y]; });
  std::vector<uint32_t> number(n);  // by insertion index
  for (uint32_t k = 0; k < n; ++k) number[order[k]] = k;

  UnionFind sets(n);
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  keys.reserve(n);
  for (size_t i = 0; i < n; ++i) keys.emplace_back(exact_[i], number[i]);
  UnionEqualKeys(&keys, &sets);
  const bool verify = options.verify && signature_size_ > 0;
  for (int b = 0; b < bands_; ++b) {
    keys.clear();
    for (size_t i = 0; i < n; ++i) {
      if (has_bands_[i]) keys.emplace_back(band_keys_[i * bands_ + b], number[i]);
    }
    if (!verify) {
      UnionEqualKeys(&keys, &sets);
      continue;
    }
    std::sort(keys.begin(), keys.end());
    constexpr size_t kComparisons = 16;
    for (size_t start = 0; start < keys.size();) {
      size_t end = start + 1;
      while (end < keys.size() && keys[end].first == keys[start].first) ++end;
      for (size_t m = start + 1; m < end; ++m) {
        for (size_t e = start; e < m && e < start + kComparisons; ++e) {
          if (Agreement(order[keys[e].second], order[keys[m].second]) >= options.min_jaccard) {
            sets.Union(keys[e].second, keys[m].second);
            break;
          }
        }
      }
      start = end;
    }
  }

  // The keeper of each cluster: its smallest number (first in input order)
  // unless the longest text is asked for.
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

  out->positions.resize(n);
  out->decisions.assign(n, DedupDecision());
  out->keeper_ids.clear();
  out->clusters = out->exact_duplicates = out->near_duplicates = 0;
  std::vector<int32_t> keeper_slot(n, -1);
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t i = order[k];
    out->positions[k] = positions_[i];
    const uint32_t root = keeper[k];
    if (root == k) continue;
    DedupDecision& keeper = out->decisions[root];
    if (keeper.cluster_size == 1) ++out->clusters;
    ++keeper.cluster_size;
    if (keeper_slot[root] < 0) {
      const uint32_t r = order[root];
      const uint64_t begin = id_offsets_[r];
      const uint64_t end = r + 1 < n ? id_offsets_[r + 1] : id_bytes_.size();
      keeper_slot[root] = static_cast<int32_t>(out->keeper_ids.size());
      out->keeper_ids.emplace_back(id_bytes_.substr(begin, end - begin));
    }
    DedupDecision& d = out->decisions[k];
    d.duplicate_of = keeper_slot[root];
    d.exact = exact_[i] == exact_[order[root]];
    ++(d.exact ? out->exact_duplicates : out->near_duplicates);
  }
}

}  // namespace saring
