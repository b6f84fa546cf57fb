// `entangle scan --tracker` of a Parquet copy (issues 21 and 22): one pass over the Parquet copy of
// a synthetic corpus writes, for each study of a tracker, the database a scan of that study alone
// writes from the JSON Lines: table by table, row by row (apart from the run's metadata, the input
// file of each work and the skips' messages). The tracker's areas differ in what their field rules
// read (concepts and topics, keywords, concepts only, no rule), so the pass reads the union of the
// columns they need.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "e2e/parquet_e2e_util.h"
#include "select/tracker.h"
#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;
using testing::WriteFileBytes;

// An area of every year, language and type, with the field rule `field` (TOML, may be empty).
std::string WideArea(const std::string& name, const std::string& field) {
  return fmt::format(R"(name = "{}: Europe–China"
[groups.a]
name = "Europe"
countries = ["EUROPE"]
[groups.b]
name = "China"
countries = ["CHINA"]
[scope]
years = [1990, 2030]
include_unknown_language = true
{})",
                     name, field);
}

TEST(ParquetTrackerTest, EachStudysDatabaseFromParquetIsWhatItsOwnJsonScanWrites) {
  TempDir dir;
  const std::string corpus = dir / "corpus";
  std::string out, err;
  ASSERT_EQ(RunEntangle(
                fmt::format("synth --out {} --works 3000 --seed 5 --works-per-file 1000 --duplicate-rate 0.05", corpus),
                &out, &err),
            0)
      << err;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(corpus) / "data" / "works")) {
    if (entry.path().extension() != ".gz") continue;
    fs::path target = entry.path();
    target.replace_extension(".parquet");
    pairs.emplace_back(entry.path().string(), target.string());
  }
  ASSERT_GE(pairs.size(), 3u);
  std::string error = testing::ConvertToParquet(pairs, "--row-group-size 200");
  ASSERT_TRUE(error.empty()) << error;

  const fs::path areas = dir.path() / "areas";
  WriteFileBytes(areas / "keywords.toml",
                 WideArea("Keywords", "[field.keywords]\nterms = [\"neural network\", \"quantum\", \"learning\"]\n"));
  WriteFileBytes(areas / "concepts.toml",
                 WideArea("Concepts", "[field.concepts]\nids = [\"C154945302\", \"C119857082\"]\nmin_score = 0.3\n"));
  WriteFileBytes(areas / "wide.toml", WideArea("Every field", ""));
  const fs::path tracker_path = areas / "tracker.toml";
  WriteFileBytes(tracker_path,
                 fmt::format(R"(name = "Parquet tracker test"
areas = ["{}", "{}", "{}", "{}"]
pairs = ["europe-china", "germany-china"]
)",
                             SourcePath("studies/critical-tech/ai.toml"), (areas / "keywords.toml").string(),
                             (areas / "concepts.toml").string(), (areas / "wide.toml").string()));
  Result<select::TrackerDefinition> tracker = select::LoadTrackerDefinition(tracker_path.string());
  ASSERT_TRUE(tracker.ok()) << tracker.status().ToString();
  ASSERT_EQ(tracker->studies.size(), 8u);

  const fs::path out_dir = dir.path() / "tracker-out";
  ASSERT_EQ(RunEntangle(fmt::format("scan {} --tracker {} --out {} --format parquet --threads 2 --progress none",
                                    corpus, tracker_path.string(), out_dir.string()),
                        &out, &err),
            0)
      << err;
  size_t studies_with_works = 0;
  for (const select::TrackerStudy& study : tracker->studies) {
    SCOPED_TRACE(study.key);
    const fs::path study_file = dir.path() / "single" / (study.key + ".toml");
    WriteFileBytes(study_file, study.study.source_text);
    const fs::path single_db = dir.path() / "single" / (study.key + ".db");
    ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --format jsonl --threads 2 --progress none", corpus,
                                      study_file.string(), single_db.string()),
                          &out, &err),
              0)
        << err;
    const std::string from_tracker = (out_dir / (study.key + ".db")).string();
    EXPECT_GT(testing::ExpectSameTables(single_db.string(), from_tracker), 0u);
    auto alone = testing::ComparableTables(single_db.string());
    if (!alone["works"].empty()) ++studies_with_works;
    EXPECT_FALSE(alone["institutions"].empty());
  }
  EXPECT_GE(studies_with_works, 4u) << "the comparison holds joint works to compare";
}

}  // namespace
}  // namespace entangle
