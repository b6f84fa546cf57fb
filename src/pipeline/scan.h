#pragma once
// `entangle scan`: reads the inputs in parallel, selects works by the study definition, and
// writes the study database (atomically) with totals, joint works, entities and provenance.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "source/snapshot.h"

namespace entangle::pipeline {

enum class ProgressMode { kAuto, kBar, kJson, kNone };

struct ScanOptions {
  std::vector<std::string> inputs;
  std::string study_path;
  std::string database_path;
  // Count only: the whole scan runs and the summary is complete, but no database is written and
  // joint works are not extracted (database_path, if given, is left alone).
  bool dry_run = false;
  int threads = 0;  // 0 = all cores
  bool strict = false;
  // Which copy of the works to read where a snapshot or folder has both (source/snapshot.h).
  source::WorksFormat works_format = source::WorksFormat::kAuto;
  ProgressMode progress = ProgressMode::kAuto;
  size_t chunk_bytes = 1 << 20;
  size_t max_line_bytes = 100ull << 20;
  size_t joint_batch_bytes = 4 << 20;  // joint works' JSON held back per thread, extracted in bursts
  size_t max_skip_details = 1000;  // detail rows kept per reason (counts are always complete)
  std::string command_line;
};

struct ScanIssue {  // something about the inputs that is not a skipped record
  std::string kind;
  std::string path;
  std::string message;
};

struct ScanSummary {
  uint64_t records = 0, works = 0, in_scope = 0, field_relevant = 0, joint = 0, duplicates = 0, merged_away = 0;
  // XPAC works (OpenAlex's DataCite and repository records) in scope by year, language and type, and
  // those kept (scope.include_xpac); the rest are not in `in_scope`.
  uint64_t xpac_in_scope = 0, xpac_kept = 0;
  bool include_xpac = false;
  std::map<std::string, uint64_t> skipped;
  std::map<int, uint64_t> joint_by_year;
  // Keyed by the numeric subfield id of the work's primary topic (else its first topic); 0: none.
  std::map<uint32_t, uint64_t> joint_by_subfield;
  std::vector<ScanIssue> issues;
  std::vector<ScanIssue> notes;  // inputs left out on purpose (Parquet copy, legacy-data/), where totals come from: not problems
  std::string layout;            // "openalex-2026", "openalex-2023", "api-cache", "files"
  std::vector<std::string> skip_examples;  // the first few skipped records, located
  uint64_t files = 0, compressed_bytes = 0, uncompressed_bytes = 0;
  bool compressed_input = false;  // some works file was gzipped: compressed_bytes then means something
  uint64_t institutions = 0, funders = 0;
  double seconds = 0;
  // Wall seconds per step, in order (setup, works, duplicates, totals, commit): where a long run goes.
  std::vector<std::pair<std::string, double>> step_seconds;
  int threads = 1;
  bool dry_run = false;  // nothing was written: database_path names no file
  std::string database_path, study_name, study_sha256, snapshot_date;

  uint64_t skipped_total() const;
  std::string ToJson() const;
  std::string ToText() const;
};

// Errors: bad options, unreadable study definition or inputs, database failures, and — with
// `strict` — any skipped record or input issue (the previous database is then left untouched).
Result<ScanSummary> RunScan(const ScanOptions& options);

}  // namespace entangle::pipeline
