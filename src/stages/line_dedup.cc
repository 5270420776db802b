#include "stages/line_dedup.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "config/param_reader.h"
#include "stages/line_edit.h"

namespace saring {

LineDedup::LineDedup(const LineDedupOptions& options, const StageContext& context)
    : options_(options), collect_(context.line_index), first_seen_(context.line_first_seen) {}

template <typename Fn>
void LineDedup::ForEachUnit(const Document& doc, Fn unit) {
  const std::vector<std::string_view>& lines = doc.Lines();
  size_t chars = 0;
  if (!options_.paragraphs) {
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string_view key = doc.LineKey(i, &chars);
      if (!key.empty()) unit(i, i + 1, XXH3_64bits(key.data(), key.size()), chars);
    }
    return;
  }
  // The lines of each paragraph: those that start inside its view.
  size_t i = 0;
  for (std::string_view paragraph : doc.Paragraphs()) {
    const char* end = paragraph.data() + paragraph.size();
    while (i < lines.size() && lines[i].data() < paragraph.data()) ++i;
    const size_t first = i;
    uint64_t hash = 0x243F6A8885A308D3ull;
    size_t total = 0;
    for (; i < lines.size() && lines[i].data() < end; ++i) {
      std::string_view key = doc.LineKey(i, &chars);
      if (key.empty()) continue;
      hash = XXH3_64bits_withSeed(key.data(), key.size(), hash);
      total += chars;
    }
    if (total > 0) unit(first, i, hash, total);
  }
}

void LineDedup::Process(Document& doc) {
  if (collect_ == nullptr && first_seen_ == nullptr) return;
  if (first_seen_ != nullptr) drop_.assign(doc.Lines().size(), 0);
  uint64_t removed = 0;
  ForEachUnit(doc, [&](size_t first, size_t end, uint64_t hash, size_t chars) {
    if (chars < options_.min_chars) return;
    if (collect_ != nullptr) {
      collect_->Add(hash, doc.position());
    } else if (first_seen_->SeenBefore(hash, doc.position())) {
      for (size_t i = first; i < end; ++i) drop_[i] = 1;
      ++removed;
    }
  });
  if (removed == 0) return;
  const uint64_t removed_chars = DropLines(
      doc, drop_, name(),
      options_.paragraphs ? "every paragraph was seen in an earlier document"
                          : "every line was seen in an earlier document",
      {options_.paragraphs ? "paragraph seen in an earlier document"
                           : "line seen in an earlier document"});
  Count("docs_repaired", 1);
  Count(options_.paragraphs ? "paragraphs_removed" : "lines_removed", removed);
  Count("chars_removed", removed_chars);
}

Status ReadLineDedupOptions(const YAML::Node& params, LineDedupOptions* o) {
  ParamReader p("stage 'line_dedup'", params);
  std::string unit = "line";
  p.GetChoice("unit", {"line", "paragraph"}, &unit);
  o->paragraphs = unit == "paragraph";
  p.Get("min_chars", &o->min_chars);
  p.GetBytes("memory", &o->memory);
  return p.Finish();
}

Status CreateLineDedup(const YAML::Node& params, const StageContext& context,
                       std::unique_ptr<Stage>* stage) {
  LineDedupOptions o;
  Status s = ReadLineDedupOptions(params, &o);
  if (!s.ok()) return s;
  *stage = std::make_unique<LineDedup>(o, context);
  return Status::OK();
}

}  // namespace saring
