#pragma once
// Files written so that readers see the old file or the whole new one, never half of one.
#include <string>
#include <string_view>

#include "common/status.h"

namespace entangle {

// Appends go, buffered, to a temporary file beside `path` (same directory: the rename cannot cross
// file systems); Commit() syncs it and renames it over `path`. Without a successful Commit() (an
// error, an early return) the destructor removes the temporary file and `path` is untouched.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path) : path_(std::move(path)) {}
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Creates the parent directory if needed and the temporary file.
  Status Open();
  Status Append(std::string_view bytes);
  Status Commit();

 private:
  Status Flush();

  std::string path_, temp_;
  std::string buffer_;
  int fd_ = -1;
};

// The whole file at once.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace entangle
