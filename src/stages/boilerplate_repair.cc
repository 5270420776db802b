#include "stages/boilerplate_repair.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "config/param_reader.h"
#include "stages/line_edit.h"
#include "text/line_key.h"

namespace saring {
namespace {

enum LineClass { kContent = 0, kTemplate = 1, kBlank = 2 };

}  // namespace

int BoilerplateLineRepair::Classify(const Document& doc, size_t i) {
  // Cheap rejection before the key: a long line is content.
  std::string_view line = doc.Lines()[i];
  if (line.size() > 4 * options_.max_line_chars) return kContent;
  size_t chars;
  std::string_view key = doc.LineKey(i, &chars);
  if (chars == 0) return Document::IsBlankLine(line) ? kBlank : kTemplate;
  if (chars > options_.max_line_chars) return kContent;
  size_t words = static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
  if (words > options_.max_line_words) return kContent;
  return lexicon_->Matches(key) ? kTemplate : kContent;
}

void BoilerplateLineRepair::Process(Document& doc) {
  const std::vector<std::string_view>& lines = doc.Lines();
  const size_t n = lines.size();
  drop_.assign(n, 0);
  uint64_t leading = 0, trailing = 0;
  size_t top = 0;
  for (; top < n; ++top) {
    int c = Classify(doc, top);
    if (c == kContent) break;
    drop_[top] = c == kTemplate ? 1 : 3;
    leading += c == kTemplate;
  }
  for (size_t i = n; i > top; --i) {
    int c = Classify(doc, i - 1);
    if (c == kContent) break;
    drop_[i - 1] = c == kTemplate ? 2 : 3;
    trailing += c == kTemplate;
  }
  if (leading + trailing == 0) return;
  uint64_t chars = DropLines(doc, drop_, name(), "every line is a template line",
                             {"template line at the top of the page (boilerplate lexicon)",
                              "template line at the bottom of the page (boilerplate lexicon)",
                              "blank line among template lines"});
  Count("docs_repaired", 1);
  Count("lines_removed", leading + trailing);
  Count("leading_lines_removed", leading);
  Count("trailing_lines_removed", trailing);
  Count("chars_removed", chars);
  if (doc.removed()) return;
  doc.Annotate("boilerplate_removed_lines", static_cast<double>(leading + trailing));
  doc.Annotate("boilerplate_removed_chars", static_cast<double>(chars));
}

namespace {

Status ReadLexiconFile(const std::string& path, LexiconSource* source) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open boilerplate lexicon");
  std::ostringstream text;
  text << in.rdbuf();
  *source = LexiconSource{path, text.str()};
  return Status::OK();
}

// Compiles a lexicon once per process for every stage that asks for the
// same sources: each worker thread builds its own stages, and compiling the
// 13 built-in lexicons into an RE2::Set per thread was wasted start-up time
// and memory. RE2::Set::Match is safe to call from several threads.
Status SharedLexicon(const std::vector<LexiconSource>& sources,
                     std::shared_ptr<const BoilerplateLexicon>* out) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<const BoilerplateLexicon>> cache;
  std::string key;
  for (const LexiconSource& source : sources) {
    key.append(source.name).push_back('\0');
    key.append(source.text).push_back('\0');
  }
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(key);
  if (it != cache.end()) {
    if (std::shared_ptr<const BoilerplateLexicon> shared = it->second.lock()) {
      *out = std::move(shared);
      return Status::OK();
    }
  }
  std::unique_ptr<BoilerplateLexicon> built;
  Status s = BoilerplateLexicon::Build(sources, &built);
  if (!s.ok()) return s;
  std::shared_ptr<const BoilerplateLexicon> shared(std::move(built));
  cache[key] = shared;
  *out = std::move(shared);
  return Status::OK();
}

}  // namespace

Status CreateBoilerplateRepair(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  BoilerplateRepairOptions o;
  ParamReader p("stage 'boilerplate'", params);
  p.Get("languages", &o.languages);
  p.Get("lexicon_files", &o.lexicon_files);
  p.Get("max_line_chars", &o.max_line_chars);
  p.Get("max_line_words", &o.max_line_words);
  Status s = p.Finish();
  if (!s.ok()) return s;
  std::vector<LexiconSource> sources;
  if (!o.languages.empty()) s = EmbeddedLexicons(o.languages, &sources);
  if (!s.ok()) return Status::InvalidArgument("stage 'boilerplate': " + s.message());
  for (const std::string& path : o.lexicon_files) {
    sources.emplace_back();
    s = ReadLexiconFile(path, &sources.back());
    if (!s.ok()) return s;
  }
  std::shared_ptr<const BoilerplateLexicon> lexicon;
  s = SharedLexicon(sources, &lexicon);
  if (!s.ok()) return s;
  *stage = std::make_unique<BoilerplateLineRepair>(o, std::move(lexicon));
  return Status::OK();
}

}  // namespace saring
