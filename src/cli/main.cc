// saring command line: `saring clean`, `saring signals`, `saring dedup`,
// `saring config`, `saring lid`.
//
// Manners (after ripgrep): errors go to stderr prefixed "saring:"; exit code
// 0 when all went well, 1 when the run finished but some input was bad, 2 on
// usage or fatal errors; no progress line unless stderr is a terminal.

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>


#include "cli/cli_docs.h"
#include "dedup/minhash.h"
#include "explain/explain.h"
#include "pipeline/checkpoint.h"
#include "lang/lid_eval.h"
#include "saring/clean.h"
#include "saring/config.h"
#include "saring/version.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputErrors = 1;
constexpr int kExitFatal = 2;

int Fail(const saring::Status& s) {
  std::fprintf(stderr, "saring: %s\n", s.message().c_str());
  return kExitFatal;
}

struct CleanFlags {
  std::vector<std::string> inputs;
  std::string output_dir;
  std::string preset = "default";
  std::string config_file;
  std::vector<std::string> sets;
  int threads = 0;
  std::string compression;
  std::optional<int> compression_level;
  std::string shard_size;
  std::string max_doc_bytes;
  std::string text_field;
  std::string id_field;
  bool no_removed = false;
  bool overwrite = false;
  bool strict = false;
  bool quiet = false;
  bool no_progress = false;
  std::string progress = "auto";
  bool stats = false;  // stats.json on stdout instead of the summary table
  bool from_signals = false;
  double threshold = 0;  // dedup: choose bands x rows for it
  int max_hashes = 112;
  std::string against, save_index;  // dedup: incremental runs
  std::string keeper, score_field, exact_field;  // dedup
  bool dedup = false;  // clean --dedup: the dedup stage after the preset's
  std::string resume;  // --resume OUT
  std::string batch_bytes;
  double checkpoint_seconds = 10;
};

// `saring dedup --threshold T`: the bands x rows that make the fewest errors
// around T within the hash budget (ChooseBandsForThreshold), and the curve.
void ApplyThreshold(CleanFlags* f) {
  int bands = 0, rows = 0;
  saring::ChooseBandsForThreshold(f->threshold, f->max_hashes, &bands, &rows);
  std::printf("dedup: threshold %.2f with at most %d hashes: %d bands x %d rows\n", f->threshold,
              f->max_hashes, bands, rows);
  std::printf("  Jaccard   P(candidate)\n");
  for (int k = 0; k <= 10; ++k) {
    const double s = f->threshold - 0.25 + 0.05 * k;
    if (s < 0 || s > 1.0 + 1e-9) continue;
    std::printf("  %7.2f   %12.4f\n", s, saring::LshCandidateProbability(s, bands, rows));
  }
  f->sets.push_back("dedup.bands=" + std::to_string(bands));
  f->sets.push_back("dedup.rows=" + std::to_string(rows));
}

void AddCleanFlags(CLI::App* cmd, CleanFlags* f) {
  cmd->add_option(
         "inputs", f->inputs,
         "JSONL files (.jsonl, .gz, .zst), .txt files, directories, quoted globs, or - for stdin");
  cmd->add_option("-o,--output", f->output_dir,
                  "output directory: kept/, removed/, errors/, stats.json")
      ->group("Input and output");
  cmd->add_option("--text-field", f->text_field, "JSON field holding the text [text]")
      ->group("Input and output");
  cmd->add_option("--id-field", f->id_field, "JSON field holding the id [id]")
      ->group("Input and output");
  cmd->add_option("--max-doc-bytes", f->max_doc_bytes, "larger records go to errors/ unread [10MB]")
      ->group("Input and output");
  cmd->add_option("--compression", f->compression, "output compression [zst]")
      ->check(CLI::IsMember({"zst", "gz", "none"}))
      ->group("Input and output");
  cmd->add_option("--compression-level", f->compression_level,
                  "zstd -50..19 (negative: zstd --fast) or gzip 1-9; 0: zstd 1, gzip 6 [0]")
      ->group("Input and output");
  cmd->add_option("--shard-size", f->shard_size,
                  "start a new output file after this many bytes [256MB]")
      ->group("Input and output");
  cmd->add_flag("--no-removed", f->no_removed, "count removed documents but do not write them")
      ->group("Input and output");
  cmd->add_flag("--overwrite", f->overwrite,
                "replace the results of an earlier run in the output directory")
      ->group("Input and output");

  cmd->add_option("--preset", f->preset, "built-in pipeline (see `saring config list`) [default]")
      ->group("Pipeline");
  cmd->add_option("-c,--config", f->config_file, "YAML pipeline file (instead of --preset)")
      ->group("Pipeline");
  cmd->add_option("--set", f->sets,
                  "override one setting, e.g. --set length.min_chars=500 (repeatable)")
      ->group("Pipeline");

  cmd->add_option("-j,--threads", f->threads, "worker threads; 0 = all cores [0]")->group("Run");
  cmd->add_option("--batch-size", f->batch_bytes,
                  "input bytes per unit of parallel work; memory is a few times threads x this "
                  "[1MB]")
      ->group("Run");
  cmd->add_flag("--strict", f->strict, "stop at the first bad input record (exit code 2)")
      ->group("Run");
  cmd->add_option("--resume", f->resume,
                  "finish the run in OUT that was interrupted (killed, crashed, out of disk), "
                  "with its inputs and settings; output as if it had not been")
      ->group("Run");
  cmd->add_option("--checkpoint-seconds", f->checkpoint_seconds,
                  "how often a run records where it stands for --resume [10]")
      ->check(CLI::NonNegativeNumber)
      ->group("Run");
  cmd->add_flag("-q,--quiet", f->quiet, "print nothing but fatal errors")->group("Run");
  cmd->add_flag("--stats", f->stats,
                "print OUT/stats.json (every count, for programs) instead of the summary table")
      ->group("Run");
  cmd->add_option("--progress", f->progress,
                  "progress on stderr: auto (a line, on a terminal), json (one event per line, "
                  "for programs), never [auto]")
      ->check(CLI::IsMember({"auto", "json", "never"}))
      ->group("Run");
  cmd->add_flag("--no-progress", f->no_progress, "the same as --progress=never")
      ->group("Run");
}

// `clean --dedup`: the dedup preset's stage after the pipeline's last one,
// unless the pipeline has one already.
saring::Status AppendDedupStage(saring::PipelineConfig* config) {
  for (const saring::StageConfig& stage : config->stages) {
    if (stage.type == "dedup") return saring::Status::OK();
  }
  saring::PipelineConfig dedup;
  saring::Status s = saring::LoadPreset("dedup", &dedup);
  if (!s.ok()) return s;
  config->stages.push_back(dedup.stages.front());
  return saring::Status::OK();
}

saring::Status BuildConfig(const CleanFlags& f, saring::PipelineConfig* config) {
  saring::Status s = f.config_file.empty() ? saring::LoadPreset(f.preset, config)
                                           : saring::LoadConfigFile(f.config_file, config);
  if (!s.ok()) return s;
  if (f.dedup) {
    s = AppendDedupStage(config);
    if (!s.ok()) return s;
  }
  std::vector<std::string> sets;
  if (!f.save_index.empty()) sets.push_back("dedup.save_index=" + f.save_index);
  if (!f.against.empty()) sets.push_back("dedup.against=" + f.against);
  if (!f.keeper.empty()) sets.push_back("dedup.keeper=" + f.keeper);
  if (!f.score_field.empty()) sets.push_back("dedup.score_field=" + f.score_field);
  if (!f.exact_field.empty()) sets.push_back("dedup.exact_field=" + f.exact_field);
  if (!f.text_field.empty()) sets.push_back("input.text_field=" + f.text_field);
  if (!f.id_field.empty()) sets.push_back("input.id_field=" + f.id_field);
  if (!f.max_doc_bytes.empty()) sets.push_back("input.max_doc_bytes=" + f.max_doc_bytes);
  if (!f.compression.empty()) sets.push_back("output.compression=" + f.compression);
  if (f.compression_level)
    sets.push_back("output.compression_level=" + std::to_string(*f.compression_level));
  if (!f.shard_size.empty()) sets.push_back("output.shard_bytes=" + f.shard_size);
  if (f.no_removed) sets.push_back("output.write_removed=false");
  if (f.from_signals) sets.push_back("input.from_signals=true");
  sets.insert(sets.end(), f.sets.begin(), f.sets.end());
  return saring::ApplyOverrides(sets, config);
}

// `--resume OUT`: the inputs and settings are the interrupted run's, read
// from OUT; only how to run (threads, messages) may be given again.
saring::Status ResumeOptions(const CleanFlags& f, saring::CleanOptions* options) {
  if (!f.inputs.empty() || !f.output_dir.empty() || !f.config_file.empty() || !f.sets.empty()) {
    return saring::Status::InvalidArgument(
        "--resume OUT takes the inputs, output and settings of the run in OUT; give no others");
  }
  saring::Status s = saring::ReadJob(f.resume, options);
  options->resume = true;
  return s;
}

int RunCleanCommand(const CleanFlags& f) {
  saring::CleanOptions options;
  saring::Status s;
  if (!f.resume.empty()) {
    if (!std::filesystem::exists(saring::RunStateDir(f.resume)) &&
        std::filesystem::exists(f.resume + "/stats.json")) {
      if (!f.quiet) std::printf("saring: %s: that run finished; nothing to resume\n", f.resume.c_str());
      return kExitOk;
    }
    s = ResumeOptions(f, &options);
    if (!s.ok()) return Fail(s);
  } else {
    if (f.output_dir.empty()) {
      return Fail(saring::Status::InvalidArgument("--output is required (-o OUT), or --resume OUT"));
    }
    if (f.inputs.empty()) {
      return Fail(saring::Status::InvalidArgument(
          "no inputs: give files, directories, quoted globs or - (see --help)"));
    }
    s = BuildConfig(f, &options.config);
    if (!s.ok()) return Fail(s);
    options.inputs = f.inputs;
    options.output_dir = f.output_dir;
    if (!f.batch_bytes.empty()) {
      uint64_t bytes = 0;
      s = saring::ParseByteSize(f.batch_bytes, &bytes);
      if (!s.ok() || bytes == 0) {
        return Fail(saring::Status::InvalidArgument("--batch-size: expected a size such as 64KB or 1MB, got '" +
                                                    f.batch_bytes + "'"));
      }
      options.batch_bytes = bytes;
    }
  }
  options.checkpoint_seconds = f.checkpoint_seconds;
  options.threads = f.threads;
  options.overwrite = f.overwrite;
  options.strict = f.strict;
  options.progress = !f.quiet && !f.no_progress && f.progress == "auto" && isatty(STDERR_FILENO);
  options.progress_json = !f.no_progress && f.progress == "json";
  if (f.quiet) options.max_error_messages = 0;
  saring::CleanReport report;
  s = saring::RunClean(options, &report);
  if (!s.ok()) return Fail(s);
  if (f.stats) {
    std::ifstream in(report.stats_path);
    std::cout << in.rdbuf();
  } else if (!f.quiet) {
    std::fputs(report.summary.c_str(), stdout);
  }
  return report.docs_error > 0 || report.file_errors > 0 ? kExitInputErrors : kExitOk;
}

int RunConfigShow(const std::string& preset, const std::string& file) {
  saring::PipelineConfig config;
  saring::Status s =
      file.empty() ? saring::LoadPreset(preset, &config) : saring::LoadConfigFile(file, &config);
  if (!s.ok()) return Fail(s);
  std::fputs(saring::ConfigToYaml(config).c_str(), stdout);
  return kExitOk;
}

struct ExplainFlags {
  std::string input = "-";
  uint64_t line = 1;
  CleanFlags pipeline;  // --preset, -c, --set
  bool json = false;
  std::string color = "auto";
};

int RunExplain(const ExplainFlags& f) {
  saring::ExplainOptions options;
  saring::Status s = BuildConfig(f.pipeline, &options.config);
  if (!s.ok()) return Fail(s);
  options.input = f.input;
  options.line = f.line;
  options.json = f.json;
  options.color = f.color == "always" || (f.color == "auto" && isatty(STDOUT_FILENO));
  std::string report;
  s = saring::Explain(options, &report);
  if (!s.ok()) return Fail(s);
  std::fputs(report.c_str(), stdout);
  return kExitOk;
}

struct LidEvalFlags {
  std::string dir;
  std::string model;
  int doc_min = 5;
  int doc_max = 20;
  uint64_t seed = 1;
  std::vector<std::string> backends;  // empty: all the model allows
  std::string labels;
  std::string split = "all";
  std::string errors;
};

int RunLidEval(const LidEvalFlags& f) {
  saring::LanguageIdOptions options;
  options.backend = "auto";
  options.model = f.model;
  std::unique_ptr<saring::LanguageIdentifier> lid;
  saring::Status s = saring::LanguageIdentifier::Create(options, &lid);
  if (!s.ok()) return Fail(s);
  saring::LidEvalOptions eval;
  eval.dir = f.dir;
  eval.doc_min = f.doc_min;
  eval.doc_max = f.doc_max;
  eval.seed = f.seed;
  eval.labels_file = f.labels;
  eval.split = f.split;
  eval.errors_file = f.errors;
  if (!f.backends.empty()) {
    eval.backends.clear();
    for (const std::string& name : f.backends) {
      if (name == "cld2") eval.backends.push_back(saring::LidBackend::kCld2);
      if (name == "fasttext") eval.backends.push_back(saring::LidBackend::kFastText);
      if (name == "combined") eval.backends.push_back(saring::LidBackend::kCombined);
    }
  }
  if (lid->backend() == saring::LidBackend::kCld2 &&
      eval.backends != std::vector<saring::LidBackend>{saring::LidBackend::kCld2}) {
    std::printf(
        "no fastText model (--model, $SARING_LID_MODEL, models/lid.176.ftz; see "
        "scripts/fetch-models): scoring cld2 alone\n");
    eval.backends = {saring::LidBackend::kCld2};
  }
  saring::LidEvalReport report;
  s = saring::EvaluateLid(eval, *lid, &report);
  if (!s.ok()) return Fail(s);
  if (!lid->model_path().empty()) std::printf("model: %s\n", lid->model_path().c_str());
  std::fputs(saring::FormatLidReport(report).c_str(), stdout);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file-size limit (ulimit -f) a write then fails with EFBIG and the
  // run stops naming the file, instead of the signal killing it silently.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"saring: clean, filter and deduplicate web text for language-model training",
               "saring"};
  app.set_version_flag("-V,--version", std::string("saring ") + SARING_VERSION);
  app.require_subcommand(1);

  CleanFlags clean_flags;
  CLI::App* clean = app.add_subcommand("clean", "run a cleaning pipeline over a corpus");
  AddCleanFlags(clean, &clean_flags);
  clean
      ->add_flag("--from-signals", clean_flags.from_signals,
                 "decide from the language and signals stored under \"saring\" by `saring "
                 "signals`, without recomputing them")
      ->group("Pipeline");
  clean
      ->add_flag("--dedup", clean_flags.dedup,
                 "deduplicate what the pipeline keeps: the dedup stage (exact and MinHash, as "
                 "`saring dedup`) after its last stage; reads the input twice")
      ->group("Pipeline");

  // `signals`: every document kept, with every quality signal under
  // saring.signals (RedPajama-v2 style); the same flags as clean.
  CleanFlags signals_flags;
  signals_flags.preset = "signals";
  CLI::App* signals = app.add_subcommand(
      "signals",
      "write every document with its quality signals, removing nothing (preset signals)");
  AddCleanFlags(signals, &signals_flags);

  // `dedup`: exact and near-duplicate removal alone (preset dedup).
  CleanFlags dedup_flags;
  dedup_flags.preset = "dedup";
  CLI::App* dedup = app.add_subcommand(
      "dedup", "remove exact and near-duplicate documents, keeping the first of each cluster "
               "(preset dedup)");
  AddCleanFlags(dedup, &dedup_flags);
  dedup
      ->add_option("--threshold", dedup_flags.threshold,
                   "choose bands x rows for this Jaccard similarity (fewest misses above it and "
                   "candidates below it) and print the detection curve")
      ->check(CLI::Range(0.01, 0.99))
      ->group("Pipeline");
  dedup->add_option("--max-hashes", dedup_flags.max_hashes, "hash budget for --threshold [112]")
      ->check(CLI::Range(1, 10000))
      ->group("Pipeline");
  dedup
      ->add_option("--save-index", dedup_flags.save_index,
                   "write the keys of the documents kept to DIR, for a later --against")
      ->group("Pipeline");
  dedup
      ->add_option("--keeper", dedup_flags.keeper,
                   "which document of a cluster stays: first (in input order), longest, or score "
                   "(highest --score-field) [first]")
      ->check(CLI::IsMember({"first", "longest", "score"}))
      ->group("Pipeline");
  dedup
      ->add_option("--score-field", dedup_flags.score_field,
                   "numeric field ranking the keeper with --keeper score, e.g. metadata.edu_score")
      ->group("Pipeline");
  dedup
      ->add_option("--exact-field", dedup_flags.exact_field,
                   "exact duplicates by this field's value (url, metadata.url) instead of the text")
      ->group("Pipeline");
  dedup
      ->add_option("--against", dedup_flags.against,
                   "dedup against an index saved by an earlier run: documents matching it go")
      ->group("Pipeline");

  ExplainFlags explain_flags;
  CLI::App* explain = app.add_subcommand(
      "explain",
      "show what a pipeline does to one document and why: lines removed, language, every "
      "rule against its threshold, the verdict");
  explain->add_option("input", explain_flags.input,
                      "a .txt file (one document), a JSONL file (see --line), or - [-]");
  explain->add_option("--line", explain_flags.line, "JSONL: the line to explain [1]")
      ->check(CLI::PositiveNumber);
  explain->add_option("--preset", explain_flags.pipeline.preset, "built-in pipeline [default]")
      ->group("Pipeline");
  explain->add_option("-c,--config", explain_flags.pipeline.config_file, "YAML pipeline file")
      ->group("Pipeline");
  explain->add_option("--set", explain_flags.pipeline.sets, "override one setting (repeatable)")
      ->group("Pipeline");
  explain->add_flag("--json", explain_flags.json, "the same report as one JSON object");
  explain->add_option("--color", explain_flags.color, "colour: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  CLI::App* manpage = app.add_subcommand("manpage", "print the man page (roff), made from --help's tables");
  std::string completion_shell = "bash";
  CLI::App* completion =
      app.add_subcommand("completion", "print a shell completion script: source <(saring completion bash)");
  completion->add_option("shell", completion_shell, "the shell [bash]")->check(CLI::IsMember({"bash"}));

  CLI::App* config = app.add_subcommand("config", "inspect pipeline configurations");
  config->require_subcommand(1);
  std::string show_preset = "default";
  std::string show_file;
  CLI::App* show =
      config->add_subcommand("show", "print the effective YAML of a preset or config file");
  show->add_option("preset", show_preset, "preset name [default]");
  show->add_option("-c,--config", show_file, "a YAML pipeline file");
  CLI::App* list = config->add_subcommand("list", "list the built-in presets");

  CLI::App* lid = app.add_subcommand("lid", "language identification tools");
  lid->require_subcommand(1);
  LidEvalFlags lid_eval_flags;
  CLI::App* lid_eval = lid->add_subcommand(
      "eval",
      "accuracy of CLD2, fastText and the combined decision on labelled sentences and documents");
  lid_eval
      ->add_option("dir", lid_eval_flags.dir,
                   "folder of <language>.txt files, one sentence per line")
      ->required();
  lid_eval->add_option("--model", lid_eval_flags.model,
                       "fastText model [$SARING_LID_MODEL, models/lid.176.ftz]");
  lid_eval->add_option("--doc-min", lid_eval_flags.doc_min, "fewest sentences per document [5]");
  lid_eval->add_option("--doc-max", lid_eval_flags.doc_max, "most sentences per document [20]");
  lid_eval->add_option("--seed", lid_eval_flags.seed, "shuffle seed for the documents [1]");
  lid_eval->add_option("--labels", lid_eval_flags.labels,
                       "hand-labelled lines to score too: file<TAB>line<TAB>language "
                       "(data/lid/ms-sample-100.tsv scores Malay)");
  lid_eval
      ->add_option("--split", lid_eval_flags.split,
                   "sentences scored: all, dev (even-numbered lines), test (odd) [all]")
      ->check(CLI::IsMember({"all", "dev", "test"}));
  lid_eval->add_option("--errors", lid_eval_flags.errors,
                       "write each text the last backend gets wrong to FILE (TSV: set, expected, "
                       "guess, decided_by, each backend's candidates, text)");
  lid_eval
      ->add_option("--backends", lid_eval_flags.backends,
                   "backends to score [cld2,fasttext,combined]")
      ->delimiter(',')
      ->check(CLI::IsMember({"cld2", "fasttext", "combined"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitFatal;
  }

  if (clean->parsed()) return RunCleanCommand(clean_flags);
  if (signals->parsed()) return RunCleanCommand(signals_flags);
  if (dedup->parsed()) {
    if (dedup_flags.threshold > 0) ApplyThreshold(&dedup_flags);
    return RunCleanCommand(dedup_flags);
  }
  if (show->parsed()) return RunConfigShow(show_preset, show_file);
  if (explain->parsed()) return RunExplain(explain_flags);
  if (manpage->parsed()) {
    std::fputs(saring::ManPage(app, SARING_VERSION, SARING_BUILD_DATE).c_str(), stdout);
    return kExitOk;
  }
  if (completion->parsed()) {
    std::fputs(saring::BashCompletion(app, saring::PresetNames()).c_str(), stdout);
    return kExitOk;
  }
  if (lid_eval->parsed()) return RunLidEval(lid_eval_flags);
  if (list->parsed()) {
    for (const std::string& name : saring::PresetNames()) std::printf("%s\n", name.c_str());
    return kExitOk;
  }
  return kExitFatal;
}
