#pragma once
// File-system steps of the atomic write: flush a finished file to disk, then rename it into place.
#include <string>

#include "common/status.h"

namespace entangle {

// fsync()s a regular file (or, with directory = true, a directory's entries).
Status FsyncPath(const std::string& path, bool directory);

// rename()s `from` over `to` and fsyncs the directory holding `to`, so the new name survives a crash.
Status DurableRename(const std::string& from, const std::string& to);

// Creates the parent directory of `path` if it is missing.
Status EnsureParentDirectory(const std::string& path);

}  // namespace entangle
