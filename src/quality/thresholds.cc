#include "quality/thresholds.h"

#include <yaml-cpp/yaml.h>

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

std::vector<std::pair<const char*, double>> StoredSignalValues(const QualitySignals& s) {
  auto values = NamedSignals(s, false);
  values.emplace_back("distinct_stop_words", double(s.distinct_stop_words));
  values.emplace_back("line_punct_frac_fineweb", s.line_punct_frac_fineweb);
  values.emplace_back("line_punct_frac_multiscript", s.line_punct_frac_multiscript);
  return values;
}

bool NamedFromStored(const StoredSignals& stored, bool distinct_stop_words,
                     const std::string& line_end_marks,
                     std::vector<std::pair<const char*, double>>* named, std::string* missing) {
  *named = NamedSignals(QualitySignals(), distinct_stop_words);
  for (auto& [name, value] : *named) {
    std::string_view key = name;
    if (key == "stop_words" && distinct_stop_words) key = "distinct_stop_words";
    if (key == "line_punct_frac") {
      key = line_end_marks == "fineweb" ? "line_punct_frac_fineweb" : "line_punct_frac_multiscript";
    }
    const double* v = stored.Find(key);
    if (v == nullptr) {
      *missing = std::string(key);
      return false;
    }
    value = *v;
  }
  return true;
}

extern const char kFineWeb2ProfilesYaml[];  // data/quality/fineweb2.yaml

namespace {

// One FineWeb-2 language config in saring's threshold names: dup_line_frac;
// top_n_grams 2..4; dup_n_grams 5..10; line_punct_thr -> min_line_punct_frac;
// new_line_ratio -> newlines_per_word; min/max_avg_word_length ->
// min/max_mean_word_length; max_non_alpha_words_ratio (a minimum share of
// words with a letter) -> min_alpha_words_frac.
LanguageProfile FromFineWeb2(const YAML::Node& c) {
  LanguageProfile p;
  p.thresholds = {{"dup_line_frac", c["dup_line_frac"].as<double>()},
                  {"min_line_punct_frac", c["line_punct_thr"].as<double>()},
                  {"newlines_per_word", c["new_line_ratio"].as<double>()},
                  {"min_mean_word_length", c["min_avg_word_length"].as<double>()},
                  {"max_mean_word_length", c["max_avg_word_length"].as<double>()},
                  {"min_alpha_words_frac", c["max_non_alpha_words_ratio"].as<double>()}};
  for (const YAML::Node& pair : c["top_n_grams"]) {
    p.thresholds["top_" + pair[0].as<std::string>() + "gram_char_frac"] = pair[1].as<double>();
  }
  for (const YAML::Node& pair : c["dup_n_grams"]) {
    p.thresholds["dup_" + pair[0].as<std::string>() + "gram_char_frac"] = pair[1].as<double>();
  }
  p.stop_words = c["stopwords"].as<std::vector<std::string>>();
  p.language_score = c["language_score"].as<double>();
  return p;
}

std::map<std::string, LanguageProfile> LoadProfiles() {
  std::map<std::string, LanguageProfile> profiles;
  // English: the published values and Gopher's eight stop words.
  profiles["en"].stop_words = GopherStopWords();
  // The embedded file is part of the build and tested; a parse error here
  // is a build defect, so it throws rather than returning a Status.
  const YAML::Node root = YAML::Load(kFineWeb2ProfilesYaml);
  for (const auto& entry : root)
    profiles[entry.first.as<std::string>()] = FromFineWeb2(entry.second);
  // FineWeb-2's Korean stop words are particles and endings (의, 는, 을,
  // 에서) that its tokenizer splits off a word; saring's Korean words are
  // the space-separated eojeol ("축제가"), so they count by their ending.
  profiles["ko"].stop_words_as_suffixes = true;
  return profiles;
}

const std::map<std::string, LanguageProfile>& Profiles() {
  static const std::map<std::string, LanguageProfile> profiles = LoadProfiles();
  return profiles;
}

}  // namespace

const LanguageProfile* FindLanguageProfile(const std::string& language) {
  auto it = Profiles().find(language);
  return it == Profiles().end() ? nullptr : &it->second;
}

std::vector<std::string> ProfileLanguages() {
  std::vector<std::string> languages = {"en"};
  for (const auto& [language, profile] : Profiles()) {
    if (language != "en") languages.push_back(language);
  }
  return languages;
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
