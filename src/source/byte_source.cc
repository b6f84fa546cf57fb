#include "source/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace entangle::source {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

Result<UniqueFd> OpenForReading(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    std::string message = path + ": " + std::strerror(error);
    return error == ENOENT ? Status::NotFound(message) : Status::IOError(message);
  }
  // Lines are read front to back once; tell the kernel so it reads ahead generously.
  (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return UniqueFd(fd);
}

long ReadFully(int fd, char* out, size_t capacity) {
  size_t total = 0;
  while (total < capacity) {
    ssize_t n = ::read(fd, out + total, capacity - total);
    if (n > 0) {
      total += static_cast<size_t>(n);
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      return -1;
    }
  }
  return static_cast<long>(total);
}

namespace {

class PlainFileSource final : public ByteSource {
 public:
  PlainFileSource(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}

  size_t Read(char* out, size_t capacity) override {
    if (end_ != End::kNotYet) return 0;
    long n = ReadFully(fd_.get(), out, capacity);
    if (n < 0) {
      Finish(End::kIOError, path_ + ": " + std::strerror(errno));
      return 0;
    }
    size_t got = static_cast<size_t>(n);
    if (got < capacity) Finish(End::kClean);
    consumed_bytes_ += got;
    produced_bytes_ += got;
    return got;
  }

 private:
  UniqueFd fd_;
  std::string path_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string text, uint64_t file_bytes) : text_(std::move(text)) { consumed_bytes_ = file_bytes; }

  size_t Read(char* out, size_t capacity) override {
    size_t n = std::min(capacity, text_.size() - position_);
    std::memcpy(out, text_.data() + position_, n);
    position_ += n;
    produced_bytes_ += n;
    if (position_ == text_.size()) Finish(End::kClean);
    return n;
  }

 private:
  std::string text_;
  size_t position_ = 0;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenPlainFileSource(const std::string& path) {
  Result<UniqueFd> fd = OpenForReading(path);
  if (!fd.ok()) return fd.status();
  return std::unique_ptr<ByteSource>(new PlainFileSource(std::move(fd).value(), path));
}

std::unique_ptr<ByteSource> MakeMemorySource(std::string text, uint64_t file_bytes) {
  return std::make_unique<MemorySource>(std::move(text), file_bytes);
}

}  // namespace entangle::source
