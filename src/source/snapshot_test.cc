#include "source/snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "support/source_test_util.h"

namespace entangle::source {
namespace {

using testing_source::Gzip;
using testing_source::ReadFileBytes;
using testing_source::TempDir;

std::string SliceRoot() { return testing_source::OpenAlexDir() + "/snapshot-2023"; }
std::string SliceWorksFile() { return SliceRoot() + "/data/works/updated_date=2023-05-16/part_000.gz"; }
std::string FullManifest() { return testing_source::OpenAlexDir() + "/works-manifest-2023-09-full.json"; }

// kind → how many issues of that kind.
std::map<std::string, size_t> IssueCounts(const std::vector<PlanIssue>& issues) {
  std::map<std::string, size_t> counts;
  for (const PlanIssue& issue : issues) ++counts[issue.kind];
  return counts;
}

const PlanIssue* FindIssue(const std::vector<PlanIssue>& issues, std::string_view kind) {
  auto it = std::find_if(issues.begin(), issues.end(), [&](const PlanIssue& issue) { return issue.kind == kind; });
  return it == issues.end() ? nullptr : &*it;
}

std::string ManifestJson(const std::vector<std::tuple<std::string, uint64_t, uint64_t>>& entries, uint64_t total_bytes,
                         uint64_t total_records) {
  std::string json = "{\"entries\":[";
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& [url, bytes, records] = entries[i];
    json += (i ? "," : "") + std::string("{\"url\":\"") + url + "\",\"meta\":{\"content_length\":" +
            std::to_string(bytes) + ",\"record_count\":" + std::to_string(records) + "}}";
  }
  return json + "],\"meta\":{\"content_length\":" + std::to_string(total_bytes) +
         ",\"record_count\":" + std::to_string(total_records) + "}}";
}

// ---------------------------------------------------------------------------------------------
// Manifests

TEST(ManifestTest, ParsesTheSliceWorksManifest) {
  Result<Manifest> manifest = ParseManifest(SliceRoot() + "/data/works/manifest");
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  ASSERT_EQ(manifest->entries.size(), 1u);
  const ManifestEntry& entry = manifest->entries[0];
  EXPECT_EQ(entry.url, "s3://openalex/data/works/updated_date=2023-05-16/part_000.gz");
  EXPECT_EQ(entry.relative_path, "updated_date=2023-05-16/part_000.gz");
  EXPECT_EQ(entry.content_length, 7179u);
  EXPECT_EQ(entry.record_count, 27u);
  EXPECT_EQ(manifest->content_length, 7179u);
  EXPECT_EQ(manifest->record_count, 27u);
}

TEST(ManifestTest, ParsesTheFullSeptember2023WorksManifest) {
  Result<Manifest> manifest = ParseManifest(FullManifest());
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  EXPECT_EQ(manifest->entries.size(), 465u);
  EXPECT_EQ(manifest->record_count, 244371844u);
  EXPECT_EQ(manifest->content_length, 317620329425u);
  uint64_t records = 0;
  uint64_t bytes = 0;
  for (const ManifestEntry& entry : manifest->entries) {
    records += entry.record_count;
    bytes += entry.content_length;
    EXPECT_TRUE(entry.relative_path.starts_with("updated_date=")) << entry.relative_path;
  }
  EXPECT_EQ(records, 244371844u);
  EXPECT_EQ(bytes, 317620329425u);
  EXPECT_EQ(manifest->entries[0].relative_path, "updated_date=2023-05-16/part_000.gz");
  EXPECT_EQ(manifest->entries[0].content_length, 6937u);
}

TEST(ManifestTest, RelativePathIsWhatFollowsTheEntityFolder) {
  struct Case {
    std::string url;
    std::string relative_path;
  };
  std::vector<Case> cases = {
      {"s3://openalex/data/works/updated_date=2023-05-16/part_000.gz", "updated_date=2023-05-16/part_000.gz"},
      {"https://openalex.s3.amazonaws.com/data/institutions/updated_date=2023-09-04/part_001.gz",
       "updated_date=2023-09-04/part_001.gz"},
      {"/local/copy/data/works/updated_date=2024-01-01/part_010.gz", "updated_date=2024-01-01/part_010.gz"},
      {"s3://elsewhere/updated_date=2023-01-01/part_002.gz", "updated_date=2023-01-01/part_002.gz"},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.url);
    std::string path = dir.Write("manifest", ManifestJson({{c.url, 1, 1}}, 1, 1));
    Result<Manifest> manifest = ParseManifest(path);
    ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
    EXPECT_EQ(manifest->entries.at(0).relative_path, c.relative_path);
  }
}

TEST(ManifestTest, RejectsBrokenManifests) {
  struct Case {
    const char* name;
    std::string json;
  };
  std::vector<Case> cases = {
      {"not_json", "entries: none"},
      {"no_entries", R"({"meta":{"content_length":1,"record_count":1}})"},
      {"entry_without_meta", R"({"entries":[{"url":"s3://openalex/data/works/updated_date=x/part_000.gz"}]})"},
      {"entry_without_url", R"({"entries":[{"meta":{"content_length":1,"record_count":1}}]})"},
      {"count_not_a_number", R"({"entries":[{"url":"u","meta":{"content_length":"1","record_count":1}}]})"},
      {"truncated", R"({"entries":[{"url":"u","meta":{"content_length":1,)"},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<Manifest> manifest = ParseManifest(dir.Write(c.name, c.json));
    EXPECT_EQ(manifest.status().code(), Status::Code::kCorruption) << manifest.status().ToString();
  }
  EXPECT_EQ(ParseManifest((dir.path() / "absent").string()).status().code(), Status::Code::kNotFound);
}

TEST(ManifestTest, MissingMetaTotalsAreTheEntriesSums) {
  TempDir dir;
  std::string path = dir.Write("manifest", R"({"entries":[
      {"url":"s3://openalex/data/works/updated_date=2023-01-01/part_000.gz","meta":{"content_length":10,"record_count":2}},
      {"url":"s3://openalex/data/works/updated_date=2023-01-02/part_000.gz","meta":{"content_length":5,"record_count":3}}]})");
  Result<Manifest> manifest = ParseManifest(path);
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  EXPECT_EQ(manifest->content_length, 15u);
  EXPECT_EQ(manifest->record_count, 5u);
}

// ---------------------------------------------------------------------------------------------
// Plans of the real slice

void ExpectSliceWorksFile(const InputFile& file) {
  EXPECT_TRUE(file.path.ends_with("data/works/updated_date=2023-05-16/part_000.gz")) << file.path;
  EXPECT_EQ(file.format, InputFormat::kGzipJsonLines);
  EXPECT_EQ(file.updated_date, "2023-05-16");
  EXPECT_EQ(file.size_bytes, 7179u);
  EXPECT_EQ(file.expected_records, std::optional<uint64_t>(27));
}

TEST(PlanInputsTest, PlansTheSnapshotSliceFromItsRootOrDataFolder) {
  for (const std::string& path : {SliceRoot(), SliceRoot() + "/", SliceRoot() + "/data", SliceRoot() + "/data/"}) {
    SCOPED_TRACE(path);
    Result<InputPlan> plan = PlanInputs({path});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_TRUE(plan->issues.empty()) << plan->issues[0].kind << ": " << plan->issues[0].message;
    EXPECT_TRUE(plan->snapshot_root.ends_with("snapshot-2023")) << plan->snapshot_root;
    EXPECT_EQ(plan->snapshot_date, "2023-05-16");
    ASSERT_EQ(plan->works.size(), 1u);
    ExpectSliceWorksFile(plan->works[0]);
    ASSERT_EQ(plan->institutions.size(), 1u);
    EXPECT_EQ(plan->institutions[0].expected_records, std::optional<uint64_t>(678));
    EXPECT_EQ(plan->institutions[0].updated_date, "2023-09-04");
    ASSERT_EQ(plan->funders.size(), 1u);
    EXPECT_EQ(plan->funders[0].expected_records, std::optional<uint64_t>(3));
    EXPECT_TRUE(plan->merged_work_id_files.empty());
    ASSERT_TRUE(plan->works_manifest.has_value());
    EXPECT_EQ(plan->works_manifest->record_count, 27u);
    EXPECT_EQ(plan->total_bytes(), 7179u + 378093u + 2356u);
  }
}

TEST(PlanInputsTest, PlannedWorksFileHoldsTheRecordsTheManifestPromises) {
  Result<InputPlan> plan = PlanInputs({SliceRoot()});
  ASSERT_TRUE(plan.ok());
  for (const auto* files : {&plan->works, &plan->institutions, &plan->funders}) {
    for (const InputFile& file : *files) {
      SCOPED_TRACE(file.path);
      testing_source::ReadResult result = testing_source::ReadWhole(file.path);
      EXPECT_TRUE(result.issues.empty());
      ASSERT_TRUE(file.expected_records.has_value());
      EXPECT_EQ(result.lines_read, *file.expected_records);
    }
  }
}

TEST(PlanInputsTest, PlansAWorksFolderOrASingleFile) {
  Result<InputPlan> folder = PlanInputs({SliceRoot() + "/data/works"});
  ASSERT_TRUE(folder.ok()) << folder.status().ToString();
  EXPECT_TRUE(folder->issues.empty());
  EXPECT_TRUE(folder->snapshot_root.empty());
  ASSERT_EQ(folder->works.size(), 1u);
  ExpectSliceWorksFile(folder->works[0]);
  EXPECT_TRUE(folder->institutions.empty());

  Result<InputPlan> file = PlanInputs({SliceWorksFile()});
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->works.size(), 1u);
  EXPECT_EQ(file->works[0].updated_date, "2023-05-16");
  EXPECT_EQ(file->works[0].size_bytes, 7179u);
  EXPECT_EQ(file->snapshot_date, "2023-05-16");

  Result<InputPlan> institutions = PlanInputs({SliceRoot() + "/data/institutions"});
  ASSERT_TRUE(institutions.ok());
  EXPECT_TRUE(institutions->works.empty());
  EXPECT_EQ(institutions->institutions.size(), 1u);
}

TEST(PlanInputsTest, PlansLooseFilesOfEveryFormat) {
  std::string real = testing_source::OpenAlexDir() + "/works-real.jsonl.gz";
  std::string page = testing_source::OpenAlexDir() + "/api-pages/works-page1.json";
  Result<InputPlan> plan = PlanInputs({real, page});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->works.size(), 2u);
  EXPECT_EQ(plan->works[0].format, InputFormat::kGzipJsonLines);
  EXPECT_EQ(plan->works[1].format, InputFormat::kApiPage);
  EXPECT_FALSE(plan->works[0].expected_records.has_value());
  EXPECT_TRUE(plan->snapshot_date.empty());
  EXPECT_EQ(plan->total_bytes(), std::filesystem::file_size(real) + std::filesystem::file_size(page));
}

TEST(PlanInputsTest, PlansAFolderOfLooseFiles) {
  TempDir dir;
  dir.Write("data/b.jsonl.gz", Gzip("{}\n"));
  dir.Write("data/a.jsonl", "{}\n");
  dir.Write("data/c.json", R"({"meta":{},"results":[{}]})");
  dir.Write("data/notes.txt", "not input");
  dir.Write("data/empty.jsonl", "");
  Result<InputPlan> plan = PlanInputs({(dir.path() / "data").string()});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->works.size(), 3u);
  EXPECT_TRUE(plan->works[0].path.ends_with("a.jsonl"));
  EXPECT_EQ(plan->works[1].format, InputFormat::kGzipJsonLines);
  EXPECT_EQ(plan->works[2].format, InputFormat::kApiPage);
  EXPECT_TRUE(plan->snapshot_root.empty());
  EXPECT_EQ(IssueCounts(plan->issues), (std::map<std::string, size_t>{{"empty_file", 1}}));
}

// A folder given by mistake one level above a snapshot: its loose files are still planned, and the
// plan says where the snapshot is.
TEST(PlanInputsTest, SnapshotOneLevelDownIsPointedOut) {
  TempDir dir;
  dir.Write("download/notes.jsonl", "{}\n");
  dir.Write("download/openalex/data/works/updated_date=2023-05-16/part_000.gz", Gzip("{}\n"));
  dir.Write("download/bare/works/updated_date=2023-05-16/part_000.gz", Gzip("{}\n"));
  dir.Write("download/other/readme.jsonl", "{}\n");
  Result<InputPlan> plan = PlanInputs({(dir.path() / "download").string()});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->works.size(), 1u);
  EXPECT_TRUE(plan->works[0].path.ends_with("notes.jsonl"));
  std::vector<std::string> pointed;
  for (const PlanIssue& issue : plan->issues) {
    if (issue.kind == "snapshot_in_subfolder") pointed.push_back(issue.message.substr(0, issue.message.find(' ')));
  }
  EXPECT_EQ(pointed, (std::vector<std::string>{(dir.path() / "download/bare").string(),
                                               (dir.path() / "download/openalex").string()}));
  Result<InputPlan> direct = PlanInputs({(dir.path() / "download/openalex").string()});
  ASSERT_TRUE(direct.ok());
  for (const PlanIssue& issue : direct->issues) EXPECT_NE(issue.kind, "snapshot_in_subfolder");
}

TEST(PlanInputsTest, ThePathsNamedTwiceArePlannedOnce) {
  Result<InputPlan> plan = PlanInputs({SliceRoot(), SliceWorksFile(), SliceRoot() + "/data/works"});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->works.size(), 1u);
}

TEST(PlanInputsTest, MissingPathIsNotFound) {
  Result<InputPlan> plan = PlanInputs({SliceRoot(), "/nonexistent/snapshot"});
  EXPECT_EQ(plan.status().code(), Status::Code::kNotFound);
  EXPECT_NE(plan.status().message().find("/nonexistent/snapshot"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Plans of made-up snapshots with problems

// A snapshot with the slice's works file under data/works and `manifest` (if any) beside it.
std::string MakeSnapshot(const TempDir& dir, const std::optional<std::string>& manifest) {
  dir.Write("data/works/updated_date=2023-05-16/part_000.gz", ReadFileBytes(SliceWorksFile()));
  if (manifest) dir.Write("data/works/manifest", *manifest);
  return dir.path().string();
}

TEST(PlanInputsTest, TheFullManifestDisagreesWithTheSlice) {
  TempDir dir;
  std::string root = MakeSnapshot(dir, ReadFileBytes(FullManifest()));
  Result<InputPlan> plan = PlanInputs({root});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  std::map<std::string, size_t> expected = {{"manifest_size_mismatch", 1}, {"missing_file", 464}};
  EXPECT_EQ(IssueCounts(plan->issues), expected);
  const PlanIssue* mismatch = FindIssue(plan->issues, "manifest_size_mismatch");
  ASSERT_NE(mismatch, nullptr);
  EXPECT_TRUE(mismatch->path.ends_with("updated_date=2023-05-16/part_000.gz"));
  EXPECT_NE(mismatch->message.find("7179"), std::string::npos) << mismatch->message;
  EXPECT_NE(mismatch->message.find("6937"), std::string::npos) << mismatch->message;
  ASSERT_EQ(plan->works.size(), 1u);
  EXPECT_EQ(plan->works[0].expected_records, std::optional<uint64_t>(27));
  ASSERT_TRUE(plan->works_manifest.has_value());
  EXPECT_EQ(plan->works_manifest->entries.size(), 465u);
}

TEST(PlanInputsTest, ReportsEachKindOfSnapshotProblem) {
  const std::string kPart = "s3://openalex/data/works/updated_date=2023-05-16/part_000.gz";
  const std::string kOther = "s3://openalex/data/works/updated_date=2023-06-01/part_000.gz";
  struct Case {
    const char* name;
    std::optional<std::string> manifest;
    std::vector<std::pair<std::string, std::string>> extra_files;  // relative path, bytes
    std::map<std::string, size_t> issues;
  };
  std::vector<Case> cases = {
      {"consistent", ManifestJson({{kPart, 7179, 27}}, 7179, 27), {}, {}},
      {"size_mismatch", ManifestJson({{kPart, 7000, 27}}, 7000, 27), {}, {{"manifest_size_mismatch", 1}}},
      {"missing_file", ManifestJson({{kPart, 7179, 27}, {kOther, 10, 1}}, 7189, 28), {}, {{"missing_file", 1}}},
      {"not_in_manifest",
       ManifestJson({{kPart, 7179, 27}}, 7179, 27),
       {{"data/works/updated_date=2023-06-01/part_000.gz", Gzip("{}\n")}},
       {{"not_in_manifest", 1}}},
      {"total_mismatch", ManifestJson({{kPart, 7179, 27}}, 7179, 30), {}, {{"manifest_total_mismatch", 1}}},
      {"manifest_missing", std::nullopt, {}, {{"manifest_missing", 1}}},
      {"manifest_unreadable", std::string("{\"entries\": [oops"), {}, {{"manifest_unreadable", 1}}},
      {"empty_file",
       ManifestJson({{kPart, 7179, 27}, {kOther, 0, 0}}, 7179, 27),
       {{"data/works/updated_date=2023-06-01/part_000.gz", ""}},
       {{"empty_file", 1}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    std::string root = MakeSnapshot(dir, c.manifest);
    for (const auto& [relative, bytes] : c.extra_files) dir.Write(relative, bytes);
    Result<InputPlan> plan = PlanInputs({root});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(IssueCounts(plan->issues), c.issues);
    for (const PlanIssue& issue : plan->issues) {
      EXPECT_FALSE(issue.path.empty());
      EXPECT_FALSE(issue.message.empty());
    }
    for (const InputFile& file : plan->works) EXPECT_GT(file.size_bytes, 0u) << file.path;
  }
}

TEST(PlanInputsTest, SnapshotDateIsTheNewestWorksPartitionAndFilesAreSorted) {
  TempDir dir;
  for (const char* date : {"2023-08-01", "2023-05-16", "2023-07-17"}) {
    for (const char* part : {"part_001.gz", "part_000.gz"}) {
      dir.Write(std::string("data/works/updated_date=") + date + "/" + part, Gzip("{}\n"));
    }
  }
  dir.Write("data/institutions/updated_date=2024-01-01/part_000.gz", Gzip("{}\n"));
  dir.Write("data/works/manifest", ManifestJson({}, 0, 0));
  Result<InputPlan> plan = PlanInputs({dir.path().string()});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->snapshot_date, "2023-08-01");
  ASSERT_EQ(plan->works.size(), 6u);
  EXPECT_TRUE(std::is_sorted(plan->works.begin(), plan->works.end(),
                             [](const InputFile& a, const InputFile& b) { return a.path < b.path; }));
  EXPECT_TRUE(plan->works[0].path.ends_with("updated_date=2023-05-16/part_000.gz"));
  EXPECT_EQ(IssueCounts(plan->issues), (std::map<std::string, size_t>{{"not_in_manifest", 6}}));
}

// ---------------------------------------------------------------------------------------------
// Merged work ids

TEST(MergedIdsTest, PlanListsMergedIdFiles) {
  TempDir dir;
  MakeSnapshot(dir, ReadFileBytes(SliceRoot() + "/data/works/manifest"));
  dir.Write("data/merged_ids/works/2023-06-01.csv.gz", Gzip("merge_date,id,merge_into_id\n"));
  dir.Write("data/merged_ids/works/2023-05-01.csv.gz", Gzip("merge_date,id,merge_into_id\n"));
  dir.Write("data/merged_ids/works/README.txt", "not ids");
  Result<InputPlan> plan = PlanInputs({dir.path().string()});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->merged_work_id_files.size(), 2u);
  EXPECT_TRUE(plan->merged_work_id_files[0].ends_with("2023-05-01.csv.gz"));
  EXPECT_TRUE(plan->merged_work_id_files[1].ends_with("2023-06-01.csv.gz"));
}

TEST(MergedIdsTest, LoadsShortAndUrlIdsFromCsvAndGzip) {
  TempDir dir;
  const std::string csv =
      "merge_date,id,merge_into_id\r\n"
      "2023-06-01,W123,W456\r\n"
      "2023-06-01,https://openalex.org/W789,https://openalex.org/W1\r\n"
      "\r\n"
      "2023-06-02, \"W42\" ,W43\r\n";
  for (bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    std::string path = gzip ? dir.Write("ids.csv.gz", Gzip(csv)) : dir.Write("ids.csv", csv);
    std::unordered_set<uint64_t> ids;
    std::vector<PlanIssue> issues;
    ASSERT_TRUE(LoadMergedWorkIds({path}, ids, issues).ok());
    EXPECT_TRUE(issues.empty()) << issues[0].message;
    EXPECT_EQ(ids, (std::unordered_set<uint64_t>{123, 789, 42}));
  }
}

TEST(MergedIdsTest, ReportsMalformedRowsWithFileAndLine) {
  TempDir dir;
  struct Case {
    const char* name;
    std::string csv;
    std::unordered_set<uint64_t> ids;
    std::vector<std::string> issue_mentions;  // one issue per entry, mentioning this text
  };
  std::vector<Case> cases = {
      {"bad_rows",
       "merge_date,id,merge_into_id\n2023-06-01,W1,W2\n2023-06-01,A5,W2\n2023-06-01,W3\nx,W12a,W4\n2023-06-01,W7,W8\n",
       {1, 7},
       {"line 3", "line 4", "line 5"}},
      {"wrong_header", "id,merge_into_id,merge_date\nW1,W2,2023-06-01\n", {}, {"header"}},
      {"empty", "", {}, {"empty_file"}},
      {"header_only", "merge_date,id,merge_into_id\n", {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string path = dir.Write(std::string(c.name) + ".csv", c.csv);
    std::unordered_set<uint64_t> ids;
    std::vector<PlanIssue> issues;
    ASSERT_TRUE(LoadMergedWorkIds({path}, ids, issues).ok());
    EXPECT_EQ(ids, c.ids);
    ASSERT_EQ(issues.size(), c.issue_mentions.size());
    for (size_t i = 0; i < issues.size(); ++i) {
      EXPECT_EQ(issues[i].kind, "merged_ids_malformed");
      EXPECT_EQ(issues[i].path, path);
      EXPECT_NE(issues[i].message.find(c.issue_mentions[i]), std::string::npos) << issues[i].message;
    }
  }
}

TEST(MergedIdsTest, ManyMalformedRowsAreSummarised) {
  TempDir dir;
  std::string csv = "merge_date,id,merge_into_id\n";
  for (int i = 0; i < 100; ++i) csv += "bad row\n";
  std::unordered_set<uint64_t> ids;
  std::vector<PlanIssue> issues;
  ASSERT_TRUE(LoadMergedWorkIds({dir.Write("bad.csv", csv)}, ids, issues).ok());
  ASSERT_EQ(issues.size(), 21u);
  EXPECT_NE(issues.back().message.find("80 more"), std::string::npos) << issues.back().message;
}

TEST(MergedIdsTest, MissingFileIsAnError) {
  std::unordered_set<uint64_t> ids;
  std::vector<PlanIssue> issues;
  EXPECT_EQ(LoadMergedWorkIds({"/nonexistent/ids.csv.gz"}, ids, issues).code(), Status::Code::kNotFound);
}


// ---------------------------------------------------------------------------------------------
// The 2026 layout's manifests (developers.openalex.org/download/snapshot-format)

TEST(Manifest2026Test, AnEntityManifestListsFilesWithTotalsAtTheTop) {
  TempDir dir;
  std::string path = dir.Write("manifest.json", R"({"date": "2026-06-25", "format": "jsonl", "entity": "works",
      "record_count": 510372821, "content_length": 665688383258,
      "files": [{"url": "s3://openalex/data/jsonl/works/updated_date=2026-06-24/part_0000.gz",
                 "meta": {"content_length": 936733, "record_count": 499}}]})");
  Result<Manifest> manifest = ParseManifest(path);
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  ASSERT_EQ(manifest->entries.size(), 1u);
  EXPECT_EQ(manifest->entries[0].entity, "works");
  EXPECT_EQ(manifest->entries[0].relative_path, "updated_date=2026-06-24/part_0000.gz");
  EXPECT_EQ(manifest->record_count, 510372821u) << "the totals as written, not the entries' sums";
  EXPECT_EQ(manifest->content_length, 665688383258u);
}

TEST(Manifest2026Test, TheCombinedManifestIsReadInEachForm) {
  struct Case {
    const char* name;
    std::string json;
    bool lists_files;
  };
  const std::string files =
      R"("files": [{"url": "s3://openalex/data/jsonl/works/updated_date=2026-06-24/part_0000.gz",
                    "meta": {"content_length": 10, "record_count": 2}}])";
  std::vector<Case> cases = {
      {"entities_with_files",
       R"({"date": "2026-06-25", "entities": [{"entity": "works", "record_count": 2, "content_length": 10, )" + files +
           R"(}], "meta": {"record_count": 2, "content_length": 10}})",
       true},
      {"entities_with_totals_only",
       R"({"date": "2026-06-25", "entities": [{"entity": "works", "record_count": 2, "content_length": 10}],
           "meta": {"record_count": 2, "content_length": 10}})",
       false},
      {"keyed_by_entity", R"({"works": {"record_count": 2, "content_length": 10, )" + files + "}}", true},
      {"one_list_for_all",
       R"({"entries": [{"url": "s3://openalex/data/jsonl/works/updated_date=2026-06-24/part_0000.gz",
                        "meta": {"content_length": 10, "record_count": 2}}]})",
       true},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<CombinedManifest> manifest = ParseCombinedManifest(dir.Write(c.name, c.json));
    ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
    ASSERT_EQ(manifest->entities.count("works"), 1u);
    const Manifest& works = manifest->entities.at("works");
    EXPECT_EQ(works.lists_files, c.lists_files);
    EXPECT_EQ(works.entries.size(), c.lists_files ? 1u : 0u);
    EXPECT_EQ(works.record_count, 2u);
    EXPECT_EQ(manifest->record_count, 2u);
    EXPECT_EQ(manifest->content_length, 10u);
  }
  EXPECT_EQ(ParseCombinedManifest(dir.Write("empty", "{}")).status().code(), Status::Code::kCorruption);
}

TEST(Manifest2026Test, DeletedIdsOfThe2026LayoutAreLoaded) {
  TempDir dir;
  std::string path = dir.Write("deleted_ids.csv",
                               "work_id,deleted_date\nhttps://openalex.org/W4245566371,2026-08-14\nW12,2026-08-15\n"
                               "not a row\n");
  std::unordered_set<uint64_t> ids;
  std::vector<PlanIssue> issues;
  ASSERT_TRUE(LoadMergedWorkIds({path}, ids, issues).ok());
  EXPECT_EQ(ids, (std::unordered_set<uint64_t>{4245566371u, 12u}));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("line 4"), std::string::npos) << issues[0].message;
}

// Which copy of the works is planned (issue 22): data/jsonl/works/ by default, data/parquet/works/
// with --format parquet or when there is no JSON Lines copy; .parquet files named as inputs are read.
std::vector<std::string> WorksNames(const InputPlan& plan) {
  std::vector<std::string> names;
  for (const InputFile& f : plan.works) names.push_back(std::filesystem::path(f.path).filename().string());
  return names;
}

bool HasNote(const InputPlan& plan, std::string_view kind) {
  return std::any_of(plan.notes.begin(), plan.notes.end(), [&](const PlanNote& n) { return n.kind == kind; });
}

TEST(PlanParquetTest, A2026SnapshotReadsJsonLinesUnlessAskedForParquet) {
  TempDir dir;
  dir.Write("snap/data/jsonl/works/updated_date=2026-06-24/part_0000.gz", Gzip("{\"id\":\"W1\"}\n"));
  dir.Write("snap/data/parquet/works/updated_date=2026-06-24/part_0000.parquet", "PAR1");
  dir.Write("snap/data/parquet/works/updated_date=2026-06-25/part_0000.parquet", "PAR1");
  std::string root = (dir.path() / "snap").string();
  auto plan = PlanInputs({root});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(WorksNames(*plan), (std::vector<std::string>{"part_0000.gz"}));
  EXPECT_TRUE(HasNote(*plan, "parquet_not_read"));

  for (const std::string& input : {root, root + "/data", root + "/data/parquet"}) {
    auto parquet = PlanInputs({input}, PlanOptions{WorksFormat::kParquet});
    ASSERT_TRUE(parquet.ok()) << parquet.status().ToString();
    ASSERT_EQ(parquet->works.size(), 2u) << input;
    EXPECT_EQ(parquet->works[0].format, InputFormat::kParquet);
    EXPECT_EQ(parquet->works[0].updated_date, "2026-06-24");
    EXPECT_EQ(parquet->works[1].updated_date, "2026-06-25");
    EXPECT_EQ(parquet->layout, "openalex-2026");
    EXPECT_TRUE(HasNote(*parquet, "jsonl_not_read")) << input;
    EXPECT_FALSE(HasNote(*parquet, "parquet_not_read")) << input;
  }
}

TEST(PlanParquetTest, ASnapshotWithOnlyTheParquetCopyReadsIt) {
  TempDir dir;
  dir.Write("snap/data/parquet/works/updated_date=2026-06-24/part_0000.parquet", "PAR1");
  dir.Write("snap/data/jsonl/institutions/updated_date=2026-06-24/part_0000.gz", Gzip("{\"id\":\"I1\"}\n"));
  auto plan = PlanInputs({(dir.path() / "snap").string()});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(WorksNames(*plan), (std::vector<std::string>{"part_0000.parquet"}));
  EXPECT_EQ(plan->institutions.size(), 1u);
  auto jsonl = PlanInputs({(dir.path() / "snap").string()}, PlanOptions{WorksFormat::kJsonLines});
  ASSERT_TRUE(jsonl.ok());
  EXPECT_TRUE(jsonl->works.empty());
  EXPECT_TRUE(HasNote(*jsonl, "parquet_not_read"));
}

TEST(PlanParquetTest, FoldersAndFilesOfParquet) {
  TempDir dir;
  dir.Write("pq/b.parquet", "PAR1");
  dir.Write("pq/a.parquet", "PAR1");
  dir.Write("mixed/a.jsonl", "{}\n");
  dir.Write("mixed/b.parquet", "PAR1");
  auto folder = PlanInputs({(dir.path() / "pq").string()});
  ASSERT_TRUE(folder.ok());
  EXPECT_EQ(WorksNames(*folder), (std::vector<std::string>{"a.parquet", "b.parquet"}));
  auto mixed = PlanInputs({(dir.path() / "mixed").string()});
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(WorksNames(*mixed), (std::vector<std::string>{"a.jsonl"}));
  EXPECT_TRUE(HasNote(*mixed, "parquet_not_read"));
  auto mixed_parquet = PlanInputs({(dir.path() / "mixed").string()}, PlanOptions{WorksFormat::kParquet});
  ASSERT_TRUE(mixed_parquet.ok());
  EXPECT_EQ(WorksNames(*mixed_parquet), (std::vector<std::string>{"b.parquet"}));
  EXPECT_TRUE(HasNote(*mixed_parquet, "jsonl_not_read"));
  auto file = PlanInputs({(dir.path() / "mixed/b.parquet").string()});
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(WorksNames(*file), (std::vector<std::string>{"b.parquet"}));
  auto not_read = PlanInputs({(dir.path() / "mixed/b.parquet").string()}, PlanOptions{WorksFormat::kJsonLines});
  ASSERT_TRUE(not_read.ok());
  EXPECT_TRUE(not_read->works.empty());
  EXPECT_TRUE(HasNote(*not_read, "parquet_not_read"));
  WorksFormat format;
  EXPECT_TRUE(ParseWorksFormat("parquet", &format));
  EXPECT_EQ(format, WorksFormat::kParquet);
  EXPECT_FALSE(ParseWorksFormat("csv", &format));
}

}  // namespace
}  // namespace entangle::source
