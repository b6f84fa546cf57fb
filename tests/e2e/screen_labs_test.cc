// screen --partner and --home show the labs on an institution's joint papers (with kind, owner,
// host, route and matched text) and the researchers who hold it and the other side on one paper
// (by OpenAlex author id only), on a hand-made study analysed with a hand-made labs registry.
// Traps: two authors with one name and different ids are two people (neither holds both sides),
// and a lab whose name contains Tsinghua's matches nothing. Without the labs exhibits (no analyze
// run) the dossier says so instead of failing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "screen/screen.h"
#include "support/analyze_hand_study.h"
#include "support/labs_study.h"

namespace entangle {
namespace {

using namespace entangle::testing;

class ScreenLabsTest : public AnalyzeTest {
 protected:
  void SetUp() override { WriteLabStudy(db_path(), labs_path()); }
  void Analyse() {
    AnalyzeWritten(analyze::Counting::kWhole, [&](analyze::AnalyzeOptions& o) { o.labs_path = labs_path(); });
  }
  std::string labs_path() const { return dir_ / "labs.csv"; }
  screen::Report Screen(bool home, const std::string& who) {
    screen::ScreenOptions options;
    options.database_path = db_path();
    auto screener = screen::Screener::Open(options);
    EXPECT_TRUE(screener.ok()) << screener.status().ToString();
    if (!screener.ok()) return {};
    auto report = home ? (*screener)->Home(who) : (*screener)->Partner(who);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : screen::Report{};
  }
};

std::vector<std::string> Ids(const std::vector<screen::DualResearcher>& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r.author_id.empty() ? "(no id) " + r.name : r.author_id);
  return out;
}
std::vector<std::string> PaperIds(const std::vector<screen::Paper>& papers) {
  std::vector<std::string> out;
  for (const auto& p : papers) out.push_back(p.id);
  return out;
}

TEST_F(ScreenLabsTest, PartnerDossierListsItsLabsWithOwnerHostRouteAndMatchedText) {
  Analyse();
  screen::Report r = Screen(false, "I1");  // Tsinghua University
  EXPECT_EQ(r.labs_status, "");
  ASSERT_EQ(r.labs.size(), 2u) << "London (by id, Tsinghua its partner) and Noah (by raw string); not the lab "
                                  "named after Tsinghua, not 'Noah Test Lab Annex'";
  const screen::LabLink& london = r.labs[0].key == "lab:london" ? r.labs[0] : r.labs[1];
  const screen::LabLink& noah = r.labs[0].key == "lab:noah" ? r.labs[0] : r.labs[1];
  EXPECT_EQ(london.kind, "corporate_lab_abroad");
  EXPECT_EQ(london.owners, (std::vector<std::string>{"Test Co"}));
  EXPECT_EQ(london.city, "London");
  EXPECT_EQ(london.host_country, "GB");
  EXPECT_EQ(london.lab_group, "Europe");
  EXPECT_EQ(london.source_url, "https://example.org/london");
  EXPECT_EQ(london.papers, 1);
  ASSERT_EQ(london.listed.size(), 1u);
  EXPECT_EQ(london.listed[0].paper.id, "W101");
  EXPECT_EQ(london.listed[0].paper.title, "Paper W101");
  EXPECT_EQ(london.listed[0].role, "partner");
  ASSERT_EQ(london.listed[0].evidence.size(), 1u);
  EXPECT_EQ(london.listed[0].evidence[0].route, "openalex_id");
  EXPECT_EQ(london.listed[0].evidence[0].matched_text, "I70");

  EXPECT_EQ(noah.owners, (std::vector<std::string>{"Test Co", "Other Owner"}));
  EXPECT_EQ(noah.name_zh, "诺亚测试实验室");
  ASSERT_EQ(noah.listed.size(), 1u);
  EXPECT_EQ(noah.listed[0].paper.id, "W102");
  EXPECT_EQ(noah.listed[0].role, "author") << "A203 is at Tsinghua and writes the lab's name";
  ASSERT_EQ(noah.listed[0].evidence.size(), 1u);
  EXPECT_EQ(noah.listed[0].evidence[0].route, "affiliation_name");
  EXPECT_EQ(noah.listed[0].evidence[0].matched_text, "Noah Test Lab");
  EXPECT_EQ(noah.listed[0].evidence[0].raw_affiliation, "Noah Test Lab, Tsinghua University, Beijing, China");

  // The lab's own record screened as a partner: it is the lab.
  screen::Report lab = Screen(false, "I70");
  ASSERT_EQ(lab.labs.size(), 1u);
  ASSERT_EQ(lab.labs[0].listed.size(), 1u);
  EXPECT_EQ(lab.labs[0].listed[0].role, "lab");
}

TEST_F(ScreenLabsTest, ResearchersOnBothSidesAreAuthorIdsWithTheirPapers) {
  Analyse();
  screen::Report r = Screen(false, "I1");
  EXPECT_EQ(r.other_side, "Europe");
  // A100 on W201 and W205; A105 listed twice on W207; the id-less authorship on W208. Not A101/A102 (one
  // name, two ids: two people, each on one side), not W102's or W103's authors.
  EXPECT_EQ(Ids(r.researchers), (std::vector<std::string>{"A100", "A105", "(no id) Wang Fang"}));
  EXPECT_EQ(r.researchers_total, 3);
  EXPECT_EQ(r.researchers[0].paper_count, 2);
  EXPECT_EQ(PaperIds(r.researchers[0].papers), (std::vector<std::string>{"W205", "W201"}));
  EXPECT_EQ(r.researchers[0].papers[0].doi, "10.1234/w205");
  EXPECT_EQ(r.researchers[0].other_side,
            (std::vector<std::string>{"University of Oxford [GB]", "Technical University of Munich [DE]"}));
  EXPECT_EQ(PaperIds(r.researchers[1].papers), (std::vector<std::string>{"W207"}));

  const std::string text = screen::Render(r, screen::Format::kText);
  EXPECT_NE(text.find("Researchers on both sides"), std::string::npos);
  EXPECT_NE(text.find("infers nothing about nationality"), std::string::npos);
  EXPECT_NE(text.find("A100 Li Wei"), std::string::npos) << text;
  EXPECT_EQ(text.find("A101"), std::string::npos) << "a namesake is not a researcher on both sides";
  const std::string html = screen::Render(r, screen::Format::kHtml);
  EXPECT_NE(html.find("<a href=\"https://openalex.org/A100\">A100</a>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://doi.org/10.1234/w205\">"), std::string::npos);
  EXPECT_NE(html.find("Labs on its joint papers"), std::string::npos);
  EXPECT_NE(html.find("Test Co; Other Owner"), std::string::npos);
  EXPECT_NE(html.find("London, GB (Europe)"), std::string::npos);
  EXPECT_NE(html.find("its part \u201cNoah Test Lab\u201d equals the lab&#39;s name"), std::string::npos);
  const std::string markdown = screen::Render(r, screen::Format::kMarkdown);
  EXPECT_NE(markdown.find("[A100](https://openalex.org/A100)"), std::string::npos);
  EXPECT_NE(markdown.find("Matched by OpenAlex id [I70](https://openalex.org/I70)"), std::string::npos) << markdown;

  nlohmann::json json = nlohmann::json::parse(screen::Render(r, screen::Format::kJson));
  ASSERT_EQ(json["researchers"].size(), 3u);
  EXPECT_EQ(json["researchers"][0]["author_id"], "A100");
  EXPECT_EQ(json["researchers"][0]["openalex_url"], "https://openalex.org/A100");
  EXPECT_EQ(json["researchers"][0]["papers"], 2);
  ASSERT_EQ(json["labs"].size(), 2u);
  EXPECT_EQ(json["labs_status"], "");
}

// The bug: the researchers list placed a person on the other side by the country codes of the
// institutions OpenAlex assigned, while the dual_* exhibits (and issue 20) use the authorship's own
// countries (work_authorships.countries). A101 on W202 is at Tsinghua only, but the authorship's
// countries say CN and DE (a German affiliation OpenAlex gave no institution): a researcher on both
// sides in the exhibit, and now in the dossier, with the country as the evidence.
TEST_F(ScreenLabsTest, ResearchersUseAuthorshipCountriesNotInstitutionCountryCodes) {
  Exec(db_path(), "UPDATE work_authorships SET countries = 'CN DE' WHERE work_id = 'W202' AND author_id = 'A101'");
  std::vector<analyze::ExhibitTable> exhibits =
      AnalyzeWritten(analyze::Counting::kWhole, [&](analyze::AnalyzeOptions& o) { o.labs_path = labs_path(); });
  EXPECT_EQ(Cell(Get(exhibits, "dual_affiliations"), {"A101"}, "work_ids"), "W202") << "the exhibit counts A101";
  screen::Report r = Screen(false, "I1");
  EXPECT_EQ(Ids(r.researchers), (std::vector<std::string>{"A100", "A101", "A105", "(no id) Wang Fang"}));
  const screen::DualResearcher& a101 = r.researchers[1];
  EXPECT_EQ(PaperIds(a101.papers), (std::vector<std::string>{"W202"}));
  EXPECT_EQ(a101.other_side, (std::vector<std::string>{"DE (authorship country; no institution there)"}));
  // An institution OpenAlex gave no country code: the authorship's country places its person, and
  // the institution is named beside the country. A102 on W202 now also holds Tsinghua.
  Exec(db_path(), "UPDATE work_institutions SET country_code = '' WHERE work_id = 'W202' AND institution_key = 'I2'");
  Exec(db_path(),
       "INSERT INTO work_authorship_institutions (work_id, author_order, institution_key) VALUES ('W202', 1, 'I1')");
  Exec(db_path(), "UPDATE work_authorships SET countries = 'CN DE' WHERE work_id = 'W202' AND author_id = 'A102'");
  r = Screen(false, "I1");
  ASSERT_EQ(Ids(r.researchers), (std::vector<std::string>{"A100", "A101", "A102", "A105", "(no id) Wang Fang"}));
  EXPECT_EQ(r.researchers[2].other_side,
            (std::vector<std::string>{"DE (authorship country; institutions: Technical University of Munich)"}));
}

TEST_F(ScreenLabsTest, HomeListSummarisesLabsAndResearchersPerPartner) {
  Analyse();
  screen::Report r = Screen(true, "I2");  // TUM: its partners on the other side
  ASSERT_FALSE(r.links.empty());
  const screen::PartnerLinks& thu = r.links[0];
  EXPECT_EQ(thu.institution.id, "I1");
  EXPECT_EQ(Ids(thu.researchers), (std::vector<std::string>{"A100", "A105", "(no id) Wang Fang"}));
  EXPECT_EQ(thu.labs, (std::vector<std::string>{"Noah Test Lab"}));
  EXPECT_EQ(thu.lab_papers, 1);
  EXPECT_EQ(r.links.size(), 1u) << "HKU shares no lab or researcher with TUM";

  const std::string text = screen::Render(r, screen::Format::kText);
  EXPECT_NE(text.find("Labs and researchers on both sides, per partner"), std::string::npos);
  EXPECT_NE(text.find("researchers on both sides: 3"), std::string::npos) << text;
  nlohmann::json json = nlohmann::json::parse(screen::Render(r, screen::Format::kJson));
  ASSERT_EQ(json["links"].size(), 1u);
  EXPECT_EQ(json["links"][0]["labs"][0], "Noah Test Lab");
  EXPECT_EQ(json["links"][0]["researchers"].size(), 3u);
}

TEST_F(ScreenLabsTest, WithoutTheLabsExhibitsTheDossierSaysSo) {
  // Not analysed: no labs tables. Researchers come from the authorships and are still shown.
  screen::Report r = Screen(false, "I1");
  EXPECT_NE(r.labs_status.find("no labs exhibits"), std::string::npos) << r.labs_status;
  EXPECT_TRUE(r.labs.empty());
  EXPECT_EQ(r.researchers.size(), 3u);
  const std::string text = screen::Render(r, screen::Format::kText);
  EXPECT_NE(text.find("Run entangle analyze on it to add them."), std::string::npos);
  screen::Report home = Screen(true, "I2");
  EXPECT_FALSE(home.labs_status.empty());
  ASSERT_EQ(home.links.size(), 1u);
  EXPECT_TRUE(home.links[0].labs.empty());
}

}  // namespace
}  // namespace entangle
