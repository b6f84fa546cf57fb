// ScanState: skips, input issues, stored joint works and the first error, under one mutex.
#include "pipeline/scan_state.h"

#include <utility>

#include <fmt/format.h>

namespace entangle::pipeline {

void ScanState::Skip(SkippedRecord&& r) {
  std::lock_guard lock(mu_);
  uint64_t n = ++summary_.skipped[r.reason];
  if (summary_.skip_examples.size() < 10) {
    summary_.skip_examples.push_back(fmt::format("{}: {}:{}{}: {}", r.reason, r.file, r.line,
                                                 r.work_id.empty() ? "" : " (" + r.work_id + ")", r.message));
  }
  if (n <= options_.max_skip_details) Fail(writer_.PutSkip({r.reason, r.file, r.line, r.work_id, r.message}));
  if (options_.strict) {
    Fail(Status::Aborted(fmt::format("--strict: {} at {}:{}{}: {}", r.reason, r.file, r.line,
                                     r.work_id.empty() ? "" : " (" + r.work_id + ")", r.message)));
  }
}

void ScanState::Issue(ScanIssue issue) {
  std::lock_guard lock(mu_);
  if (options_.strict) {
    Fail(Status::Aborted(fmt::format("--strict: {}: {}: {}", issue.kind, issue.path, issue.message)));
  }
  summary_.issues.push_back(std::move(issue));
}

void ScanState::Joint(const extract::WorkRecord& work, const std::vector<store::WorkCountryShare>& shares,
                      const CopyKey& key, const FileContext& file, uint64_t line) {
  std::lock_guard lock(mu_);
  StoredJointCopies::Offer offer = stored_joint_.Consider(work.id, key);
  if (offer == StoredJointCopies::Offer::kLeaveOut) return;
  if (offer == StoredJointCopies::Offer::kReplaceStored) Fail(writer_.DeleteWork(work.id));
  auto stored = writer_.PutJointWork(work, shares, file.path, line);
  if (!stored.ok()) return Fail(stored.status());
  stored_joint_.Stored(work.id, key);
}

Status ScanState::DropSuperseded(const Winners& winners) {
  for (const std::string& id : stored_joint_.NotWinning(winners)) ENTANGLE_RETURN_IF_ERROR(writer_.DeleteWork(id));
  return Status::OK();
}

void ScanState::Fail(Status s) {
  if (!s.ok() && first_error_.ok()) first_error_ = std::move(s);
  if (!first_error_.ok()) aborted_.store(true);
}

void ScanState::FailLocked(Status s) {
  std::lock_guard lock(mu_);
  Fail(std::move(s));
}

Status ScanState::first_error() {
  std::lock_guard lock(mu_);
  return first_error_;
}

}  // namespace entangle::pipeline
