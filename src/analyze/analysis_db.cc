#include "analyze/analysis_db.h"

#include <fmt/format.h>

#include <filesystem>

#include "store/schema.h"

namespace entangle::analyze {

using store::Statement;

AnalysisDb::~AnalysisDb() { sqlite3_close_v2(db_); }

Result<std::unique_ptr<AnalysisDb>> AnalysisDb::Open(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(fmt::format("study database {} does not exist or is not a file", path));
  }
  sqlite3* db = nullptr;
  // No SQLITE_OPEN_CREATE: a mistyped path must not become an empty database.
  // NOMUTEX: a connection is only ever used by one thread at a time, and the per-call mutex showed
  // up as 6 % of analysing a large database.
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<AnalysisDb> owner(new AnalysisDb(db));  // closes `db` on every path below
  if (rc != SQLITE_OK) {
    return Status::IOError(fmt::format("cannot open study database {}: {}", path,
                                       db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db, 5000);
  // Debian builds SQLite with secure_delete on: dropping the previous exhibit and screening tables
  // (a gigabyte on a large study) would then overwrite and journal every page they held. They are
  // derived from the rest of the file, so there is nothing to scrub.
  (void)store::Exec(db, "PRAGMA secure_delete = OFF");
  std::string kind;
  Status read = owner->ForEach("SELECT value FROM meta WHERE key = 'kind'", [&](const Row& row) { kind = row.Text(0); });
  if (!read.ok() || kind != store::kDatabaseKind) {
    return Status::InvalidArgument(fmt::format("{} is not an entangle study database", path));
  }
  return owner;
}

Status AnalysisDb::ForEach(std::string_view sql, const std::function<void(const Row&)>& on_row) {
  Result<Statement> stmt = Statement::Prepare(db_, sql);
  if (!stmt.ok()) return stmt.status();
  Row row(*stmt);
  for (;;) {
    Result<bool> has_row = stmt->Step();
    if (!has_row.ok()) return has_row.status();
    if (!*has_row) return Status::OK();
    on_row(row);
  }
}

bool AnalysisDb::HasTable(std::string_view name) {
  bool found = false;
  Status st = ForEach(fmt::format("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{}'", name),
                      [&](const Row&) { found = true; });
  return st.ok() && found;
}

bool AnalysisDb::HasColumn(std::string_view table, std::string_view column) {
  bool found = false;
  Status st = ForEach(fmt::format("SELECT 1 FROM pragma_table_info('{}') WHERE name = '{}'", table, column),
                      [&](const Row&) { found = true; });
  return st.ok() && found;
}

}  // namespace entangle::analyze
