#include "parquet/column_decoder.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

#include "parquet/codecs.h"
#include "parquet/encodings.h"
#include "parquet/metadata.h"

namespace entangle::parquet {
namespace {

// Values a page may hold, and bytes a page may decompress to: beyond these a header is taken for
// corrupt rather than allocated for.
constexpr int64_t kMaxPageValues = int64_t{1} << 27;
constexpr int64_t kMaxPageBytes = int64_t{1} << 30;

// A byte buffer that keeps its memory between reads and never initialises it.
struct Buffer {
  std::unique_ptr<uint8_t[]> data;
  size_t capacity = 0;
  uint8_t* Get(size_t n) {
    if (n > capacity) {
      data.reset(new (std::nothrow) uint8_t[n]);
      capacity = data ? n : 0;
    }
    return n == 0 ? reinterpret_cast<uint8_t*>(this) : data.get();  // a non-null pointer for empty pages
  }
};

// Where decoded values go: the column's vectors, or the dictionary's.
struct Values {
  std::vector<int32_t>* i32;
  std::vector<int64_t>* i64;
  std::vector<float>* f32;
  std::vector<double>* f64;
  std::vector<uint8_t>* boolean;
  std::vector<std::string_view>* binary;
  size_t size(PhysicalType type) const {
    switch (type) {
      case PhysicalType::kBoolean: return boolean->size();
      case PhysicalType::kInt32: return i32->size();
      case PhysicalType::kInt64: return i64->size();
      case PhysicalType::kFloat: return f32->size();
      case PhysicalType::kDouble: return f64->size();
      default: return binary->size();
    }
  }
};

size_t ValueWidth(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return static_cast<size_t>(type_length);
    default: return 0;
  }
}

uint32_t LoadU32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

struct ColumnData::Scratch {
  Decompressor decompressor;
  std::vector<Buffer> buffers;  // decompressed pages and string arenas, kept while views point into them
  size_t used = 0;
  bool has_dictionary = false;
  std::vector<int32_t> dict_i32;
  std::vector<int64_t> dict_i64;
  std::vector<float> dict_f32;
  std::vector<double> dict_f64;
  std::vector<uint8_t> dict_bool;
  std::vector<std::string_view> dict_binary;
  std::vector<uint32_t> indices;
  std::vector<int64_t> wide;     // DELTA_BINARY_PACKED output before narrowing
  std::vector<int64_t> lengths;  // DELTA_* byte-array lengths
  std::vector<int64_t> prefixes;

  uint8_t* NewBuffer(size_t n) {
    if (used == buffers.size()) buffers.emplace_back();
    return buffers[used++].Get(n);
  }
  Values Dictionary() { return {&dict_i32, &dict_i64, &dict_f32, &dict_f64, &dict_bool, &dict_binary}; }
};

ColumnData::ColumnData() : scratch_(std::make_unique<Scratch>()) {}
ColumnData::~ColumnData() = default;
ColumnData::ColumnData(ColumnData&&) noexcept = default;
ColumnData& ColumnData::operator=(ColumnData&&) noexcept = default;

void ColumnData::Reset(int row_group, int column, PhysicalType type, int16_t max_def, int16_t max_rep,
                       int64_t num_rows) {
  if (!scratch_) scratch_ = std::make_unique<Scratch>();
  row_group_ = row_group;
  column_ = column;
  type_ = type;
  max_def_ = max_def;
  max_rep_ = max_rep;
  num_rows_ = num_rows;
  num_levels_ = 0;
  num_values_ = 0;
  data_pages_ = 0;
  data_pages_v2_ = 0;
  dictionary_pages_ = 0;
  def_levels_.clear();
  rep_levels_.clear();
  int32_.clear();
  int64_.clear();
  float_.clear();
  double_.clear();
  bool_.clear();
  binary_.clear();
  page_encodings_.clear();
  scratch_->used = 0;
  scratch_->has_dictionary = false;
  scratch_->dict_i32.clear();
  scratch_->dict_i64.clear();
  scratch_->dict_f32.clear();
  scratch_->dict_f64.clear();
  scratch_->dict_bool.clear();
  scratch_->dict_binary.clear();
}

void ColumnData::Reserve(size_t levels) {
  if (max_def_ > 0) def_levels_.reserve(levels);
  if (max_rep_ > 0) rep_levels_.reserve(levels);
  switch (type_) {
    case PhysicalType::kBoolean: bool_.reserve(levels); break;
    case PhysicalType::kInt32: int32_.reserve(levels); break;
    case PhysicalType::kInt64: int64_.reserve(levels); break;
    case PhysicalType::kFloat: float_.reserve(levels); break;
    case PhysicalType::kDouble: double_.reserve(levels); break;
    default: binary_.reserve(levels); break;
  }
}

namespace {

// Decodes one page (or dictionary page) of one column: the state shared by its steps.
class PageDecoder {
 public:
  PageDecoder(const SchemaNode& leaf, ColumnData::Scratch& scratch) : leaf_(leaf), scratch_(scratch) {}

  // PLAIN values: `count` of them from [p, p + n), appended to `out`.
  std::string DecodePlain(const uint8_t* p, size_t n, size_t count, Values out) {
    PhysicalType type = leaf_.type;
    size_t base = out.size(type);
    if (type == PhysicalType::kBoolean) {
      if (n < (count + 7) / 8) return "truncated PLAIN booleans";
      out.boolean->resize(base + count);
      uint8_t* dst = out.boolean->data() + base;
      for (size_t i = 0; i < count; ++i) dst[i] = (p[i >> 3] >> (i & 7)) & 1;
      return "";
    }
    if (type == PhysicalType::kByteArray) {
      if (count > n / 4) return "truncated PLAIN byte arrays";
      out.binary->resize(base + count);
      std::string_view* dst = out.binary->data() + base;
      size_t pos = 0;
      for (size_t i = 0; i < count; ++i) {
        if (n - pos < 4) return "truncated PLAIN byte array length";
        uint32_t length = LoadU32(p + pos);
        pos += 4;
        if (length > n - pos) return "PLAIN byte array runs past its page";
        dst[i] = std::string_view(reinterpret_cast<const char*>(p + pos), length);
        pos += length;
      }
      return "";
    }
    size_t width = ValueWidth(type, leaf_.type_length);
    if (width == 0 || count > n / width) return "truncated PLAIN values";
    switch (type) {
      case PhysicalType::kInt32:
        out.i32->resize(base + count);
        if (count > 0) std::memcpy(out.i32->data() + base, p, count * 4);
        return "";
      case PhysicalType::kInt64:
        out.i64->resize(base + count);
        if (count > 0) std::memcpy(out.i64->data() + base, p, count * 8);
        return "";
      case PhysicalType::kFloat:
        out.f32->resize(base + count);
        if (count > 0) std::memcpy(out.f32->data() + base, p, count * 4);
        return "";
      case PhysicalType::kDouble:
        out.f64->resize(base + count);
        if (count > 0) std::memcpy(out.f64->data() + base, p, count * 8);
        return "";
      default: {  // INT96, FIXED_LEN_BYTE_ARRAY
        out.binary->resize(base + count);
        std::string_view* dst = out.binary->data() + base;
        for (size_t i = 0; i < count; ++i)
          dst[i] = std::string_view(reinterpret_cast<const char*>(p + i * width), width);
        return "";
      }
    }
  }

  std::string DecodeDictionaryIndices(const uint8_t* p, size_t n, size_t count, Values out) {
    if (!scratch_.has_dictionary) return "dictionary-encoded page without a dictionary page";
    if (count == 0) return "";
    if (n < 1) return "truncated dictionary indices";
    int width = p[0];
    if (width > 32) return "dictionary index bit width " + std::to_string(width) + " above 32";
    scratch_.indices.resize(count);
    RleDecoder rle(p + 1, n - 1, width);
    if (const char* e = rle.Decode(scratch_.indices.data(), count)) return std::string("dictionary indices: ") + e;
    Values dict = scratch_.Dictionary();
    size_t dict_size = dict.size(leaf_.type);
    const uint32_t* idx = scratch_.indices.data();
    for (size_t i = 0; i < count; ++i) {
      if (idx[i] >= dict_size) {
        return "dictionary index " + std::to_string(idx[i]) + " out of range (the dictionary has " +
               std::to_string(dict_size) + " entries)";
      }
    }
    PhysicalType type = leaf_.type;
    size_t base = out.size(type);
    switch (type) {
      case PhysicalType::kBoolean: Gather(*dict.boolean, idx, count, base, out.boolean); break;
      case PhysicalType::kInt32: Gather(*dict.i32, idx, count, base, out.i32); break;
      case PhysicalType::kInt64: Gather(*dict.i64, idx, count, base, out.i64); break;
      case PhysicalType::kFloat: Gather(*dict.f32, idx, count, base, out.f32); break;
      case PhysicalType::kDouble: Gather(*dict.f64, idx, count, base, out.f64); break;
      default: Gather(*dict.binary, idx, count, base, out.binary); break;
    }
    return "";
  }

  std::string DecodeRleBooleans(const uint8_t* p, size_t n, size_t count, Values out) {
    if (leaf_.type != PhysicalType::kBoolean) return "RLE values in a non-boolean column";
    if (n < 4) return "truncated RLE booleans";
    uint32_t length = LoadU32(p);
    if (length > n - 4) return "RLE booleans run past their page";
    size_t base = out.boolean->size();
    out.boolean->resize(base + count);
    RleDecoder rle(p + 4, length, 1);
    if (const char* e = rle.Decode(out.boolean->data() + base, count)) return std::string("RLE booleans: ") + e;
    return "";
  }

  std::string DecodeDeltaBinaryPacked(const uint8_t* p, size_t n, size_t count, Values out) {
    PhysicalType type = leaf_.type;
    if (type != PhysicalType::kInt32 && type != PhysicalType::kInt64)
      return "DELTA_BINARY_PACKED in a non-integer column";
    DeltaBinaryPackedDecoder d;
    if (const char* e = d.Init(p, n)) return e;
    if (d.total() < count) return "DELTA_BINARY_PACKED holds fewer values than the page";
    if (type == PhysicalType::kInt64) {
      size_t base = out.i64->size();
      out.i64->resize(base + count);
      if (const char* e = d.Decode(out.i64->data() + base, count)) return e;
      return "";
    }
    scratch_.wide.resize(count);
    if (const char* e = d.Decode(scratch_.wide.data(), count)) return e;
    size_t base = out.i32->size();
    out.i32->resize(base + count);
    int32_t* dst = out.i32->data() + base;
    for (size_t i = 0; i < count; ++i) dst[i] = static_cast<int32_t>(static_cast<uint64_t>(scratch_.wide[i]));
    return "";
  }

  // Lengths (DELTA_BINARY_PACKED) then the bytes; *end is where the bytes stop.
  std::string DecodeDeltaLength(const uint8_t* p, size_t n, size_t count, std::string_view* dst, size_t* end) {
    DeltaBinaryPackedDecoder d;
    if (const char* e = d.Init(p, n)) return std::string("lengths: ") + e;
    if (d.total() < count) return "DELTA_LENGTH_BYTE_ARRAY holds fewer lengths than the page's values";
    scratch_.lengths.resize(count);
    if (const char* e = d.Decode(scratch_.lengths.data(), count)) return std::string("lengths: ") + e;
    size_t pos = d.end();
    for (size_t i = 0; i < count; ++i) {
      int64_t length = scratch_.lengths[i];
      if (length < 0 || static_cast<uint64_t>(length) > n - pos) return "DELTA_LENGTH_BYTE_ARRAY runs past its page";
      dst[i] = std::string_view(reinterpret_cast<const char*>(p + pos), static_cast<size_t>(length));
      pos += static_cast<size_t>(length);
    }
    *end = pos;
    return "";
  }

  std::string DecodeDeltaLengthByteArray(const uint8_t* p, size_t n, size_t count, Values out) {
    if (leaf_.type != PhysicalType::kByteArray) return "DELTA_LENGTH_BYTE_ARRAY in a non-BYTE_ARRAY column";
    size_t base = out.binary->size();
    out.binary->resize(base + count);
    size_t end;
    return DecodeDeltaLength(p, n, count, out.binary->data() + base, &end);
  }

  std::string DecodeDeltaByteArray(const uint8_t* p, size_t n, size_t count, Values out) {
    PhysicalType type = leaf_.type;
    if (type != PhysicalType::kByteArray && type != PhysicalType::kFixedLenByteArray) {
      return "DELTA_BYTE_ARRAY in a column of another type";
    }
    DeltaBinaryPackedDecoder d;
    if (const char* e = d.Init(p, n)) return std::string("prefix lengths: ") + e;
    if (d.total() < count) return "DELTA_BYTE_ARRAY holds fewer prefixes than the page's values";
    scratch_.prefixes.resize(count);
    if (const char* e = d.Decode(scratch_.prefixes.data(), count)) return std::string("prefix lengths: ") + e;
    size_t base = out.binary->size();
    out.binary->resize(base + count);
    std::string_view* dst = out.binary->data() + base;
    size_t suffix_end;
    size_t start = d.end();
    std::string e = DecodeDeltaLength(p + start, n - start, count, dst, &suffix_end);
    if (!e.empty()) return "suffixes: " + e;
    // Each value is a prefix of the previous one and its suffix: sizes first, then one arena.
    uint64_t total = 0, previous = 0;
    for (size_t i = 0; i < count; ++i) {
      int64_t prefix = scratch_.prefixes[i];
      if (prefix < 0 || static_cast<uint64_t>(prefix) > previous) {
        return "DELTA_BYTE_ARRAY prefix longer than the previous value";
      }
      previous = static_cast<uint64_t>(prefix) + dst[i].size();
      total += previous;
      if (total > static_cast<uint64_t>(kMaxPageBytes)) return "DELTA_BYTE_ARRAY values too large";
    }
    uint8_t* arena = scratch_.NewBuffer(static_cast<size_t>(total));
    if (arena == nullptr) return "out of memory for DELTA_BYTE_ARRAY values";
    size_t pos = 0;
    const char* prev = nullptr;
    for (size_t i = 0; i < count; ++i) {
      size_t prefix = static_cast<size_t>(scratch_.prefixes[i]);
      char* value = reinterpret_cast<char*>(arena + pos);
      if (prefix > 0) std::memcpy(value, prev, prefix);
      if (!dst[i].empty()) std::memcpy(value + prefix, dst[i].data(), dst[i].size());
      size_t length = prefix + dst[i].size();
      if (type == PhysicalType::kFixedLenByteArray && length != static_cast<size_t>(leaf_.type_length)) {
        return "DELTA_BYTE_ARRAY value of the wrong length for FIXED_LEN_BYTE_ARRAY";
      }
      dst[i] = std::string_view(value, length);
      prev = value;
      pos += length;
    }
    return "";
  }

  std::string DecodeByteStreamSplit(const uint8_t* p, size_t n, size_t count, Values out) {
    PhysicalType type = leaf_.type;
    size_t width = ValueWidth(type, leaf_.type_length);
    if (width == 0 || type == PhysicalType::kInt96) return "BYTE_STREAM_SPLIT in a column of another type";
    if (count > n / width) return "truncated BYTE_STREAM_SPLIT values";
    uint8_t* bytes;
    size_t base = out.size(type);
    switch (type) {
      case PhysicalType::kInt32:
        out.i32->resize(base + count);
        bytes = reinterpret_cast<uint8_t*>(out.i32->data() + base);
        break;
      case PhysicalType::kInt64:
        out.i64->resize(base + count);
        bytes = reinterpret_cast<uint8_t*>(out.i64->data() + base);
        break;
      case PhysicalType::kFloat:
        out.f32->resize(base + count);
        bytes = reinterpret_cast<uint8_t*>(out.f32->data() + base);
        break;
      case PhysicalType::kDouble:
        out.f64->resize(base + count);
        bytes = reinterpret_cast<uint8_t*>(out.f64->data() + base);
        break;
      default:
        bytes = scratch_.NewBuffer(count * width);
        if (bytes == nullptr) return "out of memory for BYTE_STREAM_SPLIT values";
        out.binary->resize(base + count);
        for (size_t i = 0; i < count; ++i) {
          (*out.binary)[base + i] = std::string_view(reinterpret_cast<const char*>(bytes + i * width), width);
        }
        break;
    }
    for (size_t b = 0; b < width; ++b) {
      const uint8_t* stream = p + b * count;
      for (size_t i = 0; i < count; ++i) bytes[i * width + b] = stream[i];
    }
    return "";
  }

  std::string DecodeValues(int encoding, const uint8_t* p, size_t n, size_t count, Values out) {
    switch (encoding) {
      case kPlain: return DecodePlain(p, n, count, out);
      case kPlainDictionary:
      case kRleDictionary: return DecodeDictionaryIndices(p, n, count, out);
      case kRle: return DecodeRleBooleans(p, n, count, out);
      case kDeltaBinaryPacked: return DecodeDeltaBinaryPacked(p, n, count, out);
      case kDeltaLengthByteArray: return DecodeDeltaLengthByteArray(p, n, count, out);
      case kDeltaByteArray: return DecodeDeltaByteArray(p, n, count, out);
      case kByteStreamSplit: return DecodeByteStreamSplit(p, n, count, out);
      default:
        return std::string("encoding ") + EncodingName(encoding) + " (" + std::to_string(encoding) +
               ") is not supported";
    }
  }

 private:
  template <typename T>
  static void Gather(const std::vector<T>& dict, const uint32_t* idx, size_t count, size_t base, std::vector<T>* out) {
    out->resize(base + count);
    T* dst = out->data() + base;
    const T* src = dict.data();
    for (size_t i = 0; i < count; ++i) dst[i] = src[idx[i]];
  }

  const SchemaNode& leaf_;
  ColumnData::Scratch& scratch_;
};

}  // namespace

Status ColumnDecoder::Read(const uint8_t* file, uint64_t data_end, const std::string& where, int row_group,
                           const RowGroupInfo& info, const SchemaNode& leaf, ColumnData* out) {
  const ColumnChunkInfo& chunk = info.columns[static_cast<size_t>(leaf.column)];
  out->Reset(row_group, leaf.column, leaf.type, leaf.max_def, leaf.max_rep, info.num_rows);
  ColumnData::Scratch& scratch = *out->scratch_;
  std::string at = where + ", row group " + std::to_string(row_group) + ", column " + leaf.path;
  auto fail = [&](int page, const std::string& what) {
    return Status::Corruption(page < 0 ? at + ": " + what : at + ", page " + std::to_string(page) + ": " + what);
  };

  int64_t start = chunk.data_page_offset;
  if (chunk.dictionary_page_offset >= 4 && chunk.dictionary_page_offset < start) start = chunk.dictionary_page_offset;
  if (start < 4 || static_cast<uint64_t>(start) >= data_end || chunk.total_compressed_size <= 0 ||
      static_cast<uint64_t>(chunk.total_compressed_size) > data_end - static_cast<uint64_t>(start)) {
    return fail(-1, "column chunk at bytes " + std::to_string(start) + "+" +
                        std::to_string(chunk.total_compressed_size) + " lies outside the file's data (" +
                        std::to_string(data_end) + " bytes before the footer)");
  }
  if (leaf.max_rep == 0 && chunk.num_values != info.num_rows) {
    return fail(-1, "column chunk holds " + std::to_string(chunk.num_values) + " values for " +
                        std::to_string(info.num_rows) + " rows");
  }
  if (chunk.codec != Codec::kUncompressed && chunk.codec != Codec::kSnappy && chunk.codec != Codec::kGzip &&
      chunk.codec != Codec::kZstd) {
    return Status::Unsupported(at + ": codec " + CodecName(chunk.codec) + " is not supported");
  }

  // Room for the whole chunk at once: growing the levels and values page by page copied them over
  // and over (in a profile of the Parquet dry run, a tenth of the time went to those copies, and
  // more to the page faults of the new memory). The footer's count is only a hint, bounded so
  // that a corrupt one cannot make the reservation huge.
  const int64_t hint = std::min<int64_t>({chunk.num_values, kMaxPageValues, 64 * chunk.total_compressed_size});
  out->Reserve(static_cast<size_t>(std::max<int64_t>(hint, 0)));

  const uint8_t* pos = file + start;
  const uint8_t* end = pos + chunk.total_compressed_size;
  const int def_width = BitWidth(static_cast<uint64_t>(leaf.max_def));
  const int rep_width = BitWidth(static_cast<uint64_t>(leaf.max_rep));
  Values values{&out->int32_, &out->int64_, &out->float_, &out->double_, &out->bool_, &out->binary_};
  PageDecoder decoder(leaf, scratch);
  const int64_t expected = chunk.num_values;
  int64_t levels = 0;
  for (int page = 0; levels < expected; ++page) {
    if (pos >= end) {
      return fail(page, "column chunk ends after " + std::to_string(levels) + " of its " + std::to_string(expected) +
                            " values");
    }
    PageHeader header;
    size_t header_size = 0;
    if (const char* e = DecodePageHeader(pos, static_cast<size_t>(end - pos), &header, &header_size)) {
      return fail(page, std::string("page header: ") + e);
    }
    const uint8_t* body = pos + header_size;
    if (static_cast<int64_t>(header.compressed_size) > end - body) {
      return fail(page, "truncated page: " + std::to_string(header.compressed_size) + " bytes, " +
                            std::to_string(end - body) + " left in the column chunk");
    }
    if (header.uncompressed_size > kMaxPageBytes)
      return fail(page, "page claims " + std::to_string(header.uncompressed_size) + " bytes");
    pos = body + header.compressed_size;
    const auto type = static_cast<PageType>(header.type);
    if (type != PageType::kDataPage && type != PageType::kDataPageV2 && type != PageType::kDictionaryPage) {
      --page;  // index pages and unknown page types are skipped, not counted
      continue;
    }
    const auto csize = static_cast<size_t>(header.compressed_size);
    const auto usize = static_cast<size_t>(header.uncompressed_size);

    if (type == PageType::kDictionaryPage) {
      if (!header.has_dictionary || header.num_values < 0) return fail(page, "dictionary page without its header");
      if (scratch.has_dictionary || out->data_pages_ > 0) return fail(page, "dictionary page after the first page");
      if (header.encoding != kPlain && header.encoding != kPlainDictionary) {
        return fail(page, std::string("dictionary page encoded as ") + EncodingName(header.encoding));
      }
      const uint8_t* p = body;
      if (chunk.codec != Codec::kUncompressed) {
        uint8_t* buffer = scratch.NewBuffer(usize);
        if (buffer == nullptr) return fail(page, "out of memory for a page of " + std::to_string(usize) + " bytes");
        std::string e = scratch.decompressor.Decompress(chunk.codec, body, csize, buffer, usize);
        if (!e.empty()) return fail(page, e);
        p = buffer;
      } else if (csize != usize) {
        return fail(page, "uncompressed page of " + std::to_string(csize) + " bytes, the header says " +
                              std::to_string(usize));
      }
      std::string e = decoder.DecodePlain(p, usize, static_cast<size_t>(header.num_values), scratch.Dictionary());
      if (!e.empty()) return fail(page, "dictionary: " + e);
      scratch.has_dictionary = true;
      ++out->dictionary_pages_;
      continue;
    }

    const bool v2 = type == PageType::kDataPageV2;
    if (v2 ? !header.has_data_v2 : !header.has_data_v1) return fail(page, "data page without its header");
    const int64_t num = header.num_values;
    if (num < 0 || num > kMaxPageValues || num > expected - levels) {
      return fail(page, "page claims " + std::to_string(num) + " values, " + std::to_string(expected - levels) +
                            " left in the column chunk");
    }
    const size_t n = static_cast<size_t>(num);
    const size_t base = static_cast<size_t>(levels);
    if (leaf.max_def > 0) out->def_levels_.resize(base + n);
    if (leaf.max_rep > 0) out->rep_levels_.resize(base + n);
    int16_t* defs = leaf.max_def > 0 ? out->def_levels_.data() + base : nullptr;
    int16_t* reps = leaf.max_rep > 0 ? out->rep_levels_.data() + base : nullptr;

    const uint8_t* p;  // the values
    size_t psize;
    if (!v2) {
      if (chunk.codec != Codec::kUncompressed) {
        uint8_t* buffer = scratch.NewBuffer(usize);
        if (buffer == nullptr) return fail(page, "out of memory for a page of " + std::to_string(usize) + " bytes");
        std::string e = scratch.decompressor.Decompress(chunk.codec, body, csize, buffer, usize);
        if (!e.empty()) return fail(page, e);
        p = buffer;
      } else {
        if (csize != usize) {
          return fail(page, "uncompressed page of " + std::to_string(csize) + " bytes, the header says " +
                                std::to_string(usize));
        }
        p = body;
      }
      psize = usize;
      // Levels: a 4-byte length, then the RLE/bit-packed hybrid.
      for (int which = 0; which < 2; ++which) {
        int16_t* dst = which == 0 ? reps : defs;
        if (dst == nullptr) continue;
        int encoding = which == 0 ? header.rep_encoding : header.def_encoding;
        const char* name = which == 0 ? "repetition levels" : "definition levels";
        if (encoding != kRle)
          return fail(page, std::string(name) + " encoded as " + EncodingName(encoding) + ", not RLE");
        if (psize < 4) return fail(page, std::string("truncated page: ") + name);
        uint32_t length = LoadU32(p);
        if (length > psize - 4) return fail(page, std::string("truncated page: ") + name + " run past the page");
        RleDecoder rle(p + 4, length, which == 0 ? rep_width : def_width);
        if (const char* e = rle.Decode(dst, n)) return fail(page, std::string(name) + ": " + e);
        p += 4 + length;
        psize -= 4 + length;
      }
    } else {
      if (header.rep_length < 0 || header.def_length < 0 ||
          static_cast<int64_t>(header.rep_length) + header.def_length > header.compressed_size ||
          static_cast<int64_t>(header.rep_length) + header.def_length > header.uncompressed_size) {
        return fail(page, "level lengths exceed the page");
      }
      const size_t rep_len = static_cast<size_t>(header.rep_length);
      const size_t def_len = static_cast<size_t>(header.def_length);
      if (reps != nullptr) {
        RleDecoder rle(body, rep_len, rep_width);
        if (const char* e = rle.Decode(reps, n)) return fail(page, std::string("repetition levels: ") + e);
      }
      if (defs != nullptr) {
        RleDecoder rle(body + rep_len, def_len, def_width);
        if (const char* e = rle.Decode(defs, n)) return fail(page, std::string("definition levels: ") + e);
      }
      const uint8_t* values_in = body + rep_len + def_len;
      const size_t values_csize = csize - rep_len - def_len;
      psize = usize - rep_len - def_len;
      if (header.is_compressed && chunk.codec != Codec::kUncompressed) {
        uint8_t* buffer = scratch.NewBuffer(psize);
        if (buffer == nullptr) return fail(page, "out of memory for a page of " + std::to_string(psize) + " bytes");
        std::string e = scratch.decompressor.Decompress(chunk.codec, values_in, values_csize, buffer, psize);
        if (!e.empty()) return fail(page, e);
        p = buffer;
      } else {
        if (values_csize != psize)
          return fail(page, "uncompressed values of " + std::to_string(values_csize) + " bytes, the header says " +
                                std::to_string(psize));
        p = values_in;
      }
    }

    // Check the levels, count the values.
    size_t count = n;
    if (defs != nullptr) {
      count = 0;
      const int16_t max_def = leaf.max_def;
      for (size_t i = 0; i < n; ++i) {
        if (defs[i] > max_def)
          return fail(page,
                      "definition level " + std::to_string(defs[i]) + " above the maximum " + std::to_string(max_def));
        count += defs[i] == max_def;
      }
    }
    if (reps != nullptr) {
      const int16_t max_rep = leaf.max_rep;
      for (size_t i = 0; i < n; ++i) {
        if (reps[i] > max_rep)
          return fail(page,
                      "repetition level " + std::to_string(reps[i]) + " above the maximum " + std::to_string(max_rep));
      }
      if (levels == 0 && n > 0 && reps[0] != 0) return fail(page, "column chunk starts inside a row");
    }
    if (v2 && static_cast<int64_t>(count) != num - header.num_nulls) {
      return fail(page, "page header gives " + std::to_string(num - header.num_nulls) + " values, its levels " +
                            std::to_string(count));
    }
    std::string e = decoder.DecodeValues(header.encoding, p, psize, count, values);
    if (!e.empty()) return fail(page, e);
    out->page_encodings_.push_back(static_cast<int8_t>(header.encoding));
    ++out->data_pages_;
    if (v2) ++out->data_pages_v2_;
    levels += num;
    out->num_levels_ = static_cast<size_t>(levels);
    out->num_values_ += count;
  }
  return Status::OK();
}

}  // namespace entangle::parquet
