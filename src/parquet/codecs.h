#pragma once
// Page decompression: SNAPPY (libsnappy), ZSTD (libzstd) and GZIP (libdeflate), into a buffer of
// exactly the size the page header gives. Corrupt input, or output of another size, is an error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parquet/parquet_file.h"

struct ZSTD_DCtx_s;
struct libdeflate_decompressor;

namespace entangle::parquet {

class Decompressor {
 public:
  Decompressor() = default;
  ~Decompressor();
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;

  // Decompresses [src, src + src_size) into [dst, dst + dst_size), which it must fill exactly.
  // Returns "" on success, else what was wrong ("snappy: corrupt input", ...).
  std::string Decompress(Codec codec, const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size);

 private:
  ZSTD_DCtx_s* zstd_ = nullptr;
  libdeflate_decompressor* deflate_ = nullptr;
};

}  // namespace entangle::parquet
