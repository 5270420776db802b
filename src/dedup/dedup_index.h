// DedupIndex: the keys of every document that reached the dedup stage in
// the first pass, and the clusters they form.
//
//   DedupIndex index(14);                     // bands per document
//   index.Add(position, keys, id);            // from any thread, any order
//   DedupDecisions decisions;
//   index.Cluster(&decisions);                // after the pass
//   const DedupDecision* d = decisions.Find(position);
//
// Documents are numbered by their position in the input (a batch's sequence
// number and the record's index in it: the order of the input, whatever
// the thread count). Two documents are one cluster when their exact keys
// are equal or some band key is (MinHash-LSH candidates), and clusters are
// the connected components (union-find over the dense numbers). The keeper
// of a cluster is its first document in input order (keeper "first"), or
// its longest text, the first of those on a tie ("longest"); every other
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
// Memory, per document: 8 bytes per band, about 33 for its position, exact
// key, length and id offset, its id itself (kept to name the keeper in a
// duplicate's reason), 4 per signature entry with verification, and 4 for
// the union-find. Everything is held in memory for now: 14 bands and
// 40-byte ids make some 190 bytes a document.
//
// Thread-safety: Add may be called from many threads at once; Cluster once,
// after the last Add.

#ifndef SARING_DEDUP_DEDUP_INDEX_H_
#define SARING_DEDUP_DEDUP_INDEX_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dedup/minhash.h"

namespace saring {

struct DedupDecision {
  uint32_t cluster_size = 1;  // on the keeper: members, itself included
  int32_t duplicate_of = -1;  // on a duplicate: its keeper's id, in DedupDecisions::keeper_ids
  bool exact = false;         // on a duplicate: same normalized text as the keeper
};

struct DedupClusterOptions {
  std::string keeper = "first";  // first | longest
  bool verify = false;           // estimated Jaccard on band collisions
  double min_jaccard = 0.7;
};

struct DedupDecisions {
  std::vector<uint64_t> positions;  // sorted
  std::vector<DedupDecision> decisions;
  std::vector<std::string> keeper_ids;  // indexed by DedupDecision::duplicate_of
  uint64_t clusters = 0;                // with two members or more
  uint64_t exact_duplicates = 0, near_duplicates = 0;

  const DedupDecision* Find(uint64_t position) const;
};

class DedupIndex {
 public:
  // `signature_size`: entries kept per document for verification (0: none).
  explicit DedupIndex(int bands, size_t signature_size = 0)
      : bands_(bands), signature_size_(signature_size) {}

  // `length`: the text's size in bytes (keeper "longest"); `signature`:
  // signature_size entries, or empty.
  void Add(uint64_t position, const DedupKeys& keys, std::string_view id, uint64_t length = 0,
           const std::vector<uint32_t>& signature = {});
  size_t size() const { return positions_.size(); }
  void Cluster(const DedupClusterOptions& options, DedupDecisions* out);
  void Cluster(DedupDecisions* out) { Cluster(DedupClusterOptions(), out); }

 private:
  double Agreement(uint32_t a, uint32_t b) const;  // insertion indexes

  const int bands_;
  const size_t signature_size_;
  std::vector<uint64_t> lengths_;
  std::vector<uint32_t> signatures_;
  std::mutex mu_;
  std::vector<uint64_t> positions_;
  std::vector<uint64_t> exact_;
  std::vector<uint64_t> band_keys_;  // bands_ per document, 0 when it has no words
  std::vector<uint8_t> has_bands_;
  std::string id_bytes_;
  std::vector<uint64_t> id_offsets_;
};

// A document's position: its batch's sequence number and its record index.
inline uint64_t DedupPosition(uint64_t batch_seq, uint32_t record) {
  return (batch_seq << 32) | record;
}

}  // namespace saring

#endif  // SARING_DEDUP_DEDUP_INDEX_H_
