// BoilerplateLineRepair ("boilerplate"): removes the runs of template lines
// at the top and the bottom of a document: blog footers ("Posting
// Komentar"), share and follow buttons, "read also" links, tags,
// navigation, copyright and cookie lines, from a lexicon per language
// (data/boilerplate/, see BoilerplateLexicon).
//
//   - boilerplate: {languages: all, lexicon_files: [], max_line_chars: 120,
//                   max_line_words: 16}
//
// From each end of the document, lines are removed while they are blank or
// short (at most max_line_chars code points and max_line_words words in
// their LineKey) and match the lexicon; the first line that does not stops
// the run. Lines between two runs are never touched, so article text that
// happens to contain "share" or "komentar" stays.
//
// `languages` picks built-in lexicons ("all" or a list such as [en, id]);
// `lexicon_files` adds files in the same format.
//
// Signals (only when something was removed): boilerplate_removed_lines,
// boilerplate_removed_chars. Counters in stats.json "repairs": lines_removed,
// leading_lines_removed, trailing_lines_removed, chars_removed,
// docs_repaired.
//
// Thread-safety: see Stage. The lexicon is shared, immutable.

#ifndef SARING_STAGES_BOILERPLATE_REPAIR_H_
#define SARING_STAGES_BOILERPLATE_REPAIR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "saring/stage.h"
#include "saring/status.h"
#include "stages/boilerplate_lexicon.h"

namespace saring {

struct BoilerplateRepairOptions {
  std::vector<std::string> languages = {"all"};
  std::vector<std::string> lexicon_files;
  uint64_t max_line_chars = 120;
  uint64_t max_line_words = 16;
};

class BoilerplateLineRepair : public Stage {
 public:
  BoilerplateLineRepair(const BoilerplateRepairOptions& options,
                        std::shared_ptr<const BoilerplateLexicon> lexicon)
      : options_(options), lexicon_(std::move(lexicon)) {}
  std::string_view name() const override { return "boilerplate"; }
  void Process(Document& doc) override;

 private:
  // 1: a template line, 0: content, 2: blank.
  int Classify(const Document& doc, size_t i);

  BoilerplateRepairOptions options_;
  std::shared_ptr<const BoilerplateLexicon> lexicon_;
  std::vector<uint8_t> drop_;
};

Status CreateBoilerplateRepair(const YAML::Node& params, std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_BOILERPLATE_REPAIR_H_
