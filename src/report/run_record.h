#pragma once
// Internal: what the report says about the run that produced the study database: the study
// definition, the inputs, the tool, the times, the counts and what was skipped.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "report/report.h"

namespace entangle::report {

struct SkipExample {
  std::string reason, file, line, work_id, message;
};

struct InputIssue {
  std::string kind, path, message;
};

struct InputFile {
  std::string path, format, updated_date, size_bytes, expected_records, records_read;
};

struct RunRecord {
  std::string study_name, study_path, study_toml, study_sha256;
  std::string description;         // from the definition's TOML, may be empty
  int year_from = 0, year_to = 0;  // scope.years of the definition; 0 when unreadable
  bool sha256_matches = false;     // the stored hash is the hash of the stored text
  std::string group_a_name, group_b_name;
  std::vector<std::string> group_a_countries, group_b_countries;
  std::vector<std::string> inputs;
  std::string snapshot_date, tool_version, command_line, started_at, finished_at, threads;
  // (label, value as stored; "" when the scan never finished) in the order the summary prints.
  std::vector<std::pair<std::string, std::string>> counts;
  std::vector<std::pair<std::string, uint64_t>> skipped;  // reason -> count, all skips
  std::vector<SkipExample> skip_examples;                 // the first few per reason
  std::vector<InputIssue> issues;
  std::vector<InputFile> files;  // the first kMaxListedFiles
  uint64_t file_count = 0, file_bytes = 0;
  SyntheticVerdict synthetic;
};

inline constexpr size_t kMaxListedFiles = 100;
inline constexpr size_t kExamplesPerReason = 3;

// Reads the `runs` row and what goes with it; fails when the file is not a study database.
Result<RunRecord> ReadRunRecord(const std::string& database_path);

}  // namespace entangle::report
