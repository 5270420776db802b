// DedupIndex: the keys of every document that reached the dedup stage in
// the first pass, and the clusters they form.
//
//   DedupIndex index(14, "OUT/.saring-tmp/dedup", 512 << 20);
//   index.Add(position, keys, id);            // from any thread, any order
//   DedupDecisions decisions;
//   Status s = index.Cluster(options, &decisions);  // after the pass
//   const DedupDecision* d = decisions.Find(position);
//
// Documents are numbered by their position in the input (a batch's sequence
// number and the record's index in it: the order of the input, whatever
// the thread count). Two documents are one cluster when their exact keys
// are equal or some band key is (MinHash-LSH candidates), and clusters are
// the connected components (union-find over the dense numbers). The keeper
// of a cluster is its first document in input order (keeper "first"), or
// the one of highest rank, the first of those on a tie: the longest text
// ("longest") or the best score of a numeric field ("score", e.g. a quality
// classifier's metadata.edu_score; a document without it ranks last,
// DedupScoreRank); every other
// member is a duplicate of it, "exact" when its exact key equals the
// keeper's.
//
// With verification ("estimated"), a band collision joins two documents
// only when their signatures agree on at least `min_jaccard` of their
// entries (the MinHash estimate of their Jaccard similarity): a chain of
// weak matches (A ~ B ~ C with A and C unrelated) then does not merge what
// it links. Each colliding document is compared with the earlier ones of
// its bucket, up to 16, and joins the first that passes.
//
// Memory: the keys ((band, key, position) records, 24 bytes each, one per
// band and one for the exact key) go through SortedRuns: at most
// `memory_bytes` of them are held, the rest spilled to sorted runs in
// `temp_dir` and k-way merged by Cluster. The ids go to a file there too
// and only the keepers' are read back. What stays in memory per document:
// its position (8 bytes) while collecting; then the union-find (4) and each
// document's exact-key group (4) while clustering: 16 bytes. keeper
// "longest" or "score" adds 4 (the rank), verification 4 per signature entry.
// DedupDecisions then holds 20 bytes per document for the main pass.
//
// Thread-safety: Add may be called from many threads at once; Cluster once,
// after the last Add.

#ifndef SARING_DEDUP_DEDUP_INDEX_H_
#define SARING_DEDUP_DEDUP_INDEX_H_

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dedup/minhash.h"
#include "saring/status.h"
#include "util/sorted_runs.h"

namespace saring {

struct DedupDecision {
  uint32_t cluster_size = 1;  // on the keeper: members, itself included
  int32_t duplicate_of = -1;  // on a duplicate: its keeper's id, in DedupDecisions::keeper_ids
  bool exact = false;         // on a duplicate: same normalized text as the keeper
};

struct DedupClusterOptions {
  std::string keeper = "first";  // first | longest | score
  bool verify = false;           // estimated Jaccard on band collisions
  double min_jaccard = 0.7;
  // Incremental runs: `save_index` writes the keys and ids of the documents
  // this run keeps to that directory, after those of the index run against
  // (so an index accumulates crawl after crawl; it may be the same
  // directory); `against` reads such a directory and
  // makes its documents earlier than any of this run's, so that a document
  // matching one is its duplicate ("... duplicate of <id>", the earlier
  // run's document). `settings` describes the keys (bands, rows, shingles,
  // seed): an index made with other settings is refused.
  std::string save_index, against, settings;
};

struct DedupDecisions {
  std::vector<uint64_t> positions;  // sorted
  std::vector<DedupDecision> decisions;
  std::vector<std::string> keeper_ids;  // indexed by DedupDecision::duplicate_of
  uint64_t clusters = 0;                // with two members or more
  uint64_t exact_duplicates = 0, near_duplicates = 0;
  uint64_t runs_spilled = 0, bytes_spilled = 0;
  uint64_t against_documents = 0, duplicates_of_index = 0, saved_documents = 0;

  const DedupDecision* Find(uint64_t position) const;
};

class DedupIndex {
 public:
  // `signature_size`: entries kept per document for verification (0:
  // none); `keep_ranks`: for keeper "longest" or "score".
  DedupIndex(int bands, std::string temp_dir, size_t memory_bytes, size_t signature_size = 0,
             bool keep_ranks = false);
  ~DedupIndex();

  // `rank`: higher wins the keeper rule (the text's size in bytes, or
  // DedupScoreRank); `signature`: signature_size entries, or empty. An I/O
  // error is kept and returned by Cluster.
  void Add(uint64_t position, const DedupKeys& keys, std::string_view id, uint32_t rank = 0,
           const std::vector<uint32_t>& signature = {});
  size_t size() const { return positions_.size(); }
  Status Cluster(const DedupClusterOptions& options, DedupDecisions* out);

 private:
  struct KeyRecord {
    uint64_t key;
    uint64_t position;
    uint32_t band;  // 0: the exact key; 1..bands: the band keys
    bool operator<(const KeyRecord& o) const {
      if (band != o.band) return band < o.band;
      if (key != o.key) return key < o.key;
      return position < o.position;
    }
  };
  void AddLocked(const KeyRecord& r);
  // Calls fn(dense number, id) for every document's id (Add order).
  template <typename Fn>
  Status ForEachId(const std::vector<uint64_t>& sorted, Fn fn);
  Status LoadAgainst(const DedupClusterOptions& options, uint64_t* documents);
  Status SaveIndex(const DedupClusterOptions& options, const std::vector<uint64_t>& sorted,
                   const std::vector<int32_t>& kept_ordinal, uint64_t kept, uint64_t earlier);

  const int bands_;
  const std::string temp_dir_;
  const size_t signature_size_;
  const bool keep_ranks_;
  std::mutex mu_;
  Status status_;
  std::vector<uint64_t> positions_;  // in Add order
  std::vector<uint32_t> ranks_;      // keeper "longest" or "score"
  std::vector<uint32_t> signatures_;  // verification
  SortedRuns<KeyRecord> keys_;
  std::string id_buffer_;            // (position, size, bytes) records
  std::FILE* id_file_ = nullptr;
  std::FILE* save_keys_ = nullptr;   // this run's key records, for SaveIndex
};

// A score as a rank: the float's bits made to order as the numbers do
// (negative ones below positive ones); a missing score (NaN) is 0, below
// every number.
inline uint32_t DedupScoreRank(double score) {
  if (score != score) return 0;
  const float f = static_cast<float>(score);
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;  // -inf: 0x007FFFFF, above 0
}

// Puts in place the index a run's Cluster wrote to `dir` (save_index) as
// *.pending: called when the whole run has succeeded. Nothing pending: OK.
Status CommitSavedDedupIndex(const std::string& dir);

// A document's position: its batch's sequence number and its record index.
inline uint64_t DedupPosition(uint64_t batch_seq, uint32_t record) {
  return (batch_seq << 32) | record;
}

}  // namespace saring

#endif  // SARING_DEDUP_DEDUP_INDEX_H_
