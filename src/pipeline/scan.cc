// RunScan runs the steps of a scan in order: setup (study, plan, merged ids, run row, entities),
// works (works_pass.h), duplicates (duplicate_rules.h), totals (scan_totals.h) and commit.
#include "pipeline/scan.h"

#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "common/step_clock.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/entity_loader.h"
#include "pipeline/progress.h"
#include "pipeline/run_row.h"
#include "pipeline/scan_setup.h"
#include "pipeline/scan_state.h"
#include "pipeline/scan_totals.h"
#include "pipeline/seen_log.h"
#include "pipeline/works_pass.h"
#include "select/study_definition.h"
#include "select/work_filter.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle::pipeline {

Result<ScanSummary> RunScan(const ScanOptions& options) {
  auto start = std::chrono::steady_clock::now();
  ScanSummary summary;
  StepClock clock(
      [&summary](const std::string& step, double seconds) { summary.step_seconds.emplace_back(step, seconds); });
  if (!options.inputs.empty() && options.database_path.empty() && !options.dry_run) {
    return Status::InvalidArgument("no database path given (--db), and not a dry run (--dry-run)");
  }
  if (options.inputs.empty()) return PlanScanInputs(options).status();
  auto study = select::LoadStudyDefinition(options.study_path);
  if (!study.ok()) return study.status();
  auto filter = select::WorkFilter::Create(*study);
  if (!filter.ok()) return filter.status();
  auto plan = PlanScanInputs(options);
  if (!plan.ok()) return plan.status();
  int threads = ScanThreads(options);
  DescribeScan(*study, *plan, threads, options, options.database_path, summary);

  auto writer_or = OpenScanWriter(options, options.database_path, "entangle-dry-run");
  if (!writer_or.ok()) return writer_or.status();
  store::StudyDbWriter& writer = **writer_or;
  ScanState state(options, writer, summary);
  for (const source::PlanIssue& issue : plan->issues) state.Issue({issue.kind, issue.path, issue.message});

  std::unordered_set<uint64_t> merged;
  std::vector<source::PlanIssue> merged_issues;
  ENTANGLE_RETURN_IF_ERROR(source::LoadMergedWorkIds(plan->merged_work_id_files, merged, merged_issues));
  for (const source::PlanIssue& issue : merged_issues) state.Issue({issue.kind, issue.path, issue.message});
  ENTANGLE_RETURN_IF_ERROR(writer.PutRun(MakeRunInfo(options, *study, *plan, threads)));

  auto entities = LoadEntities(*plan, writer, [&](SkippedRecord&& r) { state.Skip(std::move(r)); });
  if (!entities.ok()) return entities.status();
  summary.institutions = entities->institutions;
  summary.funders = entities->funders;

  {
    ProgressReporter progress(options.progress, summary.compressed_bytes, plan->works.size());
    std::vector<std::unique_ptr<SeenLog>> seen_logs;
    for (int t = 0; t < threads; ++t) {
      auto log = SeenLog::Create(fmt::format("{}.seen-{}-{}", writer.temp_path(), getpid(), t));
      if (!log.ok()) return log.status();
      seen_logs.push_back(std::move(log).value());
    }
    WorksPass pass(options, *plan, *filter, merged, state, writer, progress, seen_logs, SummaryNeeds(*study));
    clock.Done("setup");
    pass.Run();
    for (auto& s : pass.scanners()) s->ReleaseParsers();
    ReturnFreedMemory();
    clock.Done("works");
    progress.Finish();
    ENTANGLE_RETURN_IF_ERROR(state.first_error());
    summary.uncompressed_bytes = pass.uncompressed_bytes;
    AddScannerCounts(pass.scanners(), 0, summary);
    auto winners = ResolveDuplicates(pass.field_copies(), seen_logs);
    if (!winners.ok()) return winners.status();
    clock.Done("duplicates");
    ENTANGLE_RETURN_IF_ERROR(WriteStudyTotals(*winners, pass.shares(), *filter, *plan, state, writer, summary, clock));
  }
  ReturnFreedMemory();
  ENTANGLE_RETURN_IF_ERROR(CommitStudyScan(state, writer, summary, clock, start));
  return summary;
}

}  // namespace entangle::pipeline
