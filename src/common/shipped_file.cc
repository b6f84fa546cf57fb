#include "common/shipped_file.h"

#include <filesystem>
#include <system_error>

namespace entangle {

std::string InstalledDataDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return "";
  return (exe.parent_path().parent_path() / "share" / "entangle").string();
}

std::string ShippedFile(const std::string& relative) {
  std::error_code ec;
  if (relative.empty() || std::filesystem::path(relative).is_absolute() || std::filesystem::exists(relative, ec)) {
    return relative;
  }
  if (std::string installed = InstalledDataDir(); !installed.empty()) {
    std::string candidate = installed + "/" + relative;
    if (std::filesystem::exists(candidate, ec)) return candidate;
  }
#ifdef ENTANGLE_SOURCE_DIR
  std::string in_source = std::string(ENTANGLE_SOURCE_DIR) + "/" + relative;
  if (std::filesystem::exists(in_source, ec)) return in_source;
#endif
  return relative;
}

}  // namespace entangle
