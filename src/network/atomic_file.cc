#include "network/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "store/durable_file.h"

namespace entangle::network {
namespace {

Status WriteAll(int fd, std::string_view contents, const std::string& path) {
  while (!contents.empty()) {
    ssize_t written = ::write(fd, contents.data(), contents.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return Status::IOError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    contents.remove_prefix(static_cast<size_t>(written));
  }
  if (::fsync(fd) != 0) return Status::IOError(fmt::format("fsync {} failed: {}", path, std::strerror(errno)));
  return Status::OK();
}

}  // namespace

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  ENTANGLE_RETURN_IF_ERROR(store::EnsureParentDirectory(path));
  static std::atomic<uint64_t> counter{0};
  // Same directory as the target, so the rename cannot cross file systems.
  std::string temp = fmt::format("{}.tmp-{}-{}", path, ::getpid(), counter++);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(fmt::format("cannot create {}: {}", temp, std::strerror(errno)));
  Status status = WriteAll(fd, contents, temp);
  if (::close(fd) != 0 && status.ok()) {
    status = Status::IOError(fmt::format("cannot close {}: {}", temp, std::strerror(errno)));
  }
  if (status.ok()) status = store::DurableRename(temp, path);
  if (!status.ok()) ::unlink(temp.c_str());
  return status;
}

}  // namespace entangle::network
