#pragma once
// The scan's row in the runs table: what the run was (the study, its inputs, the tool, when it
// started), written first, and what it counted, written when it finished (docs/schema.md, runs).
#include "pipeline/scan.h"
#include "select/study_definition.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle::pipeline {

// The study, the inputs as given, the snapshot date and works manifest, the command and now.
store::RunInfo MakeRunInfo(const ScanOptions& options, const select::StudyDefinition& study,
                           const source::InputPlan& plan, int threads);

// The summary's counts, now as the finishing time, and the summary as `scan --json` prints it.
store::RunCounts MakeRunCounts(const ScanSummary& summary);

}  // namespace entangle::pipeline
