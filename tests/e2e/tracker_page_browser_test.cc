// The tracker page in a real browser (issue 21): six studies' small multiples and the comparison
// table, laid out by headless Chromium at a desktop width (1400 px) and a phone width (400 px)
// with the legibility probe (legibility_probe.h): no text under 11 px, no table cut off, nothing
// sticking out of the window, nothing logged. Screenshots go to the build folder
// (tracker-1400.png, tracker-400.png) for people to look at. The studies here are one synthetic
// study under six names: the page's layout, not its numbers, is under test (tracker_page_test.cc
// checks the numbers).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "e2e/browser_probe.h"
#include "report/report.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using testing::ChromiumPath;
using testing::ListedFindings;
using testing::ReadFileText;
using testing::TempDir;

TEST(TrackerPageBrowserTest, SixStudiesAreLegibleAtDesktopAndPhoneWidths) {
  ASSERT_TRUE(fs::exists(ChromiumPath())) << ChromiumPath() << " is missing: scripts/setup.sh installs chromium";
  TempDir dir;
  const testing::SyntheticRun run = testing::RunSyntheticStudy(dir);
  ASSERT_TRUE(run.ok) << run.out << run.err;
  report::TrackerPageOptions options;
  options.title = "Critical technologies, Europe and China";
  options.out_dir = dir / "tracker";
  options.generated_at = "2026-12-07T00:00:00Z";
  for (const char* area : {"ai", "semiconductors", "quantum"}) {
    for (const char* pair : {"europe-china", "germany-china"}) {
      options.studies.push_back(
          {fmt::format("{}.{}", area, pair), area, pair, run.out_dir + "/study.db", "../out/report.html"});
    }
  }
  ASSERT_TRUE(report::WriteTrackerPage(options).ok());
  std::string html = ReadFileText(options.out_dir + "/tracker.html");
  for (int width : {1400, 400}) {
    SCOPED_TRACE(fmt::format("window {} px wide", width));
    nlohmann::json found = testing::ProbeInBrowser(dir, testing::WithLegibilityProbe(html), width, "tracker");
    ASSERT_TRUE(found.is_object()) << "the probe wrote nothing:\n"
                                   << ReadFileText(dir / fmt::format("tracker-probe-{}.err", width));
    EXPECT_EQ(found["width"], width);
    EXPECT_GE(found["texts"].get<int>(), 100) << "the probe saw an empty page";
    EXPECT_GE(found["tables"].get<int>(), 1);
    EXPECT_EQ(found["small_text_count"], 0) << "text under 11 px:" << ListedFindings(found["small_text"]);
    EXPECT_TRUE(found["cut_tables"].empty()) << "tables cut off:" << ListedFindings(found["cut_tables"]);
    EXPECT_TRUE(found["page_overflow"].empty())
        << "sticking out of the window:" << ListedFindings(found["page_overflow"]);
    EXPECT_LE(found["page_width"].get<int>(), width);
    // The side by side tables are the page's summary: at desktop width every column and row of
    // them shows without scrolling inside a box (on a phone they scroll sideways).
    if (width == 1400) {
      EXPECT_TRUE(found["scrolled_tables"].empty())
          << "tables shown only in part:" << ListedFindings(found["scrolled_tables"]);
    }
    testing::ScreenshotProbed(dir, "tracker", width, found["page_height"].get<int>(), 800, 20000, 20'000u);
  }
}

}  // namespace
}  // namespace entangle
