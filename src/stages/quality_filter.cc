#include "stages/quality_filter.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "config/param_reader.h"
#include "json/json_writer.h"
#include "quality/thresholds.h"

namespace saring {
namespace {

const char* Symbol(Fails f) {
  switch (f) {
    case Fails::kAbove:
      return ">";
    case Fails::kBelow:
      return "<";
    case Fails::kAtOrBelow:
      return "<=";
    case Fails::kAtOrAbove:
      return ">=";
  }
  return "?";
}

bool Violates(double value, Fails f, double threshold) {
  switch (f) {
    // FineWeb-2 sets line_punct_thr 0.0 for German, Slovak and Thai to turn
    // the rule off: its datatrove compares `ratio < thr`, which no ratio
    // fails at 0, where FineWeb's (and this rule's) `<=` would remove every
    // page without a line-end mark. A minimum of 0 removes nothing.
    case Fails::kAtOrBelow:
      return threshold > 0 && value <= threshold;
    case Fails::kAbove:
      return value > threshold;
    case Fails::kBelow:
      return value < threshold;
    case Fails::kAtOrAbove:
      return value >= threshold;
  }
  return false;
}

// Decimals to print a value against `threshold` with: 0 for whole
// thresholds ("words 12 < 50"), else 2, or 3 when the threshold has three
// (FineWeb-2's 0.241).
int Decimals(double threshold) {
  if (threshold == std::floor(threshold)) return 0;
  const double hundredths = threshold * 100;
  return std::fabs(hundredths - std::round(hundredths)) < 1e-9 ? 2 : 3;
}

std::string Number(double v, int decimals) { return fmt::format("{:.{}f}", v, decimals); }

// Signals are stored, and compared, with 6 decimals.
double Rounded(double v) { return std::round(v * 1e6) / 1e6; }

double SignalOf(const std::vector<std::pair<const char*, double>>& named, const char* name) {
  for (const auto& [n, v] : named) {
    if (std::string_view(n) == name) return v;
  }
  return 0;
}

}  // namespace

QualityFilter::QualityFilter(const QualityFilterOptions& options) : options_(options) {
  signal_options_.line_end_marks = LineEndMarks(options.line_end_marks);
}

void QualityFilter::Process(Document& doc) {
  const LanguageProfile* profile =
      options_.per_language ? FindLanguageProfile(doc.language()) : nullptr;
  signal_options_.stop_words_as_suffixes = profile != nullptr && profile->stop_words_as_suffixes;
  if (profile != nullptr) {
    signal_options_.stop_words = profile->stop_words;
  } else if (options_.per_language) {
    signal_options_.stop_words = {};  // no list for this language: the rule is skipped
  } else {
    signal_options_.stop_words = GopherStopWords();
  }
  std::vector<std::pair<const char*, double>> named;
  if (doc.stored() != nullptr) {
    std::string missing;
    if (!NamedFromStored(*doc.stored(), options_.stop_words_distinct, options_.line_end_marks,
                         &named, &missing)) {
      doc.Remove("quality", "missing_signal",
                 "quality: signal " + missing + " is not in the stored saring.signals");
      return;
    }
  } else {
    ComputeSignals(doc, signal_options_, &signals_);
    named = NamedSignals(signals_, options_.stop_words_distinct);
    if (options_.annotate) Annotate(doc);
  }
  // Decided on as stored (6 decimals), so that a --from-signals run decides
  // the same as this one.
  for (auto& [name, value] : named) value = Rounded(value);
  // `saring explain` sees every rule; a run stops at the first that fails.
  bool failed = false;
  for (const std::string& group : options_.rules) {
    for (const QualityRule& rule : PublishedRules()) {
      if (rule.group != group) continue;
      if (std::find(options_.disable.begin(), options_.disable.end(), rule.threshold) !=
          options_.disable.end()) {
        continue;
      }
      // Stop words only mean something in their language: with per-language
      // profiles, a language without one is not judged by them.
      if (std::string_view(rule.threshold) == "min_stop_words" &&
          signal_options_.stop_words.empty()) {
        continue;
      }
      if (!failed) failed = Check(doc, rule, profile, named);
      if (failed && doc.trace() == nullptr) return;
    }
  }
}

void QualityFilter::Annotate(Document& doc) const {
  std::string json = "{";
  for (const auto& [name, value] : StoredSignalValues(signals_)) {
    if (json.size() > 1) json += ',';
    AppendJsonString(&json, name);
    json += ':';
    AppendJsonNumber(&json, Rounded(value));
  }
  json += '}';
  doc.AnnotateJson("signals", std::move(json));
}

// Removes `doc` and returns true when it fails `rule`.
bool QualityFilter::Check(Document& doc, const QualityRule& rule, const LanguageProfile* profile,
                          const std::vector<std::pair<const char*, double>>& named) const {
  double threshold = rule.published;
  if (profile != nullptr) {
    auto it = profile->thresholds.find(rule.threshold);
    if (it != profile->thresholds.end()) threshold = it->second;
  }
  auto user = options_.thresholds.find(rule.threshold);
  if (user != options_.thresholds.end()) threshold = user->second;
  const double value = SignalOf(named, rule.signal);
  const bool violates = Violates(value, rule.fails, threshold);
  if (doc.trace() != nullptr) {
    doc.trace()->checks.push_back(DocTrace::Check{"quality",
                                                  std::string(rule.group) + ": " + rule.signal,
                                                  value, Symbol(rule.fails), threshold, !violates});
  }
  if (!violates) return false;
  const int value_decimals = value == std::floor(value) ? 0 : std::max(2, Decimals(threshold));
  doc.Remove("quality", std::string(rule.group) + "." + rule.threshold,
             fmt::format("{}: {} {} {} {}", rule.group, rule.signal, Number(value, value_decimals),
                         Symbol(rule.fails), Number(threshold, Decimals(threshold))));
  return true;
}

Status CreateQualityFilter(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  QualityFilterOptions o;
  ParamReader p("stage 'quality'", params);
  p.Get("rules", &o.rules);
  p.Get("per_language", &o.per_language);
  p.Get("thresholds", &o.thresholds);
  p.Get("disable", &o.disable);
  p.Get("stop_words_distinct", &o.stop_words_distinct);
  p.GetChoice("line_end_marks", {"multiscript", "fineweb"}, &o.line_end_marks);
  p.Get("annotate", &o.annotate);
  Status s = p.Finish();
  if (!s.ok()) return s;
  std::vector<std::string> groups, thresholds;
  for (const QualityRule& r : PublishedRules()) {
    if (std::find(groups.begin(), groups.end(), r.group) == groups.end()) groups.push_back(r.group);
    thresholds.push_back(r.threshold);
  }
  for (const std::string& r : o.rules) {
    if (std::find(groups.begin(), groups.end(), r) == groups.end()) {
      return Status::InvalidArgument("stage 'quality': unknown rule group '" + r + "'" +
                                     DidYouMean(r, groups));
    }
  }
  std::vector<std::string> named = o.disable;
  for (const auto& [name, value] : o.thresholds) named.push_back(name);
  for (const std::string& name : named) {
    if (std::find(thresholds.begin(), thresholds.end(), name) == thresholds.end()) {
      return Status::InvalidArgument("stage 'quality': unknown threshold '" + name + "'" +
                                     DidYouMean(name, thresholds));
    }
  }
  *stage = std::make_unique<QualityFilter>(o);
  return Status::OK();
}

}  // namespace saring
