// Prepares OUT/ for a run: creates kept/, removed/ and errors/, and refuses
// to mix results with an earlier run's unless asked to replace them.
//
// Thread-safety: stateless.

#ifndef SARING_PIPELINE_OUTPUT_DIR_H_
#define SARING_PIPELINE_OUTPUT_DIR_H_

#include <string>

#include "saring/status.h"

namespace saring {

Status PrepareOutputDir(const std::string& dir, bool overwrite);
// kept/, removed/ and errors/ under `dir`, made if missing (what
// PrepareOutputDir ends with; a resumed run keeps what is there).
Status CreateOutputSubdirs(const std::string& dir);

// Writes `content` to `path` atomically (temporary file, then rename).
Status WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace saring

#endif  // SARING_PIPELINE_OUTPUT_DIR_H_
