// ParagraphRepeatRepair ("repeats"): removes paragraphs and lines that a
// document repeats, keeping the first occurrence, in order.
//
//   - repeats: {paragraph_min_chars: 30, line_min_chars: 30, near: true,
//               near_min_words: 8, near_max_edit_fraction: 0.1}
//
// What is a repeat:
//   - exact: the same LineKey (text/line_key.h: case, digits, punctuation
//     and whitespace normalized) as an earlier paragraph (or line);
//   - near: both have at least `near_min_words` key words, they share their
//     first 4 or their last 4 key words (the anchor that finds the earlier
//     one), and their word-level edit distance is at most
//     max(1, floor(near_max_edit_fraction * longer word count)):
//     one word substituted, inserted or deleted per ten words by default.
//     Two edits that hit both the first and the last 4 words are not found.
// Paragraphs are Document::Paragraphs() (one per line in text without blank
// lines); then, inside paragraphs of several lines, lines are checked the
// same way against all earlier lines.
//
// Units shorter than the minimum (key code points) are never removed: a
// one-word line, a table cell, a "Yes"/"No" or a short refrain repeat
// legitimately.
//
// Signals (only when something was removed): repeat_removed_paragraphs,
// repeat_removed_lines, repeat_removed_chars. Counters in stats.json
// "repairs": paragraphs_removed, near_paragraphs_removed, lines_removed,
// chars_removed, docs_repaired.
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_REPEAT_REPAIR_H_
#define SARING_STAGES_REPEAT_REPAIR_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "saring/stage.h"
#include "saring/status.h"
#include "util/u64_table.h"

namespace saring {

struct RepeatRepairOptions {
  uint64_t paragraph_min_chars = 30;
  uint64_t line_min_chars = 30;
  bool near = true;
  uint64_t near_min_words = 8;
  double near_max_edit_fraction = 0.1;
};

// Word-level edit distance of a and b if it is at most `limit`, else
// limit + 1. Banded, O(limit * length).
size_t BoundedWordEditDistance(std::span<const uint64_t> a, std::span<const uint64_t> b,
                               size_t limit);

class ParagraphRepeatRepair : public Stage {
 public:
  explicit ParagraphRepeatRepair(const RepeatRepairOptions& options) : options_(options) {}
  std::string_view name() const override { return "repeats"; }
  void Process(Document& doc) override;

 private:
  // Decides whether the unit with this key (`key_chars` code points)
  // repeats an earlier one and records it otherwise. Returns 0 (new),
  // 1 (exact) or 2 (near).
  // The unit is lines [first, last] of `doc`.
  int SeenBefore(const Document& doc, std::string_view key, size_t key_chars, uint64_t min_chars,
                 size_t first, size_t last);
  void ClearSeen(size_t units);
  // The key of lines [first, last] and, in *chars, its code points; joined
  // in *buffer when there are several lines.
  std::string_view JoinLineKeys(const Document& doc, size_t first, size_t last, std::string* buffer,
                                size_t* chars);

  RepeatRepairOptions options_;
  // Scratch, reused across documents.
  std::string key_;
  U64Table exact_;                                     // key hashes seen (value unused)
  U64Table anchor_;                                    // first/last words hash -> unit
  std::vector<std::pair<size_t, size_t>> unit_lines_;  // unit -> its first, last line
  std::string earlier_key_;
  std::vector<uint64_t> words_;          // word hashes of key_, on an anchor hit
  std::vector<uint64_t> earlier_words_;  // and of the earlier unit
  std::vector<uint8_t> drop_;
};

Status CreateRepeatRepair(const YAML::Node& params, std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_REPEAT_REPAIR_H_
