#include "store/study_db.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/sha256.h"
#include "store/schema.h"
#include "store/study_db_writer.h"
#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle::store {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

using entangle::testing::ReadFileText;
using entangle::testing::SourcePath;
using entangle::testing::TempDir;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

RunInfo SampleRun() {
  RunInfo info;
  info.study_name = "ai-europe-china";
  info.study_path = "studies/ai-europe-china.toml";
  info.study_toml = "[study]\nname = \"ai-europe-china\"\n";
  info.study_sha256 = "abc123";
  info.group_a_name = "Europe";
  info.group_a_countries = {"DE", "FR", "HK"};
  info.group_b_name = "China";
  info.group_b_countries = {"CN", "HK"};
  info.inputs = {"data/works", "extra/part_000.gz"};
  info.snapshot_date = "2024-05-01";
  info.manifest_json = "{\"entries\":[]}";
  info.tool_version = "0.1.0";
  info.command_line = "entangle scan studies/ai-europe-china.toml";
  info.started_at = "2024-06-01T10:00:00Z";
  info.threads = 4;
  return info;
}

RunCounts SampleCounts() {
  RunCounts counts;
  counts.records = 100;
  counts.works = 98;
  counts.in_scope = 80;
  counts.field_relevant = 40;
  counts.joint = 5;
  counts.duplicates = 2;
  counts.merged_away = 1;
  counts.skipped = {{"malformed_json", 2}, {"missing_id", 1}};
  counts.finished_at = "2024-06-01T10:05:00Z";
  counts.summary_json = "{\"joint\":5}";
  return counts;
}

// A work with every field set, two authors, one id-less institution and a missing-country share.
extract::WorkRecord FullWork(const std::string& id = "W1", const std::string& updated_date = "2024-03-01") {
  extract::WorkRecord w;
  w.id = id;
  w.doi = "10.1000/xyz";
  w.title = "Deep learning for \"things\"";
  w.abstract = "We study things.";
  w.publication_year = 2021;
  w.publication_date = "2021-04-05";
  w.language = "en";
  w.type = "article";
  w.updated_date = updated_date;
  w.cited_by_count = 42;
  w.fwci = 1.5;
  w.counts_by_year = {{2022, 10}, {2023, 32}};
  w.institutions = {
      {"I1", "033vjfk17", "Tsinghua University", "CN", "education", {"I1"}},
      {"I2", "", "Max Planck Society", "DE", "facility", {"I2", "I9"}},
      {"", "", "Unknown Lab", "", "", {}},
  };
  extract::Authorship first;
  first.order = 0;
  first.position = "first";
  first.author_id = "A10";
  first.author_name = "Li Wei";
  first.is_corresponding = true;
  first.institutions = {0, 2};
  first.countries = {"CN"};
  first.raw_affiliations = {"Tsinghua University, Beijing", "Unknown Lab"};
  extract::Authorship last;
  last.order = 1;
  last.position = "last";
  last.author_id = "";
  last.author_name = "Anna Schmidt";
  last.institutions = {1};
  last.countries = {"DE", "FR"};
  w.authorships = {first, last};
  w.topics = {{"T10", "Neural networks", 0.99, true, "1702", "AI", "17", "Computer Science", "3", "Physical"},
              {"T11", "Robots", 0.5, false, "2207", "Control", "22", "Engineering", "3", "Physical"}};
  w.concepts = {{"C154945302", "Artificial intelligence", 1, 0.75}, {"C2", "Unknown level", -1, 0.25}};
  w.grants = {{"F4320321001", "NSFC", "62276000"}, {"", "Some foundation", ""}};
  w.keywords = {"deep learning", "robots"};
  w.countries = {"CN", "DE", "FR"};
  return w;
}

std::vector<WorkCountryShare> FullWorkShares() { return {{"CN", 0.5}, {"DE", 0.25}, {"FR", 0.25}}; }

// Number of rows a work adds to each work_* table, in schema::kWorkChildTables order.
std::vector<int64_t> ChildRowCounts(StudyDb& reader, const std::string& id) {
  std::vector<int64_t> counts;
  for (const ChildTable& table : kWorkChildTables) {
    auto rows = reader.Query("SELECT count(*) FROM " + std::string(table.name) + " WHERE work_id = '" + id + "'");
    counts.push_back(rows.ok() ? std::stoll((*rows)[0][0]) : -1);
  }
  return counts;
}

class StudyDbTest : public ::testing::Test {
 protected:
  std::string DbPath() const { return (dir_.path() / "study.db").string(); }

  std::unique_ptr<StudyDbWriter> NewWriter(const std::string& path) {
    auto writer = StudyDbWriter::Create(path);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    return writer.ok() ? std::move(writer).value() : nullptr;
  }
  std::unique_ptr<StudyDbWriter> NewWriter() { return NewWriter(DbPath()); }

  std::unique_ptr<StudyDb> CommitAndOpen(StudyDbWriter& writer) {
    Status committed = writer.Commit();
    EXPECT_TRUE(committed.ok()) << committed.ToString();
    auto reader = StudyDb::Open(DbPath());
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(reader).value() : nullptr;
  }

  static Rows Q(StudyDb& reader, const std::string& sql) {
    auto rows = reader.Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().ToString();
    return rows.ok() ? *rows : Rows{};
  }

  TempDir dir_;
};

TEST_F(StudyDbTest, RoundTripsEveryFieldOfAWork) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutRun(SampleRun()).ok());
  auto shares = FullWorkShares();
  shares.push_back({"??", 0.0});
  auto stored = writer->PutJointWork(FullWork(), shares, "works/part_001.gz", 17);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_TRUE(*stored);
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);

  struct Case {
    std::string sql;
    Rows expected;
  };
  const std::vector<Case> cases = {
      {"SELECT id, doi, title, abstract, publication_year, publication_date, language, type, updated_date, "
       "cited_by_count, fwci, countries, source_file, source_line FROM works",
       {{"W1", "10.1000/xyz", "Deep learning for \"things\"", "We study things.", "2021", "2021-04-05", "en",
         "article", "2024-03-01", "42", "1.5", "CN DE FR", "works/part_001.gz", "17"}}},
      {"SELECT work_id, country, in_group, fractional FROM work_countries ORDER BY country",
       {{"W1", "??", "", "0.0"}, {"W1", "CN", "b", "0.5"}, {"W1", "DE", "a", "0.25"}, {"W1", "FR", "a", "0.25"}}},
      {"SELECT work_id, author_order, position, author_id, author_name, is_corresponding, countries, "
       "raw_affiliations, author_id IS NULL FROM work_authorships ORDER BY author_order",
       {{"W1", "0", "first", "A10", "Li Wei", "1", "CN", R"(["Tsinghua University, Beijing","Unknown Lab"])", "0"},
        {"W1", "1", "last", "", "Anna Schmidt", "0", "DE FR", "[]", "1"}}},
      {"SELECT work_id, author_order, institution_key FROM work_authorship_institutions "
       "ORDER BY author_order, institution_key",
       {{"W1", "0", "I1"}, {"W1", "0", "name:Unknown Lab"}, {"W1", "1", "I2"}}},
      {"SELECT work_id, institution_key, institution_id, ror, display_name, country_code, type, lineage, "
       "institution_id IS NULL, ror IS NULL FROM work_institutions ORDER BY institution_key",
       {{"W1", "I1", "I1", "033vjfk17", "Tsinghua University", "CN", "education", "I1", "0", "0"},
        {"W1", "I2", "I2", "", "Max Planck Society", "DE", "facility", "I2 I9", "0", "1"},
        {"W1", "name:Unknown Lab", "", "", "Unknown Lab", "", "", "", "1", "1"}}},
      // Two authors: the first splits its half over two institutions.
      {"SELECT institution_key, author_share FROM work_institutions ORDER BY institution_key",
       {{"I1", "0.25"}, {"I2", "0.5"}, {"name:Unknown Lab", "0.25"}}},
      {"SELECT work_id, topic_id, display_name, score, is_primary, subfield_id, subfield_name, field_id, "
       "field_name, domain_id, domain_name FROM work_topics ORDER BY topic_id",
       {{"W1", "T10", "Neural networks", "0.99", "1", "1702", "AI", "17", "Computer Science", "3", "Physical"},
        {"W1", "T11", "Robots", "0.5", "0", "2207", "Control", "22", "Engineering", "3", "Physical"}}},
      {"SELECT work_id, concept_id, display_name, level, score, level IS NULL FROM work_concepts ORDER BY score",
       {{"W1", "C2", "Unknown level", "", "0.25", "1"},
        {"W1", "C154945302", "Artificial intelligence", "1", "0.75", "0"}}},
      {"SELECT work_id, funder_id, funder_name, award_id, funder_id IS NULL FROM work_grants ORDER BY funder_name",
       {{"W1", "F4320321001", "NSFC", "62276000", "0"}, {"W1", "", "Some foundation", "", "1"}}},
      {"SELECT work_id, year, cited_by_count FROM work_citations_by_year ORDER BY year",
       {{"W1", "2022", "10"}, {"W1", "2023", "32"}}},
      {"SELECT work_id, keyword FROM work_keywords ORDER BY keyword", {{"W1", "deep learning"}, {"W1", "robots"}}},
  };
  for (const Case& c : cases) EXPECT_EQ(Q(*reader, c.sql), c.expected) << c.sql;
}

TEST_F(StudyDbTest, AbsentOptionalValuesAreNull) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  extract::WorkRecord work;
  work.id = "W7";
  work.publication_year = 2020;
  work.countries = {"CN", "DE"};
  ASSERT_TRUE(writer->PutJointWork(work, {}, "", 0).ok());
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT fwci IS NULL, doi IS NULL, language IS NULL, updated_date IS NULL, title IS NULL "
                       "FROM works"),
            (Rows{{"1", "1", "1", "1", "1"}}));
  // Without PutRun there are no groups; without shares the fractional column is 0.
  EXPECT_EQ(Q(*reader, "SELECT country, in_group, fractional FROM work_countries ORDER BY country"),
            (Rows{{"CN", "", "0.0"}, {"DE", "", "0.0"}}));
}

TEST_F(StudyDbTest, LabelsCountriesWithTheirGroups) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutRun(SampleRun()).ok());  // A = DE FR HK, B = CN HK
  extract::WorkRecord work;
  work.id = "W2";
  work.countries = {"CN", "DE", "HK", "US"};
  ASSERT_TRUE(writer->PutJointWork(work, {}, "f", 1).ok());
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"CN", "b"}, {"DE", "a"}, {"HK", "ab"}, {"US", ""}};
  for (const auto& [country, group] : cases) {
    EXPECT_EQ(Q(*reader, "SELECT in_group FROM work_countries WHERE country = '" + country + "'"), (Rows{{group}}))
        << country;
  }
}

TEST_F(StudyDbTest, DeduplicatesByUpdatedDate) {
  struct Case {
    std::string name;
    std::string first_date;
    std::string second_date;
    bool second_stored;
  };
  const std::vector<Case> cases = {
      {"newer replaces", "2024-01-01", "2024-02-01", true},
      {"older is ignored", "2024-02-01", "2024-01-01", false},
      {"tie keeps the first", "2024-02-01", "2024-02-01", false},
      {"a date beats none", "", "2024-01-01", true},
      {"timestamps compare as text", "2024-02-01T10:00:00", "2024-02-01T09:59:59", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    std::string path = (dir.path() / "dedup.db").string();
    auto writer = NewWriter(path);
    ASSERT_NE(writer, nullptr);
    extract::WorkRecord first = FullWork("W1", c.first_date);
    first.title = "first";
    extract::WorkRecord second = FullWork("W1", c.second_date);
    second.title = "second";
    second.keywords = {"only", "second", "keywords"};
    second.authorships.pop_back();
    second.countries = {"CN"};
    extract::WorkRecord other = FullWork("W2");
    ASSERT_TRUE(*writer->PutJointWork(first, FullWorkShares(), "a", 1));
    ASSERT_TRUE(*writer->PutJointWork(other, FullWorkShares(), "a", 2));
    auto stored = writer->PutJointWork(second, {{"CN", 1.0}}, "b", 1);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_EQ(*stored, c.second_stored);
    ASSERT_TRUE(writer->Commit().ok());
    auto reader = StudyDb::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();

    const extract::WorkRecord& winner = c.second_stored ? second : first;
    EXPECT_EQ(Q(**reader, "SELECT title, source_file FROM works WHERE id = 'W1'"),
              (Rows{{winner.title, c.second_stored ? "b" : "a"}}));
    EXPECT_EQ(Q(**reader, "SELECT count(*) FROM works"), (Rows{{"2"}}));
    // Exactly the winner's child rows remain, and the unrelated work is untouched.
    std::vector<int64_t> expected = {
        static_cast<int64_t>(winner.countries.size()), static_cast<int64_t>(winner.authorships.size()),
        c.second_stored ? 2 : 3, 3, 2, 2, 2, 2, static_cast<int64_t>(winner.keywords.size())};
    EXPECT_EQ(ChildRowCounts(**reader, "W1"), expected);
    EXPECT_EQ(ChildRowCounts(**reader, "W2"), (std::vector<int64_t>{3, 2, 3, 3, 2, 2, 2, 2, 2}));
  }
}

TEST_F(StudyDbTest, RepeatedReplacementsAcrossBatchesKeepOnlyTheNewest) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  const std::vector<std::pair<std::string, bool>> versions = {
      {"2024-01-01", true}, {"2024-03-01", true}, {"2024-02-01", false}, {"2024-05-01", true}};
  for (size_t v = 0; v < versions.size(); ++v) {
    extract::WorkRecord work = FullWork("W1", versions[v].first);
    work.keywords = {"version " + std::to_string(v)};
    auto stored = writer->PutJointWork(work, FullWorkShares(), "f", v);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(*stored, versions[v].second) << v;
    // Enough fillers between versions to cross a batch commit.
    for (int i = 0; i < 6000; ++i) {
      extract::WorkRecord filler;
      filler.id = "W" + std::to_string(100000 * (v + 1) + static_cast<size_t>(i));
      filler.countries = {"CN", "DE"};
      filler.keywords = {"filler"};
      ASSERT_TRUE(writer->PutJointWork(filler, {}, "f", 1).ok());
    }
  }
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT keyword FROM work_keywords WHERE work_id = 'W1'"), (Rows{{"version 3"}}));
  EXPECT_EQ(ChildRowCounts(*reader, "W1"), (std::vector<int64_t>{3, 2, 3, 3, 2, 2, 2, 2, 1}));
  EXPECT_EQ(Q(*reader, "SELECT count(*), sum(keyword = 'filler') FROM work_keywords"), (Rows{{"24001", "24000"}}));
}

TEST_F(StudyDbTest, DeleteWorkRemovesTheWorkAndItsChildRows) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(*writer->PutJointWork(FullWork("W1", "2024-05-01"), FullWorkShares(), "a", 1));
  ASSERT_TRUE(*writer->PutJointWork(FullWork("W2"), FullWorkShares(), "a", 2));
  ASSERT_TRUE(*writer->PutJointWork(FullWork("W3"), FullWorkShares(), "a", 3));
  ASSERT_TRUE(writer->DeleteWork("W1").ok());
  ASSERT_TRUE(writer->DeleteWork("W3").ok());
  EXPECT_TRUE(writer->DeleteWork("W404").ok());  // absent: no-op
  // After a delete the id is free again, whatever the date of the new copy.
  extract::WorkRecord again = FullWork("W3", "2020-01-01");
  again.keywords = {"again"};
  auto stored = writer->PutJointWork(again, FullWorkShares(), "b", 4);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(*stored);
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT id, source_file FROM works ORDER BY id"), (Rows{{"W2", "a"}, {"W3", "b"}}));
  EXPECT_EQ(ChildRowCounts(*reader, "W1"), (std::vector<int64_t>(9, 0)));
  EXPECT_EQ(ChildRowCounts(*reader, "W2"), (std::vector<int64_t>{3, 2, 3, 3, 2, 2, 2, 2, 2}));
  EXPECT_EQ(ChildRowCounts(*reader, "W3"), (std::vector<int64_t>{3, 2, 3, 3, 2, 2, 2, 2, 1}));
  EXPECT_EQ(Q(*reader, "SELECT keyword FROM work_keywords WHERE work_id = 'W3'"), (Rows{{"again"}}));
}

TEST_F(StudyDbTest, StoresEntitiesAndLaterOnesWin) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  extract::InstitutionEntity tsinghua;
  tsinghua.id = "I1";
  tsinghua.ror = "033vjfk17";
  tsinghua.display_name = "Tsinghua University";
  tsinghua.country_code = "CN";
  tsinghua.type = "education";
  tsinghua.lineage = {"I1"};
  tsinghua.alternative_names = {"THU", "清华大学", "THU"};
  tsinghua.associated_ids = {"I5", "I6"};
  tsinghua.associated_relationships = {"child", "related"};
  tsinghua.works_count = 100;
  extract::InstitutionEntity stale = tsinghua;
  stale.display_name = "Old name";
  stale.alternative_names = {"Old"};
  stale.associated_ids = {"I7"};
  stale.associated_relationships = {};
  extract::InstitutionEntity mpg;
  mpg.id = "I2";
  mpg.display_name = "Max Planck Society";
  extract::FunderEntity nsfc{"F1", "01h0zpd94", "NSFC", "CN", {"National Natural Science Foundation"}, 5000};
  extract::FunderEntity nsfc_new = nsfc;
  nsfc_new.alternative_names = {"NNSF", "国家自然科学基金委员会"};
  nsfc_new.works_count = 6000;

  for (const extract::InstitutionEntity* e : {&stale, &mpg, &tsinghua}) ASSERT_TRUE(writer->PutInstitution(*e).ok());
  ASSERT_TRUE(writer->PutFunder(nsfc).ok());
  ASSERT_TRUE(writer->PutFunder(nsfc_new).ok());
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);

  EXPECT_EQ(Q(*reader, "SELECT id, ror, display_name, country_code, type, lineage, works_count FROM institutions "
                       "ORDER BY id"),
            (Rows{{"I1", "033vjfk17", "Tsinghua University", "CN", "education", "I1", "100"},
                  {"I2", "", "Max Planck Society", "", "", "", "0"}}));
  EXPECT_EQ(Q(*reader, "SELECT institution_id, name, kind FROM institution_names ORDER BY name"),
            (Rows{{"I1", "THU", "alternative"}, {"I1", "清华大学", "alternative"}}));
  EXPECT_EQ(Q(*reader, "SELECT institution_id, associated_id, relationship FROM institution_associations "
                       "ORDER BY associated_id"),
            (Rows{{"I1", "I5", "child"}, {"I1", "I6", "related"}}));
  EXPECT_EQ(Q(*reader, "SELECT id, ror, display_name, country_code, works_count FROM funders"),
            (Rows{{"F1", "01h0zpd94", "NSFC", "CN", "6000"}}));
  EXPECT_EQ(Q(*reader, "SELECT funder_id, name FROM funder_names ORDER BY name"),
            (Rows{{"F1", "NNSF"}, {"F1", "国家自然科学基金委员会"}}));
}

TEST_F(StudyDbTest, StoresTotals) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutTotals({{"country", "CN", 2020, 10, 4.5}, {"country", "??", 2020, 1, 0.25}}).ok());
  ASSERT_TRUE(writer->PutTotals({{"group", "a", 2021, 7, 3.125}}).ok());
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT unit_kind, unit, year, whole, fractional FROM totals ORDER BY year, unit"),
            (Rows{{"country", "??", "2020", "1", "0.25"},
                  {"country", "CN", "2020", "10", "4.5"},
                  {"group", "a", "2021", "7", "3.125"}}));
}

TEST_F(StudyDbTest, WritesTheRunRow) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  RunInfo older = SampleRun();
  older.study_name = "replaced";
  ASSERT_TRUE(writer->PutRun(older).ok());
  ASSERT_TRUE(writer->PutRun(SampleRun()).ok());
  const RunCounts counts = SampleCounts();
  ASSERT_TRUE(writer->FinishRun(counts).ok());
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(
      Q(*reader,
        "SELECT study_name, study_path, study_toml, study_sha256, group_a_name, group_a_countries, group_b_name, "
        "group_b_countries, inputs, snapshot_date, manifest_json, tool_version, command_line, started_at, "
        "finished_at, threads, records, works, in_scope, field_relevant, joint, duplicates, merged_away, "
        "skipped_total, skipped_json, summary_json FROM runs"),
      (Rows{{"ai-europe-china", "studies/ai-europe-china.toml", "[study]\nname = \"ai-europe-china\"\n", "abc123",
             "Europe", "DE FR HK", "China", "CN HK", R"(["data/works","extra/part_000.gz"])", "2024-05-01",
             "{\"entries\":[]}", "0.1.0", "entangle scan studies/ai-europe-china.toml", "2024-06-01T10:00:00Z",
             "2024-06-01T10:05:00Z", "4", "100", "98", "80", "40", "5", "2", "1", "3",
             R"({"malformed_json":2,"missing_id":1})", "{\"joint\":5}"}}));
}

TEST_F(StudyDbTest, ReadStoredRunGivesTypedValuesAndTheDefinitionParsedOnce) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  RunInfo info = SampleRun();
  info.study_toml = ReadFileText(SourcePath("studies/ai-europe-china.toml"));
  info.study_sha256 = Sha256Hex(info.study_toml);
  ASSERT_TRUE(writer->PutRun(info).ok());
  const RunCounts counts = SampleCounts();
  ASSERT_TRUE(writer->FinishRun(counts).ok());
  auto db = CommitAndOpen(*writer);
  ASSERT_NE(db, nullptr);
  Result<StoredRun> run = ReadStoredRun(*db);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->info.group_a_countries, (std::vector<std::string>{"DE", "FR", "HK"}));
  EXPECT_EQ(run->info.group_b_countries, (std::vector<std::string>{"CN", "HK"}));
  EXPECT_EQ(run->info.inputs, info.inputs);
  EXPECT_EQ(run->info.threads, 4);
  EXPECT_EQ(run->info.manifest_json, info.manifest_json);
  EXPECT_EQ(run->data_date, "2024-05-01");
  EXPECT_TRUE(run->sha256_matches);
  ASSERT_TRUE(run->counts.has_value());
  EXPECT_EQ(run->counts->records, 100u);
  EXPECT_EQ(run->counts->joint, 5u);
  EXPECT_EQ(run->counts->skipped, counts.skipped);
  EXPECT_EQ(run->counts->finished_at, counts.finished_at);
  ASSERT_TRUE(run->definition.has_value()) << run->definition_error;
  Result<select::StudyDefinition> direct = select::LoadStudyDefinition(SourcePath("studies/ai-europe-china.toml"));
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(run->definition->name, direct->name);
  EXPECT_EQ(run->definition->year_from, direct->year_from);
  EXPECT_EQ(run->definition->year_to, direct->year_to);
  EXPECT_EQ(run->definition->group_a.countries, direct->group_a.countries);
  EXPECT_EQ(run->definition->sha256, info.study_sha256);
}

// A run whose scan never finished, with a definition this build rejects and no snapshot date: the
// groups still read, the counts are absent rather than zero, and the reason is kept.
TEST_F(StudyDbTest, ReadStoredRunOfAnUnfinishedScanWithAnUnreadableDefinition) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  RunInfo info = SampleRun();  // its TOML has no groups: not a valid definition
  info.snapshot_date.clear();
  ASSERT_TRUE(writer->PutRun(info).ok());
  auto db = CommitAndOpen(*writer);
  ASSERT_NE(db, nullptr);
  Result<StoredRun> run = ReadStoredRun(*db);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_FALSE(run->counts.has_value());
  EXPECT_FALSE(run->definition.has_value());
  EXPECT_FALSE(run->definition_error.empty());
  EXPECT_FALSE(run->sha256_matches);
  EXPECT_EQ(run->info.group_b_countries, (std::vector<std::string>{"CN", "HK"}));
  EXPECT_EQ(run->data_date, "2024-06-01");
}

// The groups-only read (network, screen, analyze) does not parse the stored text: a definition
// this build rejects gives no definition_error, and a valid one is not parsed either.
TEST_F(StudyDbTest, ReadStoredRunWithoutTheDefinitionDoesNotParseIt) {
  for (const bool valid : {false, true}) {
    SCOPED_TRACE(valid ? "valid definition" : "definition this build rejects");
    auto writer = NewWriter();
    ASSERT_NE(writer, nullptr);
    RunInfo info = SampleRun();  // its TOML has no groups: not a valid definition
    if (valid) info.study_toml = ReadFileText(SourcePath("studies/ai-europe-china.toml"));
    info.study_sha256 = Sha256Hex(info.study_toml);
    ASSERT_TRUE(writer->PutRun(info).ok());
    auto db = CommitAndOpen(*writer);
    ASSERT_NE(db, nullptr);
    Result<StoredRun> run = ReadStoredRun(*db, StoredDefinition::kSkip);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_FALSE(run->definition.has_value());
    EXPECT_EQ(run->definition_error, "");
    EXPECT_EQ(run->info.group_a_countries, (std::vector<std::string>{"DE", "FR", "HK"}));
    EXPECT_EQ(run->info.group_b_name, info.group_b_name);
    EXPECT_TRUE(run->sha256_matches);
    EXPECT_EQ(run->data_date, "2024-05-01");
    // The full read of the same database parses it.
    Result<StoredRun> parsed = ReadStoredRun(*db, StoredDefinition::kParse);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->definition.has_value(), valid) << parsed->definition_error;
    EXPECT_EQ(parsed->definition_error.empty(), valid);
  }
}

TEST_F(StudyDbTest, ReadStoredRunOfADatabaseWithoutARunIsNotFound) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  auto db = CommitAndOpen(*writer);
  ASSERT_NE(db, nullptr);
  Result<StoredRun> run = ReadStoredRun(*db);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kNotFound) << run.status().ToString();
}

// Every stage opens the database here, so a database from another entangle version gets one
// clear message that says what to do, whichever command met it.
TEST_F(StudyDbTest, OpenSaysWhetherTheSchemaIsOlderOrNewer) {
  for (const auto& [version, advice] : std::vector<std::pair<int, std::string>>{
           {kSchemaVersion - 1, "older entangle: scan the study again"}, {kSchemaVersion + 1, "newer entangle"}}) {
    const std::string path = (dir_.path() / fmt::format("v{}.db", version)).string();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    const std::string sql = fmt::format(
        "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('kind', '{}'), ('schema_version', '{}');",
        kDatabaseKind, version);
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    for (StudyDbAccess access : {StudyDbAccess::kReadOnly, StudyDbAccess::kReadWrite}) {
      auto db = StudyDb::Open(path, access);
      ASSERT_FALSE(db.ok());
      EXPECT_EQ(db.status().code(), Status::Code::kUnsupported);
      EXPECT_NE(db.status().message().find(advice), std::string::npos) << db.status().message();
    }
  }
}

TEST_F(StudyDbTest, ReadWriteAccessCanAddTablesAndReadOnlyCannot) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Commit().ok());
  auto read_only = StudyDb::Open(DbPath());
  ASSERT_TRUE(read_only.ok());
  EXPECT_FALSE((*read_only)->writable());
  EXPECT_FALSE((*read_only)->Query("CREATE TABLE derived (x)").ok());
  read_only->reset();
  auto writable = StudyDb::Open(DbPath(), StudyDbAccess::kReadWriteIfPossible);
  ASSERT_TRUE(writable.ok());
  EXPECT_TRUE((*writable)->writable());
  EXPECT_TRUE((*writable)->Query("CREATE TABLE derived (x)").ok());
  EXPECT_TRUE((*writable)->HasTable("derived"));
  EXPECT_TRUE((*writable)->HasColumn("derived", "x"));
  EXPECT_FALSE((*writable)->HasColumn("derived", "y"));
}

TEST_F(StudyDbTest, FinishRunWithoutPutRunFails) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  Status status = writer->FinishRun(RunCounts{});
  EXPECT_EQ(status.code(), Status::Code::kInvalidArgument) << status.ToString();
  EXPECT_TRUE(writer->PutRun(SampleRun()).ok());
  EXPECT_TRUE(writer->FinishRun(RunCounts{}).ok());
}

TEST_F(StudyDbTest, StoresInputFilesAndSkips) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutInputFile({"works/updated_date=2024-01-01/part_000.gz", "jsonl.gz", "2024-01-01", 1234,
                                    std::optional<uint64_t>(10), 10, 9999})
                  .ok());
  ASSERT_TRUE(writer->PutInputFile({"page.json", "api-page", "", 50, std::nullopt, 2, 50}).ok());
  ASSERT_TRUE(writer->PutSkip({"malformed_json", "a.jsonl", 3, "", "unexpected end"}).ok());
  ASSERT_TRUE(writer->PutSkip({"truncated_gzip", "b.gz", 0, "", ""}).ok());
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT path, format, updated_date, size_bytes, expected_records, records_read, "
                       "uncompressed_bytes, expected_records IS NULL FROM input_files ORDER BY path"),
            (Rows{{"page.json", "api-page", "", "50", "", "2", "50", "1"},
                  {"works/updated_date=2024-01-01/part_000.gz", "jsonl.gz", "2024-01-01", "1234", "10", "10",
                   "9999", "0"}}));
  EXPECT_EQ(Q(*reader, "SELECT reason, file, line, line IS NULL, work_id IS NULL, message FROM skipped "
                       "ORDER BY reason"),
            (Rows{{"malformed_json", "a.jsonl", "3", "0", "1", "unexpected end"},
                  {"truncated_gzip", "b.gz", "", "1", "1", ""}}));
}

TEST_F(StudyDbTest, CommitPublishesTheFileAtomically) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->temp_path(), DbPath() + ".tmp-" + std::to_string(::getpid()));
  EXPECT_TRUE(fs::exists(writer->temp_path()));
  ASSERT_TRUE(writer->PutJointWork(FullWork(), FullWorkShares(), "f", 1).ok());
  EXPECT_FALSE(fs::exists(DbPath()));
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_TRUE(fs::exists(DbPath()));
  EXPECT_FALSE(fs::exists(writer->temp_path()));
  EXPECT_EQ(writer->PutSkip({"x", "", 0, "", ""}).code(), Status::Code::kAborted);
  EXPECT_EQ(writer->Commit().code(), Status::Code::kAborted);
  writer.reset();  // must not delete the published file
  auto reader = StudyDb::Open(DbPath());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(Q(**reader, "SELECT id FROM works"), (Rows{{"W1"}}));
}

TEST_F(StudyDbTest, AbandonedWriterLeavesThePreviousDatabaseUntouched) {
  {
    auto writer = NewWriter();
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(writer->PutJointWork(FullWork("W1"), FullWorkShares(), "f", 1).ok());
    ASSERT_TRUE(writer->Commit().ok());
  }
  const std::string before = ReadBytes(DbPath());
  ASSERT_FALSE(before.empty());
  std::string temp_path;
  {
    auto writer = NewWriter();
    ASSERT_NE(writer, nullptr);
    temp_path = writer->temp_path();
    ASSERT_TRUE(writer->PutJointWork(FullWork("W2"), FullWorkShares(), "f", 1).ok());
    ASSERT_TRUE(writer->PutRun(SampleRun()).ok());
    EXPECT_TRUE(fs::exists(temp_path));
  }
  EXPECT_FALSE(fs::exists(temp_path));
  EXPECT_EQ(ReadBytes(DbPath()), before);
  auto reader = StudyDb::Open(DbPath());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(Q(**reader, "SELECT id FROM works"), (Rows{{"W1"}}));
}

TEST_F(StudyDbTest, CreateReplacesAStaleTempFileAndCommitOverwritesAnyFile) {
  const std::string stale = DbPath() + ".tmp-" + std::to_string(::getpid());
  WriteBytes(stale, "left over by a crashed run");
  WriteBytes(DbPath(), "not a database");
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutJointWork(FullWork(), FullWorkShares(), "f", 1).ok());
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT count(*) FROM works"), (Rows{{"1"}}));
  EXPECT_FALSE(fs::exists(stale));
}

TEST_F(StudyDbTest, CreatesAMissingParentDirectory) {
  const std::string path = (dir_.path() / "a" / "b" / "study.db").string();
  auto writer = NewWriter(path);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_TRUE(StudyDb::Open(path).ok());
}

TEST_F(StudyDbTest, CommitCreatesTheIndexes) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  std::vector<std::pair<std::string, std::string>> expected = {
      {"work_institutions", "institution_id"}, {"work_countries", "country"}, {"works", "publication_year"}};
  for (const ChildTable& table : kWorkChildTables) expected.emplace_back(table.name, "work_id");
  for (const auto& [table, column] : expected) {
    // The query planner, not just sqlite_master, must see an index for a lookup by the column.
    Rows plan = Q(*reader, "EXPLAIN QUERY PLAN SELECT * FROM " + table + " WHERE " + column + " = 'x'");
    ASSERT_FALSE(plan.empty());
    EXPECT_NE(plan[0].back().find("USING INDEX"), std::string::npos) << table << "." << column << ": "
                                                                     << plan[0].back();
  }
}

TEST_F(StudyDbTest, RejectsAWorkWithABadInstitutionIndexWithoutWritingIt) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  extract::WorkRecord bad = FullWork("W9");
  bad.authorships[0].institutions.push_back(7);
  auto stored = writer->PutJointWork(bad, {}, "f", 1);
  EXPECT_EQ(stored.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(stored.status().message().find("W9"), std::string::npos) << stored.status().message();
  // A rejected work does not poison the writer, and a valid copy can still be stored.
  EXPECT_TRUE(*writer->PutJointWork(FullWork("W9"), {}, "f", 2));
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT count(*) FROM work_authorship_institutions"), (Rows{{"3"}}));
}

TEST_F(StudyDbTest, ReaderRejectsFilesThatAreNotStudyDatabases) {
  auto make_sqlite = [](const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  };
  const fs::path d = dir_.path();
  WriteBytes(d / "text.db", "just some text, certainly more than a header's worth of bytes ........"
                            "....................................................................");
  WriteBytes(d / "empty.db", "");
  make_sqlite((d / "foreign.db").string(), "CREATE TABLE t (x);");
  make_sqlite((d / "other_meta.db").string(), "CREATE TABLE meta (key TEXT, value TEXT);");
  make_sqlite((d / "future.db").string(),
              "CREATE TABLE meta (key TEXT, value TEXT);"
              "INSERT INTO meta VALUES ('kind', 'entangle-study'), ('schema_version', '999');");
  fs::create_directories(d / "dir.db");
  struct Case {
    std::string file;
    Status::Code code;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {"missing.db", Status::Code::kNotFound, "does not exist"},
      {"text.db", Status::Code::kInvalidArgument, "is not an entangle study database (file is not a database)"},
      {"empty.db", Status::Code::kInvalidArgument, "is not an entangle study database (no such table: meta)"},
      {"foreign.db", Status::Code::kInvalidArgument, "is not an entangle study database (no such table: meta)"},
      {"other_meta.db", Status::Code::kInvalidArgument, "its meta table has no kind"},
      {"future.db", Status::Code::kUnsupported, "schema version 999"},
      {"dir.db", Status::Code::kInvalidArgument, "not a regular file"},
  };
  for (const Case& c : cases) {
    const std::string path = (d / c.file).string();
    auto reader = StudyDb::Open(path);
    ASSERT_FALSE(reader.ok()) << c.file;
    EXPECT_EQ(reader.status().code(), c.code) << c.file << ": " << reader.status().ToString();
    EXPECT_NE(reader.status().message().find(c.message_part), std::string::npos) << reader.status().message();
    EXPECT_NE(reader.status().message().find(path), std::string::npos) << reader.status().message();
  }
}

TEST_F(StudyDbTest, ReaderReportsALockedFileAsUnreadableNotAsForeign) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->PutJointWork(FullWork(), FullWorkShares(), "f", 1).ok());
  auto reader = StudyDb::Open(writer->temp_path());  // the writer holds an exclusive lock
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kIOError) << reader.status().ToString();
  EXPECT_NE(reader.status().message().find("locked"), std::string::npos) << reader.status().message();
}

TEST_F(StudyDbTest, ReaderIsReadOnlyReturnsNullsAsEmptyAndNamesFailingStatements) {
  auto writer = NewWriter();
  ASSERT_NE(writer, nullptr);
  auto reader = CommitAndOpen(*writer);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(Q(*reader, "SELECT NULL, 1, 'x', 2.5"), (Rows{{"", "1", "x", "2.5"}}));
  EXPECT_EQ(Q(*reader, "SELECT value FROM meta WHERE key = 'schema_version'"),
            (Rows{{std::to_string(kSchemaVersion)}}));

  struct Case {
    std::string sql;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {"SELECT * FROM no_such_table", "no such table: no_such_table"},
      {"DELETE FROM works", "readonly"},
      {"SELECT 1; SELECT 2", "only one SQL statement"},
  };
  for (const Case& c : cases) {
    auto rows = reader->Query(c.sql);
    ASSERT_FALSE(rows.ok()) << c.sql;
    EXPECT_NE(rows.status().message().find(c.message_part), std::string::npos) << rows.status().message();
    EXPECT_NE(rows.status().message().find(c.sql.substr(0, 8)), std::string::npos) << rows.status().message();
  }
}

TEST(JsonStringArrayTest, ParsesBackToTheSameStrings) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {""},
      {"plain", "two words"},
      {"quote \" and backslash \\", "slash / stays"},
      {"newline\n tab\t return\r", std::string("nul \0 and \x01 bell \a back\b feed\f", 30)},
      {"北京大学", "Université de Lyon", "emoji 🙂"},
  };
  for (const auto& items : cases) {
    std::string text = JsonStringArray(items);
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(parsed.is_discarded()) << text;
    EXPECT_EQ(parsed.get<std::vector<std::string>>(), items) << text;
    EXPECT_EQ(text, nlohmann::json(items).dump()) << "differs from the reference serialiser";
  }
}

extract::WorkRecord SyntheticWork(int i) {
  extract::WorkRecord w;
  w.id = "W" + std::to_string(1000000 + i);
  w.doi = "10.1/" + std::to_string(i);
  w.title = "A study of topic " + std::to_string(i % 997) + " in joint research";
  w.abstract = std::string(600, 'x');
  w.publication_year = 2015 + i % 10;
  w.publication_date = "2020-01-01";
  w.language = "en";
  w.type = "article";
  w.updated_date = "2024-01-01";
  w.cited_by_count = i % 50;
  w.fwci = 1.0;
  for (int y = 0; y < 5; ++y) w.counts_by_year.push_back({2019 + y, y});
  for (int k = 0; k < 5; ++k) {
    w.institutions.push_back({"I" + std::to_string(i % 5000 + k), "", "Institute " + std::to_string(k),
                              k % 2 == 0 ? "CN" : "DE", "education", {"I" + std::to_string(k)}});
  }
  for (int a = 0; a < 8; ++a) {
    extract::Authorship au;
    au.order = a;
    au.position = a == 0 ? "first" : (a == 7 ? "last" : "middle");
    au.author_id = "A" + std::to_string(i * 8 + a);
    au.author_name = "Author " + std::to_string(a);
    au.institutions = {a % 5};
    au.countries = {a % 5 % 2 == 0 ? "CN" : "DE"};
    au.raw_affiliations = {"Institute " + std::to_string(a % 5) + ", Somewhere"};
    w.authorships.push_back(au);
  }
  for (int t = 0; t < 3; ++t) {
    w.topics.push_back({"T" + std::to_string(10000 + t), "Topic", 0.9, t == 0, "1702", "AI", "17", "CS", "3", "P"});
  }
  for (int c = 0; c < 10; ++c) w.concepts.push_back({"C" + std::to_string(c), "Concept", c % 4, 0.5});
  w.grants = {{"F1", "NSFC", "123"}, {"F2", "DFG", ""}};
  w.keywords = {"machine learning", "robots", "vision"};
  w.countries = {"CN", "DE"};
  return w;
}

// Inserts `n` synthetic works (~60 rows each), commits, and checks the counts.
void InsertSyntheticWorks(const std::string& path, int n) {
  auto created = StudyDbWriter::Create(path);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto& writer = *created;
  ASSERT_TRUE(writer->PutRun(SampleRun()).ok());
  const std::vector<WorkCountryShare> shares = {{"CN", 0.625}, {"DE", 0.375}};
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    auto stored = writer->PutJointWork(SyntheticWork(i), shares, "part_000.gz", static_cast<uint64_t>(i + 1));
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  }
  auto inserted = std::chrono::steady_clock::now();
  ASSERT_TRUE(writer->Commit().ok());
  auto committed = std::chrono::steady_clock::now();
  auto seconds = [](auto d) { return std::chrono::duration<double>(d).count(); };
  std::printf("%d works: insert %.2fs, commit %.2fs, file %.1f MB\n", n, seconds(inserted - start),
              seconds(committed - inserted), static_cast<double>(fs::file_size(path)) / 1e6);
  auto reader = StudyDb::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto rows = (*reader)->Query("SELECT (SELECT count(*) FROM works), (SELECT count(*) FROM work_authorships)");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{std::to_string(n), std::to_string(n * 8)}}));
}

TEST_F(StudyDbTest, Inserts20kWorks) { InsertSyntheticWorks(DbPath(), 20000); }


}  // namespace
}  // namespace entangle::store
