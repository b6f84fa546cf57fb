#include "common/durable_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace entangle {
namespace {

std::string ErrnoText(int error) { return std::strerror(error); }

std::string ParentOf(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

Status FsyncPath(const std::string& path, bool directory) {
  int flags = O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0);
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) return Status::IOError(fmt::format("cannot open {} to sync it: {}", path, ErrnoText(errno)));
  int rc = ::fsync(fd);
  int sync_error = errno;
  ::close(fd);
  if (rc != 0) return Status::IOError(fmt::format("fsync {} failed: {}", path, ErrnoText(sync_error)));
  return Status::OK();
}

Status DurableRename(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    return Status::IOError(fmt::format("cannot rename {} to {}: {}", from, to, ErrnoText(errno)));
  }
  return FsyncPath(ParentOf(to), /*directory=*/true);
}

Status EnsureParentDirectory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return Status::OK();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) return Status::IOError(fmt::format("cannot create directory {}: {}", parent.string(), ec.message()));
  return Status::OK();
}

}  // namespace entangle
