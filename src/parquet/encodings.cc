#include "parquet/encodings.h"

namespace entangle::parquet {

const char* DeltaBinaryPackedDecoder::ReadVarint(uint64_t* out) {
  uint64_t value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= size_) return "truncated DELTA_BINARY_PACKED varint";
    uint8_t byte = data_[pos_++];
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *out = value;
      return nullptr;
    }
  }
  return "DELTA_BINARY_PACKED varint too long";
}

const char* DeltaBinaryPackedDecoder::Init(const uint8_t* data, size_t size) {
  data_ = data;
  size_ = size;
  pos_ = 0;
  produced_ = 0;
  in_block_ = false;
  uint64_t first;
  if (const char* e = ReadVarint(&block_size_)) return e;
  if (const char* e = ReadVarint(&miniblocks_)) return e;
  if (const char* e = ReadVarint(&total_)) return e;
  if (const char* e = ReadVarint(&first)) return e;
  if (block_size_ == 0 || block_size_ % 128 != 0 || block_size_ > (1u << 20)) {
    return "DELTA_BINARY_PACKED block size is not a multiple of 128";
  }
  if (miniblocks_ == 0 || miniblocks_ > 256 || block_size_ % miniblocks_ != 0 ||
      (block_size_ / miniblocks_) % 32 != 0) {
    return "DELTA_BINARY_PACKED miniblock count does not divide the block";
  }
  per_miniblock_ = block_size_ / miniblocks_;
  last_ = static_cast<int64_t>(first >> 1) ^ -static_cast<int64_t>(first & 1);
  return nullptr;
}

const char* DeltaBinaryPackedDecoder::StartBlock() {
  uint64_t zz;
  if (const char* e = ReadVarint(&zz)) return e;
  min_delta_ = static_cast<int64_t>(zz >> 1) ^ -static_cast<int64_t>(zz & 1);
  if (size_ - pos_ < miniblocks_) return "truncated DELTA_BINARY_PACKED block header";
  for (uint64_t i = 0; i < miniblocks_; ++i) {
    widths_[i] = data_[pos_ + i];
    if (widths_[i] > 64) return "DELTA_BINARY_PACKED bit width above 64";
  }
  pos_ += static_cast<size_t>(miniblocks_);
  miniblock_ = 0;
  in_miniblock_ = 0;
  miniblock_start_ = pos_;
  in_block_ = true;
  return nullptr;
}

const char* DeltaBinaryPackedDecoder::Decode(int64_t* out, size_t n) {
  if (n > total_ - produced_) return "DELTA_BINARY_PACKED holds fewer values than expected";
  for (size_t i = 0; i < n; ++i) {
    if (produced_ == 0) {
      out[i] = last_;
      ++produced_;
      continue;
    }
    if (!in_block_ || miniblock_ == miniblocks_) {
      if (const char* e = StartBlock()) return e;
    }
    if (in_miniblock_ == per_miniblock_) {
      // Next miniblock: the previous one took per_miniblock * width bits.
      miniblock_start_ += static_cast<size_t>(per_miniblock_ * widths_[miniblock_] / 8);
      ++miniblock_;
      in_miniblock_ = 0;
      if (miniblock_ == miniblocks_) {
        pos_ = miniblock_start_;
        if (const char* e = StartBlock()) return e;
      }
    }
    int width = widths_[miniblock_];
    uint64_t bit = in_miniblock_ * static_cast<uint64_t>(width);
    if (miniblock_start_ > size_ || bit + static_cast<uint64_t>(width) > (size_ - miniblock_start_) * 8) {
      return "truncated DELTA_BINARY_PACKED miniblock";
    }
    uint64_t delta = ReadBits(data_ + miniblock_start_, size_ - miniblock_start_, bit, width);
    last_ = static_cast<int64_t>(static_cast<uint64_t>(last_) + static_cast<uint64_t>(min_delta_) + delta);
    out[i] = last_;
    ++in_miniblock_;
    ++produced_;
  }
  return nullptr;
}

size_t DeltaBinaryPackedDecoder::end() const {
  if (!in_block_) return pos_;
  // Inside a miniblock: it is padded to its full size, but a writer may stop the data early.
  size_t end = miniblock_start_ + static_cast<size_t>(per_miniblock_ * widths_[miniblock_] / 8);
  if (in_miniblock_ == 0) end = miniblock_start_;
  return end < size_ ? end : size_;
}

}  // namespace entangle::parquet
