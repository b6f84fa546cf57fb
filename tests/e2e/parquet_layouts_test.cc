// Parquet written by other writers than DuckDB (issue 22): OpenAlex publishes no schema for its
// Parquet copy, which Spark or parquet-mr most likely writes. The shared real works, written by
// tests/parquet/write-layouts.mjs in each list layout the format's backward-compatibility rules
// allow (three-level list/element, Hive's bag/array, two-level `array` and `_tuple`, a bare
// repeated field), with unannotated BYTE_ARRAY text, timestamps as INT64 (micros, millis) or INT96,
// columns in another order and columns entangle does not know, give the same study database as the
// scan of the same records as JSON Lines. A column of a wrong type is located (file, row group,
// column) and skipped, and fails --strict.
//
// A JSON `null` in a list (of objects, of ids) is skipped by the JSON parse; DuckDB keeps it as a
// NULL element, which the Parquet reader skipped only where the element was a string: a null
// institution, topic, concept, grant or count became an empty one. The same database now.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "e2e/parquet_e2e_util.h"
#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunEntangle;
using testing::SharedPath;
using testing::SourcePath;
using testing::TempDir;

std::string Study() { return SourcePath("studies/ai-europe-china.toml"); }
// Every field: the 32 joint works of the real records (6 for the AI study), each stored whole.
std::string EveryFieldStudy(const TempDir& dir) {
  const std::string path = dir / "every-field.toml";
  testing::WriteFileBytes(path, testing::kEuropeChinaEveryFieldStudy);
  return path;
}
std::string RealWorks() { return SharedPath("data/openalex/works-real.jsonl.gz"); }

// Scans `input` into `db`; the --json summary.
json Scan(const std::string& input, const std::string& study, const std::string& db) {
  std::string out, err;
  int rc = RunEntangle(fmt::format("scan {} --study {} --db {} --json --progress none", input, study, db), &out, &err);
  EXPECT_EQ(rc, 0) << err;
  return rc == 0 ? json::parse(out) : json();
}

struct Layout {
  const char* name;
  const char* options;
};

class ParquetLayoutTest : public ::testing::TestWithParam<Layout> {};

TEST_P(ParquetLayoutTest, SameDatabaseAsTheJsonLines) {
  TempDir dir;
  const std::string parquet = dir / "works.parquet", expected = dir / "expected.jsonl";
  ASSERT_EQ(testing::WriteParquetLayout(GetParam().options, RealWorks(), parquet, expected), "");
  const std::string study = EveryFieldStudy(dir);
  json want = Scan(expected, study, dir / "jsonl.db"), got = Scan(parquet, study, dir / "parquet.db");
  ASSERT_FALSE(got.is_null());
  EXPECT_GT(want["joint"].get<int>(), 30);
  EXPECT_EQ(got["joint"], want["joint"]);
  EXPECT_EQ(got["skipped"], want["skipped"]);
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db"), 5000u);
}

INSTANTIATE_TEST_SUITE_P(Writers, ParquetLayoutTest,
                         ::testing::Values(Layout{"ThreeLevel", "--layout three-level"},
                                           Layout{"Hive", "--layout hive"}, Layout{"TwoLevel", "--layout two-level"},
                                           Layout{"Tuple", "--layout tuple"},
                                           Layout{"Unannotated", "--layout unannotated"},
                                           Layout{"TimestampMicros", "--layout three-level --timestamps micros"},
                                           Layout{"TimestampMillis", "--layout hive --timestamps millis"},
                                           Layout{"Int96", "--layout two-level --timestamps int96"}),
                         [](const ::testing::TestParamInfo<Layout>& info) { return std::string(info.param.name); });

TEST(ParquetLayoutsTest, AColumnOfAWrongTypeIsLocatedAndSkipped) {
  TempDir dir;
  for (const char* column : {"publication_year", "authorships.list.element.institutions.list.element.country_code"}) {
    SCOPED_TRACE(column);
    const std::string parquet = dir / "wrong.parquet";
    ASSERT_EQ(
        testing::WriteParquetLayout(fmt::format("--layout two-level --row-group-size 500 --wrong-type {}", column),
                                    RealWorks(), parquet, dir / "expected.jsonl"),
        "");
    std::string out, err;
    ASSERT_EQ(
        RunEntangle(fmt::format("scan {} --study {} --dry-run --json --progress none", parquet, Study()), &out, &err),
        0)
        << err;
    json s = json::parse(out);
    // 1,864 rows in 4 groups of up to 500: each is skipped (the country codes are read only for a
    // group with a work in scope, which every group of the real works has).
    EXPECT_EQ(s["skipped"]["parquet_row_group"], 4) << s["skipped"];
    EXPECT_EQ(s["works"], 0);
    const std::string example = s["skip_examples"][0].dump();
    EXPECT_NE(example.find("wrong.parquet"), std::string::npos) << example;
    EXPECT_NE(example.find("row group 0"), std::string::npos) << example;
    EXPECT_NE(example.find(column), std::string::npos) << example;
    EXPECT_EQ(
        RunEntangle(fmt::format("scan {} --study {} --dry-run --strict --progress none", parquet, Study()), &out, &err),
        3);
  }
}

// Every list of the real works with a `null` in front (and a null author country and lineage id),
// as JSON Lines and as DuckDB writes them to Parquet.
TEST(ParquetLayoutsTest, NullListElementsAreSkippedAsInTheJsonParse) {
  TempDir dir;
  std::string text;
  for (const std::string& line : testing::ReadLines(RealWorks())) {
    json work = json::parse(line);
    for (const char* list : {"topics", "concepts", "counts_by_year", "grants", "keywords", "referenced_works"}) {
      if (work[list].is_array() && !work[list].empty()) work[list].insert(work[list].begin(), nullptr);
    }
    if (work["authorships"].is_array()) {
      for (json& authorship : work["authorships"]) {
        for (const char* list : {"institutions", "countries", "raw_affiliation_strings"}) {
          if (authorship[list].is_array() && !authorship[list].empty()) {
            authorship[list].insert(authorship[list].begin(), nullptr);
          }
        }
        if (!authorship["institutions"].is_array()) continue;
        for (json& institution : authorship["institutions"]) {
          if (institution.is_object() && institution["lineage"].is_array()) {
            institution["lineage"].insert(institution["lineage"].begin(), nullptr);
          }
        }
      }
    }
    text += work.dump() + "\n";
  }
  const std::string jsonl = dir / "works.jsonl", parquet = dir / "works.parquet";
  testing::WriteFileBytes(jsonl, text);
  ASSERT_EQ(testing::ConvertToParquet({{jsonl, parquet}}, "--row-group-size 50"), "");
  const std::string study = EveryFieldStudy(dir);
  json want = Scan(jsonl, study, dir / "jsonl.db"), got = Scan(parquet, study, dir / "parquet.db");
  ASSERT_FALSE(got.is_null());
  EXPECT_GT(want["joint"].get<int>(), 30);
  EXPECT_EQ(got["joint"], want["joint"]);
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db"), 5000u);
}

}  // namespace
}  // namespace entangle
