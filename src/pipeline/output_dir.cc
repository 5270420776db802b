#include "pipeline/output_dir.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace saring {
namespace fs = std::filesystem;

namespace {
const char* const kSubdirs[] = {"kept", "removed", "errors"};

bool HasEarlierRun(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "stats.json", ec)) return true;
  for (const char* sub : kSubdirs) {
    if (fs::exists(dir / sub, ec) && !fs::is_empty(dir / sub, ec)) return true;
  }
  return false;
}
}  // namespace

Status PrepareOutputDir(const std::string& dir_name, bool overwrite) {
  fs::path dir(dir_name);
  std::error_code ec;
  const bool unfinished = fs::exists(dir / ".saring-run", ec);
  if (unfinished || HasEarlierRun(dir)) {
    if (!overwrite && unfinished) {
      return Status::InvalidArgument(dir_name +
                                     " holds a run that did not finish; finish it with `saring clean "
                                     "--resume " + dir_name + "`, or pass --overwrite to start again");
    }
    if (!overwrite) {
      return Status::InvalidArgument(dir_name +
                                     " already holds the results of a run; pass --overwrite to "
                                     "replace them, or choose another output directory");
    }
    fs::remove_all(dir / ".saring-run", ec);
    fs::remove(dir / "stats.json", ec);
    for (const char* sub : kSubdirs) {
      fs::remove_all(dir / sub, ec);
      if (ec) return Status::IOError("cannot remove " + (dir / sub).string() + ": " + ec.message());
    }
  }
  return CreateOutputSubdirs(dir_name);
}

Status CreateOutputSubdirs(const std::string& dir_name) {
  fs::path dir(dir_name);
  std::error_code ec;
  for (const char* sub : kSubdirs) {
    fs::create_directories(dir / sub, ec);
    if (ec) return Status::IOError("cannot create " + (dir / sub).string() + ": " + ec.message());
  }
  return Status::OK();
}

Status WriteFileAtomically(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Status::IOError("cannot create " + tmp + ": " + std::strerror(errno));
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  int err = ok ? 0 : errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IOError("cannot write " + tmp + ": " + std::strerror(err));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IOError("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace saring
