#include "stages/dedup_filter.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <limits>

#include "config/param_reader.h"

namespace saring {

DedupFilter::DedupFilter(const DedupFilterOptions& options, const StageContext& context)
    : options_(options),
      collect_(context.dedup_index),
      decisions_(context.dedup_decisions),
      hasher_(options.minhash) {}

// "cluster_size_1", "_2", "_3-4", "_5-8", ... "_257+": keepers by the size of
// their cluster (the report's histogram).
static std::string ClusterSizeCounter(uint32_t size) {
  if (size <= 2) return "cluster_size_" + std::to_string(size);
  uint32_t low = 3, high = 4;
  while (size > high && high < 256) {
    low = high + 1;
    high *= 2;
  }
  if (size > high) return "cluster_size_257+";
  return "cluster_size_" + std::to_string(low) + "-" + std::to_string(high);
}

uint32_t DedupFilter::KeeperRank(const Document& doc) const {
  if (options_.cluster.keeper == "score") {
    double score = std::numeric_limits<double>::quiet_NaN();
    doc.NumberField(options_.score_field, &score);
    return DedupScoreRank(score);
  }
  return static_cast<uint32_t>(std::min<size_t>(doc.text().size(), UINT32_MAX));
}

void DedupFilter::Process(Document& doc) {
  if (collect_ != nullptr) {
    hasher_.Compute(doc, &keys_);
    if (!options_.near) keys_.bands.clear();
    if (!options_.exact_field.empty()) {
      const std::string_view value = doc.Field(options_.exact_field);
      keys_.exact = value.empty() ? ~doc.position() : XXH3_64bits(value.data(), value.size());
    }
    // Without exact matching, a key no other document has.
    if (!options_.exact) keys_.exact = ~doc.position();
    static const std::vector<uint32_t> kNoSignature;
    collect_->Add(doc.position(), keys_, doc.id(), KeeperRank(doc),
                  options_.cluster.verify ? hasher_.signature() : kNoSignature);
    return;
  }
  if (decisions_ == nullptr) return;  // no first pass (standard input, validation)
  const DedupDecision* d = decisions_->Find(doc.position());
  if (d == nullptr) return;  // not seen by the first pass: cannot happen with the same input
  if (d->duplicate_of < 0) {
    doc.Annotate("dedup_cluster_size", d->cluster_size);
    if (d->cluster_size > 1) Count("clusters", 1);
    Count(ClusterSizeCounter(d->cluster_size), 1);
    return;
  }
  const std::string& keeper = decisions_->keeper_ids[static_cast<size_t>(d->duplicate_of)];
  doc.AnnotateString("duplicate_of", keeper);
  if (d->exact && !options_.exact_field.empty()) {
    doc.Remove("dedup", "same_" + options_.exact_field,
               "dedup: same " + options_.exact_field + " as " + keeper);
    return;
  }
  doc.Remove("dedup", d->exact ? "exact" : "near",
             std::string("dedup: ") + (d->exact ? "exact" : "near") + " duplicate of " + keeper);
}

Status ReadDedupOptions(const YAML::Node& params, DedupFilterOptions* o) {
  ParamReader p("stage 'dedup'", params);
  std::string preset;
  p.Get("preset", &preset);
  if (!preset.empty() && !MinHashPreset(preset, &o->minhash)) {
    return Status::InvalidArgument("stage 'dedup': preset '" + preset +
                                   "' is unknown (fineweb, nemo, refinedweb)");
  }
  double threshold = 0;
  int max_hashes = 112;
  p.Get("threshold", &threshold);
  p.Get("max_hashes", &max_hashes);
  if (threshold > 0) {
    if (threshold >= 1 || max_hashes < 1) {
      return Status::InvalidArgument("stage 'dedup': threshold must be in (0, 1), max_hashes >= 1");
    }
    ChooseBandsForThreshold(threshold, max_hashes, &o->minhash.bands, &o->minhash.rows);
  }
  p.Get("bands", &o->minhash.bands);
  p.Get("rows", &o->minhash.rows);
  p.Get("ngram", &o->minhash.ngram);
  p.Get("seed", &o->minhash.seed);
  p.Get("exact", &o->exact);
  p.Get("near", &o->near);
  p.Get("exact_field", &o->exact_field);
  p.GetChoice("keeper", {"first", "longest", "score"}, &o->cluster.keeper);
  p.Get("score_field", &o->score_field);
  std::string verify = "none";
  p.GetChoice("verify", {"none", "estimated"}, &verify);
  o->cluster.verify = verify == "estimated";
  p.Get("min_jaccard", &o->cluster.min_jaccard);
  p.GetBytes("memory", &o->memory);
  p.Get("save_index", &o->cluster.save_index);
  p.Get("against", &o->cluster.against);
  Status s = p.Finish();
  if (!s.ok()) return s;
  // What a saved index's keys depend on: an index made otherwise is refused.
  o->cluster.settings = "bands " + std::to_string(o->minhash.bands) + " rows " +
                        std::to_string(o->minhash.rows) + " ngram " +
                        std::to_string(o->minhash.ngram) + " seed " +
                        std::to_string(o->minhash.seed) + " exact_field '" + o->exact_field + "'" +
                        (o->exact ? "" : " no-exact");
  if (o->minhash.bands < 1 || o->minhash.rows < 1 || o->minhash.bands * o->minhash.rows > 10000) {
    return Status::InvalidArgument(
        "stage 'dedup': bands and rows must be >= 1, bands * rows <= 10000");
  }
  if (o->minhash.ngram < 1) return Status::InvalidArgument("stage 'dedup': ngram must be >= 1");
  if ((o->cluster.keeper == "score") != !o->score_field.empty()) {
    return Status::InvalidArgument(
        "stage 'dedup': keeper: score needs score_field (a numeric field of the record, e.g. "
        "metadata.edu_score), and score_field is only read by keeper: score");
  }
  if (o->cluster.min_jaccard <= 0 || o->cluster.min_jaccard > 1) {
    return Status::InvalidArgument("stage 'dedup': min_jaccard must be in (0, 1]");
  }
  if (!o->exact && !o->near) {
    return Status::InvalidArgument("stage 'dedup': exact and near are both off: nothing to do");
  }
  return Status::OK();
}

Status CreateDedupFilter(const YAML::Node& params, const StageContext& context,
                         std::unique_ptr<Stage>* stage) {
  DedupFilterOptions o;
  Status s = ReadDedupOptions(params, &o);
  if (!s.ok()) return s;
  *stage = std::make_unique<DedupFilter>(o, context);
  return Status::OK();
}

}  // namespace saring
