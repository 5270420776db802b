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
                       size_t signature_size, bool keep_ranks)
    : bands_(bands),
      temp_dir_(std::move(temp_dir)),
      signature_size_(signature_size),
      keep_ranks_(keep_ranks),
      keys_(temp_dir_ + "/keys", memory_bytes, "dedup key") {}

DedupIndex::~DedupIndex() {
  if (id_file_ != nullptr) std::fclose(id_file_);
  if (save_keys_ != nullptr) std::fclose(save_keys_);
  std::error_code ec0;
  std::filesystem::remove(temp_dir_ + "/save-keys.bin", ec0);
  std::error_code ec;
  std::filesystem::remove(temp_dir_ + "/ids.bin", ec);
  std::filesystem::remove(temp_dir_, ec);  // only when empty
}

void DedupIndex::AddLocked(const KeyRecord& r) {
  Status s = keys_.Add(r);
  if (!s.ok() && status_.ok()) status_ = s;
}

void DedupIndex::Add(uint64_t position, const DedupKeys& keys, std::string_view id,
                     uint32_t rank, const std::vector<uint32_t>& signature) {
  std::lock_guard<std::mutex> lock(mu_);
  positions_.push_back(position);
  if (keep_ranks_) ranks_.push_back(rank);
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

template <typename Fn>
Status DedupIndex::ForEachId(const std::vector<uint64_t>& sorted, Fn fn) {
  auto scan = [&](const char* data, size_t size) {
    for (size_t at = 0; at + 12 <= size;) {
      uint64_t position;
      uint32_t length;
      std::memcpy(&position, data + at, 8);
      std::memcpy(&length, data + at + 8, 4);
      const size_t k = std::lower_bound(sorted.begin(), sorted.end(), position) - sorted.begin();
      fn(static_cast<uint32_t>(k), std::string_view(data + at + 12, length));
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

namespace {

// A saved index (DedupClusterOptions::save_index): settings.txt, keys.bin
// ((key, band, document) records, 16 bytes, sorted), ids.bin (per document
// in order: a 4-byte length and the id).
struct SavedKey {
  uint64_t key;
  uint32_t band;
  uint32_t doc;
};
constexpr uint64_t kSavedBase = uint64_t(1) << 63;  // positions of an index's documents

Status ReadSettings(const std::string& dir, std::string* settings, uint64_t* documents) {
  std::FILE* f = std::fopen((dir + "/settings.txt").c_str(), "rb");
  if (f == nullptr) return Status::NotFound(dir + ": not a saring dedup index (no settings.txt)");
  char line[512] = {0};
  unsigned long long n = 0;
  const bool ok = std::fgets(line, sizeof(line), f) != nullptr && std::fscanf(f, "documents %llu", &n) == 1;
  std::fclose(f);
  if (!ok) return Status::Corruption(dir + "/settings.txt: unreadable");
  *settings = line;
  if (!settings->empty() && settings->back() == '\n') settings->pop_back();
  *documents = n;
  return Status::OK();
}

}  // namespace

Status DedupIndex::LoadAgainst(const DedupClusterOptions& options, uint64_t* documents) {
  std::string settings;
  Status s = ReadSettings(options.against, &settings, documents);
  if (!s.ok()) return s;
  if (settings != options.settings) {
    return Status::InvalidArgument("dedup index " + options.against + " was made with " + settings +
                                   "; this run uses " + options.settings);
  }
  std::FILE* f = std::fopen((options.against + "/keys.bin").c_str(), "rb");
  if (f == nullptr) return Status::IOError(options.against + "/keys.bin: cannot read");
  std::vector<SavedKey> block(4096);
  for (size_t got; (got = std::fread(block.data(), sizeof(SavedKey), block.size(), f)) > 0;) {
    for (size_t i = 0; i < got; ++i) {
      AddLocked(KeyRecord{block[i].key, kSavedBase + block[i].doc, block[i].band});
    }
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IOError(options.against + "/keys.bin: cannot read");
  return status_;
}

// Reads the ids `slot` asks for (by saved document number) from an index.
static Status ReadSavedIds(const std::string& dir, const std::vector<int32_t>& slot,
                    std::vector<std::string>* ids) {
  std::FILE* f = std::fopen((dir + "/ids.bin").c_str(), "rb");
  if (f == nullptr) return Status::IOError(dir + "/ids.bin: cannot read");
  std::string id;
  bool ok = true;
  for (size_t doc = 0; doc < slot.size(); ++doc) {
    uint32_t length = 0;
    if (std::fread(&length, 4, 1, f) != 1) {
      ok = false;
      break;
    }
    id.resize(length);
    if (length > 0 && std::fread(id.data(), 1, length, f) != length) {
      ok = false;
      break;
    }
    if (slot[doc] >= 0) (*ids)[static_cast<size_t>(slot[doc])] = id;
  }
  std::fclose(f);
  return ok ? Status::OK() : Status::Corruption(dir + "/ids.bin: shorter than settings.txt says");
}

// Appends the whole of file `from` to `to`; false on a read or write error.
static bool AppendFile(const std::string& from, std::FILE* to) {
  std::FILE* f = std::fopen(from.c_str(), "rb");
  if (f == nullptr) return false;
  std::vector<char> block(1 << 16);
  bool ok = true;
  for (size_t got; ok && (got = std::fread(block.data(), 1, block.size(), f)) > 0;) {
    ok = std::fwrite(block.data(), 1, got, to) == got;
  }
  ok = ok && std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

Status DedupIndex::SaveIndex(const DedupClusterOptions& options, const std::vector<uint64_t>& sorted,
                             const std::vector<int32_t>& kept_ordinal, uint64_t kept,
                             uint64_t earlier) {
  // The index accumulates: the documents of the index run against come
  // first (numbers 0..earlier-1, the same keys and ids), then this run's
  // kept ones. Files are written beside their final names as *.pending and
  // put in place by CommitSavedDedupIndex once the whole run has succeeded,
  // so that save_index may name the index run against, a run that fails
  // leaves the old index whole, and a resumed run reads the same old index.
  const std::string& dir = options.save_index;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string keys_path = dir + "/keys.bin.pending", ids_path = dir + "/ids.bin.pending",
                    meta_path = dir + "/settings.txt.pending";
  std::FILE* keys = std::fopen(keys_path.c_str(), "wb");
  if (keys == nullptr) return Status::IOError(keys_path + ": cannot create");
  bool ok = earlier == 0 || AppendFile(options.against + "/keys.bin", keys);
  ok = ok && std::fflush(save_keys_) == 0 && std::fseek(save_keys_, 0, SEEK_SET) == 0;
  std::vector<SavedKey> block(4096), out;
  for (size_t got; ok && (got = std::fread(block.data(), sizeof(SavedKey), block.size(), save_keys_)) > 0;) {
    out.clear();
    for (size_t i = 0; i < got; ++i) {
      const int32_t ordinal = kept_ordinal[block[i].doc];
      if (ordinal >= 0) {
        out.push_back(SavedKey{block[i].key, block[i].band, uint32_t(earlier + ordinal)});
      }
    }
    ok = std::fwrite(out.data(), sizeof(SavedKey), out.size(), keys) == out.size();
  }
  ok = std::fclose(keys) == 0 && ok;
  std::vector<std::string> ids(kept);
  Status s = ForEachId(sorted, [&](uint32_t k, std::string_view id) {
    if (kept_ordinal[k] >= 0) ids[static_cast<size_t>(kept_ordinal[k])] = std::string(id);
  });
  if (!s.ok()) return s;
  std::FILE* idf = std::fopen(ids_path.c_str(), "wb");
  if (idf == nullptr) return Status::IOError(ids_path + ": cannot create");
  ok = ok && (earlier == 0 || AppendFile(options.against + "/ids.bin", idf));
  for (const std::string& id : ids) {
    const uint32_t length = static_cast<uint32_t>(id.size());
    ok = ok && std::fwrite(&length, 4, 1, idf) == 1 &&
         std::fwrite(id.data(), 1, id.size(), idf) == id.size();
  }
  ok = std::fclose(idf) == 0 && ok;
  std::FILE* meta = std::fopen(meta_path.c_str(), "wb");
  if (meta == nullptr) return Status::IOError(meta_path + ": cannot create");
  ok = std::fprintf(meta, "%s\ndocuments %llu\n", options.settings.c_str(),
                    static_cast<unsigned long long>(earlier + kept)) > 0 && ok;
  ok = std::fclose(meta) == 0 && ok;
  if (!ok) return Status::IOError(dir + ": cannot write the dedup index (disk full?)");
  return Status::OK();
}

Status CommitSavedDedupIndex(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir + "/settings.txt.pending", ec)) return Status::OK();
  // settings.txt last: an index is whole once its settings say so.
  for (const char* name : {"keys.bin", "ids.bin", "settings.txt"}) {
    std::filesystem::rename(dir + "/" + name + ".pending", dir + "/" + name, ec);
    if (ec) return Status::IOError(dir + "/" + name + ": cannot rename into place: " + ec.message());
  }
  return Status::OK();
}

Status DedupIndex::Cluster(const DedupClusterOptions& options, DedupDecisions* out) {
  if (!status_.ok()) return status_;
  const size_t n = positions_.size();
  uint64_t saved = 0;  // documents of the index run against: dense numbers 0..saved-1
  if (!options.against.empty()) {
    Status s = LoadAgainst(options, &saved);
    if (!s.ok()) return s;
  }
  const uint32_t m = static_cast<uint32_t>(saved);
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
    if (position >= kSavedBase) return static_cast<uint32_t>(position - kSavedBase);
    return m + static_cast<uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), position) -
                                     sorted.begin());
  };
  const bool verify = options.verify && signature_size_ > 0;
  if (!verify && options.keeper == "first") {
    order.clear();
    order.shrink_to_fit();
  }
  // (A document of the index run against has no signature kept: a band
  // collision with it joins unverified.)
  auto agreement = [&](uint32_t a, uint32_t b) {
    if (a < m || b < m) return 1.0;
    const uint32_t* x = &signatures_[size_t(order[a - m]) * signature_size_];
    const uint32_t* y = &signatures_[size_t(order[b - m]) * signature_size_];
    size_t equal = 0;
    for (size_t j = 0; j < signature_size_; ++j) equal += x[j] == y[j];
    return double(equal) / double(signature_size_);
  };

  if (!options.save_index.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(temp_dir_, ec);
    save_keys_ = std::fopen((temp_dir_ + "/save-keys.bin").c_str(), "wb+");
    if (save_keys_ == nullptr) return Status::IOError(temp_dir_ + "/save-keys.bin: cannot create");
  }
  const size_t total = n + m;
  UnionFind sets(total);
  std::vector<uint32_t> exact_group(total);  // the first document with the same exact key
  std::iota(exact_group.begin(), exact_group.end(), 0u);
  KeyRecord current{0, 0, UINT32_MAX};
  std::vector<uint32_t> bucket;  // the documents of the current (band, key), in order
  bool save_failed = false;
  Status s = keys_.Merge([&](const KeyRecord& r) {
    const uint32_t d = dense(r.position);
    if (save_keys_ != nullptr && d >= m) {
      const SavedKey k{r.key, r.band, d - m};
      save_failed = save_failed || std::fwrite(&k, sizeof(k), 1, save_keys_) != 1;
    }
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
  if (save_failed) return Status::IOError(temp_dir_ + "/save-keys.bin: cannot write (disk full?)");
  out->runs_spilled = keys_.runs_spilled();
  out->bytes_spilled = keys_.bytes_spilled();

  // The keeper of each document's cluster: its smallest number (first in
  // input order), or the highest rank (the longest text, the best score).
  // A cluster with a document of the index run against keeps that one.
  std::vector<uint32_t> keeper(total);
  for (uint32_t k = 0; k < total; ++k) keeper[k] = sets.Find(k);
  if (options.keeper != "first") {
    std::vector<uint32_t> best(total);
    std::iota(best.begin(), best.end(), 0u);
    for (uint32_t k = m; k < total; ++k) {
      if (keeper[k] < m) continue;
      uint32_t& b = best[keeper[k]];
      if (ranks_[order[k - m]] > ranks_[order[b - m]]) b = k;  // ties: the earlier stays
    }
    for (uint32_t k = m; k < total; ++k) keeper[k] = best[keeper[k]];
  }

  out->decisions.assign(n, DedupDecision());
  out->keeper_ids.clear();
  out->clusters = out->exact_duplicates = out->near_duplicates = 0;
  out->against_documents = m;
  out->duplicates_of_index = 0;
  std::vector<int32_t> slot(n, -1);        // this run's keepers with duplicates -> id slot
  std::vector<int32_t> saved_slot(m, -1);  // the index's documents matched -> id slot
  std::vector<int32_t> kept_ordinal(save_keys_ != nullptr ? n : 0, -1);
  uint64_t kept = 0;
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t node = m + k, root = keeper[node];
    if (root == node) {
      if (!kept_ordinal.empty()) kept_ordinal[k] = static_cast<int32_t>(kept++);
      continue;
    }
    int32_t* id_slot;
    if (root < m) {
      id_slot = &saved_slot[root];
      ++out->duplicates_of_index;
    } else {
      DedupDecision& kept_doc = out->decisions[root - m];
      if (kept_doc.cluster_size == 1) ++out->clusters;
      ++kept_doc.cluster_size;
      id_slot = &slot[root - m];
    }
    if (*id_slot < 0) {
      *id_slot = static_cast<int32_t>(out->keeper_ids.size());
      out->keeper_ids.emplace_back();  // filled from the id files below
    }
    DedupDecision& d = out->decisions[k];
    d.duplicate_of = *id_slot;
    d.exact = exact_group[node] == exact_group[root];
    ++(d.exact ? out->exact_duplicates : out->near_duplicates);
  }
  s = ForEachId(sorted, [&](uint32_t k, std::string_view id) {
    if (slot[k] >= 0) out->keeper_ids[static_cast<size_t>(slot[k])].assign(id);
  });
  if (!s.ok()) return s;
  if (m > 0) {
    s = ReadSavedIds(options.against, saved_slot, &out->keeper_ids);
    if (!s.ok()) return s;
  }
  if (save_keys_ != nullptr) {
    s = SaveIndex(options, sorted, kept_ordinal, kept, m);
    std::fclose(save_keys_);
    save_keys_ = nullptr;
    std::error_code ec;
    std::filesystem::remove(temp_dir_ + "/save-keys.bin", ec);
    if (!s.ok()) return s;
    out->saved_documents = m + kept;  // the index accumulates
  }
  out->positions = std::move(sorted);
  return Status::OK();
}

}  // namespace saring
