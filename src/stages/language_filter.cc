#include "stages/language_filter.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "config/param_reader.h"
#include "json/json_writer.h"
#include "text/utf8.h"

namespace saring {
namespace {

// A folder name for kept/<language>/: canonical codes are lower-case
// letters, but a model's odd label must not become a path.
std::string SafeRoute(const std::string& language) {
  for (char c : language) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return "und";
  }
  return language.empty() ? "und" : language;
}

}  // namespace

LanguageFilter::LanguageFilter(const LanguageFilterOptions& options,
                               std::unique_ptr<LanguageIdentifier> identifier)
    : options_(options), identifier_(std::move(identifier)) {}

double LanguageFilter::MinScore(const std::string& language) const {
  auto it = options_.min_score.find(language);
  if (it == options_.min_score.end()) it = options_.min_score.find("default");
  return it == options_.min_score.end() ? 0.0 : it->second;
}

void LanguageFilter::Process(Document& doc) {
  const StoredSignals* stored = doc.stored();
  if (stored != nullptr && !stored->language.empty()) {
    // --from-signals: the earlier run's decision, already in the record's
    // "saring" object; only the filters and the route apply.
    doc.set_language(stored->language);
    Decide(doc, stored->language, stored->language_score);
    return;
  }
  std::string_view sample = identifier_->Sample(doc.text());
  LanguageGuess guess = options_.paragraphs ? identifier_->IdentifyLines(
                                                  sample, options_.min_paragraph_chars, &lines_)
                                            : identifier_->Identify(sample);
  const std::string& language = guess.tag.language;
  std::string script = guess.tag.script.empty() ? DominantScript(sample) : guess.tag.script;
  // The score is decided on as it is stored (4 decimals), so that a later
  // --from-signals run decides the same.
  const double score = std::round(guess.score * 1e4) / 1e4;
  if (DocTrace* trace = doc.trace()) {
    std::string note = fmt::format("{} (script {}), score {:.4f}, decided by {}; its candidates:",
                                   language, script.empty() ? "?" : script, score, guess.decided_by);
    for (const LanguageScore& c : guess.candidates) {
      note += fmt::format(" {} {:.4f}", c.tag.ToString(), c.score);
    }
    trace->notes.emplace_back("language", std::move(note));
  }
  doc.AnnotateString("language", language);
  doc.set_language(language);
  doc.Annotate("language_score", score);
  if (!script.empty()) doc.AnnotateString("language_script", script);
  if (options_.paragraphs) AnnotateShares(doc, sample, language);
  Decide(doc, language, score);
}

// Counts, routes, and applies the keep-list and the minimum score.
void LanguageFilter::Decide(Document& doc, const std::string& language, double score) {
  Count("docs_" + language, 1);
  if (options_.route) doc.set_route(SafeRoute(language));
  if (!options_.keep.empty() && options_.keep.count(language) == 0) {
    doc.Remove("language", "not_kept",
               fmt::format("language: {} not in keep list (score {:.2f})", language, score));
    return;
  }
  const double min_score = MinScore(language);
  if (doc.trace() != nullptr && min_score > 0) {
    doc.trace()->checks.push_back(
        DocTrace::Check{"language", "min_score " + language, score, "<", min_score, score >= min_score});
  }
  if (score < min_score) {
    // As many decimals as the threshold has (FineWeb-2's 0.685), at least 2.
    const int decimals = std::fabs(min_score * 100 - std::round(min_score * 100)) < 1e-9 ? 2 : 3;
    doc.Remove("language", "low_score",
               fmt::format("language: {} score {:.{}f} < {:.{}f}", language, score, decimals,
                           min_score, decimals));
  }
}

// The share of the sample's characters in each language, by line; a line
// too short to classify alone counts for the document's language.
void LanguageFilter::AnnotateShares(Document& doc, std::string_view sample,
                                    const std::string& language) {
  fractions_.clear();
  auto add = [&](const std::string& l, uint64_t chars) {
    for (auto& [name, n] : fractions_) {
      if (name == l) {
        n += chars;
        return;
      }
    }
    fractions_.emplace_back(l, chars);
  };
  uint64_t total = 0;
  for (const LineLanguage& line : lines_) {
    std::string_view text = sample.substr(line.begin, line.end - line.begin);
    if (Document::IsBlankLine(text)) continue;
    const uint64_t chars = CountCodePoints(text);
    total += chars;
    add(line.language.empty() ? language : line.language, chars);
  }
  if (total == 0) return;
  std::stable_sort(fractions_.begin(), fractions_.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string json = "[";
  for (size_t i = 0; i < fractions_.size(); ++i) {
    if (i > 0) json += ',';
    json += "{\"language\":";
    AppendJsonString(&json, fractions_[i].first);
    json += ",\"fraction\":";
    AppendJsonNumber(&json, std::round(1e4 * double(fractions_[i].second) / double(total)) / 1e4);
    json += '}';
  }
  json += ']';
  doc.AnnotateJson("languages", std::move(json));
}

Status CreateLanguageFilter(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  LanguageFilterOptions o;
  ParamReader p("stage 'language'", params);
  p.GetChoice("backend", {"auto", "cld2", "fasttext", "combined"}, &o.lid.backend);
  p.Get("model", &o.lid.model);
  uint64_t sample_bytes = o.lid.sample_bytes;
  p.GetBytes("sample_bytes", &sample_bytes);
  o.lid.sample_bytes = sample_bytes;
  p.Get("paragraphs", &o.paragraphs);
  p.Get("min_paragraph_chars", &o.min_paragraph_chars);
  std::vector<std::string> keep;
  p.Get("keep", &keep);
  std::map<std::string, double> min_score;
  p.Get("min_score", &min_score);
  p.Get("route", &o.route);
  Status s = p.Finish();
  if (!s.ok()) return s;
  for (const std::string& k : keep) o.keep.insert(CanonicalLanguage(k).language);
  for (const auto& [k, v] : min_score) {
    if (v < 0 || v > 1) {
      return Status::InvalidArgument(
          fmt::format("stage 'language': min_score of '{}' is {}, outside 0..1", k, v));
    }
    o.min_score[k == "default" ? k : CanonicalLanguage(k).language] = v;
  }
  if (sample_bytes < 64)
    return Status::InvalidArgument("stage 'language': sample_bytes is below 64");
  std::unique_ptr<LanguageIdentifier> identifier;
  s = LanguageIdentifier::Create(o.lid, &identifier);
  if (!s.ok()) return Status::InvalidArgument("stage 'language': " + s.message());
  *stage = std::make_unique<LanguageFilter>(o, std::move(identifier));
  return Status::OK();
}

}  // namespace saring
