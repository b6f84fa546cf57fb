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

ChartFrame MakeFrame(const analyze::ExhibitTable& table, std::string title, std::string desc, int index) {
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

std::string SideColor(const ChartContext& ctx, std::string_view group, std::string_view country) {
  if (group.empty() && country.empty()) return kUnknownColor;
  return GroupColor(ctx, group);
}

std::string CountryColor(const ChartContext& ctx, std::string_view code) {
  if (code.empty() || code == "??") return kUnknownColor;
  auto it = ctx.country_colors.find(std::string(code));
  return it == ctx.country_colors.end() ? kOtherColor : it->second;
}

std::vector<LegendEntry> GroupLegend(const ChartContext& ctx, bool with_other, bool with_unknown) {
  std::vector<LegendEntry> legend = {{ctx.group_a, kGroupAColor}, {ctx.group_b, kGroupBColor}};
  if (with_other) legend.push_back({"other countries", kOtherColor});
  if (with_unknown) legend.push_back({kCountryUnknown, kUnknownColor});
  return legend;
}

std::string ColumnWords(std::string_view column) {
  std::string words(column);
  if (words.size() > 4 && words.ends_with("_pct")) words = words.substr(0, words.size() - 4) + " %";
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

ChartContext MakeChartContext(std::string group_a, std::string group_b, const std::vector<std::string>& countries_a,
                              const std::vector<std::string>& countries_b,
                              const std::vector<analyze::ExhibitTable>& exhibits) {
  // Shades far enough apart to tell six lines apart; none is a group's colour, the joint purple
  // or the grey of other countries.
  static const std::vector<std::string> kShadesA = {"#5b9bd5", "#1b365d", "#3f8fa6", "#8db3e2",
                                                     "#345f8c", "#79a9c9", "#0f5a8a", "#a9c5e8"};
  static const std::vector<std::string> kShadesB = {"#e07b39", "#8c2d1c", "#d6608a", "#b8860b",
                                                     "#f0a07a", "#a0522d", "#e8b04a", "#c96a5a"};
  ChartContext ctx{std::move(group_a), std::move(group_b), {}};
  std::vector<std::string> order;  // most joint papers first, then the rest of each group
  for (const analyze::ExhibitTable& table : exhibits) {
    if (table.id != "joint_by_country") continue;
    TableView view(table);
    int country = view.Col("country");
    for (size_t r = 0; r < view.rows(); ++r) order.push_back(view.Cell(r, country));
  }
  order.insert(order.end(), countries_a.begin(), countries_a.end());
  order.insert(order.end(), countries_b.begin(), countries_b.end());
  auto in = [](const std::vector<std::string>& list, const std::string& code) {
    return std::find(list.begin(), list.end(), code) != list.end();
  };
  size_t next_a = 0, next_b = 0;
  for (const std::string& code : order) {
    if (code.empty() || ctx.country_colors.count(code)) continue;
    if (in(countries_a, code)) {
      ctx.country_colors[code] = kShadesA[next_a++ % kShadesA.size()];
    } else if (in(countries_b, code)) {
      ctx.country_colors[code] = kShadesB[next_b++ % kShadesB.size()];
    }
  }
  return ctx;
}

std::string CountryLabel(std::string_view code) {
  std::string_view name = select::CountryName(code);
  if (name.empty()) return std::string(code);
  return fmt::format("{} ({})", name, code);
}

bool IsFractional(const analyze::ExhibitTable& table) { return table.counting == "fractional"; }

std::string CountAxis(const analyze::ExhibitTable& table, std::string_view noun) {
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
ChartList GenericCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  if (table.rows.empty()) return {};
  // The label is the text column that tells the drawn rows apart best: the first text column
  // can hold one value on every row (Exhibit 8's "kind" did), which labels every bar alike.
  std::vector<size_t> drawn = FirstRows(view, 20, [](size_t) { return true; });
  int value = -1, label = -1;
  size_t label_distinct = 0;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& name = table.columns[c];
    if (name == "year" || name == "rank" || IsIdColumn(name)) continue;
    bool numeric = view.Num(0, static_cast<int>(c)).has_value();
    if (numeric && value < 0) value = static_cast<int>(c);
    if (numeric) continue;
    std::set<std::string> distinct;
    for (size_t r : drawn) distinct.insert(view.Cell(r, static_cast<int>(c)));
    if (distinct.size() > label_distinct) {
      label = static_cast<int>(c);
      label_distinct = distinct.size();
    }
  }
  if (value < 0) return {};
  const std::string& column = table.columns[static_cast<size_t>(value)];
  std::string noun = ColumnWords(column);
  bool percent = column.ends_with("_pct");
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
  // Bars that all carry the same label would say nothing about what they count.
  if (label < 0 || (label_distinct < 2 && drawn.size() > 1)) return {};
  BarSpec spec{table.title,
               fmt::format("{} by {} (first 20 rows)", noun, ColumnWords(table.columns[static_cast<size_t>(label)])),
               noun, drawn, value};
  std::vector<std::string> labels, colors;
  int group = view.Col("group");
  for (size_t r : spec.rows) {
    labels.push_back(view.Cell(r, label));
    colors.push_back(group >= 0 ? SideColor(ctx, view.Cell(r, group), view.Cell(r, view.Col("country")))
                                : SeriesPalette()[0]);
  }
  std::string svg = PlainBars(view, spec, labels, colors);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

}  // namespace

ChartList ExhibitCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  for (auto* family : {&JointCharts, &InstitutionCharts, &FundingCharts, &FieldAndCitationCharts, &InvestmentCharts,
                       &RiskCharts, &LabsCharts}) {
    if (std::optional<ChartList> charts = family(table, ctx)) return std::move(*charts);
  }
  return GenericCharts(table, ctx);
}

}  // namespace entangle::report
