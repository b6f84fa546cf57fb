// `entangle invest` end to end on the real Crunchbase samples in ../shared: what it prints, the
// tables it writes, and its exit codes for strict mode and bad arguments.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "support/real_records.h"

namespace entangle {
namespace {

using testing::ReadFileText;
using testing::RunEntangle;
using testing::SharedPath;
using testing::SourcePath;
using testing::TempDir;

TEST(InvestCliTest, FlatSampleGivesTheKnownDealsWithTheirEvidence) {
  TempDir dir;
  std::string out, err;
  const std::string input = SharedPath("data/investment/crunchbase-2013-investments-subset.csv");
  ASSERT_EQ(RunEntangle("invest " + input + " --out " + (dir / "inv") + " --all-sectors --years 2004-2014", &out, &err),
            0)
      << err;
  // Spotify (SE) with Horizons Ventures (HK) in 2008 and 2009; Lashou.com (CN) with Rebate
  // Networks (DE) in 2010 and Reinet Investments (LU) in 2011.
  EXPECT_NE(out.find("Deals:    2 (6.9 % of the rounds) into 1 companies, EUR 50.1 m"), std::string::npos) << out;
  EXPECT_NE(out.find("Deals:    2 (9.5 % of the rounds) into 1 companies, EUR 117.7 m"), std::string::npos) << out;
  EXPECT_NE(out.find("no_company_country: 13"), std::string::npos) << out;
  for (const char* table :
       {"summary", "by_year", "by_round_type", "by_company_country", "by_category", "deals", "flagged", "skipped"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / ("inv/investment_" + std::string(table) + ".csv"))) << table;
    EXPECT_TRUE(std::filesystem::exists(dir / ("inv/investment_" + std::string(table) + ".json"))) << table;
  }
  const std::string deals = ReadFileText(dir / "inv/investment_deals.csv");
  EXPECT_NE(deals.find("2008-10-01,Spotify,SE,,21640000,USD,21640000,15368227,1.4081,2008-10-01,Entertainment,"
                       "Horizons Ventures (HK)"),
            std::string::npos)
      << deals;
  EXPECT_NE(deals.find("Reinet Investments S.C.A. (LU)"), std::string::npos);

  ASSERT_EQ(RunEntangle("invest " + input + " --out " + (dir / "json") + " --all-sectors --years 2004-2014 --json",
                        &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("\"skipped_total\": 13"), std::string::npos) << out;
}

TEST(InvestCliTest, StrictBadArgumentsAndMissingInputsHaveTheirExitCodes) {
  TempDir dir;
  std::string out, err;
  const std::string input = SharedPath("data/investment/crunchbase-2013-investments-subset.csv");
  EXPECT_EQ(RunEntangle("invest " + input + " --out " + (dir / "a") + " --all-sectors --strict", &out, &err), 3);
  EXPECT_NE(err.find("--strict: 13 problem(s)"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(dir / "a/investment_summary.csv"));
  EXPECT_EQ(RunEntangle("invest " + input + " --out " + (dir / "b") + " --years 2020-", &out, &err), 2);
  EXPECT_NE(err.find("--years"), std::string::npos) << err;
  EXPECT_EQ(RunEntangle("invest " + (dir / "none.csv") + " --out " + (dir / "c"), &out, &err), 1);
  EXPECT_NE(err.find("none.csv: does not exist"), std::string::npos) << err;
  EXPECT_EQ(RunEntangle("invest " + input + " --out " + (dir / "d") + " --rates " + (dir / "no-rates.csv"), &out, &err),
            1);
  EXPECT_NE(err.find("no-rates.csv"), std::string::npos) << err;
}

TEST(InvestCliTest, BulkSampleReadsItsThreeFiles) {
  TempDir dir;
  std::string out, err;
  ASSERT_EQ(RunEntangle("invest " + SharedPath("data/investment/crunchbase-2016-bulk-sample") + " --out " +
                            (dir / "inv") + " --all-sectors --years 2000-2016",
                        &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("(bulk layout): 447 rows, 50 funding rounds"), std::string::npos) << out;
  EXPECT_NE(out.find("45 in neither group"), std::string::npos) << out;
  EXPECT_NE(out.find("Skipped:   nothing"), std::string::npos) << out;
}

std::vector<std::string> ExhibitIds(const std::string& db_path) {
  sqlite3* db = nullptr;
  std::vector<std::string> ids;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT id FROM exhibits ORDER BY position", -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW)
        ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return ids;
}

size_t CountPrefix(const std::vector<std::string>& ids, const std::string& prefix, bool with) {
  return size_t(
      std::count_if(ids.begin(), ids.end(), [&](const std::string& id) { return (id.rfind(prefix, 0) == 0) == with; }));
}

// analyze and invest each replace only their own exhibits in the study database, whichever runs
// last, and the report shows both (co-authorship first).
TEST(InvestCliTest, InvestmentTablesLiveBesideTheCoauthorshipExhibits) {
  TempDir dir;
  std::string out, err;
  const std::string db = dir / "study.db";
  const std::string input = SharedPath("data/investment/crunchbase-2013-investments-subset.csv");
  ASSERT_EQ(RunEntangle("scan " + SourcePath("data/sample/openalex") + " --db " + db + " --progress none", &out, &err),
            0)
      << err;
  ASSERT_EQ(RunEntangle("analyze --db " + db + " --out " + (dir / "ex") + " --quiet", &out, &err), 0) << err;
  const size_t coauthorship = ExhibitIds(db).size();
  ASSERT_GT(coauthorship, 10u);
  ASSERT_EQ(RunEntangle("invest " + input + " --out " + (dir / "inv") + " --all-sectors --years 2004-2014 --db " + db,
                        &out, &err),
            0)
      << err;
  std::vector<std::string> ids = ExhibitIds(db);
  EXPECT_EQ(CountPrefix(ids, "investment_", true), 8u);
  EXPECT_EQ(CountPrefix(ids, "investment_", false), coauthorship);
  EXPECT_EQ(ids.back(), "investment_skipped");  // after every co-authorship exhibit
  EXPECT_EQ(ids.front().rfind("investment_", 0), std::string::npos);

  ASSERT_EQ(RunEntangle("analyze --db " + db + " --out " + (dir / "ex2") + " --quiet", &out, &err), 0) << err;
  ids = ExhibitIds(db);
  EXPECT_EQ(CountPrefix(ids, "investment_", true), 8u) << "analyze dropped the investment tables";
  EXPECT_EQ(CountPrefix(ids, "investment_", false), coauthorship);
  ASSERT_EQ(RunEntangle("invest " + input + " --out " + (dir / "inv2") + " --all-sectors --years 2004-2014 --db " + db,
                        &out, &err),
            0)
      << err;
  EXPECT_EQ(ExhibitIds(db).size(), coauthorship + 8u);

  ASSERT_EQ(RunEntangle("report --db " + db + " --out " + (dir / "report.html"), &out, &err), 0) << err;
  const std::string html = ReadFileText(dir / "report.html");
  EXPECT_NE(html.find("id=\"exhibit-investment_deals\""), std::string::npos);
  EXPECT_NE(html.find("Horizons Ventures (HK)"), std::string::npos);

  EXPECT_EQ(RunEntangle("invest " + input + " --out " + (dir / "inv3") + " --all-sectors --db " + (dir / "nope.db"),
                        &out, &err),
            1);
}

// Deals stored in a study database belong to the study that database was scanned with: without
// --study, invest takes the database's definition (not the default study), and a --study naming
// another definition is refused before anything is written.
TEST(InvestCliTest, WithADatabaseTheStudyIsTheDatabases) {
  TempDir dir;
  std::string out, err;
  const std::string db = dir / "quantum.db";
  const std::string input = SharedPath("data/investment/crunchbase-2013-investments-subset.csv");
  ASSERT_EQ(RunEntangle("scan " + SourcePath("data/sample/openalex") + " --study " +
                            SourcePath("studies/germany-china-quantum.toml") + " --db " + db + " --progress none",
                        &out, &err),
            0)
      << err;
  ASSERT_EQ(RunEntangle("invest " + input + " --out " + (dir / "inv") + " --all-sectors --db " + db, &out, &err), 0)
      << err;
  EXPECT_NE(out.find("Study:     Quantum entanglements: Germany–China"), std::string::npos) << out;
  EXPECT_NE(out.find("Germany companies in the field"), std::string::npos) << out;

  EXPECT_EQ(RunEntangle("invest " + input + " --out " + (dir / "inv2") + " --all-sectors --db " + db + " --study " +
                            SourcePath("studies/ai-europe-china.toml"),
                        &out, &err),
            2);
  EXPECT_NE(err.find("is not the study " + db + " was scanned with (Quantum entanglements: Germany–China"),
            std::string::npos)
      << err;
  EXPECT_FALSE(std::filesystem::exists(dir / "inv2"));
  // The same definition named explicitly is fine.
  EXPECT_EQ(RunEntangle("invest " + input + " --out " + (dir / "inv3") + " --all-sectors --db " + db + " --study " +
                            SourcePath("studies/germany-china-quantum.toml"),
                        &out, &err),
            0)
      << err;
}

// `entangle synth --crunchbase` plants deals to the study's counts; `entangle invest` with the default
// study must find exactly what its ground_truth.json says, for several seeds.
TEST(InvestCliTest, SyntheticExportMatchesItsGroundTruthExactly) {
  // Scale 0.01 leaves one deal per direction: fewer deals than planted registry investors.
  for (auto [seed, scale] : {std::pair{1, "0.3"}, std::pair{7, "0.3"}, std::pair{3, "0.01"}}) {
    TempDir dir;
    std::string out, err;
    ASSERT_EQ(RunEntangle("synth --out " + (dir / "corpus") + " --works 200 --seed " + std::to_string(seed) +
                              " --crunchbase " + scale,
                          &out, &err),
              0)
        << err;
    ASSERT_EQ(RunEntangle("invest " + (dir / "corpus/crunchbase") + " --out " + (dir / "inv") + " --json", &out, &err),
              0)
        << err;
    const auto got = nlohmann::json::parse(out);
    const auto truth = nlohmann::json::parse(ReadFileText(dir / "corpus/crunchbase/ground_truth.json"));
    EXPECT_EQ(got["rounds"], truth["rounds"]) << seed;
    EXPECT_EQ(got["skipped_total"], 0) << seed;
    for (const char* key :
         {"rounds_outside_period", "rounds_after_ipo", "rounds_outside_field", "rounds_outside_groups"}) {
      EXPECT_EQ(got[key], truth[key]) << key << " seed " << seed;
    }
    for (auto [mine, theirs] : {std::pair{"into_a", "into_europe"}, std::pair{"into_b", "into_china"}}) {
      const auto& g = got[mine];
      const auto& t = truth[theirs];
      for (const char* key : {"companies_in_field", "rounds_in_field", "deals", "deal_companies", "flagged_deals",
                              "deals_by_year", "deals_by_round_type"}) {
        EXPECT_EQ(g[key], t[key]) << theirs << "." << key << " seed " << seed;
      }
      EXPECT_EQ(g["eur"].get<double>(), t["eur"].get<double>()) << theirs << " seed " << seed;
      EXPECT_EQ(g["deals_without_amount"], 0);
    }
    EXPECT_NE(ReadFileText(dir / "inv/investment_summary.json").find("SYNTHETIC"), std::string::npos);
  }
}

// A database with investment tables but no co-authorship exhibits yet: report computes them and
// keeps the investment tables.
TEST(InvestCliTest, ReportOnADatabaseWithOnlyInvestmentTablesComputesTheExhibits) {
  TempDir dir;
  std::string out, err;
  const std::string db = dir / "study.db";
  ASSERT_EQ(RunEntangle("scan " + SourcePath("data/sample/openalex") + " --db " + db + " --progress none", &out, &err),
            0)
      << err;
  ASSERT_EQ(RunEntangle("invest " + SharedPath("data/investment/crunchbase-2013-investments-subset.csv") + " --out " +
                            (dir / "inv") + " --all-sectors --db " + db,
                        &out, &err),
            0)
      << err;
  ASSERT_EQ(ExhibitIds(db).size(), 8u);
  ASSERT_EQ(RunEntangle("report --db " + db + " --out " + (dir / "report.html"), &out, &err), 0) << err;
  EXPECT_NE(out.find("The database has no exhibits yet"), std::string::npos) << out;
  const std::string html = ReadFileText(dir / "report.html");
  EXPECT_NE(html.find("id=\"exhibit-joint_by_country\""), std::string::npos);
  EXPECT_NE(html.find("id=\"exhibit-investment_summary\""), std::string::npos);
  EXPECT_EQ(CountPrefix(ExhibitIds(db), "investment_", true), 8u);
}

TEST(InvestCliTest, RunWithCrunchbaseAddsTheInvestmentTablesToTheReport) {
  TempDir dir;
  std::string out, err;
  ASSERT_EQ(RunEntangle("run " + SourcePath("studies/ai-europe-china.toml") + " --snapshot " +
                            SourcePath("data/sample/openalex") + " --out " + (dir / "run") + " --progress none" +
                            " --crunchbase " + SharedPath("data/investment/crunchbase-2016-bulk-sample"),
                        &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("Investment:     " + (dir / "run/investment") + "/ (8 tables"), std::string::npos) << out;
  EXPECT_TRUE(std::filesystem::exists(dir / "run/investment/investment_summary.csv"));
  EXPECT_EQ(CountPrefix(ExhibitIds(dir / "run/study.db"), "investment_", true), 8u);
  EXPECT_NE(ReadFileText(dir / "run/report.html").find("id=\"exhibit-investment_summary\""), std::string::npos);
}

}  // namespace
}  // namespace entangle
