// Charts of the investment tables (`entangle invest`): deals and euros per year, one line per
// direction. The other investment tables are read as tables.
#include <fmt/format.h>

#include <algorithm>

#include "report/exhibit_charts.h"

namespace entangle::report {
namespace {

// One line per direction, in the table's order: the first is group A's companies (coloured as A).
LineChart PerDirection(const analyze::ExhibitTable& table, const ChartContext& ctx, const char* value_column,
                       std::string title, std::string desc, std::string y_axis, int index) {
  TableView view(table);
  const int direction = view.Col("direction"), year = view.Col("year"), value = view.Col(value_column);
  LineChart chart;
  chart.frame = MakeFrame(table, std::move(title), std::move(desc), index);
  chart.years = YearsInColumn(view, year);
  chart.y_axis = std::move(y_axis);
  chart.x_axis = "year of the funding round";
  std::vector<std::string> directions;  // in the table's order
  for (size_t r = 0; r < view.rows(); ++r) {
    const std::string& name = view.Cell(r, direction);
    if (std::find(directions.begin(), directions.end(), name) == directions.end()) directions.push_back(name);
  }
  for (const std::string& name : directions) {
    std::string color = chart.series.empty() ? GroupColor(ctx, ctx.group_a) : GroupColor(ctx, ctx.group_b);
    chart.series.push_back(SeriesFromColumn(view, chart.years, year, value, name, color,
                                            [&](size_t r) { return view.Cell(r, direction) == name; }));
  }
  return chart;
}

}  // namespace

std::optional<ChartList> InvestmentCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  if (table.id.rfind("investment_", 0) != 0) return std::nullopt;
  if (table.id != "investment_by_year" || table.rows.empty()) return ChartList{};
  return ChartList{
      RenderLineChart(PerDirection(table, ctx, "deals", "Deals per year",
                                   "Funding rounds with at least one investor from the other group, per year and "
                                   "direction.",
                                   "deals", 0)),
      RenderLineChart(PerDirection(table, ctx, "eur_m", "Euros per year (millions, whole rounds)",
                                   "The deals' whole round amounts in millions of euros; investors' shares are not "
                                   "disclosed.",
                                   "EUR millions", 1)),
  };
}

}  // namespace entangle::report
