#pragma once
// Internal: the SQLite implementation of StudyDbWriter, split over study_db.cc (life cycle,
// commit), writer_statements.cc (prepared statements), run_rows.cc (runs, input files, skips,
// totals), work_rows.cc (joint works), entity_rows.cc (institutions, funders) and json_text.cc.
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/batched_insert.h"
#include "store/schema.h"
#include "store/sqlite_util.h"
#include "store/study_db.h"

namespace entangle::store {

// Child rows of an older version of a replaced work or entity. Deleting them at once would scan
// whole tables (the key indexes are only built at Commit), so we note where they end instead:
// every row with this key and rowid <= max_rowids[i] in tables[i] is stale. Rowids only grow
// while writing, because nothing is deleted before Commit.
struct SupersededRows {
  std::span<const ChildTable> tables;
  std::string key;
  std::vector<int64_t> max_rowids;
};

// Every statement the writer runs more than once, prepared once. The work_* child tables and
// field_works get most rows by far, so they are written in batches.
struct WriterStatements {
  Statement delete_runs, insert_run, finish_run, input_file, skip, total;
  Statement work, delete_work;
  BatchedInsert work_country, authorship, authorship_institution, work_institution, topic, work_concept, grant,
      citations, keyword, field_work;
  Statement institution, institution_name, institution_association, funder, funder_name;
  Statement max_work_rowids, max_institution_rowids, max_funder_rowids;
};

class SqliteStudyDbWriter final : public StudyDbWriter {
 public:
  SqliteStudyDbWriter(std::string final_path, std::string temp_path, sqlite3* db);
  ~SqliteStudyDbWriter() override;

  // Sets the bulk-load pragmas, creates the schema, prepares statements and opens a transaction.
  Status Init();

  Status PutRun(const RunInfo& info) override;
  Result<bool> PutJointWork(const extract::WorkRecord& work, const std::vector<WorkCountryShare>& shares,
                            const std::string& source_file, uint64_t source_line) override;
  Status DeleteWork(const std::string& work_id) override;
  Status PutInstitution(const extract::InstitutionEntity& entity) override;
  Status PutFunder(const extract::FunderEntity& entity) override;
  Status PutTotals(const std::vector<TotalRow>& rows) override;
  Status PutFieldWork(const FieldWorkRow& row) override;
  Status PutInputFile(const InputFileRow& row) override;
  Status PutSkip(const SkipRow& row) override;
  Status FinishRun(const RunCounts& counts) override;
  Status Commit() override;
  const std::string& temp_path() const override { return temp_path_; }

 private:
  // Refuses work after Commit() or after a failed write (the file may hold a partial row set,
  // and with journal_mode=OFF there is no rollback).
  Status CheckUsable() const;
  // Remembers the first failure so that Commit() refuses to publish a partial database.
  Status Guard(Status status);

  Status MaybeCommitBatch();
  Status MarkSuperseded(std::span<const ChildTable> tables, Statement& max_rowids, const std::string& key);
  Status DeleteSuperseded();
  Status CloseDatabase();

  // writer_statements.cc
  Status PrepareStatements();
  Status PrepareBatches(WriterStatements& s);
  // Writes the buffered work_* rows (before max(rowid) lookups and before Commit()).
  Status FlushWorkRows();

  // work_rows.cc
  Status InsertWork(const extract::WorkRecord& work, const std::vector<WorkCountryShare>& shares,
                    const std::string& source_file, uint64_t source_line);
  Status InsertWorkCountries(const extract::WorkRecord& work, const std::vector<WorkCountryShare>& shares);
  Status InsertAuthorships(const extract::WorkRecord& work);
  Status InsertInstitutions(const extract::WorkRecord& work);
  Status InsertTopicsAndConcepts(const extract::WorkRecord& work);
  Status InsertOtherWorkRows(const extract::WorkRecord& work);
  std::string InGroup(const std::string& country) const;

  // entity_rows.cc
  Status InsertInstitution(const extract::InstitutionEntity& entity);
  Status InsertFunder(const extract::FunderEntity& entity);

  std::string final_path_;
  std::string temp_path_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<WriterStatements> stmts_;
  Status failed_;
  bool committed_ = false;
  uint64_t works_in_batch_ = 0;

  std::set<std::string> group_a_;
  std::set<std::string> group_b_;
  std::unordered_map<std::string, std::string> work_dates_;  // stored work id -> its updated_date
  std::unordered_set<std::string> institution_ids_;
  std::unordered_set<std::string> funder_ids_;
  std::vector<SupersededRows> superseded_;
};

// Stable key of a work's institution: its OpenAlex id, or "name:<display_name>" without one.
std::string InstitutionKey(const extract::InstitutionRef& institution);

// Serialises to compact JSON; invalid UTF-8 is replaced rather than thrown on.
std::string JsonText(const std::vector<std::string>& items);
std::string JsonText(const std::map<std::string, uint64_t>& counts);
// The same for text already known to be valid UTF-8 (record fields: the scanner skips records
// that are not), about ten times faster: bytes >= 0x20 are copied as they are.
std::string JsonStringArray(const std::vector<std::string>& items);

}  // namespace entangle::store
