// Exhibits 5-6 and the companies exhibits on the hand-made study (support/analyze_hand_study.h): institutions as given
// and rolled up by lineage, pairs, companies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyze/analyze.h"
#include "support/analyze_hand_study.h"

namespace entangle::analyze {
namespace {

using namespace entangle::testing;

// --- Exhibits 5-6 ------------------------------------------------------------------------------

TEST_F(AnalyzeTest, InstitutionsAsGivenWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string id, papers;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "I2", "3"},
      {Counting::kWhole, "I1", "2"},
      {Counting::kWhole, "I50", "1"},
      // TUM: W1 1/2 + W3 (1/4 + 1/8) + W4 1/4 (its author shares it with Siemens).
      {Counting::kFractional, "I2", "1.125"},
      {Counting::kFractional, "I1", "0.75"},
      {Counting::kFractional, "I50", "0.25"},
      {Counting::kFractional, "I9", "0.125"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "institutions");
    EXPECT_EQ(t.rows.size(), 10u);
    EXPECT_EQ(t.rows[0][0], "I2");
    for (const Case& c : cases) {
      if (c.counting == counting) {
        EXPECT_EQ(Cell(t, {c.id}, "joint_papers"), c.papers) << c.id;
      }
    }
    EXPECT_EQ(Cell(t, {"I50"}, "type"), "company") << "the entity fills in what the work leaves out";
    EXPECT_EQ(Cell(t, {"I10"}, "root_id"), "I20");
  }
}

// The scan stores each institution's author share; databases written before that column existed,
// or with a share missing, get the same shares derived from the authorships.
TEST_F(AnalyzeTest, InstitutionSharesWithoutStoredAuthorSharesAreDerived) {
  for (const char* change : {"ALTER TABLE work_institutions DROP COLUMN author_share",
                             "UPDATE work_institutions SET author_share = NULL WHERE rowid = 2"}) {
    WriteStudy(db_path(), {});
    Exec(db_path(), change);
    auto exhibits = AnalyzeWritten(Counting::kFractional);
    const ExhibitTable& t = Get(exhibits, "institutions");
    EXPECT_EQ(Cell(t, {"I2"}, "joint_papers"), "1.125") << change;
    EXPECT_EQ(Cell(t, {"I1"}, "joint_papers"), "0.75") << change;
    EXPECT_EQ(Cell(t, {"I9"}, "joint_papers"), "0.125") << change;
  }
}

TEST_F(AnalyzeTest, StoredAuthorSharesAreWhatFractionalCountingUses) {
  WriteStudy(db_path(), {});
  Exec(db_path(), "UPDATE work_institutions SET author_share = 2 * author_share WHERE institution_id = 'I2'");
  auto exhibits = AnalyzeWritten(Counting::kFractional);
  const ExhibitTable& t = Get(exhibits, "institutions");
  EXPECT_EQ(Cell(t, {"I2"}, "joint_papers"), "2.25");
  EXPECT_EQ(Cell(t, {"I1"}, "joint_papers"), "0.75");
}

TEST_F(AnalyzeTest, LineageRollUpFindsTheTopMostAncestor) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "institutions_rolled_up");
  // Institute of Automation (lineage [I10, I20, I30]) rolls up to CAS I20, not to I30 (the last
  // element, but itself below I20) and not to itself.
  EXPECT_EQ(Cell(t, {"I20"}, "institution"), "Chinese Academy of Sciences");
  EXPECT_EQ(Cell(t, {"I20"}, "joint_papers"), "1");
  EXPECT_EQ(RowWith(t, {"I30"}), nullptr);
  EXPECT_EQ(RowWith(t, {"I10"}), nullptr);
  // Huawei's UK unit stays a UK institution, named as Huawei's.
  EXPECT_EQ(Cell(t, {"I40", "Huawei", "CN"}, "joint_papers"), "1");
  EXPECT_EQ(Cell(t, {"I40", "Huawei (GB units)", "GB"}, "group"), "Europe");
}

TEST_F(AnalyzeTest, LineageRollUpCountsAPaperOnceAndSumsShares) {
  // W5: two British Huawei units and Tsinghua, one author each.
  const extract::InstitutionRef edinburgh = Inst("I42", "Huawei Research Edinburgh", "GB", "company", {"I40", "I42"});
  StudyOptions study;
  study.extra_works = {{"W5", 2021, {kHuaweiUk, edinburgh, kTsinghua}, {{{0}}, {{1}}, {{2}}}, "", "", 0, {}, {}}};
  struct Case {
    Counting counting;
    std::string gb_units, company;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "2", "2"},  // W2 and W5, W5 once although it lists two units
      // (Huawei, GB): W2 1/4 + W5 2/3; Huawei as a company adds its Chinese unit's 1/4 on W2.
      {Counting::kFractional, "0.9167", "1.1667"},
  };
  for (const Case& c : cases) {
    auto exhibits = Run(c.counting, study);
    const ExhibitTable& t = Get(exhibits, "institutions_rolled_up");
    EXPECT_EQ(Cell(t, {"I40", "", "GB"}, "joint_papers"), c.gb_units) << CountingName(c.counting);
    EXPECT_EQ(Cell(t, {"I40", "", "GB"}, "members"), "2");
    EXPECT_EQ(Cell(t, {"I40", "", "CN"}, "members"), "1");
    const ExhibitTable& top = Get(exhibits, "top_companies");
    EXPECT_EQ(Cell(top, {"", "I40"}, "papers"), c.company) << CountingName(c.counting);
    EXPECT_EQ(Cell(top, {"", "I40"}, "units"), "3");
  }
}

TEST_F(AnalyzeTest, InstitutionsAboveThresholdAndPerCountry) {
  auto exhibits = Run(Counting::kWhole);  // threshold 2
  const ExhibitTable& above = Get(exhibits, "institutions_above_threshold");
  ASSERT_EQ(above.rows.size(), 1u) << "strictly more than the threshold: Tsinghua's 2 is not above 2";
  EXPECT_EQ(above.rows[0],
            (std::vector<std::string>{"1", "I2", "Technical University of Munich", "DE", "Europe", "3"}));

  const ExhibitTable& t = Get(exhibits, "institutions_by_country");
  struct Case {
    std::string group, country, institutions, under_10, half, above, top, top_papers, second;
  };
  const std::vector<Case> cases = {
      {"Europe", "DE", "2", "2", "0", "1", "Technical University of Munich", "3", "Siemens"},
      {"Europe", "GB", "2", "2", "0", "0", "Huawei Technologies (United Kingdom)", "1", "University of Oxford"},
      {"Europe", "FR", "1", "1", "0", "0", "Inria, Paris", "1", ""},
      {"China", "CN", "3", "3", "1", "0", "Tsinghua University", "2", "Huawei"},
      {"China", "HK", "1", "1", "0", "0", "University of Hong Kong", "1", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(*RowWith(t, {c.group, c.country}),
              (std::vector<std::string>{c.group, c.country, c.institutions, c.under_10, c.half, c.above, c.top,
                                        c.top_papers, c.second, c.second.empty() ? "" : "1"}))
        << c.country;
  }
  EXPECT_EQ(RowWith(t, {"", "US"}), nullptr) << "only the two groups' countries";
}

TEST_F(AnalyzeTest, InstitutionPairsPerCountry) {
  auto exhibits = Run(Counting::kFractional);
  const ExhibitTable& t = Get(exhibits, "institution_pairs");
  EXPECT_EQ(t.counting, "whole");
  auto papers = [&](const std::string& country, const std::string& a, const std::string& b) {
    for (const auto& row : t.rows) {
      if (row[1] == country && row[3] == a && row[5] == b) return row[8];
    }
    return std::string("<none>");
  };
  EXPECT_EQ(papers("DE", "I2", "I1"), "1");
  EXPECT_EQ(papers("DE", "I2", "I10"), "1");
  EXPECT_EQ(papers("DE", "I50", "I60"), "1");
  EXPECT_EQ(papers("CN", "I1", "I2"), "1") << "each pair under both countries";
  EXPECT_EQ(papers("DE", "I2", "I8"), "<none>") << "MIT is in neither group";
  EXPECT_EQ(papers("DE", "I2", "I9"), "<none>") << "Inria is in the same group";
  int de_rows = 0;
  for (const auto& row : t.rows) de_rows += row[1] == "DE" ? 1 : 0;
  EXPECT_EQ(de_rows, 4);  // TUM-Tsinghua, TUM-Automation, TUM-HKU, Siemens-HKU
}

TEST_F(AnalyzeTest, InstitutionPairsAreCappedAtTopN) {
  auto exhibits = Run(Counting::kWhole, {}, [](AnalyzeOptions& o) { o.top_n = 2; });
  const ExhibitTable& t = Get(exhibits, "institution_pairs");
  int de_rows = 0;
  for (const auto& row : t.rows) de_rows += row[1] == "DE" ? 1 : 0;
  EXPECT_EQ(de_rows, 2);
}

// --- Companies ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, CompaniesWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string where, papers, share;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "in Europe or China", "2", "50"},
      {Counting::kWhole, "in Europe", "2", "50"},  // Huawei UK (W2), Siemens by its entity type (W4)
      {Counting::kWhole, "in China", "1", "25"},
      {Counting::kWhole, "anywhere", "2", "50"},
      {Counting::kFractional, "in Europe", "0.5", "12.5"},  // W2 1/4 + W4 1/4
      {Counting::kFractional, "in China", "0.25", "6.25"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "companies");
    for (const Case& c : cases) {
      if (c.counting == counting) {
        EXPECT_EQ(*RowWith(t, {c.where}), (std::vector<std::string>{c.where, c.papers, c.share})) << c.where;
      }
    }
  }
}

TEST_F(AnalyzeTest, TopCompaniesRollUpSubsidiariesAndListPartners) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& top = Get(exhibits, "top_companies");
  ASSERT_EQ(top.rows.size(), 2u);
  EXPECT_EQ(top.rows[0], (std::vector<std::string>{"1", "I40", "Huawei", "CN", "China", "1", "1", "1", "2", "CN GB"}));
  EXPECT_EQ(top.rows[1][1], "I50");
  const ExhibitTable& partners = Get(exhibits, "company_partners");
  // Huawei (China) works with Oxford; Huawei UK with Tsinghua; its own units are not partners.
  EXPECT_EQ(Cell(partners, {"I40", "", "", "I7"}, "papers"), "1");
  EXPECT_EQ(Cell(partners, {"I40", "", "", "I1"}, "papers"), "1");
  EXPECT_EQ(RowWith(partners, {"I40", "", "", "I41"}), nullptr);
  EXPECT_EQ(Cell(partners, {"I50", "", "", "I60"}, "partner_group"), "China");
  EXPECT_EQ(RowWith(partners, {"I50", "", "", "I2"}), nullptr) << "TU Munich is on Siemens' own side";

  auto fractional = Run(Counting::kFractional);
  const ExhibitTable& top_fractional = Get(fractional, "top_companies");
  EXPECT_EQ(*RowWith(top_fractional, {"", "I40"}),
            (std::vector<std::string>{"1", "I40", "Huawei", "CN", "China", "0.5", "0.25", "0.25", "2", "CN GB"}));
}

}  // namespace
}  // namespace entangle::analyze
