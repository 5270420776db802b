// The saring binary as a user runs it: exit codes, messages, stdin.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>

#include "test_util.h"

namespace saring {
namespace {

using Result = testing::ShellResult;
using testing::RunShell;

const std::string kSaring = SARING_BINARY;

TEST(CliTest, CleanExampleCorpusExitsOneBecauseItHasBadLines) {
  testing::TempDir dir;
  Result r = RunShell(kSaring + " clean " + testing::SourceDir() + "/examples/corpus -o " +
                      dir.Join("out"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("web-sample.jsonl:28: invalid JSON"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("accounting: in 33 = kept 25 + removed 6 + errors 2: ok"),
            std::string::npos)
      << r.output;
}

TEST(CliTest, CleanInputExitsZeroAndReadsStdin) {
  testing::TempDir dir;
  // A page the default preset keeps (50+ words, stop words, punctuation).
  std::string text =
      "The town council met on Tuesday evening to discuss the new library, which has been closed "
      "for repairs since the spring. Several residents asked when the children's section would "
      "open again, and the council said that the work should be finished before the end of the "
      "year. The builders have replaced the roof and the windows, and the shelves will be moved "
      "back in November.";
  testing::WriteFile(dir.Join("in.jsonl"), "{\"id\":\"1\",\"text\":\"" + text + "\"}\n");
  Result r = RunShell("cat " + dir.Join("in.jsonl") + " | " + kSaring + " clean - -o " +
                      dir.Join("out") + " --compression none -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // Standard input cannot be read twice, so the default preset's
  // common_lines stage says it did nothing, on stderr and in stats.json.
  EXPECT_EQ(
      r.output,
      "saring: common_lines: standard input can be read only once, and common_lines needs a first "
      "pass; no common lines were removed (give the input as a file to use it)\n");
  EXPECT_NE(testing::ReadFile(dir.Join("out/stats.json")).find("\"skipped\": \"standard input"),
            std::string::npos);
  // The document as it came, plus the language stage's annotations.
  std::string kept = testing::ReadFile(dir.Join("out/kept/part-00000.jsonl"));
  std::string prefix = "{\"id\":\"1\",\"text\":\"" + text + "\",\"saring\":{\"language\":";
  EXPECT_EQ(kept.substr(0, prefix.size()), prefix) << kept;
}

TEST(CliTest, UsageErrorsExitTwoWithAClearMessage) {
  testing::TempDir dir;
  Result r = RunShell(kSaring + " clean " + dir.Join("missing.jsonl") + " -o " + dir.Join("out"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output, "saring: no such file or directory: " + dir.Join("missing.jsonl") + "\n");
  r = RunShell(kSaring + " clean x.jsonl");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--output is required"), std::string::npos) << r.output;
  r = RunShell(kSaring + " clean - -o " + dir.Join("o") + " --set length.min_char=3 < /dev/null");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.output,
      "saring: --set length.min_char=3: unknown key 'min_char' in stage 'length' (did you mean "
      "'min_chars'?)\n");
}

// `saring signals` keeps every document and writes its signals: a page of
// four lines, one a repeat of another (1 / 4 = 0.25), twelve words.
TEST(CliTest, SignalsKeepsEveryDocumentWithItsSignals) {
  testing::TempDir dir;
  testing::WriteFile(
      dir.Join("in.jsonl"),
      "{\"id\":\"1\",\"text\":\"Same line here.\\nSame line here.\\nOther line one.\\n"
      "Other line two.\"}\n");
  Result r = RunShell(kSaring + " signals " + dir.Join("in.jsonl") + " -o " + dir.Join("out") +
                      " --compression none -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::string kept = testing::ReadFile(dir.Join("out/kept/part-00000.jsonl"));
  EXPECT_NE(kept.find("\"signals\":{\"dup_para_frac\":0,\"dup_para_char_frac\":0,"
                      "\"dup_line_frac\":0.25,"),
            std::string::npos)
      << kept;
  EXPECT_NE(kept.find("\"words\":12,"), std::string::npos) << kept;

  // clean --from-signals decides from them: 12 words < 50.
  r = RunShell(kSaring + " clean " + dir.Join("out/kept") + " -o " + dir.Join("decided") +
               " --from-signals --preset gopher --set language.keep=[] --compression none");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::string removed = testing::ReadFile(dir.Join("decided/removed/part-00000.jsonl"));
  EXPECT_NE(removed.find("\"removed_reason\":\"gopher_quality: words 12 < 50\""), std::string::npos)
      << removed;
  r = RunShell(kSaring + " clean " + dir.Join("in.jsonl") + " -o " + dir.Join("bad") +
               " --from-signals");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--from-signals: stage 'repeats' runs before 'quality'"),
            std::string::npos)
      << r.output;
}

// `saring dedup`: the same page twice, the second removed naming the first;
// from standard input there is no first pass, so nothing is removed and the
// run says why.
TEST(CliTest, DedupRemovesTheSecondCopyButNotFromStdin) {
  testing::TempDir dir;
  const std::string page =
      "{\"id\":\"ID\",\"text\":\"Harga beras di pasar tradisional naik sekitar sepuluh persen "
      "dalam sebulan terakhir menurut para pedagang.\"}\n";
  std::string corpus = page;
  corpus.replace(corpus.find("ID"), 2, "first");
  std::string copy = page;
  copy.replace(copy.find("ID"), 2, "second");
  testing::WriteFile(dir.Join("in.jsonl"), corpus + copy);
  Result r = RunShell(kSaring + " dedup " + dir.Join("in.jsonl") + " -o " + dir.Join("out") +
                      " --compression none");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("accounting: in 2 = kept 1 + removed 1 + errors 0: ok"),
            std::string::npos)
      << r.output;
  EXPECT_NE(testing::ReadFile(dir.Join("out/removed/part-00000.jsonl"))
                .find("\"removed_reason\":\"dedup: exact duplicate of first\""),
            std::string::npos);
  r = RunShell("cat " + dir.Join("in.jsonl") + " | " + kSaring + " dedup - -o " +
               dir.Join("stdin") + " -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "saring: dedup: standard input can be read only once, and dedup needs a first pass; "
            "no duplicates were removed (give the input as a file to use it)\n");
}

// `clean --dedup` puts the dedup stage after the preset's last one: the
// short page goes to Gopher's rules first (fewer than 50 words), and of the two copies the
// first stays. `dedup --keeper score` keeps the copy with the better field.
TEST(CliTest, CleanDedupFlagAndDedupKeeperFlags) {
  testing::TempDir dir;
  const std::string text =
      "The price of rice at the old market rose by about ten percent in the last month, "
      "according to the traders we met there on Monday morning. Several of them said that "
      "the dry weather had cut the harvest in the villages to the north. The city council "
      "plans to open a second market near the station before the end of the year. Farmers "
      "hope that the new market will bring more buyers from the coast. The first stalls are "
      "expected to open in the spring, if the building work goes to plan.";
  testing::WriteFile(dir.Join("in.jsonl"),
                     "{\"id\":\"first\",\"text\":\"" + text + "\",\"q\":1}\n" +
                         "{\"id\":\"short\",\"text\":\"Too short.\"}\n" +
                         "{\"id\":\"second\",\"text\":\"" + text + "\",\"q\":2}\n");
  Result r = RunShell(kSaring + " clean " + dir.Join("in.jsonl") + " -o " + dir.Join("out") +
                      " --preset gopher --dedup --compression none");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("accounting: in 3 = kept 1 + removed 2 + errors 0: ok"),
            std::string::npos)
      << r.output;
  const std::string removed = testing::ReadFile(dir.Join("out/removed/part-00000.jsonl"));
  EXPECT_NE(removed.find("\"removed_reason\":\"dedup: exact duplicate of first\""),
            std::string::npos)
      << removed;
  EXPECT_NE(removed.find("\"id\":\"short\""), std::string::npos) << removed;
  EXPECT_EQ(removed.find("\"id\":\"short\",\"text\":\"Too short.\",\"saring\":{\"duplicate"),
            std::string::npos);
  r = RunShell(kSaring + " dedup " + dir.Join("in.jsonl") + " -o " + dir.Join("score") +
               " --keeper score --score-field q --compression none -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(testing::ReadFile(dir.Join("score/removed/part-00000.jsonl"))
                .find("\"removed_reason\":\"dedup: exact duplicate of second\""),
            std::string::npos);
  r = RunShell(kSaring + " dedup " + dir.Join("in.jsonl") + " -o " + dir.Join("bad") +
               " --keeper score 2>&1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("keeper: score needs score_field"), std::string::npos) << r.output;
}

// The man page and the completion script come from the flag tables --help
// prints: every long option of every command's --help is in both.
TEST(CliTest, ManPageAndCompletionCoverEveryFlag) {
  const Result man = RunShell(kSaring + " manpage");
  ASSERT_EQ(man.exit_code, 0);
  EXPECT_EQ(man.output.rfind(".TH SARING 1 ", 0), 0u);
  const Result completion = RunShell(kSaring + " completion bash");
  ASSERT_EQ(completion.exit_code, 0);
  for (const char* command : {"clean", "signals", "dedup", "explain", "config show", "lid eval"}) {
    EXPECT_NE(man.output.find(std::string(".SS \"saring ") + command + "\""), std::string::npos)
        << command;
    const Result help = RunShell(kSaring + " " + command + " --help");
    size_t flags = 0;
    // The option column: lines that start (after indentation) with "-",
    // their first word split at commas ("-o,--output").
    for (const std::string& line : testing::SplitLines(help.output)) {
      const size_t start = line.find_first_not_of(' ');
      if (start == std::string::npos || line[start] != '-') continue;
      const std::string names = line.substr(start, line.find(' ', start) - start);
      std::string flag;
      for (size_t from = 0; from <= names.size();) {
        size_t comma = names.find(',', from);
        if (comma == std::string::npos) comma = names.size();
        if (names.compare(from, 2, "--") == 0) flag = names.substr(from, comma - from);
        from = comma + 1;
      }
      if (flag.empty()) continue;
      ++flags;
      std::string roff;
      for (char c : flag) roff += c == '-' ? std::string("\\-") : std::string(1, c);
      EXPECT_NE(man.output.find(roff), std::string::npos) << command << " " << flag;
      EXPECT_NE(completion.output.find(flag), std::string::npos) << command << " " << flag;
    }
    EXPECT_GT(flags, 1u) << command;
  }
  // The script completes commands, options and preset names.
  testing::TempDir dir;
  testing::WriteFile(dir.Join("saring.bash"), completion.output);
  const Result r = RunShell(
      "bash -c 'source " + dir.Join("saring.bash") +
      "; COMP_WORDS=(saring ex); COMP_CWORD=1; _saring; echo \"${COMPREPLY[*]}\";"
      " COMP_WORDS=(saring clean --res); COMP_CWORD=2; _saring; echo \"${COMPREPLY[*]}\";"
      " COMP_WORDS=(saring clean in.jsonl --preset fine); COMP_CWORD=4; _saring; echo \"${COMPREPLY[*]}\";"
      " COMP_WORDS=(saring config s); COMP_CWORD=2; _saring; echo \"${COMPREPLY[*]}\"'");
  EXPECT_EQ(r.output, "explain\n--resume\nfineweb fineweb2\nshow\n");
}

// For programs: --stats prints stats.json on stdout; --progress=json writes
// one JSON event per line on stderr, the last one "finished".
TEST(CliTest, StatsAndJsonProgress) {
  testing::TempDir dir;
  const std::string corpus = testing::SourceDir() + "/examples/corpus";
  // (RunShell adds 2>&1 to the whole command: the subshells keep each stream apart.)
  Result r = RunShell("(" + kSaring + " clean " + corpus + " -o " + dir.Join("a") + " --stats 2>/dev/null)");
  EXPECT_EQ(r.exit_code, 1);  // the example corpus has two bad lines
  simdjson::dom::parser p;
  simdjson::dom::element stats;
  ASSERT_FALSE(p.parse(r.output).get(stats)) << r.output;
  EXPECT_EQ(uint64_t(stats["documents"]["in"]), 33u);
  EXPECT_EQ(uint64_t(stats["documents"]["errors"]), 2u);

  r = RunShell("(" + kSaring + " clean " + corpus + " -o " + dir.Join("b") +
               " --progress=json 2>&1 >/dev/null)");
  const std::vector<std::string> events = testing::SplitLines(r.output);
  ASSERT_FALSE(events.empty());
  std::vector<std::string> kinds;
  for (const std::string& line : events) {
    simdjson::dom::element e;
    ASSERT_FALSE(p.parse(line).get(e)) << line;
    kinds.emplace_back(std::string_view(e["event"]));
  }
  EXPECT_EQ(kinds.back(), "finished");
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "message"), 2);  // the two bad lines
  simdjson::dom::element last = p.parse(events.back());
  EXPECT_EQ(uint64_t(last["docs"]), 33u);
  EXPECT_DOUBLE_EQ(double(last["fraction"]), 1.0);
}

TEST(CliTest, ConfigShowAndList) {
  Result r = RunShell(kSaring + " config list");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "default\ngopher\nc4\nfineweb\nfineweb2\nsignals\ndedup\npassthrough\n");
  r = RunShell(kSaring + " config show default");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("min_chars: 100"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("compression: zst"), std::string::npos) << r.output;
}

// Four unambiguous sentences in each of three languages, scored by CLD2:
// every sentence and the one document per language are right.
TEST(CliTest, LidEvalScoresEachLanguageAndTheMacroAverage) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("sets/en.txt"),
                     "The weather in London was cold and rainy all week long.\n"
                     "She bought three books at the station before her train left.\n"
                     "Our neighbours are planning a large party for next Saturday.\n"
                     "The museum will be closed for repairs until the end of June.\n");
  testing::WriteFile(dir.Join("sets/id.txt"),
                     "Cuaca di Jakarta sangat panas dan lembap sepanjang minggu ini.\n"
                     "Dia membeli tiga buku di stasiun sebelum keretanya berangkat.\n"
                     "Tetangga kami sedang merencanakan pesta besar untuk hari Sabtu depan.\n"
                     "Museum itu akan ditutup untuk perbaikan sampai akhir bulan Juni.\n");
  testing::WriteFile(dir.Join("sets/de.txt"),
                     "Das Wetter in Berlin war die ganze Woche kalt und regnerisch.\n"
                     "Sie kaufte drei Bücher am Bahnhof, bevor ihr Zug abfuhr.\n"
                     "Unsere Nachbarn planen eine große Feier für nächsten Samstag.\n"
                     "Das Museum bleibt bis Ende Juni wegen Reparaturen geschlossen.\n");
  Result r = RunShell("cd " + dir.Join("sets") + " && SARING_LID_MODEL=/nonexistent " + kSaring +
                      " lid eval " + dir.Join("sets"));
  EXPECT_EQ(r.exit_code, 2) << r.output;  // the named model does not exist
  EXPECT_NE(r.output.find("/nonexistent: cannot open the model file"), std::string::npos)
      << r.output;

  r = RunShell(kSaring + " lid eval --backends cld2 " + dir.Join("sets"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("cld2  errors of cld2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("== sentences (3 languages scored)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("de           4    1.0000"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("id           4    1.0000"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("== documents (3 languages scored)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("en           1    1.0000"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("macro             1.0000"), std::string::npos) << r.output;

  // Hand labels: line 2 of en.txt, lines 1 and 3 of id.txt.
  testing::WriteFile(dir.Join("labels.tsv"),
                     "# comment\nen.txt\t2\ten\nid.txt\t1\tind\nid.txt\t3\tid\n");
  r = RunShell(kSaring + " lid eval --backends cld2 --labels " + dir.Join("labels.tsv") + " " +
               dir.Join("sets"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("== hand-labelled (2 languages scored)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("id           2    1.0000"), std::string::npos) << r.output;
  testing::WriteFile(dir.Join("bad.tsv"), "en.txt\t9\ten\n");
  r = RunShell(kSaring + " lid eval --backends cld2 --labels " + dir.Join("bad.tsv") + " " +
               dir.Join("sets"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.tsv:1: en.txt has no line 9"), std::string::npos) << r.output;

  r = RunShell(kSaring + " lid eval " + dir.Join("nothing-here"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("nothing-here: not a directory"), std::string::npos) << r.output;
}

// --split scores the odd (test) or even (dev) lines; --errors lists each
// wrong guess with every backend's candidates.
TEST(CliTest, LidEvalSplitsAndWritesItsErrors) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("sets/en.txt"),
                     "The weather in London was cold and rainy all week long.\n"
                     "She bought three books at the station before her train left.\n"
                     "Pemerintah kota akan membangun jembatan baru di atas sungai itu.\n"
                     "The museum will be closed for repairs until the end of June.\n");
  Result r = RunShell(kSaring + " lid eval --backends cld2 --split test --errors " +
                      dir.Join("errors.tsv") + " " + dir.Join("sets"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("en           2    0.5000  id:1"), std::string::npos) << r.output;
  std::string errors = testing::ReadFile(dir.Join("errors.tsv"));
  EXPECT_TRUE(errors.starts_with("sentences\ten\tid\tcld2\tcld2 id:")) << errors;
  EXPECT_TRUE(errors.ends_with("\tPemerintah kota akan membangun jembatan baru di atas sungai itu.\n"))
      << errors;
  r = RunShell(kSaring + " lid eval --backends cld2 --split dev " + dir.Join("sets"));
  EXPECT_NE(r.output.find("en           2    1.0000"), std::string::npos) << r.output;
  r = RunShell(kSaring + " lid eval --split half " + dir.Join("sets"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace
}  // namespace saring
