// Analyze as a whole: the header fields every exhibit carries, incomplete years, the files and
// tables it writes, bad options and databases, and the bundled sample checked by hand. The
// exhibits themselves: analyze_joint_test.cc, analyze_institutions_test.cc,
// analyze_citations_funding_test.cc.
#include "analyze/analyze.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "analyze/exhibits.h"
#include "pipeline/scan.h"
#include "store/study_db.h"
#include "support/analyze_hand_study.h"
#include "support/study_db_file.h"
#include "support/temp_dir.h"

namespace entangle::analyze {
namespace {

namespace fs = std::filesystem;

using namespace entangle::testing;

// --- Header fields, incomplete years, files and tables -----------------------------------------

TEST_F(AnalyzeTest, EveryExhibitCarriesDefinitionCountingDateAndIncompleteYears) {
  auto exhibits = Run(Counting::kFractional);
  ASSERT_EQ(exhibits.size(), 39u);
  std::set<std::string> ids;
  for (const ExhibitTable& t : exhibits) {
    ids.insert(t.id);
    EXPECT_FALSE(t.title.empty()) << t.id;
    EXPECT_FALSE(t.definition.empty()) << t.id;
    EXPECT_TRUE(t.counting == "fractional" || t.counting == "whole") << t.id;
    EXPECT_EQ(t.data_date, "2022-03-01") << t.id;
    EXPECT_EQ(t.source, "OpenAlex snapshot 2022-03-01 via entangle 0.1.0; study Test (sha256 abc)") << t.id;
    EXPECT_EQ(t.incomplete_years, std::vector<int>{2021}) << t.id;
    for (const auto& row : t.rows) ASSERT_EQ(row.size(), t.columns.size()) << t.id;
  }
  EXPECT_EQ(ids.size(), exhibits.size()) << "ids are unique";
}

TEST_F(AnalyzeTest, IncompleteYearsAndDataDateFollowTheOptionsAndRun) {
  struct Case {
    int incomplete;
    std::vector<int> years;
    std::vector<std::string> flags;  // joint_by_year's incomplete column, 2019..2021
  };
  const std::vector<Case> cases = {
      {0, {}, {"", "", ""}},
      {1, {2021}, {"", "", "yes"}},
      {2, {2020, 2021}, {"", "yes", "yes"}},
  };
  for (const Case& c : cases) {
    StudyOptions study;
    study.snapshot_date = "";  // falls back to the date the scan ran
    auto exhibits = Run(Counting::kWhole, study, [&](AnalyzeOptions& o) { o.incomplete_years = c.incomplete; });
    const ExhibitTable& t = Get(exhibits, "joint_by_year");
    EXPECT_EQ(t.incomplete_years, c.years) << c.incomplete;
    for (size_t i = 0; i < 3 && i < t.rows.size(); ++i) EXPECT_EQ(t.rows[i].back(), c.flags[i]) << c.incomplete;
    EXPECT_EQ(t.data_date, "2022-04-05");
    EXPECT_NE(t.source.find("no snapshot date"), std::string::npos) << t.source;
    bool noted = false;
    for (const std::string& note : t.notes) noted = noted || note.find("Incomplete year") != std::string::npos;
    EXPECT_EQ(noted, c.incomplete > 0);
  }
}

TEST_F(AnalyzeTest, WritesCsvAndJsonFiles) {
  auto exhibits = Run(Counting::kWhole);
  for (const ExhibitTable& t : exhibits) {
    std::string csv = ReadFile(out_dir() + "/" + t.id + ".csv");
    EXPECT_EQ(csv, ExhibitCsv(t)) << t.id;
    auto json = nlohmann::json::parse(ReadFile(out_dir() + "/" + t.id + ".json"));
    EXPECT_EQ(json["id"], t.id);
    EXPECT_EQ(json["counting"], t.counting);
    EXPECT_EQ(json["data_date"], "2022-03-01");
    EXPECT_EQ(json["incomplete_years"], nlohmann::json(t.incomplete_years));
    EXPECT_EQ(json["columns"], nlohmann::json(t.columns));
    EXPECT_EQ(json["rows"], nlohmann::json(t.rows));
    EXPECT_EQ(json["notes"], nlohmann::json(t.notes));
  }
  std::string csv = ReadFile(out_dir() + "/joint_by_country.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "group,country,joint_papers,share_pct");
  EXPECT_NE(csv.find("Europe,DE,3,75\n"), std::string::npos) << csv;
  std::string institutions = ReadFile(out_dir() + "/institutions.csv");
  EXPECT_NE(institutions.find("I9,\"Inria, Paris\",FR,Europe,facility,1,I9\n"), std::string::npos) << institutions;
  // No temporary files are left behind.
  for (const auto& entry : fs::directory_iterator(out_dir())) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST(AnalyzeExhibitCsvTest, QuotesOnlyWhatNeedsIt) {
  ExhibitTable t;
  t.columns = {"a", "b"};
  t.rows = {{"plain", "with, comma"}, {"with \"quote\"", "line\nbreak"}, {" padded", ""}};
  EXPECT_EQ(ExhibitCsv(t), "a,b\nplain,\"with, comma\"\n\"with \"\"quote\"\"\",\"line\nbreak\"\n\" padded\",\n");
}

// Cells are copied as they are unless JSON needs them escaped; what comes back must be the cell.
TEST(AnalyzeExhibitJsonTest, EveryCellParsesBackToItself) {
  struct Case {
    std::string cell, parsed;
  };
  const std::vector<Case> cases = {
      {"plain", "plain"},
      {"", ""},
      {"with \"quote\" and \\ backslash", "with \"quote\" and \\ backslash"},
      {"tab\tnew\nline\x01", "tab\tnew\nline\x01"},
      {"北京航空航天大学 (Beihang) – Zürich", "北京航空航天大学 (Beihang) – Zürich"},
      {"cut \xe5\x8c", "cut \xef\xbf\xbd"},  // invalid UTF-8: replaced with U+FFFD, as nlohmann does
      {"/ slash \x7f", "/ slash \x7f"},
  };
  ExhibitTable t;
  t.id = "cells";
  t.columns = {"cell"};
  for (const Case& c : cases) t.rows.push_back({c.cell});
  auto json = nlohmann::json::parse(ExhibitJson(t));
  ASSERT_EQ(json["rows"].size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(json["rows"][i][0], cases[i].parsed) << i;
  EXPECT_EQ(json["id"], "cells");

  t.rows.clear();
  EXPECT_EQ(nlohmann::json::parse(ExhibitJson(t))["rows"], nlohmann::json::array());
}

TEST_F(AnalyzeTest, WritesExhibitTablesIntoTheDatabaseAndReplacesThem) {
  auto first = Run(Counting::kWhole);
  // A stale exhibit of an earlier run must disappear when the exhibits are rewritten.
  Exec(db_path(), "CREATE TABLE exhibit_stale (x)");
  AnalyzeOptions options;
  options.database_path = db_path();
  options.out_dir = out_dir();
  options.institution_threshold = 2;
  auto second = Analyze(options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  auto reader = store::StudyDb::Open(db_path());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto q = [&](const std::string& sql) {
    auto rows = (*reader)->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<std::vector<std::string>>{};
  };
  EXPECT_EQ(q("SELECT count(*) FROM exhibits"), (std::vector<std::vector<std::string>>{{std::to_string(second->size())}}));
  EXPECT_EQ(q("SELECT count(*) FROM sqlite_master WHERE name = 'exhibit_stale'"),
            (std::vector<std::vector<std::string>>{{"0"}}));
  for (const ExhibitTable& t : *second) {
    EXPECT_EQ(q("SELECT count(*) FROM exhibit_" + t.id), (std::vector<std::vector<std::string>>{{std::to_string(t.rows.size())}}))
        << t.id;
  }
  EXPECT_EQ(q("SELECT country, joint_papers, typeof(joint_papers), typeof(share_pct) FROM exhibit_joint_by_country "
              "WHERE \"group\" = 'Europe' AND country = 'DE'"),
            (std::vector<std::vector<std::string>>{{"DE", "3", "integer", "integer"}}));
  EXPECT_EQ(q("SELECT subfield_id, typeof(subfield_id) FROM exhibit_subfields WHERE joint_papers = 2"),
            (std::vector<std::vector<std::string>>{{"1707", "text"}}))
      << "id columns stay text";
  EXPECT_EQ(q("SELECT counting, data_date, incomplete_years_json, row_count FROM exhibits WHERE id = 'joint_by_year'"),
            (std::vector<std::vector<std::string>>{{"whole", "2022-03-01", "[2021]", "3"}}));
  EXPECT_EQ(q("SELECT sum(\"2021\") FROM exhibit_joint_by_country_year WHERE \"group\" = 'China'"),
            (std::vector<std::vector<std::string>>{{"2"}}));
}

// The files and the tables are written at the same time; the tables commit only once the files
// are written, so a run whose files fail leaves the previous exhibits in the database.
TEST_F(AnalyzeTest, ADatabaseKeepsItsPreviousExhibitsWhenTheFilesCannotBeWritten) {
  Run(Counting::kWhole);
  std::ofstream(dir_ / "a-file") << "not a directory";
  AnalyzeOptions options;
  options.database_path = db_path();
  options.out_dir = dir_ / "a-file/out";
  options.counting = Counting::kFractional;
  auto failed = Analyze(options);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("a-file"), std::string::npos) << failed.status().ToString();
  auto reader = store::StudyDb::Open(db_path());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto counting = (*reader)->Query("SELECT DISTINCT counting FROM exhibits WHERE counting <> ''");
  ASSERT_TRUE(counting.ok());
  EXPECT_EQ(*counting, (std::vector<std::vector<std::string>>{{"whole"}}));
  auto staged = (*reader)->Query("SELECT count(*) FROM sqlite_master WHERE name LIKE 'staged%'");
  ASSERT_TRUE(staged.ok());
  EXPECT_EQ(*staged, (std::vector<std::vector<std::string>>{{"0"}}));
}

TEST_F(AnalyzeTest, RejectsBadOptionsAndDatabases) {
  WriteStudy(db_path());
  struct Case {
    std::string name;
    std::function<void(AnalyzeOptions&)> adjust;
    Status::Code code;
  };
  const std::vector<Case> cases = {
      {"missing database", [&](AnalyzeOptions& o) { o.database_path = dir_ / "missing.db"; }, Status::Code::kNotFound},
      {"bad scheme", [](AnalyzeOptions& o) { o.subfield_scheme = "keywords"; }, Status::Code::kInvalidArgument},
      {"no output dir", [](AnalyzeOptions& o) { o.out_dir = ""; }, Status::Code::kInvalidArgument},
      {"top 0", [](AnalyzeOptions& o) { o.top_n = 0; }, Status::Code::kInvalidArgument},
      {"not a study database",
       [&](AnalyzeOptions& o) {
         std::ofstream(dir_ / "other.db") << "hello";
         o.database_path = dir_ / "other.db";
       },
       Status::Code::kInvalidArgument},
  };
  for (const Case& c : cases) {
    AnalyzeOptions options;
    options.database_path = db_path();
    options.out_dir = out_dir();
    c.adjust(options);
    auto result = Analyze(options);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.status().code(), c.code) << c.name << ": " << result.status().ToString();
  }
  EXPECT_FALSE(fs::exists(out_dir())) << "nothing is written on failure";
}

TEST_F(AnalyzeTest, ADatabaseWithoutARunIsRejected) {
  auto created = store::StudyDbWriter::Create(db_path());
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE((*created)->Commit().ok());
  AnalyzeOptions options;
  options.database_path = db_path();
  options.out_dir = out_dir();
  auto result = Analyze(options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("no run"), std::string::npos) << result.status().ToString();
}

// --- The bundled sample (data/sample/openalex, 6 joint works: data/sample/expected.json) -------

class AnalyzeSampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    pipeline::ScanOptions scan;
    scan.inputs = {std::string(ENTANGLE_SOURCE_DIR) + "/data/sample/openalex"};
    scan.study_path = std::string(ENTANGLE_SOURCE_DIR) + "/studies/ai-europe-china.toml";
    scan.database_path = *dir_ / "sample.db";
    scan.threads = 2;
    scan.progress = pipeline::ProgressMode::kNone;
    auto summary = pipeline::RunScan(scan);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    ASSERT_EQ(summary->joint, 6u);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::vector<ExhibitTable> Run(Counting counting, const std::string& scheme = "topics") {
    AnalyzeOptions options;
    options.database_path = *dir_ / "sample.db";
    options.out_dir = *dir_ / ("out-" + CountingName(counting) + "-" + scheme);
    options.counting = counting;
    options.subfield_scheme = scheme;
    auto exhibits = Analyze(options);
    EXPECT_TRUE(exhibits.ok()) << exhibits.status().ToString();
    return exhibits.ok() ? *exhibits : std::vector<ExhibitTable>{};
  }
  static TempDir* dir_;
};

TempDir* AnalyzeSampleTest::dir_ = nullptr;

TEST_F(AnalyzeSampleTest, HandCheckedExhibits) {
  auto exhibits = Run(Counting::kWhole);
  ASSERT_FALSE(exhibits.empty());
  const ExhibitTable& by_year = *Find(exhibits, "joint_by_year");
  // expected.json: joint_by_year 2019: 1, 2020: 1, 2021: 2, 2022: 2. The sample's snapshot is of
  // 2025, so no study year (2017-2022) is still being indexed.
  std::map<std::string, std::string> joint;
  for (const auto& row : by_year.rows) joint[row[0]] = row[1];
  EXPECT_EQ(joint, (std::map<std::string, std::string>{
                       {"2017", "0"}, {"2018", "0"}, {"2019", "1"}, {"2020", "1"}, {"2021", "2"}, {"2022", "2"}}));
  EXPECT_TRUE(by_year.incomplete_years.empty());
  EXPECT_EQ(by_year.data_date, "2025-11-11");

  const ExhibitTable& by_country = *Find(exhibits, "joint_by_country");
  // GB is on W3105966348, W3111535274, W3170841864 and W3212386989; CN on all six; HK on two.
  EXPECT_EQ(Cell(by_country, {"Europe", "all"}, "joint_papers"), "6");
  EXPECT_EQ(Cell(by_country, {"Europe", "GB"}, "joint_papers"), "4");
  EXPECT_EQ(Cell(by_country, {"Europe", "GB"}, "share_pct"), "66.67");
  EXPECT_EQ(Cell(by_country, {"Europe", "CH"}, "joint_papers"), "1");
  EXPECT_EQ(Cell(by_country, {"China", "CN"}, "joint_papers"), "6");
  EXPECT_EQ(Cell(by_country, {"China", "HK"}, "joint_papers"), "2");

  const ExhibitTable& shares = *Find(exhibits, "shares");
  // Europe 2019: 1 joint of 10 field works (expected.json totals.group.a.2019.whole);
  // GB 2021: 2 of 8; China 2022: 2 of 6.
  EXPECT_EQ(Cell(shares, {"Europe", "Europe", "China", "2019"}, "share_pct"), "10");
  EXPECT_EQ(Cell(shares, {"GB", "Europe", "China", "2021"}, "share_pct"), "25");
  EXPECT_EQ(Cell(shares, {"China", "China", "Europe", "2022"}, "share_pct"), "33.33");

  const ExhibitTable& institutions = *Find(exhibits, "institutions");
  EXPECT_EQ(Cell(institutions, {"I79510175"}, "joint_papers"), "2");  // Cardiff University
  EXPECT_EQ(Cell(institutions, {"I99065089"}, "joint_papers"), "2");  // Tsinghua University

  const ExhibitTable& companies = *Find(exhibits, "companies");
  // Huawei Sweden/UK (W3105966348); Tencent + Meta Israel (W3170841864); Group Sense + Sensimetrics (W3175515048).
  EXPECT_EQ(Cell(companies, {"in Europe"}, "papers"), "1");
  EXPECT_EQ(Cell(companies, {"in China"}, "papers"), "2");
  EXPECT_EQ(Cell(companies, {"anywhere"}, "papers"), "3");
  const ExhibitTable& top = *Find(exhibits, "top_companies");
  // Huawei's Swedish and British units roll up to Huawei (I2250955327) on one paper.
  EXPECT_EQ(Cell(top, {"", "I2250955327"}, "papers"), "1");
  EXPECT_EQ(Cell(top, {"", "I2250955327"}, "units"), "2");
  EXPECT_EQ(Cell(top, {"", "I2250955327"}, "unit_countries"), "GB SE");

  const ExhibitTable& citations = *Find(exhibits, "citations");
  // expected.json: 123 field-relevant works, 6 of them joint.
  EXPECT_EQ(Cell(citations, {"all field works", "all"}, "papers"), "123");
  EXPECT_EQ(Cell(citations, {"Europe and China", "joint"}, "papers"), "6");
}

TEST_F(AnalyzeSampleTest, FractionalAndConcepts) {
  auto exhibits = Run(Counting::kFractional, "concepts");
  ASSERT_FALSE(exhibits.empty());
  const ExhibitTable& by_country = *Find(exhibits, "joint_by_country");
  // GB's author shares: 1/8 + 7/22 + 1/10 + 1/6 (work_countries of the four papers).
  EXPECT_NEAR(Num(Cell(by_country, {"Europe", "GB"}, "joint_papers")), 0.125 + 7.0 / 22 + 0.1 + 1.0 / 6, 1e-4);
  EXPECT_EQ(by_country.counting, "fractional");
  const ExhibitTable& subfields = *Find(exhibits, "subfields");
  // Every sample joint paper carries "Artificial intelligence" (C154945302, level 1) at score >= 0.3;
  // fractional shares of one paper add up to 1 over its concepts, so the column sums to 6.
  double sum = 0;
  for (const auto& row : subfields.rows) sum += Num(row[3]);
  EXPECT_NEAR(sum, 6, 1e-3);
  EXPECT_NE(RowWith(subfields, {"C154945302"}), nullptr);
}

}  // namespace
}  // namespace entangle::analyze
