#pragma once
// Institutions and funders from Parquet files (the 2026 snapshot's data/parquet/institutions/ and
// data/parquet/funders/, or DuckDB's copy of the JSON Lines entities): per row group, the few
// columns the study database keeps are read and each row fills the entity ParseInstitutionEntity /
// ParseFunderEntity (record_parser.h) fill from a JSON record, with the same normalisation.
//
// The schema comes from the file, as for works (parquet_work.h): columns are looked up by dotted
// path; a missing column reads as null in every row; `international.display_name` (names by
// language) may be a MAP, a STRUCT with a field per language or JSON text. A column of another type
// than entangle reads, or a field stored as JSON text where a nested list is read, is an error for
// the row group, naming the file, the row group and the column.
#include <cstdint>
#include <functional>

#include "common/status.h"
#include "extract/work_record.h"
#include "parquet/parquet_file.h"

namespace entangle::extract {

// Calls `on_row(row, entity)` for every row of the row group (`row` counts from 0 in the group). A
// row without an id gives an entity with an empty id: the caller reports it (the JSON parse's "the
// record has no id"). An error returned by `on_row` ends the read and is returned.
Status ReadParquetInstitutions(const parquet::ParquetFile& file, int row_group,
                               const std::function<Status(int64_t row, const InstitutionEntity&)>& on_row);
Status ReadParquetFunders(const parquet::ParquetFile& file, int row_group,
                          const std::function<Status(int64_t row, const FunderEntity&)>& on_row);

}  // namespace entangle::extract
