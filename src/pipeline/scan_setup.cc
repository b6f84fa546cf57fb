// The steps shared by scan.cc and tracker_scan.cc around the works pass.
#include "pipeline/scan_setup.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "pipeline/run_row.h"
#include "pipeline/scan_totals.h"

namespace entangle::pipeline {

extract::SummaryOptions SummaryNeeds(const select::StudyDefinition& study) {
  extract::SummaryOptions needs;
  needs.want_text = study.field.keywords.has_value();
  needs.want_topics = study.field.topics.has_value();
  needs.want_concepts = study.field.concepts.has_value();
  return needs;
}

Result<source::InputPlan> PlanScanInputs(const ScanOptions& options) {
  if (options.inputs.empty()) {
    return Status::InvalidArgument("no input given (a snapshot directory or JSON Lines files)");
  }
  auto plan = source::PlanInputs(options.inputs, source::PlanOptions{options.works_format});
  if (!plan.ok()) return plan.status();
  if (plan->works.empty()) {
    std::string why;
    for (const source::PlanNote& note : plan->notes) why += "; " + note.path + ": " + note.message;
    return Status::NotFound("no works files found in the inputs" + why);
  }
  return plan;
}

int ScanThreads(const ScanOptions& options) {
  int threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  return std::min(threads, 255);
}

void DescribeScan(const select::StudyDefinition& study, const source::InputPlan& plan, int threads,
                  const ScanOptions& options, const std::string& database_path, ScanSummary& summary) {
  summary.threads = threads;
  summary.database_path = database_path;
  summary.study_name = study.name;
  summary.study_sha256 = study.sha256;
  summary.snapshot_date = plan.snapshot_date;
  summary.layout = plan.layout;
  summary.include_xpac = study.include_xpac;
  for (const source::PlanNote& note : plan.notes) summary.notes.push_back({note.kind, note.path, note.message});
  summary.files = plan.works.size();
  uint64_t works_bytes = 0;
  for (const source::InputFile& f : plan.works) {
    works_bytes += f.size_bytes;
    summary.compressed_input |= f.format == source::InputFormat::kGzipJsonLines;
  }
  summary.compressed_bytes = works_bytes;
  summary.dry_run = options.dry_run;
}

// A dry run writes no database, but the scan still logs the copies it has seen (for duplicates) to
// scratch files: they go to the temporary directory.
Result<std::unique_ptr<store::StudyDbWriter>> OpenScanWriter(const ScanOptions& options,
                                                             const std::string& database_path,
                                                             const std::string& dry_run_name) {
  if (!options.dry_run) return store::StudyDbWriter::Create(database_path);
  std::error_code error;
  std::filesystem::path dir = std::filesystem::temp_directory_path(error);
  if (error) {
    return Status::IOError(
        fmt::format("--dry-run needs a temporary directory for its scratch files (set TMPDIR): {}", error.message()));
  }
  return store::StudyDbWriter::CreateDiscarding((dir / dry_run_name).string());
}

// What the worker threads allocated lives in their own malloc arenas; freed from the main thread it
// stays there, out of reach of the main arena, and the next step's memory (duplicates, SQLite's index
// sorter) would add to it. Handing it back to the system keeps the steps' peaks apart.
void ReturnFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

void AddScannerCounts(const std::vector<std::unique_ptr<WorkScanner>>& scanners, size_t study, ScanSummary& summary) {
  for (const auto& s : scanners) {
    const WorkScanner::Kept& kept = s->kept(study);
    summary.records += s->records;
    summary.works += kept.works;
    summary.in_scope += kept.copy_counts.in_scope;
    summary.merged_away += kept.copy_counts.merged_away;
    summary.xpac_in_scope += kept.copy_counts.xpac_in_scope;
    summary.xpac_kept += kept.copy_counts.xpac_kept;
  }
}

Status WriteStudyTotals(const Winners& winners, const std::vector<const std::deque<CountryShare>*>& shares,
                        const select::WorkFilter& filter, const source::InputPlan& plan, ScanState& state,
                        store::StudyDbWriter& writer, ScanSummary& summary, StepClock& clock) {
  ENTANGLE_RETURN_IF_ERROR(WriteTotals(winners, shares, filter, plan, state, writer, summary));
  clock.Done("totals");
  return Status::OK();
}

Status CommitStudyScan(ScanState& state, store::StudyDbWriter& writer, ScanSummary& summary, StepClock& clock,
                       std::chrono::steady_clock::time_point start) {
  ENTANGLE_RETURN_IF_ERROR(state.first_error());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ENTANGLE_RETURN_IF_ERROR(writer.FinishRun(MakeRunCounts(summary)));
  ENTANGLE_RETURN_IF_ERROR(writer.Commit());
  clock.Done("commit");  // after the run row is written: in the printed summary, not the database's
  return Status::OK();
}

}  // namespace entangle::pipeline
