// NormalizeStage ("normalize"): makes text byte-comparable before anything
// judges it.
//
//   - normalize:
//       newlines: true      # CRLF, lone CR, U+0085, U+2028, U+2029 -> "\n"
//       whitespace: true    # tab and Unicode spaces -> " ", runs collapsed,
//                           # lines trimmed, leading/trailing blank lines cut
//       max_blank_lines: 1  # longer runs of blank lines are shortened
//       strip_control: true # C0/C1 controls (but \t \n), U+200B, U+2060 and
//                           # U+FEFF removed; ZWJ/ZWNJ kept (they spell words
//                           # in Persian and Indic scripts)
//       nfc: true           # Unicode NFC (ICU)
//       invalid_utf8: replace         # or: remove
//       max_invalid_utf8_fraction: 0.01
//
// Invalid UTF-8 is repaired while reading (see text/utf8.h); this stage then
// decides: with `replace`, a document keeps its U+FFFD characters unless they
// exceed `max_invalid_utf8_fraction` of its characters (then it is most
// likely binary or mis-decoded, and removed); with `remove`, any replaced
// sequence removes the document.
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_NORMALIZE_H_
#define SARING_STAGES_NORMALIZE_H_

#include <memory>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "saring/stage.h"
#include "saring/status.h"

namespace saring {

struct NormalizeOptions {
  bool newlines = true;
  bool whitespace = true;
  int max_blank_lines = 1;
  bool strip_control = true;
  bool nfc = true;
  std::string invalid_utf8 = "replace";
  double max_invalid_utf8_fraction = 0.01;
};

// Newline, whitespace and control-character normalization of valid UTF-8.
// Returns true, with the result in *out, if it differs from `in`; returns
// false (and *out is unspecified) when `in` is already normalized.
bool NormalizeSpacing(std::string_view in, const NormalizeOptions& options, std::string* out);

// NFC of valid UTF-8 via ICU. Returns true and writes *out if `in` was not
// already in NFC.
bool NormalizeNfc(std::string_view in, std::string* out);

class NormalizeStage : public Stage {
 public:
  explicit NormalizeStage(const NormalizeOptions& options) : options_(options) {}
  std::string_view name() const override { return "normalize"; }
  void Process(Document& doc) override;

 private:
  bool RemoveForInvalidUtf8(Document& doc);

  NormalizeOptions options_;
  std::string scratch_;
};

Status CreateNormalizeStage(const YAML::Node& params, std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_NORMALIZE_H_
