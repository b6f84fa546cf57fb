#include "store/sqlite_util.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>
#include <utility>

#include "common/ascii.h"

namespace entangle::store {
namespace {

// Long statements (the schema) would drown the message; the start identifies them well enough.
std::string Abbreviate(std::string_view sql) {
  constexpr size_t kMax = 300;
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

bool OnlySeparators(std::string_view text) {
  return text.find_first_not_of(" \t\r\n;") == std::string_view::npos;
}

// Classifies by primary result code so callers can tell bad input from a failing disk.
Status MakeError(int rc, std::string_view message, std::string_view sql) {
  std::string text = fmt::format("SQLite: {} (code {}) in statement: {}", message, rc, Abbreviate(sql));
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(text));
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_ERROR:  // SQL errors: bad statement or missing table
      return Status::InvalidArgument(std::move(text));
    default:
      return Status::IOError(std::move(text));
  }
}

}  // namespace

Status SqliteError(sqlite3* db, int rc, std::string_view sql) {
  return MakeError(rc, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc), sql);
}

Status Exec(sqlite3* db, std::string_view sql) {
  std::string owned(sql);  // sqlite3_exec needs a NUL-terminated string
  char* error = nullptr;
  int rc = sqlite3_exec(db, owned.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::OK();
  std::string message = error != nullptr ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return MakeError(rc, message, sql);
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                              &tail);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(db, rc, sql);
  }
  Statement result(db, stmt);
  if (stmt == nullptr) return Status::InvalidArgument(fmt::format("empty SQL statement: '{}'", Abbreviate(sql)));
  // `tail` points into `sql`, which need not be NUL-terminated: check the remaining range only.
  std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
  if (!OnlySeparators(rest)) {
    return Status::InvalidArgument(fmt::format("only one SQL statement is allowed, got more in: {}", Abbreviate(sql)));
  }
  return result;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    sqlite3_reset(stmt_);
    return false;
  }
  Status error = Error(rc);
  sqlite3_reset(stmt_);
  return error;
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::sql() const {
  const char* text = stmt_ != nullptr ? sqlite3_sql(stmt_) : nullptr;
  return text != nullptr ? text : "";
}

Status Statement::Execute() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
  }
}

Status Statement::Error(int rc) const {
  // Prefer the extended code's message from the connection; sqlite3_step already set it.
  return SqliteError(db_, rc, sql());
}

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

std::string JoinSpaced(const std::vector<std::string>& items) { return Join(items, " "); }

}  // namespace entangle::store
