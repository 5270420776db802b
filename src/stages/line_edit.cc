#include "stages/line_edit.h"

#include <algorithm>

#include "text/utf8.h"

namespace saring {
std::string TextWithoutLines(const Document& doc, const std::vector<uint8_t>& drop,
                             std::vector<int64_t>* origins) {
  const std::vector<std::string_view>& lines = doc.Lines();
  std::string out;
  out.reserve(doc.text().size());
  bool emitted = false;
  size_t blank_run = 0;      // length of the latest run of blank lines
  bool after_blank = false;  // the previous original line was blank
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (Document::IsBlankLine(line)) {
      blank_run = after_blank ? blank_run + 1 : 1;
      after_blank = true;
      continue;
    }
    after_blank = false;
    if (drop[i]) continue;
    if (emitted) {
      out.push_back('\n');
      out.append(blank_run, '\n');
      if (origins != nullptr) origins->insert(origins->end(), blank_run, -1);
    }
    out.append(line);
    if (origins != nullptr) origins->push_back(static_cast<int64_t>(i));
    emitted = true;
    blank_run = 0;
  }
  if (emitted && !doc.text().empty() && doc.text().back() == '\n') out.push_back('\n');
  return out;
}

namespace {

// Notes in the document's trace which of its first lines `drop` removes,
// and where the lines left will be.
void TraceDrops(Document& doc, const std::vector<uint8_t>& drop, std::string_view stage,
                std::initializer_list<std::string_view> reasons,
                const std::vector<int64_t>& origins) {
  DocTrace* trace = doc.trace();
  if (trace == nullptr) return;
  const std::vector<std::string_view>& lines = doc.Lines();
  if (trace->lines.empty()) {
    for (size_t i = 0; i < lines.size(); ++i) {
      trace->lines.push_back(DocTrace::Line{std::string(lines[i]), "", ""});
      trace->current.push_back(static_cast<int64_t>(i));
    }
  }
  if (trace->current.size() != lines.size()) return;  // a stage rewrote the lines: no mapping
  for (size_t i = 0; i < lines.size(); ++i) {
    if (drop[i] == 0 || trace->current[i] < 0) continue;
    DocTrace::Line& line = trace->lines[static_cast<size_t>(trace->current[i])];
    line.stage = std::string(stage);
    const size_t k = drop[i] - 1u;
    line.reason = k < reasons.size() ? std::string(reasons.begin()[k]) : "";
  }
  std::vector<int64_t> next;
  for (int64_t o : origins) next.push_back(o < 0 ? -1 : trace->current[static_cast<size_t>(o)]);
  trace->current = std::move(next);
}

}  // namespace

uint64_t DropLines(Document& doc, const std::vector<uint8_t>& drop, std::string_view stage,
                   std::string_view why_empty, std::initializer_list<std::string_view> line_reasons) {
  if (std::all_of(drop.begin(), drop.end(), [](uint8_t d) { return d == 0; })) return 0;
  size_t before = doc.CharCount();
  std::vector<int64_t> origins;
  std::string text = TextWithoutLines(doc, drop, &origins);
  TraceDrops(doc, drop, stage, line_reasons, origins);
  size_t after = CountCodePoints(text);
  if (text.empty()) {
    doc.Remove(std::string(stage), "empty_after_repair",
               std::string(stage) + ": " + std::string(why_empty) + " (" + std::to_string(before) +
                   " characters)");
    return before;
  }
  doc.SetTextFromLines(std::move(text), origins);
  return before - after;
}

}  // namespace saring
