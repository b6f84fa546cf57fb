#include "store/batched_insert.h"

#include <fmt/format.h>

namespace entangle::store {
namespace {

std::string InsertSql(std::string_view table, std::string_view columns, int column_count, int row_count) {
  std::string row = "(";
  for (int c = 0; c < column_count; ++c) row += c == 0 ? "?" : ", ?";
  row += ")";
  std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ", table, columns);
  for (int r = 0; r < row_count; ++r) {
    if (r > 0) sql += ", ";
    sql += row;
  }
  return sql;
}

}  // namespace

Result<BatchedInsert> BatchedInsert::Prepare(sqlite3* db, std::string_view table, std::string_view columns,
                                             int column_count) {
  BatchedInsert batch;
  batch.column_count_ = column_count;
  Result<Statement> full = Statement::Prepare(db, InsertSql(table, columns, column_count, kRowsPerInsert));
  if (!full.ok()) return full.status();
  Result<Statement> single = Statement::Prepare(db, InsertSql(table, columns, column_count, 1));
  if (!single.ok()) return single.status();
  batch.full_ = std::move(full).value();
  batch.single_ = std::move(single).value();
  batch.cells_.reserve(static_cast<size_t>(kRowsPerInsert * column_count));
  return batch;
}

Status BatchedInsert::Flush() {
  Status status;
  if (rows_ == kRowsPerInsert) {
    status = BindRows(full_, 0, rows_);
    if (status.ok()) status = full_.Execute();
  } else {
    for (int row = 0; row < rows_ && status.ok(); ++row) {
      status = BindRows(single_, row, 1);
      if (status.ok()) status = single_.Execute();
    }
  }
  // Dropped even on failure: the writer refuses to continue after a failed write anyway.
  rows_ = 0;
  cells_.clear();
  text_.clear();
  return status;
}

Status BatchedInsert::BindRows(Statement& stmt, int first_row, int row_count) {
  sqlite3_stmt* handle = stmt.handle();
  const size_t first = static_cast<size_t>(first_row * column_count_);
  const int count = row_count * column_count_;
  for (int i = 0; i < count; ++i) {
    const Cell& cell = cells_[first + static_cast<size_t>(i)];
    int rc = SQLITE_OK;
    switch (cell.kind) {
      case Cell::Kind::kNull: rc = sqlite3_bind_null(handle, i + 1); break;
      case Cell::Kind::kInteger: rc = sqlite3_bind_int64(handle, i + 1, cell.integer); break;
      case Cell::Kind::kReal: rc = sqlite3_bind_double(handle, i + 1, cell.real); break;
      case Cell::Kind::kText:
        // text_ is not touched until the statement has run, so the bytes may be bound in place.
        rc = sqlite3_bind_text64(handle, i + 1, text_.data() + cell.offset, cell.size, SQLITE_STATIC,
                                 SQLITE_UTF8);
        break;
    }
    if (rc != SQLITE_OK) return stmt.Error(rc);
  }
  return Status::OK();
}

Status BatchedInsert::ColumnCountError(size_t given) const {
  return Status::InvalidArgument(
      fmt::format("{} values given for {} columns in: {}", given, column_count_, single_.sql()));
}

}  // namespace entangle::store
