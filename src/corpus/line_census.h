// LineCensus: the corpus pass of the common_lines stage. It counts, for
// every normalized line (see text/line_key.h), how many documents contain it
// and on how many distinct domains, in bounded memory, and returns the lines
// common enough to be templates:
//
//   LineCensusOptions options;                 // min_docs 3, min_domains 3 ...
//   LineCensus census(options, "OUT/.saring-tmp/common_lines", /*shards=*/2);
//   LineCensus::Shard* shard = census.NewShard();        // one per thread
//   shard->AddDocument(text, DomainOf(url));             // every document
//   std::shared_ptr<CommonLineSet> common;
//   Status s = census.Finish(&common);
//   uint64_t hash;
//   if (ClassifyLine(line, options, &scratch, &hash) == LineKind::kCountable &&
//       common->Contains(hash))
//     ...  // a template line: drop it
//
// The rule. A line is common when
//   - it occurs on at least `min_domains` distinct domains (cross-site
//     templates: "Jump to navigation Jump to search", comment prompts), or
//   - at least `min_docs` documents of one domain contain it (that site's
//     own header, footer, navigation).
// Documents without a URL all count as one domain, so a corpus without URLs
// gets the plain rule "in at least min_docs documents". A document counts a
// line once however often it repeats it (the repeats stage handles those).
// Counting domains instead of documents across sites keeps one site with
// many pages from making its article text look universal.
//
// Stories. Copies of one text (a wire story republished by several sites, a
// page crawled under several URLs) would make their own title and
// subheadings look like template lines and lose them in every copy. So
// documents are counted as stories: a document's story is the hash of its
// two longest article lines (below), and documents with the same story count
// once, under the first of their domains. A document without article lines
// is a story of its own. Copies are then deduplication's business.
//
// Only countable lines take part: lines of at most max_key_chars code
// points whose keys have at least min_key_chars code points and min_words
// words containing a letter (a run of 4+ CJK, Thai ... characters, written
// without spaces, is enough), and that do not read as a sentence. Short keys
// ("0", "references") are too generic to call templates. Long lines and
// sentences (terminal punctuation and at least sentence_min_words words, or
// a CJK full stop after 25 characters) are article text: when one recurs
// across sites it is a republished story, whose copies are deduplication's
// business, and cutting it out of every copy would lose it. Templates are
// labels, links and prompts: on the Common Crawl sample, 6 of the 142 lines
// found common before sentences were excluded read as sentences ("Not the
// answer you're looking for? Browse other questions tagged ...").
//
// Memory. Each document adds one 24-byte (line hash, story, domain hash)
// record per distinct countable line to its shard's buffer. The shards share
// `memory_bytes`; a full buffer is sorted, duplicates are dropped, and the
// run is written to a file in `temp_dir`. Finish() merges all runs (k-way,
// 1 MiB of read buffer per run) and keeps 8 bytes per common line. Lines are
// identified by a 64-bit hash: two distinct lines collide with probability
// about n^2 / 2^65 for n distinct lines, and a collision can only make a
// rare line share a common line's fate.
//
// Thread-safety: NewShard() from any thread; each Shard from one thread at a
// time; Finish() once, after every shard is done. A finished CommonLineSet
// is safe to share between threads.

#ifndef SARING_CORPUS_LINE_CENSUS_H_
#define SARING_CORPUS_LINE_CENSUS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "saring/status.h"

namespace saring {

struct LineCensusOptions {
  size_t min_key_chars = 10;
  size_t max_key_chars = 200;
  size_t min_words = 2;            // words with at least one letter
  size_t sentence_min_words = 12;  // 0: sentences are countable too
  uint64_t min_docs = 3;
  uint64_t min_domains = 3;
  size_t top_lines = 50;  // how many of the most frequent common lines to report
  uint64_t memory_bytes = 256ull << 20;
};

// What a line is to the census. The census and the common_lines stage both
// classify lines through these functions, so they agree on what a line is.
enum class LineKind {
  kIgnored,    // too short or too few words to tell
  kArticle,    // long, or a sentence: never a template
  kCountable,  // *hash is set to its key's hash
};
LineKind ClassifyLine(std::string_view line, const LineCensusOptions& options, std::string* key,
                      uint64_t* hash);
// The two halves of ClassifyLine, for callers that already have the key: the
// test on the line's byte length (kCountable: it needs its key to tell), and
// the rest, given the key and its length in code points.
LineKind ClassifyLineLength(std::string_view line, const LineCensusOptions& options);
LineKind ClassifyLineKey(std::string_view line, std::string_view key, size_t chars,
                         const LineCensusOptions& options, uint64_t* hash);

struct CommonLine {
  uint64_t hash = 0;
  uint64_t docs = 0;     // documents containing it, copies of one story once
  uint64_t domains = 0;  // distinct domains of those (no URL counts as one domain)
  std::string key;       // its normalized text, once the main pass met it
};

struct LineCensusStats {
  uint64_t docs = 0;            // documents counted
  uint64_t line_records = 0;    // (document, distinct countable line) pairs
  uint64_t distinct_lines = 0;  // distinct countable lines
  uint64_t common_lines = 0;
  uint64_t runs_spilled = 0;  // sorted runs written to temp_dir
  uint64_t bytes_spilled = 0;
};

class CommonLineSet {
 public:
  CommonLineSet(std::vector<uint64_t> sorted_hashes, std::vector<CommonLine> top,
                LineCensusStats stats);

  bool Contains(uint64_t hash) const;
  size_t size() const { return hashes_.size(); }
  const LineCensusStats& stats() const { return stats_; }

  // The most frequent common lines, by documents then hash. The main pass
  // fills in their keys with NoteKey as it meets them: every line with a
  // given hash has the same key, so which thread gets there first does not
  // change the result.
  std::vector<CommonLine> Top() const;
  void NoteKey(uint64_t hash, std::string_view key) const;

 private:
  std::vector<uint64_t> hashes_;
  LineCensusStats stats_;
  mutable std::mutex top_mu_;
  mutable std::vector<CommonLine> top_;
  mutable std::atomic<size_t> top_keys_missing_;
};

class LineCensus {
 public:
  // Spill files go to `temp_dir`, created on the first spill and removed by
  // Finish(). `max_shards` splits the memory budget.
  LineCensus(const LineCensusOptions& options, std::string temp_dir, int max_shards);
  ~LineCensus();

  struct Record {
    uint64_t line;    // key hash
    uint64_t story;   // see "Stories" above
    uint64_t domain;  // hash of the registrable domain; 0: no URL
  };

  class Shard {
   public:
    void AddDocument(std::string_view text, std::string_view domain);

   private:
    friend class LineCensus;
    explicit Shard(LineCensus* census);
    void Flush(bool to_disk);

    LineCensus* census_;
    size_t capacity_;
    std::vector<Record> buffer_;
    std::vector<uint64_t> doc_lines_;
    std::string key_;
    uint64_t docs_ = 0;
    uint64_t line_records_ = 0;
  };

  Shard* NewShard();
  Status Finish(std::shared_ptr<CommonLineSet>* out);

 private:
  Status WriteRun(const std::vector<Record>& run);
  void AddMemoryRun(std::vector<Record> run);
  void RemoveSpillFiles();

  const LineCensusOptions options_;
  const std::string temp_dir_;
  const int max_shards_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::mutex mu_;  // guards everything below (shards flush from their threads)
  std::vector<std::string> run_files_;
  std::vector<std::vector<Record>> memory_runs_;
  LineCensusStats stats_;
  Status status_;
};

}  // namespace saring

#endif  // SARING_CORPUS_LINE_CENSUS_H_
