// The charts of a report built the way a user builds one: `entangle synth` (whose corpus has risk
// ties and institutions without a country code), then `entangle run`. These tests read every SVG
// chart of report.html and check what a reader sees: which labels the bars carry, what the axes
// are called, which colour a country or group gets, and how an institution without a country is
// named.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "select/countries.h"
#include "support/real_records.h"

namespace entangle {
namespace {

using testing::ReadFileText;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

// One chart as drawn: its id, the label of each plain bar (in order), its axis titles, and the
// colour of each label (bars, line series and legend entries).
struct DrawnChart {
  std::string id;
  std::vector<std::string> bar_labels;
  std::vector<std::string> axis_titles;
  std::vector<std::pair<std::string, std::string>> label_colors;
};

std::string Unescape(std::string text) {
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
      text.replace(at, std::string_view(from).size(), to);
    }
  }
  return text;
}

std::vector<DrawnChart> ReadCharts(const std::string& html) {
  std::vector<DrawnChart> charts;
  std::regex svg(R"re(<svg class="chart" id="([^"]+)"([\s\S]*?)</svg>)re");
  // A bar's data mark: its fill, then a tooltip "<label>: <value>" (stacked bars: "<label>: <part>: <value>").
  std::regex bar(R"re(<rect class="mark"[^>]*fill="([^"]*)"><title>([^<]*)</title>)re");
  std::regex axis(R"re(<text [^>]*text-anchor="middle" fill="#1a2433" font-size="12">([^<]*)</text>)re");
  std::regex series(R"re(<g class="series" data-series="([^"]*)">\s*<[a-z]+ [^>]*?stroke="([^"]*)")re");
  std::regex legend(R"re(rx="2" fill="([^"]*)"/><text x="[^"]*" y="[^"]*">([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), svg); it != std::sregex_iterator(); ++it) {
    DrawnChart chart;
    chart.id = (*it)[1];
    std::string body = (*it)[2];
    for (auto b = std::sregex_iterator(body.begin(), body.end(), bar); b != std::sregex_iterator(); ++b) {
      std::string tip = Unescape((*b)[2]);
      size_t colon = tip.find(": ");
      bool stacked = colon != std::string::npos && tip.find(": ", colon + 2) != std::string::npos;
      std::string label = tip.substr(0, colon);
      chart.bar_labels.push_back(label);
      if (!stacked) chart.label_colors.emplace_back(label, (*b)[1]);
    }
    for (auto a = std::sregex_iterator(body.begin(), body.end(), axis); a != std::sregex_iterator(); ++a) {
      chart.axis_titles.push_back(Unescape((*a)[1]));
    }
    for (auto s = std::sregex_iterator(body.begin(), body.end(), series); s != std::sregex_iterator(); ++s) {
      chart.label_colors.emplace_back(Unescape((*s)[1]), (*s)[2]);
    }
    for (auto l = std::sregex_iterator(body.begin(), body.end(), legend); l != std::sregex_iterator(); ++l) {
      chart.label_colors.emplace_back(Unescape((*l)[2]), (*l)[1]);
    }
    charts.push_back(std::move(chart));
  }
  return charts;
}

// "United Kingdom (GB)": the label the charts give a country.
bool IsCountryLabel(const std::string& label) {
  static const std::regex country(R"re((.+) \(([A-Z]{2})\))re");
  std::smatch m;
  return std::regex_match(label, m, country) && select::CountryName(m[2].str()) == m[1].str();
}

// A 20,000-work synthetic run, made once for the tests of this file.
class ReportChartsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string corpus = *dir_ / "corpus", out_dir = *dir_ / "out", out, err;
    ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works 20000 --seed 7", corpus), &out, &err), 0) << err;
    ASSERT_EQ(RunEntangle(fmt::format("run {} --snapshot {} --out {} --threads 2 --progress none",
                                      SourcePath("studies/ai-europe-china.toml"), corpus, out_dir),
                          &out, &err),
              0)
        << out << err;
    html_ = new std::string(ReadFileText(out_dir + "/report.html"));
  }
  static void TearDownTestSuite() {
    delete html_;
    delete dir_;
    html_ = nullptr;
    dir_ = nullptr;
  }
  static const std::string& html() { return *html_; }

 private:
  static TempDir* dir_;
  static std::string* html_;
};
TempDir* ReportChartsTest::dir_ = nullptr;
std::string* ReportChartsTest::html_ = nullptr;

// Issue 18, item 1: Exhibit 8's charts labelled every bar "assessment" (the generic chart took the
// first text column) and titled their axis "joint_papers".
TEST_F(ReportChartsTest, NoChartLabelsAllItsBarsAlikeOrTitlesAnAxisWithAColumnName) {
  std::vector<DrawnChart> charts = ReadCharts(html());
  ASSERT_GE(charts.size(), 20u);
  std::set<std::string> ids;
  for (const DrawnChart& chart : charts) {
    ids.insert(chart.id.substr(0, chart.id.rfind('-')));
    std::set<std::string> distinct(chart.bar_labels.begin(), chart.bar_labels.end());
    if (chart.bar_labels.size() >= 2) {
      EXPECT_GE(distinct.size(), 2u) << chart.id << ": every bar is labelled \"" << chart.bar_labels[0] << "\"";
    }
    for (const std::string& title : chart.axis_titles) {
      EXPECT_FALSE(std::regex_match(title, std::regex("[a-z0-9]+(_[a-z0-9]+)+")))
          << chart.id << ": the axis is titled with a column name: " << title;
    }
  }
  // The risk exhibits are drawn at all (and so were checked above).
  for (const char* id : {"chart-risk_ties", "chart-risk_by_entity", "chart-risk_by_country", "chart-risk_by_institution"}) {
    EXPECT_TRUE(ids.count(id)) << "no chart for " << id;
  }
  // What the bars count: categories in words, entities and institutions by name, countries by name.
  for (const DrawnChart& chart : charts) {
    std::set<std::string> labels(chart.bar_labels.begin(), chart.bar_labels.end());
    if (chart.id.starts_with("chart-risk_ties")) {
      EXPECT_TRUE(labels.count("Seven Sons of National Defence")) << chart.id;
    } else if (chart.id.starts_with("chart-risk_by_entity")) {
      EXPECT_TRUE(labels.count("Harbin Institute of Technology")) << chart.id;
      for (const std::string& label : labels) {
        EXPECT_EQ(label.find(':'), std::string::npos) << chart.id << " labels a bar with a registry key: " << label;
        if (label.find(':') != std::string::npos) break;
      }
    } else if (chart.id.starts_with("chart-risk_by_country")) {
      EXPECT_TRUE(labels.count("United Kingdom (GB)")) << chart.id;
    } else if (chart.id.starts_with("chart-risk_by_institution")) {
      EXPECT_TRUE(labels.count("Imperial College London (GB)")) << chart.id;
    }
  }
}

// Issue 18, item 3: a country or group had one colour in bar charts and another in line charts
// (China blue among the lines of joint_by_country_year, red in the bars of joint_by_country).
TEST_F(ReportChartsTest, ACountryOrGroupHasOneColourInEveryChart) {
  std::map<std::string, std::map<std::string, std::string>> colors;  // label -> colour -> a chart drawing it so
  for (const DrawnChart& chart : ReadCharts(html())) {
    for (const auto& [label, color] : chart.label_colors) {
      bool group = label == "Europe" || label == "China" || label == "other countries" || label == "country unknown" ||
                   label == "neither group";
      if (group || IsCountryLabel(label)) colors[label].emplace(color, chart.id);
    }
  }
  for (const char* label : {"Europe", "China", "China (CN)", "United Kingdom (GB)", "Germany (DE)"}) {
    EXPECT_TRUE(colors.count(label)) << label << " is in no chart";
  }
  for (const auto& [label, by_color] : colors) {
    if (by_color.size() == 1) continue;
    std::string where;
    for (const auto& [color, chart] : by_color) where += fmt::format(" {} in {};", color, chart);
    ADD_FAILURE() << label << " has " << by_color.size() << " colours:" << where;
  }
  // A country's colour is not its group's (a chart drawing both, like the shares, tells them apart).
  ASSERT_TRUE(colors.count("Europe") && colors.count("United Kingdom (GB)"));
  EXPECT_NE(colors["Europe"].begin()->first, colors["United Kingdom (GB)"].begin()->first);
}

// Issue 18, item 5: an institution without a country code was put in "neither group" (the
// network) or under "other countries" (the legends): it is "country unknown".
TEST_F(ReportChartsTest, InstitutionsWithoutACountryAreCountryUnknown) {
  std::regex no_country(R"re(<circle [^>]*data-country=""[^>]*data-group="([^"]*)"[^>]*><title>[^<]*\(([^)]*)\):)re");
  size_t nodes = 0;
  for (auto it = std::sregex_iterator(html().begin(), html().end(), no_country); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[1], "country unknown") << (*it)[0];
    EXPECT_EQ((*it)[2], "country unknown") << (*it)[0];
    ++nodes;
  }
  EXPECT_GE(nodes, 1u) << "the synthetic corpus has institutions without a country code";
  EXPECT_EQ(html().find("no country"), std::string::npos);
  EXPECT_EQ(html().find("unknown country"), std::string::npos);
  // The network's group legend names them.
  size_t legend = html().find("data-legend=\"group\"");
  ASSERT_NE(legend, std::string::npos);
  EXPECT_NE(html().find("country unknown</li>", legend), std::string::npos);
}

}  // namespace
}  // namespace entangle
