// LanguageIdentifier: the language of a document, from CLD2, a fastText
// model, or both combined.
//
//   LanguageIdOptions options;            // backend "auto": combined when a
//   options.model = "models/lid.176.ftz";  // fastText model is found, else CLD2
//   std::unique_ptr<LanguageIdentifier> lid;
//   Status s = LanguageIdentifier::Create(options, &lid);
//   LanguageGuess g = lid->Identify("Kami tidak mahu kerajaan menaikkan harga.");
//   // g.tag.language == "ms", g.score 0.97, g.decided_by "combined: fasttext+cld2 vote"
//   g = lid->Identify("Kami tidak mau pemerintah menaikkan harga.");  // "id"
//
// Backends:
//   cld2      CLD2 with its full tables (165 languages), no model file;
//             strong on the languages it knows, weaker on short text.
//   fasttext  a fastText model (lid.176 .bin/.ftz, GlotLID, OpenLID), read by
//             saring's own reader (fasttext_model.h).
//   combined  fastText first; CLD2 and marker words settle the cases fastText
//             is known to get wrong (the rule is at Combine in
//             language_identifier.cc, measured by `saring lid eval`).
//
// Every text is classified on a bounded sample: its first `sample_bytes`
// bytes (default 4 KB, some 600 words of English), cut at a line end (a line
// longer than that is cut at a character boundary). A web page's language
// rarely changes past its first screen, and a bounded sample bounds the cost
// of a 10 MB document. On the Common Crawl sample, 77% of the documents fit
// whole in 4 KB (89% in 8 KB), and the sample covers 44% of all text bytes
// (8 KB: 60%).
//
// Thread-safety: Identify may be called from many threads at once; the
// fastText model is loaded once per process and shared.

#ifndef SARING_LANG_LANGUAGE_IDENTIFIER_H_
#define SARING_LANG_LANGUAGE_IDENTIFIER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/cld2_detector.h"
#include "lang/fasttext_model.h"
#include "lang/language_code.h"
#include "saring/status.h"

namespace saring {

enum class LidBackend { kCld2, kFastText, kCombined };

struct LanguageIdOptions {
  std::string backend = "auto";  // auto | cld2 | fasttext | combined
  // fastText model file. Empty: $SARING_LID_MODEL, then models/lid.176.ftz
  // in the working directory, then beside the binary (../models/).
  std::string model;
  size_t sample_bytes = 4096;
};

struct LanguageGuess {
  LanguageTag tag;                        // "und" when nothing could be said
  float score = 0;                        // confidence, 0..1 (the backend's probability or share)
  std::vector<LanguageScore> candidates;  // the deciding backend's top 3
  std::string decided_by;                 // "fasttext", "cld2", "combined: ..."
};

// A line of a sample (bytes [begin, end)) and its language; "" when the
// line was too short to classify.
struct LineLanguage {
  size_t begin = 0, end = 0;
  std::string language;
};

class LanguageIdentifier {
 public:
  static Status Create(const LanguageIdOptions& options,
                       std::unique_ptr<LanguageIdentifier>* identifier);

  LidBackend backend() const { return backend_; }
  const std::string& model_path() const { return model_path_; }

  LanguageGuess Identify(std::string_view text) const { return IdentifyWith(backend_, text); }
  // With another backend than the configured one (for evaluation); kFastText
  // and kCombined need a model.
  LanguageGuess IdentifyWith(LidBackend backend, std::string_view text) const;

  // As Identify, and the language of each line of the sample; lines shorter
  // than `min_line_chars` characters get "". With a fastText model the
  // lines are read from the same pass as the document (see
  // FastTextModel::PredictWithLines), so they cost little.
  LanguageGuess IdentifyLines(std::string_view text, size_t min_line_chars,
                              std::vector<LineLanguage>* lines) const;

  // The first `sample_bytes` of `text`, cut as described above.
  std::string_view Sample(std::string_view text) const;

 private:
  LanguageIdentifier() = default;
  LanguageGuess FastTextGuess(const std::vector<LabelScore>& top) const;
  LanguageGuess FromCld2(std::string_view sample) const;
  LanguageGuess Combine(std::string_view sample, LanguageGuess ft) const;
  LanguageGuess Vote(std::string_view sample, LanguageGuess ft) const;
  static void RuleOutByLetters(std::string_view sample, LanguageGuess* g);
  static std::string LineLanguageOf(const std::string& line_language, float prob,
                                    const LanguageGuess& document);
  static std::string PreferMajority(const LanguageGuess& g, const std::string& fasttext_top);
  LanguageTag FastTextTag(int label) const { return fasttext_tags_[label]; }
  bool FastTextKnows(const std::string& language) const;
  static bool IsConfusable(const std::string& language);

  LidBackend backend_ = LidBackend::kCld2;
  size_t sample_bytes_ = 0;
  std::string model_path_;
  std::shared_ptr<const FastTextModel> model_;
  std::vector<LanguageTag> fasttext_tags_;       // per model label
  std::vector<std::string> fasttext_languages_;  // sorted, for "does fastText know X"
};

// Finds the fastText model `options` names or the default locations hold;
// "" when there is none.
std::string FindLidModel(const std::string& configured);

}  // namespace saring

#endif  // SARING_LANG_LANGUAGE_IDENTIFIER_H_
