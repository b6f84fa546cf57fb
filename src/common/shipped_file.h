#pragma once
// Files the repository ships (studies/, data/): found relative to the working directory, else in
// the installed copy beside the binary (<prefix>/share/entangle/, written by `cmake --install` and
// the Debian package), else in the source tree the binary was built from. So `build/entangle` works
// from anywhere in a checkout, and an installed `entangle` from anywhere at all, without flags.
#include <string>

namespace entangle {

// `relative` if it exists from the working directory, else the installed copy if that exists, else
// the source tree's copy if that exists, else `relative` unchanged (the caller's open then reports
// it missing). An absolute path is returned unchanged.
std::string ShippedFile(const std::string& relative);

// Where an installed binary finds its shipped files: <dir of the executable>/../share/entangle.
std::string InstalledDataDir();

}  // namespace entangle
