#pragma once
// Files the repository ships (studies/, data/): found relative to the working directory, or else in
// the source tree the binary was built from, so that `build/entangle` works from anywhere in a
// checkout without flags.
#include <string>

namespace entangle {

// `relative` if it exists from the working directory, else the source tree's copy if that exists,
// else `relative` unchanged (the caller's open then reports it missing).
std::string ShippedFile(const std::string& relative);

}  // namespace entangle
