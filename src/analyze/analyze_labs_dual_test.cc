// The labs exhibits and the researchers-on-both-sides exhibits on the hand-made study plus a few
// works with known answers, including the traps: two authors with one name and different ids are
// two people, authors without an id are never merged, and a lab whose name contains another
// institution's name does not match it.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/analyze_hand_study.h"

namespace entangle::analyze {
namespace {

using namespace entangle::testing;

using Rows = std::vector<std::vector<std::string>>;

// --- Researchers on both sides --------------------------------------------------------------
//
//   D1 2020  Tsinghua | Oxford     A100 "Li Wei" in both                      only via dual
//   D2 2020  Tsinghua | TUM        A101 "Li Wei" CN, A102 "Li Wei" DE          separate (two ids, one name)
//   D3 2021  HKU | TUM             no id "Wang Fang" in both, no id "Wang Fang" DE   separate
//   D4 2021  HKU | TUM             no id "Zhao Min" HK, no id "Zhao Min" DE   separate (never merged)
//   D5 2021  Tsinghua | TUM        A100 in both, A103 DE                      separate
//   D6 2021  Oxford | HKU          A101 GB, A104 HK                           separate; A101 moved CN -> GB
//   D7 2019  Tsinghua | TUM        A105 CN and A105 again DE (one id twice)   only via dual
std::vector<WorkSpec> DualWorks() {
  auto author = [](std::vector<int> institutions, std::string id, std::string name) {
    return AuthorSpec{std::move(institutions), std::move(id), std::move(name)};
  };
  return {
      {"D1", 2020, {kTsinghua, kOxford}, {author({0, 1}, "A100", "Li Wei")}, "1702", "Artificial Intelligence"},
      {"D2",
       2020,
       {kTsinghua, kTum},
       {author({0}, "A101", "Li Wei"), author({1}, "A102", "Li Wei")},
       "1702",
       "Artificial Intelligence"},
      {"D3",
       2021,
       {kHku, kTum},
       {author({0, 1}, "", "Wang Fang"), author({1}, "", "Wang Fang")},
       "1707",
       "Computer Vision"},
      {"D4", 2021, {kHku, kTum}, {author({0}, "", "Zhao Min"), author({1}, "", "Zhao Min")}, "1707", "Computer Vision"},
      {"D5",
       2021,
       {kTsinghua, kTum},
       {author({0, 1}, "A100", "Li Wei"), author({1}, "A103", "Anna Schmidt")},
       "1707",
       "Computer Vision"},
      {"D6",
       2021,
       {kOxford, kHku},
       {author({0}, "A101", "Li Wei"), author({1}, "A104", "Chen Jie")},
       "1707",
       "Computer Vision"},
      {"D7",
       2019,
       {kTsinghua, kTum},
       {author({0}, "A105", "Zhang San"), author({1}, "A105", "San Zhang")},
       "1707",
       "Computer Vision"},
  };
}

class DualAffiliationTest : public AnalyzeTest {
 protected:
  std::vector<ExhibitTable> RunDual() {
    StudyOptions study;
    study.extra_works = DualWorks();
    return Run(Counting::kWhole, study);
  }
};

TEST_F(DualAffiliationTest, JointPapersSplitBySeparatePeopleAndDualAffiliation) {
  auto exhibits = RunDual();
  const ExhibitTable& t = Get(exhibits, "dual_joint_by_year");
  // W1-W4 have separate people; D1 and D7 are joint only through one person (D7: one id twice).
  // Merging D2's or D4's namesakes would wrongly make them "only via dual".
  EXPECT_EQ(t.rows, (Rows{{"2019", "2", "1", "1", "0", "50", ""},
                          {"2020", "3", "2", "1", "0", "33.33", ""},
                          {"2021", "6", "6", "0", "0", "0", "yes"},
                          {"all", "11", "9", "2", "0", "18.18", ""}}));
  const ExhibitTable& joint = Get(exhibits, "joint_by_year");
  EXPECT_EQ(Cell(joint, {"2020"}, "joint_papers"), "3") << "the split adds up to Exhibit 2";

  const ExhibitTable& c = Get(exhibits, "dual_joint_by_country");
  EXPECT_EQ(*RowWith(c, {"Europe", "DE"}), (std::vector<std::string>{"Europe", "DE", "8", "7", "1", "0", "12.5"}));
  EXPECT_EQ(*RowWith(c, {"Europe", "GB"}), (std::vector<std::string>{"Europe", "GB", "3", "2", "1", "0", "33.33"}));
  EXPECT_EQ(*RowWith(c, {"Europe", "FR"}), (std::vector<std::string>{"Europe", "FR", "1", "1", "0", "0", "0"}));
  EXPECT_EQ(*RowWith(c, {"China", "CN"}), (std::vector<std::string>{"China", "CN", "7", "5", "2", "0", "28.57"}));
  EXPECT_EQ(*RowWith(c, {"China", "HK"}), (std::vector<std::string>{"China", "HK", "4", "4", "0", "0", "0"}));
  EXPECT_EQ(c.rows.size(), 5u);
}

TEST_F(DualAffiliationTest, PeopleAreToldApartByAuthorIdOnly) {
  auto exhibits = RunDual();
  const ExhibitTable& t = Get(exhibits, "dual_affiliations");
  EXPECT_EQ(t.rows, (Rows{{"A100", "Li Wei", "2", "2020 2021", "DE GB", "CN",
                           "Technical University of Munich [DE]; University of Oxford [GB]", "Tsinghua University [CN]",
                           "D1 D5"},
                          {"A105", "Zhang San | San Zhang", "1", "2019", "DE", "CN",
                           "Technical University of Munich [DE]", "Tsinghua University [CN]", "D7"},
                          {"", "Wang Fang", "1", "2021", "DE", "HK", "Technical University of Munich [DE]",
                           "University of Hong Kong [HK]", "D3"}}));
  // The 4 authorships on D3 and D4 and the 12 of the four hand-made works have no id; 13 on D1-D7.
  ASSERT_FALSE(t.notes.empty());
  EXPECT_EQ(t.notes.back(), "16 of 25 authorships on the joint papers have no OpenAlex author id.");

  const ExhibitTable& y = Get(exhibits, "dual_affiliations_by_year");
  EXPECT_EQ(y.rows, (Rows{{"2019", "1", "0", "1", "2", "50", ""},
                          {"2020", "1", "0", "1", "3", "33.33", ""},
                          {"2021", "1", "1", "2", "6", "33.33", "yes"}}));
}

TEST_F(DualAffiliationTest, ByCountryPairAndInstitutionPairWithTheirPapers) {
  auto exhibits = RunDual();
  EXPECT_EQ(Get(exhibits, "dual_affiliations_by_country_pair").rows,
            (Rows{{"DE", "CN", "2", "2", "D5 D7"}, {"DE", "HK", "1", "1", "D3"}, {"GB", "CN", "1", "1", "D1"}}));
  EXPECT_EQ(Get(exhibits, "dual_affiliations_by_institution_pair").rows,
            (Rows{{"I2", "Technical University of Munich [DE]", "I1", "Tsinghua University [CN]", "2", "2", "D5 D7"},
                  {"I2", "Technical University of Munich [DE]", "I60", "University of Hong Kong [HK]", "1", "1", "D3"},
                  {"I7", "University of Oxford [GB]", "I1", "Tsinghua University [CN]", "1", "1", "D1"}}));
}

TEST_F(DualAffiliationTest, AuthorsMovingBetweenTheGroups) {
  auto exhibits = RunDual();
  // A101: only China in 2020 (D2), only Europe in 2021 (D6). A100 holds both in both years: no move.
  EXPECT_EQ(Get(exhibits, "dual_affiliations_moving").rows,
            (Rows{{"A101", "Li Wei", "China", "Europe", "2020", "2021", "D2", "D6", ""}}));
}

TEST_F(DualAffiliationTest, TheHandMadeStudyAloneHasNoResearcherOnBothSides) {
  auto exhibits = Run(Counting::kFractional);
  EXPECT_TRUE(Get(exhibits, "dual_affiliations").rows.empty());
  EXPECT_EQ(Cell(Get(exhibits, "dual_joint_by_year"), {"all"}, "via_separate_people"), "4");
  EXPECT_EQ(Get(exhibits, "dual_joint_by_year").counting, "whole");
}

// --- Labs -------------------------------------------------------------------------------------
//
//   L1 2020  Test Lab London (I70, GB) | Tsinghua | HKU     lab:london by OpenAlex id
//   L2 2021  Tsinghua | TUM     A203 at Tsinghua writes "Noah Test Lab, Tsinghua University, ..."
//   L3 2021  Tsinghua | Oxford  "Tsinghua University, Beijing" and "Noah Test Lab Annex, Shenzhen"
//
// lab:thu-joint "Tsinghua University Joint AI Lab" contains Tsinghua's name: it matches nothing.
const std::string kLabsCsv =
    "key,name_en,name_zh,kind,owners,partners,host_country,city,opened,closed,openalex_ids,ror_ids,"
    "affiliation_names,note,source,source_date,source_url,licence\n"
    "lab:london,Test Lab London,,corporate_lab_abroad,Test Co,,GB,London,2018,,I70,,,,entangle curation,2026-12-07,"
    "https://example.org/london,CC0-1.0\n"
    "lab:noah,Noah Test Lab,,corporate_lab_home,Test Co,,CN,Shenzhen,2012,,,,Noah Test Lab,,entangle curation,"
    "2026-12-07,https://example.org/noah,CC0-1.0\n"
    "lab:thu-joint,Tsinghua University Joint AI Lab,,joint_company_university_lab,Tsinghua University|Test Co,,CN,"
    "Beijing,2019,,,,Tsinghua University Joint AI Lab,,entangle curation,2026-12-07,https://example.org/thu,CC0-1.0\n"
    "lab:nothing,Unmatched Lab,,joint_public_lab,Inria,,DE,,2015,,,,,,entangle curation,2026-12-07,"
    "https://example.org/none,CC0-1.0\n";

const extract::InstitutionRef kLondonLab = Inst("I70", "Test Lab London", "GB", "company", {"I70"});

std::vector<WorkSpec> LabWorks() {
  auto author = [](std::vector<int> institutions, std::string id, std::vector<std::string> raw) {
    return AuthorSpec{std::move(institutions), std::move(id), "", std::move(raw)};
  };
  return {
      {"L1",
       2020,
       {kLondonLab, kTsinghua, kHku},
       {author({0}, "A200", {"Test Lab London, London, UK"}), author({1}, "A201", {}), author({2}, "A202", {})},
       "1702",
       "Artificial Intelligence"},
      {"L2",
       2021,
       {kTsinghua, kTum},
       {author({0}, "A203", {"Noah Test Lab, Tsinghua University, Beijing, China"}),
        author({1}, "A204", {"Technical University of Munich, Munich, Germany"})},
       "1707",
       "Computer Vision"},
      {"L3",
       2021,
       {kTsinghua, kOxford},
       {author({0}, "A205", {"Tsinghua University, Beijing, China", "Noah Test Lab Annex, Shenzhen, China"}),
        author({1}, "A206", {"University of Oxford Joint AI Lab, Oxford, UK"})},
       "1707",
       "Computer Vision"},
  };
}

class LabsExhibitTest : public AnalyzeTest {
 protected:
  std::vector<ExhibitTable> RunLabs() {
    std::string labs = dir_ / "labs.csv";
    std::ofstream(labs) << kLabsCsv;
    StudyOptions study;
    study.extra_works = LabWorks();
    WriteStudy(db_path(), study);
    return AnalyzeWritten(Counting::kWhole, [&](AnalyzeOptions& o) { o.labs_path = labs; });
  }
};

TEST_F(LabsExhibitTest, PerLabPapersRoutesPartnersAndRiskTies) {
  auto exhibits = RunLabs();
  const ExhibitTable& t = Get(exhibits, "labs");
  // Tsinghua is tied (ASPI lists it, by ROR) at the time of L1; HKU is not. L2's partner is TUM
  // (Europe); Tsinghua, the Noah author's own institution, is on the lab's side anyway.
  EXPECT_EQ(t.rows,
            (Rows{{"lab:london", "Test Lab London", "corporate_lab_abroad", "GB", "Europe", "1", "1", "0", "2020",
                   "2020", "2", "1", "1", "Artificial Intelligence (1)",
                   "Tsinghua University [CN] (1); University of Hong Kong [HK] (1)", "yes"},
                  {"lab:noah", "Noah Test Lab", "corporate_lab_home", "CN", "China", "1", "0", "1", "2021", "2021", "1",
                   "0", "0", "Computer Vision (1)", "Technical University of Munich [DE] (1)", "yes"},
                  {"lab:thu-joint", "Tsinghua University Joint AI Lab", "joint_company_university_lab", "CN", "China",
                   "0", "0", "0", "", "", "0", "0", "0", "", "", "yes"},
                  {"lab:nothing", "Unmatched Lab", "joint_public_lab", "DE", "Europe", "0", "0", "0", "", "", "0", "0",
                   "0", "", "", "no"}}));
  EXPECT_EQ(Get(exhibits, "labs_by_year").rows, (Rows{{"lab:london", "Test Lab London", "0", "1", "0", "1"},
                                                      {"lab:noah", "Noah Test Lab", "0", "0", "1", "1"}}));
}

TEST_F(LabsExhibitTest, EveryPaperWithItsEvidence) {
  auto exhibits = RunLabs();
  const ExhibitTable& t = Get(exhibits, "labs_papers");
  // One row per lab, paper and evidence: none for the lab named after Tsinghua, none for L3's
  // "Noah Test Lab Annex" (a longer part is not the lab's name).
  ASSERT_EQ(t.rows.size(), 2u);
  // L1: the institution by its OpenAlex id; London has no affiliation names, so its author's raw
  // string "Test Lab London, London, UK" adds no evidence.
  EXPECT_EQ(std::vector<std::string>(t.rows[0].begin(), t.rows[0].begin() + 11),
            (std::vector<std::string>{"lab:london", "Test Lab London", "L1", "2020", "Artificial Intelligence",
                                      "openalex_id", "openalex_id", "I70", "I70", "", "Test Lab London [GB]"}));
  EXPECT_EQ(t.rows[0][11], "Tsinghua University [CN]; University of Hong Kong [HK]");
  EXPECT_EQ(t.rows[0][12].rfind("Tsinghua University: Tsinghua University (ASPI China Defence Universities Tracker", 0),
            0u)
      << t.rows[0][12];
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"lab:noah", "Noah Test Lab", "L2", "2021", "Computer Vision",
                                                 "affiliation_name", "raw_affiliation", "Noah Test Lab",
                                                 "Noah Test Lab", "Noah Test Lab, Tsinghua University, Beijing, China",
                                                 "author A203", "Technical University of Munich [DE]", ""}));
}

TEST_F(LabsExhibitTest, PartnersWithTheirRiskTies) {
  auto exhibits = RunLabs();
  const ExhibitTable& t = Get(exhibits, "labs_partners");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(t.rows[0].begin(), t.rows[0].begin() + 6),
            (std::vector<std::string>{"lab:london", "Test Lab London", "I1", "Tsinghua University", "CN", "1"}));
  EXPECT_NE(t.rows[0][6].find("Tsinghua University (ASPI China Defence Universities Tracker"), std::string::npos);
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"lab:london", "Test Lab London", "I60", "University of Hong Kong",
                                                 "HK", "1", ""}));
  EXPECT_EQ(t.rows[2], (std::vector<std::string>{"lab:noah", "Noah Test Lab", "I2", "Technical University of Munich",
                                                 "DE", "1", ""}));
}

}  // namespace
}  // namespace entangle::analyze
