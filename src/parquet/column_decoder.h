#pragma once
// Decodes one column chunk (all its pages) into a ColumnData: page headers, decompression,
// levels and values in every supported encoding. Used by ParquetFile::ReadColumn.
#include <cstdint>
#include <string>

#include "common/status.h"
#include "parquet/parquet_file.h"

namespace entangle::parquet {

class ColumnDecoder {
 public:
  // `file` is the whole file; column chunks must lie in [4, data_end) (data_end: the footer's
  // start). `where` names the file in messages.
  static Status Read(const uint8_t* file, uint64_t data_end, const std::string& where, int row_group,
                     const RowGroupInfo& info, const SchemaNode& leaf, ColumnData* out);
};

}  // namespace entangle::parquet
