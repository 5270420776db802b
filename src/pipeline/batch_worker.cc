#include "pipeline/batch_worker.h"

#include <chrono>

#include "corpus/domain.h"
#include "dedup/dedup_index.h"
#include "json/json_writer.h"
#include "stages/stage_registry.h"
#include "util/clock.h"
#include "text/utf8.h"

namespace saring {
namespace {

std::string_view TrimLine(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
  return s.substr(i);
}

const char* TypeName(simdjson::dom::element_type t) {
  using T = simdjson::dom::element_type;
  switch (t) {
    case T::ARRAY: return "an array";
    case T::OBJECT: return "an object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "a number";
    case T::STRING: return "a string";
    case T::BOOL: return "a boolean";
    case T::NULL_VALUE: return "null";
  }
  return "a value";
}

void AppendBase64(std::string* out, std::string_view in) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  auto b = [&](size_t k) { return static_cast<unsigned char>(in[k]); };
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
    for (int s = 18; s >= 0; s -= 6) out->push_back(kAlphabet[(v >> s) & 63]);
  }
  if (i + 1 == in.size()) {
    uint32_t v = b(i) << 16;
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->append("==");
  } else if (i + 2 == in.size()) {
    uint32_t v = (b(i) << 16) | (b(i + 1) << 8);
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back('=');
  }
}

// The element at `path` (keys of nested objects) in `object`; false when
// there is none.
template <typename Path>
bool ElementAtPath(simdjson::dom::object object, const Path& path, simdjson::dom::element* e) {
  for (size_t i = 0; i < path.size(); ++i) {
    if (object.at_key(path[i]).get(*e)) return false;
    if (i + 1 < path.size() && e->get_object().get(object)) return false;
  }
  return !path.empty();
}

// The string at `path` in `object`, or "".
std::string_view StringAtPath(simdjson::dom::object object, const std::vector<std::string>& path) {
  simdjson::dom::element e;
  std::string_view s;
  if (!ElementAtPath(object, path, &e) || e.get_string().get(s)) return {};
  return s;
}

// "metadata.url" -> {"metadata", "url"} (views into `dotted_path`).
std::vector<std::string_view> SplitDottedPath(std::string_view dotted_path) {
  std::vector<std::string_view> path;
  for (size_t start = 0; start <= dotted_path.size();) {
    size_t dot = dotted_path.find('.', start);
    if (dot == std::string_view::npos) dot = dotted_path.size();
    path.push_back(dotted_path.substr(start, dot - start));
    start = dot + 1;
  }
  return path;
}

// Reads what an earlier run stored under "saring" (see StoredSignals);
// false when there is no saring.signals object.
bool ReadStoredSignals(simdjson::dom::object object, StoredSignals* out) {
  simdjson::dom::object saring, signals;
  if (object.at_key("saring").get_object().get(saring)) return false;
  if (saring.at_key("signals").get_object().get(signals)) return false;
  out->values.clear();
  for (auto field : signals) {
    double v = 0;
    if (!field.value.get_double().get(v)) out->values.emplace_back(std::string(field.key), v);
  }
  std::string_view s;
  out->language = saring.at_key("language").get_string().get(s) ? "" : std::string(s);
  out->script = saring.at_key("language_script").get_string().get(s) ? "" : std::string(s);
  if (saring.at_key("language_score").get_double().get(out->language_score)) {
    out->language_score = 0;
  }
  return true;
}

}  // namespace

std::string_view BatchWorker::RecordFields::Field(std::string_view dotted_path) const {
  simdjson::dom::element e;
  std::string_view s;
  if (!ElementAtPath(object, SplitDottedPath(dotted_path), &e) || e.get_string().get(s)) return {};
  return s;
}

bool BatchWorker::RecordFields::Number(std::string_view dotted_path, double* value) const {
  simdjson::dom::element e;
  return ElementAtPath(object, SplitDottedPath(dotted_path), &e) && !e.get_double().get(*value);
}

BatchWorker::BatchWorker(const PipelineConfig& config, const std::vector<InputFile>& files,
                         const std::vector<StageContext>& contexts)
    : config_(config), files_(files) {
  // The config was validated before the run starts, so this cannot fail.
  Status s = CreateStages(config.stages, contexts, &stages_);
  (void)s;
  compressor_ = NewFrameCompressor(CompressionFromName(config.output.compression),
                                   config.output.compression_level);
}

void BatchWorker::Process(const InputBatch& in, OutputBatch* out) {
  out->Clear();
  out->seq = in.seq;
  out->files_finished = in.files_finished;
  out->stats.stage_ns.assign(stages_.size(), 0);
  kept_plain_.clear();
  for (auto& [route, plain] : routed_plain_) plain.clear();
  removed_plain_.clear();
  errors_plain_.clear();
  for (size_t i = 0; i < in.records.size(); ++i) {
    record_index_ = static_cast<uint32_t>(i);
    ProcessRecord(in, in.records[i], out);
  }
  out->stats.stage_counters.resize(stages_.size());
  for (size_t i = 0; i < stages_.size(); ++i) out->stats.stage_counters[i] = stages_[i]->TakeCounters();
  CompressStream(&kept_plain_, &out->kept, &out->stats);
  for (auto& [route, plain] : routed_plain_) {
    if (plain.empty()) continue;
    out->routed.emplace_back(route, std::string());
    CompressStream(&plain, &out->routed.back().second, &out->stats);
  }
  CompressStream(&removed_plain_, &out->removed, &out->stats);
  CompressStream(&errors_plain_, &out->errors, &out->stats);
}

template <typename Fn>
void BatchWorker::ForEachDocument(const InputBatch& in, bool text_files, Fn after_stages) {
  BatchStats ignored;
  ignored.stage_ns.assign(stages_.size(), 0);
  for (size_t i = 0; i < in.records.size(); ++i) {
    const RawRecord& r = in.records[i];
    std::string_view raw(in.data.data() + r.offset, r.length);
    url_ = {};
    if (r.kind == RecordKind::kJsonLine) {
      std::string kind, error;
      if (DecodeJsonLine(r, raw, &kind, &error) != Outcome::kDocument) continue;
    } else if (r.kind == RecordKind::kTextFile && text_files) {
      DecodeTextFile(r, raw);
    } else {
      continue;
    }
    doc_.set_position(DedupPosition(in.seq, static_cast<uint32_t>(i)));
    RunStages(&ignored);
    after_stages();
  }
  for (auto& stage : stages_) stage->TakeCounters();
}

void BatchWorker::CountLines(const InputBatch& in,
                             const std::vector<std::vector<std::string>>& url_paths,
                             LineCensus::Shard* shard) {
  url_paths_ = &url_paths;
  ForEachDocument(in, /*text_files=*/true, [&] {
    if (!doc_.removed()) shard->AddDocument(doc_.text(), url_.empty() ? "" : DomainOf(url_));
  });
  url_paths_ = nullptr;
}

// Under from_signals a .txt record is an error of the main pass: its
// document must not reach the collecting stages (it could become a keeper).
void BatchWorker::RunWithoutOutput(const InputBatch& in) {
  ForEachDocument(in, /*text_files=*/!config_.input.from_signals, [] {});
}

void BatchWorker::CompressStream(std::string* plain, std::string* frame, BatchStats* stats) {
  if (plain->empty()) return;
  uint64_t t0 = NowNs();
  Status s = compressor_->Compress(*plain, frame);
  stats->compress_ns += NowNs() - t0;
  if (!s.ok()) frame->clear();  // cannot happen with a valid level; the writer sees no bytes
}

namespace {
void Bump(std::vector<uint64_t>& histogram, size_t bucket) {
  if (histogram.size() <= bucket) histogram.resize(bucket + 1);
  ++histogram[bucket];
}
}  // namespace

void BatchWorker::ProcessRecord(const InputBatch& in, const RawRecord& r, OutputBatch* out) {
  BatchStats& stats = out->stats;
  std::string_view raw(in.data.data() + r.offset, r.length);
  switch (r.kind) {
    case RecordKind::kFileError:
      ++stats.file_errors;
      out->error_messages.push_back(files_[r.file].path + ": " + in.messages[r.message]);
      return;
    case RecordKind::kReadError:
      ++stats.docs_in;
      stats.raw_bytes_in += r.full_length;
      WriteError(r, raw, "truncated_input", in.messages[r.message], out);
      return;
    case RecordKind::kOversize:
      ++stats.docs_in;
      stats.raw_bytes_in += r.full_length;
      WriteError(r, raw, "too_large",
                 "document of " + std::to_string(r.full_length) + " bytes exceeds max_doc_bytes " +
                     std::to_string(config_.input.max_doc_bytes),
                 out);
      return;
    case RecordKind::kJsonLine: {
      uint64_t t0 = NowNs();
      std::string kind, error;
      Outcome outcome = DecodeJsonLine(r, raw, &kind, &error);
      stats.parse_ns += NowNs() - t0;
      if (outcome == Outcome::kBlank) {
        ++stats.blank_lines;
        return;
      }
      ++stats.docs_in;
      stats.raw_bytes_in += r.full_length + 1;
      if (outcome == Outcome::kError) {
        WriteError(r, raw, kind, error, out);
        return;
      }
      break;
    }
    case RecordKind::kTextFile:
      ++stats.docs_in;
      stats.raw_bytes_in += r.full_length;
      if (config_.input.from_signals) {
        WriteError(r, raw, "missing_signals",
                   "a .txt file has no stored signals to decide from (run without --from-signals)",
                   out);
        return;
      }
      DecodeTextFile(r, raw);
      break;
  }
  if (doc_.invalid_utf8_replaced() > 0) {
    ++stats.invalid_utf8_docs;
    stats.invalid_utf8_sequences += doc_.invalid_utf8_replaced();
  }
  stats.text_bytes_in += doc_.text().size();
  Bump(stats.length_in, LengthBucket(doc_.text().size()));
  doc_.set_position(DedupPosition(in.seq, record_index_));
  RunStages(&stats);
  uint64_t t0 = NowNs();
  if (doc_.removed()) {
    ++stats.docs_removed;
    DocCount& c = stats.removed[{doc_.removal().stage, doc_.removal().rule}];
    ++c.docs;
    c.text_bytes += doc_.text().size();
    if (config_.output.report && input_text_.size() <= BatchStats::kMaxSampleBytes) {
      std::vector<RemovedSample>& list =
          stats.samples[doc_.removal().stage + ": " + doc_.removal().rule];
      if (list.size() < BatchStats::kSamplesPerReason) {
        list.push_back(RemovedSample{doc_.id(), std::string(input_text_), doc_.removal().reason});
      }
    }
    if (config_.output.write_removed) WriteDocument(&removed_plain_);
  } else {
    ++stats.docs_kept;
    stats.text_bytes_kept += doc_.text().size();
    Bump(stats.length_kept, LengthBucket(doc_.text().size()));
    if (doc_.text_changed()) ++stats.docs_rewritten;
    WriteDocument(doc_.route().empty() ? &kept_plain_ : &routed_plain_[doc_.route()]);
  }
  stats.serialize_ns += NowNs() - t0;
}

BatchWorker::Outcome BatchWorker::DecodeJsonLine(const RawRecord& r, std::string_view line,
                                                 std::string* error_kind, std::string* error) {
  std::string_view json = TrimLine(line);
  if (json.empty()) return Outcome::kBlank;
  size_t replaced = 0;
  if (!IsValidUtf8(json)) {
    replaced = RepairUtf8(json, &repaired_);
    repaired_.reserve(repaired_.size() + simdjson::SIMDJSON_PADDING);
    json = repaired_;
  }
  simdjson::dom::element root;
  // No copy: the batch buffer holds the following records and simdjson's
  // padding after this line (and repaired_ reserved its own).
  auto err = parser_.parse(json.data(), json.size(), false).get(root);
  if (err) {
    *error_kind = "invalid_json";
    *error = std::string("invalid JSON: ") + simdjson::error_message(err);
    return Outcome::kError;
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    *error_kind = "not_an_object";
    *error = std::string("expected a JSON object, got ") + TypeName(root.type());
    return Outcome::kError;
  }
  std::string_view text;
  simdjson::dom::element text_value;
  if (object.at_key(config_.input.text_field).get(text_value)) {
    *error_kind = "missing_text";
    *error = "no \"" + config_.input.text_field + "\" field";
    return Outcome::kError;
  }
  if (text_value.get_string().get(text)) {
    *error_kind = "text_not_string";
    *error = "field \"" + config_.input.text_field + "\" is " + TypeName(text_value.type()) +
             ", expected a string";
    return Outcome::kError;
  }
  if (text.empty()) {  // nothing to keep or judge: a broken record, as datatrove's readers skip it
    *error_kind = "empty_text";
    *error = "field \"" + config_.input.text_field + "\" is empty";
    return Outcome::kError;
  }
  if (url_paths_ != nullptr) {
    for (const auto& path : *url_paths_) {
      url_ = StringAtPath(object, path);
      if (!url_.empty()) break;
    }
  }
  members_.clear();
  ScanObjectMembers(json, &members_);
  saring_members_.clear();
  for (const JsonMember& m : members_) {
    if (m.key == "saring") ScanObjectMembers(m.value, &saring_members_);
  }
  if (config_.input.from_signals && !ReadStoredSignals(object, &stored_)) {
    *error_kind = "missing_signals";
    *error = "no \"saring.signals\" object to decide from (write one with `saring signals`, or "
             "run without --from-signals)";
    return Outcome::kError;
  }
  json_ = json;
  from_json_ = true;
  std::string_view id;
  simdjson::dom::element id_value;
  has_id_ = !object.at_key(config_.input.id_field).get(id_value);
  if (!has_id_) {
    // A stable id for a line without one: where it was read.
    derived_id_ = files_[r.file].path + ":" + std::to_string(r.line);
    id = derived_id_;
  } else {
    if (id_value.is_string()) {
      id = id_value.get_string().value_unsafe();
    } else if (id_value.is_number()) {
      for (const JsonMember& m : members_) {
        if (m.key == config_.input.id_field) id = m.value;  // the number as written
      }
    } else {
      *error_kind = "invalid_id";
      *error = "field \"" + config_.input.id_field + "\" is " + TypeName(id_value.type()) +
               ", expected a string or a number";
      return Outcome::kError;
    }
  }
  doc_.Reset(id, text);
  input_text_ = text;
  doc_.set_invalid_utf8_replaced(replaced);
  fields_.object = object;
  doc_.set_fields(&fields_);
  if (config_.input.from_signals) doc_.set_stored(&stored_);
  return Outcome::kDocument;
}

void BatchWorker::DecodeTextFile(const RawRecord& r, std::string_view bytes) {
  size_t replaced = 0;
  if (!IsValidUtf8(bytes)) {
    replaced = RepairUtf8(bytes, &repaired_);
    bytes = repaired_;
  }
  from_json_ = false;
  has_id_ = true;
  saring_members_.clear();
  doc_.Reset(files_[r.file].path, bytes);
  input_text_ = bytes;
  doc_.set_invalid_utf8_replaced(replaced);
}

void BatchWorker::RunStages(BatchStats* stats) {
  for (size_t i = 0; i < stages_.size() && !doc_.removed(); ++i) {
    uint64_t t0 = NowNs();
    stages_[i]->Process(doc_);
    stats->stage_ns[i] += NowNs() - t0;
  }
}

// Writes the current document as one JSON line. Members the pipeline does
// not own are copied byte for byte; a document nobody touched is the input
// line itself.
void BatchWorker::WriteDocument(std::string* dest) {
  const bool annotated = !doc_.annotations().empty();
  const bool removed = doc_.removed();
  if (from_json_ && has_id_ && !doc_.text_changed() && !annotated && !removed) {
    dest->append(json_).push_back('\n');
    return;
  }
  dest->push_back('{');
  bool first = true;
  auto key = [&](std::string_view k) {
    if (!first) dest->push_back(',');
    first = false;
    AppendJsonString(dest, k);
    dest->push_back(':');
  };
  if (!has_id_ || !from_json_) {
    key(config_.input.id_field);
    AppendJsonString(dest, doc_.id());
  }
  if (from_json_) {
    for (const JsonMember& m : members_) {
      if (m.key == config_.input.text_field) {
        key(config_.input.text_field);
        AppendJsonString(dest, doc_.text());
        continue;
      }
      if (annotated && m.key == "saring") continue;
      if (removed && (m.key == "removed_by" || m.key == "removed_reason")) continue;
      if (!first) dest->push_back(',');
      first = false;
      dest->append(m.member);
    }
  } else {
    key(config_.input.text_field);
    AppendJsonString(dest, doc_.text());
  }
  if (annotated) {
    key("saring");
    dest->push_back('{');
    bool first_annotation = true;
    // What the input's "saring" object held and no stage of this run set
    // again stays (the signals `saring signals` stored, read by a later
    // --from-signals run, survive it).
    for (const JsonMember& m : saring_members_) {
      bool replaced = false;
      for (const auto& [k, v] : doc_.annotations()) replaced = replaced || m.key == k;
      if (replaced) continue;
      if (!first_annotation) dest->push_back(',');
      first_annotation = false;
      dest->append(m.member);
    }
    for (const auto& [k, v] : doc_.annotations()) {
      if (!first_annotation) dest->push_back(',');
      first_annotation = false;
      AppendJsonString(dest, k);
      dest->push_back(':');
      dest->append(v);
    }
    dest->push_back('}');
  }
  if (removed) {
    key("removed_by");
    AppendJsonString(dest, doc_.removal().stage);
    key("removed_reason");
    AppendJsonString(dest, doc_.removal().reason);
  }
  dest->append("}\n");
}

void BatchWorker::WriteError(const RawRecord& r, std::string_view raw, const std::string& kind,
                             const std::string& message, OutputBatch* out) {
  ++out->stats.docs_error;
  ++out->stats.errors[kind];
  const std::string& path = files_[r.file].path;
  std::string where = r.line > 0 ? path + ":" + std::to_string(r.line) : path;
  out->error_messages.push_back(where + ": " + message);
  std::string& e = errors_plain_;
  e.append("{\"file\":");
  AppendJsonString(&e, path);
  e.append(",\"line\":");
  AppendJsonInt(&e, static_cast<int64_t>(r.line));
  e.append(",\"error\":");
  AppendJsonString(&e, kind);
  e.append(",\"message\":");
  AppendJsonString(&e, message);
  // The input record as it was: a JSON string when it is valid UTF-8,
  // base64 otherwise, so the errors output is lossless and still valid JSON.
  if (IsValidUtf8(raw)) {
    e.append(",\"raw\":");
    AppendJsonString(&e, raw);
  } else {
    e.append(",\"raw_base64\":\"");
    AppendBase64(&e, raw);
    e.push_back('"');
  }
  if (r.full_length > raw.size()) {
    e.append(",\"raw_truncated\":true,\"raw_bytes\":");
    AppendJsonInt(&e, static_cast<int64_t>(r.full_length));
  }
  e.append("}\n");
}

}  // namespace saring
