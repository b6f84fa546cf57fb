#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "common/durable_file.h"

namespace entangle {
namespace {
constexpr size_t kBufferBytes = 1 << 20;
}  // namespace

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

Status AtomicFileWriter::Open() {
  ENTANGLE_RETURN_IF_ERROR(EnsureParentDirectory(path_));
  static std::atomic<uint64_t> counter{0};
  temp_ = fmt::format("{}.tmp-{}-{}", path_, ::getpid(), counter++);
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    Status failed = Status::IOError(fmt::format("cannot create {}: {}", temp_, std::strerror(errno)));
    temp_.clear();  // not ours to remove
    return failed;
  }
  buffer_.reserve(kBufferBytes);
  return Status::OK();
}

Status AtomicFileWriter::Append(std::string_view bytes) {
  if (fd_ < 0) return Status::IOError(fmt::format("{} is not open for writing", path_));
  buffer_.append(bytes);
  return buffer_.size() >= kBufferBytes ? Flush() : Status::OK();
}

Status AtomicFileWriter::Flush() {
  std::string_view rest = buffer_;
  while (!rest.empty()) {
    ssize_t written = ::write(fd_, rest.data(), rest.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return Status::IOError(fmt::format("cannot write {}: {}", temp_, std::strerror(errno)));
    rest.remove_prefix(static_cast<size_t>(written));
  }
  buffer_.clear();
  return Status::OK();
}

Status AtomicFileWriter::Commit() {
  if (fd_ < 0) return Status::IOError(fmt::format("{} is not open for writing", path_));
  ENTANGLE_RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) return Status::IOError(fmt::format("fsync {} failed: {}", temp_, std::strerror(errno)));
  int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) return Status::IOError(fmt::format("cannot close {}: {}", temp_, std::strerror(errno)));
  ENTANGLE_RETURN_IF_ERROR(DurableRename(temp_, path_));
  temp_.clear();  // renamed: nothing left to remove
  return Status::OK();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  AtomicFileWriter out(path);
  ENTANGLE_RETURN_IF_ERROR(out.Open());
  ENTANGLE_RETURN_IF_ERROR(out.Append(contents));
  return out.Commit();
}

}  // namespace entangle
