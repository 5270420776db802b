// Crash safety: `saring clean` killed with SIGKILL at random moments, then
// `saring clean --resume OUT`, must give the bytes an uninterrupted run
// gives: no document lost or written twice.

#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "near_dup_corpus.h"
#include "test_util.h"

extern char** environ;

namespace saring {
namespace {

const std::string kSaring = SARING_BINARY;

// The job every run does: the default pipeline plus dedup (two passes over
// the input), small batches and shards so that a run has many of both.
// `checkpoint_seconds` 0: after every batch; more leaves more written past
// the last checkpoint for a resumed run to cut back.
std::vector<std::string> CleanArgs(const testing::TempDir& dir, const std::string& out,
                                   const char* checkpoint_seconds = "0") {
  return {kSaring,       "clean",       dir.Join("in"), "-o",         out,
          "--dedup",     "-j",          "2",            "--batch-size", "16KB",
          "--shard-size", "64KB",       "--checkpoint-seconds", checkpoint_seconds, "-q"};
}

// Starts saring with `args`, kills it with SIGKILL after `delay` (if it is
// still running) and says whether the kill landed.
bool RunAndKill(const std::vector<std::string>& args, std::chrono::microseconds delay) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return false;
  std::this_thread::sleep_for(delay);
  const bool killed = ::kill(pid, SIGKILL) == 0;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return killed && WIFSIGNALED(status);
}

// Every output shard, by path under OUT, with its bytes.
std::map<std::string, std::string> OutputShards(const std::string& out) {
  std::map<std::string, std::string> shards;
  for (const char* sub : {"kept", "removed", "errors"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(out + "/" + sub)) {
      if (e.is_regular_file()) {
        shards[std::filesystem::relative(e.path(), out).string()] = testing::ReadFile(e.path());
      }
    }
  }
  return shards;
}

std::string StatsSection(const std::string& out, const char* section) {
  simdjson::dom::parser p;
  return simdjson::minify(p.load(out + "/stats.json")[section]);
}

TEST(ResumeTest, KilledAtRandomMomentsAndResumedGivesTheSameOutput) {
  testing::TempDir dir;
  bench::NearDupOptions o;
  o.bases = 400;
  testing::WriteFile(dir.Join("in/near-dups.jsonl"),
                     bench::NearDupJsonl(bench::GenerateNearDupCorpus(o)));
  std::filesystem::copy(testing::SourceDir() + "/examples/corpus", dir.Join("in/examples"),
                        std::filesystem::copy_options::recursive);

  const auto t0 = std::chrono::steady_clock::now();
  testing::ShellResult r = testing::RunShell([&] {
    std::string command;
    for (const std::string& a : CleanArgs(dir, dir.Join("reference"))) command += a + " ";
    return command;
  }());
  const auto reference_time = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(r.exit_code, 1) << r.output;  // the example corpus has two bad lines
  const std::map<std::string, std::string> expected = OutputShards(dir.Join("reference"));
  ASSERT_GT(expected.size(), 10u);  // many shards: kills land between and inside them

  std::mt19937_64 rng(20261201);
  const auto span = std::chrono::duration_cast<std::chrono::microseconds>(reference_time);
  int landed = 0;
  for (int k = 0; k < 12; ++k) {
    const std::string out = dir.Join("run" + std::to_string(k));
    // From 20 ms (a run killed before it wrote its job has nothing to resume)
    // to 80% of the reference run's time (a run beside others may be slower,
    // and a kill after the end tests nothing).
    const std::chrono::microseconds delay(20000 + rng() % static_cast<uint64_t>(span.count() * 8 / 10));
    const bool killed = RunAndKill(CleanArgs(dir, out, k % 2 == 0 ? "0" : "0.2"), delay);
    landed += killed;
    // (A run that finished before the kill has nothing to resume: exit 0.
    // One killed before its job.yaml was in place has nothing either: it
    // never began, even if OUT/.saring-run/ was already made.)
    const bool unfinished = std::filesystem::exists(out + "/.saring-run/job.yaml");
    r = testing::RunShell(kSaring + " clean --resume " + out + " -q");
    if (!unfinished && !std::filesystem::exists(out + "/stats.json")) {
      EXPECT_NE(r.output.find("holds no run to resume"), std::string::npos) << r.output;
      continue;
    }
    EXPECT_EQ(r.exit_code, unfinished ? 1 : 0) << "kill after " << delay.count() << " us: " << r.output;
    EXPECT_EQ(OutputShards(out), expected) << "kill after " << delay.count() << " us";
    for (const char* section : {"documents", "removed", "repairs", "errors"}) {
      EXPECT_EQ(StatsSection(out, section), StatsSection(dir.Join("reference"), section))
          << section << ", kill after " << delay.count() << " us";
    }
    EXPECT_FALSE(std::filesystem::exists(out + "/.saring-run"));
  }
  EXPECT_GE(landed, 8) << "most kills should land while the run is going";
}

// A dedup run that reads an index and saves back into it, killed and
// resumed: the index it reads is still the old one (the new one is put in
// place only when the run has finished), so the output is the same, and the
// index holds the new documents once.
TEST(ResumeTest, ARunThatAccumulatesADedupIndexInPlace) {
  testing::TempDir dir;
  bench::NearDupOptions o;
  o.bases = 300;
  const std::vector<bench::NearDupDoc> docs = bench::GenerateNearDupCorpus(o);
  const std::vector<bench::NearDupDoc> first(docs.begin(), docs.begin() + docs.size() / 2);
  const std::vector<bench::NearDupDoc> second(docs.begin() + docs.size() / 2, docs.end());
  testing::WriteFile(dir.Join("crawl1.jsonl"), bench::NearDupJsonl(first));
  testing::WriteFile(dir.Join("crawl2/part.jsonl"), bench::NearDupJsonl(second));
  testing::ShellResult r = testing::RunShell(kSaring + " dedup " + dir.Join("crawl1.jsonl") + " -o " +
                                             dir.Join("out1") + " --save-index " + dir.Join("index") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto args = [&](const std::string& out, const std::string& index) {
    return std::vector<std::string>{kSaring, "dedup", dir.Join("crawl2"), "-o", out, "--against", index,
                                    "--save-index", index, "--batch-size", "16KB", "--shard-size", "64KB",
                                    "--checkpoint-seconds", "0", "-q"};
  };
  const auto copy = std::filesystem::copy_options::recursive;
  std::filesystem::copy(dir.Join("index"), dir.Join("index-ref"), copy);
  std::string command;
  for (const std::string& a : args(dir.Join("ref"), dir.Join("index-ref"))) command += a + " ";
  const auto t0 = std::chrono::steady_clock::now();
  r = testing::RunShell(command);
  const auto span = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::mt19937_64 rng(7);
  for (int k = 0; k < 4; ++k) {
    const std::string out = dir.Join("run" + std::to_string(k)), index = dir.Join("index" + std::to_string(k));
    std::filesystem::copy(dir.Join("index"), index, copy);
    RunAndKill(args(out, index), std::chrono::microseconds(20000 + rng() % static_cast<uint64_t>(span.count())));
    if (!std::filesystem::exists(out + "/.saring-run/job.yaml") &&
        !std::filesystem::exists(out + "/stats.json")) {
      continue;  // killed before its job was written: it never began
    }
    r = testing::RunShell(kSaring + " clean --resume " + out + " -q");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(OutputShards(out), OutputShards(dir.Join("ref"))) << k;
    for (const char* file : {"settings.txt", "keys.bin", "ids.bin"}) {
      EXPECT_EQ(testing::ReadFile(index + "/" + file), testing::ReadFile(dir.Join("index-ref") + "/" + file))
          << k << " " << file;
    }
  }
}

TEST(ResumeTest, AnUnfinishedRunIsNamedAndAChangedJobIsRefused) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in/a.jsonl"),
                     "{\"id\":\"a\",\"text\":\"A page with a few words in it.\"}\n");
  const std::string out = dir.Join("out");
  // A run that was killed before it finished leaves OUT/.saring-run behind.
  std::filesystem::create_directories(out + "/.saring-run");
  testing::WriteFile(out + "/.saring-run/job.yaml", "inputs: [x]\n");
  testing::ShellResult r =
      testing::RunShell(kSaring + " clean " + dir.Join("in") + " -o " + out + " --preset passthrough");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output, "saring: " + out + " holds a run that did not finish; finish it with `saring "
                      "clean --resume " + out + "`, or pass --overwrite to start again\n");

  r = testing::RunShell(kSaring + " clean " + dir.Join("in") + " -o " + out +
                        " --preset passthrough --overwrite --checkpoint-seconds 0 -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // A checkpoint of another job (inputs or pipeline changed since) is refused.
  std::string pipeline = testing::RunShell(kSaring + " config show passthrough").output;
  for (size_t at = 0; (at = pipeline.find('\n', at)) != std::string::npos; at += 3) {
    pipeline.replace(at, 1, "\n  ");
  }
  testing::WriteFile(out + "/.saring-run/job.yaml",
                     "inputs: [" + dir.Join("in") + "]\nbatch_bytes: 1048576\nname: passthrough\n"
                     "pipeline: |\n  " + pipeline + "\n");
  testing::WriteFile(out + "/.saring-run/checkpoint",
                     "saring checkpoint 1\nfingerprint\t0123456789abcdef\nbatches_done\t1\nend\n");
  r = testing::RunShell(kSaring + " clean --resume " + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output, "saring: cannot resume " + out + ": its inputs or pipeline changed since the "
                      "run began; start again with --overwrite\n");

  r = testing::RunShell(kSaring + " clean --resume " + dir.Join("nowhere"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("holds no run to resume"), std::string::npos) << r.output;
  r = testing::RunShell(kSaring + " clean --resume " + out + " " + dir.Join("in"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("give no others"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace saring
