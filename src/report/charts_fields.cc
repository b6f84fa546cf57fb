// Charts of the subfield exhibits (Exhibit 4) and the citation comparisons.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "report/exhibit_charts.h"

namespace entangle::report {
namespace {

constexpr size_t kTopSubfields = 15;
constexpr size_t kMaxSeries = 5;

bool IsCountryUnit(const std::string& unit) {
  return unit == "??" || (unit.size() == 2 && std::isupper(static_cast<unsigned char>(unit[0])) &&
                          std::isupper(static_cast<unsigned char>(unit[1])));
}

ChartList Subfields(const analyze::ExhibitTable& table, const char* name_col, std::string title) {
  TableView view(table);
  int name = view.Col(name_col), field = view.Col("field");
  if (name < 0) name = view.Col("concept");
  std::vector<size_t> rows = FirstRows(view, kTopSubfields, [](size_t) { return true; });
  std::vector<std::string> labels, colors;
  for (size_t r : rows) {
    std::string label = view.Cell(r, name);
    if (field >= 0 && field != name && !view.Cell(r, field).empty() && view.Cell(r, field) != label) {
      label += " · " + view.Cell(r, field);
    }
    labels.push_back(label);
    colors.push_back(view.Cell(r, name).starts_with("(no ") ? "#b8bec8" : "#3b7a78");
  }
  BarSpec spec{
      std::move(title),
      fmt::format("Joint papers by subfield (first {} rows), with the share of all joint papers.", rows.size()),
      CountAxis(table, "joint papers"),
      rows,
      view.Col("joint_papers"),
      view.Col("share_pct")};
  std::string svg = PlainBars(view, spec, labels, colors);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// The colour of a citation unit: a group's, both groups' for joint papers, grey for neither.
std::string UnitColor(const ChartContext& ctx, const std::string& unit) {
  if (unit == ctx.group_a || unit == ctx.group_b) return GroupColor(ctx, unit);
  if (unit == ctx.group_a + " and " + ctx.group_b) return kJointColor;
  if (unit == "all field works") return "#1a2433";
  if (IsCountryUnit(unit)) return CountryColor(ctx, unit);
  return kOtherColor;
}

ChartList Citations(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int unit = view.Col("unit"), subset = view.Col("subset"), papers = view.Col("papers");
  int value = view.Col("mean_normalised_citations");
  bool normalised = true;
  std::vector<size_t> rows = FirstRows(
      view, 12, [&](size_t r) { return !IsCountryUnit(view.Cell(r, unit)) && view.Num(r, value).has_value(); });
  if (rows.empty()) {
    normalised = false;
    value = view.Col("mean_citations");
    rows = FirstRows(view, 12, [&](size_t r) { return !IsCountryUnit(view.Cell(r, unit)) && view.Num(r, value); });
  }
  BarChart chart;
  chart.frame = MakeFrame(table, "Citations: joint papers against each side's other papers",
                          "Mean citations per paper, normalised by subfield and year (1 = the average field paper "
                          "of the same subfield and year).");
  chart.value_axis = normalised ? "mean normalised citations (1 = field-and-year average)" : "mean citations per paper";
  if (normalised) {
    chart.reference = 1;
    chart.reference_label = "average = 1";
  }
  for (size_t r : rows) {
    Bar bar;
    bar.label = fmt::format("{} · {}", view.Cell(r, unit), view.Cell(r, subset));
    bar.color = UnitColor(ctx, view.Cell(r, unit));
    bar.segments.push_back(*view.MarkAt(r, value));
    bar.annotation = "n = " + view.Cell(r, papers);
    chart.bars.push_back(std::move(bar));
  }
  if (chart.bars.empty()) return {};
  return {RenderBarChart(chart)};
}

ChartList CitationsByYear(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int unit = view.Col("unit"), subset = view.Col("subset"), year = view.Col("year");
  int value = view.Col("mean_normalised_citations");
  LineChart chart;
  chart.frame = MakeFrame(table, "Normalised citations by publication year",
                          "Mean normalised citations per year for joint papers and each side's other papers.");
  chart.years = YearsInColumn(view, year);
  chart.y_axis = "mean normalised citations";
  std::vector<std::string> keys;
  std::map<std::string, std::vector<size_t>> rows_of;
  std::map<std::string, std::string> color_of;
  for (size_t r = 0; r < view.rows(); ++r) {
    if (IsCountryUnit(view.Cell(r, unit)) || view.Cell(r, unit) == "all field works") continue;
    std::string key = view.Cell(r, unit) + " · " + view.Cell(r, subset);
    if (!rows_of.count(key)) keys.push_back(key);
    rows_of[key].push_back(r);
    color_of[key] = UnitColor(ctx, view.Cell(r, unit));
  }
  if (keys.size() > kMaxSeries) keys.resize(kMaxSeries);
  for (size_t i = 0; i < keys.size(); ++i) {
    LineSeries series{keys[i], color_of[keys[i]], std::vector<std::optional<Mark>>(chart.years.size())};
    for (size_t r : rows_of[keys[i]]) {
      std::optional<double> y = view.Num(r, year);
      auto it = y ? std::find(chart.years.begin(), chart.years.end(), static_cast<int>(*y)) : chart.years.end();
      if (it != chart.years.end()) series.points[static_cast<size_t>(it - chart.years.begin())] = view.MarkAt(r, value);
    }
    chart.series.push_back(std::move(series));
  }
  chart.label_points = false;
  if (chart.years.empty() || chart.series.empty()) return {};
  return {RenderLineChart(chart)};
}

// Shares of the field's most-cited papers: the groups, their joint papers and works with
// neither, then the countries with most top papers, each in its group's colour.
ChartList TopCited(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int unit = view.Col("unit"), value = view.Col("share_of_top10_pct"), rate = view.Col("top10_rate_pct");
  std::vector<size_t> rows = FirstRows(view, 16, [&](size_t r) { return view.Num(r, value).has_value(); });
  BarChart chart;
  chart.frame = MakeFrame(table, "Shares of the field's 10 % most-cited papers",
                          "Each unit's share of the field's top 10 % most-cited papers (by subfield and year), "
                          "whole counting: a paper counts for each of its countries.");
  chart.value_axis = "share of the top 10 % (%)";
  chart.percent = true;
  for (size_t r : rows) {
    Bar bar;
    bar.label = view.Cell(r, unit);
    bar.color = UnitColor(ctx, view.Cell(r, unit));
    bar.segments.push_back(*view.MarkAt(r, value));
    bar.annotation = fmt::format("{} % of its papers", view.Cell(r, rate));
    chart.bars.push_back(std::move(bar));
  }
  if (chart.bars.empty()) return {};
  return {RenderBarChart(chart)};
}

}  // namespace

std::optional<ChartList> FieldAndCitationCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  if (table.id == "subfields") return Subfields(table, "subfield", "Joint papers by subfield");
  if (table.id == "fields") return Subfields(table, "field", "Joint papers by field");
  if (table.id == "citations") return Citations(table, ctx);
  if (table.id == "citations_by_year") return CitationsByYear(table, ctx);
  if (table.id == "top_cited") return TopCited(table, ctx);
  return std::nullopt;
}

}  // namespace entangle::report
