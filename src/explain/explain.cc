#include "explain/explain.h"

#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "io/byte_source.h"
#include "json/json_writer.h"
#include "saring/document.h"
#include "stages/stage_registry.h"
#include "text/utf8.h"

namespace saring {
namespace {

// The document to explain, and what its record says of an earlier run.
struct Subject {
  std::string id, text, where;
  std::string duplicate_of;  // saring.duplicate_of of a record from a dedup run's removed/
  std::string earlier_reason;  // removed_reason of such a record
  size_t invalid_utf8 = 0;
};

Status ReadAll(const std::string& path, std::string* out) {
  if (path == "-") {
    out->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return Status::OK();
  }
  std::unique_ptr<ByteSource> source;
  Status s = OpenByteSource(path, &source);
  if (!s.ok()) return s;
  char buf[1 << 16];
  for (size_t got = 0;;) {
    s = source->Read(buf, sizeof buf, &got);
    if (!s.ok()) return s;
    if (got == 0) return Status::OK();
    out->append(buf, got);
  }
}

bool LooksLikeJsonl(const std::string& path, std::string_view content) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".txt") == 0) return false;
  const size_t first = content.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && content[first] == '{';
}

Status LoadSubject(const ExplainOptions& o, Subject* subject) {
  std::string content;
  Status s = ReadAll(o.input, &content);
  if (!s.ok()) return s;
  const std::string name = o.input == "-" ? "<stdin>" : o.input;
  std::string raw_text;
  if (!LooksLikeJsonl(o.input, content)) {
    subject->id = name;
    subject->where = name;
    raw_text = std::move(content);
  } else {
    std::istringstream lines(content);
    std::string line;
    for (uint64_t n = 0; n < o.line && std::getline(lines, line);) ++n;
    if (!lines && line.empty()) {
      return Status::InvalidArgument(name + " has no line " + std::to_string(o.line));
    }
    subject->where = name + ":" + std::to_string(o.line);
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (parser.parse(line).get_object().get(object)) {
      return Status::InvalidArgument(subject->where + ": not a JSON object");
    }
    std::string_view v;
    if (object.at_key(o.config.input.text_field).get_string().get(v)) {
      return Status::InvalidArgument(subject->where + ": no string field \"" +
                                     o.config.input.text_field + "\"");
    }
    raw_text = std::string(v);
    subject->id = object.at_key(o.config.input.id_field).get_string().get(v) ? subject->where
                                                                            : std::string(v);
    if (!object.at_key("removed_reason").get_string().get(v)) {
      subject->earlier_reason = std::string(v);
    }
    simdjson::dom::object saring;
    if (!object.at_key("saring").get_object().get(saring) &&
        !saring.at_key("duplicate_of").get_string().get(v)) {
      subject->duplicate_of = std::string(v);
    }
  }
  subject->invalid_utf8 = RepairUtf8(raw_text, &subject->text);
  return Status::OK();
}

bool NeedsCorpus(const std::string& type) {
  return type == "common_lines" || type == "line_dedup" || type == "dedup";
}

struct StageReport {
  std::string name;
  std::string what;  // what it did, in words
};

// Runs the stages on `doc` one at a time, as a worker does, noting each.
Status RunStages(const PipelineConfig& config, Document* doc, std::vector<StageReport>* reports) {
  std::vector<std::unique_ptr<Stage>> stages;
  Status s = CreateStages(config.stages, {}, &stages);
  if (!s.ok()) return s;
  for (size_t i = 0; i < stages.size() && !doc->removed(); ++i) {
    const std::string type = config.stages[i].type;
    if (!config.stages[i].enabled) continue;
    if (NeedsCorpus(type)) {
      reports->push_back({type, "needs the whole corpus: not run on one document (see saring clean)"});
      continue;
    }
    const std::string before(doc->text());
    const size_t chars_before = doc->CharCount();
    stages[i]->Process(*doc);
    std::string what;
    for (const auto& [key, n] : stages[i]->TakeCounters()) {
      what += (what.empty() ? "" : ", ") + key + " " + std::to_string(n);
    }
    if (doc->removed()) {
      what = "removed the document: " + doc->removal().reason;
    } else if (doc->text() != before) {
      what = fmt::format("text {} -> {} characters{}{}", chars_before, doc->CharCount(),
                         what.empty() ? "" : "; ", what);
    } else if (what.empty()) {
      what = "no change";
    }
    reports->push_back({type, what});
  }
  return Status::OK();
}

// Paint: ANSI colour when asked.
struct Paint {
  bool on;
  std::string operator()(const char* code, std::string_view s) const {
    return on ? std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m" : std::string(s);
  }
};

std::string Number(double v) {
  return v == static_cast<double>(static_cast<int64_t>(v)) ? fmt::format("{}", static_cast<int64_t>(v))
                                                            : fmt::format("{:.4f}", v);
}

std::string TextReport(const ExplainOptions& o, const Subject& subject, const Document& doc,
                       const DocTrace& trace, const std::vector<StageReport>& stages) {
  const Paint paint{o.color};
  std::string out = fmt::format("document {}{}, pipeline {}\n", subject.id,
                                subject.where == subject.id ? "" : " (" + subject.where + ")",
                                o.config.name.empty() ? "(config)" : o.config.name);
  if (subject.invalid_utf8 > 0) {
    out += fmt::format("invalid UTF-8: {} sequences replaced by U+FFFD\n", subject.invalid_utf8);
  }
  if (!subject.earlier_reason.empty()) {
    out += "in the run it comes from: " + subject.earlier_reason + "\n";
  }
  if (!subject.duplicate_of.empty()) out += "duplicate of: " + subject.duplicate_of + "\n";
  for (const auto& [stage, note] : trace.notes) out += stage + ": " + note + "\n";

  out += "\nstages:\n";
  for (const StageReport& r : stages) out += fmt::format("  {:<13} {}\n", r.name, r.what);

  if (!trace.checks.empty()) {
    out += "\nchecks (value, then the condition that removes):\n";
    for (const DocTrace::Check& c : trace.checks) {
      out += fmt::format("  {}  {:<8} {:<46} {:>10}   {} {}\n",
                         c.passed ? paint("32", "ok  ") : paint("31;1", "FAIL"), c.stage, c.name,
                         Number(c.value), c.op, Number(c.threshold));
    }
  }

  out += "\ntext";
  if (trace.lines.empty()) {
    out += " (no line removed):\n";
    for (std::string_view line : doc.Lines()) out += "    " + std::string(line) + "\n";
  } else {
    out += " ('-' removed, with the stage and why):\n";
    for (const DocTrace::Line& line : trace.lines) {
      if (line.stage.empty()) {
        out += "    " + line.text + "\n";
      } else {
        out += paint("31", "  - " + line.text) + "  " +
               paint("2", "<- " + line.stage + (line.reason.empty() ? "" : ": " + line.reason)) +
               "\n";
      }
    }
  }
  out += "\nverdict: ";
  if (doc.removed()) {
    out += paint("31;1", "removed") + " by " + doc.removal().stage + ": " + doc.removal().reason + "\n";
  } else {
    out += paint("32;1", "kept") + fmt::format(", {} characters\n", doc.CharCount());
  }
  return out;
}

std::string JsonReport(const ExplainOptions& o, const Subject& subject, const Document& doc,
                       const DocTrace& trace, const std::vector<StageReport>& stages) {
  std::string out = "{\"id\":";
  AppendJsonString(&out, subject.id);
  out += ",\"source\":";
  AppendJsonString(&out, subject.where);
  out += ",\"pipeline\":";
  AppendJsonString(&out, o.config.name);
  out += ",\"verdict\":";
  AppendJsonString(&out, doc.removed() ? "removed" : "kept");
  if (doc.removed()) {
    out += ",\"removed_by\":";
    AppendJsonString(&out, doc.removal().stage);
    out += ",\"removed_reason\":";
    AppendJsonString(&out, doc.removal().reason);
  }
  if (!subject.duplicate_of.empty()) {
    out += ",\"duplicate_of\":";
    AppendJsonString(&out, subject.duplicate_of);
  }
  out += ",\"invalid_utf8_replaced\":";
  AppendJsonInt(&out, static_cast<int64_t>(subject.invalid_utf8));
  out += ",\"notes\":{";
  for (size_t i = 0; i < trace.notes.size(); ++i) {
    if (i > 0) out += ",";
    AppendJsonString(&out, trace.notes[i].first);
    out += ":";
    AppendJsonString(&out, trace.notes[i].second);
  }
  out += "},\"stages\":[";
  for (size_t i = 0; i < stages.size(); ++i) {
    out += i > 0 ? ",{\"stage\":" : "{\"stage\":";
    AppendJsonString(&out, stages[i].name);
    out += ",\"did\":";
    AppendJsonString(&out, stages[i].what);
    out += "}";
  }
  out += "],\"checks\":[";
  for (size_t i = 0; i < trace.checks.size(); ++i) {
    const DocTrace::Check& c = trace.checks[i];
    out += i > 0 ? ",{\"stage\":" : "{\"stage\":";
    AppendJsonString(&out, c.stage);
    out += ",\"name\":";
    AppendJsonString(&out, c.name);
    out += ",\"value\":";
    AppendJsonNumber(&out, c.value);
    out += ",\"fails_if\":";
    AppendJsonString(&out, c.op);
    out += ",\"threshold\":";
    AppendJsonNumber(&out, c.threshold);
    out += c.passed ? ",\"passed\":true}" : ",\"passed\":false}";
  }
  out += "],\"lines\":[";
  for (size_t i = 0; i < trace.lines.size(); ++i) {
    const DocTrace::Line& line = trace.lines[i];
    out += i > 0 ? ",{\"text\":" : "{\"text\":";
    AppendJsonString(&out, line.text);
    if (!line.stage.empty()) {
      out += ",\"removed_by\":";
      AppendJsonString(&out, line.stage);
      out += ",\"reason\":";
      AppendJsonString(&out, line.reason);
    }
    out += "}";
  }
  out += "],\"text\":";
  AppendJsonString(&out, doc.text());
  out += "}\n";
  return out;
}

}  // namespace

Status TraceDocument(const PipelineConfig& config, const std::string& id, const std::string& text,
                     DocTrace* trace, std::optional<Removal>* removal) {
  Document doc(id, text);
  doc.set_trace(trace);
  std::vector<StageReport> stages;
  Status s = RunStages(config, &doc, &stages);
  if (!s.ok()) return s;
  if (doc.removed()) *removal = doc.removal();
  return Status::OK();
}

Status Explain(const ExplainOptions& o, std::string* report) {
  Subject subject;
  Status s = LoadSubject(o, &subject);
  if (!s.ok()) return s;
  Document doc(subject.id, subject.text);
  doc.set_invalid_utf8_replaced(subject.invalid_utf8);
  DocTrace trace;
  doc.set_trace(&trace);
  std::vector<StageReport> stages;
  s = RunStages(o.config, &doc, &stages);
  if (!s.ok()) return s;
  *report = o.json ? JsonReport(o, subject, doc, trace, stages)
                   : TextReport(o, subject, doc, trace, stages);
  return Status::OK();
}

}  // namespace saring
