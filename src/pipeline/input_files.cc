#include "pipeline/input_files.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace saring {
namespace fs = std::filesystem;

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string StripCompressionSuffix(const std::string& name) {
  for (const char* ext : {".gz", ".zst", ".zstd"}) {
    if (EndsWith(name, ext)) return name.substr(0, name.size() - std::char_traits<char>::length(ext));
  }
  return name;
}

bool IsTextDocumentName(const std::string& name) { return EndsWith(StripCompressionSuffix(name), ".txt"); }

InputFile MakeFile(const std::string& path) {
  InputFile f;
  f.path = path;
  f.one_document = IsTextDocumentName(fs::path(path).filename().string());
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  f.size = ec ? 0 : size;
  return f;
}

Status AddDirectory(const std::string& dir, std::vector<InputFile>* files) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Status::IOError("cannot list " + dir + ": " + ec.message());
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) return Status::IOError("cannot list " + dir + ": " + ec.message());
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    // A link that does not resolve (dangling, a loop) is an input that
    // cannot be read: listed, so that the reader reports it by name.
    const bool unresolved = it->is_symlink(ec) && !it->exists(ec);
    if ((it->is_regular_file() || unresolved) && IsCorpusFileName(name)) {
      found.push_back(it->path().string());
    }
  }
  std::sort(found.begin(), found.end());
  for (const auto& p : found) files->push_back(MakeFile(p));
  return Status::OK();
}

Status AddPath(const std::string& path, std::vector<InputFile>* files) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (fs::is_directory(st)) return AddDirectory(path, files);
  // A path that names something (a file, or a link that cannot be
  // followed) is an input: one that cannot be opened is reported by the
  // reader and the run goes on. Only a name that is not there at all is
  // refused up front (a typo should not cost a day-long run).
  if (fs::exists(st) || fs::is_symlink(fs::symlink_status(path, ec))) {
    files->push_back(MakeFile(path));
    return Status::OK();
  }
  return Status::NotFound("no such file or directory: " + path);
}

bool HasGlobChars(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

}  // namespace

bool IsCorpusFileName(const std::string& name) {
  std::string base = StripCompressionSuffix(name);
  for (const char* ext : {".jsonl", ".json", ".ndjson", ".txt"}) {
    if (EndsWith(base, ext)) return true;
  }
  return false;
}

Status ExpandInputs(const std::vector<std::string>& args, std::vector<InputFile>* files) {
  files->clear();
  for (const std::string& arg : args) {
    if (arg == "-") {
      files->push_back(InputFile{"-", false, 0});
      continue;
    }
    std::error_code ec;
    if (!fs::exists(arg, ec) && HasGlobChars(arg)) {
      glob_t g{};
      int r = ::glob(arg.c_str(), 0, nullptr, &g);
      if (r == GLOB_NOMATCH) {
        globfree(&g);
        return Status::NotFound("no files match " + arg);
      }
      if (r != 0) {
        globfree(&g);
        return Status::IOError("cannot expand " + arg);
      }
      std::vector<std::string> matches(g.gl_pathv, g.gl_pathv + g.gl_pathc);
      globfree(&g);
      std::sort(matches.begin(), matches.end());
      for (const auto& m : matches) {
        Status s = AddPath(m, files);
        if (!s.ok()) return s;
      }
      continue;
    }
    Status s = AddPath(arg, files);
    if (!s.ok()) return s;
  }
  if (files->empty()) return Status::NotFound("no input files found");
  return Status::OK();
}

}  // namespace saring
