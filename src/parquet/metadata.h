#pragma once
// Decoding Parquet's Thrift structures (parquet.thrift): FileMetaData with its SchemaElements,
// RowGroups, ColumnChunks and ColumnMetaData, and the PageHeader in front of every page. Only the
// fields the reader uses are kept; every other field is skipped.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "parquet/parquet_file.h"

namespace entangle::parquet {

// The format's numbers.
enum class PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };
enum Encoding : int8_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};
const char* EncodingName(int encoding);

struct PageHeader {
  int32_t type = -1;
  int32_t uncompressed_size = -1;
  int32_t compressed_size = -1;
  // DataPageHeader (v1), DataPageHeaderV2 and DictionaryPageHeader share these.
  bool has_data_v1 = false;
  bool has_data_v2 = false;
  bool has_dictionary = false;
  int32_t num_values = -1;
  int32_t encoding = -1;
  int32_t def_encoding = kRle;  // v1
  int32_t rep_encoding = kRle;  // v1
  int32_t num_nulls = 0;        // v2
  int32_t num_rows = 0;         // v2
  int32_t def_length = 0;       // v2
  int32_t rep_length = 0;       // v2
  bool is_compressed = true;    // v2
};

// Decodes the page header at the start of [data, data + size); *header_size is its length.
// On failure returns what was wrong ("thrift: truncated struct", ...).
const char* DecodePageHeader(const uint8_t* data, size_t size, PageHeader* out, size_t* header_size);

struct FileMetaDataParts {
  int64_t num_rows = 0;
  std::string created_by;
  std::vector<RowGroupInfo> row_groups;
};

// Decodes FileMetaData; fills `schema` (built and checked) and `parts`. `where` prefixes messages.
Status DecodeFileMetaData(const uint8_t* data, size_t size, const std::string& where, Schema* schema,
                          FileMetaDataParts* parts);

}  // namespace entangle::parquet
