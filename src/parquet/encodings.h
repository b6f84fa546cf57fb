#pragma once
// Parquet's value and level encodings, decoded from a bounded byte range: the RLE/bit-packed
// hybrid (levels, dictionary indices, RLE booleans) and DELTA_BINARY_PACKED (integers, and the
// lengths inside DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY). Failures are returned as a short
// description ("truncated RLE run", ...); no read goes past the range given.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace entangle::parquet {

// Bits needed for values 0..max_value.
inline int BitWidth(uint64_t max_value) {
  int bits = 0;
  while (max_value != 0) {
    ++bits;
    max_value >>= 1;
  }
  return bits;
}

// Reads a little-endian unsigned value of `width` bits (0..64) at bit `bit` of [data, data + size).
// The caller has checked that bit + width <= size * 8.
inline uint64_t ReadBits(const uint8_t* data, size_t size, uint64_t bit, int width) {
  if (width == 0) return 0;
  size_t byte = static_cast<size_t>(bit >> 3);
  int shift = static_cast<int>(bit & 7);
  if (width <= 56 && byte + 8 <= size) {
    uint64_t word;
    std::memcpy(&word, data + byte, 8);
    return (word >> shift) & ((uint64_t{1} << width) - 1);
  }
  uint64_t value = 0;
  int got = 0;
  while (got < width) {
    uint64_t piece = static_cast<uint64_t>(data[byte]) >> shift;
    int take = 8 - shift;
    value |= piece << got;
    got += take;
    shift = 0;
    ++byte;
  }
  return width == 64 ? value : value & ((uint64_t{1} << width) - 1);
}

// The RLE/bit-packed hybrid of the format (levels, dictionary indices, RLE booleans), without a
// length prefix: [data, data + size) holds the runs.
class RleDecoder {
 public:
  RleDecoder() = default;
  RleDecoder(const uint8_t* data, size_t size, int bit_width) { Reset(data, size, bit_width); }
  void Reset(const uint8_t* data, size_t size, int bit_width) {
    data_ = data;
    pos_ = 0;
    size_ = size;
    bit_width_ = bit_width;
    remaining_ = 0;
  }

  // Decodes the next n values into out; nullptr on success, else what was wrong.
  template <typename T>
  const char* Decode(T* out, size_t n) {
    while (n > 0) {
      if (remaining_ == 0) {
        if (const char* error = NextRun()) return error;
      }
      size_t take = remaining_ < n ? remaining_ : n;
      if (is_rle_) {
        T v = static_cast<T>(rle_value_);
        for (size_t i = 0; i < take; ++i) out[i] = v;
      } else {
        for (size_t i = 0; i < take; ++i) {
          out[i] = static_cast<T>(ReadBits(packed_, packed_size_, packed_bit_, bit_width_));
          packed_bit_ += static_cast<uint64_t>(bit_width_);
        }
      }
      out += take;
      n -= take;
      remaining_ -= take;
    }
    return nullptr;
  }

 private:
  const char* NextRun() {
    uint64_t header = 0;
    for (int shift = 0;; shift += 7) {
      if (pos_ >= size_) return "truncated RLE/bit-packed run";
      if (shift > 28) return "RLE/bit-packed run header too long";
      uint8_t byte = data_[pos_++];
      header |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    if ((header & 1) != 0) {
      // Bit-packed: (header >> 1) groups of 8 values. The last run of a page may be cut short.
      uint64_t values = (header >> 1) * 8;
      uint64_t bytes = (header >> 1) * static_cast<uint64_t>(bit_width_);
      size_t left = size_ - pos_;
      if (bytes > left) {
        bytes = left;
        values = bit_width_ == 0 ? values : left * 8 / static_cast<uint64_t>(bit_width_);
      }
      if (values == 0) return "empty bit-packed run";
      is_rle_ = false;
      packed_ = data_ + pos_;
      packed_size_ = static_cast<size_t>(bytes);
      packed_bit_ = 0;
      pos_ += static_cast<size_t>(bytes);
      remaining_ = static_cast<size_t>(values);
    } else {
      uint64_t count = header >> 1;
      if (count == 0) return "empty RLE run";
      size_t value_bytes = static_cast<size_t>((bit_width_ + 7) / 8);
      if (size_ - pos_ < value_bytes) return "truncated RLE run";
      uint64_t v = 0;
      for (size_t i = 0; i < value_bytes; ++i) v |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
      pos_ += value_bytes;
      if (bit_width_ < 64 && (v >> bit_width_) != 0) return "RLE value wider than its bit width";
      is_rle_ = true;
      rle_value_ = v;
      remaining_ = static_cast<size_t>(count);
    }
    return nullptr;
  }

  const uint8_t* data_ = nullptr;
  size_t pos_ = 0;
  size_t size_ = 0;
  int bit_width_ = 0;
  size_t remaining_ = 0;
  bool is_rle_ = false;
  uint64_t rle_value_ = 0;
  const uint8_t* packed_ = nullptr;
  size_t packed_size_ = 0;
  uint64_t packed_bit_ = 0;
};

// DELTA_BINARY_PACKED. Init reads the header; Decode yields the values (64-bit arithmetic that
// wraps, so INT32 columns truncate correctly); end() is where the encoded values stop.
class DeltaBinaryPackedDecoder {
 public:
  const char* Init(const uint8_t* data, size_t size);
  uint64_t total() const { return total_; }
  const char* Decode(int64_t* out, size_t n);
  // The offset just past the values decoded so far (when all were decoded: past the encoding).
  size_t end() const;

 private:
  const char* ReadVarint(uint64_t* out);
  const char* StartBlock();

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  uint64_t block_size_ = 0;
  uint64_t miniblocks_ = 0;
  uint64_t per_miniblock_ = 0;
  uint64_t total_ = 0;
  uint64_t produced_ = 0;
  int64_t last_ = 0;
  int64_t min_delta_ = 0;
  uint8_t widths_[256] = {};
  uint64_t miniblock_ = 0;      // index in the block
  uint64_t in_miniblock_ = 0;   // values read from the current miniblock
  size_t miniblock_start_ = 0;  // its first byte
  bool in_block_ = false;
};

}  // namespace entangle::parquet
