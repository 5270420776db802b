#include "stages/line_dedup.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "config/param_reader.h"
#include "stages/line_edit.h"

namespace saring {

LineDedup::LineDedup(const LineDedupOptions& options, const StageContext& context)
    : options_(options), collect_(context.line_index), first_seen_(context.line_first_seen) {}

void LineDedup::Process(Document& doc) {
  if (collect_ == nullptr && first_seen_ == nullptr) return;
  const std::vector<std::string_view>& lines = doc.Lines();
  if (first_seen_ != nullptr) drop_.assign(lines.size(), 0);
  uint64_t removed = 0;
  size_t chars = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view key = doc.LineKey(i, &chars);
    if (chars < options_.min_chars || key.empty()) continue;
    const uint64_t hash = XXH3_64bits(key.data(), key.size());
    if (collect_ != nullptr) {
      collect_->Add(hash, doc.position());
    } else if (first_seen_->SeenBefore(hash, doc.position())) {
      drop_[i] = 1;
      ++removed;
    }
  }
  if (removed == 0) return;
  const uint64_t removed_chars =
      DropLines(doc, drop_, name(), "every line was seen in an earlier document");
  Count("docs_repaired", 1);
  Count("lines_removed", removed);
  Count("chars_removed", removed_chars);
}

Status ReadLineDedupOptions(const YAML::Node& params, LineDedupOptions* o) {
  ParamReader p("stage 'line_dedup'", params);
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
