// Institutions and funders from the Parquet copy of a 2026 snapshot (issue 22): the same records as
// JSON Lines (data/jsonl/institutions/, funders/) and as Parquet (data/parquet/..., converted by
// DuckDB as the works are) give the same institutions, institution_names, institution_associations,
// funders and funder_names tables (and the same database as a whole); a row without an id, a corrupt
// row group and a truncated file are located and skipped as in the JSON Lines.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
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

const char* kInstitutions = "data/openalex/snapshot-2023/data/institutions/updated_date=2023-09-04/part_000.gz";
const char* kFunders = "data/openalex/snapshot-2023/data/funders/updated_date=2023-09-15/part_000.gz";

// The lines of a JSON Lines file (gzipped or not), each ended by a newline.
std::string Gunzip(const std::string& path) {
  std::string text;
  for (const std::string& line : testing::ReadLines(path)) text += line + "\n";
  return text;
}

// A 2026 snapshot of the shared real works, institutions and funders, once as data/jsonl/ and once
// as data/parquet/ only. Two extra institution lines: one without an id, and a duplicate id (the
// later copy replaces the earlier in both formats).
struct Snapshots {
  TempDir dir;
  std::string jsonl_root, parquet_root, error;
  Snapshots() {
    jsonl_root = dir / "jsonl-snapshot";
    parquet_root = dir / "parquet-snapshot";
    std::string institutions = Gunzip(SharedPath(kInstitutions));
    size_t first_end = institutions.find('\n');
    std::string first = institutions.substr(0, first_end);
    json no_id = json::parse(first);
    no_id["id"] = nullptr;
    institutions += no_id.dump() + "\n";
    json renamed = json::parse(first);
    renamed["display_name"] = "A later copy";
    institutions += renamed.dump() + "\n";
    const std::vector<std::pair<std::string, std::string>> files = {
        {"works/updated_date=2026-06-24/part_0000", ""},
        {"institutions/updated_date=2023-09-04/part_0000", institutions},
        {"funders/updated_date=2023-09-15/part_0000", Gunzip(SharedPath(kFunders))},
    };
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& [name, text] : files) {
      fs::path json_path = fs::path(jsonl_root) / "data" / "jsonl" / (name + ".jsonl");
      fs::create_directories(json_path.parent_path());
      if (text.empty()) {
        json_path.replace_extension(".gz");
        fs::copy_file(SharedPath("data/openalex/works-real.jsonl.gz"), json_path);
      } else {  // snapshot partitions hold .gz files
        testing::WriteFileBytes(json_path, text);
        if (std::system(("gzip -f " + testing::ShellQuote(json_path.string())).c_str()) != 0) error = "gzip failed";
        json_path += ".gz";
      }
      fs::path parquet_path = fs::path(parquet_root) / "data" / "parquet" / (name + ".parquet");
      fs::create_directories(parquet_path.parent_path());
      pairs.emplace_back(json_path.string(), parquet_path.string());
    }
    if (error.empty()) error = testing::ConvertToParquet(pairs, "--row-group-size 100");
  }
};

const Snapshots& Both() {
  static const Snapshots* snapshots = new Snapshots();
  return *snapshots;
}

std::string Study() { return SourcePath("studies/ai-europe-china.toml"); }

bool EntityTable(const std::string& table) {
  return table.rfind("institution", 0) == 0 || table.rfind("funder", 0) == 0;
}

TEST(ParquetEntitiesTest, SameInstitutionsAndFundersAsFromJsonLines) {
  ASSERT_TRUE(Both().error.empty()) << Both().error;
  TempDir dir;
  std::string want, got, err;
  const std::string scan = "scan {} --study {} --db {} --progress none --json";
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), Both().jsonl_root, Study(), dir / "jsonl.db"), &want, &err), 0)
      << err;
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), Both().parquet_root, Study(), dir / "parquet.db"), &got, &err),
            0)
      << err;
  json w = json::parse(want), g = json::parse(got);
  EXPECT_GT(w["institutions"].get<int>(), 600);
  EXPECT_EQ(w["institutions"], g["institutions"]);
  EXPECT_GT(w["funders"].get<int>(), 0);
  EXPECT_EQ(w["funders"], g["funders"]);
  EXPECT_EQ(w["skipped"], g["skipped"]);
  EXPECT_EQ(g["skipped"]["malformed_entity"], 1) << g["skipped"];
  // The entity tables, and then the whole database.
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db", EntityTable), 1000u);
  testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db");
  // Both copies at hand: --format parquet reads the Parquet entities and names the JSON Lines ones.
  std::string both = dir / "both";
  fs::copy(Both().jsonl_root, both, fs::copy_options::recursive);
  fs::copy(Both().parquet_root, both, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  ASSERT_EQ(
      RunEntangle(fmt::format(fmt::runtime(scan), both, Study(), dir / "both.db") + " --format parquet", &got, &err), 0)
      << err;
  EXPECT_NE(got.find("the JSON Lines copy of the institutions"), std::string::npos) << got;
  EXPECT_EQ(json::parse(got)["institutions"], w["institutions"]);
  testing::ExpectSameTables(dir / "jsonl.db", dir / "both.db", EntityTable);
}

TEST(ParquetEntitiesTest, CorruptAndTruncatedEntityFilesAreLocatedAndSkipped) {
  ASSERT_TRUE(Both().error.empty()) << Both().error;
  TempDir dir;
  std::string root = dir / "snapshot";
  fs::copy(Both().parquet_root, root, fs::copy_options::recursive);
  const fs::path institutions = fs::path(root) / "data/parquet/institutions/updated_date=2023-09-04/part_0000.parquet";
  const fs::path funders = fs::path(root) / "data/parquet/funders/updated_date=2023-09-15/part_0000.parquet";
  // Row group 2 of the institutions: its display names cannot be decoded.
  auto file = parquet::ParquetFile::Open(institutions.string());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_GT((*file)->num_row_groups(), 3);
  const int64_t group_rows = (*file)->row_group(2).num_rows;
  std::string bytes = testing::ReadFileBytes(institutions.string());
  testing::CorruptColumnChunk(**file, 2, "display_name", bytes);
  file->reset();
  testing::WriteFileBytes(institutions, bytes);
  // The funders file cut in half: no footer.
  std::string funder_bytes = testing::ReadFileBytes(funders.string());
  testing::WriteFileBytes(funders, std::string_view(funder_bytes).substr(0, funder_bytes.size() / 2));

  std::string out, good, err;
  const std::string scan = "scan {} --study {} --dry-run --json --progress none";
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), Both().parquet_root, Study()), &good, &err), 0) << err;
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), root, Study()), &out, &err), 0) << err;
  json s = json::parse(out);
  EXPECT_EQ(s["skipped"]["parquet_row_group"], 1) << s["skipped"];
  EXPECT_EQ(s["skipped"]["unreadable_file"], 1) << s["skipped"];
  EXPECT_EQ(s["institutions"].get<int64_t>(), json::parse(good)["institutions"].get<int64_t>() - group_rows);
  EXPECT_EQ(s["funders"], 0);
  std::string text = s["skip_examples"].dump();
  EXPECT_NE(text.find("row group 2"), std::string::npos) << text;
  EXPECT_NE(text.find("column display_name"), std::string::npos) << text;
  EXPECT_NE(text.find("funders"), std::string::npos) << text;
  EXPECT_EQ(
      RunEntangle(fmt::format("scan {} --study {} --dry-run --strict --progress none", root, Study()), &out, &err), 3)
      << err;
}

// Issue 22: a single institutions or funders .parquet file named as an input was read as works
// (each row skipped as not_a_work, the entities lost). The planner now tells the entity from the
// file's first id, as a JSON Lines file is told by its partition folder, and says so in a note.
TEST(ParquetEntitiesTest, ALooseInstitutionsOrFundersParquetFileIsReadAsThatEntity) {
  ASSERT_TRUE(Both().error.empty()) << Both().error;
  TempDir dir;
  // Named without any folder that would tell: only the ids do.
  fs::create_directories(dir / "downloads");
  const std::string institutions = dir / "downloads/a.parquet", funders = dir / "downloads/b.parquet";
  fs::copy_file(Both().parquet_root + "/data/parquet/institutions/updated_date=2023-09-04/part_0000.parquet",
                institutions);
  fs::copy_file(Both().parquet_root + "/data/parquet/funders/updated_date=2023-09-15/part_0000.parquet", funders);
  const std::string works = SharedPath("data/openalex/works-real.jsonl.gz");
  // The JSON Lines copies, named as files inside their partition folders (read as their entity).
  const std::string jsonl = Both().jsonl_root + "/data/jsonl/";
  const std::string scan = "scan {} {} {} --study {} --db {} --progress none --json";
  std::string want, got, err;
  ASSERT_EQ(
      RunEntangle(fmt::format(fmt::runtime(scan), works,
                              jsonl + "institutions/updated_date=2023-09-04/part_0000.jsonl.gz",
                              jsonl + "funders/updated_date=2023-09-15/part_0000.jsonl.gz", Study(), dir / "jsonl.db"),
                  &want, &err),
      0)
      << err;
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), works, institutions, funders, Study(), dir / "parquet.db"),
                        &got, &err),
            0)
      << err;
  json w = json::parse(want), g = json::parse(got);
  EXPECT_GT(w["institutions"].get<int>(), 600);
  EXPECT_EQ(g["institutions"], w["institutions"]);
  EXPECT_GT(w["funders"].get<int>(), 0);
  EXPECT_EQ(g["funders"], w["funders"]);
  EXPECT_EQ(g["works"], w["works"]);
  EXPECT_FALSE(g["skipped"].contains("not_a_work")) << g["skipped"];
  EXPECT_NE(g["notes"].dump().find("read_as_institutions"), std::string::npos) << g["notes"];
  EXPECT_NE(g["notes"].dump().find("read_as_funders"), std::string::npos) << g["notes"];
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db", EntityTable), 1000u);
  // A works file named the same way is still read as works.
  ASSERT_EQ(
      RunEntangle(fmt::format("scan {} --study {} --dry-run --json --progress none",
                              Both().parquet_root + "/data/parquet/works/updated_date=2026-06-24/part_0000.parquet",
                              Study()),
                  &got, &err),
      0)
      << err;
  EXPECT_EQ(json::parse(got)["works"], w["works"]);
}

// Issue 22: a null in a Parquet list of ids (DuckDB keeps a JSON `null` element as a NULL element)
// became an empty id — an association with "" — where the JSON parse skips it. Both now skip it.
TEST(ParquetEntitiesTest, NullListElementsAreSkippedAsInTheJsonParse) {
  TempDir dir;
  std::vector<std::string> lines = testing::ReadLines(SharedPath(kInstitutions));
  ASSERT_GT(lines.size(), 20u);
  lines.resize(20);
  std::string text;
  int with_associations = 0;
  for (const std::string& line : lines) {
    json record = json::parse(line);
    for (const char* list : {"associated_institutions", "lineage", "display_name_alternatives"}) {
      if (record[list].is_array()) record[list].insert(record[list].begin(), nullptr);
    }
    with_associations += record["associated_institutions"].size() > 1 ? 1 : 0;
    text += record.dump() + "\n";
  }
  ASSERT_GT(with_associations, 0);
  const std::string jsonl = dir / "institutions/updated_date=2023-09-04/part_0000.jsonl";
  const std::string parquet = dir / "parquet/institutions/updated_date=2023-09-04/part_0000.parquet";
  fs::create_directories(fs::path(jsonl).parent_path());
  fs::create_directories(fs::path(parquet).parent_path());
  testing::WriteFileBytes(jsonl, text);
  ASSERT_EQ(testing::ConvertToParquet({{jsonl, parquet}}, "--row-group-size 7"), "");
  const std::string works = SharedPath("data/openalex/works-real.jsonl.gz");
  const std::string scan = "scan {} {} --study {} --db {} --progress none";
  std::string out, err;
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), works, jsonl, Study(), dir / "jsonl.db"), &out, &err), 0)
      << err;
  ASSERT_EQ(RunEntangle(fmt::format(fmt::runtime(scan), works, parquet, Study(), dir / "parquet.db"), &out, &err), 0)
      << err;
  auto tables = testing::ComparableTables(dir / "parquet.db", EntityTable);
  for (const std::string& row : tables["institution_associations"]) {
    EXPECT_EQ(row.find("associated_id=\x1f"), std::string::npos) << "an empty id: " << row;
  }
  EXPECT_GT(testing::ExpectSameTables(dir / "jsonl.db", dir / "parquet.db", EntityTable), 20u);
}

}  // namespace
}  // namespace entangle
