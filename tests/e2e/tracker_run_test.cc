// `entangle run --tracker` and `entangle report --tracker` (issue 21, items 4 and 5): one command
// scans a synthetic corpus for a tracker of two areas, analyses and reports each study into its
// own folder and writes the tracker page; every number of the page's tables is the study's own
// exhibit, and `report --tracker` rewrites the same tables from the databases.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using testing::ReadFileText;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;
using testing::WriteFileBytes;

// The JSON an exhibit or tracker table was written as: {"columns": [...], "rows": [[...]]}.
nlohmann::json TableJson(const std::string& path) { return nlohmann::json::parse(ReadFileText(path)); }

std::string CellOf(const nlohmann::json& table, const nlohmann::json& row, const std::string& column) {
  const auto& columns = table["columns"];
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == column) return row[i].get<std::string>();
  }
  return "<no column " + column + ">";
}

TEST(TrackerRunTest, OneCommandWritesEachStudysReportAndThePageFromTheirExhibits) {
  TempDir dir;
  std::string corpus = dir / "corpus", out_dir = dir / "out", err, out;
  ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works 2500 --seed 9", corpus), &out, &err), 0) << err;
  std::string tracker = dir / "tracker.toml";
  WriteFileBytes(tracker, fmt::format("name = \"Run test\"\nareas = [\"{}\", \"{}\"]\npairs = [\"europe-china\"]\n",
                                      SourcePath("studies/critical-tech/ai.toml"),
                                      SourcePath("studies/critical-tech/quantum.toml")));
  ASSERT_EQ(RunEntangle(fmt::format("run --tracker {} --snapshot {} --out {} --threads 2 --progress none", tracker,
                                    corpus, out_dir),
                        &out, &err),
            0)
      << out << err;
  EXPECT_NE(out.find("Tracker page:"), std::string::npos) << out;

  nlohmann::json studies = TableJson(out_dir + "/tracker_studies.json");
  ASSERT_EQ(studies["rows"].size(), 2u) << studies.dump();
  for (const auto& row : studies["rows"]) {
    std::string key = CellOf(studies, row, "study");
    SCOPED_TRACE(key);
    EXPECT_TRUE(fs::is_regular_file(out_dir + "/" + key + ".db"));
    EXPECT_TRUE(fs::is_regular_file(out_dir + "/" + key + "/report.html"));
    EXPECT_TRUE(fs::is_directory(out_dir + "/" + key + "/network"));
    EXPECT_EQ(CellOf(studies, row, "note"), "");
    // The page's joint papers: the sum of the study's own Exhibit 2.
    nlohmann::json by_year = TableJson(out_dir + "/" + key + "/exhibits/joint_by_year.json");
    long total = 0;
    for (const auto& year_row : by_year["rows"]) total += std::stol(CellOf(by_year, year_row, "joint_papers"));
    EXPECT_EQ(CellOf(studies, row, "joint_papers"), std::to_string(total));
    nlohmann::json top = TableJson(out_dir + "/" + key + "/exhibits/top_cited.json");
    ASSERT_FALSE(top["rows"].empty());
    EXPECT_EQ(CellOf(studies, row, "a_share_of_top10_pct"), CellOf(top, top["rows"][0], "share_of_top10_pct"));
  }
  std::string page = ReadFileText(out_dir + "/tracker.html");
  EXPECT_NE(page.find("href=\"ai.europe-china/report.html\""), std::string::npos);

  // report --tracker rewrites the same tables from the databases.
  std::string first = ReadFileText(out_dir + "/tracker_studies.csv");
  fs::remove(out_dir + "/tracker_studies.csv");
  ASSERT_EQ(RunEntangle(fmt::format("report --tracker {} --dir {}", tracker, out_dir), &out, &err), 0) << out << err;
  EXPECT_EQ(ReadFileText(out_dir + "/tracker_studies.csv"), first);
}

TEST(TrackerRunTest, UsageErrorsExitTwo) {
  std::string out, err;
  std::string study = SourcePath("studies/ai-europe-china.toml");
  EXPECT_EQ(RunEntangle(fmt::format("run {} --tracker t.toml --snapshot s --out o", study), &out, &err), 2) << err;
  EXPECT_EQ(RunEntangle("run --snapshot s --out o", &out, &err), 2) << err;
  EXPECT_EQ(RunEntangle("report --tracker t.toml", &out, &err), 2) << "--tracker needs --dir: " << err;
  EXPECT_EQ(RunEntangle("report --tracker t.toml --dir d --db x.db", &out, &err), 2) << err;
}

}  // namespace
}  // namespace entangle
