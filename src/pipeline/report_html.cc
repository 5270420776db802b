#include "pipeline/report_html.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "explain/explain.h"

namespace saring {
namespace {

std::string Html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Bytes(uint64_t b) {
  if (b < 10'000) return fmt::format("{} B", b);
  if (b < 10'000'000) return fmt::format("{:.1f} KB", b / 1e3);
  if (b < 10'000'000'000ull) return fmt::format("{:.1f} MB", b / 1e6);
  return fmt::format("{:.2f} GB", b / 1e9);
}

struct Bar {
  std::string label;
  uint64_t value = 0;
  uint64_t second = 0;  // a second series (lengths after), drawn below the first
};

// Horizontal bars, one row per entry, scaled to the largest value; inline
// SVG so that the page needs nothing else.
std::string BarChart(const std::vector<Bar>& bars, bool two_series = false) {
  if (bars.empty()) return "<p class=none>nothing to show</p>\n";
  uint64_t max = 1;
  for (const Bar& b : bars) max = std::max({max, b.value, b.second});
  const int row = two_series ? 30 : 20, label_w = 330, bar_w = 420;
  std::string svg = fmt::format(
      "<svg class=chart width=\"{}\" height=\"{}\" role=img>\n", label_w + bar_w + 110,
      static_cast<int>(bars.size()) * row + 4);
  for (size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row + 2;
    const auto width = [&](uint64_t v) { return std::max(1.0, bar_w * double(v) / double(max)); };
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=end>{}</text>\n", label_w - 6, y + 13,
                       Html(bars[i].label));
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"13\" class=a></rect>"
                       "<text x=\"{:.1f}\" y=\"{}\">{}</text>\n",
                       label_w, y + 2, width(bars[i].value), label_w + width(bars[i].value) + 4, y + 13,
                       bars[i].value);
    if (two_series) {
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"11\" class=b></rect>"
                         "<text x=\"{:.1f}\" y=\"{}\">{}</text>\n",
                         label_w, y + 16, width(bars[i].second), label_w + width(bars[i].second) + 4,
                         y + 26, bars[i].second);
    }
  }
  return svg + "</svg>\n";
}

std::string StageType(const std::string& name) { return name.substr(0, name.find('#')); }

std::string Summary(const RunStats& stats) {
  const BatchStats& t = stats.totals;
  std::string out = "<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    out += "<tr><th>" + Html(k) + "</th><td>" + Html(v) + "</td></tr>\n";
  };
  row("pipeline", stats.config_name);
  row("documents in", fmt::format("{} ({} of text)", t.docs_in, Bytes(t.text_bytes_in)));
  row("kept", fmt::format("{} ({} of text)", t.docs_kept, Bytes(t.text_bytes_kept)));
  row("removed", fmt::format("{}", t.docs_removed));
  row("errors", fmt::format("{}", t.docs_error));
  row("accounting", stats.CheckAccounting() ? "in = kept + removed + errors: ok" : "MISMATCH");
  row("time", fmt::format("{:.2f} s, {:.1f} MB/s, {} threads", stats.wall_seconds,
                          stats.wall_seconds > 0 ? t.raw_bytes_in / 1e6 / stats.wall_seconds : 0.0,
                          stats.threads));
  return out + "</table>\n";
}

std::string Funnel(const RunStats& stats) {
  const BatchStats& t = stats.totals;
  std::map<std::string, std::pair<uint64_t, uint64_t>> removed;  // stage -> docs, bytes
  for (const auto& [key, count] : t.removed) {
    removed[key.first].first += count.docs;
    removed[key.first].second += count.text_bytes;
  }
  uint64_t docs = t.docs_in - t.docs_error, bytes = t.text_bytes_in;
  std::vector<Bar> bars = {{"read (documents without errors)", docs}};
  std::string table = "<table><tr><th>stage</th><th>documents left</th><th>removed</th>"
                      "<th>text of removed</th><th>repairs</th></tr>\n";
  std::map<std::string, bool> counted;
  for (size_t i = 0; i < stats.stage_names.size(); ++i) {
    const std::string type = StageType(stats.stage_names[i]);
    auto [gone_docs, gone_bytes] = counted[type] ? std::pair<uint64_t, uint64_t>{0, 0} : removed[type];
    counted[type] = true;
    docs -= std::min(docs, gone_docs);
    bytes -= std::min(bytes, gone_bytes);
    std::string repairs;
    if (i < t.stage_counters.size()) {
      for (const char* key : {"lines_removed", "chars_removed", "paragraphs_removed"}) {
        auto it = t.stage_counters[i].find(key);
        if (it != t.stage_counters[i].end()) repairs += fmt::format("{} {} ", it->second, key);
      }
    }
    bars.push_back({"after " + stats.stage_names[i], docs});
    table += fmt::format("<tr><td>{}</td><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         Html(stats.stage_names[i]), docs, Bytes(bytes), gone_docs, Bytes(gone_bytes),
                         Html(repairs));
  }
  return BarChart(bars) + table + "</table>\n";
}

std::string Reasons(const RunStats& stats) {
  std::vector<std::pair<std::string, DocCount>> reasons;
  for (const auto& [key, count] : stats.totals.removed) reasons.emplace_back(key.first + ": " + key.second, count);
  std::sort(reasons.begin(), reasons.end(),
            [](const auto& a, const auto& b) { return a.second.docs > b.second.docs; });
  std::vector<Bar> bars;
  std::string table = "<table><tr><th>reason</th><th>documents</th><th>text</th></tr>\n";
  for (const auto& [reason, count] : reasons) {
    bars.push_back({reason, count.docs});
    table += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", Html(reason), count.docs,
                         Bytes(count.text_bytes));
  }
  for (const auto& [kind, n] : stats.totals.errors) {
    table += fmt::format("<tr><td>error: {}</td><td>{}</td><td></td></tr>\n", Html(kind), n);
  }
  return BarChart(bars) + table + "</table>\n";
}

// A stage's counters whose key starts with `prefix`, as bars (the rest of
// the key is the label), largest first when `sort`.
std::vector<Bar> CounterBars(const RunStats& stats, const std::string& type, const std::string& prefix,
                             bool sort) {
  std::vector<Bar> bars;
  for (size_t i = 0; i < stats.stage_names.size() && i < stats.totals.stage_counters.size(); ++i) {
    if (StageType(stats.stage_names[i]) != type) continue;
    for (const auto& [key, n] : stats.totals.stage_counters[i]) {
      if (key.rfind(prefix, 0) == 0) bars.push_back({key.substr(prefix.size()), n});
    }
    break;
  }
  if (sort) {
    std::sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.value > b.value; });
  }
  return bars;
}

std::string Lengths(const RunStats& stats) {
  const BatchStats& t = stats.totals;
  std::vector<Bar> bars;
  const size_t n = std::max(t.length_in.size(), t.length_kept.size());
  for (size_t b = 0; b < n; ++b) {
    const uint64_t in = b < t.length_in.size() ? t.length_in[b] : 0;
    const uint64_t kept = b < t.length_kept.size() ? t.length_kept[b] : 0;
    if (in == 0 && kept == 0) continue;
    const std::string label = b == 0 ? "empty" : b == 1 ? "1 B" : Bytes(uint64_t{1} << (b - 1)) + " to " +
                                                                   Bytes((uint64_t{1} << b) - 1);
    bars.push_back({label, in, kept});
  }
  return "<p><span class=ka>&#9632;</span> in &nbsp; <span class=kb>&#9632;</span> kept</p>\n" +
         BarChart(bars, /*two_series=*/true);
}

std::string Clusters(const RunStats& stats) {
  std::vector<Bar> bars = CounterBars(stats, "dedup", "cluster_size_", false);
  if (bars.empty()) return "<p class=none>no dedup stage in this pipeline</p>\n";
  std::sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
    return std::stoul(a.label) < std::stoul(b.label);
  });
  for (Bar& b : bars) b.label = "clusters of " + b.label;
  return BarChart(bars);
}

std::string Boilerplate(const RunStats& stats) {
  for (const CommonLinesReport& r : stats.common_lines) {
    if (r.result == nullptr) return "<p class=none>common_lines did not run: " + Html(r.skipped) + "</p>\n";
    const std::vector<CommonLine> top = r.result->Top();
    if (top.empty()) return "<p class=none>no line was common enough (common_lines' thresholds)</p>\n";
    std::string out = "<table><tr><th>line (normalized)</th><th>documents</th><th>domains</th></tr>\n";
    for (const CommonLine& line : top) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", Html(line.key), line.docs,
                         line.domains);
    }
    return out + "</table>\n";
  }
  return "<p class=none>no common_lines stage in this pipeline</p>\n";
}

std::string Samples(const RunStats& stats, const PipelineConfig& config) {
  std::string out;
  for (const auto& [reason, samples] : stats.totals.samples) {
    out += "<h3>" + Html(reason) + "</h3>\n";
    for (const RemovedSample& sample : samples) {
      DocTrace trace;
      std::optional<Removal> removal;
      Status s = TraceDocument(config, sample.id, sample.text, &trace, &removal);
      out += "<div class=sample><p class=why>" + Html(sample.id) + ": " + Html(sample.reason) + "</p>\n<pre>";
      if (!s.ok() || trace.lines.empty()) {
        out += Html(sample.text.substr(0, 3000));
      } else {
        for (const DocTrace::Line& line : trace.lines) {
          out += line.stage.empty()
                     ? Html(line.text) + "\n"
                     : "<del title=\"" + Html(line.stage + ": " + line.reason) + "\">" + Html(line.text) +
                           "</del>  <span class=cutby>&larr; " + Html(line.stage + ": " + line.reason) +
                           "</span>\n";
        }
      }
      out += "</pre></div>\n";
    }
  }
  return out.empty() ? "<p class=none>nothing was removed</p>\n" : out;
}

const char kStyle[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}"
    "h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}"
    "table{border-collapse:collapse;margin:.8em 0}td,th{border:1px solid #ddd;padding:3px 8px;"
    "text-align:left;vertical-align:top}th{background:#f4f4f4}"
    ".chart text{font-size:12px}.a,.ka{fill:#3b7dd8;color:#3b7dd8}.b,.kb{fill:#e08a2e;color:#e08a2e}"
    "pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.6em;max-height:24em;"
    "overflow:auto}del{background:#fde2e2;color:#a33}.cutby{color:#888;font-size:12px}"
    ".why{font-weight:600;margin:.4em 0}.none{color:#888}";

}  // namespace

std::string RenderReportHtml(const RunStats& stats, const PipelineConfig& config) {
  std::string out = "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
                    "<title>saring report</title><style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>saring: what this run did</h1>\n";
  const std::pair<const char*, std::string> sections[] = {
      {"summary", Summary(stats)},
      {"funnel", Funnel(stats)},
      {"reasons", Reasons(stats)},
      {"languages", BarChart(CounterBars(stats, "language", "docs_", true))},
      {"lengths", Lengths(stats)},
      {"clusters", Clusters(stats)},
      {"boilerplate", Boilerplate(stats)},
      {"samples", Samples(stats, config)}};
  const char* titles[] = {"Summary", "Documents and bytes through the stages", "Removal reasons",
                          "Languages", "Text lengths, before and after", "Duplicate clusters",
                          "Most frequent common lines", "Removed documents, three per reason"};
  for (size_t i = 0; i < std::size(sections); ++i) {
    out += fmt::format("<section id={}>\n<h2>{}</h2>\n", sections[i].first, titles[i]);
    out += sections[i].second + "</section>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace saring
