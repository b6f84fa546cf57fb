// The Parquet reader's building blocks on hand-made bytes: the Thrift compact decoder, the
// RLE/bit-packed hybrid and DELTA_BINARY_PACKED (the examples of the format's Encodings.md, and a
// round trip through a small encoder), each also on truncated input.
#include "parquet/encodings.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "parquet/codecs.h"
#include "parquet/thrift_compact.h"

namespace entangle::parquet {
namespace {

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

TEST(ParquetThrift, ReadsFieldsAndSkipsUnknownOnes) {
  // struct { 1: i32 -3, 2: binary "ab", 5: list<i32> [1, 2], 6: struct { 1: bool true }, 20: i64 300, 21: double }
  std::string bytes = {
      0x15,
      0x05,  // field 1 (delta 1), i32, zigzag(-3) = 5
      0x18,
      0x02,
      'a',
      'b',  // field 2, binary of 2
      0x39,
      0x25,
      0x02,
      0x04,  // field 5 (delta 3), list of 2 i32: 1, 2
      0x1c,
      0x11,
      0x00,  // field 6, struct { field 1 bool true } stop
      0x06,
      0x28,
      static_cast<char>(0xd8),
      0x04,  // field 20 (long form: type i64, zigzag id 40), value 300
      0x17,
      0,
      0,
      0,
      0,
      0,
      0,
      static_cast<char>(0xf0),
      0x3f,  // field 21 double 1.0
      0x00,
  };
  ThriftReader r(U8(bytes), bytes.size());
  r.BeginStruct();
  int16_t id;
  ThriftType type;
  ASSERT_TRUE(r.NextField(&id, &type));
  EXPECT_EQ(id, 1);
  EXPECT_EQ(r.ReadI32(), -3);
  ASSERT_TRUE(r.NextField(&id, &type));
  EXPECT_EQ(id, 2);
  EXPECT_EQ(r.ReadBinary(), "ab");
  ASSERT_TRUE(r.NextField(&id, &type));
  EXPECT_EQ(id, 5);
  r.Skip(type);
  ASSERT_TRUE(r.NextField(&id, &type));
  EXPECT_EQ(id, 6);
  r.Skip(type);
  ASSERT_TRUE(r.NextField(&id, &type));
  EXPECT_EQ(id, 20);
  EXPECT_EQ(r.ReadI64(), 300);
  ASSERT_TRUE(r.NextField(&id, &type));
  EXPECT_EQ(id, 21);
  EXPECT_EQ(r.ReadDouble(), 1.0);
  EXPECT_FALSE(r.NextField(&id, &type));
  r.EndStruct();
  EXPECT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.consumed(), bytes.size());

  // Every truncation fails without reading past the end.
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    std::string part = bytes.substr(0, cut);
    ThriftReader t(U8(part), part.size());
    t.Skip(ThriftType::kStruct);
    EXPECT_FALSE(t.ok()) << cut;
  }
}

TEST(ParquetThrift, RejectsHugeListsAndDeepNesting) {
  std::string list = {static_cast<char>(0xf5), static_cast<char>(0xff), static_cast<char>(0xff), 0x7f};
  ThriftReader r(U8(list), list.size());
  r.Skip(ThriftType::kList);
  EXPECT_FALSE(r.ok());
  std::string deep(200, static_cast<char>(0x1c));  // field 1, struct, nested 200 deep
  ThriftReader d(U8(deep), deep.size());
  d.Skip(ThriftType::kStruct);
  EXPECT_FALSE(d.ok());
}

TEST(ParquetRle, DecodesBitPackedAndRleRuns) {
  // The format's example: levels 0..7 bit-packed with width 3, then a run of five 4s.
  std::string bytes = {0x03, static_cast<char>(0x88), static_cast<char>(0xc6), static_cast<char>(0xfa), 0x0a, 0x04};
  RleDecoder rle(U8(bytes), bytes.size(), 3);
  std::vector<int16_t> out(13);
  ASSERT_EQ(rle.Decode(out.data(), out.size()), nullptr);
  EXPECT_EQ(out, (std::vector<int16_t>{0, 1, 2, 3, 4, 5, 6, 7, 4, 4, 4, 4, 4}));
  int16_t more;
  EXPECT_NE(rle.Decode(&more, 1), nullptr);  // nothing left

  for (size_t cut = 0; cut + 2 < bytes.size(); ++cut) {  // the last run's value byte cut off, or more
    RleDecoder part(U8(bytes), cut, 3);
    EXPECT_NE(part.Decode(out.data(), out.size()), nullptr) << cut;
  }
  std::string wide = {0x02, 0x09};  // one RLE value 9 in a 3-bit run
  RleDecoder bad(U8(wide), wide.size(), 3);
  EXPECT_NE(bad.Decode(out.data(), 1), nullptr);
}

// A DELTA_BINARY_PACKED encoder (blocks of 128, 4 miniblocks), for round trips.
void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
uint64_t Zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

std::string EncodeDeltaBinaryPacked(const std::vector<int64_t>& values) {
  std::string out;
  PutVarint(out, 128);
  PutVarint(out, 4);
  PutVarint(out, values.size());
  PutVarint(out, Zigzag(values.empty() ? 0 : values[0]));
  for (size_t start = 1; start < values.size(); start += 128) {
    std::vector<uint64_t> deltas;
    for (size_t i = start; i < values.size() && i < start + 128; ++i) {
      deltas.push_back(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1]));
    }
    int64_t min = std::numeric_limits<int64_t>::max();
    for (uint64_t d : deltas) min = std::min(min, static_cast<int64_t>(d));
    PutVarint(out, Zigzag(min));
    std::vector<uint64_t> adjusted;
    for (uint64_t d : deltas) adjusted.push_back(d - static_cast<uint64_t>(min));
    size_t miniblocks = (adjusted.size() + 31) / 32;
    int widths[4] = {0, 0, 0, 0};
    for (size_t m = 0; m < miniblocks; ++m) {
      uint64_t max = 0;
      for (size_t i = m * 32; i < adjusted.size() && i < m * 32 + 32; ++i) max = std::max(max, adjusted[i]);
      widths[m] = BitWidth(max);
    }
    for (int w : widths) out.push_back(static_cast<char>(w));
    for (size_t m = 0; m < miniblocks; ++m) {
      std::string bits(static_cast<size_t>(32 * widths[m] / 8), '\0');
      for (size_t i = 0; i < 32; ++i) {
        uint64_t v = m * 32 + i < adjusted.size() ? adjusted[m * 32 + i] : 0;
        for (int b = 0; b < widths[m]; ++b) {
          size_t bit = i * static_cast<size_t>(widths[m]) + static_cast<size_t>(b);
          if ((v >> b) & 1) bits[bit / 8] = static_cast<char>(bits[bit / 8] | (1 << (bit % 8)));
        }
      }
      out += bits;
    }
  }
  return out;
}

TEST(ParquetDeltaBinaryPacked, DecodesTheFormatsExamples) {
  // 1, 2, 3, 4, 5: every delta 1, so the miniblocks have width 0.
  std::string simple = {static_cast<char>(0x80), 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00};
  DeltaBinaryPackedDecoder d;
  ASSERT_EQ(d.Init(U8(simple), simple.size()), nullptr);
  ASSERT_EQ(d.total(), 5u);
  std::vector<int64_t> out(5);
  ASSERT_EQ(d.Decode(out.data(), 5), nullptr);
  EXPECT_EQ(out, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(d.end(), simple.size());
  // 7, 5, 3, 1, 2, 3, 4, 5: min delta -2, adjusted deltas 0 0 0 3 3 3 3 in 2 bits.
  std::string mixed = {static_cast<char>(0x80), 0x01, 0x04, 0x08, 0x0e, 0x03, 0x02, 0x00, 0x00, 0x00,
                       static_cast<char>(0xc0), 0x3f, 0,    0,    0,    0,    0,    0};
  ASSERT_EQ(d.Init(U8(mixed), mixed.size()), nullptr);
  out.resize(8);
  ASSERT_EQ(d.Decode(out.data(), 8), nullptr);
  EXPECT_EQ(out, (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(d.end(), mixed.size());
}

TEST(ParquetDeltaBinaryPacked, RoundTripsLargeAndWrappingValues) {
  std::mt19937_64 random(7);
  std::vector<int64_t> values;
  for (int i = 0; i < 1000; ++i) {
    switch (i % 5) {
      case 0: values.push_back(static_cast<int64_t>(random())); break;  // full 64-bit deltas
      case 1: values.push_back(std::numeric_limits<int64_t>::min()); break;
      case 2: values.push_back(std::numeric_limits<int64_t>::max()); break;
      default: values.push_back(static_cast<int64_t>(random() % 1000) - 500); break;
    }
  }
  std::string bytes = EncodeDeltaBinaryPacked(values);
  bytes += "tail";
  DeltaBinaryPackedDecoder d;
  ASSERT_EQ(d.Init(U8(bytes), bytes.size()), nullptr);
  std::vector<int64_t> out(values.size());
  ASSERT_EQ(d.Decode(out.data(), out.size()), nullptr);
  EXPECT_EQ(out, values);
  EXPECT_EQ(d.end(), bytes.size() - 4);  // where the next encoding (a byte array's bytes) starts

  // Cuts before the last miniblock (whose padding may be cut without losing a value).
  for (size_t cut = 0; cut < bytes.size() - 4 - 32 * 8; cut += 37) {
    DeltaBinaryPackedDecoder t;
    const char* error = t.Init(U8(bytes), cut);
    if (error == nullptr) error = t.Decode(out.data(), out.size());
    EXPECT_NE(error, nullptr) << cut;
  }
}

TEST(ParquetCodecs, CorruptInputIsAnErrorNamingTheCodec) {
  Decompressor d;
  std::string garbage = "\xff\xff\xff\xff\xff\xff garbage";
  std::vector<uint8_t> out(64);
  EXPECT_EQ(d.Decompress(Codec::kSnappy, U8(garbage), garbage.size(), out.data(), out.size()).rfind("snappy: ", 0), 0u);
  EXPECT_EQ(d.Decompress(Codec::kZstd, U8(garbage), garbage.size(), out.data(), out.size()).rfind("zstd: ", 0), 0u);
  EXPECT_EQ(d.Decompress(Codec::kGzip, U8(garbage), garbage.size(), out.data(), out.size()).rfind("gzip: ", 0), 0u);
  EXPECT_NE(d.Decompress(Codec::kLz4, U8(garbage), garbage.size(), out.data(), out.size()).find("not supported"),
            std::string::npos);
}

}  // namespace
}  // namespace entangle::parquet
