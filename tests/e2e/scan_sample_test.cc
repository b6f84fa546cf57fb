// End to end: `entangle scan` on the bundled sample against expectations worked out
// independently (tools/sample_expectations.py, in Python, from docs/counting.md).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "select/study_definition.h"
#include "store/study_db.h"
#include "support/expect_totals.h"
#include "support/real_records.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

std::vector<std::vector<std::string>> Query(const std::string& db, const std::string& sql) {
  auto reader = store::StudyDb::Open(db);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {};
  auto rows = (*reader)->Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<std::vector<std::string>>{};
}

class ScanSampleTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    expected_ = ReadJson(SourcePath("data/sample/expected.json"));
    db_ = dir_ / "study.db";
    std::string err;
    int rc = RunEntangle(fmt_args(), &out_, &err);
    ASSERT_EQ(rc, 0) << err;
    summary_ = json::parse(out_);
  }
  std::string fmt_args() const {
    return "scan " + SourcePath("data/sample/openalex") + " --study " + SourcePath("studies/ai-europe-china.toml") +
           " --db " + db_ + " --json --progress none --threads " + std::to_string(GetParam());
  }
  TempDir dir_;
  std::string db_, out_;
  json expected_, summary_;
};

TEST_P(ScanSampleTest, SummaryCountsMatchExpectations) {
  for (const char* key : {"records", "works", "in_scope", "field_relevant", "joint", "duplicates", "merged_away"}) {
    EXPECT_EQ(summary_[key], expected_[key]) << key;
  }
  EXPECT_EQ(summary_["skipped"], expected_["skipped"]);
  EXPECT_EQ(summary_["joint_by_year"], expected_["joint_by_year"]);
  EXPECT_EQ(summary_["institutions"], expected_["institutions"]);
  EXPECT_EQ(summary_["funders"], expected_["funders"]);
}

TEST_P(ScanSampleTest, SummarySaysWhereTheTimeWent) {
  std::set<std::string> steps;
  double sum = 0;
  for (const auto& [step, seconds] : summary_["step_seconds"].items()) {
    steps.insert(step);
    EXPECT_GE(seconds.get<double>(), 0) << step;
    sum += seconds.get<double>();
  }
  EXPECT_EQ(steps, (std::set<std::string>{"setup", "works", "duplicates", "totals", "commit"}));
  EXPECT_GE(sum, summary_["seconds"].get<double>() * 0.99) << "the steps cover the run";
}

TEST_P(ScanSampleTest, JointWorksAndTheirCountries) {
  std::set<std::string> ids;
  for (const auto& row : Query(db_, "SELECT id FROM works")) ids.insert(row[0]);
  std::set<std::string> want(expected_["joint_work_ids"].begin(), expected_["joint_work_ids"].end());
  EXPECT_EQ(ids, want);
  std::map<std::string, std::set<std::string>> countries;
  for (const auto& row : Query(db_, "SELECT work_id, country FROM work_countries")) countries[row[0]].insert(row[1]);
  for (const auto& [id, list] : expected_["joint_countries"].items()) {
    std::set<std::string> want_countries(list.begin(), list.end());
    EXPECT_EQ(countries[id], want_countries) << id;
  }
}

TEST_P(ScanSampleTest, TotalsPerCountryAndGroupMatchWholeAndFractional) {
  EXPECT_GT(testing::ExpectTotalsMatch(db_, expected_["totals"]), 50u);
}

TEST_P(ScanSampleTest, RunsTableRecordsProvenance) {
  auto rows = Query(db_,
                    "SELECT study_name, study_sha256, snapshot_date, tool_version, started_at, finished_at, records, "
                    "in_scope, field_relevant, joint, skipped_total, inputs, manifest_json, threads FROM runs");
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  auto study = select::LoadStudyDefinition(SourcePath("studies/ai-europe-china.toml"));
  ASSERT_TRUE(study.ok());
  EXPECT_EQ(r[0], study->name);
  EXPECT_EQ(r[1], study->sha256);
  EXPECT_EQ(r[1].size(), 64u);
  EXPECT_EQ(r[2], "2025-11-11");
  EXPECT_FALSE(r[3].empty());
  EXPECT_FALSE(r[4].empty());
  EXPECT_GE(r[5], r[4]);
  EXPECT_EQ(r[6], expected_["records"].dump());
  EXPECT_EQ(r[7], expected_["in_scope"].dump());
  EXPECT_EQ(r[8], expected_["field_relevant"].dump());
  EXPECT_EQ(r[9], expected_["joint"].dump());
  EXPECT_EQ(r[10], "0");
  EXPECT_NE(r[11].find("data/sample/openalex"), std::string::npos);
  EXPECT_NE(r[12].find("record_count"), std::string::npos);
  EXPECT_EQ(r[13], std::to_string(GetParam()));
  auto files = Query(db_, "SELECT path, expected_records, records_read FROM input_files WHERE path LIKE '%/works/%'");
  ASSERT_EQ(files.size(), 3u);
  for (const auto& f : files) EXPECT_EQ(f[1], f[2]) << f[0];
}

TEST_P(ScanSampleTest, FieldWorksHoldEveryFieldRelevantWork) {
  auto rows = Query(db_, "SELECT count(*), sum(category = 'ab'), count(DISTINCT id) FROM field_works");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], expected_["field_relevant"].dump());
  EXPECT_EQ(rows[0][1], expected_["joint"].dump());
  EXPECT_EQ(rows[0][2], expected_["field_relevant"].dump());
  auto by_year = Query(db_, "SELECT year, count(*) FROM field_works GROUP BY year ORDER BY year");
  for (const auto& row : by_year) EXPECT_EQ(row[1], expected_["field_relevant_by_year"][row[0]].dump()) << row[0];
}

INSTANTIATE_TEST_SUITE_P(Threads, ScanSampleTest, ::testing::Values(1, 2));

}  // namespace
}  // namespace entangle
