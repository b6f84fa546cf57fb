// `entangle run --format` (issue 22): the scan step reads the copy of the works `--format` names,
// as `scan --format` does, and a mistyped value is a usage error (exit 2, the nearest value named)
// found before any step runs, with the same message from scan and run.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include <fmt/format.h>
#include <sqlite3.h>

#include "e2e/parquet_e2e_util.h"
#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using testing::RunEntangle;
using testing::SharedPath;
using testing::SourcePath;
using testing::TempDir;

std::string Study() { return SourcePath("studies/ai-europe-china.toml"); }

// The formats of the works files a study database lists (input_files.format).
std::set<std::string> InputFormats(const std::string& db_path) {
  std::set<std::string> formats;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK) << db_path;
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT format FROM input_files", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) formats.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return formats;
}

TEST(ParquetRunFormatTest, MistypedFormatIsAUsageErrorBeforeAnyStep) {
  TempDir dir;
  const std::string out_dir = dir / "out";
  std::string out, err;
  EXPECT_EQ(RunEntangle(fmt::format("run {} --snapshot {} --out {} --progress none --format parqet", Study(),
                                    SourcePath("data/sample/openalex"), out_dir),
                        &out, &err),
            2)
      << out << err;
  EXPECT_NE(err.find("--format"), std::string::npos) << err;
  EXPECT_NE(err.find("did you mean `parquet`?"), std::string::npos) << err;
  EXPECT_EQ(out.find("Study:"), std::string::npos) << "the scan ran:\n" << out;
  EXPECT_FALSE(fs::exists(out_dir + "/study.db"));
  // Far from every value: no guess, the values listed.
  EXPECT_EQ(RunEntangle(fmt::format("run {} --snapshot {} --out {} --progress none --format xml", Study(),
                                    SourcePath("data/sample/openalex"), out_dir),
                        &out, &err),
            2);
  EXPECT_NE(err.find("not one of auto, jsonl, parquet"), std::string::npos) << err;
  EXPECT_EQ(err.find("did you mean `"), std::string::npos) << err;
}

// The line of `err` that names --format ("" when none does).
std::string FormatLine(const std::string& err) {
  const size_t at = err.find("--format");
  if (at == std::string::npos) return "";
  const size_t begin = err.rfind('\n', at) + 1;  // npos + 1 == 0: the first line
  return err.substr(begin, err.find('\n', at) - begin);
}

// scan and run check --format with one validator: the same exit code and the same message.
TEST(ParquetRunFormatTest, ScanAndRunRejectAMistypedFormatAlike) {
  TempDir dir;
  const std::string db = dir / "study.db";
  std::string out, scan_err, run_err;
  EXPECT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --progress none --format parqet",
                                    SourcePath("data/sample/openalex"), Study(), db),
                        &out, &scan_err),
            2)
      << out << scan_err;
  EXPECT_NE(scan_err.find("did you mean `parquet`?"), std::string::npos) << scan_err;
  EXPECT_FALSE(fs::exists(db));
  EXPECT_EQ(RunEntangle(fmt::format("run {} --snapshot {} --out {} --progress none --format parqet", Study(),
                                    SourcePath("data/sample/openalex"), dir / "out"),
                        &out, &run_err),
            2)
      << out << run_err;
  EXPECT_FALSE(FormatLine(scan_err).empty()) << scan_err;
  EXPECT_EQ(FormatLine(scan_err), FormatLine(run_err));
}

TEST(ParquetRunFormatTest, FormatChoosesTheCopyTheScanReads) {
  TempDir dir;
  // A folder with both copies of the real works.
  const fs::path works = dir / "works";
  fs::create_directories(works);
  fs::copy_file(SharedPath("data/openalex/works-real.jsonl.gz"), works / "works-real.jsonl.gz");
  std::string error = testing::ConvertToParquet(
      {{(works / "works-real.jsonl.gz").string(), (works / "works-real.parquet").string()}}, "--row-group-size 100");
  ASSERT_TRUE(error.empty()) << error;
  std::string out, err;
  for (const char* format : {"auto", "jsonl", "parquet"}) {
    SCOPED_TRACE(format);
    const std::string out_dir = dir / format;
    ASSERT_EQ(RunEntangle(fmt::format("run {} --snapshot {} --out {} --progress none --threads 2 --format {}", Study(),
                                      works.string(), out_dir, format),
                          &out, &err),
              0)
        << out << err;
    std::set<std::string> want = {std::string(format) == "parquet" ? "parquet" : "jsonl.gz"};
    EXPECT_EQ(InputFormats(out_dir + "/study.db"), want);
    EXPECT_TRUE(fs::exists(out_dir + "/report.html"));
  }
  // The scan step of each read the same records: the same study database.
  EXPECT_GT(testing::ExpectSameTables((dir / "jsonl") + "/study.db", (dir / "parquet") + "/study.db",
                                      [](const std::string& table) {
                                        return table.rfind("exhibit", 0) != 0 && table.rfind("screen_", 0) != 0;
                                      }),
            0u);
}

}  // namespace
}  // namespace entangle
