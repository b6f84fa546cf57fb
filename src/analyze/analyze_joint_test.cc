// Exhibits 1-4 on the hand-made study (support/analyze_hand_study.h): joint papers by country and year, shares of each
// side's output, subfields.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyze/analyze.h"
#include "support/analyze_hand_study.h"

namespace entangle::analyze {
namespace {

using namespace entangle::testing;

// --- Exhibits 1-3 ----------------------------------------------------------------------------

TEST_F(AnalyzeTest, JointByCountryWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string group, country, papers, share;
  };
  const std::vector<Case> cases = {
      // Whole: a paper counts once per country; shares are of the 4 joint papers.
      {Counting::kWhole, "Europe", "all", "4", "100"},
      {Counting::kWhole, "Europe", "DE", "3", "75"},
      {Counting::kWhole, "Europe", "GB", "1", "25"},
      {Counting::kWhole, "Europe", "FR", "1", "25"},
      {Counting::kWhole, "China", "all", "4", "100"},
      {Counting::kWhole, "China", "CN", "3", "75"},
      {Counting::kWhole, "China", "HK", "1", "25"},
      // Fractional: DE = W1 1/2 + W3 (1/4 + 1/8) + W4 1/2 = 1.375 of Europe's 2.0.
      {Counting::kFractional, "Europe", "all", "2", "100"},
      {Counting::kFractional, "Europe", "DE", "1.375", "68.75"},
      {Counting::kFractional, "Europe", "GB", "0.5", "25"},
      {Counting::kFractional, "Europe", "FR", "0.125", "6.25"},
      // CN = 1/2 + 1/2 + 1/4 = 1.25 of China's 1.75.
      {Counting::kFractional, "China", "all", "1.75", "100"},
      {Counting::kFractional, "China", "CN", "1.25", "71.43"},
      {Counting::kFractional, "China", "HK", "0.5", "28.57"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "joint_by_country");
    EXPECT_EQ(t.counting, CountingName(counting));
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      EXPECT_EQ(Cell(t, {c.group, c.country}, "joint_papers"), c.papers) << c.group << " " << c.country;
      EXPECT_EQ(Cell(t, {c.group, c.country}, "share_pct"), c.share) << c.group << " " << c.country;
    }
    // Largest first, ties in country order: DE, then FR before GB.
    ASSERT_GE(t.rows.size(), 4u);
    EXPECT_EQ(t.rows[1][1], "DE");
    if (counting == Counting::kWhole) {
      EXPECT_EQ(t.rows[2][1], "FR");
    }
  }
}

TEST_F(AnalyzeTest, JointByYearMarksTheIncompleteYear) {
  auto exhibits = Run(Counting::kFractional);
  const ExhibitTable& t = Get(exhibits, "joint_by_year");
  ASSERT_EQ(t.rows.size(), 3u);
  struct Case {
    std::string year, joint, a, b, change, incomplete;
  };
  const std::vector<Case> cases = {
      {"2019", "1", "0.5", "0.5", "", ""},
      {"2020", "1", "0.5", "0.5", "0", ""},
      {"2021", "2", "1", "0.75", "100", "yes"},  // W3: CN 1/4; W4: HK 1/2
  };
  for (const Case& c : cases) {
    EXPECT_EQ(*RowWith(t, {c.year}), (std::vector<std::string>{c.year, c.joint, c.a, c.b, c.change, c.incomplete}));
  }
  EXPECT_EQ(t.incomplete_years, std::vector<int>{2021});
  const ExhibitTable& by_country = Get(exhibits, "joint_by_country_year");
  EXPECT_EQ(by_country.columns, (std::vector<std::string>{"group", "country", "2019", "2020", "2021", "total"}));
}

TEST_F(AnalyzeTest, YearsWithoutJointPapersStillShowInTheSeries) {
  StudyOptions study;
  study.extra_totals = {{"group", "a", 2016, 3, 3}};  // field output in 2016, nothing in 2017-2018
  auto exhibits = Run(Counting::kWhole, study);
  const ExhibitTable& t = Get(exhibits, "joint_by_year");
  std::vector<std::string> years;
  for (const auto& row : t.rows) years.push_back(row[0] + ":" + row[1]);
  EXPECT_EQ(years, (std::vector<std::string>{"2016:0", "2017:0", "2018:0", "2019:1", "2020:1", "2021:2"}));
  EXPECT_EQ(Cell(Get(exhibits, "shares"), {"Europe", "Europe", "China", "2016"}, "share_pct"), "0");
  EXPECT_EQ(Cell(Get(exhibits, "shares"), {"Europe", "Europe", "China", "2017"}, "share_pct"), "");
}

TEST_F(AnalyzeTest, JointByCountryYearWhole) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "joint_by_country_year");
  EXPECT_EQ(*RowWith(t, {"Europe", "DE"}), (std::vector<std::string>{"Europe", "DE", "1", "0", "2", "3"}));
  EXPECT_EQ(*RowWith(t, {"Europe", "GB"}), (std::vector<std::string>{"Europe", "GB", "0", "1", "0", "1"}));
  EXPECT_EQ(*RowWith(t, {"China", "CN"}), (std::vector<std::string>{"China", "CN", "1", "1", "1", "3"}));
}

TEST_F(AnalyzeTest, SharesOfEachSidesOutput) {
  struct Case {
    Counting counting;
    std::string output_of, with, year;
    double joint, total, share;  // NaN share: no total
  };
  const double none = std::nan("");
  const std::vector<Case> cases = {
      {Counting::kWhole, "Europe", "China", "2019", 1, 10, 10},
      {Counting::kWhole, "Europe", "China", "2021", 2, 40, 5},
      {Counting::kWhole, "China", "Europe", "2019", 1, 5, 20},
      {Counting::kWhole, "DE", "China", "2019", 1, 4, 25},
      {Counting::kWhole, "DE", "China", "2020", 0, 0, none},
      {Counting::kWhole, "DE", "China", "2021", 2, 10, 20},
      {Counting::kWhole, "China", "DE", "2021", 2, 20, 10},  // China's papers co-authored with Germany
      {Counting::kWhole, "GB", "China", "2020", 1, 8, 12.5},
      {Counting::kWhole, "HK", "Europe", "2021", 1, 4, 25},
      {Counting::kWhole, "Europe", "HK", "2021", 1, 40, 2.5},
      {Counting::kFractional, "Europe", "China", "2021", 1, 30, 100.0 / 30},
      {Counting::kFractional, "DE", "China", "2021", 0.875, 8, 10.9375},
      // China's share of the joint papers with Germany in 2021: W3 1/4 + W4 1/2, of 16.
      {Counting::kFractional, "China", "DE", "2021", 0.75, 16, 4.6875},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "shares");
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      std::vector<std::string> key = {c.output_of, "", c.with, c.year};
      std::string label = c.output_of + " with " + c.with + " " + c.year;
      EXPECT_NEAR(Num(Cell(t, key, "joint_papers")), c.joint, 1e-4) << label;
      EXPECT_NEAR(Num(Cell(t, key, "total_papers")), c.total, 1e-4) << label;
      if (std::isnan(c.share)) {
        EXPECT_EQ(Cell(t, key, "share_pct"), "") << label;
      } else {
        EXPECT_NEAR(Num(Cell(t, key, "share_pct")), c.share, 0.006) << label;
      }
      EXPECT_EQ(Cell(t, key, "incomplete"), c.year == "2021" ? "yes" : "") << label;
    }
  }
}

// --- Exhibit 4 ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, SubfieldsByPrimaryTopic) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "subfields");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"17", "Computer Science", "1707", "Computer Vision", "2", "50"}));
  EXPECT_EQ(Cell(t, {"17", "", "1702"}, "joint_papers"), "1");
  EXPECT_EQ(Cell(t, {"", "(no primary topic)"}, "share_pct"), "25");
  const ExhibitTable& fields = Get(exhibits, "fields");
  EXPECT_EQ(fields.rows[0], (std::vector<std::string>{"17", "Computer Science", "3", "75"}));
}

TEST_F(AnalyzeTest, SubfieldsByConceptWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string concept_id, papers;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "C154945302", "2"},                                      // W1 and W2
      {Counting::kWhole, "C31972630", "1"},         {Counting::kWhole, "", "2"},  // W3, W4: no qualifying concept
      {Counting::kFractional, "C154945302", "1.5"},                               // W1 1/2 + W2 1
      {Counting::kFractional, "C31972630", "0.5"},  {Counting::kFractional, "", "2"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting, {}, [](AnalyzeOptions& o) { o.subfield_scheme = "concepts"; });
    const ExhibitTable& t = Get(exhibits, "subfields");
    EXPECT_EQ(Find(exhibits, "fields"), nullptr);
    EXPECT_EQ(RowWith(t, {"C999"}), nullptr) << "level 3 concepts are left out";
    EXPECT_EQ(RowWith(t, {"C119857082"}), nullptr) << "concepts scored below 0.3 are left out";
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      std::vector<std::string> key = {c.concept_id, c.concept_id.empty() ? "(no qualifying concept)" : ""};
      EXPECT_EQ(Cell(t, key, "joint_papers"), c.papers) << c.concept_id;
    }
  }
}

}  // namespace
}  // namespace entangle::analyze
