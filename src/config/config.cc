#include "saring/config.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include "config/param_reader.h"
#include "stages/stage_registry.h"

namespace saring {
namespace {

// Built-in presets. `default` grows as stages land (repair, language ID,
// quality, dedup); `passthrough` reads and writes only, for format
// conversion and for measuring the I/O path.
struct Preset {
  const char* name;
  const char* summary;
  const char* yaml;
};

// The normalize stage every text preset starts with; "  @normalize" in a
// preset's YAML stands for it.
// FineWeb-2's choice of quality rules, shared by `fineweb2` and `default`
// ("      @fineweb2_quality" inside a quality stage).
constexpr const char* kFineWeb2QualityRules = R"(      rules: [gopher_repetition, fineweb, gopher_quality]
      per_language: true
      disable: [dup_para_frac, dup_para_char_frac, dup_line_char_frac, short_line_frac]
      thresholds: {dup_line_chars_frac: 0.1}
      stop_words_distinct: false
)";

constexpr const char* kNormalizeStage = R"(  - normalize:
      newlines: true
      whitespace: true
      max_blank_lines: 1
      strip_control: true
      nfc: true
      invalid_utf8: replace
      max_invalid_utf8_fraction: 0.01
)";

const Preset kPresets[] = {
    {"default", "saring's own pipeline: normalize, repair repeats, template and corpus-common lines, redact PII, identify the language, drop fragments, then judge quality by language",
     R"(# saring default pipeline
stages:
  @normalize
  # Repair before judging: drop repeated paragraphs and lines (first copy
  # kept), then template lines at the top and bottom.
  - repeats:
      paragraph_min_chars: 30
      line_min_chars: 30
      near: true
      near_min_words: 8
      near_max_edit_fraction: 0.1
  - boilerplate:
      languages: all
      max_line_chars: 120
      max_line_words: 16
  # Lines that recur across the corpus (site headers and footers,
  # navigation): a first pass counts every line of 10-200 characters and 2+
  # words that is not a sentence of 12+ words (a republished story's
  # sentences stay for dedup); a line on 3+ domains, or in 3+ documents of
  # one domain, goes. On the 697-document Common Crawl sample the 124 lines
  # found at these thresholds are navigation, license, Q&A-site, wiki and
  # library-catalog templates; at 2 they start to include dates and common
  # phrases ("united states"), so 3 is the lowest setting that stayed clean.
  - common_lines:
      min_docs: 3
      min_domains: 3
      min_chars: 10
      max_chars: 200
      min_words: 2
      sentence_min_words: 12
      url_field: auto
      memory: 256MB
  # Personal data replaced by tokens such as <EMAIL>, <PHONE>.
  - pii:
      kinds: [email, phone, ip, card, national_id]
  # The language of every document (saring.language, language_score,
  # language_script, and per-paragraph shares in saring.languages). With a
  # fastText model (models/lid.176.ftz, $SARING_LID_MODEL, or `model:`; see
  # scripts/fetch-models) fastText and CLD2 decide together, otherwise CLD2
  # alone. Nothing is removed here: set `keep` and `min_score` to filter,
  # `route: true` to write kept/<language>/.
  - language:
      backend: auto
      sample_bytes: 4KB
      paragraphs: true
      min_paragraph_chars: 40
  # A floor for fragments ("Loading...", "404 Not Found"), not a quality
  # judgement: 100 characters is one or two sentences in English and two or
  # three in Chinese or Japanese, which carry 2-3x more per character.
  # Characters, not words, so that scripts written without spaces are
  # measured fairly; word-based rules belong to the quality stage.
  - length:
      min_chars: 100
  # Then judge what is left, by the document's language: Gopher's
  # repetition rules (n-grams; the repeated paragraphs and lines were
  # repaired above, and FineWeb-2 dropped the paragraph rules), FineWeb's
  # line rules (line-end marks of every script; FineWeb-2 dropped the short
  # lines rule, which punishes lists and verse, and allows 10% of characters
  # in repeated lines) and Gopher's quality rules. Thresholds and stop words
  # are FineWeb-2's for the 31 languages of data/quality/fineweb2.yaml,
  # Gopher's and FineWeb's published values for English and the rest.
  - quality:
      @fineweb2_quality
      line_end_marks: multiscript
)"},
    {"gopher", "Gopher's (MassiveText) quality and repetition rules on English text",
     R"(# Gopher's filters (Rae et al. 2021, appendix A1.1): English only, its
# quality rules (stop words: at least two different ones of its eight), then
# its repetition rules, with the published thresholds. Not included: its
# SafeSearch filter, its deduplication.
stages:
  @normalize
  - language: {backend: auto, sample_bytes: 4KB, paragraphs: false, keep: [en]}
  - quality:
      rules: [gopher_quality, gopher_repetition]
      per_language: false
      stop_words_distinct: true
      line_end_marks: fineweb
)"},
    {"c4", "C4's line and page rules on English text",
     R"(# C4's cleaning (Raffel et al. 2020, section 2.2), as datatrove's
# C4QualityFilter applies it: English with a language score of at least 0.99,
# then lines without terminal punctuation, with fewer than 3 words, with
# "javascript" or a cookie/policy phrase, or with a 1,000-character word go;
# pages with "lorem ipsum" or "{", or fewer than 5 sentences, go. Not
# included: its bad-words list, its three-sentence deduplication.
stages:
  @normalize
  - language: {backend: auto, sample_bytes: 4KB, paragraphs: false, keep: [en], min_score: {en: 0.99}}
  - c4: {}
)"},
    {"fineweb", "FineWeb's (English) filtering: language, Gopher repetition and quality, C4 lines, FineWeb quality",
     R"(# FineWeb's filtering, as datatrove's examples/fineweb.py runs it: English
# with a language score of at least 0.65, Gopher repetition, Gopher quality
# (stop words counted by occurrence), C4's rules without the terminal
# punctuation one, then FineWeb's quality filter on the text C4 left. Not
# included: its URL filter, its MinHash deduplication, PII formatting.
stages:
  @normalize
  - language: {backend: auto, sample_bytes: 4KB, paragraphs: false, keep: [en], min_score: {en: 0.65}}
  - quality:
      rules: [gopher_repetition, gopher_quality]
      per_language: false
      stop_words_distinct: false
      line_end_marks: fineweb
  - c4: {terminal_punct: false}
  - quality:
      rules: [fineweb]
      per_language: false
      line_end_marks: fineweb
)"},
    {"fineweb2", "FineWeb-2's per-language filtering: language score, Gopher repetition, FineWeb quality, Gopher quality",
     R"(# FineWeb-2's filtering, as its pipeline (huggingface/fineweb-2,
# fineweb-2-pipeline.py) configures datatrove's filters:
#   - a minimum language score per language (its configs' language_score;
#     they were set on GlotLID's scores, and saring's are not GlotLID's);
#   - Gopher repetition without the paragraph rules and the line-character
#     rule, with the language's dup_line_frac and n-gram thresholds;
#   - FineWeb quality without the short-line rule, 10% duplicated line
#     characters (not 1%), the language's line_punct_thr and new_line_ratio;
#   - Gopher quality with the language's word lengths, share of words with a
#     letter, and stop words (at least 2 occurrences).
# Per-language values and language-score minimums for 31 languages come
# from FineWeb-2's configs (data/quality/fineweb2.yaml); other languages get
# the published values and no stop-word rule. Not included: FineWeb-2's
# MinHash deduplication, FTFY, PII redaction.
stages:
  @normalize
  - language:
      backend: auto
      sample_bytes: 4KB
      paragraphs: true
      min_score: {ar: 0.711, bg: 0.9, ca: 0.815, cs: 0.88, da: 0.3, de: 0.821, el: 0.826,
                  es: 0.84, fi: 0.764, fr: 0.824, he: 0.9, hi: 0.692, hr: 0.467, hu: 0.744,
                  id: 0.685, it: 0.817, ja: 0.886, ko: 0.842, ms: 0.618, nl: 0.689, pl: 0.689,
                  pt: 0.799, ro: 0.822, ru: 0.9, sk: 0.667, sv: 0.629, th: 0.9, tr: 0.875,
                  uk: 0.9, vi: 0.802, zh: 0.692}
  - quality:
      @fineweb2_quality
      line_end_marks: fineweb
)"},
    {"signals", "annotate only: language and every quality signal on every document (saring signals)",
     R"(# Every document is kept, with its language and every quality signal
# (Gopher repetition and quality, FineWeb) under saring.signals, computed
# with the document language's stop words: data to choose thresholds from,
# as RedPajama-v2 publishes its quality signals.
stages:
  @normalize
  - language: {backend: auto, sample_bytes: 4KB, paragraphs: true}
  - quality: {rules: [], annotate: true, per_language: true}
)"},
    {"dedup", "exact and MinHash near-duplicate removal alone, on text as it is (saring dedup)",
     R"(# Deduplication only: the text is not normalized or repaired, so that
# `saring dedup` can run on the output of another tool. The first document
# of each cluster in input order is kept (see src/stages/dedup_filter.h).
stages:
  - dedup:
      bands: 14
      rows: 8
      ngram: 5
      exact: true
      near: true
      keeper: first
      verify: none
      memory: 512MB
)"},
    {"passthrough", "no stages: read, parse and write every document (format conversion, I/O benchmark)",
     R"(# read -> parse -> write only
stages: []
)"},
};

Status ParseSection(const YAML::Node& node, const std::string& where, InputOptions* in) {
  ParamReader p(where, node);
  p.Get("text_field", &in->text_field);
  p.Get("id_field", &in->id_field);
  p.GetBytes("max_doc_bytes", &in->max_doc_bytes);
  p.Get("from_signals", &in->from_signals);
  Status s = p.Finish();
  if (!s.ok()) return s;
  if (in->text_field.empty()) return Status::InvalidArgument("input.text_field is empty");
  if (in->max_doc_bytes == 0) return Status::InvalidArgument("input.max_doc_bytes must be > 0");
  return Status::OK();
}

Status ParseSection(const YAML::Node& node, const std::string& where, OutputOptions* out) {
  ParamReader p(where, node);
  p.GetChoice("compression", {"zst", "gz", "none"}, &out->compression);
  p.Get("compression_level", &out->compression_level);
  p.GetBytes("shard_bytes", &out->shard_bytes);
  p.Get("write_removed", &out->write_removed);
  p.Get("report", &out->report);
  Status s = p.Finish();
  if (!s.ok()) return s;
  if (out->shard_bytes == 0) return Status::InvalidArgument("output.shard_bytes must be > 0");
  // zstd's negative levels are its --fast=N modes: faster than level 1
  // for a lower ratio.
  int min_level = out->compression == "zst" ? -50 : 0;
  int max_level = out->compression == "gz" ? 9 : 19;
  if (out->compression_level < min_level || out->compression_level > max_level) {
    return Status::InvalidArgument("output.compression_level must be " + std::to_string(min_level) + ".." +
                                   std::to_string(max_level) + " for " + out->compression);
  }
  return Status::OK();
}

// Moves the `enabled` key every stage accepts out of its params.
Status TakeEnabled(const std::string& where, StageConfig* c) {
  if (!c->params.IsMap() || !c->params["enabled"]) return Status::OK();
  try {
    c->enabled = c->params["enabled"].as<bool>();
  } catch (const YAML::Exception&) {
    return Status::InvalidArgument("stage '" + where + "': enabled must be true or false");
  }
  c->params.remove("enabled");
  return Status::OK();
}

Status ParseStages(const YAML::Node& node, std::vector<StageConfig>* stages) {
  stages->clear();
  if (!node || node.IsNull()) return Status::OK();
  if (!node.IsSequence()) return Status::InvalidArgument("'stages' must be a list");
  for (size_t i = 0; i < node.size(); ++i) {
    const YAML::Node& item = node[i];
    StageConfig c;
    if (item.IsScalar()) {
      c.type = item.Scalar();  // "- normalize" with default settings
      c.params = YAML::Node(YAML::NodeType::Map);
    } else if (item.IsMap() && item.size() == 1) {
      auto it = item.begin();
      c.type = it->first.as<std::string>();
      c.params = it->second.IsNull() ? YAML::Node(YAML::NodeType::Map) : YAML::Clone(it->second);
    } else {
      return Status::InvalidArgument("stage #" + std::to_string(i + 1) +
                                     " must be a name or a one-key map such as '- length: {min_chars: 200}'");
    }
    Status s = TakeEnabled(c.type, &c);
    if (!s.ok()) return s;
    stages->push_back(std::move(c));
  }
  return Status::OK();
}

// Parses an override value the way YAML would ("true", "12", "0.5", "zst").
YAML::Node ScalarNode(const std::string& value) { return YAML::Load(value.empty() ? "''" : value); }

}  // namespace

Status ParseByteSize(const std::string& text, uint64_t* bytes) {
  std::string t;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) t.push_back(c);
  }
  size_t pos = 0;
  double number = 0;
  try {
    number = std::stod(t, &pos);
  } catch (...) {
    return Status::InvalidArgument("'" + text + "' is not a size (examples: 4096, 10MB, 1.5G)");
  }
  std::string unit = t.substr(pos);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'B') unit.pop_back();
  if (!unit.empty() && unit.back() == 'I') unit.pop_back();  // KiB, MiB: same binary units
  double scale = 1;
  if (unit == "K") scale = 1024.0;
  else if (unit == "M") scale = 1024.0 * 1024;
  else if (unit == "G") scale = 1024.0 * 1024 * 1024;
  else if (unit == "T") scale = 1024.0 * 1024 * 1024 * 1024;
  else if (!unit.empty()) return Status::InvalidArgument("'" + text + "' has an unknown unit (use K, M, G, T)");
  if (number < 0 || !std::isfinite(number)) return Status::InvalidArgument("'" + text + "' is not a size");
  *bytes = static_cast<uint64_t>(std::llround(number * scale));
  return Status::OK();
}

std::vector<std::string> PresetNames() {
  std::vector<std::string> names;
  for (const auto& p : kPresets) names.emplace_back(p.name);
  return names;
}

std::string PresetYaml(const std::string& name) {
  for (const auto& p : kPresets) {
    if (name != p.name) continue;
    std::string yaml = p.yaml;
    for (const auto& [marker, text] : {std::pair<std::string, const char*>{"  @normalize\n", kNormalizeStage},
                                       {"      @fineweb2_quality\n", kFineWeb2QualityRules}}) {
      if (size_t at = yaml.find(marker); at != std::string::npos) yaml.replace(at, marker.size(), text);
    }
    return yaml;
  }
  return "";
}

Status ParseConfigYaml(const std::string& yaml, const std::string& origin, PipelineConfig* config) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(origin + ": " + e.what());
  }
  PipelineConfig c;
  c.name = origin;
  if (root && !root.IsNull() && !root.IsMap()) {
    return Status::InvalidArgument(origin + ": the config must be a map with input/output/stages");
  }
  const std::vector<std::string> sections = {"input", "output", "stages"};
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>();
    if (std::find(sections.begin(), sections.end(), key) != sections.end()) continue;
    return Status::InvalidArgument(origin + ": unknown key '" + key + "'" + DidYouMean(key, sections));
  }
  Status s = ParseSection(root["input"], "section 'input'", &c.input);
  if (s.ok()) s = ParseSection(root["output"], "section 'output'", &c.output);
  if (s.ok()) s = ParseStages(root["stages"], &c.stages);
  if (s.ok()) s = ValidateConfig(c);
  if (!s.ok()) return Status::InvalidArgument(origin + ": " + s.message());
  *config = std::move(c);
  return Status::OK();
}

Status LoadPreset(const std::string& name, PipelineConfig* config) {
  std::string yaml = PresetYaml(name);
  if (yaml.empty()) {
    return Status::InvalidArgument("unknown preset '" + name + "'" + DidYouMean(name, PresetNames()));
  }
  Status s = ParseConfigYaml(yaml, "preset " + name, config);
  if (s.ok()) config->name = name;
  return s;
}

Status LoadConfigFile(const std::string& path, PipelineConfig* config) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read config " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return ParseConfigYaml(buf.str(), path, config);
}

Status ApplyOverride(const std::string& assignment, PipelineConfig* config) {
  return ApplyOverrides({assignment}, config);
}

Status ApplyOverrides(const std::vector<std::string>& assignments, PipelineConfig* target) {
  // A stage is validated once, after every assignment to it: some keys only
  // make sense together (dedup.keeper=score with dedup.score_field=...).
  // The work is done on a copy, so that a refused assignment changes nothing.
  PipelineConfig copy = *target;
  PipelineConfig* config = &copy;
  std::vector<std::string> touched(config->stages.size());  // the assignments to each stage
  for (const std::string& assignment : assignments) {
    const size_t eq = assignment.find('=');
    const size_t dot = assignment.find('.');
    if (eq == std::string::npos || dot == std::string::npos || dot > eq) {
      return Status::InvalidArgument(
          "--set expects SECTION.KEY=VALUE, e.g. length.min_chars=500; got '" + assignment + "'");
    }
    const std::string section = assignment.substr(0, dot);
    const std::string key = assignment.substr(dot + 1, eq - dot - 1);
    const std::string value = assignment.substr(eq + 1);
    if (section == "input" || section == "output") {
      // Re-parse the section with the one key replaced: same validation as a file.
      YAML::Node node = YAML::Load(ConfigToYaml(*config))[section];
      node[key] = ScalarNode(value);
      Status s = section == "input"
                     ? ParseSection(node, "--set " + assignment, &config->input)
                     : ParseSection(node, "--set " + assignment, &config->output);
      if (!s.ok()) return s;
      continue;
    }
    size_t k = 0;
    while (k < config->stages.size() && config->stages[k].type != section) ++k;
    if (k == config->stages.size()) {
      return Status::InvalidArgument("--set " + assignment + ": the pipeline has no stage '" +
                                     section + "' (and it is not 'input' or 'output')");
    }
    StageConfig& stage = config->stages[k];
    if (key == "enabled") {
      StageConfig trial{stage.type, YAML::Node(YAML::NodeType::Map)};
      trial.params["enabled"] = ScalarNode(value);
      Status s = TakeEnabled(section, &trial);
      if (!s.ok()) return Status::InvalidArgument("--set " + assignment + ": " + s.message());
      stage.enabled = trial.enabled;
      continue;
    }
    // (reset, not =: assigning to a YAML::Node rewrites the node it shares
    // with the target's config.)
    if (touched[k].empty()) stage.params.reset(YAML::Clone(stage.params));
    stage.params[key] = ScalarNode(value);
    touched[k] += (touched[k].empty() ? "--set " : " --set ") + assignment;
  }
  for (size_t k = 0; k < config->stages.size(); ++k) {
    if (touched[k].empty()) continue;
    std::unique_ptr<Stage> built;
    Status s = CreateStage(config->stages[k], &built);
    if (!s.ok()) return Status::InvalidArgument(touched[k] + ": " + s.message());
  }
  *target = std::move(copy);
  return Status::OK();
}

void DropDisabledStages(PipelineConfig* config) {
  auto& stages = config->stages;
  stages.erase(std::remove_if(stages.begin(), stages.end(),
                              [](const StageConfig& s) { return !s.enabled; }),
               stages.end());
}

// With from_signals, the stored signals describe the text as it was stored:
// no stage before the last quality stage may change it, but normalize
// (which leaves normalized text as it is).
Status CheckFromSignals(const PipelineConfig& config) {
  if (!config.input.from_signals) return Status::OK();
  size_t last_quality = 0;
  for (size_t i = 0; i < config.stages.size(); ++i) {
    if (config.stages[i].enabled && config.stages[i].type == "quality") last_quality = i + 1;
  }
  for (size_t i = 0; i < last_quality; ++i) {
    const StageConfig& st = config.stages[i];
    if (!st.enabled) continue;
    if (st.type == "normalize" || st.type == "language" || st.type == "length" ||
        st.type == "quality") {
      continue;
    }
    return Status::InvalidArgument(
        "--from-signals: stage '" + st.type +
        "' runs before 'quality' and changes the text the stored signals describe; disable it "
        "(--set " + st.type + ".enabled=false) or recompute the signals");
  }
  return Status::OK();
}

Status ValidateConfig(const PipelineConfig& config) {
  std::vector<std::unique_ptr<Stage>> stages;
  Status s = CreateStages(config.stages, {}, &stages);
  if (!s.ok()) return s;
  return CheckFromSignals(config);
}

std::string ConfigToYaml(const PipelineConfig& config) {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "input" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "text_field" << YAML::Value << config.input.text_field;
  e << YAML::Key << "id_field" << YAML::Value << config.input.id_field;
  e << YAML::Key << "max_doc_bytes" << YAML::Value << config.input.max_doc_bytes;
  e << YAML::Key << "from_signals" << YAML::Value << config.input.from_signals;
  e << YAML::EndMap;
  e << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "compression" << YAML::Value << config.output.compression;
  e << YAML::Key << "compression_level" << YAML::Value << config.output.compression_level;
  e << YAML::Key << "shard_bytes" << YAML::Value << config.output.shard_bytes;
  e << YAML::Key << "write_removed" << YAML::Value << config.output.write_removed;
  e << YAML::Key << "report" << YAML::Value << config.output.report;
  e << YAML::EndMap;
  e << YAML::Key << "stages" << YAML::Value << YAML::BeginSeq;
  for (const StageConfig& s : config.stages) {
    YAML::Node params = YAML::Clone(s.params);
    if (!s.enabled) params["enabled"] = false;
    e << YAML::BeginMap << YAML::Key << s.type << YAML::Value << params << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace saring
