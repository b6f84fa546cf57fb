#pragma once
// BatchedInsert: buffers rows for one table and writes them kRowsPerInsert at a time with a
// multi-row INSERT. One statement per row spends about as much time on per-statement work
// (opening the cursor, seeking the last rowid, halting, resetting) as on the row itself; the
// joint works' child tables receive tens of millions of rows, so this halves their insert time.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/status.h"
#include "store/sqlite_util.h"

namespace entangle::store {

class BatchedInsert {
 public:
  static constexpr int kRowsPerInsert = 32;

  BatchedInsert() = default;
  // `columns` is the comma-separated column list of `table`, `column_count` its length.
  static Result<BatchedInsert> Prepare(sqlite3* db, std::string_view table, std::string_view columns,
                                       int column_count);

  // Buffers one row (values are copied); writes the buffer when it is full.
  template <typename... Args>
  Status Add(const Args&... args) {
    if (static_cast<int>(sizeof...(Args)) != column_count_) return ColumnCountError(sizeof...(Args));
    (Append(args), ...);
    if (++rows_ == kRowsPerInsert) return Flush();
    return Status::OK();
  }

  // Writes the buffered rows. Callers flush before anything that must see every row so far
  // (max(rowid) lookups, index creation).
  Status Flush();

  bool empty() const { return rows_ == 0; }

 private:
  struct Cell {
    enum class Kind : uint8_t { kNull, kInteger, kReal, kText };
    Kind kind = Kind::kNull;
    int64_t integer = 0;
    double real = 0.0;
    size_t offset = 0;  // into text_
    size_t size = 0;
  };

  template <typename T>
  void Append(const T& value) {
    Cell cell;
    if constexpr (std::is_same_v<T, std::nullptr_t> || std::is_same_v<T, std::nullopt_t>) {
      cell.kind = Cell::Kind::kNull;
    } else if constexpr (detail::IsOptional<T>::value) {
      if (value) return Append(*value);
      cell.kind = Cell::Kind::kNull;
    } else if constexpr (std::is_integral_v<T>) {  // bool included: stored as 0/1
      cell.kind = Cell::Kind::kInteger;
      cell.integer = static_cast<int64_t>(value);
    } else if constexpr (std::is_floating_point_v<T>) {
      cell.kind = Cell::Kind::kReal;
      cell.real = static_cast<double>(value);
    } else {
      std::string_view text(value);
      cell.kind = Cell::Kind::kText;
      cell.offset = text_.size();
      cell.size = text.size();
      text_.append(text);
    }
    cells_.push_back(cell);
  }

  Status ColumnCountError(size_t given) const;
  Status BindRows(Statement& stmt, int first_row, int row_count);

  Statement full_;    // kRowsPerInsert rows
  Statement single_;  // one row, for a partial buffer
  int column_count_ = 0;
  int rows_ = 0;
  std::vector<Cell> cells_;
  std::string text_;  // text cells' bytes, by offset (stable while the buffer grows)
};

}  // namespace entangle::store
