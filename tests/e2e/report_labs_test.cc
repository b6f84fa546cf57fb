// The report's part on labs and researchers on both sides (issue 20 items 3-4's report section), on
// a study with known labs and dual affiliations (support/labs_study.h): one part opened by what it
// counts and does not infer, charts labelled by lab, year and pair, tables whose author and work ids
// link to their OpenAlex records; legible in headless Chromium at 1200 and 400 px (no text under
// 11 px, no chart whose labels all read alike, no table cut off). Screenshots of the part at 1200
// and 500 px go to the build folder (report-labs-1200.png, report-labs-500.png).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "e2e/headless_chromium.h"
#include "e2e/legibility_probe.h"
#include "report/report.h"
#include "support/analyze_hand_study.h"
#include "support/labs_study.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using namespace entangle::testing;

// The section of exhibit `id` (from its opening tag to its end).
std::string SectionOf(const std::string& html, const std::string& id) {
  size_t begin = html.find(fmt::format("<section class=\"exhibit\" id=\"exhibit-{}\"", id));
  if (begin == std::string::npos) return "";
  return html.substr(begin, html.find("</section>", begin) - begin);
}

class ReportLabsTest : public AnalyzeTest {
 protected:
  std::string Render(bool analysed = true, const std::string& labs_csv = "") {
    std::string labs = dir_ / "labs.csv";
    WriteLabStudy(db_path(), labs);
    if (!labs_csv.empty()) std::ofstream(labs) << labs_csv;
    report::ReportOptions options;
    options.database_path = db_path();
    options.generated_at = "2026-12-07T12:00:00Z";
    std::vector<analyze::ExhibitTable> exhibits =
        AnalyzeWritten(analyze::Counting::kWhole, [&](analyze::AnalyzeOptions& o) { o.labs_path = labs; });
    exhibits_ = exhibits;
    if (!analysed) {  // as an older analyze wrote them: neither family
      std::erase_if(exhibits, [](const analyze::ExhibitTable& t) {
        return t.id.starts_with("labs") || t.id.starts_with("dual_");
      });
      options.exhibits = exhibits;
    }
    Result<std::string> html = report::RenderReport(options);
    EXPECT_TRUE(html.ok()) << html.status().ToString();
    return html.ok() ? *html : "";
  }
  std::vector<analyze::ExhibitTable> exhibits_;
};

// The lab study's registry with owner ids: Test Co (London, Noah) is the company record "Huawei"
// (I40), whose British unit I41 has it in its lineage; the Tsinghua joint lab's first owner has none.
std::string LabsCsvWithOwners() {
  std::string out;
  std::istringstream in(kLabStudyLabsCsv);
  for (std::string line; std::getline(in, line);) {
    out += line +
           (line.starts_with("key,")      ? ",owner_openalex_ids"
            : line.starts_with("lab:thu") ? ","
                                          : ",I40") +
           "\n";
  }
  return out;
}

TEST_F(ReportLabsTest, LabsAndResearchersAreOnePartOpenedByWhatTheyCount) {
  std::string html = Render();
  size_t part = html.find("<section class=\"part\" id=\"part-labs\">");
  ASSERT_NE(part, std::string::npos) << "no opening of the labs part";
  EXPECT_NE(html.find("<li class=\"toc-part\"><a href=\"#part-labs\">Labs and researchers on both sides</a>"),
            std::string::npos);
  std::string intro = html.substr(part, html.find("</section>", part) - part);
  EXPECT_NE(intro.find("What it does not infer:"), std::string::npos);
  EXPECT_NE(intro.find("never a substring"), std::string::npos);
  // Headline numbers read from the exhibits: 3 labs, 2 with papers, 2 author ids on both sides
  // (A100, A105 on whole papers; the id-less one is not an id); W201 and W207 joint only via one person.
  EXPECT_NE(intro.find("<span class=\"kpi-value\">2</span><span class=\"kpi-label\">labs on joint papers"),
            std::string::npos)
      << intro;
  EXPECT_NE(intro.find("<span class=\"kpi-value\">2</span><span class=\"kpi-label\">researchers on both sides"),
            std::string::npos)
      << intro;
  // Every exhibit of the part follows its opening, labs first, then researchers on both sides;
  // the risk exhibits (written between them by analyze) come before.
  size_t labs = html.find("id=\"exhibit-labs\""), labs_papers = html.find("id=\"exhibit-labs_papers\"");
  size_t dual = html.find("id=\"exhibit-dual_affiliations\""), risk = html.find("id=\"exhibit-risk_ties\"");
  ASSERT_NE(labs, std::string::npos);
  ASSERT_NE(dual, std::string::npos);
  EXPECT_LT(part, labs);
  EXPECT_LT(labs_papers, dual);
  if (risk != std::string::npos) {
    EXPECT_LT(risk, part);
  }
}

TEST_F(ReportLabsTest, ChartsAreLabelledByLabYearAndPair) {
  std::string html = Render();
  std::string labs = SectionOf(html, "labs");
  EXPECT_NE(labs.find("<svg"), std::string::npos) << "no chart of papers per lab";
  EXPECT_NE(labs.find("Test Lab London"), std::string::npos);
  EXPECT_NE(labs.find("matched only by exact name"), std::string::npos);
  EXPECT_NE(SectionOf(html, "labs_partners").find("<svg"), std::string::npos);
  std::string by_year = SectionOf(html, "dual_joint_by_year");
  EXPECT_NE(by_year.find("Joint papers by year, by how they are joint"), std::string::npos);
  EXPECT_NE(by_year.find("only via one dual-affiliated person"), std::string::npos);
  std::string pairs = SectionOf(html, "dual_affiliations_by_country_pair");
  EXPECT_NE(pairs.find("Germany (DE) \u2013 China (CN)"), std::string::npos) << pairs.substr(0, 3000);
  // The evidence tables stand alone, without a chart.
  EXPECT_EQ(SectionOf(html, "labs_papers").find("<svg"), std::string::npos);
  EXPECT_EQ(SectionOf(html, "dual_affiliations").find("<svg"), std::string::npos);
}

TEST_F(ReportLabsTest, AuthorAndWorkIdsLinkToTheirRecords) {
  std::string html = Render();
  std::string people = SectionOf(html, "dual_affiliations");
  EXPECT_NE(people.find("<a href=\"https://openalex.org/A100\">A100</a>"), std::string::npos);
  // work_ids, a list: each id its own link.
  EXPECT_NE(
      people.find("<a href=\"https://openalex.org/W201\">W201</a> <a href=\"https://openalex.org/W205\">W205</a>"),
      std::string::npos)
      << people.substr(people.find("<table"), 2000);
  std::string partners = SectionOf(html, "labs_partners");
  EXPECT_NE(partners.find("<a href=\"https://openalex.org/I1\">I1</a>"), std::string::npos);
  std::string papers = SectionOf(html, "labs_papers");
  EXPECT_NE(papers.find("<a href=\"https://openalex.org/W101\">W101</a>"), std::string::npos);
}

// labs_owners on the hand study: Test Co's London lab (W101, Europe) and Noah lab (W102, China)
// beside its other institutions on W2 (2020): Huawei [CN] (China; partner Oxford, not its own
// British unit) and Huawei Technologies (United Kingdom) [GB] (Europe; partner Tsinghua).
TEST_F(ReportLabsTest, CompanysLabsBesideItsOtherInstitutions) {
  std::string html = Render(true, LabsCsvWithOwners());
  const analyze::ExhibitTable& owners = Get(exhibits_, "labs_owners");
  auto cells = [&](const std::string& side, const std::string& year) {
    std::vector<std::string> out;
    for (const char* c : {"papers", "lab_papers", "other_papers", "lab_and_other_papers", "lab_partner_institutions",
                          "other_partner_institutions"}) {
      out.push_back(Cell(owners, {"Test Co", side, year}, c));
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(cells("Europe", "all"), (V{"2", "1", "1", "0", "2", "1"})) << "London: Tsinghua, HKU; Huawei UK: Tsinghua";
  EXPECT_EQ(cells("China", "all"), (V{"2", "1", "1", "0", "1", "1"})) << "Noah: TUM; Huawei: Oxford";
  EXPECT_EQ(cells("China", "2020"), (V{"1", "0", "1", "0", "0", "1"}));
  EXPECT_EQ(cells("China", "2021"), (V{"1", "1", "0", "0", "1", "0"}));
  EXPECT_EQ(Cell(owners, {"Test Co", "Europe", "all"}, "other_institutions"),
            "Huawei Technologies (United Kingdom) [GB]");
  EXPECT_EQ(Cell(owners, {"Test Co", "China", "all"}, "labs"), "Noah Test Lab");
  EXPECT_EQ(owners.rows.size(), 5u) << "Test Co only: Europe all and 2020, China all, 2020 and 2021";
  std::string section = SectionOf(html, "labs_owners");
  EXPECT_NE(section.find("<svg"), std::string::npos) << "no chart of the company's labs beside its other papers";
  EXPECT_NE(section.find("Test Co \u00b7 China"), std::string::npos);
  EXPECT_NE(section.find("through its other institutions"), std::string::npos);
}

TEST_F(ReportLabsTest, AnOlderDatabaseWithoutTheExhibitsHasNoPart) {
  std::string html = Render(/*analysed=*/false);
  ASSERT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(html.find("part-labs"), std::string::npos);
}

// Headless Chromium's window is never narrower than 500 px: narrower layouts go in a frame.
int WindowWidth(int width) { return std::max(width, 500); }

std::string Listed(const nlohmann::json& list) {
  std::string out;
  for (const auto& item : list) out += "\n  " + item.get<std::string>();
  return out;
}

TEST_F(ReportLabsTest, ThePartIsLegibleAtDesktopAndPhoneWidths) {
  ASSERT_TRUE(fs::exists(ChromiumPath())) << ChromiumPath() << " is missing: scripts/setup.sh installs chromium";
  std::string html = Render();
  ASSERT_NE(html.find("part-labs"), std::string::npos);
  for (int width : {1200, 400}) {
    SCOPED_TRACE(fmt::format("window {} px wide", width));
    std::string name = fmt::format("labs-probe-{}", width), probed = fmt::format("labs-probed-{}.html", width);
    dir_.Write(probed, WithLegibilityProbe(html));
    std::string host = dir_.Write(name + ".html", LegibilityHostPage(probed, width, 1000));
    ASSERT_EQ(
        RunChromium(dir_, name,
                    fmt::format("--virtual-time-budget=10000 --dump-dom --window-size={},1000", WindowWidth(width)),
                    "file://" + host),
        0)
        << ReadFileText(dir_ / (name + ".err"));
    nlohmann::json found = LegibilityFindings(ReadFileText(dir_ / (name + ".out")));
    ASSERT_TRUE(found.is_object()) << ReadFileText(dir_ / (name + ".err"));
    EXPECT_EQ(found["width"], width);
    EXPECT_GE(found["charts"].get<int>(), 7) << "the part's charts were not laid out";
    EXPECT_TRUE(found["equal_label_charts"].empty()) << Listed(found["equal_label_charts"]);
    EXPECT_EQ(found["small_text_count"], 0) << "text under 11 px:" << Listed(found["small_text"]);
    EXPECT_TRUE(found["cut_tables"].empty()) << "tables cut off:" << Listed(found["cut_tables"]);
    EXPECT_TRUE(found["page_overflow"].empty()) << Listed(found["page_overflow"]);
  }
  // Screenshots of the part for people to look at, at 1200 and 500 px.
  std::string page = dir_.Write("report.html", html);
  for (int width : {1200, 500}) {
    std::string shot = dir_ / fmt::format("report-labs-{}.png", width);
    ASSERT_EQ(RunChromium(dir_, fmt::format("labs-shot-{}", width),
                          fmt::format("--screenshot={} --window-size={},6000", shot, width),
                          "file://" + page + "#part-labs"),
              0);
    ASSERT_TRUE(fs::is_regular_file(shot));
    std::error_code ec;
    fs::copy_file(shot, BuildDir() / fmt::format("report-labs-{}.png", width), fs::copy_options::overwrite_existing,
                  ec);
    EXPECT_FALSE(ec) << ec.message();
  }
}

}  // namespace
}  // namespace entangle
