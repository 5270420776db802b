#include "corpus/line_census.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <queue>
#include <system_error>
#include <utility>

#include "text/line_key.h"
#include "text/utf8.h"

namespace saring {
namespace {

// Words with a letter, up to `enough`. Scripts written without spaces make
// a whole phrase one key word, so a word of 4+ such characters is enough.
// A byte loop: key words are a few bytes, too short for find() to pay.
size_t WordsWithLetters(std::string_view key, size_t enough) {
  size_t n = 0, wide = 0;
  bool letter = false;
  for (size_t i = 0; i <= key.size() && n < enough; ++i) {
    const unsigned char c = i < key.size() ? static_cast<unsigned char>(key[i]) : ' ';
    if (c == ' ') {
      if (wide >= 4) return enough;
      n += letter;
      letter = false;
      wide = 0;
      continue;
    }
    // Non-ASCII bytes belong to letters in nearly every case: the key has
    // no punctuation or symbols left, and digits are '0'.
    letter |= c >= 0x80 || (c >= 'a' && c <= 'z');
    wide += c >= 0xE0;  // lead byte of a 3- or 4-byte character
  }
  return std::min(n, enough);
}

// Whether the line ends like a sentence: terminal punctuation, possibly
// followed by closing quotes or brackets. Returns 2 for a CJK full stop.
int SentenceEnd(std::string_view line) {
  static constexpr std::string_view kClosers[] = {"\u201D", "\u2019", "\u00BB", "\u300D"};
  static constexpr std::string_view kStops[] = {"\u2026", "\u0964", "\u061F"};
  static constexpr std::string_view kCjkStops[] = {"\u3002", "\uFF01", "\uFF1F"};
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  while (!line.empty()) {
    const unsigned char last = static_cast<unsigned char>(line.back());
    if (last < 0x80) {  // most lines: decided by their last byte
      if (last == '"' || last == '\'' || last == ')') {
        line.remove_suffix(1);
        continue;
      }
      return last == '.' || last == '!' || last == '?' ? 1 : 0;
    }
    bool closer = false;
    for (std::string_view c : kClosers) {
      if (line.ends_with(c)) {
        line.remove_suffix(c.size());
        closer = true;
        break;
      }
    }
    if (closer) continue;
    for (std::string_view c : kCjkStops) {
      if (line.ends_with(c)) return 2;
    }
    for (std::string_view c : kStops) {
      if (line.ends_with(c)) return 1;
    }
    return 0;
  }
  return 0;
}

bool ReadsAsSentence(std::string_view line, std::string_view key, size_t chars,
                     const LineCensusOptions& options) {
  if (options.sentence_min_words == 0) return false;
  int end = SentenceEnd(line);
  if (end == 0) return false;
  if (end == 2 && chars >= 25) return true;
  // Enough words? Stop counting once there are.
  size_t spaces = 0;
  for (size_t i = 0; i < key.size() && spaces + 1 < options.sentence_min_words; ++i) {
    spaces += key[i] == ' ';
  }
  return spaces + 1 >= options.sentence_min_words;
}

bool RecordLess(const LineCensus::Record& a, const LineCensus::Record& b) {
  if (a.line != b.line) return a.line < b.line;
  if (a.story != b.story) return a.story < b.story;
  return a.domain < b.domain;
}

bool RecordEqual(const LineCensus::Record& a, const LineCensus::Record& b) {
  return a.line == b.line && a.story == b.story && a.domain == b.domain;
}

// Sorts records and drops duplicates in place.
void SortAndDeduplicate(std::vector<LineCensus::Record>* records) {
  // A lambda, not the function pointer, so that the comparison inlines.
  std::sort(
      records->begin(), records->end(),
      [](const LineCensus::Record& a, const LineCensus::Record& b) { return RecordLess(a, b); });
  records->erase(std::unique(records->begin(), records->end(), RecordEqual), records->end());
}

// Sequential reader over one sorted run, from memory or from a file.
class RunCursor {
 public:
  explicit RunCursor(const std::vector<LineCensus::Record>* memory) : memory_(memory) {}
  explicit RunCursor(std::FILE* file) : file_(file) {
    buffer_.resize((1 << 20) / sizeof(LineCensus::Record));
  }
  ~RunCursor() {
    if (file_ != nullptr) std::fclose(file_);
  }

  // False at the end of the run (or on a read error, see failed()).
  bool Next(LineCensus::Record* r) {
    if (memory_ != nullptr) {
      if (pos_ >= memory_->size()) return false;
      *r = (*memory_)[pos_++];
      return true;
    }
    if (pos_ == filled_) {
      filled_ = std::fread(buffer_.data(), sizeof(LineCensus::Record), buffer_.size(), file_);
      pos_ = 0;
      if (filled_ == 0) {
        failed_ = std::ferror(file_) != 0;
        return false;
      }
    }
    *r = buffer_[pos_++];
    return true;
  }
  bool failed() const { return failed_; }

 private:
  const std::vector<LineCensus::Record>* memory_ = nullptr;
  std::FILE* file_ = nullptr;
  std::vector<LineCensus::Record> buffer_;
  size_t pos_ = 0, filled_ = 0;
  bool failed_ = false;
};

// Folds the merged record stream, sorted by (line, story, domain), into
// per-line totals and applies the rule of line_census.h.
class CommonLineCollector {
 public:
  explicit CommonLineCollector(const LineCensusOptions& options) : options_(options) {}

  void Add(const LineCensus::Record& r) {
    if (!started_ || r.line != line_) {
      FinishLine();
      started_ = true;
      line_ = r.line;
      stories_ = 0;
      common_ = false;
      domain_stories_.clear();
      story_domains_.clear();
    } else if (r.story == story_) {
      return;  // another copy of a story already counted under its first domain
    }
    story_ = r.story;
    ++stories_;
    if (story_domains_.size() < kMaxReportedDomains) story_domains_.push_back(r.domain);
    if (!common_) Tally(r.domain);
  }

  void FinishLine() {
    if (!started_) return;
    started_ = false;
    ++distinct_;
    if (!common_) return;
    hashes_.push_back(line_);
    std::sort(story_domains_.begin(), story_domains_.end());
    uint64_t domains = static_cast<uint64_t>(
        std::unique(story_domains_.begin(), story_domains_.end()) - story_domains_.begin());
    KeepIfTop(CommonLine{line_, stories_, domains, {}});
  }

  uint64_t distinct() const { return distinct_; }
  std::vector<uint64_t>& hashes() { return hashes_; }
  std::vector<CommonLine> TakeTop() {
    std::sort(top_.begin(), top_.end(), TopFirst);
    return std::move(top_);
  }

 private:
  // Beyond this many stories a line's domain count in the report is a floor.
  static constexpr size_t kMaxReportedDomains = 1 << 16;

  // Until the line is known to be common: stories per domain. Fewer than
  // min_domains entries by construction, so a linear scan is cheap.
  void Tally(uint64_t domain) {
    auto it = std::find_if(domain_stories_.begin(), domain_stories_.end(),
                           [domain](const auto& e) { return e.first == domain; });
    if (it == domain_stories_.end()) {
      domain_stories_.emplace_back(domain, 0);
      it = domain_stories_.end() - 1;
    }
    if (++it->second >= options_.min_docs || domain_stories_.size() >= options_.min_domains) {
      common_ = true;
    }
  }

  static bool TopFirst(const CommonLine& a, const CommonLine& b) {
    return a.docs != b.docs ? a.docs > b.docs : a.hash < b.hash;
  }

  // top_ is a heap whose front is the weakest of the best top_lines so far.
  void KeepIfTop(CommonLine c) {
    if (options_.top_lines == 0) return;
    if (top_.size() < options_.top_lines) {
      top_.push_back(std::move(c));
      std::push_heap(top_.begin(), top_.end(), TopFirst);
    } else if (TopFirst(c, top_.front())) {
      std::pop_heap(top_.begin(), top_.end(), TopFirst);
      top_.back() = std::move(c);
      std::push_heap(top_.begin(), top_.end(), TopFirst);
    }
  }

  const LineCensusOptions& options_;
  bool started_ = false;
  bool common_ = false;
  uint64_t line_ = 0, story_ = 0;
  uint64_t stories_ = 0;
  std::vector<std::pair<uint64_t, uint64_t>> domain_stories_;
  std::vector<uint64_t> story_domains_;  // first domain of each story
  uint64_t distinct_ = 0;
  std::vector<uint64_t> hashes_;  // arrive sorted: the merge is in line order
  std::vector<CommonLine> top_;
};

}  // namespace

LineKind ClassifyLineLength(std::string_view line, const LineCensusOptions& options) {
  // A key never has more code points than the line, so the maximum is
  // checked on the line as written, before paying for its key.
  if (line.size() < options.min_key_chars) return LineKind::kIgnored;
  if (line.size() > options.max_key_chars &&
      (line.size() > 4 * options.max_key_chars || CountCodePoints(line) > options.max_key_chars)) {
    return LineKind::kArticle;
  }
  return LineKind::kCountable;
}

LineKind ClassifyLineKey(std::string_view line, std::string_view key, size_t chars,
                         const LineCensusOptions& options, uint64_t* hash) {
  if (chars < options.min_key_chars) return LineKind::kIgnored;
  if (chars > options.max_key_chars) return LineKind::kArticle;
  if (WordsWithLetters(key, options.min_words) < options.min_words) return LineKind::kIgnored;
  if (ReadsAsSentence(line, key, chars, options)) return LineKind::kArticle;
  *hash = HashKey(key);
  return LineKind::kCountable;
}

LineKind ClassifyLine(std::string_view line, const LineCensusOptions& options, std::string* key,
                      uint64_t* hash) {
  LineKind kind = ClassifyLineLength(line, options);
  if (kind != LineKind::kCountable) return kind;
  size_t chars = MakeLineKey(line, key);
  return ClassifyLineKey(line, *key, chars, options, hash);
}

CommonLineSet::CommonLineSet(std::vector<uint64_t> sorted_hashes, std::vector<CommonLine> top,
                             LineCensusStats stats)
    : hashes_(std::move(sorted_hashes)),
      stats_(stats),
      top_(std::move(top)),
      top_keys_missing_(top_.size()) {}

bool CommonLineSet::Contains(uint64_t hash) const {
  return std::binary_search(hashes_.begin(), hashes_.end(), hash);
}

std::vector<CommonLine> CommonLineSet::Top() const {
  std::lock_guard<std::mutex> lock(top_mu_);
  return top_;
}

void CommonLineSet::NoteKey(uint64_t hash, std::string_view key) const {
  if (top_keys_missing_.load(std::memory_order_relaxed) == 0) return;
  std::lock_guard<std::mutex> lock(top_mu_);
  for (CommonLine& c : top_) {
    if (c.hash == hash && c.key.empty()) {
      c.key = std::string(key);
      top_keys_missing_.fetch_sub(1, std::memory_order_relaxed);
    }
  }
}

LineCensus::LineCensus(const LineCensusOptions& options, std::string temp_dir, int max_shards)
    : options_(options), temp_dir_(std::move(temp_dir)), max_shards_(std::max(max_shards, 1)) {}

LineCensus::~LineCensus() { RemoveSpillFiles(); }

void LineCensus::RemoveSpillFiles() {
  std::error_code ec;
  if (!run_files_.empty()) std::filesystem::remove_all(temp_dir_, ec);
  run_files_.clear();
}

LineCensus::Shard::Shard(LineCensus* census) : census_(census) {
  uint64_t per_shard = census->options_.memory_bytes / static_cast<uint64_t>(census->max_shards_);
  capacity_ = std::max<size_t>(per_shard / sizeof(Record), 1024);
}

LineCensus::Shard* LineCensus::NewShard() {
  std::lock_guard<std::mutex> lock(mu_);
  shards_.push_back(std::unique_ptr<Shard>(new Shard(this)));
  return shards_.back().get();
}

void LineCensus::Shard::AddDocument(std::string_view text, std::string_view domain) {
  doc_lines_.clear();
  // The story: the two longest article lines (hashed as they are), or the
  // document itself when it has none.
  struct Longest {
    size_t bytes = 0;
    uint64_t hash = 0;
  } first, second;
  uint64_t hash;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    LineKind kind = ClassifyLine(line, census_->options_, &key_, &hash);
    if (kind == LineKind::kCountable) {
      doc_lines_.push_back(hash);
    } else if (kind == LineKind::kArticle && line.size() > second.bytes) {
      Longest l{line.size(), HashKey(line)};
      if (l.bytes > first.bytes) std::swap(l, first);
      second = l;
    }
  }
  if (doc_lines_.empty()) {
    ++docs_;
    return;
  }
  uint64_t story;
  if (first.bytes == 0) {
    const uint64_t unique[2] = {reinterpret_cast<uintptr_t>(this), docs_};
    story = HashKey(std::string_view(reinterpret_cast<const char*>(unique), sizeof unique));
  } else {
    const uint64_t pair[2] = {std::min(first.hash, second.hash), std::max(first.hash, second.hash)};
    story = second.bytes == 0
                ? first.hash
                : HashKey(std::string_view(reinterpret_cast<const char*>(pair), sizeof pair));
  }
  std::sort(doc_lines_.begin(), doc_lines_.end());
  doc_lines_.erase(std::unique(doc_lines_.begin(), doc_lines_.end()), doc_lines_.end());
  const uint64_t domain_hash = domain.empty() ? 0 : HashKey(domain);
  for (uint64_t line : doc_lines_) {
    if (buffer_.size() >= capacity_) Flush(/*to_disk=*/true);
    buffer_.push_back(Record{line, story, domain_hash});
  }
  ++docs_;
  line_records_ += doc_lines_.size();
}

void LineCensus::Shard::Flush(bool to_disk) {
  SortAndDeduplicate(&buffer_);
  // Copies of one story often land in one shard, so deduplicating can free
  // enough room to go on without writing a run.
  if (to_disk && buffer_.size() > capacity_ / 2) {
    Status s = census_->WriteRun(buffer_);
    buffer_.clear();
    if (!s.ok()) {
      std::lock_guard<std::mutex> lock(census_->mu_);
      if (census_->status_.ok()) census_->status_ = s;
    }
  } else if (!to_disk) {
    census_->AddMemoryRun(std::move(buffer_));
    buffer_ = {};
  }
}

Status LineCensus::WriteRun(const std::vector<Record>& run) {
  std::string path;
  {
    std::lock_guard<std::mutex> lock(mu_);
    path = temp_dir_ + "/run-" + std::to_string(run_files_.size()) + ".bin";
    run_files_.push_back(path);
    ++stats_.runs_spilled;
    stats_.bytes_spilled += run.size() * sizeof(Record);
  }
  std::error_code ec;
  std::filesystem::create_directories(temp_dir_, ec);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::IOError(path + ": cannot create a common_lines spill file");
  size_t written = std::fwrite(run.data(), sizeof(Record), run.size(), f);
  bool closed = std::fclose(f) == 0;
  if (written != run.size() || !closed) {
    return Status::IOError(path + ": cannot write a common_lines spill file (disk full?)");
  }
  return Status::OK();
}

void LineCensus::AddMemoryRun(std::vector<Record> run) {
  std::lock_guard<std::mutex> lock(mu_);
  memory_runs_.push_back(std::move(run));
}

Status LineCensus::Finish(std::shared_ptr<CommonLineSet>* out) {
  for (auto& shard : shards_) {
    shard->Flush(/*to_disk=*/false);
    stats_.docs += shard->docs_;
    stats_.line_records += shard->line_records_;
  }
  if (!status_.ok()) return status_;

  std::vector<std::unique_ptr<RunCursor>> cursors;
  for (const auto& run : memory_runs_) cursors.push_back(std::make_unique<RunCursor>(&run));
  for (const std::string& path : run_files_) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return Status::IOError(path + ": cannot reopen a common_lines spill file");
    cursors.push_back(std::make_unique<RunCursor>(f));
  }

  // k-way merge: the heap holds the next record of every run.
  using Head = std::pair<Record, size_t>;
  auto after = [](const Head& a, const Head& b) { return RecordLess(b.first, a.first); };
  std::priority_queue<Head, std::vector<Head>, decltype(after)> heads(after);
  Record r;
  for (size_t i = 0; i < cursors.size(); ++i) {
    if (cursors[i]->Next(&r)) heads.push({r, i});
  }
  CommonLineCollector collector(options_);
  while (!heads.empty()) {
    auto [record, i] = heads.top();
    heads.pop();
    collector.Add(record);
    if (cursors[i]->Next(&r)) heads.push({r, i});
  }
  collector.FinishLine();
  for (const auto& c : cursors) {
    if (c->failed())
      return Status::IOError(temp_dir_ + ": cannot read back a common_lines spill file");
  }

  cursors.clear();  // closes the spill files
  RemoveSpillFiles();
  stats_.distinct_lines = collector.distinct();
  stats_.common_lines = collector.hashes().size();
  *out =
      std::make_shared<CommonLineSet>(std::move(collector.hashes()), collector.TakeTop(), stats_);
  memory_runs_.clear();
  return Status::OK();
}

}  // namespace saring
