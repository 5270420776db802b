#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "io/byte_source.h"

namespace saring::testing {
namespace fs = std::filesystem;

ShellResult RunShell(const std::string& command) {
  const std::string full = command + " 2>&1";
  FILE* pipe = popen(full.c_str(), "r");
  ShellResult r;
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  return r;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "saring-test-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void WriteFile(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string ReadDecompressed(const std::string& path) {
  std::unique_ptr<ByteSource> source;
  Status s = OpenByteSource(path, &source);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  std::string out;
  char buf[65536];
  for (;;) {
    size_t got = 0;
    s = source->Read(buf, sizeof buf, &got);
    if (!s.ok()) throw std::runtime_error(s.ToString());
    if (got == 0) break;
    out.append(buf, got);
  }
  return out;
}

std::vector<std::string> OutputFiles(const std::string& out_dir, const std::string& sub) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(out_dir + "/" + sub, ec)) {
    if (e.is_regular_file()) files.push_back(e.path().string());  // not kept/<language>/
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadOutput(const std::string& out_dir, const std::string& sub) {
  std::string all;
  for (const auto& f : OutputFiles(out_dir, sub)) all += ReadDecompressed(f);
  return all;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

CleanReport RunCleanOrFail(const std::vector<std::string>& inputs, const std::string& out_dir,
                           int threads, const std::string& preset,
                           const std::vector<std::string>& sets, size_t batch_bytes) {
  CleanOptions o;
  o.inputs = inputs;
  o.output_dir = out_dir;
  o.threads = threads;
  o.batch_bytes = batch_bytes;
  o.max_error_messages = 0;
  EXPECT_TRUE(LoadPreset(preset, &o.config).ok()) << preset;
  {
    const Status s = ApplyOverrides(sets, &o.config);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  CleanReport r;
  Status s = RunClean(o, &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

std::string SourceDir() { return SARING_SOURCE_DIR; }

std::string SharedDir() {
  fs::path shared = fs::path(SARING_SOURCE_DIR).parent_path() / "shared";
  std::error_code ec;
  return fs::exists(shared / "data", ec) ? shared.string() : "";
}

std::string LidModelPath() {
  std::error_code ec;
  for (const fs::path& dir : {fs::path(SARING_SOURCE_DIR).parent_path() / "shared" / "models",
                              fs::path(SARING_SOURCE_DIR) / "models"}) {
    if (fs::is_regular_file(dir / "lid.176.ftz", ec)) return (dir / "lid.176.ftz").string();
  }
  return "";
}

std::map<std::string, DocFate> FatesById(const std::string& out_dir) {
  std::map<std::string, DocFate> fates;
  simdjson::dom::parser p;
  for (const char* sub : {"kept", "removed"}) {
    for (const std::string& line : SplitLines(ReadOutput(out_dir, sub))) {
      auto doc = p.parse(line).value();
      std::string_view reason;
      if (doc["removed_reason"].get(reason)) reason = "";
      simdjson::dom::element saring;
      const std::string annotations = doc["saring"].get(saring) ? "" : simdjson::minify(saring);
      fates[std::string(doc["id"].get_string().value())] = {std::string(reason), annotations};
    }
  }
  return fates;
}

}  // namespace saring::testing
