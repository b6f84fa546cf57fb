// `entangle scan --tracker` (issue 21, item 3): one pass over a synthetic corpus for a tracker of
// ten studies (the AI, quantum, semiconductor and robotics areas — robotics with places per term
// — and an area of wider scope, for the europe-china and germany-china pairs) writes, for each study, the database a
// scan of that study alone writes: table by table, row by row (the runs row apart from its times, command line and the
// study file's path). The corpus has malformed lines, duplicate copies and merged ids, so skips and
// duplicates are compared too. A bad tracker fails before any input is read; --tracker with --study
// or --db is a usage error.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "select/tracker.h"
#include "support/real_records.h"
#include "support/study_db_tables.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;
using testing::WriteFileBytes;

// An area with another scope than the critical-technology areas' (every year, language and type)
// and every field: the studies of one tracker need not share a scope.
constexpr const char* kWideArea = R"(name = "Every field, every year: Europe–China"
[groups.a]
name = "Europe"
countries = ["EUROPE"]
[groups.b]
name = "China"
countries = ["CHINA"]
[scope]
years = [1990, 2030]
include_unknown_language = true
)";

// Every table of a study database (but SQLite's own) as text rows, sorted. Of the runs row, the columns a second
// run of the same study may change are left out (times, command line, the study file's path) and
// the summary JSON loses its timings and database path (and its skip examples are sorted).
std::map<std::string, std::vector<std::string>> Tables(const std::string& path) {
  const std::set<std::string> run_columns_that_vary = {"study_path", "command_line", "started_at", "finished_at"};
  return testing::StudyDbTables(
      path, [](const std::string&) { return true; },
      [&](const std::string& table, const std::string& column, std::string value) -> std::optional<std::string> {
        if (table != "runs") return value;
        if (run_columns_that_vary.count(column)) return std::nullopt;
        if (column == "summary_json") {
          json summary = json::parse(value);
          for (const char* key : {"seconds", "step_seconds", "database"}) summary.erase(key);
          // Which thread meets which bad line first varies from run to run, alone or not.
          std::sort(summary["skip_examples"].begin(), summary["skip_examples"].end());
          return summary.dump();
        }
        return value;
      });
}

class TrackerScanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string out, err;
    // Malformed lines (at most ten: the summary keeps the first ten it meets, which depends on the
    // threads), older copies and merged ids: skips and duplicates are compared too.
    ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works 4000 --seed 21 --works-per-file 1500 "
                                      "--malformed-rate 0.002 --duplicate-rate 0.05 --merged-rate 0.01",
                                      Corpus()),
                          &out, &err),
              0)
        << err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path Root() { return dir_->path(); }
  static std::string Corpus() { return (Root() / "corpus").string(); }

  // A tracker of ten studies: four critical-technology areas and the wide one, two pairs.
  static std::string WriteTracker() {
    fs::path area = Root() / "areas" / "wide.toml";
    WriteFileBytes(area, kWideArea);
    std::string tracker =
        fmt::format(R"(name = "Tracker scan test"
areas = ["{}", "{}", "{}", "{}", "{}"]
pairs = ["europe-china", "germany-china"]
)",
                    SourcePath("studies/critical-tech/ai.toml"), SourcePath("studies/critical-tech/quantum.toml"),
                    SourcePath("studies/critical-tech/semiconductors.toml"),
                    SourcePath("studies/critical-tech/robotics.toml"), area.string());
    fs::path path = Root() / "areas" / "tracker.toml";
    WriteFileBytes(path, tracker);
    return path.string();
  }

  static TempDir* dir_;
};

TempDir* TrackerScanTest::dir_ = nullptr;

TEST_F(TrackerScanTest, EachStudysDatabaseIsWhatItsOwnScanWrites) {
  const std::string tracker_path = WriteTracker();
  Result<select::TrackerDefinition> tracker = select::LoadTrackerDefinition(tracker_path);
  ASSERT_TRUE(tracker.ok()) << tracker.status().ToString();
  ASSERT_EQ(tracker->studies.size(), 10u);

  const fs::path out_dir = Root() / "tracker-out";
  std::string out, err;
  ASSERT_EQ(RunEntangle(fmt::format("scan {} --tracker {} --out {} --threads 2 --progress none", Corpus(), tracker_path,
                                    out_dir.string()),
                        &out, &err),
            0)
      << err;
  for (const select::TrackerStudy& study : tracker->studies) {
    EXPECT_NE(out.find(study.key), std::string::npos) << "the printed summary lists every study:\n" << out;
  }

  std::ifstream listing(out_dir / "tracker.json");
  json listed = json::parse(listing);
  EXPECT_EQ(listed["tracker"], "Tracker scan test");
  ASSERT_EQ(listed["studies"].size(), tracker->studies.size());

  std::set<uint64_t> distinct_joint_counts;
  for (size_t i = 0; i < tracker->studies.size(); ++i) {
    const select::TrackerStudy& study = tracker->studies[i];
    SCOPED_TRACE(study.key);
    const json& entry = listed["studies"][i];
    EXPECT_EQ(entry["key"], study.key);
    EXPECT_EQ(entry["area"], study.area);
    EXPECT_EQ(entry["pair"], study.pair);
    EXPECT_EQ(entry["database"], study.key + ".db");

    // The study alone, from the standalone text the tracker made for it.
    fs::path study_file = Root() / "single" / (study.key + ".toml");
    WriteFileBytes(study_file, study.study.source_text);
    fs::path single_db = Root() / "single" / (study.key + ".db");
    ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --threads 2 --progress none --json", Corpus(),
                                      study_file.string(), single_db.string()),
                          &out, &err),
              0)
        << err;
    json single = json::parse(out);
    EXPECT_EQ(entry["summary"]["joint"], single["joint"]);
    EXPECT_EQ(entry["summary"]["in_scope"], single["in_scope"]);
    distinct_joint_counts.insert(single["joint"].get<uint64_t>());

    auto from_tracker = Tables((out_dir / (study.key + ".db")).string());
    auto alone = Tables(single_db.string());
    ASSERT_EQ(from_tracker.size(), alone.size());
    for (const auto& [table, rows] : alone) {
      SCOPED_TRACE(table);
      ASSERT_EQ(from_tracker[table].size(), rows.size());
      for (size_t r = 0; r < rows.size(); ++r) ASSERT_EQ(from_tracker[table][r], rows[r]) << "row " << r;
    }
    // The comparison means something: works, totals and skips are there to compare.
    EXPECT_FALSE(alone["skipped"].empty());
    EXPECT_FALSE(alone["institutions"].empty());
    if (study.area == "ai" || study.area == "wide") {
      EXPECT_FALSE(alone["works"].empty());
      EXPECT_FALSE(alone["totals"].empty());  // the synthetic corpus has no semiconductor papers
    }
  }
  EXPECT_GE(distinct_joint_counts.size(), 3u) << "the studies differ in what they keep";
}

TEST_F(TrackerScanTest, ADryRunCountsWhatTheScanWouldWriteAndWritesNothing) {
  const std::string tracker_path = WriteTracker();
  const fs::path out_dir = Root() / "dry-run-out";
  std::string out, err;
  ASSERT_EQ(RunEntangle(fmt::format("scan {} --tracker {} --out {} --dry-run --json --threads 2 --progress none",
                                    Corpus(), tracker_path, out_dir.string()),
                        &out, &err),
            0)
      << err;
  json dry = json::parse(out);
  ASSERT_EQ(dry["studies"].size(), 10u);
  EXPECT_FALSE(fs::exists(out_dir / "tracker.json"));
  for (const json& entry : dry["studies"])
    EXPECT_FALSE(fs::exists(out_dir / (entry["key"].get<std::string>() + ".db")));
}

TEST(TrackerScanUsage, ABadTrackerFailsBeforeAnyInputIsRead) {
  TempDir dir;
  fs::path tracker = dir.path() / "tracker.toml";
  WriteFileBytes(tracker, fmt::format("name = \"t\"\nareas = [\"{}\"]\npairs = [\"germny-china\"]\n",
                                      SourcePath("studies/critical-tech/ai.toml")));
  std::string out, err;
  // The input does not exist: had it been looked at first, the error would say so.
  EXPECT_EQ(RunEntangle(fmt::format("scan {} --tracker {} --out {}", (dir.path() / "no-such-snapshot").string(),
                                    tracker.string(), (dir.path() / "out").string()),
                        &out, &err),
            1);
  EXPECT_NE(err.find("unknown pair preset \"germny-china\""), std::string::npos) << err;
  EXPECT_EQ(err.find("no-such-snapshot"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(TrackerScanUsage, AStudyKeyThatCannotNameAFileIsAnError) {
  TempDir dir;
  WriteFileBytes(dir.path() / "my area.toml", kWideArea);
  fs::path tracker = dir.path() / "tracker.toml";
  WriteFileBytes(tracker, "name = \"t\"\nareas = [\"my area.toml\"]\npairs = [\"europe-china\"]\n");
  std::string out, err;
  EXPECT_EQ(RunEntangle(fmt::format("scan {} --tracker {} --out {}", (dir.path() / "no-such-snapshot").string(),
                                    tracker.string(), (dir.path() / "out").string()),
                        &out, &err),
            1);
  EXPECT_NE(err.find("study key \"my area.europe-china\" cannot name its database file"), std::string::npos) << err;
}

TEST(TrackerScanUsage, TrackerWithStudyOrDbIsAUsageError) {
  std::string tracker = SourcePath("studies/critical-tech/tracker.toml");
  std::string out, err;
  EXPECT_EQ(RunEntangle(fmt::format("scan x --tracker {} --out o --study {}", tracker,
                                    SourcePath("studies/ai-europe-china.toml")),
                        &out, &err),
            2)
      << err;
  EXPECT_EQ(RunEntangle(fmt::format("scan x --tracker {} --out o --db x.db", tracker), &out, &err), 2) << err;
  EXPECT_EQ(RunEntangle("scan x --out o --db x.db", &out, &err), 2) << "--out needs --tracker: " << err;
}

}  // namespace
}  // namespace entangle
