#pragma once
// Byte sources behind ChunkReader: a plain file, a gzip file inflated with ISA-L, or text already
// in memory (the lines made from an API page). Internal to the source stage.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace entangle::source {

class ByteSource {
 public:
  // How the input ended. Everything produced before an unclean end is still valid output.
  enum class End { kNotYet, kClean, kTruncated, kCorrupt, kIOError };

  virtual ~ByteSource() = default;

  // Writes up to `capacity` bytes to `out` and returns how many. Returns fewer only once the
  // input is over (end() != kNotYet), so callers never spin on short reads.
  virtual size_t Read(char* out, size_t capacity) = 0;

  End end() const { return end_; }
  const std::string& end_message() const { return end_message_; }
  uint64_t consumed_bytes() const { return consumed_bytes_; }  // of the file
  uint64_t produced_bytes() const { return produced_bytes_; }  // handed out by Read

 protected:
  void Finish(End end, std::string message = {}) {
    end_ = end;
    end_message_ = std::move(message);
  }

  End end_ = End::kNotYet;
  std::string end_message_;
  uint64_t consumed_bytes_ = 0;
  uint64_t produced_bytes_ = 0;
};

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

// Opens `path` read-only: NotFound when it does not exist, IOError otherwise.
Result<UniqueFd> OpenForReading(const std::string& path);

// Reads until `capacity` bytes or end of file, retrying interrupted calls. Returns the count, or
// -1 with errno set.
long ReadFully(int fd, char* out, size_t capacity);

Result<std::unique_ptr<ByteSource>> OpenPlainFileSource(const std::string& path);
Result<std::unique_ptr<ByteSource>> OpenGzipFileSource(const std::string& path);
// `file_bytes` is reported as consumed: the text was made from a file read whole.
std::unique_ptr<ByteSource> MakeMemorySource(std::string text, uint64_t file_bytes);

}  // namespace entangle::source
