// ReadStoredRun: the `runs` row as typed values and the study definition parsed once, so that no
// stage splits the stored lists or parses the stored TOML itself.
#include <nlohmann/json.hpp>

#include "common/ascii.h"
#include "common/sha256.h"
#include "store/sqlite_util.h"
#include "store/study_db.h"

namespace entangle::store {
namespace {

std::vector<std::string> JsonStrings(const std::string& text) {
  std::vector<std::string> out;
  nlohmann::json list = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::map<std::string, uint64_t> JsonCounts(const std::string& text) {
  std::map<std::string, uint64_t> out;
  nlohmann::json counts = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!counts.is_object()) return out;
  for (const auto& [reason, count] : counts.items()) {
    if (count.is_number_unsigned()) out.emplace(reason, count.get<uint64_t>());
  }
  return out;
}

uint64_t Count(const Row& row, int column) { return static_cast<uint64_t>(row.Int(column)); }

void ReadRow(const Row& row, StoredRun& run) {
  RunInfo& info = run.info;
  info.study_name = row.Text(0);
  info.study_path = row.Text(1);
  info.study_toml = row.Text(2);
  info.study_sha256 = row.Text(3);
  info.group_a_name = row.Text(4);
  info.group_a_countries = SplitWords(row.View(5));
  info.group_b_name = row.Text(6);
  info.group_b_countries = SplitWords(row.View(7));
  info.inputs = JsonStrings(row.Text(8));
  info.snapshot_date = row.Text(9);
  info.manifest_json = row.Text(10);
  info.tool_version = row.Text(11);
  info.command_line = row.Text(12);
  info.started_at = row.Text(13);
  info.threads = static_cast<int>(row.Int(15));
  if (row.IsNull(14)) return;  // the scan never finished: no counts
  RunCounts& counts = run.counts.emplace();
  counts.finished_at = row.Text(14);
  counts.records = Count(row, 16);
  counts.works = Count(row, 17);
  counts.in_scope = Count(row, 18);
  counts.field_relevant = Count(row, 19);
  counts.joint = Count(row, 20);
  counts.duplicates = Count(row, 21);
  counts.merged_away = Count(row, 22);
  counts.skipped = JsonCounts(row.Text(23));
  counts.summary_json = row.Text(24);
}

}  // namespace

Result<StoredRun> ReadStoredRun(StudyDb& db, StoredDefinition definition) {
  StoredRun run;
  bool has_run = false;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT study_name, study_path, study_toml, study_sha256, group_a_name, group_a_countries, group_b_name, "
      "group_b_countries, inputs, snapshot_date, manifest_json, tool_version, command_line, started_at, "
      "finished_at, threads, records, works, in_scope, field_relevant, joint, duplicates, merged_away, "
      "skipped_json, summary_json FROM runs LIMIT 1",
      [&](const Row& row) {
        has_run = true;
        ReadRow(row, run);
      }));
  if (!has_run) return Status::NotFound("the study database records no run (table `runs` is empty)");
  const RunInfo& info = run.info;
  run.sha256_matches = !info.study_toml.empty() && Sha256Hex(info.study_toml) == info.study_sha256;
  run.data_date = !info.snapshot_date.empty() ? info.snapshot_date : info.started_at.substr(0, 10);
  if (definition == StoredDefinition::kSkip) return run;
  if (info.study_toml.empty()) {
    run.definition_error = "the run stores no study definition";
  } else if (Result<select::StudyDefinition> parsed = select::ParseStudyDefinition(info.study_toml, info.study_path);
             parsed.ok()) {
    run.definition = std::move(parsed).value();
    run.definition->source_path = info.study_path;
  } else {
    run.definition_error = parsed.status().message();
  }
  return run;
}

}  // namespace entangle::store
