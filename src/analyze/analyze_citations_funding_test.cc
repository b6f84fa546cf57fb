// Citations and Exhibit 7 (funding) on the hand-made study (support/analyze_hand_study.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyze/funder_type.h"

#include "analyze/analyze.h"
#include "support/analyze_hand_study.h"

namespace entangle::analyze {
namespace {

using namespace entangle::testing;

// --- Citations ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, CitationsNormalisedByFieldAndYear) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "citations");
  // Bucket means: (1707, 2019) = (10 + 30 + 2) / 3 = 14; (1702, 2020) = 20; (1707, 2021) = (0 + 8 + 4) / 3 = 4;
  // (none, 2021) = 5.
  struct Case {
    std::string unit, subset;
    int papers;
    double mean, median, normalised;
    int with_fwci;
    double fwci;  // NaN: none
  };
  const double none = std::nan("");
  const std::vector<Case> cases = {
      {"Europe and China", "joint", 4, 8.75, 7.5, (10.0 / 14 + 1 + 0 + 1) / 4, 1, 1.0},
      {"Europe", "without China", 2, 19, 19, (30.0 / 14 + 2) / 2, 1, 2.0},
      {"Europe", "only_own_group", 1, 30, 30, 30.0 / 14, 1, 2.0},
      {"China", "without Europe", 1, 2, 2, 2.0 / 14, 0, none},
      {"neither group", "all", 1, 4, 4, 1, 0, none},
      {"all field works", "all", 8, 79.0 / 8, 6.5, (10.0 / 14 + 1 + 0 + 1 + 30.0 / 14 + 2.0 / 14 + 2 + 1) / 8, 2, 1.5},
      {"DE", "all", 5, 53.0 / 5, 8, (10.0 / 14 + 0 + 1 + 30.0 / 14 + 2) / 5, 2, 1.5},
      {"DE", "with China", 3, 5, 5, (10.0 / 14 + 0 + 1) / 3, 1, 1.0},
      {"DE", "without China", 2, 19, 19, (30.0 / 14 + 2) / 2, 1, 2.0},
      {"DE", "single_country", 1, 30, 30, 30.0 / 14, 1, 2.0},
      {"CN", "single_country", 1, 2, 2, 2.0 / 14, 0, none},
  };
  for (const Case& c : cases) {
    std::vector<std::string> key = {c.unit, c.subset};
    std::string label = c.unit + " / " + c.subset;
    ASSERT_NE(RowWith(t, key), nullptr) << label;
    EXPECT_EQ(Cell(t, key, "papers"), std::to_string(c.papers)) << label;
    EXPECT_NEAR(Num(Cell(t, key, "mean_citations")), c.mean, 1e-4) << label;
    EXPECT_NEAR(Num(Cell(t, key, "median_citations")), c.median, 1e-4) << label;
    EXPECT_NEAR(Num(Cell(t, key, "mean_normalised_citations")), c.normalised, 1e-4) << label;
    EXPECT_EQ(Cell(t, key, "papers_with_fwci"), std::to_string(c.with_fwci)) << label;
    if (std::isnan(c.fwci)) {
      EXPECT_EQ(Cell(t, key, "mean_fwci"), "") << label;
    } else {
      EXPECT_NEAR(Num(Cell(t, key, "mean_fwci")), c.fwci, 1e-4) << label;
    }
  }
  const ExhibitTable& by_year = Get(exhibits, "citations_by_year");
  EXPECT_EQ(Cell(by_year, {"Europe and China", "joint", "2021"}, "papers"), "2");
  EXPECT_EQ(Cell(by_year, {"Europe and China", "joint", "2021"}, "incomplete"), "yes");
  EXPECT_NEAR(Num(Cell(by_year, {"Europe and China", "joint", "2021"}, "mean_normalised_citations")), 0.5, 1e-4);
}

TEST_F(AnalyzeTest, CitationsAreSkippedWithANoteWithoutFieldWorks) {
  StudyOptions study;
  study.field_works = false;
  auto exhibits = Run(Counting::kWhole, study);
  for (const std::string id : {"citations", "citations_by_year"}) {
    const ExhibitTable& t = Get(exhibits, id);
    EXPECT_TRUE(t.rows.empty()) << id;
    bool noted = false;
    for (const std::string& note : t.notes) noted = noted || note.find("field_works") != std::string::npos;
    EXPECT_TRUE(noted) << id;
  }
  EXPECT_NE(Find(exhibits, "joint_by_country"), nullptr) << "the other exhibits are still made";
}

// --- Exhibit 7 ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, FundingDisclosure) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "funding");
  // W1 (NSFC), W2 (Key R&D, EPSRC, Acme), W4 (Tsinghua) disclose; China-funded: all three.
  EXPECT_EQ(*RowWith(t, {"all"}), (std::vector<std::string>{"all", "4", "3", "75", "3", "100", "1", "33.33", ""}));
  EXPECT_EQ(*RowWith(t, {"2021"}), (std::vector<std::string>{"2021", "2", "1", "50", "1", "100", "0", "0", "yes"}));
}

TEST_F(AnalyzeTest, FundersByCountryAndTypeWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string group, country, type, funders;
    double papers, share;
  };
  const std::vector<Case> cases = {
      // Whole: a paper counts once per category. NSFC: ROR matches an institution of type "funder",
      // which does not decide, so its name ("national") makes it government; F4's ROR is Tsinghua's.
      {Counting::kWhole, "China", "all", "government", "2", 2, 66.67},
      {Counting::kWhole, "China", "all", "education", "1", 1, 33.33},
      {Counting::kWhole, "Europe", "GB", "government", "1", 1, 33.33},         // "council"
      {Counting::kWhole, "country unknown", "all", "company", "1", 1, 33.33},  // "Ltd", no funder id
      // Fractional: W2's 1 is split over its three distinct funders.
      {Counting::kFractional, "China", "all", "government", "2", 1 + 1.0 / 3, 44.44},
      {Counting::kFractional, "China", "CN", "education", "1", 1, 33.33},
      {Counting::kFractional, "Europe", "all", "government", "1", 1.0 / 3, 11.11},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "funders_by_country_type");
    EXPECT_EQ(t.counting, CountingName(counting));
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      std::vector<std::string> key = {c.group, c.country, c.type};
      std::string label = c.group + " " + c.country + " " + c.type;
      ASSERT_NE(RowWith(t, key), nullptr) << label;
      EXPECT_EQ(Cell(t, key, "funders"), c.funders) << label;
      EXPECT_NEAR(Num(Cell(t, key, "papers")), c.papers, 1e-4) << label;
      EXPECT_NEAR(Num(Cell(t, key, "share_pct")), c.share, 0.006) << label;
    }
    const ExhibitTable& top = Get(exhibits, "top_funders");
    EXPECT_EQ(top.rows.size(), 5u);
    if (counting == Counting::kWhole) {
      EXPECT_EQ(top.rows[0][1], "F1");  // ties in key order
      EXPECT_EQ(top.rows[0][2], "National Natural Science Foundation of China");
    } else {
      EXPECT_EQ(top.rows[1][1], "F4");  // 1 paper each for F1 and F4, 1/3 for the rest
      EXPECT_EQ(Cell(top, {"", "F2"}, "papers"), "0.3333");
    }
  }
}

TEST_F(AnalyzeTest, ProgrammesMatchFunderNamesAlternativesAndAwardIds) {
  auto exhibits = Run(Counting::kWhole, {}, [](AnalyzeOptions& o) {
    o.programmes = {"National Key R&D Program", "National Defense Basic Scientific Research Program", "2018yfb",
                    "nsfc"};
  });
  const ExhibitTable& t = Get(exhibits, "programmes");
  struct Case {
    std::string programme, papers, share, grants;
  };
  const std::vector<Case> cases = {
      {"National Key R&D Program", "1", "25", "2"},  // W2's two grant rows, via the alternative name
      {"National Defense Basic Scientific Research Program", "0", "0", "0"},
      {"2018yfb", "1", "25", "1"},  // award id of W4, case-insensitive
      {"nsfc", "1", "25", "1"},
  };
  ASSERT_EQ(t.rows.size(), cases.size());
  for (const Case& c : cases) {
    EXPECT_EQ(*RowWith(t, {c.programme}), (std::vector<std::string>{c.programme, c.papers, c.share, c.grants}));
  }
}

TEST(AnalyzeFunderTypeTest, RorThenKeywordsThenOther) {
  const std::unordered_map<std::string, std::string> by_ror = {
      {"ror-edu", "education"}, {"ror-fund", "funder"}, {"ror-co", "company"}};
  struct Case {
    std::string ror, name, type;
  };
  const std::vector<Case> cases = {
      {"ror-edu", "Some Foundation", "education"},
      {"ror-co", "National Something", "company"},
      {"ror-fund", "National Natural Science Foundation of China", "government"},
      {"", "Fundamental Research Funds for the Central Universities", "government"},
      {"", "Natural Science Foundation of Jiangsu Province", "government"},
      {"", "Huawei Technologies Co., Ltd.", "company"},
      {"", "Peking University", "education"},
      {"", "Technische Universität München", "education"},
      {"", "China Postdoctoral Science Foundation", "other"},
      {"", "Royal Society", "other"},
      {"", "Statens vegvesen", "other"},  // whole words only: "state" is not in "statens"
  };
  for (const Case& c : cases) EXPECT_EQ(FunderType(c.ror, c.name, by_ror), c.type) << c.name;
}

}  // namespace
}  // namespace entangle::analyze
