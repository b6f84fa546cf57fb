// What RunTrackerScan checks before it reads any input: the tracker and its study keys.
#include "pipeline/tracker_scan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace entangle {
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

}  // namespace
}  // namespace entangle
