// DedupFilter ("dedup"): removes exact and near-duplicate documents, keeping
// the first of each cluster in input order.
//
//   - dedup:
//       bands: 14              # MinHash-LSH: bands x rows hash functions
//       rows: 8                #   (or preset: fineweb | nemo | refinedweb, or
//                              #   threshold: 0.8 with max_hashes: 112: the bands x
//                              #   rows that make the fewest errors around 0.8)
//       ngram: 5               # word shingles
//       exact: true            # same normalized text is one cluster too
//       exact_field: ""        # or: same value of this field ("url", "metadata.url")
//       near: true             # MinHash band collisions
//       keeper: first          # or longest (the longest text of a cluster stays), or
//                              #   score: the highest value of score_field stays
//       score_field: ""        # a numeric field of the record ("metadata.edu_score");
//                              #   a document without it ranks below every score
//       verify: none           # or estimated: a band collision joins two documents
//       min_jaccard: 0.7       #   only if their signatures agree this much
//       memory: 512MB          # keys held in memory, the rest in sorted runs on disk
//       save_index: ""         # write the keys of the documents kept to this directory
//       against: ""            # dedup against such a directory: its documents come first
//       seed: 1
//
// The stage needs the whole corpus: a first pass over the input
// (pipeline/corpus_pass.cc) runs the stages before it and this one, which
// then computes every surviving document's keys (dedup/minhash.h) into a
// DedupIndex; the index is clustered (dedup/dedup_index.h), and in the main
// pass the stage removes each duplicate, naming its keeper:
//   "dedup: exact duplicate of page-17" (same text once lower-cased, digits
//   folded, accents and punctuation dropped)
//   "dedup: near duplicate of page-17" (a MinHash band in common)
//   "dedup: same url as page-17" (with exact_field: url; a record without
//   the field is nobody's exact duplicate)
// and stores on every document it keeps "dedup_cluster_size" (1 for a
// document without duplicates), as FineWeb-2 does to re-weight clusters.
// With `against: DIR` (an index an earlier run saved with `save_index`), the
// index's documents count as earlier than any of this run's: a document
// matching one is removed naming it ("dedup: near duplicate of <earlier
// id>"), and no document of the index is written. Standard input cannot be
// read twice: the stage then removes nothing and the run says so. `saring
// dedup IN -o OUT [--against DIR] [--save-index DIR]` runs this stage alone.
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_DEDUP_FILTER_H_
#define SARING_STAGES_DEDUP_FILTER_H_

#include <memory>

#include <yaml-cpp/yaml.h>

#include "dedup/dedup_index.h"
#include "dedup/minhash.h"
#include "saring/stage.h"
#include "saring/status.h"
#include "stages/stage_registry.h"

namespace saring {

struct DedupFilterOptions {
  MinHashOptions minhash;
  bool exact = true;
  bool near = true;
  std::string exact_field;  // exact duplicates by this field (e.g. "url"), not by text
  std::string score_field;  // keeper "score": the record's numeric field to rank by
  DedupClusterOptions cluster;  // keeper rule, verification
  uint64_t memory = 512ull << 20;  // band keys held before spilling sorted runs
};

class DedupFilter : public Stage {
 public:
  DedupFilter(const DedupFilterOptions& options, const StageContext& context);
  std::string_view name() const override { return "dedup"; }
  void Process(Document& doc) override;

 private:
  // What the keeper rule ranks a document by (higher stays).
  uint32_t KeeperRank(const Document& doc) const;

  DedupFilterOptions options_;
  std::shared_ptr<DedupIndex> collect_;                // first pass
  std::shared_ptr<const DedupDecisions> decisions_;   // main pass
  MinHasher hasher_;
  DedupKeys keys_;  // scratch
};

Status ReadDedupOptions(const YAML::Node& params, DedupFilterOptions* options);
Status CreateDedupFilter(const YAML::Node& params, const StageContext& context,
                         std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_DEDUP_FILTER_H_
