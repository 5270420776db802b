// Document: one input document as the stages of a pipeline see it.
//
// A Document holds the current text (stages may rewrite it), the id, the
// annotations stages attach, and, once a stage removes it, the removal.
// Views of the text (lines, paragraphs, words) are computed on first use and
// shared by every later stage until the text is rewritten: one document is
// split once, not once per stage.
//
//   void MyStage::Process(saring::Document& doc) {
//     if (doc.Lines().size() < 3) {
//       doc.Remove("my_stage", "min_lines",
//                  "my_stage: lines " + std::to_string(doc.Lines().size()) + " < 3");
//       return;
//     }
//     doc.Annotate("lines", static_cast<double>(doc.Lines().size()));
//   }
//
// Views are string_views into the current text: they stay valid until the
// next SetText().
//
// Thread-safety: not thread-safe; a document belongs to one worker thread.

#ifndef SARING_DOCUMENT_H_
#define SARING_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace saring {

// What an earlier run stored under a record's "saring" object, read back
// when a run decides from stored signals (`--from-signals`): the language
// stage's decision and the quality stage's signals.
struct StoredSignals {
  std::string language;  // empty: none stored
  std::string script;
  double language_score = 0;
  std::vector<std::pair<std::string, double>> values;  // saring.signals, in order

  // The stored value of `name`, or nullptr.
  const double* Find(std::string_view name) const {
    for (const auto& [n, v] : values) {
      if (n == name) return &v;
    }
    return nullptr;
  }
};

// The other fields of the record a document came from, read by dotted path
// ("url", "metadata.url"): Field gives the string value, or "" when the
// field is absent or not a string; Number a numeric value (false when absent
// or not a number). Set by the reader for the time the document's stages
// run.
class FieldReader {
 public:
  virtual ~FieldReader() = default;
  virtual std::string_view Field(std::string_view dotted_path) const = 0;
  virtual bool Number(std::string_view dotted_path, double* value) const = 0;
};

// What `saring explain` shows of a document, filled by the stages when a
// trace is set (never in a run: they pay one null check).
struct DocTrace {
  struct Line {
    std::string text;
    std::string stage;   // the stage that removed the line; empty: kept
    std::string reason;  // why, e.g. "a copy of an earlier paragraph"
  };
  struct Check {
    std::string stage;  // "quality", "length", "language"
    std::string name;   // "gopher_repetition: dup_line_frac", "min_chars"
    double value = 0;
    std::string op;     // how the value fails: ">", "<", ">=", "<="
    double threshold = 0;
    bool passed = true;
  };
  // The lines as the first stage that removed lines saw them (after
  // normalize), and for each line of the current text its index there (-1:
  // a separator added by an edit).
  std::vector<Line> lines;
  std::vector<int64_t> current;
  std::vector<Check> checks;
  // What a stage decided, in words: (stage, note), e.g. the language and
  // every candidate's score.
  std::vector<std::pair<std::string, std::string>> notes;
};

struct Removal {
  std::string stage;   // written as "removed_by"
  std::string rule;    // stable key counted in stats.json, e.g. "min_chars"
  std::string reason;  // human-readable, written as "removed_reason"
};

class Document {
 public:
  Document() = default;
  Document(std::string id, std::string text) : id_(std::move(id)), text_(std::move(text)) {}

  // Reinitializes for reuse by a worker (keeps allocated capacity).
  void Reset(std::string_view id, std::string_view text);

  const std::string& id() const { return id_; }
  std::string_view text() const { return text_; }

  // Replaces the text; views are recomputed on next use.
  void SetText(std::string text);
  // Replaces the text by one made of some of the current lines, in order:
  // new line j is current line origins[j], or an empty line when it is -1.
  // The line keys already computed for those lines carry over, so a stage
  // that removes lines does not make the next ones key the text again.
  void SetTextFromLines(std::string text, const std::vector<int64_t>& origins);
  // True once any stage has rewritten the text.
  bool text_changed() const { return text_changed_; }

  // Lines split on '\n' (without the newline). A trailing newline does not
  // make an extra empty line.
  const std::vector<std::string_view>& Lines() const;
  // Paragraphs: maximal runs of non-blank lines, separated by blank lines.
  // A text with no blank line between its lines (HTML extraction, one block
  // per line) has one paragraph per line.
  const std::vector<std::string_view>& Paragraphs() const;
  // Words, for every script (src/text/word_segmenter.h): runs of letters,
  // marks and digits; Thai, Lao, Khmer, Myanmar, Chinese and Japanese cut
  // by ICU's dictionaries. Punctuation is not a word.
  const std::vector<std::string_view>& Words() const;
  // The LineKey of line i (src/text/line_key.h: case folded, digits as 0,
  // punctuation as spaces) and, in *chars, its length in code points.
  // Computed on first request and kept until the text changes, so the
  // repair stages key each line once between them. The view is valid until
  // the next LineKey() call or SetText().
  std::string_view LineKey(size_t i, size_t* chars) const;
  // True for a line of only spaces, tabs and CRs: a paragraph separator.
  static bool IsBlankLine(std::string_view line);
  // Code points in the text.
  size_t CharCount() const;

  // Attaches a signal, written under the output's "saring" object.
  void Annotate(std::string_view key, double value);
  void AnnotateString(std::string_view key, std::string_view value);
  // `json` must be one valid JSON value (an array, an object); written as is.
  void AnnotateJson(std::string_view key, std::string json);

  // Where a kept document is written: kept/<route>/ when set (the language
  // stage routes by language), kept/ otherwise. Only [a-z0-9_-] is allowed.
  void set_route(std::string route) { route_ = std::move(route); }
  const std::string& route() const { return route_; }

  // The language the language stage found ("id", "und"); empty before it
  // ran. Later stages read it (the quality stage picks its thresholds).
  void set_language(std::string language) { language_ = std::move(language); }
  const std::string& language() const { return language_; }
  // A string or numeric field of the document's record (see FieldReader);
  // "" or false for a .txt document or a missing field.
  void set_fields(const FieldReader* fields) { fields_ = fields; }
  std::string_view Field(std::string_view dotted_path) const {
    return fields_ != nullptr ? fields_->Field(dotted_path) : std::string_view();
  }
  bool NumberField(std::string_view dotted_path, double* value) const {
    return fields_ != nullptr && fields_->Number(dotted_path, value);
  }

  // Where the document is in the input: its batch's sequence number and its
  // record's index there (see dedup/dedup_index.h); the same in every pass
  // over the same input.
  void set_position(uint64_t position) { position_ = position; }
  uint64_t position() const { return position_; }

  // `saring explain` only; nullptr otherwise (see DocTrace).
  void set_trace(DocTrace* trace) { trace_ = trace; }
  DocTrace* trace() const { return trace_; }

  // Set by the reader under --from-signals (see StoredSignals); nullptr
  // otherwise.
  void set_stored(const StoredSignals* stored) { stored_ = stored; }
  const StoredSignals* stored() const { return stored_; }
  // Annotations as (key, JSON value text) pairs, in insertion order.
  const std::vector<std::pair<std::string, std::string>>& annotations() const {
    return annotations_;
  }

  // Marks the document removed. Later stages are skipped.
  void Remove(std::string stage, std::string rule, std::string reason);
  bool removed() const { return removal_.has_value(); }
  const Removal& removal() const { return *removal_; }

  // Ill-formed UTF-8 sequences replaced by U+FFFD while reading.
  size_t invalid_utf8_replaced() const { return invalid_utf8_replaced_; }
  void set_invalid_utf8_replaced(size_t n) { invalid_utf8_replaced_ = n; }

 private:
  void InvalidateViews();

  std::string id_;
  std::string text_;
  bool text_changed_ = false;
  size_t invalid_utf8_replaced_ = 0;
  std::vector<std::pair<std::string, std::string>> annotations_;
  std::string route_;
  std::string language_;
  const StoredSignals* stored_ = nullptr;
  const FieldReader* fields_ = nullptr;
  DocTrace* trace_ = nullptr;
  uint64_t position_ = 0;
  std::optional<Removal> removal_;

  mutable bool lines_ready_ = false;
  mutable bool paragraphs_ready_ = false;
  mutable bool words_ready_ = false;
  mutable std::vector<std::string_view> lines_;
  mutable std::vector<std::string_view> paragraphs_;
  mutable std::vector<std::string_view> words_;
  mutable std::optional<size_t> char_count_;
  struct LineKeySlot {
    size_t offset = 0, size = 0, chars = 0;
    bool ready = false;
  };
  mutable bool line_keys_ready_ = false;
  mutable std::vector<LineKeySlot> line_keys_;  // by line index
  mutable std::string line_key_bytes_;          // the keys, in order of request
};

}  // namespace saring

#endif  // SARING_DOCUMENT_H_
