// ReadRunRecord: the provenance of a study database, read once for the header and the provenance
// section of the report.
#include "report/run_record.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "store/study_db.h"

namespace entangle::report {
namespace {

using Rows = std::vector<std::vector<std::string>>;

void ReadSummaryJson(RunRecord& run, const std::string& summary_json) {
  nlohmann::json summary = nlohmann::json::parse(summary_json, nullptr, /*allow_exceptions=*/false);
  if (!summary.is_object()) return;
  if (summary.contains("issues") && summary["issues"].is_array()) {
    for (const auto& issue : summary["issues"]) {
      run.issues.push_back({issue.value("kind", ""), issue.value("path", ""), issue.value("message", "")});
    }
  }
}

// The counts as the summary prints them, labelled; "" when the scan never finished.
std::vector<std::pair<std::string, std::string>> LabelledCounts(const std::optional<store::RunCounts>& counts) {
  uint64_t skipped_total = 0;
  if (counts) {
    for (const auto& [reason, count] : counts->skipped) skipped_total += count;
  }
  const std::pair<const char*, uint64_t> labelled[] = {
      {"Records read", counts ? counts->records : 0},
      {"Distinct works", counts ? counts->works : 0},
      {"In scope (records)", counts ? counts->in_scope : 0},
      {"Field-relevant works", counts ? counts->field_relevant : 0},
      {"Joint works", counts ? counts->joint : 0},
      {"Older duplicate copies", counts ? counts->duplicates : 0},
      {"Merged away", counts ? counts->merged_away : 0},
      {"Skipped records", skipped_total}};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [label, value] : labelled) out.emplace_back(label, counts ? std::to_string(value) : "");
  return out;
}

Status ReadFilesAndSkips(store::StudyDb& db, RunRecord& run) {
  Result<Rows> totals = db.Query("SELECT count(*), coalesce(sum(size_bytes), 0) FROM input_files");
  if (!totals.ok()) return totals.status();
  run.file_count = std::stoull(totals->front()[0]);
  run.file_bytes = std::stoull(totals->front()[1]);
  Result<Rows> files = db.Query(
      fmt::format("SELECT path, format, updated_date, size_bytes, expected_records, records_read FROM input_files "
                  "ORDER BY rowid LIMIT {}",
                  kMaxListedFiles));
  if (!files.ok()) return files.status();
  for (const auto& f : *files) run.files.push_back({f[0], f[1], f[2], f[3], f[4], f[5]});
  Result<Rows> skips = db.Query(fmt::format(
      "SELECT reason, file, line, work_id, message FROM (SELECT *, row_number() OVER (PARTITION BY reason ORDER BY "
      "rowid) AS n FROM skipped) WHERE n <= {} ORDER BY reason, n",
      kExamplesPerReason));
  if (!skips.ok()) return skips.status();
  for (const auto& s : *skips) run.skip_examples.push_back({s[0], s[1], s[2], s[3], s[4]});
  return Status::OK();
}

// Ids for the synthetic-data check: entities and the ids on joint works' affiliations (a corpus
// without entity files still carries its invented ids there).
Result<std::vector<std::string>> ReadCandidateIds(store::StudyDb& db) {
  Result<Rows> rows = db.Query(
      "SELECT id FROM institutions WHERE id LIKE 'I91%' UNION SELECT id FROM funders WHERE id LIKE 'F91%' "
      "UNION SELECT institution_id FROM work_institutions WHERE institution_id LIKE 'I91%' LIMIT 100000");
  if (!rows.ok()) return rows.status();
  std::vector<std::string> ids;
  for (const auto& row : *rows) ids.push_back(row[0]);
  return ids;
}

}  // namespace

Result<RunRecord> ReadRunRecord(const std::string& database_path) {
  Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(database_path);
  if (!db.ok()) return db.status();
  Result<store::StoredRun> stored = store::ReadStoredRun(**db);
  if (!stored.ok()) return stored.status();
  RunRecord run;
  run.stored = std::move(stored).value();
  run.counts = LabelledCounts(run.stored.counts);
  if (run.stored.counts) ReadSummaryJson(run, run.stored.counts->summary_json);
  ENTANGLE_RETURN_IF_ERROR(ReadFilesAndSkips(**db, run));
  Result<std::vector<std::string>> ids = ReadCandidateIds(**db);
  if (!ids.ok()) return ids.status();
  run.synthetic = DetectSynthetic(run.info().inputs, *ids);
  return run;
}

}  // namespace entangle::report
