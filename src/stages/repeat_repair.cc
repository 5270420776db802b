#include "stages/repeat_repair.h"

#include <algorithm>
#include <cmath>

#define XXH_INLINE_ALL  // header-only: short keys, the call overhead matters
#include <xxhash.h>

#include "config/param_reader.h"
#include "stages/line_edit.h"
#include "text/line_key.h"

namespace saring {
namespace {

constexpr size_t kAnchorWords = 4;

size_t AbsDiff(size_t a, size_t b) { return a > b ? a - b : b - a; }

}  // namespace

// Levenshtein over word hashes, restricted to the diagonal band |i - j| <=
// limit: any alignment within `limit` edits stays inside it, so cells
// outside can be treated as infinite. Rows stop early once every cell in
// the band exceeds the limit.
size_t BoundedWordEditDistance(std::span<const uint64_t> a, std::span<const uint64_t> b,
                               size_t limit) {
  const size_t n = a.size(), m = b.size();
  const size_t inf = limit + 1;
  if (AbsDiff(n, m) > limit) return inf;
  // Scratch rows kept per thread: this runs on every anchor hit.
  thread_local std::vector<size_t> prev, cur;
  prev.assign(m + 2, inf);
  cur.assign(m + 2, inf);
  for (size_t j = 0; j <= std::min(m, limit); ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    size_t lo = i > limit ? i - limit : 1;
    size_t hi = std::min(m, i + limit);
    cur[lo - 1] = (lo == 1 && i <= limit) ? i : inf;
    size_t row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      size_t v = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      v = std::min(v, prev[j] + 1);
      v = std::min(v, cur[j - 1] + 1);
      cur[j] = std::min(v, inf);
      row_min = std::min(row_min, cur[j]);
    }
    if (hi + 1 <= m) cur[hi + 1] = inf;
    if (row_min > limit) return inf;
    std::swap(prev, cur);
  }
  return prev[m];
}

void ParagraphRepeatRepair::ClearSeen(size_t units) {
  exact_.Reset(units);
  anchor_.Reset(2 * units);
  unit_lines_.clear();
}

namespace {

// Byte offset where the last `n` words of `key` start.
size_t TailBegin(std::string_view key, size_t n) {
  size_t pos = key.size();
  while (pos > 0) {
    if (key[pos - 1] == ' ' && --n == 0) return pos;
    --pos;
  }
  return 0;
}

}  // namespace

// Near repeats are rare, so a unit's words are hashed only when one of its
// anchors (its first or last 4 words, hashed as text) matches an earlier
// unit's; hashing every word of every unit up front cost more than keying.
int ParagraphRepeatRepair::SeenBefore(const Document& doc, std::string_view key, size_t key_chars,
                                      uint64_t min_chars, size_t first, size_t last) {
  if (key_chars == 0 || key_chars < min_chars) return 0;
  const uint64_t h = HashKey(key);
  if (exact_.Find(h) != nullptr) return 1;
  // One scan for the end of the first kAnchorWords words and for enough
  // words to try a near match (a byte loop: the gaps are a few bytes, too
  // short for memchr's call to pay).
  const size_t spaces_needed = std::max<size_t>(options_.near_min_words, kAnchorWords + 1) - 1;
  size_t spaces = 0, head_end = 0;
  for (size_t p = 0; p < key.size() && spaces < spaces_needed; ++p) {
    if (key[p] != ' ') continue;
    if (++spaces == kAnchorWords) head_end = p;
  }
  if (!options_.near || spaces < spaces_needed) {
    exact_.Insert(h, 0);
    return 0;
  }
  const uint64_t head = XXH3_64bits(key.data(), head_end);
  const size_t tail_begin = TailBegin(key, kAnchorWords);
  const uint64_t tail = XXH3_64bits_withSeed(key.data() + tail_begin, key.size() - tail_begin, 1);
  bool hashed = false;
  for (uint64_t anchor : {head, tail}) {
    const uint32_t* unit = anchor_.Find(anchor);
    if (unit == nullptr) continue;
    if (!hashed) HashKeyWords(key, &words_);
    hashed = true;
    // The earlier unit's key, rebuilt from the document's line keys (all
    // computed already, so `key` stays valid): storing a copy of every
    // unit's key cost more than rebuilding the few that an anchor hits.
    size_t unused;
    const auto [earlier_first, earlier_last] = unit_lines_[*unit];
    HashKeyWords(JoinLineKeys(doc, earlier_first, earlier_last, &earlier_key_, &unused),
                 &earlier_words_);
    size_t longer = std::max(earlier_words_.size(), words_.size());
    size_t limit =
        std::max<size_t>(1, static_cast<size_t>(std::floor(options_.near_max_edit_fraction *
                                                           static_cast<double>(longer))));
    if (BoundedWordEditDistance(earlier_words_, words_, limit) <= limit) return 2;
  }
  const uint32_t index = static_cast<uint32_t>(unit_lines_.size());
  unit_lines_.emplace_back(first, last);
  exact_.Insert(h, 0);
  anchor_.Insert(head, index);
  anchor_.Insert(tail, index);
  return 0;
}

// The key of lines [first, last] as one unit: their keys joined by spaces,
// which is what MakeLineKey gives for the paragraph's text. A single line's
// key is the document's own (no copy); the view lasts until the next call.
std::string_view ParagraphRepeatRepair::JoinLineKeys(const Document& doc, size_t first, size_t last,
                                                     std::string* buffer, size_t* chars) {
  if (first == last) return doc.LineKey(first, chars);
  std::string& out = *buffer;
  out.clear();
  size_t n;
  *chars = 0;
  for (size_t i = first; i <= last; ++i) {
    std::string_view k = doc.LineKey(i, &n);
    if (n == 0) continue;
    if (!out.empty()) {
      out.push_back(' ');
      ++*chars;
    }
    out.append(k);
    *chars += n;
  }
  return out;
}

void ParagraphRepeatRepair::Process(Document& doc) {
  const std::vector<std::string_view>& lines = doc.Lines();
  const std::vector<std::string_view>& paragraphs = doc.Paragraphs();
  if (paragraphs.size() < 2 && lines.size() < 2) return;
  drop_.assign(lines.size(), 0);

  // Paragraph pass. Paragraph p covers lines [first, last] of the text.
  uint64_t paragraphs_removed = 0, near_removed = 0, lines_removed = 0;
  bool multi_line = false;
  ClearSeen(paragraphs.size());
  size_t line = 0;
  for (std::string_view p : paragraphs) {
    while (lines[line].data() != p.data()) ++line;
    size_t first = line;
    while (lines[line].data() + lines[line].size() != p.data() + p.size()) ++line;
    multi_line |= line > first;
    size_t chars;
    std::string_view key = JoinLineKeys(doc, first, line, &key_, &chars);
    int seen = SeenBefore(doc, key, chars, options_.paragraph_min_chars, first, line);
    if (seen == 0) continue;
    ++paragraphs_removed;
    near_removed += seen == 2;
    for (size_t i = first; i <= line; ++i) drop_[i] = seen == 2 ? 2 : 1;
    lines_removed += line - first + 1;
  }

  // Line pass, for lines inside paragraphs of several lines.
  if (multi_line) {
    ClearSeen(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      if (drop_[i]) continue;
      size_t chars;
      std::string_view key = doc.LineKey(i, &chars);
      if (SeenBefore(doc, key, chars, options_.line_min_chars, i, i) == 0) continue;
      drop_[i] = 3;
      ++lines_removed;
    }
  }
  if (lines_removed == 0) return;

  uint64_t chars = DropLines(doc, drop_, name(), "nothing left",  // cannot happen: first copies stay
                             {"a copy of an earlier paragraph", "a near copy of an earlier paragraph",
                              "a copy of an earlier line"});
  Count("docs_repaired", 1);
  Count("paragraphs_removed", paragraphs_removed);
  Count("near_paragraphs_removed", near_removed);
  Count("lines_removed", lines_removed);
  Count("chars_removed", chars);
  if (doc.removed()) return;
  doc.Annotate("repeat_removed_paragraphs", static_cast<double>(paragraphs_removed));
  doc.Annotate("repeat_removed_lines", static_cast<double>(lines_removed));
  doc.Annotate("repeat_removed_chars", static_cast<double>(chars));
}

Status CreateRepeatRepair(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  RepeatRepairOptions o;
  ParamReader p("stage 'repeats'", params);
  p.Get("paragraph_min_chars", &o.paragraph_min_chars);
  p.Get("line_min_chars", &o.line_min_chars);
  p.Get("near", &o.near);
  p.Get("near_min_words", &o.near_min_words);
  p.Get("near_max_edit_fraction", &o.near_max_edit_fraction);
  Status s = p.Finish();
  if (!s.ok()) return s;
  if (o.near_max_edit_fraction < 0 || o.near_max_edit_fraction >= 0.5) {
    return Status::InvalidArgument("stage 'repeats': near_max_edit_fraction must be in [0, 0.5)");
  }
  *stage = std::make_unique<ParagraphRepeatRepair>(o);
  return Status::OK();
}

}  // namespace saring
