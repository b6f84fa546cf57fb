// top_cited: shares of the field's 10 % most-cited papers, on the hand-made study
// (support/analyze_hand_study.h) and on buckets with ties.
#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "analyze/analyze.h"
#include "analyze/field_works.h"
#include "support/analyze_hand_study.h"

namespace entangle::analyze {
namespace {

using namespace entangle::testing;

TEST(TopTenPercentWeightsTest, TiesAtTheBoundaryShareThePlacesLeft) {
  // 20 works: 2 places. One work above the boundary, three tied at 5 share the one place left.
  std::vector<int64_t> cited = {9, 5, 5, 5};
  cited.resize(20, 0);
  std::vector<double> weights = TopTenPercentWeights(cited);
  EXPECT_DOUBLE_EQ(weights[0], 1.0);
  for (int i : {1, 2, 3}) EXPECT_NEAR(weights[i], 1.0 / 3, 1e-12) << i;
  for (size_t i = 4; i < weights.size(); ++i) EXPECT_EQ(weights[i], 0.0) << i;
  EXPECT_NEAR(std::accumulate(weights.begin(), weights.end(), 0.0), 2.0, 1e-12);
}

TEST(TopTenPercentWeightsTest, ASmallBucketGivesItsTopWorkAPartOfAPlace) {
  std::vector<double> weights = TopTenPercentWeights({30, 10, 2});
  EXPECT_NEAR(weights[0], 0.3, 1e-12);
  EXPECT_EQ(weights[1], 0.0);
  EXPECT_EQ(weights[2], 0.0);
  EXPECT_TRUE(TopTenPercentWeights({}).empty());
}

TEST_F(AnalyzeTest, TopCitedSharesPerGroupAndCountry) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "top_cited");
  // Buckets (docs/exhibits.md, top_cited): (1707, 2019) W1 10, X1 30, X2 2: X1 holds 0.3 places;
  // (1702, 2020) W2 alone: 0.1; (1707, 2021) W3 0, X3 8, X4 4: X3 0.3; (none, 2021) W4 alone: 0.1.
  // The field's top 10 % are 0.8 papers.
  struct Case {
    std::string unit, kind;
    int papers;
    double top, share, rate;
  };
  const std::vector<Case> cases = {
      {"Europe", "group", 6, 0.8, 100, 0.8 / 6 * 100}, {"China", "group", 5, 0.2, 25, 4},
      {"Europe and China", "group", 4, 0.2, 25, 5},    {"neither group", "group", 1, 0, 0, 0},
      {"DE", "country in Europe", 5, 0.7, 87.5, 14},   {"US", "country", 3, 0.3, 37.5, 10},
      {"CN", "country in China", 4, 0.1, 12.5, 2.5},   {"HK", "country in China", 1, 0.1, 12.5, 10},
      {"FR", "country in Europe", 1, 0, 0, 0},
  };
  for (const Case& c : cases) {
    std::vector<std::string> key = {c.unit};
    ASSERT_NE(RowWith(t, key), nullptr) << c.unit;
    EXPECT_EQ(Cell(t, key, "unit_kind"), c.kind) << c.unit;
    EXPECT_EQ(Cell(t, key, "papers"), std::to_string(c.papers)) << c.unit;
    EXPECT_NEAR(Num(Cell(t, key, "top10_papers")), c.top, 1e-4) << c.unit;
    EXPECT_NEAR(Num(Cell(t, key, "share_of_top10_pct")), c.share, 0.01) << c.unit;
    EXPECT_NEAR(Num(Cell(t, key, "top10_rate_pct")), c.rate, 0.01) << c.unit;
  }
  // Countries follow the groups, most top-cited papers first.
  ASSERT_GE(t.rows.size(), 6u);
  EXPECT_EQ(t.rows[4][0], "DE");
  EXPECT_EQ(t.rows[5][0], "US");
}

TEST_F(AnalyzeTest, TopCitedSaysSoWithoutFieldWorks) {
  StudyOptions study;
  study.field_works = false;
  auto exhibits = Run(Counting::kWhole, study);
  const ExhibitTable& t = Get(exhibits, "top_cited");
  EXPECT_TRUE(t.rows.empty());
  bool said = false;
  for (const std::string& note : t.notes) said = said || note.find("no table field_works") != std::string::npos;
  EXPECT_TRUE(said) << "no note says why the exhibit is empty";
}

}  // namespace
}  // namespace entangle::analyze
