#pragma once
// Test support: runs the legibility probe (legibility_probe.h) on a page in headless Chromium and
// keeps full-page screenshots in the build folder. Shared by the browser tests of the report and
// of the partner dossier, which differ only in how the probe is let into the page's policy.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "e2e/headless_chromium.h"
#include "e2e/legibility_probe.h"
#include "support/temp_dir.h"

namespace entangle::testing {

// Headless Chromium's window is never narrower than 500 px: narrower layouts go in a frame.
inline int BrowserWindowWidth(int width) { return std::max(width, 500); }

// Lays out `probed_page` (a page with the probe already in it) at `width` px and returns the
// probe's findings (null: none written). The page stays in `dir` as <tag>-probed-<width>.html for
// ScreenshotProbed.
inline nlohmann::json ProbeInBrowser(const TempDir& dir, const std::string& probed_page, int width,
                                     const std::string& tag) {
  std::string name = fmt::format("{}-probe-{}", tag, width), probed = fmt::format("{}-probed-{}.html", tag, width);
  dir.Write(probed, probed_page);
  std::string host = dir.Write(name + ".html", LegibilityHostPage(probed, width, 1000));
  // The virtual time lets the frame's message reach the host before the DOM is dumped.
  EXPECT_EQ(RunChromium(
                dir, name,
                fmt::format("--virtual-time-budget=10000 --dump-dom --window-size={},1000", BrowserWindowWidth(width)),
                "file://" + host),
            0)
      << ReadFileText(dir / (name + ".err"));
  EXPECT_TRUE(ConsoleLines(ReadFileText(dir / (name + ".err"))).empty()) << ReadFileText(dir / (name + ".err"));
  return LegibilityFindings(ReadFileText(dir / (name + ".out")));
}

// A probe's list of offenders, one per line, for a failure message.
inline std::string ListedFindings(const nlohmann::json& list) {
  std::string out;
  for (const auto& item : list) out += "\n  " + item.get<std::string>();
  return out;
}

// A full-page screenshot of <tag>-probed-<width>.html, the frame as tall as the page (clamped to
// [min_height, max_height]), copied into the build folder as <tag>-<width>.png for people to look
// at. A 400 px frame leaves a grey strip on the right of Chromium's 500 px window.
inline void ScreenshotProbed(const TempDir& dir, const std::string& tag, int width, int page_height, int min_height,
                             int max_height, uintmax_t min_bytes) {
  namespace fs = std::filesystem;
  int height = std::clamp(page_height, min_height, max_height);
  std::string name = fmt::format("{}-shot-{}", tag, width), shot = dir / fmt::format("{}-{}.png", tag, width);
  std::string host =
      dir.Write(name + ".html", LegibilityHostPage(fmt::format("{}-probed-{}.html", tag, width), width, height));
  ASSERT_EQ(RunChromium(dir, name,
                        fmt::format("--screenshot={} --window-size={},{}", shot, BrowserWindowWidth(width), height),
                        "file://" + host),
            0);
  ASSERT_TRUE(fs::is_regular_file(shot)) << ReadFileText(dir / (name + ".err"));
  EXPECT_GT(fs::file_size(shot), min_bytes) << "the screenshot looks blank";
  fs::path kept = BuildDir() / fmt::format("{}-{}.png", tag, width);
  std::error_code ec;
  fs::copy_file(shot, kept, fs::copy_options::overwrite_existing, ec);
  EXPECT_FALSE(ec) << ec.message();
  std::cout << "screenshot: " << kept.string() << "\n";
}

}  // namespace entangle::testing
