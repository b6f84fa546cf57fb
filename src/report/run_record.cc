// ReadRunRecord: the provenance of a study database, read once for the header and the provenance
// section of the report.
#include "report/run_record.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "select/study_definition.h"
#include "store/study_db.h"

namespace entangle::report {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::vector<std::string> SplitSpaces(const std::string& list) {
  std::vector<std::string> out;
  std::istringstream in(list);
  for (std::string item; in >> item;) out.push_back(item);
  return out;
}

// The definition is stored as text, so the period and description come from it; a text the
// TOML parser rejects (it was read by an older version) only loses those two fields.
void ReadDefinitionText(RunRecord& run) {
  run.sha256_matches = !run.study_toml.empty() && Sha256Hex(run.study_toml) == run.study_sha256;
  toml::table table;
  // toml++ reports syntax errors by exception or by return value depending on how it was built.
#if TOML_EXCEPTIONS
  try {
    table = toml::parse(run.study_toml, run.study_path);
  } catch (const toml::parse_error&) {
    return;
  }
#else
  toml::parse_result parsed = toml::parse(run.study_toml, run.study_path);
  if (!parsed) return;
  table = std::move(parsed).table();
#endif
  run.description = table["description"].value_or(std::string());
  if (const toml::array* years = table["scope"]["years"].as_array(); years && years->size() == 2) {
    run.year_from = static_cast<int>((*years)[0].value_or(int64_t{0}));
    run.year_to = static_cast<int>((*years)[1].value_or(int64_t{0}));
  }
}

void ReadSummaryJson(RunRecord& run, const std::string& summary_json) {
  nlohmann::json summary = nlohmann::json::parse(summary_json, nullptr, /*allow_exceptions=*/false);
  if (!summary.is_object()) return;
  if (summary.contains("issues") && summary["issues"].is_array()) {
    for (const auto& issue : summary["issues"]) {
      run.issues.push_back({issue.value("kind", ""), issue.value("path", ""), issue.value("message", "")});
    }
  }
}

void ReadSkippedJson(RunRecord& run, const std::string& skipped_json) {
  nlohmann::json skipped = nlohmann::json::parse(skipped_json, nullptr, /*allow_exceptions=*/false);
  if (!skipped.is_object()) return;
  for (const auto& [reason, count] : skipped.items()) {
    if (count.is_number_unsigned()) run.skipped.emplace_back(reason, count.get<uint64_t>());
  }
}

Status ReadRunsRow(StudyDbReader& db, RunRecord& run) {
  Result<Rows> rows = db.Query(
      "SELECT study_name, study_path, study_toml, study_sha256, group_a_name, group_a_countries, group_b_name, "
      "group_b_countries, inputs, snapshot_date, tool_version, command_line, started_at, finished_at, threads, "
      "records, works, in_scope, field_relevant, joint, duplicates, merged_away, skipped_total, skipped_json, "
      "summary_json FROM runs LIMIT 1");
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("the study database has no run (table runs is empty)");
  const std::vector<std::string>& r = rows->front();
  run.study_name = r[0];
  run.study_path = r[1];
  run.study_toml = r[2];
  run.study_sha256 = r[3];
  run.group_a_name = r[4];
  run.group_a_countries = SplitSpaces(r[5]);
  run.group_b_name = r[6];
  run.group_b_countries = SplitSpaces(r[7]);
  nlohmann::json inputs = nlohmann::json::parse(r[8], nullptr, /*allow_exceptions=*/false);
  if (inputs.is_array()) {
    for (const auto& input : inputs) {
      if (input.is_string()) run.inputs.push_back(input.get<std::string>());
    }
  }
  run.snapshot_date = r[9];
  run.tool_version = r[10];
  run.command_line = r[11];
  run.started_at = r[12];
  run.finished_at = r[13];
  run.threads = r[14];
  const char* labels[] = {"Records read", "Distinct works",         "In scope (records)", "Field-relevant works",
                          "Joint works",  "Older duplicate copies", "Merged away",        "Skipped records"};
  for (int i = 0; i < 8; ++i) run.counts.emplace_back(labels[i], r[static_cast<size_t>(15 + i)]);
  ReadSkippedJson(run, r[23]);
  ReadSummaryJson(run, r[24]);
  return Status::OK();
}

Status ReadFilesAndSkips(StudyDbReader& db, RunRecord& run) {
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
Result<std::vector<std::string>> ReadCandidateIds(StudyDbReader& db) {
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
  Result<std::unique_ptr<StudyDbReader>> db = StudyDbReader::Open(database_path);
  if (!db.ok()) return db.status();
  RunRecord run;
  ENTANGLE_RETURN_IF_ERROR(ReadRunsRow(**db, run));
  ENTANGLE_RETURN_IF_ERROR(ReadFilesAndSkips(**db, run));
  ReadDefinitionText(run);
  Result<std::vector<std::string>> ids = ReadCandidateIds(**db);
  if (!ids.ok()) return ids.status();
  run.synthetic = DetectSynthetic(run.inputs, *ids);
  return run;
}

}  // namespace entangle::report
