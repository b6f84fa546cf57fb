// StudyDb: the one way into an existing study database. Opening checks that the file is a study
// database of this build's schema version before any stage reads a table.
#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "store/schema.h"
#include "store/sqlite_util.h"
#include "store/study_db.h"

namespace entangle::store {
namespace {

Status NotAStudyDatabase(const std::string& path, std::string_view why) {
  return Status::InvalidArgument(fmt::format("{} is not an entangle study database ({})", path, why));
}

// A failure to read `meta`: the file is something else, or it could not be read at all.
Status MetaReadError(sqlite3* db, const std::string& path) {
  int code = sqlite3_errcode(db);
  if (code == SQLITE_NOTADB || code == SQLITE_ERROR || code == SQLITE_CORRUPT) {
    return NotAStudyDatabase(path, sqlite3_errmsg(db));
  }
  return Status::IOError(fmt::format("cannot read study database {}: {}", path, sqlite3_errmsg(db)));
}

// SQLite opens any file lazily; the first read of `meta` tells a study database from the rest.
Status CheckStudyDatabase(sqlite3* db, const std::string& path) {
  Result<Statement> stmt =
      Statement::Prepare(db, "SELECT key, value FROM meta WHERE key IN ('kind', 'schema_version')");
  if (!stmt.ok()) return MetaReadError(db, path);
  std::string kind;
  std::string version;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return MetaReadError(db, path);
    if (!*row) break;
    (stmt->ColumnText(0) == "kind" ? kind : version) = stmt->ColumnText(1);
  }
  if (kind != kDatabaseKind || version.empty()) {
    return NotAStudyDatabase(path, fmt::format("its meta table has no kind '{}' and schema_version", kDatabaseKind));
  }
  if (version != std::to_string(kSchemaVersion)) {
    const bool older = std::atoi(version.c_str()) < kSchemaVersion;
    return Status::Unsupported(fmt::format(
        "{} has study database schema version {}; this build reads version {} ({})", path, version, kSchemaVersion,
        older ? "the database was written by an older entangle: scan the study again"
              : "the database was written by a newer entangle: use that version or scan again with this one"));
  }
  return Status::OK();
}

int OpenFlags(bool writable) {
  // No SQLITE_OPEN_CREATE: a mistyped path must not become an empty database.
  // NOMUTEX: a connection is only ever used by one thread at a time, and the per-call mutex showed
  // up as 6 % of analysing a large database.
  return (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
}

}  // namespace

StudyDb::~StudyDb() { sqlite3_close_v2(db_); }

Result<std::unique_ptr<StudyDb>> StudyDb::Open(const std::string& path, StudyDbAccess access) {
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    return Status::NotFound(fmt::format("study database {} does not exist", path));
  }
  if (ec) return Status::IOError(fmt::format("cannot access study database {}: {}", path, ec.message()));
  if (status.type() != std::filesystem::file_type::regular) {
    return Status::InvalidArgument(fmt::format("study database {} is not a regular file", path));
  }
  bool writable = access != StudyDbAccess::kReadOnly;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, OpenFlags(writable), nullptr);
  if (rc != SQLITE_OK && access == StudyDbAccess::kReadWriteIfPossible) {
    sqlite3_close_v2(db);
    db = nullptr;
    writable = false;
    rc = sqlite3_open_v2(path.c_str(), &db, OpenFlags(writable), nullptr);
  }
  std::unique_ptr<StudyDb> owner(new StudyDb(db, path, writable));  // closes `db` on every path below
  if (rc != SQLITE_OK) {
    return Status::IOError(fmt::format("cannot open study database {}: {}", path,
                                       db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  // Waits out a writer of the same file (analyze adding its tables while a screen reads).
  sqlite3_busy_timeout(db, 5000);
  ENTANGLE_RETURN_IF_ERROR(CheckStudyDatabase(db, path));
  if (writable) {
    // Debian builds SQLite with secure_delete on: dropping the previous exhibit and screening
    // tables (a gigabyte on a large study) would then overwrite and journal every page they held.
    // They are derived from the rest of the file, so there is nothing to scrub.
    (void)Exec(db, "PRAGMA secure_delete = OFF");
  }
  return owner;
}

Status StudyDb::ForEach(std::string_view sql, const std::function<void(const Row&)>& on_row) {
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

Result<StudyDb::Rows> StudyDb::CollectRows(Statement& stmt) {
  Rows rows;
  for (;;) {
    Result<bool> has_row = stmt.Step();
    if (!has_row.ok()) return has_row.status();
    if (!*has_row) return rows;
    std::vector<std::string>& row = rows.emplace_back();
    for (int c = 0; c < stmt.ColumnCount(); ++c) row.push_back(stmt.ColumnText(c));
  }
}

bool StudyDb::HasTable(std::string_view name) {
  Result<Rows> rows = Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", name);
  return rows.ok() && !rows->empty();
}

bool StudyDb::HasColumn(std::string_view table, std::string_view column) {
  Result<Rows> rows = Query("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", table, column);
  return rows.ok() && !rows->empty();
}

}  // namespace entangle::store
