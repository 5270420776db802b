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

uint64_t DropLines(Document& doc, const std::vector<uint8_t>& drop, std::string_view stage,
                   std::string_view why_empty) {
  if (std::find(drop.begin(), drop.end(), 1) == drop.end()) return 0;
  size_t before = doc.CharCount();
  std::vector<int64_t> origins;
  std::string text = TextWithoutLines(doc, drop, &origins);
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
