// The printed scan summary names subfields (issue 18, item 8): "1702 Artificial Intelligence: 543",
// not "1702: 543"; an id without a known name is printed alone, never with a guessed name. The JSON
// keeps its id keys (other tools read them) and carries the names beside them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "pipeline/scan.h"
#include "support/real_records.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

pipeline::ScanSummary WithSubfields() {
  pipeline::ScanSummary summary;
  summary.study_name = "test";
  summary.joint_by_subfield = {{0, 3}, {1702, 543}, {1707, 12}, {9999, 2}};
  return summary;
}

TEST(ScanSummaryNamesTest, TextNamesSubfieldsInsteadOfBareIds) {
  const std::string text = WithSubfields().ToText();
  EXPECT_NE(text.find("  1702 Artificial Intelligence: 543\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  1707 Computer Vision and Pattern Recognition: 12\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  9999: 2\n"), std::string::npos) << "unknown id alone:\n" << text;
  EXPECT_NE(text.find("  no topic: 3\n"), std::string::npos) << text;
}

// A one-thread scan of one file printed "1 files … (1 threads)".
TEST(ScanSummaryNamesTest, ReadLineCountsFilesAndThreadsInTheSingularAndThePlural) {
  pipeline::ScanSummary summary = WithSubfields();
  summary.files = 1;
  summary.threads = 1;
  std::string one = summary.ToText();
  EXPECT_NE(one.find("Read:           1 file, 0.0 MB of JSON, in 0.00 s (1 thread)\n"), std::string::npos) << one;
  summary.files = 3;
  summary.threads = 2;
  std::string many = summary.ToText();
  EXPECT_NE(many.find("Read:           3 files, 0.0 MB of JSON, in 0.00 s (2 threads)\n"), std::string::npos) << many;
}

TEST(ScanSummaryNamesTest, JsonKeepsIdKeysAndAddsTheNamesBeside) {
  const json j = json::parse(WithSubfields().ToJson());
  EXPECT_EQ(j["joint_by_subfield"], json({{"", 3}, {"1702", 543}, {"1707", 12}, {"9999", 2}}));
  EXPECT_EQ(j["subfield_names"],
            json({{"1702", "Artificial Intelligence"}, {"1707", "Computer Vision and Pattern Recognition"}}));
}

// The sample's AI joint works come from the 2023 snapshot, without topics; every field has some.
TEST(ScanSummaryNamesTest, ScanOfTheSampleNamesItsSubfields) {
  TempDir dir;
  const std::string study = dir.Write("every-field.toml", testing::kEuropeChinaEveryFieldStudy);
  std::string out, err;
  const std::string sample = SourcePath("data/sample/openalex");
  ASSERT_EQ(RunEntangle("scan " + sample + " --study " + study + " --dry-run --progress none", &out, &err), 0) << err;
  ASSERT_NE(out.find("Joint by subfield of the primary topic:"), std::string::npos) << out;
  EXPECT_NE(out.find("\n  1702 Artificial Intelligence: 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n  2739 Public Health, Environmental and Occupational Health: 4\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n  no topic: "), std::string::npos) << out;
  EXPECT_EQ(out.find("\n  1702: "), std::string::npos) << out;
}

}  // namespace
}  // namespace entangle
