// Legibility of the report in a real browser, at a desktop width (1400 px) and a phone width
// (400 px): `entangle run` on a small synthetic corpus writes report.html; headless Chromium lays
// out a copy with a measuring script (legibility_probe.h) and the test reads what it found: no
// chart whose labels all read alike, no drawn network node without a drawn link, no text under
// 11 px, no table cut off, nothing sticking out of the window. Full-page screenshots at both
// widths go to the build folder (report-1400.png, report-400.png) for people to look at.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "e2e/browser_probe.h"
#include "e2e/headless_chromium.h"
#include "support/real_records.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using testing::ChromiumPath;
using testing::ConsoleLines;
using testing::LegibilityFindings;
using testing::LegibilityHostPage;
using testing::ListedFindings;
using testing::ReadFileText;
using testing::RunChromium;
using testing::RunEntangle;
using testing::RunSyntheticStudy;
using testing::SourcePath;
using testing::SyntheticRun;
using testing::TempDir;
using testing::WithLegibilityProbe;

// Lays `page` out at `width` px with the probe in it; returns the findings (null: none written).
nlohmann::json Probe(const TempDir& dir, const std::string& page, int width, const std::string& tag = "page") {
  return testing::ProbeInBrowser(dir, testing::WithLegibilityProbe(page), width, tag);
}

// The probe is only worth its silence on the report if it speaks up on a page with every fault.
TEST(ReportLegibilityTest, ProbeFindsEachFaultOnAPageMadeToHaveThem) {
  ASSERT_TRUE(fs::exists(ChromiumPath())) << ChromiumPath() << " is missing: scripts/setup.sh installs chromium";
  TempDir dir;
  std::string page = R"HTML(<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<svg class="chart" id="chart-alike" viewBox="0 0 960 200" style="width:100%">
<g class="axis" font-size="12"><text x="10" y="190">0</text><text x="300" y="190">0</text></g>
<g class="bars"><text x="90" y="20" font-size="12"><title>assessment</title>assessment</text>
<text x="90" y="50" font-size="12"><title>assessment</title>assessment</text></g></svg>
<svg id="net-svg" viewBox="0 0 300 100" width="300" height="100"><g class="net-edges">
<line x1="10" y1="10" x2="50" y2="50" stroke="#000" data-s="0" data-t="1"/></g><g class="net-nodes">
<circle cx="10" cy="10" r="5" data-i="0" data-name="A"/><circle cx="50" cy="50" r="5" data-i="1" data-name="B"/>
<circle cx="200" cy="50" r="5" data-i="2" data-name="Lonely"/></g></svg>
<p style="font-size:9px">tiny print</p>
<div style="overflow:hidden;width:300px">
<table id="wide" style="width:900px"><tr><td>a wide table</td></tr></table></div>
<div style="width:900px">a wide block</div>
</body></html>
)HTML";
  nlohmann::json found = Probe(dir, page, 400);
  ASSERT_TRUE(found.is_object()) << ReadFileText(dir / "page-probe-400.out");
  EXPECT_EQ(found["width"], 400) << "the window is not 400 px wide";
  EXPECT_EQ(found["equal_label_charts"].size(), 2u) << found.dump(1);  // bars and ticks
  EXPECT_EQ(found["linkless_nodes"], nlohmann::json::array({"Lonely"}));
  // The 9 px paragraph, and the chart's 12-unit text drawn at 400/960 of its size.
  EXPECT_GE(found["small_text_count"].get<int>(), 3) << found.dump(1);
  EXPECT_EQ(found["cut_tables"].size(), 1u) << found.dump(1);
  EXPECT_FALSE(found["page_overflow"].empty()) << found.dump(1);
}

TEST(ReportLegibilityTest, ReportIsLegibleAtDesktopAndPhoneWidths) {
  ASSERT_TRUE(fs::exists(ChromiumPath())) << ChromiumPath() << " is missing: scripts/setup.sh installs chromium";
  TempDir dir;
  const SyntheticRun run = RunSyntheticStudy(dir);
  ASSERT_TRUE(run.ok) << run.out << run.err;
  const std::string& out_dir = run.out_dir;
  std::string report = out_dir + "/report.html";
  std::string html = ReadFileText(report);
  ASSERT_NE(html.find("</html>"), std::string::npos);

  for (int width : {1400, 400}) {
    SCOPED_TRACE(fmt::format("window {} px wide", width));
    nlohmann::json found = Probe(dir, html, width, "report");
    ASSERT_TRUE(found.is_object()) << "the probe wrote nothing:\n"
                                   << ReadFileText(dir / fmt::format("report-probe-{}.err", width));
    EXPECT_EQ(found["width"], width) << "Chromium did not take the window size";
    // The probe saw the page, not an empty shell.
    EXPECT_GE(found["charts"].get<int>(), 15);
    EXPECT_GE(found["nodes"].get<int>(), 50);
    EXPECT_GE(found["tables"].get<int>(), 15);
    EXPECT_TRUE(found["equal_label_charts"].empty())
        << "charts whose labels all read alike:" << ListedFindings(found["equal_label_charts"]);
    EXPECT_TRUE(found["linkless_nodes"].empty())
        << found["linkless_nodes"].size()
        << " drawn nodes without a drawn link:" << ListedFindings(found["linkless_nodes"]);
    EXPECT_EQ(found["small_text_count"], 0) << "text under 11 px:" << ListedFindings(found["small_text"]);
    EXPECT_TRUE(found["cut_tables"].empty()) << "tables cut off:" << ListedFindings(found["cut_tables"]);
    EXPECT_TRUE(found["page_overflow"].empty())
        << "sticking out of the window:" << ListedFindings(found["page_overflow"]);
    EXPECT_LE(found["page_width"].get<int>(), width);

    testing::ScreenshotProbed(dir, "report", width, found["page_height"].get<int>(), 1000, 40000, 50'000u);
  }
}

// When the picture cannot draw every institution (here 60 of the network's 126), the ones it
// draws still each have a drawn link (before the fix two of the 60 were linked only to
// institutions beyond the cut, and looked isolated), and the page says what is left out.
TEST(ReportLegibilityTest, ACappedNetworkPictureDrawsNoNodeWithoutALink) {
  ASSERT_TRUE(fs::exists(ChromiumPath())) << ChromiumPath() << " is missing: scripts/setup.sh installs chromium";
  TempDir dir;
  const SyntheticRun run = RunSyntheticStudy(dir);
  ASSERT_TRUE(run.ok) << run.out << run.err;
  const std::string& out_dir = run.out_dir;
  std::string capped = dir / "capped.html", out, err;
  ASSERT_EQ(RunEntangle(fmt::format("report --db {}/study.db --out {} --draw-nodes 60", out_dir, capped), &out, &err),
            0)
      << out << err;
  std::string html = ReadFileText(capped);
  nlohmann::json found = Probe(dir, html, 1400, "capped");
  ASSERT_TRUE(found.is_object()) << ReadFileText(dir / "capped-probe-1400.err");
  EXPECT_GE(found["nodes"].get<int>(), 40);
  EXPECT_LE(found["nodes"].get<int>(), 60);
  EXPECT_TRUE(found["linkless_nodes"].empty())
      << found["linkless_nodes"].size()
      << " drawn nodes without a drawn link:" << ListedFindings(found["linkless_nodes"]);
  size_t shown = html.find("id=\"net-shown\">Showing ");
  ASSERT_NE(shown, std::string::npos) << "no sentence under the picture says what it shows";
  EXPECT_NE(html.find("Left out:", shown), std::string::npos);
}

}  // namespace
}  // namespace entangle
