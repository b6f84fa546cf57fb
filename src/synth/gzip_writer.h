#pragma once
// GzipFileWriter: streams text into a .gz file with ISA-L (isal_deflate, gzip header), holding at most one
// input chunk and one output chunk in memory. The same input fed in the same chunks gives the same bytes,
// which keeps files identical whatever the thread count.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct isal_zstream;

namespace entangle::synth {

class GzipFileWriter {
 public:
  static constexpr size_t kChunkBytes = 1 << 20;
  static constexpr size_t kInputPadding = 512;  // zeros after the input handed to the deflater

  GzipFileWriter();
  ~GzipFileWriter();
  GzipFileWriter(const GzipFileWriter&) = delete;
  GzipFileWriter& operator=(const GzipFileWriter&) = delete;

  // level: ISA-L compression level 0..3.
  Status Open(const std::string& path, int level);
  // The buffer to append text to; call MaybeFlush() after appending (it compresses whole chunks).
  std::string& buffer() { return in_; }
  Status MaybeFlush() { return in_.size() >= kChunkBytes ? Compress(false) : Status::OK(); }
  // Compresses what is left, writes the gzip trailer and closes the file.
  Status Close();

  uint64_t compressed_bytes() const { return compressed_; }
  uint64_t uncompressed_bytes() const { return uncompressed_; }

 private:
  Status Compress(bool finish);
  Status WriteOut(size_t n);

  std::string path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<isal_zstream> stream_;
  std::vector<uint8_t> level_buf_;
  std::vector<uint8_t> out_;
  std::string in_;
  uint64_t compressed_ = 0, uncompressed_ = 0;
};

// Writes `text` to `path` as one gzip file (small files: manifests' companions, merged ids).
Status WriteGzipFile(const std::string& path, std::string_view text, int level, uint64_t* compressed_bytes);

}  // namespace entangle::synth
