// The scan's runs row: what MakeRunInfo records of the study and the inputs, and that
// MakeRunCounts carries the summary's counts.
#include "pipeline/run_row.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/version.h"
#include "support/temp_dir.h"

namespace entangle::pipeline {
namespace {

using entangle::testing::TempDir;

TEST(RunRowTest, RunInfoRecordsTheStudyTheInputsAndTheManifestText) {
  TempDir dir;
  select::StudyDefinition study;
  study.name = "t";
  study.source_path = "studies/t.toml";
  study.source_text = "name = \"t\"\n";
  study.sha256 = "abc";
  study.group_a = {"Europe", {"EUROPE"}, {"DE", "FR"}};
  study.group_b = {"China", {"CHINA"}, {"CN", "HK"}};
  ScanOptions options;
  options.inputs = {"snapshot/"};
  options.command_line = "entangle scan t.toml snapshot/";
  source::InputPlan plan;
  plan.snapshot_date = "2024-05-01";
  plan.works_manifest = source::Manifest{dir.Write("manifest", "{\"entries\": []}"), {}};

  store::RunInfo info = MakeRunInfo(options, study, plan, 3);
  EXPECT_EQ(info.study_name, "t");
  EXPECT_EQ(info.study_path, "studies/t.toml");
  EXPECT_EQ(info.study_toml, "name = \"t\"\n");
  EXPECT_EQ(info.study_sha256, "abc");
  EXPECT_EQ(info.group_a_name, "Europe");
  EXPECT_EQ(info.group_a_countries, (std::vector<std::string>{"DE", "FR"}));
  EXPECT_EQ(info.group_b_countries, (std::vector<std::string>{"CN", "HK"}));
  EXPECT_EQ(info.inputs, std::vector<std::string>{"snapshot/"});
  EXPECT_EQ(info.snapshot_date, "2024-05-01");
  EXPECT_EQ(info.manifest_json, "{\"entries\": []}");
  EXPECT_EQ(info.tool_version, kVersion);
  EXPECT_EQ(info.command_line, "entangle scan t.toml snapshot/");
  EXPECT_EQ(info.threads, 3);
  EXPECT_EQ(info.started_at.size(), 20u);  // 2026-12-07T05:19:58Z

  plan.works_manifest.reset();
  EXPECT_EQ(MakeRunInfo(options, study, plan, 3).manifest_json, "");
}

TEST(RunRowTest, RunCountsCarryTheSummarysCountsAndJson) {
  ScanSummary summary;
  summary.records = 10;
  summary.works = 9;
  summary.in_scope = 8;
  summary.field_relevant = 5;
  summary.joint = 2;
  summary.duplicates = 3;
  summary.merged_away = 1;
  summary.skipped = {{"malformed_json", 1}};
  store::RunCounts counts = MakeRunCounts(summary);
  EXPECT_EQ(counts.records, 10u);
  EXPECT_EQ(counts.works, 9u);
  EXPECT_EQ(counts.in_scope, 8u);
  EXPECT_EQ(counts.field_relevant, 5u);
  EXPECT_EQ(counts.joint, 2u);
  EXPECT_EQ(counts.duplicates, 3u);
  EXPECT_EQ(counts.merged_away, 1u);
  EXPECT_EQ(counts.skipped, summary.skipped);
  EXPECT_EQ(counts.finished_at.size(), 20u);
  EXPECT_EQ(counts.summary_json, summary.ToJson());
  EXPECT_EQ(nlohmann::json::parse(counts.summary_json)["duplicates"], 3);
}

}  // namespace
}  // namespace entangle::pipeline
