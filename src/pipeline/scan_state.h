#pragma once
// Shared state of one scan, used by every thread of the works pass: the skip accounting (counts,
// examples, detail rows), the input issues, the joint works stored so far, and the first fatal
// error, which stops the pass. The database writer is not thread-safe: db_mutex() guards it.
#include <atomic>
#include <mutex>
#include <vector>

#include "common/status.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/field_copy.h"
#include "pipeline/scan.h"
#include "pipeline/work_scanner.h"
#include "store/study_db.h"

namespace entangle::pipeline {

class ScanState {
 public:
  ScanState(const ScanOptions& options, store::StudyDbWriter& writer, ScanSummary& summary)
      : options_(options), writer_(writer), summary_(summary) {}

  // Counts a skipped record, keeps the first ten as examples and the first max_skip_details of
  // each reason as detail rows; with --strict, fails the scan.
  void Skip(SkippedRecord&& r);
  // Notes a problem with the inputs (not a record); with --strict, fails the scan.
  void Issue(ScanIssue issue);
  // Stores a joint copy unless a greater copy of the work is stored already (StoredJointCopies).
  void Joint(const extract::WorkRecord& work, const std::vector<store::WorkCountryShare>& shares, const CopyKey& key,
             const FileContext& file, uint64_t line);
  // After duplicates are resolved: a stored joint copy that is not its work's winning joint copy goes.
  Status DropSuperseded(const Winners& winners);

  void Fail(Status s);  // callers hold db_mutex() or are single-threaded
  void FailLocked(Status s);
  bool aborted() const { return aborted_.load(); }
  Status first_error();
  std::mutex& db_mutex() { return mu_; }

 private:
  const ScanOptions& options_;
  store::StudyDbWriter& writer_;
  ScanSummary& summary_;
  std::mutex mu_;
  std::atomic<bool> aborted_{false};
  Status first_error_;
  StoredJointCopies stored_joint_;
};

}  // namespace entangle::pipeline
