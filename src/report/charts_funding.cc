// Charts of the funding (Exhibit 7) and company exhibits.
#include <fmt/format.h>

#include <algorithm>

#include "report/exhibit_charts.h"

namespace entangle::report {
namespace {

constexpr size_t kTop = 20;

// "-" for a table without a country column: the name alone.
std::string WithCountry(const std::string& name, const std::string& country) {
  if (country == "-") return name;
  return fmt::format("{} ({})", name, country.empty() ? kCountryUnknown : country);
}

ChartList Funding(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int year = view.Col("year");
  LineChart chart;
  chart.frame = MakeFrame(table, "Joint papers disclosing funding, and whose funders",
                          "Per year: the share of joint papers naming a funder, and of those, the shares naming a "
                          "funder based in each group.");
  chart.years = YearsInColumn(view, year);
  chart.y_axis = "% of papers";
  chart.percent = true;
  struct Line {
    const char* column;
    std::string name;
    std::string color;
  };
  const Line lines[] = {
      {"share_pct", "name a funder (% of joint papers)", "#1a2433"},
      {"group_b_share_pct", fmt::format("{} funder (% of funded papers)", ctx.group_b), kGroupBColor},
      {"group_a_share_pct", fmt::format("{} funder (% of funded papers)", ctx.group_a), kGroupAColor},
  };
  for (const Line& line : lines) {
    int col = view.Col(line.column);
    if (col < 0) continue;
    LineSeries series{line.name, line.color, std::vector<std::optional<Mark>>(chart.years.size())};
    for (size_t r = 0; r < view.rows(); ++r) {
      std::optional<double> y = view.Num(r, year);
      auto it = y ? std::find(chart.years.begin(), chart.years.end(), static_cast<int>(*y)) : chart.years.end();
      if (it != chart.years.end()) series.points[static_cast<size_t>(it - chart.years.begin())] = view.MarkAt(r, col);
    }
    chart.series.push_back(std::move(series));
  }
  chart.label_points = false;
  if (chart.years.empty()) return {};
  return {RenderLineChart(chart)};
}

ChartList FundersByType(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int group = view.Col("funder_group"), country = view.Col("funder_country"), type = view.Col("funder_type");
  std::vector<size_t> rows = FirstRows(view, kTop, [&](size_t r) { return view.Cell(r, country) == "all"; });
  std::vector<std::string> labels, colors;
  bool unknown = false;
  for (size_t r : rows) {
    const std::string& side = view.Cell(r, group);
    labels.push_back(fmt::format("{} · {}", side.empty() ? "neither group" : side, view.Cell(r, type)));
    // Funders without a country are "country unknown" (older databases wrote "unknown country").
    bool no_country = side == kCountryUnknown || side == "unknown country";
    colors.push_back(no_country ? kUnknownColor : GroupColor(ctx, side));
    unknown = unknown || no_country;
  }
  BarSpec spec{"Funded joint papers by the funder's group and type",
               "Joint papers acknowledging at least one funder of each group and type (a paper can count under "
               "several), with the share of funded papers in brackets.",
               "funded joint papers",
               rows,
               view.Col("papers"),
               view.Col("share_pct")};
  std::string svg = PlainBars(view, spec, labels, colors, GroupLegend(ctx, true, unknown));
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// Bars of `value` by a name column, coloured by a group column, in the exhibit's order.
ChartList NamedBars(const analyze::ExhibitTable& table, const ChartContext& ctx, const char* name_col,
                    const char* country_col, const char* group_col, const char* value_col, const char* pct_col,
                    std::string title, std::string axis) {
  TableView view(table);
  int name = view.Col(name_col), country = view.Col(country_col), group = view.Col(group_col);
  std::vector<size_t> rows = FirstRows(view, kTop, [](size_t) { return true; });
  std::vector<std::string> labels, colors;
  bool unknown = false;
  for (size_t r : rows) {
    labels.push_back(WithCountry(view.Cell(r, name), country >= 0 ? view.Cell(r, country) : "-"));
    colors.push_back(group >= 0 ? SideColor(ctx, view.Cell(r, group), view.Cell(r, country)) : kJointColor);
    unknown = unknown || (group >= 0 && colors.back() == kUnknownColor);
  }
  BarSpec spec{std::move(title),    fmt::format("{} for the first {} rows of the table.", axis, rows.size()),
               std::move(axis),     rows,
               view.Col(value_col), pct_col ? view.Col(pct_col) : -1};
  std::string svg =
      PlainBars(view, spec, labels, colors, group >= 0 ? GroupLegend(ctx, true, unknown) : std::vector<LegendEntry>{});
  return svg.empty() ? ChartList{} : ChartList{svg};
}

ChartList CompanyPartners(const analyze::ExhibitTable& table) {
  TableView view(table);
  int company = view.Col("company"), partner = view.Col("partner"), country = view.Col("partner_country");
  int value = view.Col("papers");
  std::vector<size_t> rows = FirstRows(view, view.rows(), [](size_t) { return true; });
  std::stable_sort(rows.begin(), rows.end(),
                   [&](size_t x, size_t y) { return view.Num(x, value).value_or(0) > view.Num(y, value).value_or(0); });
  if (rows.size() > 15) rows.resize(15);
  std::vector<std::string> labels, partners, colors;
  for (size_t r : rows) {
    labels.push_back(view.Cell(r, company));
    partners.push_back("with " + WithCountry(view.Cell(r, partner), view.Cell(r, country)));
    colors.push_back(kJointColor);
  }
  BarSpec spec{"The strongest company–partner ties",
               "Top companies and their partners in the other group, by joint papers listing both.",
               CountAxis(table, "joint papers"), rows, value};
  spec.sublabels = partners;
  std::string svg = PlainBars(view, spec, labels, colors);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

}  // namespace

std::optional<ChartList> FundingCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  if (table.id == "funding") return Funding(table, ctx);
  if (table.id == "funders_by_country_type") return FundersByType(table, ctx);
  if (table.id == "top_funders") {
    return NamedBars(table, ctx, "funder", "country", "group", "papers", "share_pct",
                     "The funders named on most joint papers", "funded joint papers naming the funder");
  }
  if (table.id == "programmes") {
    return NamedBars(table, ctx, "programme", "", "", "papers", "share_pct", "Named funding programmes",
                     "joint papers naming the programme");
  }
  if (table.id == "companies") {
    return NamedBars(table, ctx, "company_affiliation", "", "", "papers", "share_pct",
                     "Joint papers with a company-affiliated co-author", CountAxis(table, "joint papers"));
  }
  if (table.id == "top_companies") {
    return NamedBars(table, ctx, "company", "hq_country", "hq_group", "papers", nullptr,
                     "The companies on most joint papers", CountAxis(table, "joint papers"));
  }
  if (table.id == "company_partners") return CompanyPartners(table);
  return std::nullopt;
}

}  // namespace entangle::report
