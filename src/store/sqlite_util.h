#pragma once
// Thin RAII helpers over the SQLite3 C API for the study database: a prepared statement that
// binds C++ values positionally, and Status conversion that always names the failing statement.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/status.h"

namespace entangle::store {

// A Status for SQLite result code `rc`, with the connection's message and the statement text.
Status SqliteError(sqlite3* db, int rc, std::string_view sql);

// Runs one or more statements that return no rows we care about (DDL, PRAGMA, BEGIN/COMMIT).
Status Exec(sqlite3* db, std::string_view sql);

// Empty text is stored as NULL so that joins and COUNT(DISTINCT ...) skip absent values.
inline std::optional<std::string_view> NullIfEmpty(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return s;
}

namespace detail {
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

// Text is bound SQLITE_STATIC: every caller steps the statement within the same full-expression
// that owns the bound value, and rebinds every parameter before the next step.
template <typename T>
int BindValue(sqlite3_stmt* stmt, int index, const T& value) {
  if constexpr (std::is_same_v<T, std::nullptr_t> || std::is_same_v<T, std::nullopt_t>) {
    return sqlite3_bind_null(stmt, index);
  } else if constexpr (IsOptional<T>::value) {
    return value ? BindValue(stmt, index, *value) : sqlite3_bind_null(stmt, index);
  } else if constexpr (std::is_same_v<T, bool>) {
    return sqlite3_bind_int(stmt, index, value ? 1 : 0);
  } else if constexpr (std::is_integral_v<T>) {
    return sqlite3_bind_int64(stmt, index, static_cast<sqlite3_int64>(value));
  } else if constexpr (std::is_floating_point_v<T>) {
    return sqlite3_bind_double(stmt, index, static_cast<double>(value));
  } else {
    std::string_view text(value);
    // A null data pointer would bind NULL; empty text must stay ''.
    const char* data = text.data() != nullptr ? text.data() : "";
    return sqlite3_bind_text64(stmt, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8);
  }
}
}  // namespace detail

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Prepares exactly one statement; trailing SQL other than whitespace/semicolons is an error.
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql);

  // Binds `args` to ?1..?N, steps to completion (any rows are discarded) and resets.
  template <typename... Args>
  Status Run(const Args&... args) {
    ENTANGLE_RETURN_IF_ERROR(BindAll(args...));
    return Execute();
  }

  // Steps the statement as bound to completion (any rows are discarded) and resets it.
  Status Execute();

  // Binds `args` to ?1..?N (for a query stepped with Step()).
  template <typename... Args>
  Status BindAll(const Args&... args) {
    sqlite3_reset(stmt_);
    int index = 0;
    int rc = SQLITE_OK;
    [[maybe_unused]] auto bind = [&](const auto& value) {
      if (rc == SQLITE_OK) rc = detail::BindValue(stmt_, ++index, value);
    };
    (bind(args), ...);
    if (rc != SQLITE_OK) return Error(rc);
    return Status::OK();
  }

  // Advances to the next row: true with a row, false when done (the statement is then reset).
  Result<bool> Step();
  int64_t ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }
  // NULL reads as "".
  std::string ColumnText(int column) const;
  int ColumnCount() const { return sqlite3_column_count(stmt_); }
  // Ends a query early (before Step() returned false), releasing its read position.
  void Reset() { sqlite3_reset(stmt_); }

  bool valid() const { return stmt_ != nullptr; }
  sqlite3_stmt* handle() const { return stmt_; }
  std::string sql() const;
  Status Error(int rc) const;

 private:

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// One result row of a query, read column by column (for StudyDb::ForEach).
class Row {
 public:
  explicit Row(const Statement& stmt) : stmt_(stmt) {}
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
  const Statement& stmt_;
};

// Removes `path` and the side files SQLite may leave beside it; missing files are fine.
void RemoveDatabaseFiles(const std::string& path);

// Joins strings with single spaces: the storage form of list columns (countries, lineage).
std::string JoinSpaced(const std::vector<std::string>& items);

}  // namespace entangle::store
