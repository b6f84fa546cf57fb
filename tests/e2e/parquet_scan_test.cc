// `entangle scan` of Parquet works (issue 22): the same records as JSON Lines and as Parquet
// (converted by DuckDB, tests/parquet/convert-works.mjs) give identical study databases, table by
// table and row by row (apart from the run's metadata: input paths, formats, sizes and timings), and
// identical dry-run counts, on the shared real works and on a synthetic corpus; a truncated file and
// a corrupt page are located and skipped, and fail the run with --strict (exit 3).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
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

// The counts of a --json summary that must not depend on the input format.
json Counts(const std::string& summary) {
  json s = json::parse(summary);
  json counts;
  for (const char* key : {"records", "works", "in_scope", "field_relevant", "joint", "duplicates", "merged_away",
                          "skipped", "joint_by_year", "joint_by_subfield", "xpac"}) {
    if (s.contains(key)) counts[key] = s[key];
  }
  return counts;
}

std::string Study() { return SourcePath("studies/ai-europe-china.toml"); }

struct RealFixture {
  TempDir dir;
  std::string jsonl, parquet, error;
  RealFixture() {
    jsonl = SharedPath("data/openalex/works-real.jsonl.gz");
    parquet = dir / "works-real.parquet";
    error = testing::ConvertToParquet({{jsonl, parquet}}, "--row-group-size 50");
  }
};

const RealFixture& Real() {
  static const RealFixture* fixture = new RealFixture();
  return *fixture;
}

TEST(ParquetScanTest, RealWorksGiveTheSameDatabaseAsJsonLines) {
  ASSERT_TRUE(Real().error.empty()) << Real().error;
  TempDir dir;
  std::string out, err;
  for (const auto& [input, db] :
       {std::pair{Real().jsonl, dir / "jsonl.db"}, std::pair{Real().parquet, dir / "parquet.db"}}) {
    ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --progress none --threads 2", input, Study(), db),
                          &out, &err),
              0)
        << err;
  }
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db"), 0u);
}

TEST(ParquetScanTest, RealWorksGiveTheSameDryRunCounts) {
  ASSERT_TRUE(Real().error.empty()) << Real().error;
  std::string want, got, err;
  ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --dry-run --json --progress none", Real().jsonl, Study()),
                        &want, &err),
            0)
      << err;
  ASSERT_EQ(RunEntangle(
                fmt::format("scan {} --study {} --dry-run --json --progress none --threads 3", Real().parquet, Study()),
                &got, &err),
            0)
      << err;
  EXPECT_EQ(Counts(want).dump(1), Counts(got).dump(1));
  EXPECT_GT(Counts(want)["joint"].get<int>(), 0);
  EXPECT_EQ(json::parse(got)["layout"], "files");
}

TEST(ParquetScanTest, SyntheticCorpusGivesTheSameDatabaseWithFormatParquet) {
  TempDir dir;
  std::string corpus = dir / "corpus", out, err;
  ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works 3000 --seed 5", corpus), &out, &err), 0) << err;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(corpus) / "data" / "works")) {
    if (entry.path().extension() != ".gz") continue;
    fs::path target = entry.path();
    target.replace_extension(".parquet");
    pairs.emplace_back(entry.path().string(), target.string());
  }
  ASSERT_FALSE(pairs.empty());
  std::string error = testing::ConvertToParquet(pairs, "--compression zstd --version V2 --row-group-size 300");
  ASSERT_TRUE(error.empty()) << error;
  std::string scan = fmt::format("scan {} --study {} --progress none --json", corpus, Study());
  std::string want, got;
  ASSERT_EQ(RunEntangle(scan + " --db " + (dir / "jsonl.db"), &want, &err), 0) << err;
  ASSERT_EQ(RunEntangle(scan + " --format parquet --threads 2 --db " + (dir / "parquet.db"), &got, &err), 0) << err;
  EXPECT_EQ(Counts(want).dump(1), Counts(got).dump(1));
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db"), 0u);
  // The default reads the JSON Lines and names the Parquet files as not read.
  ASSERT_EQ(RunEntangle(scan + " --dry-run", &out, &err), 0) << err;
  EXPECT_EQ(Counts(out).dump(1), Counts(want).dump(1));
  EXPECT_NE(out.find("parquet_not_read"), std::string::npos) << out;
  // --dry-run of the Parquet copy counts the same.
  ASSERT_EQ(RunEntangle(scan + " --format parquet --dry-run", &out, &err), 0) << err;
  EXPECT_EQ(Counts(out).dump(1), Counts(want).dump(1));
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ParquetScanTest, TruncatedFileAndCorruptPageAreLocatedAndSkipped) {
  ASSERT_TRUE(Real().error.empty()) << Real().error;
  TempDir dir;
  std::string bytes = ReadBytes(Real().parquet);
  // A truncated file: the footer is gone.
  std::string truncated = dir / "truncated.parquet";
  testing::WriteFileBytes(truncated, std::string_view(bytes).substr(0, bytes.size() / 2));
  // A corrupt page: the first data page header of row group 1's publication_year column overwritten.
  auto file = parquet::ParquetFile::Open(Real().parquet);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_GT((*file)->num_row_groups(), 2);
  int year = (*file)->schema().FindColumn("publication_year");
  ASSERT_GE(year, 0);
  int64_t rows_in_group = (*file)->row_group(1).num_rows;
  const parquet::ColumnChunkInfo& chunk = (*file)->row_group(1).columns[static_cast<size_t>(year)];
  int64_t at = chunk.dictionary_page_offset >= 0 ? chunk.dictionary_page_offset : chunk.data_page_offset;
  std::string corrupt_bytes = bytes;
  for (int64_t i = 0; i < 12; ++i) corrupt_bytes[static_cast<size_t>(at + i)] = '\xff';
  std::string corrupt = dir / "corrupt.parquet";
  testing::WriteFileBytes(corrupt, corrupt_bytes);

  std::string out, err;
  ASSERT_EQ(RunEntangle(fmt::format("scan {} {} {} --study {} --dry-run --json --progress none", Real().parquet,
                                    truncated, corrupt, Study()),
                        &out, &err),
            0)
      << err;
  json s = json::parse(out);
  EXPECT_EQ(s["skipped"]["unreadable_file"], 1) << s["skipped"];
  EXPECT_EQ(s["skipped"]["parquet_row_group"], 1) << s["skipped"];
  std::string text = s.dump();
  EXPECT_NE(text.find("truncated.parquet"), std::string::npos) << text;
  EXPECT_NE(text.find("row group 1"), std::string::npos) << text;
  EXPECT_NE(text.find("publication_year"), std::string::npos) << text;
  // The good file and the corrupt file's other row groups are counted.
  std::string alone;
  ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --dry-run --json --progress none", Real().parquet, Study()),
                        &alone, &err),
            0);
  uint64_t records = json::parse(alone)["records"].get<uint64_t>();
  EXPECT_EQ(s["records"].get<uint64_t>(), 2 * records - uint64_t(rows_in_group));

  for (const std::string& bad : {truncated, corrupt}) {
    EXPECT_EQ(
        RunEntangle(fmt::format("scan {} --study {} --dry-run --strict --progress none", bad, Study()), &out, &err), 3)
        << bad << ": " << err;
  }
}

TEST(ParquetScanTest, FormatJsonlLeavesParquetFilesNamedAsNotRead) {
  ASSERT_TRUE(Real().error.empty()) << Real().error;
  std::string out, err;
  int rc = RunEntangle(
      fmt::format("scan {} --study {} --dry-run --progress none --format jsonl", Real().parquet, Study()), &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_NE(err.find("Parquet"), std::string::npos) << err;
}

}  // namespace
}  // namespace entangle
