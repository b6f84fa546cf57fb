// End to end in a real browser: `entangle run` on a small synthetic corpus writes the study
// database, the exhibits, the network exports and report.html; headless Chromium then opens the
// report from disk and must run its scripts without a single console message or script error,
// render every exhibit section, and take a screenshot people can look at
// (<build dir>/report-screenshot.png, next to a copy of the report). Legibility at desktop and
// phone widths: report_legibility_test.cc.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "e2e/headless_chromium.h"
#include "support/real_records.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using testing::ChromiumPath;
using testing::ConsoleLines;
using testing::ReadFileText;
using testing::RunChromium;
using testing::RunSyntheticStudy;
using testing::SyntheticRun;
using testing::TempDir;

TEST(ReportBrowserTest, RunWritesAReportThatRendersWithoutErrors) {
  ASSERT_TRUE(fs::exists(ChromiumPath()))
      << ChromiumPath() << " is missing: scripts/setup.sh installs the chromium package this test needs";
  TempDir dir;
  const SyntheticRun run = RunSyntheticStudy(dir);
  ASSERT_TRUE(run.ok) << run.out << run.err;
  const std::string& out_dir = run.out_dir;
  // The scan summary, then where each output is.
  EXPECT_NE(run.out.find("Joint:"), std::string::npos) << run.out;
  std::string report = out_dir + "/report.html";
  EXPECT_NE(run.out.find("Report:         " + report), std::string::npos) << run.out;
  for (const char* file : {"study.db", "exhibits/joint_by_year.csv", "exhibits/joint_by_year.json",
                           "network/institutions.gexf", "network/institutions.graphml",
                           "network/institutions.vosviewer.json", "network/institutions.network.json", "report.html"}) {
    EXPECT_TRUE(fs::is_regular_file(out_dir + "/" + file)) << file;
  }
  std::set<std::string> exhibit_ids;
  for (const auto& entry : fs::directory_iterator(out_dir + "/exhibits")) {
    if (entry.path().extension() != ".json") continue;
    exhibit_ids.insert(nlohmann::json::parse(ReadFileText(entry.path().string()))["id"].get<std::string>());
  }
  ASSERT_GE(exhibit_ids.size(), 15u);

  // The DOM after the page's scripts ran.
  ASSERT_EQ(RunChromium(dir, "dom", "--dump-dom", "file://" + report), 0) << ReadFileText(dir / "dom.err");
  std::string dom = ReadFileText(dir / "dom.out");
  std::string log = ReadFileText(dir / "dom.err");
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "no DOM dumped; chromium said:\n" << log;
  // The page's scripts mark <html>: data-report-ready when they ran to their end, data-js-errors
  // with any error they caught.
  size_t html_tag = dom.find("<html");
  ASSERT_NE(html_tag, std::string::npos);
  std::string root = dom.substr(html_tag, dom.find('>', html_tag) - html_tag);
  EXPECT_NE(root.find("data-report-ready=\"1\""), std::string::npos) << "the report's script did not run to its end";
  EXPECT_EQ(root.find("data-js-errors"), std::string::npos) << root;
  std::vector<std::string> console = ConsoleLines(log);
  EXPECT_TRUE(console.empty()) << "console messages:\n" << fmt::format("{}", fmt::join(console, "\n"));
  for (const std::string& id : exhibit_ids) {
    EXPECT_NE(dom.find("id=\"exhibit-" + id + "\""), std::string::npos) << "no section for exhibit " << id;
  }
  EXPECT_NE(dom.find("id=\"network\""), std::string::npos);
  EXPECT_NE(dom.find("id=\"provenance\""), std::string::npos);
  EXPECT_NE(dom.find("<circle cx="), std::string::npos) << "the network has no nodes";
  // The script ran on the network (it swaps the nodes' no-script <title> tooltips for aria-labels)
  // and on the tables (it makes their headers focusable for sorting).
  EXPECT_TRUE(std::regex_search(dom, std::regex(R"re(<circle [^>]*data-i="0"[^>]*aria-label=")re")));
  EXPECT_TRUE(std::regex_search(dom, std::regex(R"re(<th scope="col"[^>]*tabindex="0")re")));
  EXPECT_NE(dom.find("id=\"synthetic-banner\""), std::string::npos) << "synth's corpus must be flagged";

  // A screenshot for people to look at, kept in the build directory with the report.
  std::string shot = dir / "report-screenshot.png";
  ASSERT_EQ(RunChromium(dir, "shot", fmt::format("--screenshot={} --window-size=1400,4000", shot), "file://" + report),
            0)
      << ReadFileText(dir / "shot.err");
  ASSERT_TRUE(fs::is_regular_file(shot)) << ReadFileText(dir / "shot.err");
  EXPECT_GT(fs::file_size(shot), 50'000u) << "the screenshot looks blank";
  EXPECT_TRUE(ConsoleLines(ReadFileText(dir / "shot.err")).empty());
  fs::path build_dir = testing::BuildDir();
  std::error_code ec;
  fs::copy_file(shot, build_dir / "report-screenshot.png", fs::copy_options::overwrite_existing, ec);
  EXPECT_FALSE(ec) << ec.message();
  fs::copy_file(report, build_dir / "report-e2e.html", fs::copy_options::overwrite_existing, ec);
  EXPECT_FALSE(ec) << ec.message();
  std::cout << "screenshot: " << (build_dir / "report-screenshot.png").string() << "\n";
}

}  // namespace
}  // namespace entangle
