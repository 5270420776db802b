#include "stages/length_filter.h"

#include <string>

#include "config/param_reader.h"

namespace saring {
namespace {

// Checks one bound; returns true (and removes) when violated.
bool Violates(Document& doc, const char* what, uint64_t value, uint64_t min, uint64_t max) {
  std::string unit = what;
  if (DocTrace* trace = doc.trace()) {
    const double v = static_cast<double>(value);
    if (min > 0) trace->checks.push_back({"length", "min_" + unit, v, "<", double(min), value >= min});
    if (max > 0) trace->checks.push_back({"length", "max_" + unit, v, ">", double(max), value <= max});
  }
  if (min > 0 && value < min) {
    doc.Remove("length", "min_" + unit,
               "length: " + unit + " " + std::to_string(value) + " < " + std::to_string(min));
    return true;
  }
  if (max > 0 && value > max) {
    doc.Remove("length", "max_" + unit,
               "length: " + unit + " " + std::to_string(value) + " > " + std::to_string(max));
    return true;
  }
  return false;
}

}  // namespace

void LengthFilter::Process(Document& doc) {
  uint64_t chars = doc.CharCount();
  bool need_words = options_.min_words > 0 || options_.max_words > 0 || options_.annotate;
  uint64_t words = need_words ? doc.Words().size() : 0;
  if (options_.annotate) {
    doc.Annotate("chars", static_cast<double>(chars));
    doc.Annotate("words", static_cast<double>(words));
  }
  if (Violates(doc, "chars", chars, options_.min_chars, options_.max_chars)) return;
  Violates(doc, "words", words, options_.min_words, options_.max_words);
}

Status CreateLengthFilter(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  LengthFilterOptions o;
  ParamReader p("stage 'length'", params);
  p.Get("min_chars", &o.min_chars);
  p.Get("max_chars", &o.max_chars);
  p.Get("min_words", &o.min_words);
  p.Get("max_words", &o.max_words);
  p.Get("annotate", &o.annotate);
  Status s = p.Finish();
  if (!s.ok()) return s;
  if (o.max_chars > 0 && o.max_chars < o.min_chars) {
    return Status::InvalidArgument("stage 'length': max_chars is below min_chars");
  }
  if (o.max_words > 0 && o.max_words < o.min_words) {
    return Status::InvalidArgument("stage 'length': max_words is below min_words");
  }
  *stage = std::make_unique<LengthFilter>(o);
  return Status::OK();
}

}  // namespace saring
