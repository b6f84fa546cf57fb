#include "common/text_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace entangle {

Result<std::string> ReadTextFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": does not exist");
  if (std::filesystem::is_directory(path, ec)) return Status::InvalidArgument(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": cannot read");
  return std::move(buffer).str();
}

}  // namespace entangle
