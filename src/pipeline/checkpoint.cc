#include "pipeline/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "saring/config.h"

namespace saring {
namespace {

constexpr char kCheckpointHeader[] = "saring checkpoint 1";

// Writes `content` to `path` whole or not at all: a temporary file, synced,
// renamed over the old one.
Status WriteDurably(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("cannot create " + tmp + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  const bool ok = done == content.size() && ::fdatasync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) return Status::IOError("cannot write " + tmp + ": " + std::strerror(err));
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IOError("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
  return Status::OK();
}

// BatchStats' plain counters, by the name each has in a checkpoint: one
// table for writing and reading.
constexpr std::pair<const char*, uint64_t BatchStats::*> kScalars[] = {
    {"docs_in", &BatchStats::docs_in},
    {"raw_bytes_in", &BatchStats::raw_bytes_in},
    {"text_bytes_in", &BatchStats::text_bytes_in},
    {"docs_kept", &BatchStats::docs_kept},
    {"text_bytes_kept", &BatchStats::text_bytes_kept},
    {"docs_removed", &BatchStats::docs_removed},
    {"docs_error", &BatchStats::docs_error},
    {"blank_lines", &BatchStats::blank_lines},
    {"file_errors", &BatchStats::file_errors},
    {"invalid_utf8_docs", &BatchStats::invalid_utf8_docs},
    {"invalid_utf8_sequences", &BatchStats::invalid_utf8_sequences},
    {"docs_rewritten", &BatchStats::docs_rewritten},
    {"parse_ns", &BatchStats::parse_ns},
    {"serialize_ns", &BatchStats::serialize_ns},
    {"compress_ns", &BatchStats::compress_ns}};

// BatchStats as lines of "name value..." (keys are saring's own stage,
// rule and error names: no spaces or tabs in them; tabs separate fields).
void AppendStats(const BatchStats& t, std::ostringstream& out) {
  for (const auto& [name, member] : kScalars) out << name << '\t' << t.*member << '\n';
  for (const auto& [key, count] : t.removed) {
    out << "removed\t" << key.first << '\t' << key.second << '\t' << count.docs << '\t'
        << count.text_bytes << '\n';
  }
  for (const auto& [kind, n] : t.errors) out << "error\t" << kind << '\t' << n << '\n';
  for (size_t i = 0; i < t.stage_ns.size(); ++i) out << "stage_ns\t" << i << '\t' << t.stage_ns[i] << '\n';
  for (size_t i = 0; i < t.stage_counters.size(); ++i) {
    for (const auto& [key, n] : t.stage_counters[i]) out << "counter\t" << i << '\t' << key << '\t' << n << '\n';
  }
  for (size_t i = 0; i < t.length_in.size(); ++i) out << "length_in\t" << i << '\t' << t.length_in[i] << '\n';
  for (size_t i = 0; i < t.length_kept.size(); ++i) out << "length_kept\t" << i << '\t' << t.length_kept[i] << '\n';
  // (Report samples are not kept: a resumed run's report samples what it processed.)
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) fields.push_back(f);
  return fields;
}

// One line of the checkpoint into *c; false when it is not understood.
bool ParseLine(const std::vector<std::string>& f, Checkpoint* c) {
  auto u = [](const std::string& s) { return std::stoull(s); };
  BatchStats& t = c->totals;
  if (f.empty()) return false;
  if (f.size() == 2 && f[0] == "fingerprint") {
    c->fingerprint = f[1];
    return true;
  }
  if (f.size() == 2) {
    for (const auto& [name, member] : kScalars) {
      if (f[0] == name) {
        t.*member = u(f[1]);
        return true;
      }
    }
    const std::pair<const char*, uint64_t*> own[] = {{"batches_done", &c->batches_done},
                                                     {"errors_printed", &c->errors_printed},
                                                     {"errors_seen", &c->errors_seen}};
    for (const auto& [name, value] : own) {
      if (f[0] == name) {
        *value = u(f[1]);
        return true;
      }
    }
  }
  if (f.size() == 5 && f[0] == "stream") {
    c->streams[f[1]] = ShardWriter::State{u(f[2]), u(f[3]), u(f[4])};
    return true;
  }
  if (f.size() == 5 && f[0] == "removed") {
    t.removed[{f[1], f[2]}] = DocCount{u(f[3]), u(f[4])};
    return true;
  }
  if (f.size() == 3 && f[0] == "error") {
    t.errors[f[1]] = u(f[2]);
    return true;
  }
  if (f.size() == 3 && f[0] == "stage_ns") {
    const size_t i = u(f[1]);
    if (t.stage_ns.size() <= i) t.stage_ns.resize(i + 1);
    t.stage_ns[i] = u(f[2]);
    return true;
  }
  if (f.size() == 3 && (f[0] == "length_in" || f[0] == "length_kept")) {
    std::vector<uint64_t>& h = f[0] == "length_in" ? t.length_in : t.length_kept;
    const size_t i = u(f[1]);
    if (h.size() <= i) h.resize(i + 1);
    h[i] = u(f[2]);
    return true;
  }
  if (f.size() == 4 && f[0] == "counter") {
    const size_t i = u(f[1]);
    if (t.stage_counters.size() <= i) t.stage_counters.resize(i + 1);
    t.stage_counters[i][f[2]] = u(f[3]);
    return true;
  }
  return false;
}

}  // namespace

std::string RunStateDir(const std::string& output_dir) { return output_dir + "/.saring-run"; }

std::string JobFingerprint(const CleanOptions& options, const std::vector<std::string>& files,
                           const std::vector<uint64_t>& sizes) {
  std::string key = ConfigToYaml(options.config) + "\nbatch_bytes " +
                    std::to_string(options.batch_bytes) + "\n";
  for (size_t i = 0; i < files.size(); ++i) {
    key += files[i] + "\t" + std::to_string(sizes[i]) + "\n";
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  return hex;
}

Status WriteJob(const CleanOptions& options) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "inputs" << YAML::Value << YAML::BeginSeq;
  for (const std::string& input : options.inputs) out << input;
  out << YAML::EndSeq;
  out << YAML::Key << "batch_bytes" << YAML::Value << options.batch_bytes;
  out << YAML::Key << "name" << YAML::Value << options.config.name;
  out << YAML::Key << "pipeline" << YAML::Value << YAML::Literal << ConfigToYaml(options.config);
  out << YAML::EndMap;
  const std::string dir = RunStateDir(options.output_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  return WriteDurably(dir + "/job.yaml", std::string(out.c_str()) + "\n");
}

Status ReadJob(const std::string& output_dir, CleanOptions* options) {
  const std::string path = RunStateDir(output_dir) + "/job.yaml";
  YAML::Node job;
  try {
    job = YAML::LoadFile(path);
  } catch (const YAML::Exception&) {
    return Status::NotFound(output_dir + " holds no run to resume (no " + path + ")");
  }
  try {
    options->inputs = job["inputs"].as<std::vector<std::string>>();
    options->batch_bytes = job["batch_bytes"].as<size_t>();
    Status s = ParseConfigYaml(job["pipeline"].as<std::string>(), path, &options->config);
    if (!s.ok()) return s;
    options->config.name = job["name"].as<std::string>();
  } catch (const YAML::Exception& e) {
    return Status::Corruption(path + ": " + e.what());
  }
  options->output_dir = output_dir;
  return Status::OK();
}

Status WriteCheckpoint(const std::string& output_dir, const Checkpoint& c) {
  std::ostringstream out;
  out << kCheckpointHeader << '\n';
  out << "fingerprint\t" << c.fingerprint << '\n';
  out << "batches_done\t" << c.batches_done << '\n';
  out << "errors_printed\t" << c.errors_printed << '\n';
  out << "errors_seen\t" << c.errors_seen << '\n';
  for (const auto& [dir, st] : c.streams) {
    out << "stream\t" << dir << '\t' << st.shard_index << '\t' << st.shard_bytes << '\t'
        << st.total_bytes << '\n';
  }
  AppendStats(c.totals, out);
  out << "end\n";  // a checkpoint without it was not written whole
  return WriteDurably(RunStateDir(output_dir) + "/checkpoint", out.str());
}

Status ReadCheckpoint(const std::string& output_dir, Checkpoint* c, bool* found) {
  const std::string path = RunStateDir(output_dir) + "/checkpoint";
  std::ifstream in(path);
  *found = false;
  if (!in) return Status::OK();
  std::string line;
  if (!std::getline(in, line) || line != kCheckpointHeader) {
    return Status::Corruption(path + ": not a saring checkpoint");
  }
  *c = Checkpoint();
  bool ended = false;
  size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line == "end") {
      ended = true;
      break;
    }
    bool ok = false;
    try {
      ok = ParseLine(SplitTabs(line), c);
    } catch (const std::exception&) {
      ok = false;
    }
    if (!ok) return Status::Corruption(path + ":" + std::to_string(line_no) + ": cannot read '" + line + "'");
  }
  if (!ended) return Status::Corruption(path + ": incomplete");
  *found = true;
  return Status::OK();
}

}  // namespace saring
