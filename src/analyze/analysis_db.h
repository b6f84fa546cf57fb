#pragma once
// Internal: the study database as the analyses see it: a connection that can read every table
// and, at the end, write the exhibit tables.
#include <sqlite3.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/sqlite_util.h"

namespace entangle::analyze {

// One result row of a query, read column by column.
class Row {
 public:
  explicit Row(const store::Statement& stmt) : stmt_(stmt) {}
  std::string Text(int column) const { return stmt_.ColumnText(column); }
  // The text without a copy, valid until the next row ("" for NULL).
  std::string_view View(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_.handle(), column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_.handle(), column))};
  }
  int64_t Int(int column) const { return stmt_.ColumnInt64(column); }
  double Double(int column) const { return sqlite3_column_double(stmt_.handle(), column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_.handle(), column) == SQLITE_NULL; }

 private:
  const store::Statement& stmt_;
};

class AnalysisDb {
 public:
  // Opens a study database (checking meta.kind) read-write: the exhibits are written back into it.
  static Result<std::unique_ptr<AnalysisDb>> Open(const std::string& path);
  ~AnalysisDb();
  AnalysisDb(const AnalysisDb&) = delete;
  AnalysisDb& operator=(const AnalysisDb&) = delete;

  // Runs `sql` and calls `on_row` for every row.
  Status ForEach(std::string_view sql, const std::function<void(const Row&)>& on_row);
  bool HasTable(std::string_view name);
  bool HasColumn(std::string_view table, std::string_view column);
  sqlite3* handle() const { return db_; }

 private:
  explicit AnalysisDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace entangle::analyze
