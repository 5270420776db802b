// BatchWorker: turns one InputBatch into one OutputBatch: decodes each
// record, runs the stages, serializes kept and removed documents and error
// records, and compresses each output stream into one frame.
//
// Like a simdjson parser, a worker owns its buffers and reuses them from
// batch to batch; it is not thread-safe by design, and the pipeline keeps
// one per thread.

#ifndef SARING_PIPELINE_BATCH_WORKER_H_
#define SARING_PIPELINE_BATCH_WORKER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <simdjson.h>

#include "corpus/line_census.h"
#include "io/frame_compressor.h"
#include "json/object_scanner.h"
#include "pipeline/batch.h"
#include "pipeline/input_files.h"
#include "saring/config.h"
#include "saring/document.h"
#include "saring/stage.h"
#include "stages/stage_registry.h"

namespace saring {

class BatchWorker {
 public:
  // `files` must outlive the worker. `config` must have been validated.
  // `contexts`: one per stage, or empty (see StageContext).
  BatchWorker(const PipelineConfig& config, const std::vector<InputFile>& files,
              const std::vector<StageContext>& contexts = {});

  void Process(const InputBatch& in, OutputBatch* out);

  // The census pass of common_lines: decodes each document, runs this
  // worker's stages, and adds what survives to `shard` under the domain of
  // the first of `url_paths` (field paths) that holds a string. Writes
  // nothing; bad records are skipped here and reported by the main pass.
  void CountLines(const InputBatch& in, const std::vector<std::vector<std::string>>& url_paths,
                  LineCensus::Shard* shard);

  // A first pass of stages that collect facts about the corpus (the dedup
  // stage's keys): decodes each document, sets its position, runs this
  // worker's stages; writes nothing, and bad records are left to the main
  // pass.
  void RunWithoutOutput(const InputBatch& in);

 private:
  enum class Outcome { kDocument, kBlank, kError };

  void ProcessRecord(const InputBatch& in, const RawRecord& r, OutputBatch* out);
  Outcome DecodeJsonLine(const RawRecord& r, std::string_view line, std::string* error_kind,
                         std::string* error);
  void DecodeTextFile(const RawRecord& r, std::string_view bytes);
  void RunStages(BatchStats* stats);
  // Decodes each usable record of `in` (and .txt records when
  // `text_files`), sets its position, runs the stages, calls after_stages();
  // writes nothing. Shared by the first passes.
  template <typename Fn>
  void ForEachDocument(const InputBatch& in, bool text_files, Fn after_stages);
  void WriteDocument(std::string* dest);
  void WriteError(const RawRecord& r, std::string_view raw, const std::string& kind,
                  const std::string& message, OutputBatch* out);
  void CompressStream(std::string* plain, std::string* frame, BatchStats* stats);

  // Document::Field for the record being processed: its parsed object.
  class RecordFields : public FieldReader {
   public:
    std::string_view Field(std::string_view dotted_path) const override;
    bool Number(std::string_view dotted_path, double* value) const override;
    simdjson::dom::object object;
  };

  const PipelineConfig& config_;
  const std::vector<InputFile>& files_;
  std::vector<std::unique_ptr<Stage>> stages_;
  std::unique_ptr<FrameCompressor> compressor_;
  simdjson::dom::parser parser_;
  Document doc_;

  // Per-record decode state.
  std::string_view json_;            // the (possibly repaired) JSON line
  std::vector<JsonMember> members_;  // its top-level members
  std::vector<JsonMember> saring_members_;  // the members of its "saring" object, if any
  StoredSignals stored_;                    // read back under input.from_signals
  RecordFields fields_;
  uint32_t record_index_ = 0;         // of the record being processed, in its batch
  bool has_id_ = false;
  bool from_json_ = false;
  const std::vector<std::vector<std::string>>* url_paths_ = nullptr;  // census only
  std::string_view url_;
  std::string repaired_;
  // The text the document was made from, for the report's samples: a view
  // into parser_'s strings, repaired_ or the batch, all untouched until the
  // next record (so no copy per document).
  std::string_view input_text_;
  std::string derived_id_;

  // Plain output of the current batch, compressed at the end.
  std::string kept_plain_;
  std::map<std::string, std::string> routed_plain_;  // route -> JSON lines
  std::string removed_plain_;
  std::string errors_plain_;
};

}  // namespace saring

#endif  // SARING_PIPELINE_BATCH_WORKER_H_
