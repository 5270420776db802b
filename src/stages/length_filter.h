// LengthFilter ("length"): removes documents whose length in characters
// (code points) or words falls outside configured bounds.
//
//   - length: {min_chars: 200, max_chars: 0, min_words: 0, max_words: 0}
//
// A bound of 0 is off. Reasons read "length: chars 57 < 200". With
// `annotate: true` the counts are stored as signals "chars" and "words".
//
// Thread-safety: see Stage.

#ifndef SARING_STAGES_LENGTH_FILTER_H_
#define SARING_STAGES_LENGTH_FILTER_H_

#include <cstdint>
#include <memory>

#include <yaml-cpp/yaml.h>

#include "saring/stage.h"
#include "saring/status.h"

namespace saring {

struct LengthFilterOptions {
  uint64_t min_chars = 0;
  uint64_t max_chars = 0;
  uint64_t min_words = 0;
  uint64_t max_words = 0;
  bool annotate = false;
};

class LengthFilter : public Stage {
 public:
  explicit LengthFilter(const LengthFilterOptions& options) : options_(options) {}
  std::string_view name() const override { return "length"; }
  void Process(Document& doc) override;

 private:
  LengthFilterOptions options_;
};

Status CreateLengthFilter(const YAML::Node& params, std::unique_ptr<Stage>* stage);

}  // namespace saring

#endif  // SARING_STAGES_LENGTH_FILTER_H_
