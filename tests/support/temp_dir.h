#pragma once
// TempDir: a fresh directory under the system temp dir for one test, removed with everything in
// it. Unique per process, object and draw, so tests may run in parallel (ctest -j) and a crashed
// run's leftovers never collide with the next.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>

namespace entangle::testing {

// Writes `bytes` to `path`, creating its folders.
inline void WriteFileBytes(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("entangle-test-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string operator/(std::string_view relative) const { return (path_ / relative).string(); }

  // Writes `bytes` to `relative` (creating folders) and returns the file's full path.
  std::string Write(std::string_view relative, std::string_view bytes) const {
    std::filesystem::path file = path_ / relative;
    WriteFileBytes(file, bytes);
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// The whole file as bytes; "" when it cannot be read (tests then fail on its content).
inline std::string ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace entangle::testing
