// RunScan runs the steps of a scan in order: setup (study, plan, merged ids, run row, entities),
// works (works_pass.h), duplicates (duplicate_rules.h), totals (scan_totals.h) and commit.
#include "pipeline/scan.h"

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "common/step_clock.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/entity_loader.h"
#include "pipeline/progress.h"
#include "pipeline/run_row.h"
#include "pipeline/scan_state.h"
#include "pipeline/scan_totals.h"
#include "pipeline/seen_log.h"
#include "pipeline/works_pass.h"
#include "select/study_definition.h"
#include "select/work_filter.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle {
namespace {

// What the worker threads allocated lives in their own malloc arenas; freed from the main thread it
// stays there, out of reach of the main arena, and the next step's memory (duplicates, SQLite's index
// sorter) would add to it. Handing it back to the system keeps the steps' peaks apart.
void ReturnFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// A dry run writes no database, but the scan still logs the copies it has seen (for duplicates) to
// scratch files: they go to the temporary directory.
Result<std::unique_ptr<StudyDbWriter>> OpenDryRunWriter() {
  std::error_code error;
  std::filesystem::path dir = std::filesystem::temp_directory_path(error);
  if (error) {
    return Status::IOError(
        fmt::format("--dry-run needs a temporary directory for its scratch files (set TMPDIR): {}", error.message()));
  }
  return StudyDbWriter::CreateDiscarding((dir / "entangle-dry-run").string());
}

}  // namespace

Result<ScanSummary> RunScan(const ScanOptions& options) {
  auto start = std::chrono::steady_clock::now();
  ScanSummary summary;
  StepClock clock(
      [&summary](const std::string& step, double seconds) { summary.step_seconds.emplace_back(step, seconds); });
  if (options.inputs.empty()) {
    return Status::InvalidArgument("no input given (a snapshot directory or JSON Lines files)");
  }
  if (options.database_path.empty() && !options.dry_run) {
    return Status::InvalidArgument("no database path given (--db), and not a dry run (--dry-run)");
  }
  auto study = LoadStudyDefinition(options.study_path);
  if (!study.ok()) return study.status();
  auto filter = WorkFilter::Create(*study);
  if (!filter.ok()) return filter.status();
  auto plan = PlanInputs(options.inputs, PlanOptions{options.works_format});
  if (!plan.ok()) return plan.status();
  if (plan->works.empty()) {
    std::string why;
    for (const PlanNote& note : plan->notes) why += "; " + note.path + ": " + note.message;
    return Status::NotFound("no works files found in the inputs" + why);
  }
  int threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, 255);

  summary.threads = threads;
  summary.database_path = options.database_path;
  summary.study_name = study->name;
  summary.study_sha256 = study->sha256;
  summary.snapshot_date = plan->snapshot_date;
  summary.layout = plan->layout;
  summary.include_xpac = study->include_xpac;
  for (const PlanNote& note : plan->notes) summary.notes.push_back({note.kind, note.path, note.message});
  summary.files = plan->works.size();
  uint64_t works_bytes = 0;
  for (const InputFile& f : plan->works) {
    works_bytes += f.size_bytes;
    summary.compressed_input |= f.format == InputFormat::kGzipJsonLines;
  }
  summary.compressed_bytes = works_bytes;

  summary.dry_run = options.dry_run;
  auto writer_or = options.dry_run ? OpenDryRunWriter() : StudyDbWriter::Create(options.database_path);
  if (!writer_or.ok()) return writer_or.status();
  StudyDbWriter& writer = **writer_or;
  ScanState state(options, writer, summary);
  for (const PlanIssue& issue : plan->issues) state.Issue({issue.kind, issue.path, issue.message});

  std::unordered_set<uint64_t> merged;
  std::vector<PlanIssue> merged_issues;
  ENTANGLE_RETURN_IF_ERROR(LoadMergedWorkIds(plan->merged_work_id_files, merged, merged_issues));
  for (const PlanIssue& issue : merged_issues) state.Issue({issue.kind, issue.path, issue.message});
  ENTANGLE_RETURN_IF_ERROR(writer.PutRun(MakeRunInfo(options, *study, *plan, threads)));

  auto entities = LoadEntities(*plan, writer, [&](SkippedRecord&& r) { state.Skip(std::move(r)); });
  if (!entities.ok()) return entities.status();
  summary.institutions = entities->institutions;
  summary.funders = entities->funders;

  {
    ProgressReporter progress(options.progress, works_bytes, plan->works.size());
    std::vector<std::unique_ptr<SeenLog>> seen_logs;
    for (int t = 0; t < threads; ++t) {
      auto log = SeenLog::Create(fmt::format("{}.seen-{}-{}", writer.temp_path(), getpid(), t));
      if (!log.ok()) return log.status();
      seen_logs.push_back(std::move(log).value());
    }
    WorksPass pass(options, *plan, *filter, merged, state, writer, progress, seen_logs);
    clock.Done("setup");
    pass.Run();
    for (auto& s : pass.scanners()) s->ReleaseParsers();
    ReturnFreedMemory();
    clock.Done("works");
    progress.Finish();
    ENTANGLE_RETURN_IF_ERROR(state.first_error());
    summary.uncompressed_bytes = pass.uncompressed_bytes;
    for (auto& s : pass.scanners()) {
      summary.records += s->records;
      summary.works += s->works;
      summary.in_scope += s->copy_counts.in_scope;
      summary.merged_away += s->copy_counts.merged_away;
      summary.xpac_in_scope += s->copy_counts.xpac_in_scope;
      summary.xpac_kept += s->copy_counts.xpac_kept;
    }
    auto winners = ResolveDuplicates(pass.field_copies(), seen_logs);
    if (!winners.ok()) return winners.status();
    clock.Done("duplicates");
    ENTANGLE_RETURN_IF_ERROR(WriteTotals(*winners, pass.scanners(), *filter, *plan, state, writer, summary));
  }
  clock.Done("totals");
  ENTANGLE_RETURN_IF_ERROR(state.first_error());
  ReturnFreedMemory();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ENTANGLE_RETURN_IF_ERROR(writer.FinishRun(MakeRunCounts(summary)));
  ENTANGLE_RETURN_IF_ERROR(writer.Commit());
  clock.Done("commit");  // after the run row is written: in the printed summary, not the database's
  return summary;
}

}  // namespace entangle
