#include "stages/c4_filter.h"

#include <algorithm>

#include <fmt/format.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "config/param_reader.h"
#include "text/ascii.h"
#include "text/utf8.h"

namespace saring {
namespace {


// Removes "[<digits>]", "[edit]" and "[citation needed]" (C4's
// \[\d*]|\[edit]|\[citation needed]).
void RemoveCitations(std::string_view line, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '[') {
      size_t j = i + 1;
      while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
      size_t end = std::string_view::npos;
      if (j < line.size() && line[j] == ']') {
        end = j + 1;
      } else if (line.substr(i).starts_with("[edit]")) {
        end = i + 6;
      } else if (line.substr(i).starts_with("[citation needed]")) {
        end = i + 17;
      }
      if (end != std::string_view::npos) {
        i = end;
        continue;
      }
    }
    out->push_back(line[i++]);
  }
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

constexpr const char* kPolicyPhrases[] = {"terms of use", "privacy policy", "cookie policy",
                                          "uses cookies", "use of cookies", "use cookies"};

}  // namespace

struct C4Filter::Icu {
  UBreakIterator* sentences = nullptr;
  ~Icu() {
    if (sentences != nullptr) ubrk_close(sentences);
  }
};

C4Filter::C4Filter(const C4FilterOptions& options) : options_(options) {}
C4Filter::~C4Filter() = default;

uint64_t C4Filter::CountSentences(std::string_view line) {
  if (!icu_) icu_ = std::make_unique<Icu>();
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, line.data(), static_cast<int64_t>(line.size()), &status);
  if (U_FAILURE(status)) return 1;
  if (icu_->sentences == nullptr) {
    icu_->sentences = ubrk_open(UBRK_SENTENCE, "", nullptr, 0, &status);
  }
  ubrk_setUText(icu_->sentences, text, &status);
  uint64_t n = 0;
  if (U_SUCCESS(status)) {
    int32_t start = ubrk_first(icu_->sentences);
    for (int32_t end = ubrk_next(icu_->sentences); end != UBRK_DONE;
         start = end, end = ubrk_next(icu_->sentences)) {
      if (!StripAsciiSpace(line.substr(start, end - start)).empty()) ++n;
    }
  }
  utext_close(text);
  return n;
}

const char* C4Filter::LineVerdict(std::string_view line, std::string* cleaned,
                                  const char** page_rule) {
  const std::string_view stripped = StripAsciiSpace(line);
  uint64_t words = 0;
  bool long_word = false;
  for (size_t i = 0; i < stripped.size();) {
    while (i < stripped.size() && IsAsciiSpace(stripped[i])) ++i;
    size_t start = i;
    while (i < stripped.size() && !IsAsciiSpace(stripped[i])) ++i;
    if (i == start) continue;
    ++words;
    if (options_.max_word_chars > 0 &&
        CountCodePoints(stripped.substr(start, i - start)) > options_.max_word_chars) {
      long_word = true;
    }
  }
  if (long_word) return "too_long_word";
  if (options_.remove_citations) {
    RemoveCitations(stripped, cleaned);
  } else {
    cleaned->assign(stripped);
  }
  const std::string_view c = *cleaned;
  if (options_.terminal_punct) {
    const bool ends = c.ends_with('.') || c.ends_with('?') || c.ends_with('!') ||
                      c.ends_with('"') || c.ends_with('\'');
    if (!ends || c.ends_with("...")) return "no_terminal_punct";
  }
  if (words < options_.min_words_per_line) return "too_few_words";
  const std::string lower = AsciiLower(c);
  if (options_.lorem_ipsum && lower.find("lorem ipsum") != std::string::npos) {
    *page_rule = "lorem_ipsum";
    return "";
  }
  if (options_.javascript && lower.find("javascript") != std::string::npos) return "javascript";
  if (options_.curly_bracket && c.find('{') != std::string_view::npos) {
    *page_rule = "curly_bracket";
    return "";
  }
  if (options_.policy) {
    for (const char* phrase : kPolicyPhrases) {
      if (lower.find(phrase) != std::string::npos) return "policy";
    }
  }
  return "";
}

void C4Filter::Process(Document& doc) {
  kept_.clear();
  uint64_t sentences = 0, lines_removed = 0;
  std::string cleaned;
  for (std::string_view line : doc.Lines()) {
    const char* page_rule = nullptr;
    const char* verdict = LineVerdict(line, &cleaned, &page_rule);
    if (page_rule != nullptr) {
      doc.Remove("c4", page_rule, std::string("c4: ") + page_rule);
      return;
    }
    if (*verdict != '\0') {
      Count(std::string("lines_removed_") + verdict, 1);
      ++lines_removed;
      continue;
    }
    if (options_.min_sentences > 0) sentences += CountSentences(cleaned);
    if (!kept_.empty()) kept_.push_back('\n');
    kept_ += cleaned;
  }
  if (options_.min_sentences > 0 && sentences < options_.min_sentences) {
    doc.Remove("c4", "too_few_sentences",
               fmt::format("c4: sentences {} < {}", sentences, options_.min_sentences));
    return;
  }
  const std::string_view text = StripAsciiSpace(kept_);
  if (text != doc.text()) {
    Count("docs_repaired", 1);
    doc.SetText(std::string(text));
  }
}

Status CreateC4Filter(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  C4FilterOptions o;
  ParamReader p("stage 'c4'", params);
  p.Get("remove_citations", &o.remove_citations);
  p.Get("terminal_punct", &o.terminal_punct);
  p.Get("min_words_per_line", &o.min_words_per_line);
  p.Get("max_word_chars", &o.max_word_chars);
  p.Get("javascript", &o.javascript);
  p.Get("policy", &o.policy);
  p.Get("lorem_ipsum", &o.lorem_ipsum);
  p.Get("curly_bracket", &o.curly_bracket);
  p.Get("min_sentences", &o.min_sentences);
  Status s = p.Finish();
  if (!s.ok()) return s;
  *stage = std::make_unique<C4Filter>(o);
  return Status::OK();
}

}  // namespace saring
