#pragma once
// Internal: what the report says about the run that produced the study database: the run as the
// store reads it (definition, inputs, tool, times, counts), and the skips, input issues, input files
// and synthetic-data verdict the report adds.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "report/report.h"
#include "store/study_db.h"

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

// The run as the store reads it (store::StoredRun), and what the report adds to it.
struct RunRecord {
  store::StoredRun stored;
  // The summary's counts, labelled in the order the summary prints them, as decimal text ("" when
  // the scan never finished); "Skipped records" is the sum over every reason.
  std::vector<std::pair<std::string, std::string>> counts;
  std::vector<SkipExample> skip_examples;  // the first few per reason
  std::vector<InputIssue> issues;          // from the stored scan summary
  std::vector<InputFile> files;            // the first kMaxListedFiles
  uint64_t file_count = 0, file_bytes = 0;
  SyntheticVerdict synthetic;

  const store::RunInfo& info() const { return stored.info; }
  // The definition's text, as the report quotes it ("" / 0 when this build cannot read it).
  std::string description() const { return stored.definition ? stored.definition->description : ""; }
  int year_from() const { return stored.definition ? stored.definition->year_from : 0; }
  int year_to() const { return stored.definition ? stored.definition->year_to : 0; }
  std::string finished_at() const { return stored.counts ? stored.counts->finished_at : ""; }
};

inline constexpr size_t kMaxListedFiles = 100;
inline constexpr size_t kExamplesPerReason = 3;

// Reads the `runs` row and what goes with it; fails when the file is not a study database.
Result<RunRecord> ReadRunRecord(const std::string& database_path);

}  // namespace entangle::report
