// End to end: records of other OpenAlex entities given to `scan` as works (an institutions API page,
// a snapshot's institutions file) were parsed as works — 50 "works" from 50 institutions. They are
// now skipped as not_a_work, located and named, and the summary prints no "compressed" figure for
// inputs that were not compressed.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/real_records.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SharedPath;
using testing::SourcePath;

json ScanJson(const std::string& input) {
  std::string out, err;
  int rc = RunEntangle("scan " + input + " --study " + SourcePath("studies/ai-europe-china.toml") +
                           " --dry-run --json --progress none",
                       &out, &err);
  EXPECT_EQ(rc, 0) << err;
  return rc == 0 ? json::parse(out) : json();
}

TEST(WrongEntityTest, AnInstitutionsApiPageIsNotReadAsWorks) {
  json summary = ScanJson(SharedPath("data/openalex/api-pages/institutions-page1.json"));
  ASSERT_FALSE(summary.is_null());
  EXPECT_EQ(summary["records"], 50);
  EXPECT_EQ(summary["works"], 0);
  EXPECT_EQ(summary["skipped"], json({{"not_a_work", 50}}));
  ASSERT_FALSE(summary["skip_examples"].empty());
  std::string example = summary["skip_examples"][0].dump();
  EXPECT_NE(example.find("institution record"), std::string::npos) << example;
  EXPECT_NE(example.find("institutions-page1.json"), std::string::npos) << example;
}

TEST(WrongEntityTest, ASnapshotsInstitutionsFileGivenAsWorksIsSkippedRecordByRecord) {
  // Copied out of its snapshot folder (inside it, the file is planned as institutions).
  testing::TempDir dir;
  std::string file = dir / "downloaded.jsonl.gz";
  std::filesystem::copy_file(
      SharedPath("data/openalex/snapshot-2023/data/institutions/updated_date=2023-09-04/part_000.gz"), file);
  json summary = ScanJson(file);
  ASSERT_FALSE(summary.is_null());
  EXPECT_EQ(summary["works"], 0);
  EXPECT_EQ(summary["skipped"]["not_a_work"], summary["records"]);
  EXPECT_GT(summary["records"].get<int>(), 600);
}

TEST(WrongEntityTest, PlainJsonHasNoCompressedFigure) {
  std::string out, err;
  std::string study = " --study " + SourcePath("studies/ai-europe-china.toml") + " --dry-run --progress none";
  ASSERT_EQ(RunEntangle("scan " + SharedPath("data/openalex/api-pages/works-page1.json") + study, &out, &err), 0)
      << err;
  EXPECT_EQ(out.find("compressed"), std::string::npos) << out;
  ASSERT_EQ(RunEntangle("scan " + SharedPath("data/openalex/works-real.jsonl.gz") + study, &out, &err), 0) << err;
  EXPECT_NE(out.find("MB compressed"), std::string::npos) << out;
}

}  // namespace
}  // namespace entangle
