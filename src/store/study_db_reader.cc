// StudyDbReader: a read-only connection that first checks the file is a study database.
#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "store/schema.h"
#include "store/sqlite_util.h"
#include "store/study_db.h"

namespace entangle {
namespace {

using store::Statement;

class SqliteStudyDbReader final : public StudyDbReader {
 public:
  explicit SqliteStudyDbReader(sqlite3* db) : db_(db) {}
  ~SqliteStudyDbReader() override { sqlite3_close_v2(db_); }
  SqliteStudyDbReader(const SqliteStudyDbReader&) = delete;
  SqliteStudyDbReader& operator=(const SqliteStudyDbReader&) = delete;

  Result<std::vector<std::vector<std::string>>> Query(const std::string& sql) override {
    Result<Statement> stmt = Statement::Prepare(db_, sql);
    if (!stmt.ok()) return stmt.status();
    std::vector<std::vector<std::string>> rows;
    for (;;) {
      Result<bool> has_row = stmt->Step();
      if (!has_row.ok()) return has_row.status();
      if (!*has_row) return rows;
      std::vector<std::string>& row = rows.emplace_back();
      for (int c = 0; c < stmt->ColumnCount(); ++c) row.push_back(stmt->ColumnText(c));
    }
  }

 private:
  sqlite3* db_;
};

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
  if (kind != store::kDatabaseKind || version.empty()) {
    return NotAStudyDatabase(
        path, fmt::format("its meta table has no kind '{}' and schema_version", store::kDatabaseKind));
  }
  if (version != std::to_string(store::kSchemaVersion)) {
    return Status::Unsupported(fmt::format("{} has study database schema version {}; this build reads version {}",
                                           path, version, store::kSchemaVersion));
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<StudyDbReader>> StudyDbReader::Open(const std::string& path) {
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    return Status::NotFound(fmt::format("study database {} does not exist", path));
  }
  if (ec) return Status::IOError(fmt::format("cannot access study database {}: {}", path, ec.message()));
  if (status.type() != std::filesystem::file_type::regular) {
    return Status::InvalidArgument(fmt::format("study database {} is not a regular file", path));
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  auto reader = std::make_unique<SqliteStudyDbReader>(db);  // closes `db` on every path below
  if (rc != SQLITE_OK) {
    return Status::IOError(fmt::format("cannot open study database {}: {}", path,
                                       db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  ENTANGLE_RETURN_IF_ERROR(CheckStudyDatabase(db, path));
  return Result<std::unique_ptr<StudyDbReader>>(std::unique_ptr<StudyDbReader>(std::move(reader)));
}

}  // namespace entangle
