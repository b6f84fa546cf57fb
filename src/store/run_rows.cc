// StudyDbWriter: the run's own rows (runs, input_files, skipped, totals).
#include <sqlite3.h>

#include "store/study_db_writer.h"

namespace entangle::store {

Status SqliteStudyDbWriter::PutRun(const RunInfo& info) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  // Kept to label work_countries.in_group, which the scanner does not pass per work.
  group_a_ = std::set<std::string>(info.group_a_countries.begin(), info.group_a_countries.end());
  group_b_ = std::set<std::string>(info.group_b_countries.begin(), info.group_b_countries.end());
  ENTANGLE_RETURN_IF_ERROR(Guard(stmts_->delete_runs.Run()));
  return Guard(stmts_->insert_run.Run(
      NullIfEmpty(info.study_name), NullIfEmpty(info.study_path), NullIfEmpty(info.study_toml),
      NullIfEmpty(info.study_sha256), NullIfEmpty(info.group_a_name), JoinSpaced(info.group_a_countries),
      NullIfEmpty(info.group_b_name), JoinSpaced(info.group_b_countries), JsonText(info.inputs),
      NullIfEmpty(info.snapshot_date), NullIfEmpty(info.manifest_json), NullIfEmpty(info.tool_version),
      NullIfEmpty(info.command_line), NullIfEmpty(info.started_at), info.threads));
}

Status SqliteStudyDbWriter::FinishRun(const RunCounts& counts) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  uint64_t skipped_total = 0;
  for (const auto& [reason, count] : counts.skipped) skipped_total += count;
  ENTANGLE_RETURN_IF_ERROR(Guard(stmts_->finish_run.Run(
      NullIfEmpty(counts.finished_at), counts.records, counts.works, counts.in_scope, counts.field_relevant,
      counts.joint, counts.duplicates, counts.merged_away, skipped_total, JsonText(counts.skipped),
      NullIfEmpty(counts.summary_json))));
  if (sqlite3_changes(db_) != 1) return Status::InvalidArgument("FinishRun() called before PutRun()");
  return Status::OK();
}

Status SqliteStudyDbWriter::PutTotals(const std::vector<TotalRow>& rows) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  for (const TotalRow& row : rows) {
    ENTANGLE_RETURN_IF_ERROR(Guard(stmts_->total.Run(row.unit_kind, row.unit, row.year, row.whole, row.fractional)));
  }
  return Status::OK();
}

Status SqliteStudyDbWriter::PutFieldWork(const FieldWorkRow& row) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  ENTANGLE_RETURN_IF_ERROR(Guard(stmts_->field_work.Add(row.id, row.year, row.category, row.countries,
                                                        row.cited_by_count, row.fwci,
                                                        NullIfEmpty(row.primary_subfield_id),
                                                        NullIfEmpty(row.primary_field_id))));
  return MaybeCommitBatch();
}

Status SqliteStudyDbWriter::PutInputFile(const InputFileRow& row) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  return Guard(stmts_->input_file.Run(row.path, NullIfEmpty(row.format), NullIfEmpty(row.updated_date),
                                      row.size_bytes, row.expected_records, row.records_read,
                                      row.uncompressed_bytes));
}

Status SqliteStudyDbWriter::PutSkip(const SkipRow& row) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  std::optional<uint64_t> line;
  if (row.line != 0) line = row.line;
  return Guard(stmts_->skip.Run(row.reason, NullIfEmpty(row.file), line, NullIfEmpty(row.work_id),
                                NullIfEmpty(row.message)));
}

}  // namespace entangle::store
