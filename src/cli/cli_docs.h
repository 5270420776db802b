// The man page and the bash completion script, both made from the same
// CLI11 tables that --help prints, so that none of them can drift from the
// flags the binary takes (`saring manpage`, `saring completion bash`; the
// build writes saring.1 and saring.bash beside the binary).
//
// Thread-safety: plain functions.

#ifndef SARING_CLI_CLI_DOCS_H_
#define SARING_CLI_CLI_DOCS_H_

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace saring {

// roff for man(1): every command with its options, grouped as --help groups
// them, then exit status and files.
std::string ManPage(const CLI::App& app, const std::string& version, const std::string& date);

// A bash completion function for `saring`: commands, their options, preset
// names after --preset, file names elsewhere.
std::string BashCompletion(const CLI::App& app, const std::vector<std::string>& presets);

}  // namespace saring

#endif  // SARING_CLI_CLI_DOCS_H_
