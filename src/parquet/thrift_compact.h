#pragma once
// A reader of Thrift's compact protocol, enough for Parquet's footer and page headers: field
// headers, varints, zigzag integers, binary, lists and generic skipping of any field. Every read is
// bounded by the buffer; a malformed or truncated buffer sets an error and reads return zeros.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace entangle::parquet {

enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

class ThriftReader {
 public:
  ThriftReader(const uint8_t* data, size_t size) : begin_(data), pos_(data), end_(data + size) {}

  bool ok() const { return error_ == nullptr; }
  const char* error() const { return error_; }  // what went wrong first, or nullptr
  size_t consumed() const { return static_cast<size_t>(pos_ - begin_); }
  size_t offset() const { return consumed(); }

  // Struct fields. BeginStruct/EndStruct keep the last field id of each nesting level.
  void BeginStruct();
  void EndStruct();
  // The next field's header; false at the struct's STOP (or on an error). For booleans the value
  // is in the type (kBoolTrue / kBoolFalse).
  bool NextField(int16_t* id, ThriftType* type);

  uint64_t ReadVarint();
  int64_t ReadI64() { return Unzigzag(ReadVarint()); }
  int32_t ReadI32();
  int16_t ReadI16();
  int8_t ReadByte();
  double ReadDouble();
  bool ReadBool(ThriftType field_type);  // a struct field's boolean (value in the header)
  std::string_view ReadBinary();         // a view into the buffer
  // A list or set header: its element type and count (bounded by the bytes left).
  bool ReadListHeader(ThriftType* element_type, uint32_t* count);
  // Skips one value of `type` (structs, lists and maps recursively, to a fixed depth).
  void Skip(ThriftType type);

  void Fail(const char* what) {
    if (error_ == nullptr) error_ = what;
    pos_ = end_;
  }

 private:
  static int64_t Unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }
  void SkipDepth(ThriftType type, int depth);

  static constexpr int kMaxDepth = 32;
  const uint8_t* begin_;
  const uint8_t* pos_;
  const uint8_t* end_;
  const char* error_ = nullptr;
  int16_t last_field_[kMaxDepth + 1] = {};
  int depth_ = 0;
};

}  // namespace entangle::parquet
