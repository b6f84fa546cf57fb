#include "common/shipped_file.h"

#include <filesystem>

namespace entangle {

std::string ShippedFile(const std::string& relative) {
  if (std::filesystem::exists(relative)) return relative;
#ifdef ENTANGLE_SOURCE_DIR
  std::string in_source = std::string(ENTANGLE_SOURCE_DIR) + "/" + relative;
  if (std::filesystem::exists(in_source)) return in_source;
#endif
  return relative;
}

}  // namespace entangle
