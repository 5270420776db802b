// OUT/report.html: written by every run, self-contained, with every section;
// rendered in headless Chromium (when installed: scripts/install-deps
// report) without a console message, and a screenshot kept as an artifact.

#include <gtest/gtest.h>

#include <filesystem>

#include "saring/clean.h"
#include "saring/config.h"
#include "test_util.h"

namespace saring {
namespace {

const char* const kSections[] = {"summary", "languages", "funnel",      "reasons",
                                 "lengths", "clusters",  "boilerplate", "samples"};

// The Common Crawl sample when ../shared has it (the benchmark corpus),
// the example corpus twice otherwise; the default pipeline plus dedup.
std::string RunWithReport(const testing::TempDir& dir) {
  const std::string cc = testing::SharedDir() + "/data/cc-main-2019-sample.jsonl.gz";
  const std::string examples = testing::SourceDir() + "/examples/corpus";
  std::vector<std::string> inputs = {examples, examples + "/web-sample.jsonl"};
  if (!testing::SharedDir().empty() && std::filesystem::exists(cc)) inputs = {cc, examples};
  PipelineConfig extra;
  EXPECT_TRUE(ParseConfigYaml("stages:\n  - dedup: {}\n", "test", &extra).ok());
  CleanOptions o;
  o.inputs = inputs;
  o.output_dir = dir.Join("out");
  o.max_error_messages = 0;
  EXPECT_TRUE(LoadPreset("default", &o.config).ok());
  o.config.stages.push_back(extra.stages[0]);
  CleanReport r;
  const Status s = RunClean(o, &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return dir.Join("out/report.html");
}

TEST(ReportTest, EverySectionSelfContained) {
  testing::TempDir dir;
  const std::string html = testing::ReadFile(RunWithReport(dir));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* id : kSections) {
    EXPECT_NE(html.find(std::string("<section id=") + id + ">"), std::string::npos) << id;
  }
  // No script, nothing fetched (documents' own text is escaped: "&lt;img").
  for (const char* tag : {"<script", "<link", "<img", "<iframe", "<object", "@import"}) {
    EXPECT_EQ(html.find(tag), std::string::npos) << tag;
  }
  // The example corpus's template-only pages are samples with their cut lines.
  EXPECT_NE(html.find("<h3>boilerplate: empty_after_repair</h3>"), std::string::npos);
  EXPECT_NE(html.find("<del title=\"boilerplate: template line at the top of the page"),
            std::string::npos);
  EXPECT_NE(html.find("dedup: exact"), std::string::npos);
  EXPECT_NE(html.find("clusters of 2"), std::string::npos);
}

std::string FindChromium() {
  for (const char* name : {"chromium-headless-shell", "chromium", "chromium-browser"}) {
    const testing::ShellResult r = testing::RunShell(std::string("command -v ") + name);
    if (r.exit_code == 0 && !r.output.empty()) return r.output.substr(0, r.output.find('\n'));
  }
  return "";
}

TEST(ReportTest, RendersInHeadlessChromiumWithoutConsoleMessages) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) {
    GTEST_SKIP() << "no headless Chromium (scripts/install-deps report installs it): render test skipped";
  }
  testing::TempDir dir;
  const std::string report = RunWithReport(dir);
  const std::string flags = " --no-sandbox --disable-gpu --headless --enable-logging=stderr ";
  testing::ShellResult r = testing::RunShell("timeout 120 " + chromium + flags + "--dump-dom file://" +
                                             report + " 2>" + dir.Join("console.log"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* id : kSections) {
    EXPECT_NE(r.output.find(std::string("<section id=\"") + id + "\">"), std::string::npos) << id;
  }
  EXPECT_NE(r.output.find("<h1>saring: what this run did</h1>"), std::string::npos);
  const std::string console = testing::ReadFile(dir.Join("console.log"));
  EXPECT_EQ(console.find(":CONSOLE"), std::string::npos) << console;
  // The screenshot stays beside the test binary's build tree as an artifact.
  const std::string artifacts =
      std::filesystem::path(SARING_BINARY).parent_path().string() + "/artifacts";
  std::filesystem::create_directories(artifacts);
  r = testing::RunShell("timeout 120 " + chromium + flags + "--window-size=1200,4000 --screenshot=" +
                        artifacts + "/report.png file://" + report + " 2>/dev/null");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_GT(std::filesystem::file_size(artifacts + "/report.png"), 10000u);
}

}  // namespace
}  // namespace saring
