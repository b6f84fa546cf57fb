// Charts of the joint-paper exhibits: by country (Exhibit 1), by year (Exhibit 2), country by
// year, and shares of each side's output (Exhibit 3).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "report/chart_year_columns.h"
#include "report/exhibit_charts.h"

namespace entangle::report {
namespace {

constexpr size_t kTopCountries = 15;
constexpr size_t kMaxSeries = 6;

ChartList ByCountry(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int group = view.Col("group"), country = view.Col("country");
  ChartList charts;
  int index = 0;
  for (const std::string& side : {ctx.group_a, ctx.group_b}) {
    std::vector<size_t> rows = FirstRows(
        view, kTopCountries, [&](size_t r) { return view.Cell(r, group) == side && view.Cell(r, country) != "all"; });
    if (rows.empty()) continue;
    std::vector<std::string> labels, colors;
    for (size_t r : rows) {
      labels.push_back(CountryLabel(view.Cell(r, country)));
      colors.push_back(CountryColor(ctx, view.Cell(r, country)));
    }
    BarSpec spec{fmt::format("Joint papers by country: {}", side),
                 fmt::format("Joint papers with at least one author in each {} country (largest {}), with the "
                             "country's share in brackets.",
                             side, rows.size()),
                 CountAxis(table, "joint papers"),
                 rows,
                 view.Col("joint_papers"),
                 view.Col("share_pct"),
                 index++};
    std::string svg = PlainBars(view, spec, labels, colors);
    if (!svg.empty()) charts.push_back(std::move(svg));
  }
  return charts;
}

ChartList ByYear(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int year = view.Col("year");
  LineChart chart;
  chart.frame = MakeFrame(table, "Joint papers by publication year",
                          "Joint papers per publication year; the last year(s) are incomplete.");
  chart.years = YearsInColumn(view, year);
  chart.y_axis = "joint papers";
  chart.series.push_back(
      SeriesFromColumn(view, chart.years, year, view.Col("joint_papers"), "joint papers", "#1a2433"));
  if (IsFractional(table)) {
    chart.series.push_back(SeriesFromColumn(view, chart.years, year, view.Col("group_a_papers"),
                                            ctx.group_a + "'s share (fractional)", kGroupAColor));
    chart.series.push_back(SeriesFromColumn(view, chart.years, year, view.Col("group_b_papers"),
                                            ctx.group_b + "'s share (fractional)", kGroupBColor));
    // Three sets of labels would collide; the shares have their tooltips and the table.
    chart.series[1].labelled = chart.series[2].labelled = false;
  }
  if (chart.years.empty()) return {};
  return {RenderLineChart(chart)};
}

ChartList ByCountryYear(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int country = view.Col("country");
  // The countries with most joint papers over the period, whichever group they are in.
  LineChart chart = TopRowsOverYearColumns(
      view, {view.Col("total"), kMaxSeries, [&](size_t r) { return view.Cell(r, country) != "all"; },
             [&](size_t r) { return CountryLabel(view.Cell(r, country)); },
             [&](size_t, size_t r) { return CountryColor(ctx, view.Cell(r, country)); }});
  chart.y_axis = CountAxis(table, "joint papers");
  chart.frame = MakeFrame(table, fmt::format("Joint papers by year: the {} countries with most", chart.series.size()),
                          "Joint papers per year for the countries with the most joint papers over the period.");
  if (chart.years.empty() || chart.series.empty()) return {};
  return {RenderLineChart(chart)};
}

// Exhibit 3: the two group-level lines, then the output of the countries with most joint papers,
// up to kMaxSeries lines. A line is coloured as the group or country whose output it is; the rows
// "<group> output with <country>" stay in the table, since a line for them would take the colour of
// the country on a line that is not that country's output.
ChartList Shares(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int output_of = view.Col("output_of"), output_group = view.Col("output_group"), with = view.Col("coauthored_with");
  int year = view.Col("year"), pct = view.Col("share_pct");
  std::vector<std::string> keys;
  std::map<std::string, std::vector<size_t>> rows_of;
  for (size_t r = 0; r < view.rows(); ++r) {
    std::string key = view.Cell(r, output_of) + "\x1f" + view.Cell(r, with);
    if (!rows_of.count(key)) keys.push_back(key);
    rows_of[key].push_back(r);
  }
  auto is_group_row = [&](const std::string& key) {
    size_t r = rows_of[key].front();
    return view.Cell(r, output_of) == view.Cell(r, output_group) && (view.Cell(r, with) != view.Cell(r, output_of));
  };
  std::vector<std::string> chosen;
  for (const std::string& key : keys) {
    if (is_group_row(key) && chosen.size() < 2) chosen.push_back(key);
  }
  // Country rows come in the analyze order (largest first); keep that order.
  for (const std::string& key : keys) {
    if (chosen.size() >= kMaxSeries) break;
    size_t r = rows_of[key].front();
    if (view.Cell(r, output_of) == view.Cell(r, output_group)) continue;  // a group's output
    if (std::find(chosen.begin(), chosen.end(), key) == chosen.end()) chosen.push_back(key);
  }
  LineChart chart;
  chart.frame = MakeFrame(table, "Joint papers as a share of each side's field output",
                          "Share of a side's field-relevant papers that are co-authored with the other side, by year.");
  chart.years = YearsInColumn(view, year);
  chart.y_axis = "% of the side's field output";
  chart.percent = true;
  chart.label_points = false;
  for (size_t i = 0; i < chosen.size(); ++i) {
    size_t first = rows_of[chosen[i]].front();
    std::string a = view.Cell(first, output_of), b = view.Cell(first, with);
    LineSeries series{
        fmt::format("{} output with {}", a.size() == 2 ? CountryLabel(a) : a, b.size() == 2 ? CountryLabel(b) : b),
        a == view.Cell(first, output_group) ? GroupColor(ctx, a) : CountryColor(ctx, a),
        std::vector<std::optional<Mark>>(chart.years.size())};
    for (size_t r : rows_of[chosen[i]]) {
      std::optional<double> y = view.Num(r, year);
      auto it = y ? std::find(chart.years.begin(), chart.years.end(), static_cast<int>(*y)) : chart.years.end();
      if (it != chart.years.end()) series.points[static_cast<size_t>(it - chart.years.begin())] = view.MarkAt(r, pct);
    }
    chart.series.push_back(std::move(series));
  }
  chart.label_points = chart.series.size() <= 2;
  if (chart.years.empty() || chart.series.empty()) return {};
  return {RenderLineChart(chart)};
}

}  // namespace

std::optional<ChartList> JointCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  if (table.id == "joint_by_country") return ByCountry(table, ctx);
  if (table.id == "joint_by_year") return ByYear(table, ctx);
  if (table.id == "joint_by_country_year") return ByCountryYear(table, ctx);
  if (table.id == "shares") return Shares(table, ctx);
  return std::nullopt;
}

}  // namespace entangle::report
