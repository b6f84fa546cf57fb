#pragma once
// Reading a whole (small) file: study definitions, manifests, registry lists, network files.
#include <string>

#include "common/status.h"

namespace entangle {

// The file's bytes. NotFound when it does not exist, InvalidArgument for a directory, IOError
// when it cannot be opened or read; every message starts with the path.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace entangle
