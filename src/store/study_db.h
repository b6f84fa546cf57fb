#pragma once
// The study database: one SQLite file per study run, written by `entangle scan` and read by the
// analyses. Schema in docs/schema.md. Writing is atomic: everything goes to a temporary file
// beside the target, and only Commit() renames it over the target, so a failed or interrupted
// run leaves the previous database untouched.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extract/work_record.h"
#include "select/study_definition.h"
#include "store/sqlite_util.h"

namespace entangle::store {

struct RunInfo {
  std::string study_name;
  std::string study_path;
  std::string study_toml;
  std::string study_sha256;
  std::string group_a_name;
  std::vector<std::string> group_a_countries;
  std::string group_b_name;
  std::vector<std::string> group_b_countries;
  std::vector<std::string> inputs;  // paths as given
  std::string snapshot_date;        // newest updated_date partition, or empty
  std::string manifest_json;        // the works manifest as read (may be empty)
  std::string tool_version;
  std::string command_line;
  std::string started_at;  // ISO 8601 UTC
  int threads = 1;
};

struct RunCounts {
  uint64_t records = 0;         // lines read
  uint64_t works = 0;           // distinct works parsed (after deduplication)
  uint64_t in_scope = 0;
  uint64_t field_relevant = 0;  // in scope and in the field
  uint64_t joint = 0;           // field-relevant with an affiliation in each group
  uint64_t duplicates = 0;      // older copies of a work superseded by a newer one
  uint64_t merged_away = 0;     // dropped because listed in merged_ids
  std::map<std::string, uint64_t> skipped;  // reason -> count
  std::string finished_at;
  std::string summary_json;  // the summary `scan --json` prints
};

// One input file as read.
struct InputFileRow {
  std::string path;
  std::string format;        // "jsonl", "jsonl.gz", "api-page"
  std::string updated_date;
  uint64_t size_bytes = 0;
  std::optional<uint64_t> expected_records;
  uint64_t records_read = 0;
  uint64_t uncompressed_bytes = 0;
};

// A record (or file problem) the scan skipped or could not read fully.
struct SkipRow {
  std::string reason;   // "malformed_json", "invalid_utf8", "truncated_gzip", "line_too_long", ...
  std::string file;
  uint64_t line = 0;    // 0 when not tied to a line
  std::string work_id;  // when known
  std::string message;
};

// Field-relevant, in-scope works per unit and year. unit_kind is "country" (unit = ISO code, or
// "??" for authors without a country) or "group" (unit = "a" / "b").
struct TotalRow {
  std::string unit_kind;
  std::string unit;
  int year = 0;
  uint64_t whole = 0;       // works with at least one affiliation in the unit
  double fractional = 0.0;  // sum over works of the unit's author share
};

// One field-relevant work (joint or not), for analyses that compare joint works with each side's
// other works: citations, subfields. category: "ab" joint, "a" group A only, "b" group B only,
// "" neither group.
struct FieldWorkRow {
  std::string id;
  int year = 0;
  std::string category;
  std::string countries;  // space-separated, sorted
  int64_t cited_by_count = 0;
  std::optional<double> fwci;
  std::string primary_subfield_id;
  std::string primary_field_id;
};

// What a joint work contributes per country (whole = 1 for each country present).
struct WorkCountryShare {
  std::string country;
  double fractional = 0.0;
};

class StudyDbWriter {
 public:
  // Opens a fresh temporary database beside `final_path` and creates the schema.
  static Result<std::unique_ptr<StudyDbWriter>> Create(const std::string& final_path);
  // A writer that stores nothing, for dry runs (`entangle scan --dry-run`): every call succeeds and
  // Commit() writes no file. `scratch_path` is what temp_path() returns, a prefix for the scan's
  // own scratch files.
  static std::unique_ptr<StudyDbWriter> CreateDiscarding(std::string scratch_path);
  virtual ~StudyDbWriter() = default;  // without Commit(), removes the temporary file

  virtual Status PutRun(const RunInfo& info) = 0;
  // Inserts a joint work. If the id is already stored, the copy with the later updated_date
  // wins (ties: the one already stored); returns whether `work` was stored.
  virtual Result<bool> PutJointWork(const extract::WorkRecord& work, const std::vector<WorkCountryShare>& shares,
                                    const std::string& source_file, uint64_t source_line) = 0;
  // Removes a stored joint work and its child rows (no-op if absent): the scan calls it when a
  // newer copy of the work turns out not to be joint.
  virtual Status DeleteWork(const std::string& work_id) = 0;
  virtual Status PutInstitution(const extract::InstitutionEntity& entity) = 0;
  virtual Status PutFunder(const extract::FunderEntity& entity) = 0;
  virtual Status PutTotals(const std::vector<TotalRow>& rows) = 0;
  virtual Status PutFieldWork(const FieldWorkRow& row) = 0;
  virtual Status PutInputFile(const InputFileRow& row) = 0;
  virtual Status PutSkip(const SkipRow& row) = 0;  // callers cap detail rows; counts go in RunCounts
  virtual Status FinishRun(const RunCounts& counts) = 0;
  // Flushes, closes and renames the temporary file over the target.
  virtual Status Commit() = 0;
  virtual const std::string& temp_path() const = 0;
};

// How a stage opens an existing study database.
enum class StudyDbAccess {
  kReadOnly,
  kReadWrite,             // analyze writes its exhibit tables back
  kReadWriteIfPossible,   // screen adds its index when it may, and reads a read-only file as is
};

// The one connection to an existing study database: every stage that reads (or, like analyze,
// adds derived tables to) a study database opens it here. Open checks that the file is a study
// database of this build's schema version, with a message naming the version it found.
// Stage-specific SQL goes through ForEach/Query, or through Statement on handle().
class StudyDb {
 public:
  using Rows = std::vector<std::vector<std::string>>;

  static Result<std::unique_ptr<StudyDb>> Open(const std::string& path,
                                               StudyDbAccess access = StudyDbAccess::kReadOnly);
  ~StudyDb();
  StudyDb(const StudyDb&) = delete;
  StudyDb& operator=(const StudyDb&) = delete;

  // Runs `sql` and calls `on_row` for every row.
  Status ForEach(std::string_view sql, const std::function<void(const Row&)>& on_row);
  // Rows of text cells (NULL as ""), with `args` bound to ?1..?N. For small lookups and tests.
  template <typename... Args>
  Result<Rows> Query(std::string_view sql, const Args&... args) {
    Result<Statement> stmt = Statement::Prepare(db_, sql);
    if (!stmt.ok()) return stmt.status();
    ENTANGLE_RETURN_IF_ERROR(stmt->BindAll(args...));
    return CollectRows(*stmt);
  }
  bool HasTable(std::string_view name);
  bool HasColumn(std::string_view table, std::string_view column);
  bool writable() const { return writable_; }
  const std::string& path() const { return path_; }
  // The SQLite connection, for Statement and transactions of the stage's own tables.
  sqlite3* handle() const { return db_; }

 private:
  StudyDb(sqlite3* db, std::string path, bool writable) : db_(db), path_(std::move(path)), writable_(writable) {}
  static Result<Rows> CollectRows(Statement& stmt);
  sqlite3* db_;
  std::string path_;
  bool writable_;
};

// The run a study database records, read back once for every stage: what the scan was given and
// what it counted.
struct StoredRun {
  RunInfo info;                     // group countries and inputs as lists
  std::optional<RunCounts> counts;  // absent when the scan never finished
  // The definition parsed from info.study_toml by the parser `scan` used; absent, with the
  // reason, when this build rejects the stored text (written by another version, or a work-id file
  // it names has moved), and absent without one when the caller skipped it (StoredDefinition).
  // info keeps the groups either way.
  std::optional<select::StudyDefinition> definition;
  std::string definition_error;
  bool sha256_matches = false;  // info.study_sha256 is the hash of info.study_toml
  std::string data_date;        // the snapshot date, else the day the scan started (YYYY-MM-DD)
};

// Whether ReadStoredRun parses the stored study definition. Parsing compiles the field's rules and
// reads the work-id files the definition names; a stage that needs only the groups, the counts or
// the dates skips it (and then does not depend on this build accepting the stored text).
enum class StoredDefinition {
  kParse,  // definition, or definition_error when this build rejects the text
  kSkip,   // definition and definition_error stay empty
};

// NotFound when the database records no run.
Result<StoredRun> ReadStoredRun(StudyDb& db, StoredDefinition definition = StoredDefinition::kParse);

}  // namespace entangle::store
