#pragma once
// Test support for the Parquet end-to-end tests (tests/e2e/parquet_*_test.cc): converting JSON Lines
// to Parquet with DuckDB (tests/parquet/convert-works.mjs, any OpenAlex entity) or in other writers'
// list layouts (tests/parquet/write-layouts.mjs, works), comparing two
// study databases table by table, and overwriting one column chunk's first page header of a row
// group so that reading that column fails.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parquet/parquet_file.h"
#include "support/real_records.h"
#include "support/study_db_tables.h"

namespace entangle::testing {

inline std::string ShellQuote(const std::string& s) { return "'" + s + "'"; }

// Runs a script of tests/parquet/ with node; "" when it worked, else what it said.
inline std::string RunParquetScript(const std::string& script, const std::string& arguments) {
  std::string command = "node " + ShellQuote(SourcePath("tests/parquet/" + script)) + " " + arguments + " 2>&1";
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "cannot run node";
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int rc = pclose(pipe);
  if (rc == 0) return "";
  return "tests/parquet/" + script +
         " failed (node and the modules of tests/parquet/: run scripts/setup.sh): " + output;
}

// Runs the converter (DuckDB) on (input, output) pairs; "" when it worked, else what it said.
inline std::string ConvertToParquet(const std::vector<std::pair<std::string, std::string>>& pairs,
                                    const std::string& options) {
  std::string arguments = options;
  for (const auto& [in, out] : pairs) arguments += " " + ShellQuote(in) + " " + ShellQuote(out);
  return RunParquetScript("convert-works.mjs", arguments);
}

// Writes works in another writer's layout (tests/parquet/write-layouts.mjs: `options` such as
// "--layout two-level --timestamps int96"), and the JSON Lines the Parquet file holds to `expected`.
inline std::string WriteParquetLayout(const std::string& options, const std::string& in, const std::string& out,
                                      const std::string& expected) {
  return RunParquetScript("write-layouts.mjs",
                          options + " " + ShellQuote(in) + " " + ShellQuote(out) + " " + ShellQuote(expected));
}

// Every table of a study database as text rows, sorted; without the tables `keep` rules out, and
// without the run's metadata (paths, sizes, timings), the input file of each work or skip (.gz vs
// .parquet: the line, or row, is compared) and a skip's message (a Parquet one adds the row group).
inline std::map<std::string, std::vector<std::string>> ComparableTables(
    const std::string& path, const std::function<bool(const std::string&)>& keep = nullptr) {
  return StudyDbTables(
      path,
      [&](const std::string& table) { return table != "runs" && table != "input_files" && (!keep || keep(table)); },
      [](const std::string& table, const std::string& column, std::string value) -> std::optional<std::string> {
        if (column == "source_file") return std::nullopt;
        if (table == "skipped" && (column == "file" || column == "message")) return std::nullopt;
        return value;
      });
}

// The two databases hold the same rows in every table `keep` keeps; returns the rows compared.
inline size_t ExpectSameTables(const std::string& want_db, const std::string& got_db,
                               const std::function<bool(const std::string&)>& keep = nullptr) {
  auto want = ComparableTables(want_db, keep), got = ComparableTables(got_db, keep);
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(want.size(), got.size());
  size_t rows = 0;
  for (const auto& [name, rows_want] : want) {
    const std::vector<std::string>& rows_got = got[name];
    EXPECT_EQ(rows_want.size(), rows_got.size()) << name;
    rows += rows_want.size();
    for (size_t i = 0; i < std::min(rows_want.size(), rows_got.size()); ++i) {
      if (rows_want[i] != rows_got[i]) {
        ADD_FAILURE() << name << " row " << i << "\n  want: " << rows_want[i] << "\n  got:  " << rows_got[i];
        break;
      }
    }
  }
  return rows;
}

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Overwrites the first page header of column `path` in row group `row_group` of `bytes` (the file
// at `file`) with 0xff bytes: the Thrift decoder rejects it, so reading that column chunk fails.
inline void CorruptColumnChunk(const parquet::ParquetFile& file, int row_group, const std::string& path,
                               std::string& bytes) {
  int column = file.schema().FindColumn(path);
  ASSERT_GE(column, 0) << path;
  const parquet::ColumnChunkInfo& chunk = file.row_group(row_group).columns[static_cast<size_t>(column)];
  int64_t at = chunk.dictionary_page_offset >= 0 ? chunk.dictionary_page_offset : chunk.data_page_offset;
  for (int64_t i = 0; i < 12; ++i) bytes[static_cast<size_t>(at + i)] = '\xff';
}

}  // namespace entangle::testing
