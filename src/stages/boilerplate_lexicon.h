// BoilerplateLexicon: template lines ("Posting Komentar", "Share this:",
// "© 2019 ... All rights reserved") of many languages, matched against a
// line's LineKey with one RE2::Set (a single DFA pass per line, whatever the
// number of entries).
//
//   std::unique_ptr<BoilerplateLexicon> lexicon;
//   Status s = BoilerplateLexicon::Build(EmbeddedLexicons({"en", "id"}), &lexicon);
//   std::string key;
//   MakeLineKey("Posting Komentar", &key);
//   lexicon->Matches(key);  // true
//
// The file format is described in data/boilerplate/README.md; the files of
// that directory are compiled into the binary (EmbeddedLexicons).
//
// Thread-safety: immutable after Build; Matches may be called from any
// number of threads.

#ifndef SARING_STAGES_BOILERPLATE_LEXICON_H_
#define SARING_STAGES_BOILERPLATE_LEXICON_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/set.h>

#include "saring/status.h"

namespace saring {

struct LexiconSource {
  std::string name;  // language code or file path, for error messages
  std::string text;  // file contents
};

// The built-in lexicons of `languages` ({"all"}: every one), or an error
// naming an unknown language.
Status EmbeddedLexicons(const std::vector<std::string>& languages, std::vector<LexiconSource>* out);
// Language codes of the built-in lexicons.
std::vector<std::string> EmbeddedLexiconLanguages();

class BoilerplateLexicon {
 public:
  static Status Build(const std::vector<LexiconSource>& sources,
                      std::unique_ptr<BoilerplateLexicon>* lexicon);

  // True when `key` (a LineKey) matches an entry.
  bool Matches(std::string_view key) const;
  size_t size() const { return entries_; }

 private:
  BoilerplateLexicon();
  RE2::Set set_;
  size_t entries_ = 0;
};

}  // namespace saring

#endif  // SARING_STAGES_BOILERPLATE_LEXICON_H_
