// FastTextModel: a fastText supervised model (.bin, or quantized .ftz) read
// from disk, and its predictions for a text.
//
//   std::unique_ptr<FastTextModel> model;
//   Status s = FastTextModel::Load("models/lid.176.ftz", &model);
//   std::vector<LabelScore> top;
//   model->Predict("Saya suka makan nasi goreng", 3, &top);
//   // top[0]: model->label(top[0].label) == "id", top[0].prob about 0.9
//
// Predict gives the labels and probabilities fastText's own `predict` gives
// for the same text written on one line: the same tokens (split at ASCII
// whitespace, an end-of-line token at the end), the same character n-gram
// and word n-gram hashes, the same averaged hidden vector and the same loss
// (hierarchical softmax, softmax, or one-vs-all). Newlines inside `text`
// count as spaces, as when FineWeb or Dolma replace them before calling
// fastText. Labels are returned without their "__label__" prefix.
//
// Why not libfasttext (Debian's libfasttext-dev): its predictLine reads from
// a std::istream, builds a std::string per token and per character n-gram,
// and its vocabulary lookup table alone is 120 MB; on 1.5 KB documents it
// classifies 11.5 MB/s per core with lid.176.ftz, which is below what a
// language-ID stage needs (bench/lid_bench measures this reader). The tests
// check this reader against libfasttext on every sentence of the LID test
// set when both are available.
//
// Memory: the model's matrices (lid.176.ftz: under 1 MB; GlotLID .bin files:
// over 1 GB) plus a table of its vocabulary.
//
// Thread-safety: Load makes an immutable model; Predict may be called from
// many threads at once.

#ifndef SARING_LANG_FASTTEXT_MODEL_H_
#define SARING_LANG_FASTTEXT_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "saring/status.h"

namespace saring {

struct LabelScore {
  int label = -1;  // index into FastTextModel::label()
  float prob = 0;
};

// A line of a text (bytes [begin, end), without the newline) and its most
// probable label; label -1 when the line has no token.
struct LineLabel {
  size_t begin = 0, end = 0;
  LabelScore best;
};

class FastTextModel {
 public:
  ~FastTextModel();
  FastTextModel(const FastTextModel&) = delete;
  FastTextModel& operator=(const FastTextModel&) = delete;

  // Reads a model file. Errors name the file and what is wrong with it
  // (not a fastText model, an unsupported version, truncated, not supervised).
  static Status Load(const std::string& path, std::unique_ptr<FastTextModel>* model);

  int label_count() const;
  const std::string& label(int index) const;

  // Replaces *top with the `k` most probable labels, most probable first.
  // Empty when `text` has no token and the model has no end-of-line entry.
  void Predict(std::string_view text, int k, std::vector<LabelScore>* top) const;

  // As Predict, and also each line of `text` (split at '\n') predicted
  // alone, as Predict(line, 1) would, from the same row lookups: the lines
  // cost little more than the text. Lines shorter than `min_line_bytes` are
  // listed but not predicted (label -1).
  void PredictWithLines(std::string_view text, int k, std::vector<LabelScore>* top,
                        std::vector<LineLabel>* lines, size_t min_line_bytes = 0) const;

 private:
  struct Impl;
  explicit FastTextModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace saring

#endif  // SARING_LANG_FASTTEXT_MODEL_H_
