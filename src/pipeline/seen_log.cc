#include "pipeline/seen_log.h"

#include <cerrno>
#include <cstring>

namespace entangle::pipeline {

namespace {
constexpr size_t kBufferEntries = 1 << 14;
}

Result<std::unique_ptr<SeenLog>> SeenLog::Create(const std::string& path) {
  std::unique_ptr<SeenLog> log(new SeenLog());
  log->path_ = path;
  log->file_ = std::fopen(path.c_str(), "w+b");
  if (!log->file_) return Status::IOError(path + ": cannot create temporary file: " + std::strerror(errno));
  log->buffer_.reserve(kBufferEntries);
  return log;
}

SeenLog::~SeenLog() {
  if (file_) std::fclose(file_);
  std::remove(path_.c_str());
}

void SeenLog::Add(uint64_t id, const CopyKey& key) {
  buffer_.push_back({id, key.updated, key.file, key.line});
  if (buffer_.size() == kBufferEntries) (void)Flush();
}

Status SeenLog::Flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), sizeof(Entry), buffer_.size(), file_) != buffer_.size()) {
    failed_ = true;
  }
  buffer_.clear();
  if (failed_) return Status::IOError(path_ + ": cannot write temporary file (disk full?)");
  return Status::OK();
}

Status SeenLog::ForEach(const std::function<void(uint64_t, const CopyKey&)>& fn) {
  ENTANGLE_RETURN_IF_ERROR(Flush());
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    return Status::IOError(path_ + ": cannot reread temporary file");
  }
  std::vector<Entry> chunk(kBufferEntries);
  size_t n;
  while ((n = std::fread(chunk.data(), sizeof(Entry), chunk.size(), file_)) > 0) {
    for (size_t i = 0; i < n; ++i) fn(chunk[i].id, CopyKey{chunk[i].updated, chunk[i].file, chunk[i].line});
  }
  return Status::OK();
}

}  // namespace entangle::pipeline
