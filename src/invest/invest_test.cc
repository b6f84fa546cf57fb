// Investment: the Crunchbase reader on the real samples in ../shared, the ECB rates, and the
// analysis on a planted export whose every count is known.
#include "invest/invest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "invest/dates.h"
#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle::invest {
namespace {

using testing::SharedPath;
using testing::SourcePath;
using testing::TempDir;

const FundingRound* FindRound(const CrunchbaseExport& data, const std::string& company, const std::string& date) {
  for (const FundingRound& r : data.rounds) {
    if (r.company == company && r.date == date) return &r;
  }
  return nullptr;
}

std::map<std::string, size_t> Reasons(const std::vector<Problem>& problems) {
  std::map<std::string, size_t> counts;
  for (const Problem& p : problems) ++counts[p.reason];
  return counts;
}

TEST(InvestDatesTest, ExportDatesBecomeIsoCalendarDates) {
  struct Case {
    const char* text;
    const char* iso;
  };
  for (const Case& c : {Case{"2013-11-01", "2013-11-01"}, Case{"2013-11-01 00:00:00", "2013-11-01"},
                        Case{"08/01/2013 00:00", "2013-08-01"}, Case{" 2020-02-29 ", "2020-02-29"},
                        Case{"2021-02-29", ""}, Case{"02/29/2019", ""}, Case{"2021-13-01", ""}, Case{"2013-1-01", ""},
                        Case{"2013-11-0x", ""}, Case{"", ""}, Case{"yesterday", ""}}) {
    EXPECT_EQ(IsoDate(c.text), c.iso) << c.text;
  }
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DayNumber("2021-03-08") - DayNumber("2021-03-01"), 7);
}

TEST(CrunchbaseReaderTest, BulkSampleLinksRoundsInvestmentsAndInvestors) {
  auto data = ReadCrunchbase(SharedPath("data/investment/crunchbase-2016-bulk-sample"));
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(data->layout, "bulk");
  EXPECT_EQ(data->files.size(), 3u);
  EXPECT_EQ(data->rows_read, 50u + 347u + 50u);
  EXPECT_EQ(data->rounds.size(), 50u);
  EXPECT_TRUE(data->problems.empty()) << data->problems.front().where << ": " << data->problems.front().message;
  size_t linked = 0, unlinked = 0;
  for (const FundingRound& r : data->rounds) {
    linked += r.investors.size();
    unlinked += r.investments_without_investor;
  }
  EXPECT_EQ(linked, 50u);  // investments.csv rows whose investor is in the 50-row investors.csv
  EXPECT_EQ(linked + unlinked, 347u);

  const FundingRound* guest = FindRound(*data, "GuestDriven", "2013-11-01");
  ASSERT_NE(guest, nullptr);
  EXPECT_EQ(guest->company_country, "CA");
  EXPECT_EQ(guest->round_type, "series_a");
  EXPECT_EQ(guest->categories, (std::vector<std::string>{"Hospitality", "Mobile", "Travel"}));
  EXPECT_EQ(guest->currency, "USD");
  ASSERT_TRUE(guest->amount.has_value());
  EXPECT_DOUBLE_EQ(*guest->amount, 3000000);

  const FundingRound* euro = FindRound(*data, "Prestiamoci", "2013-10-30");  // raised in euros
  ASSERT_NE(euro, nullptr);
  EXPECT_EQ(euro->company_country, "IT");
  EXPECT_EQ(euro->currency, "EUR");
  EXPECT_DOUBLE_EQ(*euro->amount, 550000);
  EXPECT_DOUBLE_EQ(*euro->amount_usd, 707630);
}

TEST(CrunchbaseReaderTest, FlatSampleGroupsInvestorRowsIntoRounds) {
  auto data = ReadCrunchbase(SharedPath("data/investment/crunchbase-2013-investments-subset.csv"));
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(data->layout, "flat");
  EXPECT_EQ(data->rows_read, 1569u);
  size_t investors = 0;
  for (const FundingRound& r : data->rounds) investors += r.investors.size();
  EXPECT_EQ(investors, 1569u);  // every row is one investor of one round
  EXPECT_EQ(Reasons(data->problems), (std::map<std::string, size_t>{{"no_company_country", 13}}));

  const FundingRound* spotify = FindRound(*data, "Spotify", "2008-10-01");  // "10/01/2008 00:00", month first
  ASSERT_NE(spotify, nullptr);
  EXPECT_EQ(spotify->company_country, "SE");
  ASSERT_FALSE(spotify->investors.empty());
  auto horizons = std::find_if(spotify->investors.begin(), spotify->investors.end(),
                               [](const Investor& i) { return i.name == "Horizons Ventures"; });
  ASSERT_NE(horizons, spotify->investors.end());
  EXPECT_EQ(horizons->country, "HK");
  EXPECT_EQ(horizons->country_raw, "HKG");
}

TEST(CrunchbaseReaderTest, MissingInputsAreClearErrors) {
  TempDir dir;
  auto missing = ReadCrunchbase(dir / "nothing.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("does not exist"), std::string::npos);
  auto empty_folder = ReadCrunchbase(dir.path().string());
  ASSERT_FALSE(empty_folder.ok());
  EXPECT_NE(empty_folder.status().message().find("funding_rounds.csv"), std::string::npos);
  dir.Write("b/funding_rounds.csv", "company_name,country_code,announced_on,funding_round_uuid\nA,DEU,2020-01-01,r1\n");
  auto no_investments = ReadCrunchbase(dir / "b");
  ASSERT_FALSE(no_investments.ok());
  EXPECT_NE(no_investments.status().message().find("investments.csv"), std::string::npos);
  auto wrong_csv = ReadCrunchbase(dir.Write("other.csv", "name,value\nx,1\n"));
  ASSERT_FALSE(wrong_csv.ok());
  EXPECT_NE(wrong_csv.status().message().find("no column \"company_name\""), std::string::npos)
      << wrong_csv.status().message();
}

// Units per euro; 2021-03-06 is a Saturday, and CNY is not quoted on 2021-03-01.
constexpr char kRates[] =
    "Date,USD,GBP,CNY,\n"
    "2021-03-08,1.19,0.86,7.75,\n"
    "2021-03-05,1.20,0.87,7.80,\n"
    "2021-03-01,1.25,0.88,N/A,\n"
    "2019-06-03,1.10,0.88,7.70,\n"
    "2019-05-20,1.12,0.88,7.70,\n";

TEST(EuroRatesTest, ConvertsAtTheQuoteOfTheDayOrTheLastBefore) {
  TempDir dir;
  auto rates = EuroRates::Load(dir.Write("rates.csv", kRates));
  ASSERT_TRUE(rates.ok()) << rates.status().ToString();
  EXPECT_EQ(rates->first_date(), "2019-05-20");
  EXPECT_EQ(rates->last_date(), "2021-03-08");
  struct Case {
    double amount;
    const char* currency;
    const char* date;
    std::optional<double> euros;
    const char* rate_date;
  };
  for (const Case& c : {
           Case{120, "USD", "2021-03-05", 100, "2021-03-05"},
           Case{120, "USD", "2021-03-06", 100, "2021-03-05"},  // Saturday: Friday's quote
           Case{119, "USD", "2021-03-08", 100, "2021-03-08"}, Case{88, "GBP", "2021-03-02", 100, "2021-03-01"},
           Case{775, "CNY", "2021-03-04", std::nullopt, ""},   // N/A on 03-01; 2019 is too old
           Case{110, "USD", "2019-06-10", 100, "2019-06-03"},  // 7 days back: still taken
           Case{110, "USD", "2019-06-11", std::nullopt, ""},   // 8 days back: too old
           Case{50, "EUR", "1990-01-01", 50, "1990-01-01"},
           Case{1, "JPY", "2021-03-05", std::nullopt, ""},  // not in the file
           Case{1, "USD", "2019-05-19", std::nullopt, ""},  // before the first quote
       }) {
    auto got = rates->ToEuros(c.amount, c.currency, c.date);
    ASSERT_EQ(got.has_value(), c.euros.has_value()) << c.currency << " " << c.date;
    if (!got) continue;
    EXPECT_NEAR(got->euros, *c.euros, 1e-9) << c.currency << " " << c.date;
    EXPECT_EQ(got->rate_date, c.rate_date);
  }
}

TEST(EuroRatesTest, TheShippedFileLoadsAndBadFilesAreErrors) {
  auto shipped = EuroRates::Load(SourcePath("data/rates/ecb-eurofxref-hist.csv"));
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  EXPECT_EQ(shipped->first_date(), "1999-01-04");
  auto spotify = shipped->ToEuros(21640000, "USD", "2008-10-01");
  ASSERT_TRUE(spotify.has_value());
  EXPECT_DOUBLE_EQ(spotify->rate, 1.4081);

  TempDir dir;
  auto not_ecb = EuroRates::Load(dir.Write("a.csv", "day,USD\n2020-01-01,1.1\n"));
  ASSERT_FALSE(not_ecb.ok());
  EXPECT_NE(not_ecb.status().message().find("\"Date\""), std::string::npos);
  auto bad_rate = EuroRates::Load(dir.Write("b.csv", "Date,USD\n2020-01-02,1.1\n2020-01-01,x\n"));
  ASSERT_FALSE(bad_rate.ok());
  EXPECT_NE(bad_rate.status().message().find("b.csv:3"), std::string::npos) << bad_rate.status().message();
  auto bad_date = EuroRates::Load(dir.Write("c.csv", "Date,USD\n2020-02-30,1.1\n"));
  ASSERT_FALSE(bad_date.ok());
}

// A flat export with CRLF line ends where every round tests one rule. Europe = EUROPE, China =
// CHINA (the default study's groups), period 2017-2022.
constexpr char kPlanted[] =
    "company_name,company_country_code,company_category_list,investor_name,investor_country_code,funded_at,"
    "raised_amount_usd,funding_round_type,funding_round_code\r\n"
    // 1. a deal on a Saturday (Friday's rate): 12 M USD / 1.20 = 10 M EUR; the GB investor is not cross-group
    "DeepVision GmbH,DEU,Artificial Intelligence|Computer Vision,Sinovation "
    "Ventures,CHN,2021-03-06,12000000,venture,B\r\n"
    "DeepVision GmbH,DEU,Artificial Intelligence|Computer Vision,Atomico,GBR,2021-03-06,12000000,venture,B\r\n"
    // 2. a deal with a Hong Kong investor, month-first date: 1.19 M USD / 1.19 = 1 M EUR
    "Nordic Speech AB,SWE,Speech Recognition,Horizons Ventures,HKG,03/08/2021 00:00,1190000,seed,\r\n"
    // 3. robotics is not in the field
    "Robo Ltd,GBR,Robotics,Some CN Fund,CHN,2021-03-05,5000000,seed,\r\n"
    // 4. the other direction: 11 M USD / 1.10 = 10 M EUR
    "Shanghai AI Co,CHN,Machine Learning,Siemens Ventures,DEU,2019-06-03,11000000,venture,C\r\n"
    // 5. outside the period
    "Beijing Vision,CHN,Computer Vision,Euro Fund,FRA,2016-05-01,1000000,seed,\r\n"
    // 6. after the IPO
    "Listed Co,CHN,Artificial Intelligence,London Capital,GBR,2020-01-01,9000000,post_ipo_equity,\r\n"
    // 7. in the base, no cross-group investor
    "Paris ML,FRA,Machine Learning,US Fund,USA,2021-03-05,5000000,seed,\r\n"
    // 8. a date that is no date: the row is skipped
    "Acme AI,DEU,Artificial Intelligence,CN Fund,CHN,2021-13-01,1000000,seed,\r\n"
    // 9. an amount that is no amount: a deal without an amount
    "Berlin NLP,DEU,Natural Language Processing,CN Fund,CHN,2020-07-01,lots,,\r\n"
    // 10. a company country that is no country: neither group
    "Foo AI,XYZ,Artificial Intelligence,CN Fund,CHN,2020-01-01,1000000,seed,\r\n"
    // 11. too many fields
    "Broken AI,DEU,Artificial Intelligence,CN Fund,CHN,2020-01-01,1000000,seed,,extra\r\n"
    // 12. an investor country that is no country: in the base, with an unknown investor
    "Munich AI,DEU,Artificial Intelligence,Mystery Capital,ZZZ,2021-03-05,1200000,seed,\r\n"
    // 13. no rate for the date: a deal without an amount
    "Hamburg AI,DEU,Artificial Intelligence,CN Fund,CHN,2018-01-02,1000000,seed,\r\n";

// A registry listing one cross-group investor and one company of the planted export, and names
// that must not match: a substring of a listed name, and a listed name in another country.
constexpr char kRegistry[] =
    "key,kind,category,name_en,name_zh,aliases,other_names,country,ror_ids,openalex_ids,supervising_agencies,"
    "defence_labs,listed_on,delisted_on,reason,source,source_date,source_url,licence\n"
    "t:sinovation,designation,us_csl_el,Sinovation Ventures Ltd,,Sinovation Ventures,,CN,,,,,2021-01-15,,test,"
    "Test list,2026-01-01,,CC0-1.0\n"
    "t:shanghai,assessment,defence_linked,Shanghai AI Co,,,,CN,,,,,,,test,Test assessment,2026-02-02,,CC0-1.0\n"
    "t:cnfund,assessment,pla,CN Fund Holdings,,,CN Fund,CN,,,,,,,test,Test assessment,2026-02-02,,CC0-1.0\n"
    "t:nordic,assessment,pla,Nordic Speech AB,,,,CN,,,,,,,test,Test assessment,2026-02-02,,CC0-1.0\n";

InvestmentOptions PlantedOptions(const TempDir& dir) {
  InvestmentOptions options;
  options.input = dir.Write("export.csv", kPlanted);
  options.rates_path = dir.Write("rates.csv", kRates);
  options.study_path = SourcePath("studies/ai-europe-china.toml");
  options.registry_paths = {dir.Write("registry.csv", kRegistry)};
  return options;
}

// Exact names and full aliases within the party's country flag a deal; a name that is only
// another name's substring or acronym ("CN Fund" is only an other_name), or a listed name in
// another country (Nordic Speech AB is listed as CN, the company is Swedish), does not.
TEST(InvestmentTest, DealsAreFlaggedByExactNamesWithTheirEvidence) {
  TempDir dir;
  auto report = AnalyzeInvestment(PlantedOptions(dir));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->registry_entries, 4u);
  EXPECT_EQ(report->into_a.flagged_deals, 1u);  // DeepVision, through Sinovation Ventures
  EXPECT_EQ(report->into_b.flagged_deals, 1u);  // Shanghai AI Co itself
  std::vector<std::string> flagged;
  for (const Direction* d : {&report->into_a, &report->into_b}) {
    for (const Deal& deal : d->deals) {
      for (const DealFlag& f : deal.flags) {
        ASSERT_EQ(f.sources.size(), 1u) << f.entity_key;
        const DealFlagSource& s = f.sources[0];
        flagged.push_back(report->data.rounds[deal.round].company + " / " + f.party + " " + f.party_name + " -> " +
                          s.entry_key + " (" + s.route + ", " + s.listing_status + ", " + s.source + " " +
                          s.source_date + ")");
      }
    }
  }
  EXPECT_EQ(flagged,
            (std::vector<std::string>{
                "DeepVision GmbH / investor Sinovation Ventures -> t:sinovation (alias, listed, Test list 2026-01-01)",
                "Shanghai AI Co / company Shanghai AI Co -> t:shanghai (name, not_a_designation, Test assessment "
                "2026-02-02)",
            }));
}

// Sinovation Ventures listed by two sources (a designation and an assessment, same name and
// country) is one flag with both sources, not two flags that look like two investors: the deal
// table counts one flag, the flagged table has one row naming both entries (issue 18 item 10).
TEST(InvestmentTest, AnEntityListedByTwoSourcesIsOneFlagWithBothSources) {
  TempDir dir;
  InvestmentOptions options = PlantedOptions(dir);
  options.registry_paths.push_back(dir.Write(
      "second.csv",
      "key,kind,category,name_en,name_zh,aliases,other_names,country,ror_ids,openalex_ids,supervising_agencies,"
      "defence_labs,listed_on,delisted_on,reason,source,source_date,source_url,licence\n"
      "u:sinovation,assessment,defence_linked,Sinovation Ventures,,,,CN,,,,,,,second,Other assessment,2026-03-03,"
      "https://example.org/u-sinovation,CC0-1.0\n"));
  auto report = AnalyzeInvestment(options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->into_a.flagged_deals, 1u);
  const Deal* deepvision = nullptr;
  for (const Deal& deal : report->into_a.deals) {
    if (!deal.flags.empty()) deepvision = &deal;
  }
  ASSERT_NE(deepvision, nullptr);
  ASSERT_EQ(deepvision->flags.size(), 1u);
  const DealFlag& flag = deepvision->flags[0];
  EXPECT_EQ(flag.party_name, "Sinovation Ventures");
  EXPECT_EQ(flag.entity_name, "Sinovation Ventures Ltd");
  ASSERT_EQ(flag.sources.size(), 2u);
  // The matcher's order: the exact name before the alias.
  EXPECT_EQ(flag.sources[0].entry_key, "u:sinovation");
  EXPECT_EQ(flag.sources[0].route, "name");
  EXPECT_EQ(flag.sources[0].source, "Other assessment");
  EXPECT_EQ(flag.sources[1].entry_key, "t:sinovation");
  EXPECT_EQ(flag.sources[1].route, "alias");

  auto tables = InvestmentExhibits(*report);
  const analyze::ExhibitTable* flagged = nullptr;
  for (const analyze::ExhibitTable& t : tables) {
    if (t.id == "investment_flagged") flagged = &t;
  }
  ASSERT_NE(flagged, nullptr);
  std::vector<std::vector<std::string>> sinovation_rows;
  for (const auto& row : flagged->rows) {
    if (row[7] == "Sinovation Ventures") sinovation_rows.push_back(row);
  }
  ASSERT_EQ(sinovation_rows.size(), 1u);
  auto column = [&](const char* name) {
    auto at = std::find(flagged->columns.begin(), flagged->columns.end(), name);
    EXPECT_NE(at, flagged->columns.end()) << name;
    return sinovation_rows[0][size_t(at - flagged->columns.begin())];
  };
  EXPECT_EQ(column("entry_keys"), "u:sinovation; t:sinovation");
  EXPECT_EQ(column("sources"), "Other assessment (2026-03-03); Test list (2026-01-01)");
  EXPECT_EQ(column("kinds"), "assessment; designation");
  EXPECT_EQ(column("routes"), "name; alias");
  // Each source's list entry, in the order of sources ("" where the registry gives no URL): the
  // report links each source to it (issue 18).
  EXPECT_EQ(column("source_urls"), "https://example.org/u-sinovation; ");
}

TEST(InvestmentTest, PlantedExportGivesEveryCountExactly) {
  TempDir dir;
  auto report = AnalyzeInvestment(PlantedOptions(dir));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->data.rows_read, 14u);
  EXPECT_EQ(report->rounds_outside_period, 1u);
  EXPECT_EQ(report->rounds_after_ipo, 1u);
  EXPECT_EQ(report->rounds_outside_field, 1u);
  EXPECT_EQ(report->rounds_outside_groups, 1u);
  EXPECT_EQ(Reasons(report->problems),
            (std::map<std::string, size_t>{
                {"bad_amount", 1}, {"bad_date", 1}, {"malformed_row", 1}, {"no_rate", 1}, {"unknown_country", 2}}));
  for (const Problem& p : report->problems) {
    EXPECT_NE(p.where.find("export.csv:"), std::string::npos) << p.reason;
    if (p.reason == "malformed_row") {
      EXPECT_EQ(p.where, report->data.files[0] + ":13");
    }
    if (p.reason == "bad_date") {
      EXPECT_EQ(p.where, report->data.files[0] + ":10");
    }
  }

  const Direction& europe = report->into_a;
  EXPECT_EQ(europe.company_group, "Europe");
  EXPECT_EQ(europe.investor_group, "China");
  EXPECT_EQ(europe.rounds_in_field, 6u);  // DeepVision, Nordic, Paris ML, Berlin, Munich, Hamburg
  EXPECT_EQ(europe.companies_in_field, 6u);
  EXPECT_EQ(europe.rounds_with_unknown_investors, 1u);  // Munich
  EXPECT_EQ(europe.total.deals, 4u);
  EXPECT_EQ(europe.deal_companies, 4u);
  EXPECT_NEAR(europe.total.euros, 11e6, 1e-3);
  EXPECT_EQ(europe.total.deals_without_amount, 2u);
  ASSERT_EQ(europe.by_year.size(), 3u);
  EXPECT_EQ(europe.by_year.at(2021).deals, 2u);
  EXPECT_NEAR(europe.by_year.at(2021).euros, 11e6, 1e-3);
  EXPECT_EQ(europe.by_year.at(2020).deals, 1u);
  EXPECT_EQ(europe.by_year.at(2018).deals_without_amount, 1u);
  EXPECT_EQ(europe.by_round_type.at("series_b").deals, 1u);
  EXPECT_EQ(europe.by_round_type.at("seed").deals, 2u);     // Nordic, Hamburg
  EXPECT_EQ(europe.by_round_type.at("unknown").deals, 1u);  // Berlin
  EXPECT_EQ(europe.by_company_country.at("DE").deals, 3u);
  EXPECT_EQ(europe.by_company_country.at("SE").deals, 1u);
  EXPECT_EQ(europe.by_category.at("Computer Vision").deals, 1u);
  EXPECT_EQ(europe.by_category.at("Artificial Intelligence").deals, 2u);  // DeepVision, Hamburg

  // The evidence: the deal's cross-group investors, not the round's others.
  const Deal& first = europe.deals.front();  // sorted by date: Hamburg 2018
  EXPECT_EQ(report->data.rounds[first.round].company, "Hamburg AI");
  const Deal& deepvision = europe.deals[2];
  const FundingRound& round = report->data.rounds[deepvision.round];
  EXPECT_EQ(round.company, "DeepVision GmbH");
  ASSERT_EQ(deepvision.cross_investors.size(), 1u);
  EXPECT_EQ(round.investors[deepvision.cross_investors[0]].name, "Sinovation Ventures");
  ASSERT_TRUE(deepvision.euros.has_value());
  EXPECT_EQ(deepvision.euros->rate_date, "2021-03-05");

  const Direction& china = report->into_b;
  EXPECT_EQ(china.rounds_in_field, 1u);
  EXPECT_EQ(china.total.deals, 1u);
  EXPECT_NEAR(china.total.euros, 10e6, 1e-3);
  EXPECT_EQ(china.by_round_type.at("series_c").deals, 1u);
}

TEST(InvestmentTest, ExhibitsCarryTheEvidenceAndTheCaveats) {
  TempDir dir;
  auto report = AnalyzeInvestment(PlantedOptions(dir));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::vector<analyze::ExhibitTable> tables = InvestmentExhibits(*report);
  std::map<std::string, const analyze::ExhibitTable*> by_id;
  for (const analyze::ExhibitTable& t : tables) {
    by_id[t.id] = &t;
    EXPECT_FALSE(t.source.empty()) << t.id;
    EXPECT_NE(t.source.find("rates.csv"), std::string::npos) << t.id;
    for (const std::string& caveat : InvestmentCaveats()) {
      EXPECT_NE(std::find(t.notes.begin(), t.notes.end(), caveat), t.notes.end()) << t.id;
    }
  }
  for (const char* id :
       {"investment_summary", "investment_by_year", "investment_by_round_type", "investment_by_company_country",
        "investment_by_category", "investment_deals", "investment_flagged", "investment_skipped"}) {
    ASSERT_TRUE(by_id.count(id)) << id;
  }
  const analyze::ExhibitTable& deals = *by_id["investment_deals"];
  ASSERT_EQ(deals.rows.size(), 5u);
  auto column = [&](const char* name) {
    return size_t(std::find(deals.columns.begin(), deals.columns.end(), name) - deals.columns.begin());
  };
  const std::vector<std::string>& deepvision = deals.rows[2];
  EXPECT_EQ(deepvision[column("company")], "DeepVision GmbH");
  EXPECT_EQ(deepvision[column("eur")], "10000000");
  EXPECT_EQ(deepvision[column("cross_group_investors")], "Sinovation Ventures (CN)");
  EXPECT_EQ(deepvision[column("investors")], "2");
  EXPECT_EQ(deepvision[column("categories")], "Artificial Intelligence|Computer Vision");
  EXPECT_EQ(by_id["investment_skipped"]->rows.size(), 6u);
  ASSERT_TRUE(by_id.count("investment_flagged"));
  EXPECT_EQ(by_id["investment_flagged"]->rows.size(), 2u);
  EXPECT_EQ(deepvision[column("risk_flags")], "1");
  const analyze::ExhibitTable& summary = *by_id["investment_summary"];
  ASSERT_EQ(summary.rows.size(), 2u);
  EXPECT_EQ(summary.rows[0][5], "4");      // deals
  EXPECT_EQ(summary.rows[0][6], "66.67");  // of 6 rounds
  EXPECT_EQ(summary.rows[0][8], "11000000");
}

TEST(InvestmentTest, StrictStopsAtTheFirstProblemAndAStudyWithoutAFieldNeedsAllSectors) {
  TempDir dir;
  InvestmentOptions options = PlantedOptions(dir);
  options.strict = true;
  auto strict = AnalyzeInvestment(options);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.status().code(), Status::Code::kAborted);
  EXPECT_NE(strict.status().message().find("6 problem(s)"), std::string::npos) << strict.status().message();

  options = PlantedOptions(dir);
  options.study_path = SourcePath("studies/germany-china-quantum.toml");  // no [investment]
  auto no_field = AnalyzeInvestment(options);
  ASSERT_FALSE(no_field.ok());
  EXPECT_NE(no_field.status().message().find("--all-sectors"), std::string::npos);
  options.all_sectors = true;
  options.year_from = 2017;
  options.year_to = 2022;
  auto all = AnalyzeInvestment(options);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->rounds_outside_field, 0u);
}

}  // namespace
}  // namespace entangle::invest
