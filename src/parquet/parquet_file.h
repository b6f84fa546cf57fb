#pragma once
// A small Apache Parquet reader of our own: OpenAlex ships its snapshot as Parquet (snappy), and
// neither Apache Arrow nor parquet-cpp is packaged for Debian 12, so entangle decodes the format
// itself (issue 22, docs/parquet.md). Decompression comes from Debian's libsnappy, libzstd and
// libdeflate; the footer is read by a Thrift compact-protocol decoder of this folder.
//
// The subset: files with a plain (unencrypted) footer; the schema tree as the file states it
// (groups, LIST/MAP annotations, logical and converted types); column chunks in the same file;
// data pages v1 and v2 and dictionary pages; encodings PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY,
// RLE/bit-packed levels (and RLE booleans), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
// DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT; codecs UNCOMPRESSED, SNAPPY, ZSTD and GZIP. Not
// covered: encrypted files, LZ4/Brotli/LZO, page indexes, bloom filters, statistics.
//
// The unit of reading is one leaf column of one row group, decoded into a reusable ColumnData:
// its definition and repetition levels and its non-null values. Strings are views into the mapped
// file or into buffers the ColumnData owns, valid until the ColumnData is read into again (or
// the file is closed). Nesting::Build turns the levels of a column under lists into per-row and
// per-list offsets. A ParquetFile is read-only after Open: several threads may read row groups
// of one file at once, each into its own ColumnData.
//
// Every failure is a Status naming the file and, where there is one, the row group, the column
// path and the page: corrupt or truncated input gives an error, never a read past the data.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace entangle::parquet {

// Parquet's physical types (the numbers are the format's).
enum class PhysicalType : int8_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};
const char* PhysicalTypeName(PhysicalType type);  // "BYTE_ARRAY", ...

enum class Repetition : int8_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

// Compression codecs (the format's numbers); the reader decodes kUncompressed, kSnappy, kGzip, kZstd.
enum class Codec : int8_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};
const char* CodecName(Codec codec);

// The logical type of a schema node (the LogicalType union, or the legacy ConvertedType when the
// writer gave only that).
enum class LogicalKind : int8_t {
  kNone,
  kString,
  kMap,
  kList,
  kEnum,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kInteger,
  kNull,
  kJson,
  kBson,
  kUuid,
  kFloat16,
  kOther,
};
const char* LogicalKindName(LogicalKind kind);

struct LogicalType {
  LogicalKind kind = LogicalKind::kNone;
  int32_t scale = 0;      // kDecimal
  int32_t precision = 0;  // kDecimal
  int8_t bit_width = 0;   // kInteger
  bool is_signed = true;  // kInteger
  bool utc = false;       // kTime, kTimestamp
  int8_t time_unit = 0;   // kTime, kTimestamp: 1 millis, 2 micros, 3 nanos
};

// One node of the schema tree. The root is node 0 (no name, empty path).
struct SchemaNode {
  std::string name;
  std::string path;  // dotted from the root, e.g. "authorships.list.element.institutions.list.element.id"
  // The same path with every list spelt in the standard three-level form (`<name>.list.element`)
  // and every map's repeated group as `key_value`, whatever layout the writer used: the two-level
  // lists of older writers (`repeated int32 array`, `repeated group array {…}`, `<name>_tuple`, a
  // repeated group of several fields), other names for the three levels (Hive's `bag`/`array`),
  // and a bare `repeated` field without a LIST annotation (a required list of required elements).
  // Equal to `path` for the files DuckDB and Spark write by default.
  std::string canonical_path;
  int parent = -1;
  std::vector<int> children;
  Repetition repetition = Repetition::kRequired;
  bool is_leaf = false;
  PhysicalType type = PhysicalType::kBoolean;  // leaves only
  int32_t type_length = 0;                     // FIXED_LEN_BYTE_ARRAY
  int32_t converted_type = -1;                 // the raw ConvertedType, -1 when absent
  LogicalType logical;
  int16_t max_def = 0;  // definition level of this node when present
  int16_t max_rep = 0;  // repetition level (number of repeated nodes from the root down to here)
  int column = -1;      // leaf column index, -1 for groups
};

class Schema {
 public:
  const std::vector<SchemaNode>& nodes() const { return nodes_; }
  const SchemaNode& node(int index) const { return nodes_[static_cast<size_t>(index)]; }
  int num_columns() const { return static_cast<int>(leaves_.size()); }
  const SchemaNode& column(int column) const {
    return nodes_[static_cast<size_t>(leaves_[static_cast<size_t>(column)])];
  }
  // The leaf column with this dotted path in its canonical form (SchemaNode::canonical_path, the
  // file's own path for DuckDB's and Spark's default layout), -1 when none: callers name lists the
  // standard way (`topics.list.element.id`) and read any list layout the Parquet spec allows.
  int FindColumn(std::string_view path) const;
  // Any node (group or leaf) with this canonical path, -1 when none.
  int FindNode(std::string_view path) const;
  // For a leaf: the def level of each repeated ancestor (including itself when repeated),
  // outermost first. Its size is the leaf's max_rep.
  const std::vector<int16_t>& repeated_def_levels(int column) const {
    return repeated_defs_[static_cast<size_t>(column)];
  }
  std::string ToString() const;  // one line per node, indented, for messages and debugging

 private:
  friend class SchemaBuilder;
  std::vector<SchemaNode> nodes_;
  std::vector<int> leaves_;  // node index per column
  std::vector<std::vector<int16_t>> repeated_defs_;
};

// Where one column chunk's pages are and how they are stored.
struct ColumnChunkInfo {
  PhysicalType type = PhysicalType::kBoolean;
  Codec codec = Codec::kUncompressed;
  int64_t num_values = 0;  // level entries (values and nulls)
  int64_t data_page_offset = 0;
  int64_t dictionary_page_offset = -1;  // -1 when there is no dictionary page
  int64_t total_compressed_size = 0;
  int64_t total_uncompressed_size = 0;
  std::vector<int8_t> encodings;  // as the metadata lists them (the format's Encoding numbers)
};

struct RowGroupInfo {
  int64_t num_rows = 0;
  int64_t total_byte_size = 0;
  std::vector<ColumnChunkInfo> columns;  // one per leaf column, in schema order
};

// One leaf column of one row group, decoded. Reuse one per column across row groups: its vectors
// keep their capacity, so steady-state reading allocates nothing.
class ColumnData {
 public:
  ColumnData();
  ~ColumnData();
  ColumnData(ColumnData&&) noexcept;
  ColumnData& operator=(ColumnData&&) noexcept;
  ColumnData(const ColumnData&) = delete;
  ColumnData& operator=(const ColumnData&) = delete;

  int column() const { return column_; }
  int row_group() const { return row_group_; }
  PhysicalType type() const { return type_; }
  int16_t max_def() const { return max_def_; }
  int16_t max_rep() const { return max_rep_; }
  int64_t num_rows() const { return num_rows_; }
  // Level entries: one per value or null (and per empty or null list).
  size_t num_levels() const { return num_levels_; }
  // Empty when the column has no definition (repetition) levels: every entry is then defined
  // (a new row).
  std::span<const int16_t> def_levels() const { return {def_levels_.data(), max_def_ > 0 ? num_levels_ : 0}; }
  std::span<const int16_t> rep_levels() const { return {rep_levels_.data(), max_rep_ > 0 ? num_levels_ : 0}; }

  // The non-null values, in order; the one matching the column's type is filled.
  size_t num_values() const { return num_values_; }
  std::span<const int32_t> int32_values() const { return int32_; }
  std::span<const int64_t> int64_values() const { return int64_; }
  std::span<const float> float_values() const { return float_; }
  std::span<const double> double_values() const { return double_; }
  std::span<const uint8_t> bool_values() const { return bool_; }  // 0 or 1
  // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 (12 bytes each).
  std::span<const std::string_view> binary_values() const { return binary_; }

  int data_pages() const { return data_pages_; }  // data pages decoded (v1 and v2)
  int data_pages_v2() const { return data_pages_v2_; }
  int dictionary_pages() const { return dictionary_pages_; }
  std::span<const int8_t> page_encodings() const { return page_encodings_; }  // one per data page

  struct Scratch;  // internal: decompressors, dictionary and page buffers (column_decoder.cc)

 private:
  friend class ColumnDecoder;
  void Reset(int row_group, int column, PhysicalType type, int16_t max_def, int16_t max_rep, int64_t num_rows);
  void Reserve(size_t levels);  // room for a column chunk of `levels` entries (a hint)

  int row_group_ = -1;
  int column_ = -1;
  PhysicalType type_ = PhysicalType::kBoolean;
  int16_t max_def_ = 0;
  int16_t max_rep_ = 0;
  int64_t num_rows_ = 0;
  size_t num_levels_ = 0;
  size_t num_values_ = 0;
  int data_pages_ = 0;
  int data_pages_v2_ = 0;
  int dictionary_pages_ = 0;
  std::vector<int16_t> def_levels_;
  std::vector<int16_t> rep_levels_;
  std::vector<int32_t> int32_;
  std::vector<int64_t> int64_;
  std::vector<float> float_;
  std::vector<double> double_;
  std::vector<uint8_t> bool_;
  std::vector<std::string_view> binary_;
  std::vector<int8_t> page_encodings_;
  std::unique_ptr<Scratch> scratch_;
};

// The list structure of one leaf column, from its levels (Dremel record assembly, one column).
// levels[0] is the outermost repeated field: its parents are the rows. levels[k]'s parents are
// the items of levels[k-1]. For a column with no repeated ancestor `levels` is empty and
// value_index has one entry per row.
//
//   "authorships.list.element.institutions.list.element.country_code":
//     levels[0]: row r has authorships [offsets[r], offsets[r+1])
//     levels[1]: authorship a has institutions [offsets[a], offsets[a+1])
//     value_index[i]: institution i's country code is values[value_index[i]], or null (-1)
//
// Two leaves under the same lists (institutions' id and country_code) give the same offsets.
struct ListLevel {
  std::vector<uint32_t> offsets;  // parents + 1 entries
  std::vector<uint8_t> present;   // per parent: 1 when its list exists (possibly empty), 0 when null
  size_t num_parents() const { return present.size(); }
  size_t num_items() const { return offsets.empty() ? 0 : offsets.back(); }
};

struct Nesting {
  int64_t num_rows = 0;
  std::vector<ListLevel> levels;
  std::vector<int32_t> value_index;  // per innermost item (or row): index into the values, -1 when null
  // Per innermost item (lists only): 1 when the list's element exists, 0 for a null element. A null
  // field of an existing element (a struct) has value_index -1 but element_present 1; the JSON
  // readers skip a `null` in a list of objects, and this is how a caller tells it apart.
  std::vector<uint8_t> element_present;

  // Fills `out` (reusing its vectors) from a decoded column; an error when the levels do not
  // describe whole rows (corrupt input) or their count differs from the row group's rows.
  static Status Build(const Schema& schema, const ColumnData& data, Nesting* out);
};

class ParquetFile {
 public:
  ~ParquetFile();
  ParquetFile(const ParquetFile&) = delete;
  ParquetFile& operator=(const ParquetFile&) = delete;

  // Maps the file and decodes its footer (FileMetaData) and schema.
  static Result<std::unique_ptr<ParquetFile>> Open(const std::string& path);
  // The same over bytes in memory, which must outlive the ParquetFile; `name` stands for the path
  // in messages.
  static Result<std::unique_ptr<ParquetFile>> OpenBuffer(std::string name, std::string_view bytes);

  const std::string& path() const { return path_; }
  uint64_t file_size() const { return size_; }
  const Schema& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_row_groups() const { return static_cast<int>(row_groups_.size()); }
  const RowGroupInfo& row_group(int index) const { return row_groups_[static_cast<size_t>(index)]; }
  const std::string& created_by() const { return created_by_; }

  // The leaf column at `path`, or NotFound("<file>: column not found: <path>").
  Result<int> FindColumn(std::string_view path) const;

  // Decodes one leaf column of one row group into `out`.
  Status ReadColumn(int row_group, int column, ColumnData* out) const;
  // The same, by path, failing when the column's physical type is not `expected`.
  Status ReadColumn(int row_group, std::string_view path, PhysicalType expected, ColumnData* out) const;

 private:
  ParquetFile() = default;
  Status ParseFooter();

  std::string path_;
  const uint8_t* data_ = nullptr;  // the mapped file (or the caller's buffer)
  bool mapped_ = false;
  uint64_t size_ = 0;
  uint64_t data_end_ = 0;  // where the footer starts: column chunks lie before it
  Schema schema_;
  int64_t num_rows_ = 0;
  std::vector<RowGroupInfo> row_groups_;
  std::string created_by_;
};

}  // namespace entangle::parquet
