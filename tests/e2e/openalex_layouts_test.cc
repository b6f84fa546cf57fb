// End to end: the ways OpenAlex ships works today give the same counts as the 2023 snapshot layout
// of the same real records (../shared/data/openalex/works-real.jsonl.gz):
// - the 2026 layout (data/jsonl/ with manifest.json files, a Parquet copy under data/parquet/ and the
//   older layout of the same works under legacy-data/), from its root, data/ or data/jsonl/: each
//   work counted once, the Parquet copy and legacy-data/ named as not read;
// - a folder written by the official OpenAlex CLI (one pretty-printed W….json per work, flat or
//   nested, beside its checkpoint and log);
// and XPAC works are left out unless the study includes them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/real_records.h"
#include "support/source_test_util.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ReadLines;
using testing::kEuropeChinaEveryFieldStudy;
using testing::RunEntangle;
using testing::SharedPath;
using testing::TempDir;
using testing::WriteFileBytes;

std::string Join(const std::vector<std::string>& lines, size_t from, size_t to) {
  std::string text;
  for (size_t i = from; i < to; ++i) text += lines[i] + "\n";
  return text;
}

std::string ShortId(const std::string& line) {
  std::string id = json::parse(line)["id"].get<std::string>();
  return id.substr(id.rfind('/') + 1);
}

class OpenAlexLayoutsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lines_ = ReadLines(SharedPath("data/openalex/works-real.jsonl.gz"));
    ASSERT_GT(lines_.size(), 1000u);
    half_ = lines_.size() / 2;
    study_ = dir_ / "wide.toml";
    WriteFileBytes(study_, kEuropeChinaEveryFieldStudy);
    merged_id_ = ShortId(lines_[7]);
  }

  // The scan's summary as JSON (a dry run), or null after a failure.
  json Scan(const std::string& inputs, const std::string& study = "") {
    std::string out, err;
    int rc = RunEntangle("scan " + inputs + " --study " + (study.empty() ? study_ : study) +
                             " --dry-run --json --progress none --threads 2",
                         &out, &err);
    EXPECT_EQ(rc, 0) << err;
    return rc == 0 ? json::parse(out) : json();
  }

  // Two partitions of the records, a manifest, and a merged-ids file, as in September 2023.
  fs::path Write2023Layout() {
    fs::path root = dir_.path() / "s2023";
    std::string a = testing_source::Gzip(Join(lines_, 0, half_));
    std::string b = testing_source::Gzip(Join(lines_, half_, lines_.size()));
    WriteFileBytes(root / "data/works/updated_date=2023-05-16/part_000.gz", a);
    WriteFileBytes(root / "data/works/updated_date=2023-06-01/part_000.gz", b);
    json manifest = {{"entries",
                      {{{"url", "s3://openalex/data/works/updated_date=2023-05-16/part_000.gz"},
                        {"meta", {{"content_length", a.size()}, {"record_count", half_}}}},
                       {{"url", "s3://openalex/data/works/updated_date=2023-06-01/part_000.gz"},
                        {"meta", {{"content_length", b.size()}, {"record_count", lines_.size() - half_}}}}}},
                     {"meta", {{"content_length", a.size() + b.size()}, {"record_count", lines_.size()}}}};
    WriteFileBytes(root / "data/works/manifest", manifest.dump(1));
    WriteFileBytes(root / "data/merged_ids/works/2023-01-01.csv.gz",
              testing_source::Gzip("merge_date,id,merge_into_id\n2023-01-01," + merged_id_ + ",W1\n"));
    return root;
  }

  // The same records as OpenAlex lays them out since 2026, with everything a bucket sync brings.
  fs::path Write2026Layout() {
    fs::path root = dir_.path() / "s2026";
    std::string a = testing_source::Gzip(Join(lines_, 0, half_));
    std::string b = testing_source::Gzip(Join(lines_, half_, lines_.size()));
    WriteFileBytes(root / "data/jsonl/works/updated_date=2026-06-20/part_0000.gz", a);
    WriteFileBytes(root / "data/jsonl/works/updated_date=2026-06-24/part_0000.gz", b);
    json works = {{"date", "2026-06-25"},
                  {"format", "jsonl"},
                  {"entity", "works"},
                  {"record_count", lines_.size()},
                  {"content_length", a.size() + b.size()},
                  {"files",
                   {{{"url", "s3://openalex/data/jsonl/works/updated_date=2026-06-20/part_0000.gz"},
                     {"meta", {{"content_length", a.size()}, {"record_count", half_}}}},
                    {{"url", "s3://openalex/data/jsonl/works/updated_date=2026-06-24/part_0000.gz"},
                     {"meta", {{"content_length", b.size()}, {"record_count", lines_.size() - half_}}}}}}};
    WriteFileBytes(root / "data/jsonl/works/manifest.json", works.dump(2));
    json combined = {{"date", "2026-06-25"},
                     {"format", "jsonl"},
                     {"entities",
                      {{{"entity", "works"},
                        {"record_count", lines_.size()},
                        {"content_length", a.size() + b.size()}}}},
                     {"meta", {{"record_count", lines_.size()}, {"content_length", a.size() + b.size()}}}};
    WriteFileBytes(root / "data/jsonl/manifest.json", combined.dump(2));
    // The Parquet copy (not read) and the older layout of the same works (not read either).
    WriteFileBytes(root / "data/parquet/works/updated_date=2026-06-24/part_0000.parquet", "PAR1 not read PAR1");
    WriteFileBytes(root / "data/parquet/manifest.json", "{}");
    std::string all = testing_source::Gzip(Join(lines_, 0, lines_.size()));
    WriteFileBytes(root / "legacy-data/works/updated_date=2025-01-01/0000_part_00.gz", all);
    WriteFileBytes(root / "legacy-data/works/manifest",
              json({{"entries",
                     {{{"url", "s3://openalex/data/works/updated_date=2025-01-01/0000_part_00.gz"},
                       {"meta", {{"content_length", all.size()}, {"record_count", lines_.size()}}}}}}})
                  .dump());
    WriteFileBytes(root / "legacy-data/merged_ids/works/2023-01-01.csv.gz",
              testing_source::Gzip("merge_date,id,merge_into_id\n2023-01-01," + merged_id_ + ",W1\n"));
    return root;
  }

  static void ExpectSameCounts(const json& got, const json& want) {
    for (const char* key : {"records", "works", "in_scope", "field_relevant", "joint", "duplicates", "merged_away",
                            "joint_by_year", "joint_by_subfield", "skipped"}) {
      EXPECT_EQ(got[key], want[key]) << key;
    }
  }

  static std::set<std::string> NoteKinds(const json& summary) {
    std::set<std::string> kinds;
    for (const json& note : summary["notes"]) kinds.insert(note["kind"].get<std::string>());
    return kinds;
  }

  TempDir dir_;
  std::vector<std::string> lines_;
  size_t half_ = 0;
  std::string study_;
  std::string merged_id_;
};

TEST_F(OpenAlexLayoutsTest, The2026LayoutCountsEachWorkOnceLikeThe2023Layout) {
  json want = Scan(Write2023Layout().string());
  ASSERT_FALSE(want.is_null());
  ASSERT_GT(want["joint"].get<int>(), 0) << "the real records hold joint works";
  EXPECT_EQ(want["merged_away"], 1);
  EXPECT_EQ(want["issues"], json::array());
  fs::path root = Write2026Layout();
  for (const fs::path& input : {root, root / "data", root / "data/jsonl"}) {
    SCOPED_TRACE(input.string());
    json got = Scan(input.string());
    ASSERT_FALSE(got.is_null());
    ExpectSameCounts(got, want);
    EXPECT_EQ(got["files"], 2) << "data/jsonl only: neither the Parquet copy nor legacy-data/";
    EXPECT_EQ(got["layout"], "openalex-2026");
    EXPECT_EQ(got["issues"], json::array()) << "the manifests agree with the files";
    EXPECT_EQ(got["snapshot_date"], "2026-06-24");
  }
  json from_root = Scan(root.string());
  EXPECT_EQ(NoteKinds(from_root), (std::set<std::string>{"legacy_data_not_read", "parquet_not_read"}));
}

TEST_F(OpenAlexLayoutsTest, A2026ManifestThatDisagreesWithTheFilesIsReported) {
  fs::path root = Write2026Layout();
  fs::remove(root / "data/jsonl/works/updated_date=2026-06-24/part_0000.gz");
  WriteFileBytes(root / "data/jsonl/works/updated_date=2026-06-25/part_0000.gz",
                 testing_source::Gzip(lines_[0] + "\n"));
  json got = Scan(root.string());
  ASSERT_FALSE(got.is_null());
  std::set<std::string> kinds;
  for (const json& issue : got["issues"]) kinds.insert(issue["kind"].get<std::string>());
  EXPECT_TRUE(kinds.count("missing_file")) << got["issues"];
  EXPECT_TRUE(kinds.count("not_in_manifest")) << got["issues"];
  std::string out, err;
  EXPECT_EQ(RunEntangle("scan " + root.string() + " --study " + study_ + " --dry-run --strict --progress none", &out,
                        &err),
            3)
      << err;
}

TEST_F(OpenAlexLayoutsTest, ParquetFilesGivenAloneAreNamedAsNotRead) {
  fs::path root = Write2026Layout();
  std::string out, err;
  // With --format jsonl (issue 22: by default a folder of Parquet works is read as Parquet).
  int rc = RunEntangle("scan " + (root / "data/parquet/works").string() + " --study " + study_ +
                           " --format jsonl --dry-run --progress none",
                       &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_NE(err.find("Parquet"), std::string::npos) << err;
}

TEST_F(OpenAlexLayoutsTest, TheOfficialCliFolderReadsLikeJsonLines) {
  const size_t n = 300;
  WriteFileBytes(dir_.path() / "lines.jsonl", Join(lines_, 0, n));
  json want = Scan((dir_.path() / "lines.jsonl").string());
  ASSERT_FALSE(want.is_null());
  fs::path cli = dir_.path() / "download";
  for (size_t i = 0; i < n; ++i) {
    std::string id = ShortId(lines_[i]);
    // Half flat, half as --nested writes them (W27/41/W2741809807.json); pretty-printed as the CLI does.
    fs::path file = i % 2 ? cli / (id + ".json") : cli / id.substr(0, 3) / id.substr(3, 2) / (id + ".json");
    WriteFileBytes(file, json::parse(lines_[i]).dump(2));
  }
  WriteFileBytes(cli / ".openalex-checkpoint.json", R"({"completed": 300, "cursor": null})");
  WriteFileBytes(cli / "openalex-download.log", "2026-12-01 downloaded 300 works\n");
  json got = Scan(cli.string());
  ASSERT_FALSE(got.is_null());
  ExpectSameCounts(got, want);
  EXPECT_EQ(got["records"], n);
  EXPECT_EQ(got["files"], n);
  EXPECT_EQ(got["layout"], "openalex-cli");
}

TEST_F(OpenAlexLayoutsTest, XpacWorksAreLeftOutUnlessTheStudyIncludesThem) {
  size_t xpac = 0;
  for (const std::string& line : lines_) xpac += json::parse(line).value("is_xpac", false);
  ASSERT_GT(xpac, 0u) << "the real records include XPAC works";
  WriteFileBytes(dir_.path() / "all.jsonl", Join(lines_, 0, lines_.size()));
  std::string input = (dir_.path() / "all.jsonl").string();
  json without = Scan(input);
  std::string including = dir_ / "including.toml";
  WriteFileBytes(including, std::string(kEuropeChinaEveryFieldStudy) + "include_xpac = true\n");
  json with = Scan(input, including);
  ASSERT_FALSE(without.is_null());
  ASSERT_FALSE(with.is_null());
  uint64_t in_scope = without["xpac"]["in_scope"].get<uint64_t>();
  EXPECT_GT(in_scope, 0u);
  EXPECT_LE(in_scope, xpac);
  EXPECT_EQ(without["xpac"]["kept"], 0);
  EXPECT_EQ(with["xpac"]["in_scope"], in_scope);
  EXPECT_EQ(with["xpac"]["kept"], in_scope);
  EXPECT_EQ(with["in_scope"].get<uint64_t>() - without["in_scope"].get<uint64_t>(), in_scope);
  EXPECT_EQ(with["records"], without["records"]);
}

}  // namespace
}  // namespace entangle
