#pragma once
// Internal: writes an export so that readers see the old file or the whole new one, never half.
#include <string>
#include <string_view>

#include "common/status.h"

namespace entangle::network {

// Writes `contents` to a temporary file beside `path`, syncs it and renames it over `path`
// (creating the parent directory if needed). On failure the temporary file is removed.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace entangle::network
