// Column projection of the Parquet scan (issue 22): a study whose field rules do not use topics
// reads no topic column but the primary topic's subfield and field. Shown on the real works
// converted to Parquet whose `topics` columns are corrupt in every row group without a joint work:
// a concepts-only study scans that file into the same database as the JSON Lines (nothing skipped),
// while a topics study on the same file reports each corrupt row group, located by file, row group
// and column.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "e2e/parquet_e2e_util.h"
#include "parquet/parquet_file.h"
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

constexpr int kRowGroupRows = 20;

// The AI study without one of its two field rules ("[field.concepts]" or "[field.topics]").
std::string StudyWithout(const std::string& section) {
  std::string text = testing::ReadFileBytes(SourcePath("studies/ai-europe-china.toml"));
  size_t begin = text.find(section);
  EXPECT_NE(begin, std::string::npos) << section;
  size_t end = text.find("\n[", begin + 1);
  text.erase(begin, end == std::string::npos ? std::string::npos : end + 1 - begin);
  return text;
}

// The rows (1-based lines) of the works a study database holds.
std::set<int64_t> WorkLines(const std::string& db_path) {
  std::set<int64_t> lines;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT source_line FROM works", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) lines.insert(sqlite3_column_int64(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return lines;
}

TEST(ParquetProjectionTest, StudyWithoutTopicRulesReadsNoTopicColumn) {
  TempDir dir;
  const std::string jsonl = SharedPath("data/openalex/works-real.jsonl.gz");
  const std::string clean = dir / "works.parquet";
  std::string error = testing::ConvertToParquet({{jsonl, clean}}, fmt::format("--row-group-size {}", kRowGroupRows));
  ASSERT_TRUE(error.empty()) << error;
  const std::string concepts_study = dir / "concepts.toml", topics_study = dir / "topics.toml";
  testing::WriteFileBytes(concepts_study, StudyWithout("[field.topics]"));
  testing::WriteFileBytes(topics_study, StudyWithout("[field.concepts]"));

  std::string out, err;
  const std::string scan = "scan {} --study {} --db {} --progress none --threads 2";
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), jsonl, concepts_study, dir / "jsonl.db"), &out, &err), 0)
      << err;
  const std::set<int64_t> joint = WorkLines(dir / "jsonl.db");
  ASSERT_FALSE(joint.empty());

  // The topics' ids and scores broken in every row group without a joint work (a joint work's full
  // record, with its topics, is read whatever the rules).
  auto file = parquet::ParquetFile::Open(clean);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  std::string bytes = testing::ReadFileBytes(clean);
  std::vector<int> corrupt_groups;
  int64_t first = 1;
  for (int g = 0; g < (*file)->num_row_groups(); ++g) {
    int64_t rows = (*file)->row_group(g).num_rows;
    if (joint.lower_bound(first) == joint.lower_bound(first + rows)) {
      testing::CorruptColumnChunk(**file, g, "topics.list.element.id", bytes);
      testing::CorruptColumnChunk(**file, g, "topics.list.element.score", bytes);
      corrupt_groups.push_back(g);
    }
    first += rows;
  }
  ASSERT_GT(corrupt_groups.size(), 10u);
  const std::string corrupt = dir / "works-corrupt-topics.parquet";
  testing::WriteFileBytes(corrupt, bytes);

  // Without topic rules: the same database as the JSON Lines, nothing skipped.
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), corrupt, concepts_study, dir / "parquet.db") + " --strict",
                        &out, &err),
            0)
      << out << err;
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db"), 0u);

  // With topic rules: the corrupt row groups that hold a work in scope are skipped, located by row
  // group and column.
  ASSERT_EQ(
      RunEntangle(fmt::format("scan {} --study {} --dry-run --json --progress none --threads 1", corrupt, topics_study),
                  &out, &err),
      0)
      << err;
  json summary = json::parse(out);
  ASSERT_TRUE(summary["skipped"].contains("parquet_row_group")) << out;
  EXPECT_GT(summary["skipped"]["parquet_row_group"].get<size_t>(), 0u);
  EXPECT_LE(summary["skipped"]["parquet_row_group"].get<size_t>(), corrupt_groups.size());
  std::string examples = summary["skip_examples"].dump();
  EXPECT_NE(examples.find("column topics.list.element.id"), std::string::npos) << examples;
  std::smatch group;
  ASSERT_TRUE(std::regex_search(examples, group, std::regex("row group ([0-9]+)"))) << examples;
  EXPECT_NE(std::find(corrupt_groups.begin(), corrupt_groups.end(), std::stoi(group[1].str())), corrupt_groups.end())
      << examples;
  EXPECT_EQ(RunEntangle(fmt::format("scan {} --study {} --dry-run --strict --progress none", corrupt, topics_study),
                        &out, &err),
            3)
      << err;
}

}  // namespace
}  // namespace entangle
