// What RunTrackerScan checks before it reads any input: the tracker and its study keys.
#include "pipeline/tracker_scan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace entangle::pipeline {
namespace {

TEST(TrackerStudyKeyTest, StudyKeysThatNameAFileInTheFolderPass) {
  EXPECT_TRUE(CheckStudyKeyIsFileName("quantum.europe-china").ok());
  EXPECT_TRUE(CheckStudyKeyIsFileName("ai_2.eu27-russia").ok());
}

TEST(TrackerStudyKeyTest, StudyKeysThatCouldLeaveOrHideInTheFolderFail) {
  EXPECT_FALSE(CheckStudyKeyIsFileName("").ok());
  for (const char* key : {"../x.europe-china", "a/b.europe-china", ".hidden", "my area.europe-china", "a\\b"}) {
    Status s = CheckStudyKeyIsFileName(key);
    EXPECT_FALSE(s.ok()) << key;
    EXPECT_NE(s.message().find(std::string("\"") + key + "\""), std::string::npos) << s.message();
  }
}

TEST(TrackerScanSetupTest, AnUnreadableTrackerFailsBeforeTheInputs) {
  TrackerScanOptions options;
  options.scan.inputs = {"/no/such/snapshot"};
  options.tracker_path = "/no/such/tracker.toml";
  options.out_dir = "/no/such/out";
  Result<TrackerScanSummary> summary = RunTrackerScan(options);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().message().find("tracker.toml"), std::string::npos) << summary.status().ToString();
  EXPECT_EQ(summary.status().message().find("snapshot"), std::string::npos) << summary.status().ToString();
  EXPECT_FALSE(std::filesystem::exists("/no/such/out"));
}

TEST(TrackerScanSummaryTest, TheFirstLineCountsInTheSingularAndThePlural) {
  TrackerScanSummary summary;
  summary.tracker_name = "t";
  summary.studies.resize(1);
  summary.records = 1;
  summary.files = 1;
  summary.threads = 1;
  std::string one = summary.ToText();
  EXPECT_NE(one.find("Tracker t: 1 study, one pass over 1 record in 1 file, 0.0 s (1 thread)\n"), std::string::npos)
      << one;
  summary.studies.resize(20);
  summary.records = 20000;
  summary.files = 3;
  summary.threads = 2;
  std::string many = summary.ToText();
  EXPECT_NE(many.find("Tracker t: 20 studies, one pass over 20000 records in 3 files, 0.0 s (2 threads)\n"),
            std::string::npos)
      << many;
}

}  // namespace
}  // namespace entangle::pipeline
