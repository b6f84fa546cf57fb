#pragma once
// The steps a scan of one study (scan.cc) and a tracker's scan of many (tracker_scan.cc) share
// around the works pass: planning the inputs, describing each study's run in its summary, opening
// its database writer, adding up the scanners' counts, and finishing a study once its duplicates
// are resolved.
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/step_clock.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/scan.h"
#include "pipeline/scan_state.h"
#include "pipeline/work_scanner.h"
#include "select/study_definition.h"
#include "select/work_filter.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle::pipeline {

// What a study's field rules need of each work (SummaryOptions: want_text for keyword rules,
// want_topics for topic rules, want_concepts for concept rules; in_scope is left unset): a works
// pass reads no other columns of a Parquet file for it. The totals need the primary topic's
// subfield and field whatever the rules; the reader takes them in any case. A pass serving several
// studies reads what any of them needs: give each study's needs (PassStudy::needs).
extract::SummaryOptions SummaryNeeds(const select::StudyDefinition& study);

// Checks that there are inputs and plans them; an error when the plan has no works files.
Result<source::InputPlan> PlanScanInputs(const ScanOptions& options);
// The worker threads: options.threads, or all cores; at most 255 (FieldCopy::thread).
int ScanThreads(const ScanOptions& options);
// What the summary says of the run before it starts: the study, the plan, the inputs' sizes.
void DescribeScan(const select::StudyDefinition& study, const source::InputPlan& plan, int threads,
                  const ScanOptions& options, const std::string& database_path, ScanSummary& summary);
// The study database's writer, or for a dry run one that writes nothing (scratch files only,
// named from `dry_run_name` in the temporary directory).
Result<std::unique_ptr<store::StudyDbWriter>> OpenScanWriter(const ScanOptions& options,
                                                             const std::string& database_path,
                                                             const std::string& dry_run_name);
// Hands memory freed by the worker threads back to the system (see scan_setup.cc).
void ReturnFreedMemory();
// Adds one study's counts from every scanner (records, works, scope, merged, XPAC) to `summary`.
void AddScannerCounts(const std::vector<std::unique_ptr<WorkScanner>>& scanners, size_t study, ScanSummary& summary);
// A study's last steps once its duplicates are resolved: its totals (WriteTotals, timed as
// "totals"), then, once the works pass is gone, the run's counts and the commit (timed as "commit").
// `start` is when the scan started.
Status WriteStudyTotals(const Winners& winners, const std::vector<const std::deque<CountryShare>*>& shares,
                        const select::WorkFilter& filter, const source::InputPlan& plan, ScanState& state,
                        store::StudyDbWriter& writer, ScanSummary& summary, StepClock& clock);
// The caller hands freed memory back first (ReturnFreedMemory): a tracker does it once for all its
// studies' commits.
Status CommitStudyScan(ScanState& state, store::StudyDbWriter& writer, ScanSummary& summary, StepClock& clock,
                       std::chrono::steady_clock::time_point start);

}  // namespace entangle::pipeline
