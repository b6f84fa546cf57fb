#pragma once
// `entangle scan --tracker`: one pass over the works for every study of a tracker (areas × pairs,
// select/tracker.h). Each record is decompressed and parsed once; each study judges it and keeps
// its own copies; each study's database, DIR/<study key>.db, is what a scan of that study alone
// writes. DIR/tracker.json lists the studies and their scan summaries.
#include <string>
#include <vector>

#include "common/status.h"
#include "pipeline/scan.h"

namespace entangle::pipeline {

struct TrackerScanOptions {
  // Inputs, threads, strictness, format, progress and the rest as for one study; its study_path
  // and database_path are not used.
  ScanOptions scan;
  std::string tracker_path;
  std::string out_dir;  // required unless scan.dry_run
};

struct TrackerStudyScan {
  std::string key, area, pair;
  ScanSummary summary;  // summary.database_path: DIR/<key>.db
};

struct TrackerScanSummary {
  std::string tracker_name, tracker_path, out_dir;
  std::vector<TrackerStudyScan> studies;
  uint64_t records = 0, files = 0, compressed_bytes = 0, uncompressed_bytes = 0;
  int threads = 1;
  bool dry_run = false;
  double seconds = 0;
  std::vector<std::pair<std::string, double>> step_seconds;  // the shared steps: setup, works, duplicates

  std::string ToJson() const;  // what DIR/tracker.json holds
  std::string ToText() const;
};

// A study key names a file in the output folder: letters, digits, '.', '-' and '_', not starting
// with '.'. Errors say which key and why.
Status CheckStudyKeyIsFileName(const std::string& key);

// Errors: a bad tracker (before any input is read), an unsafe or repeated study key, bad options,
// unreadable inputs, database failures, and with `strict` any skipped record or input issue (then
// no study database is replaced).
Result<TrackerScanSummary> RunTrackerScan(const TrackerScanOptions& options);

}  // namespace entangle::pipeline
