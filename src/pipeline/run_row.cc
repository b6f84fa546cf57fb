// The runs row: RunInfo when a scan starts, RunCounts when it finishes.
#include "pipeline/run_row.h"

#include <string>
#include <utility>

#include "common/clock.h"
#include "common/status.h"
#include "common/text_file.h"
#include "common/version.h"

namespace entangle::pipeline {

store::RunInfo MakeRunInfo(const ScanOptions& options, const select::StudyDefinition& study,
                           const source::InputPlan& plan, int threads) {
  store::RunInfo info;
  info.study_name = study.name;
  info.study_path = study.source_path;
  info.study_toml = study.source_text;
  info.study_sha256 = study.sha256;
  info.group_a_name = study.group_a.name;
  info.group_a_countries = study.group_a.countries;
  info.group_b_name = study.group_b.name;
  info.group_b_countries = study.group_b.countries;
  info.inputs = options.inputs;
  info.snapshot_date = plan.snapshot_date;
  if (plan.works_manifest) {
    // Planning read and checked the manifest already; the run only keeps its text.
    if (Result<std::string> text = ReadTextFile(plan.works_manifest->path); text.ok()) {
      info.manifest_json = std::move(text).value();
    }
  }
  info.tool_version = kVersion;
  info.command_line = options.command_line;
  info.started_at = NowUtc();
  info.threads = threads;
  return info;
}

store::RunCounts MakeRunCounts(const ScanSummary& summary) {
  store::RunCounts counts;
  counts.records = summary.records;
  counts.works = summary.works;
  counts.in_scope = summary.in_scope;
  counts.field_relevant = summary.field_relevant;
  counts.joint = summary.joint;
  counts.duplicates = summary.duplicates;
  counts.merged_away = summary.merged_away;
  counts.skipped = summary.skipped;
  counts.finished_at = NowUtc();
  counts.summary_json = summary.ToJson();
  return counts;
}

}  // namespace entangle::pipeline
