// StudyDbWriter: life cycle of the temporary file, batching, and the atomic Commit().
#include "store/study_db.h"

#include <fmt/format.h>
#include <unistd.h>

#include <utility>

#include "common/durable_file.h"
#include "store/sqlite_util.h"
#include "store/study_db_writer.h"

namespace entangle::store {

Result<std::unique_ptr<StudyDbWriter>> StudyDbWriter::Create(const std::string& final_path) {
  if (final_path.empty()) return Status::InvalidArgument("study database path is empty");
  ENTANGLE_RETURN_IF_ERROR(EnsureParentDirectory(final_path));
  std::string temp_path = fmt::format("{}.tmp-{}", final_path, ::getpid());
  // A leftover of a crashed run with our pid would otherwise be opened as if it were ours.
  RemoveDatabaseFiles(temp_path);
  sqlite3* db = nullptr;
  // NOMUTEX: a writer is used by one thread at a time, so SQLite's per-call locking is waste.
  int rc = sqlite3_open_v2(temp_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Status status = Status::IOError(fmt::format("cannot create study database {}: {}", temp_path,
                                                db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    RemoveDatabaseFiles(temp_path);
    return status;
  }
  auto writer = std::make_unique<SqliteStudyDbWriter>(final_path, temp_path, db);
  ENTANGLE_RETURN_IF_ERROR(writer->Init());  // on failure the destructor removes the file
  return Result<std::unique_ptr<StudyDbWriter>>(std::unique_ptr<StudyDbWriter>(std::move(writer)));
}

namespace {

// Large enough to amortise COMMIT, small enough to keep the dirty page set bounded.
constexpr uint64_t kWorksPerTransaction = 10000;

// The file is private until renamed and atomicity comes from the rename, so SQLite's own
// journaling and syncing would only cost time. EXCLUSIVE locking keeps the page cache across
// batch commits.
constexpr std::string_view kBulkLoadPragmas = R"sql(
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA locking_mode = EXCLUSIVE;
PRAGMA cache_size = -16384;  -- 16 MiB: bounded memory whatever the corpus; joint-work inserts stay local
)sql";

}  // namespace

SqliteStudyDbWriter::SqliteStudyDbWriter(std::string final_path, std::string temp_path, sqlite3* db)
    : final_path_(std::move(final_path)), temp_path_(std::move(temp_path)), db_(db) {}

SqliteStudyDbWriter::~SqliteStudyDbWriter() {
  if (committed_) return;
  (void)CloseDatabase();
  RemoveDatabaseFiles(temp_path_);
}

Status SqliteStudyDbWriter::Init() {
  ENTANGLE_RETURN_IF_ERROR(Guard(Exec(db_, kBulkLoadPragmas)));
  ENTANGLE_RETURN_IF_ERROR(Guard(CreateSchema(db_)));
  ENTANGLE_RETURN_IF_ERROR(Guard(PrepareStatements()));
  return Guard(Exec(db_, "BEGIN"));
}

Status SqliteStudyDbWriter::CheckUsable() const {
  if (committed_) return Status::Aborted(fmt::format("study database {} is already committed", final_path_));
  if (!failed_.ok()) {
    return Status::Aborted(fmt::format("study database writer for {} failed earlier: {}", final_path_,
                                       failed_.ToString()));
  }
  if (db_ == nullptr) return Status::Aborted("study database writer is closed");
  return Status::OK();
}

Status SqliteStudyDbWriter::Guard(Status status) {
  if (!status.ok() && failed_.ok()) failed_ = status;
  return status;
}

Status SqliteStudyDbWriter::MaybeCommitBatch() {
  if (++works_in_batch_ < kWorksPerTransaction) return Status::OK();
  works_in_batch_ = 0;
  return Exec(db_, "COMMIT; BEGIN");
}

Status SqliteStudyDbWriter::MarkSuperseded(std::span<const ChildTable> tables, Statement& max_rowids,
                                           const std::string& key) {
  // Buffered rows of older versions must get their rowids before the boundary is read.
  ENTANGLE_RETURN_IF_ERROR(FlushWorkRows());
  Result<bool> row = max_rowids.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Corruption("max(rowid) query returned no row");
  SupersededRows stale{tables, key, {}};
  for (size_t i = 0; i < tables.size(); ++i) stale.max_rowids.push_back(max_rowids.ColumnInt64(static_cast<int>(i)));
  max_rowids.Reset();
  superseded_.push_back(std::move(stale));
  return Status::OK();
}

Status SqliteStudyDbWriter::DeleteSuperseded() {
  std::map<std::string_view, Statement> deletes;  // by table name
  for (const SupersededRows& stale : superseded_) {
    for (size_t i = 0; i < stale.tables.size(); ++i) {
      const ChildTable& table = stale.tables[i];
      Statement& stmt = deletes[table.name];
      if (!stmt.valid()) {
        Result<Statement> prepared = Statement::Prepare(
            db_, fmt::format("DELETE FROM {} WHERE {} = ?1 AND rowid <= ?2", table.name, table.key_column));
        if (!prepared.ok()) return prepared.status();
        stmt = std::move(prepared).value();
      }
      ENTANGLE_RETURN_IF_ERROR(stmt.Run(stale.key, stale.max_rowids[i]));
    }
  }
  superseded_.clear();
  return Status::OK();
}

Status SqliteStudyDbWriter::CloseDatabase() {
  stmts_.reset();  // statements must be finalized before the connection closes
  if (db_ == nullptr) return Status::OK();
  int rc = sqlite3_close(db_);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "close");
  db_ = nullptr;
  return Status::OK();
}

Status SqliteStudyDbWriter::Commit() {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  ENTANGLE_RETURN_IF_ERROR(Guard(FlushWorkRows()));
  // Indexes first: the superseded-row deletes below look rows up by key. SQLite's sorter may hold as
  // much as the page cache in memory; a smaller cache for the index build keeps it off the run's peak
  // (the sorted runs spill to a temporary file instead).
  ENTANGLE_RETURN_IF_ERROR(Guard(Exec(db_, "PRAGMA cache_size = -4096")));
  ENTANGLE_RETURN_IF_ERROR(Guard(CreateIndexes(db_)));
  ENTANGLE_RETURN_IF_ERROR(Guard(DeleteSuperseded()));
  ENTANGLE_RETURN_IF_ERROR(Guard(Exec(db_, "COMMIT")));
  // A sampled ANALYZE: an unlimited one would read every row of the largest tables.
  ENTANGLE_RETURN_IF_ERROR(Guard(Exec(db_, "PRAGMA analysis_limit = 1000; PRAGMA optimize;")));
  ENTANGLE_RETURN_IF_ERROR(Guard(CloseDatabase()));
  // synchronous=OFF means SQLite never synced: make the content durable before it gets the name.
  ENTANGLE_RETURN_IF_ERROR(Guard(FsyncPath(temp_path_, /*directory=*/false)));
  ENTANGLE_RETURN_IF_ERROR(Guard(DurableRename(temp_path_, final_path_)));
  committed_ = true;
  return Status::OK();
}

}  // namespace entangle::store
