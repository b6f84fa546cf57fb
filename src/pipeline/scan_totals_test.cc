// The totals step: whole and fractional counting per country and group (docs/counting.md,
// "Totals"), the field_works row of a work, an API cache's totals, and what WriteTotals writes and
// counts from the winning copies.
#include "pipeline/scan_totals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "select/study_definition.h"
#include "support/temp_dir.h"

namespace entangle::pipeline {
namespace {

using entangle::testing::TempDir;

const CountryIndex kDE = CountryIndexOf("DE");
const CountryIndex kFR = CountryIndexOf("FR");
const CountryIndex kCN = CountryIndexOf("CN");

// Group A: DE and FR; group B: CN.
constexpr const char* kStudy = R"(
name = "t"
[groups.a]
countries = ["DE", "FR"]
[groups.b]
countries = ["CN"]
[scope]
years = [2017, 2022]
)";

select::WorkFilter Filter() {
  Result<select::StudyDefinition> study = select::ParseStudyDefinition(kStudy, "t.toml");
  EXPECT_TRUE(study.ok()) << study.status().ToString();
  Result<select::WorkFilter> filter = select::WorkFilter::Create(study.ok() ? *study : select::StudyDefinition{});
  EXPECT_TRUE(filter.ok()) << filter.status().ToString();
  return filter.ok() ? std::move(filter).value() : select::WorkFilter{};
}

// A copy whose shares are shares[begin, begin + count).
FieldCopy Copy(uint64_t id, int year, uint8_t groups, uint32_t begin, uint16_t count) {
  FieldCopy c;
  c.id = id;
  c.year = static_cast<uint16_t>(year);
  c.groups = groups;
  c.shares_begin = begin;
  c.shares_count = count;
  return c;
}

void ExpectRow(const store::TotalRow& row, const std::string& kind, const std::string& unit, int year, uint64_t whole,
               double fractional) {
  EXPECT_EQ(row.unit_kind, kind);
  EXPECT_EQ(row.unit, unit);
  EXPECT_EQ(row.year, year);
  EXPECT_EQ(row.whole, whole) << kind << " " << unit << " " << year;
  EXPECT_DOUBLE_EQ(row.fractional, fractional) << kind << " " << unit << " " << year;
}

TEST(TotalsTallyTest, AWorkCountsOncePerCountryAndGroupAndSharesOneAcrossThem) {
  select::WorkFilter filter = Filter();
  // Two authors: one in DE and FR, one in CN.
  std::deque<CountryShare> shares = {{kDE, true, 0.25}, {kFR, true, 0.25}, {kCN, true, 0.5}};
  TotalsTally tally(filter);
  tally.Add(Copy(1, 2020, select::kGroupA | select::kGroupB, 0, 3), shares);
  std::vector<store::TotalRow> rows = tally.Rows();
  ASSERT_EQ(rows.size(), 5u);
  ExpectRow(rows[0], "country", "CN", 2020, 1, 0.5);
  ExpectRow(rows[1], "country", "DE", 2020, 1, 0.25);
  ExpectRow(rows[2], "country", "FR", 2020, 1, 0.25);
  ExpectRow(rows[3], "group", "a", 2020, 1, 0.5);
  ExpectRow(rows[4], "group", "b", 2020, 1, 0.5);
}

TEST(TotalsTallyTest, AuthorsWithoutACountryGiveTheirShareToUnknown) {
  select::WorkFilter filter = Filter();
  std::deque<CountryShare> shares = {{kUnknownCountry, true, 0.5}, {kDE, true, 0.5}};
  TotalsTally tally(filter);
  tally.Add(Copy(1, 2019, select::kGroupA, 0, 2), shares);
  std::vector<store::TotalRow> rows = tally.Rows();
  ASSERT_EQ(rows.size(), 3u);
  ExpectRow(rows[0], "country", "??", 2019, 1, 0.5);
  ExpectRow(rows[1], "country", "DE", 2019, 1, 0.5);
  ExpectRow(rows[2], "group", "a", 2019, 1, 0.5);
}

TEST(TotalsTallyTest, TotalsAddUpPerYear) {
  select::WorkFilter filter = Filter();
  std::deque<CountryShare> shares = {{kCN, true, 1.0}, {kCN, true, 1.0}, {kCN, true, 1.0}};
  TotalsTally tally(filter);
  tally.Add(Copy(1, 2020, select::kGroupB, 0, 1), shares);
  tally.Add(Copy(2, 2020, select::kGroupB, 1, 1), shares);
  tally.Add(Copy(3, 2021, select::kGroupB, 2, 1), shares);
  std::vector<store::TotalRow> rows = tally.Rows();
  ASSERT_EQ(rows.size(), 4u);
  ExpectRow(rows[0], "country", "CN", 2020, 2, 2.0);
  ExpectRow(rows[1], "country", "CN", 2021, 1, 1.0);
  ExpectRow(rows[2], "group", "b", 2020, 2, 2.0);
  ExpectRow(rows[3], "group", "b", 2021, 1, 1.0);
}

TEST(FieldWorkRowTest, CategoryAndSortedKnownCountriesOfTheCopy) {
  std::deque<CountryShare> shares = {
      {kFR, true, 0.1}, {kDE, true, 0.2}, {kUnknownCountry, true, 0.3}, {kCN, true, 0.4}};
  FieldCopy c = Copy(42, 2018, select::kGroupA | select::kGroupB, 1, 3);  // DE, ??, CN
  c.cited_by_count = 9;
  c.primary_subfield = 1702;
  c.primary_field = 17;
  store::FieldWorkRow row = MakeFieldWorkRow(c, shares);
  EXPECT_EQ(row.id, "W42");
  EXPECT_EQ(row.year, 2018);
  EXPECT_EQ(row.category, "ab");
  EXPECT_EQ(row.countries, "CN DE");
  EXPECT_EQ(row.cited_by_count, 9);
  EXPECT_FALSE(row.fwci.has_value());  // -1: absent
  EXPECT_EQ(row.primary_subfield_id, "1702");
  EXPECT_EQ(row.primary_field_id, "17");
  EXPECT_EQ(MakeFieldWorkRow(Copy(1, 2018, select::kGroupB, 0, 0), shares).category, "b");
  EXPECT_EQ(MakeFieldWorkRow(Copy(1, 2018, 0, 0, 0), shares).primary_subfield_id, "");
}

TEST(ApiTotalRowsTest, AnApiCachesTotalsAreWholeOnlyAndSorted) {
  source::InputPlan plan;
  plan.api_totals = {{"group", "b", 2020, 7}, {"country", "DE", 2021, 3}, {"country", "DE", 2020, 4}};
  std::vector<store::TotalRow> rows = ApiTotalRows(plan);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].unit, "DE");
  EXPECT_EQ(rows[0].year, 2020);
  EXPECT_EQ(rows[1].year, 2021);
  EXPECT_EQ(rows[2].unit_kind, "group");
  for (const store::TotalRow& row : rows) EXPECT_TRUE(std::isnan(row.fractional));
}

// A writer, the scan state and one scanner whose shares a test sets: what WriteTotals reads.
class WriteTotalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<store::StudyDbWriter>> created = store::StudyDbWriter::Create(dir / "study.db");
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    writer = std::move(*created);
    state = std::make_unique<ScanState>(options, *writer, summary);
    scanners.push_back(std::make_unique<WorkScanner>(
        filter, merged, 0, nullptr, [](SkippedRecord&&) {}, nullptr));
  }

  TempDir dir;
  select::WorkFilter filter = Filter();
  std::unique_ptr<store::StudyDbWriter> writer;
  ScanOptions options;
  ScanSummary summary;
  std::unique_ptr<ScanState> state;
  std::unordered_set<uint64_t> merged;
  std::vector<std::unique_ptr<WorkScanner>> scanners;
};

TEST_F(WriteTotalsTest, OnlyWorksWhoseWinningCopyCountsAreWrittenAndCounted) {
  scanners[0]->kept().shares = {{kDE, true, 0.5}, {kCN, true, 0.5}, {kFR, true, 1.0}};
  Winners w;
  w.copies = {Copy(1, 2020, select::kGroupA | select::kGroupB, 0, 2), Copy(2, 2021, select::kGroupA, 2, 1)};
  w.losing_copies = {2, 1};
  w.superseded = {false, true};  // work 2's newest copy is not field-relevant
  ASSERT_TRUE(
      WriteTotals(w, {&scanners[0]->kept().shares}, filter, source::InputPlan{}, *state, *writer, summary).ok());
  EXPECT_EQ(summary.field_relevant, 1u);
  EXPECT_EQ(summary.duplicates, 2u);
  EXPECT_EQ(summary.joint, 1u);
  EXPECT_EQ(summary.joint_by_year, (std::map<int, uint64_t>{{2020, 1}}));
  EXPECT_EQ(summary.joint_by_subfield, (std::map<uint32_t, uint64_t>{{0, 1}}));
  ASSERT_TRUE(writer->Commit().ok());

  Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(dir / "study.db");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Result<store::StudyDb::Rows> works = (*db)->Query("SELECT id, year, category, countries FROM field_works");
  ASSERT_TRUE(works.ok()) << works.status().ToString();
  EXPECT_EQ(*works, (store::StudyDb::Rows{{"W1", "2020", "ab", "CN DE"}}));
  Result<store::StudyDb::Rows> totals =
      (*db)->Query("SELECT unit_kind, unit, year, whole FROM totals ORDER BY unit_kind, unit, year");
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(*totals, (store::StudyDb::Rows{{"country", "CN", "2020", "1"},
                                           {"country", "DE", "2020", "1"},
                                           {"group", "a", "2020", "1"},
                                           {"group", "b", "2020", "1"}}));
}

TEST_F(WriteTotalsTest, AnApiCachesTotalsReplaceTheScansOwnWithANote) {
  scanners[0]->kept().shares = {{kDE, true, 0.5}, {kCN, true, 0.5}};
  Winners w;
  w.copies = {Copy(1, 2020, select::kGroupA | select::kGroupB, 0, 2)};
  w.losing_copies = {0};
  w.superseded = {false};
  source::InputPlan plan;
  plan.snapshot_root = "cache";
  plan.has_api_totals = true;
  plan.api_totals = {{"group", "a", 2020, 40}};
  ASSERT_TRUE(WriteTotals(w, {&scanners[0]->kept().shares}, filter, plan, *state, *writer, summary).ok());
  ASSERT_EQ(summary.notes.size(), 1u);
  EXPECT_EQ(summary.notes[0].kind, "totals_from_api");
  ASSERT_TRUE(writer->Commit().ok());

  Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(dir / "study.db");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Result<store::StudyDb::Rows> totals = (*db)->Query("SELECT unit_kind, unit, year, whole, fractional FROM totals");
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(*totals, (store::StudyDb::Rows{{"group", "a", "2020", "40", ""}}));  // fractional NULL: unknown
}

}  // namespace
}  // namespace entangle::pipeline
