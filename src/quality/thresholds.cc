#include "quality/thresholds.h"

namespace saring {

const std::vector<QualityRule>& PublishedRules() {
  static const std::vector<QualityRule> rules = {
      // Gopher repetition (Rae et al. 2021, table A1), in datatrove's order.
      {"gopher_repetition", "dup_para_frac", "dup_para_frac", Fails::kAbove, 0.30},
      {"gopher_repetition", "dup_para_char_frac", "dup_para_char_frac", Fails::kAbove, 0.20},
      {"gopher_repetition", "dup_line_frac", "dup_line_frac", Fails::kAbove, 0.30},
      {"gopher_repetition", "dup_line_char_frac", "dup_line_char_frac", Fails::kAbove, 0.20},
      {"gopher_repetition", "top_2gram_char_frac", "top_2gram_char_frac", Fails::kAbove, 0.20},
      {"gopher_repetition", "top_3gram_char_frac", "top_3gram_char_frac", Fails::kAbove, 0.18},
      {"gopher_repetition", "top_4gram_char_frac", "top_4gram_char_frac", Fails::kAbove, 0.16},
      {"gopher_repetition", "dup_5gram_char_frac", "dup_5gram_char_frac", Fails::kAbove, 0.15},
      {"gopher_repetition", "dup_6gram_char_frac", "dup_6gram_char_frac", Fails::kAbove, 0.14},
      {"gopher_repetition", "dup_7gram_char_frac", "dup_7gram_char_frac", Fails::kAbove, 0.13},
      {"gopher_repetition", "dup_8gram_char_frac", "dup_8gram_char_frac", Fails::kAbove, 0.12},
      {"gopher_repetition", "dup_9gram_char_frac", "dup_9gram_char_frac", Fails::kAbove, 0.11},
      {"gopher_repetition", "dup_10gram_char_frac", "dup_10gram_char_frac", Fails::kAbove, 0.10},
      // Gopher quality.
      {"gopher_quality", "words", "min_words", Fails::kBelow, 50},
      {"gopher_quality", "words", "max_words", Fails::kAbove, 100000},
      {"gopher_quality", "mean_word_length", "min_mean_word_length", Fails::kBelow, 3},
      {"gopher_quality", "mean_word_length", "max_mean_word_length", Fails::kAbove, 10},
      {"gopher_quality", "hash_word_ratio", "hash_word_ratio", Fails::kAbove, 0.1},
      {"gopher_quality", "ellipsis_word_ratio", "ellipsis_word_ratio", Fails::kAbove, 0.1},
      {"gopher_quality", "bullet_lines_frac", "bullet_lines_frac", Fails::kAbove, 0.9},
      {"gopher_quality", "ellipsis_lines_frac", "ellipsis_lines_frac", Fails::kAbove, 0.3},
      {"gopher_quality", "alpha_words_frac", "min_alpha_words_frac", Fails::kBelow, 0.8},
      {"gopher_quality", "stop_words", "min_stop_words", Fails::kBelow, 2},
      // FineWeb's quality filter.
      {"fineweb", "line_punct_frac", "min_line_punct_frac", Fails::kAtOrBelow, 0.12},
      {"fineweb", "short_line_frac", "short_line_frac", Fails::kAtOrAbove, 0.67},
      {"fineweb", "dup_line_chars_frac", "dup_line_chars_frac", Fails::kAtOrAbove, 0.01},
      {"fineweb", "newlines_per_word", "newlines_per_word", Fails::kAbove, 0.3},
  };
  return rules;
}

std::vector<std::pair<const char*, double>> NamedSignals(const QualitySignals& s,
                                                         bool distinct_stop_words) {
  return {
      {"dup_para_frac", s.dup_para_frac},
      {"dup_para_char_frac", s.dup_para_char_frac},
      {"dup_line_frac", s.dup_line_frac},
      {"dup_line_char_frac", s.dup_line_char_frac},
      {"top_2gram_char_frac", s.top_ngram_char_frac[0]},
      {"top_3gram_char_frac", s.top_ngram_char_frac[1]},
      {"top_4gram_char_frac", s.top_ngram_char_frac[2]},
      {"dup_5gram_char_frac", s.dup_ngram_char_frac[0]},
      {"dup_6gram_char_frac", s.dup_ngram_char_frac[1]},
      {"dup_7gram_char_frac", s.dup_ngram_char_frac[2]},
      {"dup_8gram_char_frac", s.dup_ngram_char_frac[3]},
      {"dup_9gram_char_frac", s.dup_ngram_char_frac[4]},
      {"dup_10gram_char_frac", s.dup_ngram_char_frac[5]},
      {"words", double(s.words)},
      {"mean_word_length", s.mean_word_length},
      {"hash_word_ratio", s.hash_word_ratio},
      {"ellipsis_word_ratio", s.ellipsis_word_ratio},
      {"bullet_lines_frac", s.bullet_lines_frac},
      {"ellipsis_lines_frac", s.ellipsis_lines_frac},
      {"alpha_words_frac", s.alpha_words_frac},
      {"stop_words", double(distinct_stop_words ? s.distinct_stop_words : s.stop_words)},
      {"line_punct_frac", s.line_punct_frac},
      {"short_line_frac", s.short_line_frac},
      {"dup_line_chars_frac", s.dup_line_chars_frac},
      {"newlines_per_word", s.newlines_per_word},
  };
}

namespace {

// One FineWeb-2 language config (huggingface/fineweb-2, configs/<lang>.yml
// at commit d331bee, the version whose Indonesian values issue 5 quotes),
// in saring's threshold names: dup_line_frac; top_n_grams 2..4;
// dup_n_grams 5..10; line_punct_thr -> min_line_punct_frac; new_line_ratio
// -> newlines_per_word; min/max_avg_word_length -> min/max_mean_word_length;
// max_non_alpha_words_ratio (a minimum share of words with a letter) ->
// min_alpha_words_frac.
struct FineWeb2Config {
  double dup_line_frac;
  double top[3];  // n = 2, 3, 4
  double dup[6];  // n = 5 .. 10
  double line_punct, new_line_ratio, min_word_length, max_word_length, alpha_words;
  std::vector<std::string> stop_words;
};

LanguageProfile FromFineWeb2(const FineWeb2Config& c) {
  LanguageProfile p;
  p.thresholds = {
      {"dup_line_frac", c.dup_line_frac},          {"min_line_punct_frac", c.line_punct},
      {"newlines_per_word", c.new_line_ratio},     {"min_mean_word_length", c.min_word_length},
      {"max_mean_word_length", c.max_word_length}, {"min_alpha_words_frac", c.alpha_words}};
  for (int n = 2; n <= 4; ++n) {
    p.thresholds["top_" + std::to_string(n) + "gram_char_frac"] = c.top[n - 2];
  }
  for (int n = 5; n <= 10; ++n) {
    p.thresholds["dup_" + std::to_string(n) + "gram_char_frac"] = c.dup[n - 5];
  }
  p.stop_words = c.stop_words;
  return p;
}

}  // namespace

const LanguageProfile* FindLanguageProfile(const std::string& language) {
  static const std::map<std::string, LanguageProfile> profiles = {
      // English: the published values and Gopher's eight stop words.
      {"en", {{}, {"the", "be", "to", "of", "and", "that", "have", "with"}}},
      {"id", FromFineWeb2({0.241,
                           {0.194, 0.166, 0.145},
                           {0.166, 0.155, 0.144, 0.133, 0.122, 0.111},
                           0.111,
                           0.157,
                           3,
                           12,
                           0.805,
                           {"dan", "yang", "di", "pada", "dari", "ini", "dengan", "adalah", "untuk",
                            "dalam"}})},
      {"ms", FromFineWeb2({0.331,
                           {0.264, 0.252, 0.225},
                           {0.185, 0.176, 0.166, 0.156, 0.145, 0.134},
                           0.125,
                           0.214,
                           3,
                           11,
                           0.808,
                           {"dan", "di", "yang", "pada", "dalam", "dengan", "untuk", "ini"}})},
      {"es", FromFineWeb2({0.252,
                           {0.156, 0.14, 0.125},
                           {0.145, 0.136, 0.127, 0.117, 0.108, 0.099},
                           0.182,
                           0.138,
                           3,
                           14,
                           0.825,
                           {"de", "la", "en", "el", "y", "a", "que", "del", "los", "se", "por",
                            "un", "con", "una", "las", "su"}})},
      {"ja", FromFineWeb2({0.328,
                           {0.239, 0.196, 0.172},
                           {0.243, 0.225, 0.207, 0.19, 0.175, 0.159},
                           0.096,
                           0.13,
                           1,
                           6,
                           0.759,
                           {"の", "に", "を", "は", "た", "て", "が", "と", "で", "年", "し", "・",
                            "月", "れ", "さ"}})},
  };
  auto it = profiles.find(language);
  return it == profiles.end() ? nullptr : &it->second;
}

const std::vector<std::string>& LineEndMarks(const std::string& name) {
  static const std::vector<std::string> fineweb = {".", "'", "\"", "!", "?"};
  static const std::vector<std::string> multiscript = {
      ".",  "'",  "\"", "!",  "?", "…",  // Latin, Cyrillic, Greek, ...
      "。", "！", "？", "．",            // CJK (ideographic and full-width)
      "۔",  "؟",                         // Arabic script (Urdu full stop, question mark)
      "।",  "॥",                         // Devanagari and other Indic danda
      "።",  "፧",                         // Ethiopic
      "։",                               // Armenian
      "။",                               // Burmese
      "។",                               // Khmer
      "”",  "’",  "»",                   // typographic forms of FineWeb's ' and "
  };
  return name == "fineweb" ? fineweb : multiscript;
}

}  // namespace saring
