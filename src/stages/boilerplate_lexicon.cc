#include "stages/boilerplate_lexicon.h"

#include <set>

#include <re2/re2.h>
#include <unicode/utf8.h>

#include "text/line_key.h"

namespace saring {

// Generated at build time from data/boilerplate/*.txt (cmake/embed_lexicons.cmake).
struct EmbeddedLexicon {
  const char* language;
  const char* text;
};
extern const EmbeddedLexicon kEmbeddedLexicons[];
extern const size_t kEmbeddedLexiconCount;

namespace {

RE2::Options SetOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

// Scripts written without spaces between words (Han, kana): an entry that
// ends (starts) with one of these needs no word boundary after (before) it.
bool IsUnspacedScript(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

UChar32 FirstCodePoint(std::string_view s) {
  UChar32 c = 0;
  int32_t i = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 LastCodePoint(std::string_view s) {
  UChar32 c = 0;
  int32_t i = static_cast<int32_t>(s.size());
  U8_PREV(s.data(), 0, i, c);
  return c;
}

// Turns one lexicon line into a pattern over LineKeys; "" for comments and
// blank lines.
std::string EntryPattern(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return "";
  bool prefix = line.size() >= 2 && line.substr(line.size() - 2) == " *";
  if (prefix) line.remove_suffix(2);
  bool contains = prefix && line.size() >= 2 && line.substr(0, 2) == "* ";
  if (contains) line.remove_prefix(2);
  std::string key;
  MakeLineKey(line, &key);
  if (key.empty()) return "";
  std::string quoted = RE2::QuoteMeta(key);
  const char* open = IsUnspacedScript(FirstCodePoint(key)) ? "" : "(?:^| )";
  const char* close = IsUnspacedScript(LastCodePoint(key)) ? "" : "(?: |$)";
  if (contains) return open + quoted + close;
  if (prefix) return "^" + quoted + close;
  return "^" + quoted + "$";
}

}  // namespace

std::vector<std::string> EmbeddedLexiconLanguages() {
  std::vector<std::string> out;
  for (size_t i = 0; i < kEmbeddedLexiconCount; ++i) out.emplace_back(kEmbeddedLexicons[i].language);
  return out;
}

Status EmbeddedLexicons(const std::vector<std::string>& languages, std::vector<LexiconSource>* out) {
  out->clear();
  bool all = languages.size() == 1 && languages[0] == "all";
  for (const std::string& lang : all ? EmbeddedLexiconLanguages() : languages) {
    bool found = false;
    for (size_t i = 0; i < kEmbeddedLexiconCount && !found; ++i) {
      if (lang != kEmbeddedLexicons[i].language) continue;
      out->push_back(LexiconSource{lang, kEmbeddedLexicons[i].text});
      found = true;
    }
    if (!found) {
      std::string known;
      for (const std::string& l : EmbeddedLexiconLanguages()) known += (known.empty() ? "" : ", ") + l;
      return Status::InvalidArgument("no built-in boilerplate lexicon for language '" + lang +
                                     "' (built in: all, " + known + ")");
    }
  }
  return Status::OK();
}

BoilerplateLexicon::BoilerplateLexicon() : set_(SetOptions(), RE2::UNANCHORED) {}

Status BoilerplateLexicon::Build(const std::vector<LexiconSource>& sources,
                                 std::unique_ptr<BoilerplateLexicon>* lexicon) {
  std::unique_ptr<BoilerplateLexicon> l(new BoilerplateLexicon());
  std::set<std::string> patterns;  // the same entry in several languages counts once
  for (const LexiconSource& source : sources) {
    std::string_view text = source.text;
    size_t line_number = 0;
    while (!text.empty()) {
      ++line_number;
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      std::string pattern = EntryPattern(line);
      if (pattern.empty() || !patterns.insert(pattern).second) continue;
      std::string error;
      if (l->set_.Add(pattern, &error) < 0) {
        return Status::InvalidArgument("boilerplate lexicon " + source.name + ":" +
                                       std::to_string(line_number) + ": " + error);
      }
    }
  }
  l->entries_ = patterns.size();
  if (!l->set_.Compile()) return Status::InvalidArgument("boilerplate lexicon: too large to compile");
  *lexicon = std::move(l);
  return Status::OK();
}

bool BoilerplateLexicon::Matches(std::string_view key) const {
  return entries_ > 0 && set_.Match(key, nullptr);
}

}  // namespace saring
