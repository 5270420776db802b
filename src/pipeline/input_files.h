// ExpandInputs: turns command-line inputs into the ordered list of files to
// read.
//
//   "-"            standard input, read as JSON Lines
//   FILE           read as is; *.txt (also .txt.gz, .txt.zst) is one
//                  document per file, anything else JSON Lines
//   DIR            every *.jsonl, *.json, *.ndjson and *.txt file below DIR
//                  (plain, .gz or .zst), hidden files skipped, sorted by path
//   'data/*.gz'    a glob (quoted, so the shell leaves it to saring), sorted
//
// The order is deterministic, which the output order relies on.
//
// Thread-safety: stateless.

#ifndef SARING_PIPELINE_INPUT_FILES_H_
#define SARING_PIPELINE_INPUT_FILES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "saring/status.h"

namespace saring {

struct InputFile {
  std::string path;      // as opened; "-" for stdin
  bool one_document = false;  // .txt: the whole file is one document
  uint64_t size = 0;     // on-disk bytes (compressed), 0 if unknown
};

Status ExpandInputs(const std::vector<std::string>& args, std::vector<InputFile>* files);

// True for names saring reads when walking a directory.
bool IsCorpusFileName(const std::string& name);

}  // namespace saring

#endif  // SARING_PIPELINE_INPUT_FILES_H_
