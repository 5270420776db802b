// Stage: one step of a cleaning pipeline, applied to one document at a time.
//
// A stage may annotate the document (signals), rewrite its text, or remove
// it with a reason; see Document. Stages are created from the "stages" list
// of a pipeline config (see config.h), once per worker thread, so a stage may
// keep scratch buffers in members without locking.
//
// Thread-safety: a Stage object is used by one thread at a time.

#ifndef SARING_STAGE_H_
#define SARING_STAGE_H_

#include <string_view>

#include "saring/document.h"

namespace saring {

class Stage {
 public:
  virtual ~Stage() = default;
  // The stage's config name ("normalize", "length"); also "removed_by".
  virtual std::string_view name() const = 0;
  virtual void Process(Document& doc) = 0;
};

}  // namespace saring

#endif  // SARING_STAGE_H_
