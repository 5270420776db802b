// C4Filter ("c4"): C4's line and page rules (Raffel et al. 2020, section
// 2.2), as TensorFlow Datasets' c4_utils and datatrove's C4QualityFilter
// apply them. The text is rewritten: a kept line is stripped of surrounding
// spaces and of Wikipedia-style citation marks ("[1]", "[edit]",
// "[citation needed]"), and the kept lines are joined by newlines.
//
//   - c4:
//       remove_citations: true
//       terminal_punct: true      # drop lines not ending in . ? ! " ' (or ending in ...)
//       min_words_per_line: 3     # words split at whitespace; 0: off
//       max_word_chars: 1000      # drop lines with a longer word; 0: off
//       javascript: true          # drop lines mentioning "javascript"
//       policy: true              # drop lines with "terms of use", "privacy policy",
//                                 # "cookie policy", "uses cookies", "use of cookies",
//                                 # "use cookies"
//       lorem_ipsum: true         # remove pages with "lorem ipsum"
//       curly_bracket: true       # remove pages with "{"
//       min_sentences: 5          # remove pages with fewer sentences in kept lines; 0: off
//
// Lines are checked in that order, as datatrove does: a page-level rule
// fires only on a line the earlier line rules kept. Sentences are counted
// with ICU's sentence break iterator (datatrove uses NLTK's punkt). Reasons:
// "c4: lorem_ipsum", "c4: curly_bracket", "c4: sentences 3 < 5". Counters:
// lines removed per rule, docs_repaired.
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_C4_FILTER_H_
#define SARING_STAGES_C4_FILTER_H_

#include <cstdint>
#include <memory>
#include <string>

#include <yaml-cpp/yaml.h>

#include "saring/stage.h"
#include "saring/status.h"

namespace saring {

struct C4FilterOptions {
  bool remove_citations = true;
  bool terminal_punct = true;
  uint64_t min_words_per_line = 3;
  uint64_t max_word_chars = 1000;
  bool javascript = true;
  bool policy = true;
  bool lorem_ipsum = true;
  bool curly_bracket = true;
  uint64_t min_sentences = 5;
};

class C4Filter : public Stage {
 public:
  explicit C4Filter(const C4FilterOptions& options);
  ~C4Filter() override;
  std::string_view name() const override { return "c4"; }
  void Process(Document& doc) override;

 private:
  // Why a line goes ("" when it stays); sets *page_rule for a page rule.
  const char* LineVerdict(std::string_view line, std::string* cleaned, const char** page_rule);
  uint64_t CountSentences(std::string_view line);

  C4FilterOptions options_;
  struct Icu;
  std::unique_ptr<Icu> icu_;  // sentence break iterator, created on first use
  std::string kept_;          // scratch
};

Status CreateC4Filter(const YAML::Node& params, std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_C4_FILTER_H_
