// Rebuilding a document's text without some of its lines: shared by the
// stages that repair text line by line (repeats, boilerplate, common_lines).
//
// Blank lines are separators, not content: the rebuilt text has no leading
// or trailing blank lines, and where removed lines leave two separators
// meeting, only the later one stays ("A\n\nB\n\nC" without B is "A\n\nC").
// A final newline is kept when the text had one.
//
// Thread-safety: stateless.

#ifndef SARING_STAGES_LINE_EDIT_H_
#define SARING_STAGES_LINE_EDIT_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "saring/document.h"

namespace saring {

// Text of `doc` without the lines i with drop[i] != 0 (indexes of
// doc.Lines()). drop.size() must equal doc.Lines().size(). When `origins` is
// given, it receives for each line of the result the index of the line it
// was, or -1 for a separating empty line (see Document::SetTextFromLines).
std::string TextWithoutLines(const Document& doc, const std::vector<uint8_t>& drop,
                             std::vector<int64_t>* origins = nullptr);

// Removes the marked lines from `doc`: rewrites its text, or, when no
// non-blank line is left, removes the document with rule "empty_after_repair"
// and the reason "<stage>: <why_empty> (N characters)". Returns the number of
// code points removed (0 when nothing is marked). A line marked k (1, 2, ...)
// was removed for line_reasons[k - 1], which `saring explain` shows
// (Document::trace).
uint64_t DropLines(Document& doc, const std::vector<uint8_t>& drop, std::string_view stage,
                   std::string_view why_empty,
                   std::initializer_list<std::string_view> line_reasons = {});

}  // namespace saring

#endif  // SARING_STAGES_LINE_EDIT_H_
