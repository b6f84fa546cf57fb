#include "parquet/thrift_compact.h"

#include <cstring>

namespace entangle::parquet {

void ThriftReader::BeginStruct() {
  if (depth_ >= kMaxDepth) {
    Fail("thrift: structs nested too deeply");
    return;
  }
  last_field_[++depth_] = 0;
}

void ThriftReader::EndStruct() {
  if (depth_ > 0) --depth_;
}

bool ThriftReader::NextField(int16_t* id, ThriftType* type) {
  if (!ok()) return false;
  if (pos_ >= end_) {
    Fail("thrift: truncated struct");
    return false;
  }
  uint8_t header = *pos_++;
  uint8_t t = header & 0x0f;
  if (t == 0) return false;  // STOP
  if (t > static_cast<uint8_t>(ThriftType::kStruct)) {
    Fail("thrift: unknown field type");
    return false;
  }
  uint8_t delta = header >> 4;
  int16_t field = delta != 0 ? static_cast<int16_t>(last_field_[depth_] + delta) : ReadI16();
  last_field_[depth_] = field;
  *id = field;
  *type = static_cast<ThriftType>(t);
  return ok();
}

uint64_t ThriftReader::ReadVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= end_) {
      Fail("thrift: truncated varint");
      return 0;
    }
    uint8_t byte = *pos_++;
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  Fail("thrift: varint too long");
  return 0;
}

int32_t ThriftReader::ReadI32() {
  int64_t v = ReadI64();
  if (v < INT32_MIN || v > INT32_MAX) {
    Fail("thrift: i32 out of range");
    return 0;
  }
  return static_cast<int32_t>(v);
}

int16_t ThriftReader::ReadI16() {
  int64_t v = ReadI64();
  if (v < INT16_MIN || v > INT16_MAX) {
    Fail("thrift: i16 out of range");
    return 0;
  }
  return static_cast<int16_t>(v);
}

int8_t ThriftReader::ReadByte() {
  if (pos_ >= end_) {
    Fail("thrift: truncated byte");
    return 0;
  }
  return static_cast<int8_t>(*pos_++);
}

double ThriftReader::ReadDouble() {
  if (end_ - pos_ < 8) {
    Fail("thrift: truncated double");
    return 0;
  }
  double d;
  std::memcpy(&d, pos_, 8);
  pos_ += 8;
  return d;
}

bool ThriftReader::ReadBool(ThriftType field_type) { return field_type == ThriftType::kBoolTrue; }

std::string_view ThriftReader::ReadBinary() {
  uint64_t length = ReadVarint();
  if (!ok()) return {};
  if (length > static_cast<uint64_t>(end_ - pos_)) {
    Fail("thrift: binary longer than its buffer");
    return {};
  }
  std::string_view out(reinterpret_cast<const char*>(pos_), length);
  pos_ += length;
  return out;
}

bool ThriftReader::ReadListHeader(ThriftType* element_type, uint32_t* count) {
  if (pos_ >= end_) {
    Fail("thrift: truncated list");
    return false;
  }
  uint8_t header = *pos_++;
  uint64_t n = header >> 4;
  if (n == 15) n = ReadVarint();
  uint8_t t = header & 0x0f;
  if (t > static_cast<uint8_t>(ThriftType::kStruct)) {
    Fail("thrift: unknown list element type");
    return false;
  }
  // Every element takes at least one byte, except booleans... which take one too in a list.
  if (n > static_cast<uint64_t>(end_ - pos_)) {
    Fail("thrift: list longer than its buffer");
    return false;
  }
  *element_type = static_cast<ThriftType>(t);
  *count = static_cast<uint32_t>(n);
  return ok();
}

void ThriftReader::Skip(ThriftType type) { SkipDepth(type, 0); }

void ThriftReader::SkipDepth(ThriftType type, int depth) {
  if (!ok()) return;
  if (depth > kMaxDepth) {
    Fail("thrift: values nested too deeply");
    return;
  }
  switch (type) {
    case ThriftType::kStop: Fail("thrift: unexpected stop"); return;
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse: return;  // the value is in the field header
    case ThriftType::kByte: ReadByte(); return;
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: ReadVarint(); return;
    case ThriftType::kDouble: ReadDouble(); return;
    case ThriftType::kBinary: ReadBinary(); return;
    case ThriftType::kList:
    case ThriftType::kSet: {
      ThriftType element;
      uint32_t count;
      if (!ReadListHeader(&element, &count)) return;
      for (uint32_t i = 0; i < count && ok(); ++i) {
        if (element == ThriftType::kBoolTrue || element == ThriftType::kBoolFalse) {
          ReadByte();  // booleans in collections are one byte each
        } else {
          SkipDepth(element, depth + 1);
        }
      }
      return;
    }
    case ThriftType::kMap: {
      uint64_t count = ReadVarint();
      if (count == 0 || !ok()) return;
      uint8_t types = static_cast<uint8_t>(ReadByte());
      auto key = static_cast<ThriftType>(types >> 4);
      auto value = static_cast<ThriftType>(types & 0x0f);
      if ((types >> 4) > 12 || (types & 0x0f) > 12 || count > static_cast<uint64_t>(end_ - pos_)) {
        Fail("thrift: malformed map");
        return;
      }
      for (uint64_t i = 0; i < count && ok(); ++i) {
        for (ThriftType t : {key, value}) {
          if (t == ThriftType::kBoolTrue || t == ThriftType::kBoolFalse) {
            ReadByte();
          } else {
            SkipDepth(t, depth + 1);
          }
        }
      }
      return;
    }
    case ThriftType::kStruct: {
      BeginStruct();
      int16_t id;
      ThriftType field;
      while (NextField(&id, &field)) SkipDepth(field, depth + 1);
      EndStruct();
      return;
    }
  }
}

}  // namespace entangle::parquet
