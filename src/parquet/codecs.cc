#include "parquet/codecs.h"

#include <libdeflate.h>
#include <snappy-c.h>
#include <zstd.h>

#include <cstring>

namespace entangle::parquet {

Decompressor::~Decompressor() {
  if (zstd_ != nullptr) ZSTD_freeDCtx(zstd_);
  if (deflate_ != nullptr) libdeflate_free_decompressor(deflate_);
}

std::string Decompressor::Decompress(Codec codec, const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  switch (codec) {
    case Codec::kUncompressed:
      if (src_size != dst_size)
        return "uncompressed page of " + std::to_string(src_size) + " bytes, expected " + std::to_string(dst_size);
      if (src_size > 0) std::memcpy(dst, src, src_size);
      return "";
    case Codec::kSnappy: {
      size_t length = 0;
      const char* in = reinterpret_cast<const char*>(src);
      if (snappy_uncompressed_length(in, src_size, &length) != SNAPPY_OK) return "snappy: corrupt input";
      if (length != dst_size) {
        return "snappy: page decompresses to " + std::to_string(length) + " bytes, the header says " +
               std::to_string(dst_size);
      }
      size_t out_length = dst_size;
      if (snappy_uncompress(in, src_size, reinterpret_cast<char*>(dst), &out_length) != SNAPPY_OK ||
          out_length != dst_size) {
        return "snappy: corrupt input";
      }
      return "";
    }
    case Codec::kZstd: {
      if (zstd_ == nullptr) zstd_ = ZSTD_createDCtx();
      if (zstd_ == nullptr) return "zstd: cannot create a decompression context";
      size_t n = ZSTD_decompressDCtx(zstd_, dst, dst_size, src, src_size);
      if (ZSTD_isError(n)) return std::string("zstd: ") + ZSTD_getErrorName(n);
      if (n != dst_size) {
        return "zstd: page decompresses to " + std::to_string(n) + " bytes, the header says " +
               std::to_string(dst_size);
      }
      return "";
    }
    case Codec::kGzip: {
      if (deflate_ == nullptr) deflate_ = libdeflate_alloc_decompressor();
      if (deflate_ == nullptr) return "gzip: cannot create a decompressor";
      size_t n = 0;
      libdeflate_result r = libdeflate_gzip_decompress(deflate_, src, src_size, dst, dst_size, &n);
      if (r == LIBDEFLATE_INSUFFICIENT_SPACE) return "gzip: page decompresses to more bytes than the header says";
      if (r != LIBDEFLATE_SUCCESS) return "gzip: corrupt input";
      if (n != dst_size) {
        return "gzip: page decompresses to " + std::to_string(n) + " bytes, the header says " +
               std::to_string(dst_size);
      }
      return "";
    }
    default: return std::string("codec ") + CodecName(codec) + " is not supported";
  }
}

}  // namespace entangle::parquet
