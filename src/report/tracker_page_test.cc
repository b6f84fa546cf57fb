// The tracker page reads each study's exhibits and prints them as they are: the hand-made study
// (support/analyze_hand_study.h), analysed, beside a study not analysed yet and a missing one.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/text_file.h"
#include "report/report.h"
#include "support/analyze_hand_study.h"

namespace entangle::report {
namespace {

using namespace entangle::testing;

const analyze::ExhibitTable& Table(const std::vector<analyze::ExhibitTable>& tables, const std::string& id) {
  const analyze::ExhibitTable* found = Find(tables, id);
  EXPECT_NE(found, nullptr) << id;
  static const analyze::ExhibitTable empty;
  return found != nullptr ? *found : empty;
}

class TrackerPageTest : public AnalyzeTest {
 protected:
  TrackerPageOptions Options() {
    std::string unanalysed = dir_ / "unanalysed.db";
    WriteStudy(unanalysed);
    TrackerPageOptions options;
    options.title = "Hand tracker";
    options.generated_at = "2026-12-07T00:00:00Z";
    options.out_dir = dir_ / "tracker";
    options.studies = {{"ai.europe-china", "ai", "europe-china", db_path(), "ai.europe-china/report.html"},
                       {"quantum.europe-china", "quantum", "europe-china", unanalysed, ""},
                       {"biotech.europe-china", "biotech", "europe-china", dir_ / "missing.db", ""}};
    return options;
  }
};

TEST_F(TrackerPageTest, EveryFigureIsAStudyExhibitCell) {
  std::vector<analyze::ExhibitTable> exhibits = Run(analyze::Counting::kWhole);
  const analyze::ExhibitTable& joint_by_year = Get(exhibits, "joint_by_year");
  const analyze::ExhibitTable& top_cited = Get(exhibits, "top_cited");
  std::vector<analyze::ExhibitTable> tables;
  Result<std::string> html = RenderTrackerPage(Options(), &tables);
  ASSERT_TRUE(html.ok()) << html.status().ToString();

  const analyze::ExhibitTable& studies = Table(tables, "tracker_studies");
  ASSERT_EQ(studies.rows.size(), 3u);
  std::vector<std::string> ai = {"ai.europe-china"};
  // The hand-made study has 4 joint papers (W1-W4), one a year from 2019 to 2021 but two in 2021.
  double total = 0;
  for (const auto& row : joint_by_year.rows) total += Num(row[1]);
  EXPECT_EQ(Cell(studies, ai, "joint_papers"), std::to_string(static_cast<int>(total)));
  EXPECT_EQ(Cell(studies, ai, "a_share_of_top10_pct"), Cell(top_cited, {"Europe"}, "share_of_top10_pct"));
  EXPECT_EQ(Cell(studies, ai, "b_share_of_top10_pct"), Cell(top_cited, {"China"}, "share_of_top10_pct"));
  EXPECT_EQ(Cell(studies, ai, "groups"), "Europe – China");
  EXPECT_EQ(Cell(studies, ai, "note"), "");
  EXPECT_NE(Cell(studies, {"quantum.europe-china"}, "note").find("not analysed yet"), std::string::npos);
  EXPECT_NE(Cell(studies, {"biotech.europe-china"}, "note").find("unreadable"), std::string::npos);

  const analyze::ExhibitTable& by_year = Table(tables, "tracker_by_year");
  ASSERT_EQ(by_year.rows.size(), joint_by_year.rows.size());
  for (size_t i = 0; i < by_year.rows.size(); ++i) {
    EXPECT_EQ(by_year.rows[i][1], joint_by_year.rows[i][0]);  // year
    EXPECT_EQ(Num(by_year.rows[i][2]), Num(joint_by_year.rows[i][1]));
  }

  // The page: links to the study's report, says why two studies show nothing, one chart per
  // study with figures and per view.
  EXPECT_NE(html->find("href=\"ai.europe-china/report.html\""), std::string::npos);
  EXPECT_NE(html->find("2 of 3 studies show no figures"), std::string::npos);
  EXPECT_NE(html->find("id=\"joint-0\""), std::string::npos);
  EXPECT_NE(html->find("id=\"share-0\""), std::string::npos);
  EXPECT_EQ(html->find("id=\"joint-1\""), std::string::npos);
}

TEST_F(TrackerPageTest, WritesThePageAndItsTables) {
  Run(analyze::Counting::kWhole);
  TrackerPageOptions options = Options();
  ASSERT_TRUE(WriteTrackerPage(options).ok());
  for (const char* name :
       {"tracker.html", "tracker_studies.csv", "tracker_studies.json", "tracker_by_year.csv", "tracker_by_year.json"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(options.out_dir + "/" + name)) << name;
  }
  options.studies.clear();
  EXPECT_FALSE(WriteTrackerPage(options).ok());
}

}  // namespace
}  // namespace entangle::report
