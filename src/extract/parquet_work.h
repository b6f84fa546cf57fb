#pragma once
// Works from a Parquet file (the 2026 snapshot's data/parquet/works/, or any Parquet copy of works
// JSON such as DuckDB writes): per row group, only the leaf columns a study needs are read, and each
// row fills the same WorkSummary that ParseWorkSummary fills from a JSON record, so that scope,
// field, totals and duplicate rules are the JSON path's code. The full WorkRecord of a row is
// assembled from the rest of the columns, read only for a row group that holds a joint work.
//
// The schema comes from the file: columns are looked up by dotted path (DuckDB's and Parquet's
// LIST layout, "authorships.list.element.institutions.list.element.country_code"); integers may be
// INT32 or INT64, dates DATE or text. A missing optional column reads as null everywhere; a column
// of another type, or a field stored as JSON text where entangle reads a nested LIST/STRUCT, is a
// located error for the row group. Only `id` is required (a file without it is rejected on open).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/work_record.h"
#include "extract/work_summary.h"
#include "parquet/parquet_file.h"

namespace entangle::extract {

// Opens a works Parquet file and checks that it has an `id` column of strings.
Result<std::unique_ptr<parquet::ParquetFile>> OpenParquetWorks(const std::string& path);

// One thread's reader of row groups; its buffers are reused from row group to row group.
class ParquetWorkReader {
 public:
  // `want_text` as SummaryOptions::want_text (title, abstract and keywords for keyword rules).
  explicit ParquetWorkReader(bool want_text);
  ~ParquetWorkReader();
  ParquetWorkReader(const ParquetWorkReader&) = delete;
  ParquetWorkReader& operator=(const ParquetWorkReader&) = delete;

  // Reads the summary columns of one row group. The scope columns (id, publication_year, language,
  // type, updated_date) are read first; with `options.in_scope` set, the rest (authorships,
  // concepts, topics, text) is read only when some row is in scope. Without `options.want_concepts`
  // no concept column is read; without `options.want_topics` only the primary topic's subfield and
  // field ids are, and the topics' own subfield and field ids only when an in-scope row has no
  // primary topic (its first topic stands for it, as in the JSON). Errors name the file, the row
  // group and the column.
  Status ReadSummaries(const parquet::ParquetFile& file, int row_group, const SummaryOptions& options);
  int64_t num_rows() const { return rows_; }
  // Fills `out` for row `row` of the row group read last, as ParseWorkSummary does for a record:
  // kMissingId (no id) or kNotAWork (another entity's id), with `detail`, else kNone. An out-of-scope
  // row gets only the scope fields and updated_date (`out_of_scope_early`).
  RecordError Summary(int64_t row, WorkSummary& out, std::string& detail) const;

  // Reads the columns of the full record for the row group read last by ReadSummaries.
  Status ReadRecords();
  // The full record of row `row`, as ParseWorkRecord makes it from the JSON record.
  void Record(int64_t row, WorkRecord& out) const;

  struct Leaf;  // one leaf column (parquet_work.cc)

 private:
  bool want_text_;
  bool want_topics_ = true, want_concepts_ = true;  // of the last ReadSummaries
  const parquet::ParquetFile* file_ = nullptr;
  std::string file_path_;
  int row_group_ = -1;
  int64_t rows_ = 0;
  std::vector<uint8_t> in_scope_;  // per row, when the scope test was given
  bool rest_read_ = false;
  std::vector<std::unique_ptr<Leaf>> leaves_;
};

}  // namespace entangle::extract
