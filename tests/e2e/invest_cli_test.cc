// `entangle invest` end to end on the real Crunchbase samples in ../shared: what it prints, the
// tables it writes, and its exit codes for strict mode and bad arguments.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/real_records.h"

namespace entangle {
namespace {

using testing::RunEntangle;
using testing::SharedPath;
using testing::TempDir;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

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
  for (const char* table : {"summary", "by_year", "by_round_type", "by_company_country", "by_category", "deals",
                            "skipped"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / ("inv/investment_" + std::string(table) + ".csv"))) << table;
    EXPECT_TRUE(std::filesystem::exists(dir / ("inv/investment_" + std::string(table) + ".json"))) << table;
  }
  const std::string deals = ReadAll(dir / "inv/investment_deals.csv");
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

}  // namespace
}  // namespace entangle
