// StudyDbWriter: life cycle of the temporary file, batching, and the atomic Commit().
#include "store/study_db.h"

#include <fmt/format.h>
#include <unistd.h>

#include <utility>

#include "store/durable_file.h"
#include "store/study_db_writer.h"

namespace entangle {

using store::SqliteStudyDbWriter;

Result<std::unique_ptr<StudyDbWriter>> StudyDbWriter::Create(const std::string& final_path) {
  if (final_path.empty()) return Status::InvalidArgument("study database path is empty");
  ENTANGLE_RETURN_IF_ERROR(store::EnsureParentDirectory(final_path));
  std::string temp_path = fmt::format("{}.tmp-{}", final_path, ::getpid());
  // A leftover of a crashed run with our pid would otherwise be opened as if it were ours.
  store::RemoveDatabaseFiles(temp_path);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(temp_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status status = Status::IOError(fmt::format("cannot create study database {}: {}", temp_path,
                                                db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    store::RemoveDatabaseFiles(temp_path);
    return status;
  }
  auto writer = std::make_unique<SqliteStudyDbWriter>(final_path, temp_path, db);
  ENTANGLE_RETURN_IF_ERROR(writer->Init());  // on failure the destructor removes the file
  return Result<std::unique_ptr<StudyDbWriter>>(std::unique_ptr<StudyDbWriter>(std::move(writer)));
}

namespace store {
namespace {

// Large enough to amortise COMMIT, small enough to keep the dirty page set bounded.
constexpr uint64_t kWorksPerTransaction = 10000;

// The file is private until renamed and atomicity comes from the rename, so SQLite's own
// journaling and syncing would only cost time. EXCLUSIVE locking keeps the page cache across
// batch commits; worker threads speed up the index sorts at Commit.
constexpr std::string_view kBulkLoadPragmas = R"sql(
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA locking_mode = EXCLUSIVE;
PRAGMA cache_size = -131072;
PRAGMA threads = 2;
)sql";

std::string MaxRowidsSql(std::span<const ChildTable> tables) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += fmt::format("(SELECT ifnull(max(rowid), 0) FROM {})", tables[i].name);
  }
  return sql;
}

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

Status SqliteStudyDbWriter::PrepareStatements() {
  auto s = std::make_unique<WriterStatements>();
  struct Item {
    Statement* target;
    std::string sql;
  };
  const std::vector<Item> items = {
      {&s->delete_runs, "DELETE FROM runs"},
      {&s->insert_run,
       "INSERT INTO runs (study_name, study_path, study_toml, study_sha256, group_a_name, group_a_countries, "
       "group_b_name, group_b_countries, inputs, snapshot_date, manifest_json, tool_version, command_line, "
       "started_at, threads) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
      {&s->finish_run,
       "UPDATE runs SET finished_at = ?1, records = ?2, works = ?3, in_scope = ?4, field_relevant = ?5, "
       "joint = ?6, duplicates = ?7, merged_away = ?8, skipped_total = ?9, skipped_json = ?10, "
       "summary_json = ?11"},
      {&s->input_file,
       "INSERT INTO input_files (path, format, updated_date, size_bytes, expected_records, records_read, "
       "uncompressed_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&s->skip, "INSERT INTO skipped (reason, file, line, work_id, message) VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s->total, "INSERT INTO totals (unit_kind, unit, year, whole, fractional) VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s->work,
       "INSERT OR REPLACE INTO works (id, doi, title, abstract, publication_year, publication_date, language, "
       "type, updated_date, cited_by_count, fwci, countries, source_file, source_line) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"},
      {&s->delete_work, "DELETE FROM works WHERE id = ?1"},
      {&s->institution,
       "INSERT OR REPLACE INTO institutions (id, ror, display_name, country_code, type, lineage, works_count) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&s->institution_name, "INSERT INTO institution_names (institution_id, name, kind) VALUES (?1, ?2, ?3)"},
      {&s->institution_association,
       "INSERT INTO institution_associations (institution_id, associated_id, relationship) VALUES (?1, ?2, ?3)"},
      {&s->funder,
       "INSERT OR REPLACE INTO funders (id, ror, display_name, country_code, works_count) "
       "VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s->funder_name, "INSERT INTO funder_names (funder_id, name) VALUES (?1, ?2)"},
      {&s->max_work_rowids, MaxRowidsSql(kWorkChildTables)},
      {&s->max_institution_rowids, MaxRowidsSql(kInstitutionChildTables)},
      {&s->max_funder_rowids, MaxRowidsSql(kFunderChildTables)},
  };
  for (const Item& item : items) {
    Result<Statement> prepared = Statement::Prepare(db_, item.sql);
    if (!prepared.ok()) return prepared.status();
    *item.target = std::move(prepared).value();
  }
  ENTANGLE_RETURN_IF_ERROR(PrepareBatches(*s));
  stmts_ = std::move(s);
  return Status::OK();
}

Status SqliteStudyDbWriter::PrepareBatches(WriterStatements& s) {
  struct Item {
    BatchedInsert* target;
    std::string_view table;
    std::string_view columns;
    int column_count;
  };
  const std::vector<Item> items = {
      {&s.work_country, "work_countries", "work_id, country, in_group, fractional", 4},
      {&s.authorship, "work_authorships",
       "work_id, author_order, position, author_id, author_name, is_corresponding, countries, raw_affiliations", 8},
      {&s.authorship_institution, "work_authorship_institutions", "work_id, author_order, institution_key", 3},
      {&s.work_institution, "work_institutions",
       "work_id, institution_key, institution_id, ror, display_name, country_code, type, lineage", 8},
      {&s.topic, "work_topics",
       "work_id, topic_id, display_name, score, is_primary, subfield_id, subfield_name, field_id, field_name, "
       "domain_id, domain_name",
       11},
      {&s.work_concept, "work_concepts", "work_id, concept_id, display_name, level, score", 5},
      {&s.grant, "work_grants", "work_id, funder_id, funder_name, award_id", 4},
      {&s.citations, "work_citations_by_year", "work_id, year, cited_by_count", 3},
      {&s.keyword, "work_keywords", "work_id, keyword", 2},
  };
  for (const Item& item : items) {
    Result<BatchedInsert> prepared = BatchedInsert::Prepare(db_, item.table, item.columns, item.column_count);
    if (!prepared.ok()) return prepared.status();
    *item.target = std::move(prepared).value();
  }
  return Status::OK();
}

Status SqliteStudyDbWriter::FlushWorkRows() {
  for (BatchedInsert* batch : {&stmts_->work_country, &stmts_->authorship, &stmts_->authorship_institution,
                               &stmts_->work_institution, &stmts_->topic, &stmts_->work_concept, &stmts_->grant,
                               &stmts_->citations, &stmts_->keyword}) {
    ENTANGLE_RETURN_IF_ERROR(batch->Flush());
  }
  return Status::OK();
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
  // Indexes first: the superseded-row deletes below look rows up by key.
  ENTANGLE_RETURN_IF_ERROR(Guard(CreateIndexes(db_)));
  ENTANGLE_RETURN_IF_ERROR(Guard(DeleteSuperseded()));
  ENTANGLE_RETURN_IF_ERROR(Guard(Exec(db_, "COMMIT")));
  ENTANGLE_RETURN_IF_ERROR(Guard(Exec(db_, "PRAGMA optimize")));
  ENTANGLE_RETURN_IF_ERROR(Guard(CloseDatabase()));
  // synchronous=OFF means SQLite never synced: make the content durable before it gets the name.
  ENTANGLE_RETURN_IF_ERROR(Guard(FsyncPath(temp_path_, /*directory=*/false)));
  ENTANGLE_RETURN_IF_ERROR(Guard(DurableRename(temp_path_, final_path_)));
  committed_ = true;
  return Status::OK();
}

}  // namespace store
}  // namespace entangle
