#include "saring/document.h"

#include "json/json_writer.h"
#include "text/line_key.h"
#include "text/utf8.h"
#include "text/word_segmenter.h"

namespace saring {

void Document::Reset(std::string_view id, std::string_view text) {
  id_.assign(id);
  text_.assign(text);
  text_changed_ = false;
  invalid_utf8_replaced_ = 0;
  annotations_.clear();
  route_.clear();
  language_.clear();
  stored_ = nullptr;
  fields_ = nullptr;
  position_ = 0;
  removal_.reset();
  InvalidateViews();
}

void Document::SetText(std::string text) {
  text_ = std::move(text);
  text_changed_ = true;
  InvalidateViews();
}

void Document::SetTextFromLines(std::string text, const std::vector<int64_t>& origins) {
  std::vector<LineKeySlot> slots(origins.size());
  std::string bytes;
  for (size_t j = 0; j < origins.size(); ++j) {
    LineKeySlot& slot = slots[j];
    if (origins[j] < 0) {
      slot.ready = true;  // an empty line: an empty key
      continue;
    }
    if (!line_keys_ready_) continue;
    const LineKeySlot& old = line_keys_[static_cast<size_t>(origins[j])];
    if (!old.ready) continue;
    slot = LineKeySlot{bytes.size(), old.size, old.chars, true};
    bytes.append(line_key_bytes_, old.offset, old.size);
  }
  SetText(std::move(text));
  line_keys_ = std::move(slots);
  line_key_bytes_ = std::move(bytes);
  line_keys_ready_ = true;
}

void Document::InvalidateViews() {
  lines_ready_ = paragraphs_ready_ = words_ready_ = line_keys_ready_ = false;
  char_count_.reset();
}

const std::vector<std::string_view>& Document::Lines() const {
  if (lines_ready_) return lines_;
  lines_.clear();
  std::string_view t = text_;
  size_t start = 0;
  while (start < t.size()) {
    size_t nl = t.find('\n', start);
    if (nl == std::string_view::npos) nl = t.size();
    lines_.push_back(t.substr(start, nl - start));
    start = nl + 1;
  }
  lines_ready_ = true;
  return lines_;
}

std::string_view Document::LineKey(size_t i, size_t* chars) const {
  if (!line_keys_ready_) {
    line_keys_.assign(Lines().size(), LineKeySlot());
    line_key_bytes_.clear();
    line_keys_ready_ = true;
  }
  LineKeySlot& slot = line_keys_[i];
  if (!slot.ready) {
    slot.offset = line_key_bytes_.size();
    slot.chars = AppendLineKey(Lines()[i], &line_key_bytes_);
    slot.size = line_key_bytes_.size() - slot.offset;
    slot.ready = true;
  }
  *chars = slot.chars;
  return std::string_view(line_key_bytes_).substr(slot.offset, slot.size);
}

bool Document::IsBlankLine(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

const std::vector<std::string_view>& Document::Paragraphs() const {
  if (paragraphs_ready_) return paragraphs_;
  paragraphs_.clear();
  const char* begin = nullptr;
  const char* end = nullptr;
  for (std::string_view line : Lines()) {
    if (IsBlankLine(line)) {
      if (begin != nullptr) paragraphs_.emplace_back(begin, static_cast<size_t>(end - begin));
      begin = nullptr;
      continue;
    }
    if (begin == nullptr) begin = line.data();
    end = line.data() + line.size();
  }
  if (begin != nullptr) paragraphs_.emplace_back(begin, static_cast<size_t>(end - begin));
  if (paragraphs_.size() == 1 && Lines().size() > 1) {
    // No blank line anywhere: text extracted from HTML (Common Crawl WET,
    // trafilatura) puts one block element per line, so each line is a
    // paragraph.
    paragraphs_.clear();
    for (std::string_view line : Lines()) {
      if (!IsBlankLine(line)) paragraphs_.push_back(line);
    }
  }
  paragraphs_ready_ = true;
  return paragraphs_;
}

const std::vector<std::string_view>& Document::Words() const {
  if (words_ready_) return words_;
  // One segmenter per thread: it holds an ICU break iterator, and a
  // document belongs to one worker thread.
  thread_local WordSegmenter segmenter;
  segmenter.Segment(text_, &words_);
  words_ready_ = true;
  return words_;
}

size_t Document::CharCount() const {
  if (!char_count_) char_count_ = CountCodePoints(text_);
  return *char_count_;
}

void Document::Annotate(std::string_view key, double value) {
  std::string v;
  AppendJsonNumber(&v, value);
  annotations_.emplace_back(std::string(key), std::move(v));
}

void Document::AnnotateString(std::string_view key, std::string_view value) {
  std::string v;
  AppendJsonString(&v, value);
  annotations_.emplace_back(std::string(key), std::move(v));
}

void Document::AnnotateJson(std::string_view key, std::string json) {
  annotations_.emplace_back(std::string(key), std::move(json));
}

void Document::Remove(std::string stage, std::string rule, std::string reason) {
  removal_ = Removal{std::move(stage), std::move(rule), std::move(reason)};
}

}  // namespace saring
