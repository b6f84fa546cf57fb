// The partner dossier and a home institution's partner list in a real browser (issue 18): headless
// Chromium lays out each page at a desktop width (1400 px) and a phone width (400 px) with the
// measuring script of the report's legibility test (legibility_probe.h): no text under 11 px, no
// table cut off (tables scroll or wrap), nothing sticking out of the window, nothing logged (the
// page loads nothing: a fetch would be refused by its Content-Security-Policy and logged); every
// link has an address. Screenshots go to the build folder (dossier-1400.png, dossier-400.png,
// home-1400.png, home-400.png) for people to look at, and the dossier is printed to PDF once.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>

#include "e2e/browser_probe.h"
#include "e2e/headless_chromium.h"
#include "report/html_page.h"
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
using testing::TempDir;

// The dossier allows no script at all (its policy has no script-src); the probed copy allows the
// probe by its hash.
std::string Probed(const std::string& page) {
  std::string html = page;
  const std::string policy = "default-src 'none'; ";
  size_t at = html.find(policy);
  if (at != std::string::npos) {
    html.insert(at + policy.size(), "script-src " + report::CspHash(testing::LegibilityProbeScript()) + "; ");
  }
  return testing::WithLegibilityProbe(html);
}

class DossierBrowserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    run_ = new testing::SyntheticRun(testing::RunSyntheticStudy(*dir_));
  }
  static void TearDownTestSuite() {
    delete run_;
    delete dir_;
  }
  static std::string ScreenHtml(const std::string& args) {
    std::string out, err;
    EXPECT_EQ(RunEntangle(fmt::format("screen --db {}/study.db {} --format html", run_->out_dir, args), &out, &err), 0)
        << err;
    return out;
  }
  // Every <a> has an http(s) address; the page refers to nothing it would load.
  static void ExpectLinksAndNoLoads(const std::string& html) {
    std::regex anchor("<a(\\s[^>]*)?>");
    int links = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), anchor); it != std::sregex_iterator(); ++it) {
      ++links;
      EXPECT_TRUE(std::regex_search(it->str(), std::regex("^<a href=\"https?://[^\"]+\""))) << it->str();
    }
    EXPECT_GE(links, 5);
    for (const char* load : {" src=", "<link", "<script", "@import", "url("}) {
      EXPECT_EQ(html.find(load), std::string::npos) << load;
    }
  }
  static TempDir* dir_;
  static testing::SyntheticRun* run_;
};
TempDir* DossierBrowserTest::dir_ = nullptr;
testing::SyntheticRun* DossierBrowserTest::run_ = nullptr;

TEST_F(DossierBrowserTest, DossierAndHomeListAreLegibleAtDesktopAndPhoneWidths) {
  ASSERT_TRUE(fs::exists(ChromiumPath())) << ChromiumPath() << " is missing: scripts/setup.sh installs chromium";
  ASSERT_TRUE(run_->ok) << run_->out << run_->err;
  const std::pair<std::string, std::string> pages[] = {{"dossier", "--partner I82880672"},
                                                       {"home", "--home 'University of Cambridge'"}};
  for (const auto& [tag, args] : pages) {
    std::string html = ScreenHtml(args);
    ASSERT_NE(html.find("</html>"), std::string::npos) << html;
    ExpectLinksAndNoLoads(html);
    for (int width : {1400, 400}) {
      SCOPED_TRACE(fmt::format("{} at {} px", tag, width));
      nlohmann::json found = testing::ProbeInBrowser(*dir_, Probed(html), width, tag);
      ASSERT_TRUE(found.is_object()) << "the probe wrote nothing:\n"
                                     << ReadFileText(*dir_ / fmt::format("{}-probe-{}.err", tag, width));
      EXPECT_EQ(found["width"], width);
      EXPECT_GE(found["texts"].get<int>(), 30) << "the probe saw an empty page";
      if (tag == "dossier") {
        EXPECT_GE(found["tables"].get<int>(), 2);
      }
      EXPECT_EQ(found["small_text_count"], 0) << "text under 11 px:" << ListedFindings(found["small_text"]);
      EXPECT_TRUE(found["cut_tables"].empty()) << "tables cut off:" << ListedFindings(found["cut_tables"]);
      EXPECT_TRUE(found["page_overflow"].empty())
          << "sticking out of the window:" << ListedFindings(found["page_overflow"]);
      EXPECT_LE(found["page_width"].get<int>(), width);
      testing::ScreenshotProbed(*dir_, tag, width, found["page_height"].get<int>(), 800, 20000, 20'000u);
    }
  }
}

// The print stylesheet in use: Chromium prints the dossier to a PDF of at least one page.
TEST_F(DossierBrowserTest, DossierPrintsToPdf) {
  ASSERT_TRUE(fs::exists(ChromiumPath())) << ChromiumPath() << " is missing: scripts/setup.sh installs chromium";
  ASSERT_TRUE(run_->ok) << run_->out << run_->err;
  std::string html = ScreenHtml("--partner I82880672");
  ASSERT_NE(html.find("@media print"), std::string::npos) << "no print stylesheet";
  ASSERT_NE(html.find("break-before:page"), std::string::npos) << "no page break between sections";
  std::string page = dir_->Write("dossier-print.html", html), pdf = *dir_ / "dossier.pdf";
  ASSERT_EQ(RunChromium(*dir_, "print", fmt::format("--no-pdf-header-footer --print-to-pdf={}", pdf), "file://" + page),
            0)
      << ReadFileText(*dir_ / "print.err");
  ASSERT_TRUE(fs::is_regular_file(pdf)) << ReadFileText(*dir_ / "print.err");
  std::string bytes = ReadFileText(pdf);
  EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u);
  std::smatch count;
  ASSERT_TRUE(std::regex_search(bytes, count, std::regex("/Type\\s*/Pages[^>]*?/Count\\s+(\\d+)")) ||
              std::regex_search(bytes, count, std::regex("/Count\\s+(\\d+)")))
      << "no page count in the PDF";
  EXPECT_GE(std::stoi(count[1].str()), 2) << "the papers start on a page of their own";
  std::error_code ec;
  fs::copy_file(pdf, testing::BuildDir() / "dossier.pdf", fs::copy_options::overwrite_existing, ec);
  EXPECT_FALSE(ec) << ec.message();
}

}  // namespace
}  // namespace entangle
