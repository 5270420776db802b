// A generated corpus of documents and their near-duplicate variants, with
// the ground truth: which base each document comes from and its exact
// 5-word-shingle Jaccard similarity with it.
//
//   NearDupOptions o;  o.bases = 2000;
//   std::vector<NearDupDoc> docs = GenerateNearDupCorpus(o);
//
// Bases are 150-600 words (min_words..max_words) of sentences over a Zipf-distributed vocabulary
// of 20,000 made-up lower-case words (so that normalization changes
// nothing and the shingles are the words'). About half the bases get 1-4
// variants, each made by one edit: an exact copy; replacing 1-3% of the
// words; deleting or inserting a sentence; adding a header and a footer;
// truncating the last 10-25%; or replacing 20-40% of the words (true
// Jaccard far below 0.8: these must not be merged). Variants follow their
// base at a random later place, so a keeper is first in input order.
//
// Thread-safety: pure functions.

#ifndef SARING_BENCH_NEAR_DUP_CORPUS_H_
#define SARING_BENCH_NEAR_DUP_CORPUS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace saring::bench {

struct NearDupOptions {
  size_t bases = 2000;
  uint64_t seed = 1;
  size_t shingle = 5;
  size_t min_words = 150, max_words = 600;  // per base
  bool measure_jaccard = true;  // off: NearDupDoc::jaccard is not computed (large corpora)
};

struct NearDupDoc {
  std::string id;
  std::string text;
  int64_t base = -1;     // index of the base document it was made from; -1 for a base
  double jaccard = 1.0;  // with its base (5-word shingles); 1 for a base
  std::string edit;      // "base", "copy", "replace", "delete", "insert", "header", "truncate", "rewrite"
};

std::vector<NearDupDoc> GenerateNearDupCorpus(const NearDupOptions& options);

// The Jaccard similarity of the n-word shingle sets of two texts (words
// split at spaces and newlines, sentence dots dropped).
double ShingleJaccard(const std::string& a, const std::string& b, size_t n);

// One JSON line per document: {"id":..., "text":...}.
std::string NearDupJsonl(const std::vector<NearDupDoc>& docs);

// What a deduplication did to each document: kept, or removed for `keeper`.
struct DedupFate {
  bool kept = false;
  std::string keeper;
};

struct NearDupScore {
  uint64_t true_pairs = 0, found = 0;  // variants of Jaccard >= 0.8; in their base's cluster
  uint64_t removed = 0, correct = 0;   // removed; with Jaccard >= 0.7 to their keeper
  uint64_t clusters = 0, split = 0;    // bases with such variants; with 2+ survivors
  double Recall() const { return true_pairs ? double(found) / double(true_pairs) : 1.0; }
  double Precision() const { return removed ? double(correct) / double(removed) : 1.0; }
  double SplitShare() const { return clusters ? double(split) / double(clusters) : 0.0; }
};

// Scores `fates` (by id) against the ground truth of `docs`.
NearDupScore ScoreNearDup(const std::vector<NearDupDoc>& docs,
                          const std::map<std::string, DedupFate>& fates, size_t shingle = 5);

}  // namespace saring::bench

#endif  // SARING_BENCH_NEAR_DUP_CORPUS_H_
