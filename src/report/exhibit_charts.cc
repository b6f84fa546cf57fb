// ExhibitCharts: dispatch to the family builders, the shared helpers, and a generic chart for
// exhibits no family knows.
#include "report/exhibit_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "report/html_text.h"
#include "select/countries.h"

namespace entangle::report {

int TableView::Col(std::string_view name) const {
  for (size_t i = 0; i < table_.columns.size(); ++i) {
    if (table_.columns[i] == name) return static_cast<int>(i);
  }
  return -1;
}

const std::string& TableView::Cell(size_t row, int col) const {
  static const std::string kEmpty;
  if (col < 0 || row >= table_.rows.size()) return kEmpty;
  const auto& cells = table_.rows[row];
  return static_cast<size_t>(col) < cells.size() ? cells[static_cast<size_t>(col)] : kEmpty;
}

std::optional<double> TableView::Num(size_t row, int col) const { return ParseNumber(Cell(row, col)); }

std::optional<Mark> TableView::MarkAt(size_t row, int col) const {
  std::optional<double> value = Num(row, col);
  if (!value) return std::nullopt;
  return Mark{*value, static_cast<int>(row), table_.columns[static_cast<size_t>(col)], Cell(row, col)};
}

ChartFrame MakeFrame(const ExhibitTable& table, std::string title, std::string desc, int index) {
  ChartFrame frame;
  frame.dom_id = fmt::format("chart-{}-{}", IdSafe(table.id), index);
  frame.exhibit_id = table.id;
  frame.title = std::move(title);
  frame.desc = std::move(desc);
  frame.source = table.source;
  frame.counting = table.counting;
  frame.incomplete_years = table.incomplete_years;
  return frame;
}

std::string GroupColor(const ChartContext& ctx, std::string_view group) {
  if (!ctx.group_a.empty() && group == ctx.group_a) return kGroupAColor;
  if (!ctx.group_b.empty() && group == ctx.group_b) return kGroupBColor;
  return kOtherColor;
}

std::vector<LegendEntry> GroupLegend(const ChartContext& ctx, bool with_other) {
  std::vector<LegendEntry> legend = {{ctx.group_a, kGroupAColor}, {ctx.group_b, kGroupBColor}};
  if (with_other) legend.push_back({"other countries", kOtherColor});
  return legend;
}

std::string CountryLabel(std::string_view code) {
  std::string_view name = CountryName(code);
  if (name.empty()) return std::string(code);
  return fmt::format("{} ({})", name, code);
}

bool IsFractional(const ExhibitTable& table) { return table.counting == "fractional"; }

std::string CountAxis(const ExhibitTable& table, std::string_view noun) {
  return IsFractional(table) ? fmt::format("{} (fractional counts)", noun) : std::string(noun);
}

std::string PlainBars(const TableView& view, const BarSpec& spec, const std::vector<std::string>& labels,
                      const std::vector<std::string>& colors, std::vector<LegendEntry> legend) {
  BarChart chart;
  chart.frame = MakeFrame(view.table(), spec.title, spec.desc, spec.index);
  chart.value_axis = spec.value_axis;
  chart.percent = spec.percent;
  chart.legend = std::move(legend);
  for (size_t i = 0; i < spec.rows.size(); ++i) {
    std::optional<Mark> mark = view.MarkAt(spec.rows[i], spec.value);
    if (!mark) continue;
    Bar bar;
    bar.label = i < labels.size() ? labels[i] : "";
    bar.sublabel = i < spec.sublabels.size() ? spec.sublabels[i] : "";
    bar.color = i < colors.size() ? colors[i] : SeriesPalette()[0];
    bar.segments.push_back(*mark);
    if (spec.pct >= 0 && !view.Cell(spec.rows[i], spec.pct).empty()) {
      bar.annotation = view.Cell(spec.rows[i], spec.pct) + "%";
    }
    chart.bars.push_back(std::move(bar));
  }
  if (chart.bars.empty()) return "";
  return RenderBarChart(chart);
}

std::vector<int> YearsInColumn(const TableView& view, int year_col) {
  std::set<int> years;
  for (size_t r = 0; r < view.rows(); ++r) {
    std::optional<double> y = view.Num(r, year_col);
    if (y && *y >= 1000 && *y <= 9999) years.insert(static_cast<int>(*y));
  }
  return {years.begin(), years.end()};
}

LineSeries SeriesFromColumn(const TableView& view, const std::vector<int>& years, int year_col, int value_col,
                            std::string name, std::string color, const std::function<bool(size_t row)>& keep) {
  LineSeries series{std::move(name), std::move(color), std::vector<std::optional<Mark>>(years.size())};
  for (size_t r = 0; r < view.rows(); ++r) {
    if (keep && !keep(r)) continue;
    std::optional<double> y = view.Num(r, year_col);
    auto it = y ? std::find(years.begin(), years.end(), static_cast<int>(*y)) : years.end();
    if (it != years.end()) series.points[static_cast<size_t>(it - years.begin())] = view.MarkAt(r, value_col);
  }
  return series;
}

namespace {

bool IsIdColumn(const std::string& name) { return name.size() >= 2 && name.substr(name.size() - 2) == "id"; }

// A later stage's exhibit: a line of the first count column over a year column, else bars of the
// first count column by the first text column. Nothing when neither fits.
ChartList GenericCharts(const ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  if (table.rows.empty()) return {};
  int value = -1, label = -1;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& name = table.columns[c];
    if (name == "year" || name == "rank" || IsIdColumn(name)) continue;
    bool numeric = view.Num(0, static_cast<int>(c)).has_value();
    if (numeric && value < 0) value = static_cast<int>(c);
    if (!numeric && label < 0) label = static_cast<int>(c);
  }
  if (value < 0) return {};
  std::string noun = table.columns[static_cast<size_t>(value)];
  bool percent = noun.size() > 4 && noun.substr(noun.size() - 4) == "_pct";
  int year = view.Col("year");
  if (year >= 0 && !YearsInColumn(view, year).empty()) {
    LineChart chart;
    chart.frame = MakeFrame(table, table.title, fmt::format("{} by year", noun));
    chart.years = YearsInColumn(view, year);
    chart.y_axis = noun;
    chart.percent = percent;
    LineSeries series{noun, SeriesPalette()[0], std::vector<std::optional<Mark>>(chart.years.size())};
    for (size_t r = 0; r < view.rows(); ++r) {
      std::optional<double> y = view.Num(r, year);
      auto it = y ? std::find(chart.years.begin(), chart.years.end(), static_cast<int>(*y)) : chart.years.end();
      if (it != chart.years.end()) series.points[static_cast<size_t>(it - chart.years.begin())] = view.MarkAt(r, value);
    }
    chart.series.push_back(std::move(series));
    return {RenderLineChart(chart)};
  }
  if (label < 0) return {};
  BarSpec spec{table.title, fmt::format("{} by {} (first 20 rows)", noun, table.columns[static_cast<size_t>(label)]),
               noun, FirstRows(view, 20, [](size_t) { return true; }), value};
  std::vector<std::string> labels, colors;
  int group = view.Col("group");
  for (size_t r : spec.rows) {
    labels.push_back(view.Cell(r, label));
    colors.push_back(group >= 0 ? GroupColor(ctx, view.Cell(r, group)) : SeriesPalette()[0]);
  }
  std::string svg = PlainBars(view, spec, labels, colors);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

}  // namespace

ChartList ExhibitCharts(const ExhibitTable& table, const ChartContext& ctx) {
  for (auto* family :
       {&JointCharts, &InstitutionCharts, &FundingCharts, &FieldAndCitationCharts, &InvestmentCharts}) {
    if (std::optional<ChartList> charts = family(table, ctx)) return std::move(*charts);
  }
  return GenericCharts(table, ctx);
}

}  // namespace entangle::report
