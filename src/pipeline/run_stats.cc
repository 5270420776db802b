#include "pipeline/run_stats.h"

#include <algorithm>

#include <fmt/format.h>

#include <optional>

#include "json/json_writer.h"

namespace saring {

void BatchStats::Merge(const BatchStats& o) {
  docs_in += o.docs_in;
  raw_bytes_in += o.raw_bytes_in;
  text_bytes_in += o.text_bytes_in;
  docs_kept += o.docs_kept;
  text_bytes_kept += o.text_bytes_kept;
  docs_removed += o.docs_removed;
  docs_error += o.docs_error;
  blank_lines += o.blank_lines;
  file_errors += o.file_errors;
  invalid_utf8_docs += o.invalid_utf8_docs;
  invalid_utf8_sequences += o.invalid_utf8_sequences;
  docs_rewritten += o.docs_rewritten;
  for (const auto& [key, count] : o.removed) {
    removed[key].docs += count.docs;
    removed[key].text_bytes += count.text_bytes;
  }
  for (const auto& [kind, n] : o.errors) errors[kind] += n;
  if (stage_ns.size() < o.stage_ns.size()) stage_ns.resize(o.stage_ns.size());
  for (size_t i = 0; i < o.stage_ns.size(); ++i) stage_ns[i] += o.stage_ns[i];
  if (stage_counters.size() < o.stage_counters.size()) stage_counters.resize(o.stage_counters.size());
  for (size_t i = 0; i < o.stage_counters.size(); ++i) {
    for (const auto& [key, n] : o.stage_counters[i]) stage_counters[i][key] += n;
  }
  parse_ns += o.parse_ns;
  serialize_ns += o.serialize_ns;
  compress_ns += o.compress_ns;
  auto add = [](std::vector<uint64_t>& to, const std::vector<uint64_t>& from) {
    if (to.size() < from.size()) to.resize(from.size());
    for (size_t i = 0; i < from.size(); ++i) to[i] += from[i];
  };
  add(length_in, o.length_in);
  add(length_kept, o.length_kept);
  for (const auto& [reason, list] : o.samples) {
    std::vector<RemovedSample>& mine = samples[reason];
    for (const RemovedSample& sample : list) {
      if (mine.size() < kSamplesPerReason) mine.push_back(sample);
    }
  }
}

bool RunStats::CheckAccounting() const {
  return totals.docs_in == totals.docs_kept + totals.docs_removed + totals.docs_error;
}

namespace {

class JsonObject {
 public:
  explicit JsonObject(std::string* out) : out_(out) { out_->push_back('{'); }
  void Key(std::string_view k) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->append("\n").append(indent_, ' ');
    AppendJsonString(out_, k);
    out_->append(": ");
  }
  void Int(std::string_view k, uint64_t v) {
    Key(k);
    AppendJsonInt(out_, static_cast<int64_t>(v));
  }
  void Num(std::string_view k, double v) {
    Key(k);
    AppendJsonNumber(out_, v);
  }
  void Str(std::string_view k, std::string_view v) {
    Key(k);
    AppendJsonString(out_, v);
  }
  void Bool(std::string_view k, bool v) {
    Key(k);
    out_->append(v ? "true" : "false");
  }
  // `json` must be a complete JSON value.
  void Raw(std::string_view k, std::string_view json) {
    Key(k);
    out_->append(json);
  }
  // Nested object; the caller closes it with Close() on the child.
  JsonObject Child(std::string_view k) {
    Key(k);
    return JsonObject(out_, indent_ + 2);
  }
  void Close() { out_->append("\n").append(indent_ - 2, ' ').push_back('}'); }

 private:
  JsonObject(std::string* out, int indent) : out_(out), indent_(indent) { out_->push_back('{'); }
  std::string* out_;
  int indent_ = 2;
  bool first_ = true;
};

double Seconds(uint64_t ns) { return static_cast<double>(ns) / 1e9; }

std::string HashHex(uint64_t hash) { return fmt::format("{:016x}", hash); }

// [{"line": "...", "docs": N, "domains": N}, ...]; a line the main pass never
// met (its documents were removed before the stage) shows its hash.
std::string TopLinesJson(const std::vector<CommonLine>& top, int indent) {
  std::string out = "[";
  for (size_t i = 0; i < top.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out.append(indent + 2, ' ');
    out += "{\"line\": ";
    AppendJsonString(&out, top[i].key.empty() ? "#" + HashHex(top[i].hash) : top[i].key);
    out += fmt::format(", \"docs\": {}, \"domains\": {}}}", top[i].docs, top[i].domains);
  }
  if (!top.empty()) out.append("\n").append(indent, ' ');
  return out + "]";
}

void CommonLinesJson(const CommonLinesReport& r, JsonObject* parent) {
  JsonObject o = parent->Child("common_lines");
  if (!r.skipped.empty()) o.Str("skipped", r.skipped);
  o.Int("min_docs", r.options.min_docs);
  o.Int("min_domains", r.options.min_domains);
  o.Num("seconds", r.seconds);
  if (r.result != nullptr) {
    const LineCensusStats& st = r.result->stats();
    o.Int("docs_counted", st.docs);
    o.Int("line_records", st.line_records);
    o.Int("distinct_lines", st.distinct_lines);
    o.Int("common_lines", st.common_lines);
    o.Int("runs_spilled", st.runs_spilled);
    o.Int("bytes_spilled", st.bytes_spilled);
    o.Raw("top", TopLinesJson(r.result->Top(), 4));
  }
  o.Close();
}

}  // namespace

std::string RunStats::ToJson() const {
  const BatchStats& t = totals;
  std::string out;
  JsonObject root(&out);
  root.Str("config", config_name);
  root.Int("threads", static_cast<uint64_t>(threads));
  {
    JsonObject docs = root.Child("documents");
    docs.Int("in", t.docs_in);
    docs.Int("kept", t.docs_kept);
    docs.Int("removed", t.docs_removed);
    docs.Int("errors", t.docs_error);
    docs.Int("rewritten", t.docs_rewritten);
    docs.Bool("accounting_ok", CheckAccounting());
    docs.Close();
  }
  {
    JsonObject bytes = root.Child("bytes");
    bytes.Int("input_files", input_file_bytes);
    bytes.Int("input_decompressed", t.raw_bytes_in);
    bytes.Int("text_in", t.text_bytes_in);
    bytes.Int("text_kept", t.text_bytes_kept);
    bytes.Int("output_files", output_bytes);
    bytes.Close();
  }
  {
    JsonObject removed = root.Child("removed");
    std::string stage;
    std::optional<JsonObject> child;
    for (const auto& [key, count] : t.removed) {
      if (key.first != stage) {
        if (child) child->Close();
        stage = key.first;
        child.emplace(removed.Child(stage));
      }
      JsonObject rule = child->Child(key.second);
      rule.Int("docs", count.docs);
      rule.Int("text_bytes", count.text_bytes);
      rule.Close();
    }
    if (child) child->Close();
    removed.Close();
  }
  {
    // What the stages that repair text (rather than remove documents) cut.
    JsonObject repairs = root.Child("repairs");
    for (size_t i = 0; i < stage_names.size() && i < t.stage_counters.size(); ++i) {
      if (t.stage_counters[i].empty()) continue;
      JsonObject stage = repairs.Child(stage_names[i]);
      for (const auto& [key, n] : t.stage_counters[i]) stage.Int(key, n);
      stage.Close();
    }
    repairs.Close();
  }
  for (const CommonLinesReport& r : common_lines) CommonLinesJson(r, &root);
  {
    JsonObject errors = root.Child("errors");
    for (const auto& [kind, n] : t.errors) errors.Int(kind, n);
    errors.Close();
  }
  {
    JsonObject input = root.Child("input");
    input.Int("files", input_files);
    input.Int("file_errors", t.file_errors);
    input.Int("blank_lines", t.blank_lines);
    input.Int("invalid_utf8_documents", t.invalid_utf8_docs);
    input.Int("invalid_utf8_sequences", t.invalid_utf8_sequences);
    input.Close();
  }
  {
    JsonObject time = root.Child("seconds");
    time.Num("wall", wall_seconds);
    time.Num("cpu", cpu_seconds);
    time.Num("read", Seconds(read_ns));
    time.Num("parse", Seconds(t.parse_ns));
    for (size_t i = 0; i < stage_names.size(); ++i) {
      time.Num("stage:" + stage_names[i], Seconds(i < t.stage_ns.size() ? t.stage_ns[i] : 0));
    }
    time.Num("serialize", Seconds(t.serialize_ns));
    time.Num("compress", Seconds(t.compress_ns));
    time.Num("write", Seconds(write_ns));
    time.Close();
  }
  root.Int("peak_rss_bytes", peak_rss_bytes);
  out.append("\n}\n");
  return out;
}

namespace {

std::string HumanBytes(uint64_t bytes) {
  double b = static_cast<double>(bytes);
  if (b < 1e6) return fmt::format("{:.1f} KB", b / 1e3);
  if (b < 1e9) return fmt::format("{:.1f} MB", b / 1e6);
  return fmt::format("{:.2f} GB", b / 1e9);
}

std::string Pct(uint64_t part, uint64_t whole) {
  if (whole == 0) return "";
  return fmt::format("{:5.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace

std::string RunStats::SummaryTable(const std::string& output_dir) const {
  const BatchStats& t = totals;
  // Rows are collected first: the label column is as wide as the longest
  // label ("quality: gopher_repetition.dup_10gram_char_frac"), at least 40.
  struct Row {
    std::string label;  // empty: `extra` is a line of its own
    uint64_t docs = 0;
    std::string extra;
  };
  std::vector<Row> rows;
  auto row = [&](std::string label, uint64_t docs, std::string extra) {
    rows.push_back(Row{std::move(label), docs, std::move(extra)});
  };
  auto line = [&](std::string text) { rows.push_back(Row{"", 0, std::move(text)}); };
  std::string s = fmt::format("saring, pipeline {}: {} files, {} in, {:.2f} s, {:.1f} MB/s, {} threads, peak RSS {}\n",
                   config_name, input_files, HumanBytes(t.raw_bytes_in), wall_seconds,
                   wall_seconds > 0 ? static_cast<double>(t.raw_bytes_in) / 1e6 / wall_seconds : 0.0,
                   threads, HumanBytes(peak_rss_bytes));
  row("documents in", t.docs_in, "");
  row("kept", t.docs_kept, Pct(t.docs_kept, t.docs_in) + "  " + HumanBytes(t.text_bytes_kept) + " of text");
  row("removed", t.docs_removed, Pct(t.docs_removed, t.docs_in));
  for (const auto& [key, count] : t.removed) {
    row("  " + key.first + ": " + key.second, count.docs, Pct(count.docs, t.docs_in));
  }
  if (t.docs_rewritten > 0) row("kept, text rewritten by a stage", t.docs_rewritten, Pct(t.docs_rewritten, t.docs_in));
  // The largest counters of each stage; a stage may count many keys (the
  // language stage: one per language), and stats.json has them all.
  constexpr size_t kCountersShown = 8;
  for (size_t i = 0; i < stage_names.size() && i < t.stage_counters.size(); ++i) {
    std::vector<std::pair<std::string, uint64_t>> counters(t.stage_counters[i].begin(),
                                                           t.stage_counters[i].end());
    std::stable_sort(counters.begin(), counters.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (size_t c = 0; c < counters.size() && c < kCountersShown; ++c) {
      row("  " + stage_names[i] + ": " + counters[c].first, counters[c].second, "");
    }
    if (counters.size() > kCountersShown) {
      line(fmt::format("    {}: {} more counts in stats.json \"repairs\"", stage_names[i],
                       counters.size() - kCountersShown));
    }
  }
  for (const CommonLinesReport& r : common_lines) {
    if (!r.skipped.empty()) {
      line("  common_lines: skipped: " + r.skipped);
    } else if (r.result != nullptr) {
      line(fmt::format("  common_lines: {} of {} distinct lines are common (first pass {:.2f} s)",
                       r.result->stats().common_lines, r.result->stats().distinct_lines, r.seconds));
    }
  }
  row("errors", t.docs_error, Pct(t.docs_error, t.docs_in));
  for (const auto& [kind, n] : t.errors) row("  " + kind, n, "");
  if (t.file_errors > 0) row("files that could not be read", t.file_errors, "");
  if (t.invalid_utf8_docs > 0) row("documents with invalid UTF-8 repaired", t.invalid_utf8_docs, "");
  line(fmt::format("  accounting: in {} = kept {} + removed {} + errors {}: {}", t.docs_in, t.docs_kept,
                   t.docs_removed, t.docs_error, CheckAccounting() ? "ok" : "MISMATCH"));
  line(fmt::format("  output: {}/kept, {}/removed, {}/errors, {}/stats.json", output_dir, output_dir,
                   output_dir, output_dir));
  size_t width = 40;
  for (const Row& r : rows) width = std::max(width, r.label.size());
  for (const Row& r : rows) {
    if (r.label.empty()) {
      s += r.extra + "\n";
    } else {
      s += fmt::format("  {:<{}} {:>12}  {}\n", r.label, width, r.docs, r.extra);
    }
  }
  return s;
}

}  // namespace saring
