#include "stages/common_lines.h"

#include "config/param_reader.h"
#include "stages/line_edit.h"

namespace saring {
namespace {

std::vector<std::string> SplitPath(const std::string& dotted) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    parts.push_back(dotted.substr(start, dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

}  // namespace

std::vector<std::vector<std::string>> CommonLinesOptions::UrlPaths() const {
  if (url_field == "none") return {};
  if (url_field == "auto") return {{"url"}, {"metadata", "url"}};
  return {SplitPath(url_field)};
}

Status ReadCommonLinesOptions(const YAML::Node& params, CommonLinesOptions* o) {
  LineCensusOptions& c = o->census;
  ParamReader p("stage 'common_lines'", params);
  p.Get("min_docs", &c.min_docs);
  p.Get("min_domains", &c.min_domains);
  p.Get("min_chars", &c.min_key_chars);
  p.Get("max_chars", &c.max_key_chars);
  p.Get("min_words", &c.min_words);
  p.Get("sentence_min_words", &c.sentence_min_words);
  p.Get("top_lines", &c.top_lines);
  p.GetBytes("memory", &c.memory_bytes);
  p.Get("url_field", &o->url_field);
  Status s = p.Finish();
  if (!s.ok()) return s;
  if (c.min_docs < 2 || c.min_domains < 2) {
    return Status::InvalidArgument(
        "stage 'common_lines': min_docs and min_domains must be at least 2 (a line in one "
        "document is not common)");
  }
  if (c.min_key_chars == 0 || c.max_key_chars < c.min_key_chars) {
    return Status::InvalidArgument("stage 'common_lines': need 0 < min_chars <= max_chars");
  }
  if (c.memory_bytes < (1 << 20)) {
    return Status::InvalidArgument("stage 'common_lines': memory must be at least 1MB");
  }
  for (const auto& path : o->UrlPaths()) {
    for (const std::string& part : path) {
      if (part.empty()) {
        return Status::InvalidArgument("stage 'common_lines': url_field '" + o->url_field +
                                       "' has an empty path component");
      }
    }
  }
  return Status::OK();
}

void CommonLineRepair::Process(Document& doc) {
  if (common_ == nullptr || common_->size() == 0) return;
  const std::vector<std::string_view>& lines = doc.Lines();
  drop_.assign(lines.size(), 0);
  uint64_t removed = 0;
  uint64_t hash;
  size_t key_chars;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (ClassifyLineLength(lines[i], options_.census) != LineKind::kCountable) continue;
    std::string_view key = doc.LineKey(i, &key_chars);  // shared with the other repairs
    if (ClassifyLineKey(lines[i], key, key_chars, options_.census, &hash) != LineKind::kCountable)
      continue;
    if (!common_->Contains(hash)) continue;
    drop_[i] = 1;
    ++removed;
    common_->NoteKey(hash, key);
  }
  if (removed == 0) return;
  uint64_t chars = DropLines(doc, drop_, name(), "every line is a common line",
                             {"a line found on many sites of the corpus"});
  Count("docs_repaired", 1);
  Count("lines_removed", removed);
  Count("chars_removed", chars);
  if (doc.removed()) return;
  doc.Annotate("common_lines_removed_lines", static_cast<double>(removed));
  doc.Annotate("common_lines_removed_chars", static_cast<double>(chars));
}

Status CreateCommonLineRepair(const YAML::Node& params, const StageContext& context,
                              std::unique_ptr<Stage>* stage) {
  CommonLinesOptions o;
  Status s = ReadCommonLinesOptions(params, &o);
  if (!s.ok()) return s;
  *stage = std::make_unique<CommonLineRepair>(o, context.common_lines);
  return Status::OK();
}

}  // namespace saring
