// Charts of the institution exhibits (Exhibits 5 and 6): the institutions with most joint
// papers, institutions per country by size class, and the strongest institution pairs.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "report/exhibit_charts.h"
#include "report/html_text.h"

namespace entangle::report {
namespace {

constexpr size_t kTopInstitutions = 20;
constexpr size_t kTopPairs = 15;
constexpr size_t kTopCountries = 20;

std::vector<size_t> RowsByValue(const TableView& view, int value, size_t n) {
  std::vector<size_t> rows = FirstRows(view, view.rows(), [](size_t) { return true; });
  std::stable_sort(rows.begin(), rows.end(),
                   [&](size_t x, size_t y) { return view.Num(x, value).value_or(0) > view.Num(y, value).value_or(0); });
  if (rows.size() > n) rows.resize(n);
  return rows;
}

std::string InstitutionLabel(const std::string& name, const std::string& country) {
  return fmt::format("{} ({})", name, country.empty() ? kCountryUnknown : country);
}

ChartList TopInstitutions(const analyze::ExhibitTable& table, const ChartContext& ctx, size_t n,
                          const std::string& title) {
  TableView view(table);
  int name = view.Col("institution"), country = view.Col("country"), group = view.Col("group");
  int value = view.Col("joint_papers");
  std::vector<size_t> rows = RowsByValue(view, value, n);
  std::vector<std::string> labels, colors;
  bool unknown = false;
  for (size_t r : rows) {
    labels.push_back(InstitutionLabel(view.Cell(r, name), view.Cell(r, country)));
    colors.push_back(SideColor(ctx, view.Cell(r, group), view.Cell(r, country)));
    unknown = unknown || colors.back() == kUnknownColor;
  }
  BarSpec spec{title, fmt::format("The {} institutions with most joint papers, coloured by group.", rows.size()),
               CountAxis(table, "joint papers"), rows, value};
  std::string svg = PlainBars(view, spec, labels, colors, GroupLegend(ctx, true, unknown));
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// One stacked bar per country: institutions by how many joint papers they have.
ChartList ByCountry(const analyze::ExhibitTable& table, const ChartContext&) {
  TableView view(table);
  int country = view.Col("country"), group = view.Col("group"), total = view.Col("institutions");
  int under10 = view.Col("under_10"), half = view.Col("above_half_threshold"), above = view.Col("above_threshold");
  BarChart chart;
  chart.frame = MakeFrame(table, "Institutions with joint papers, per country",
                          "Institutions located in each country with at least one joint paper, split by their "
                          "number of joint papers.");
  chart.value_axis = "institutions";
  // Greens: blues would read as the first group's colour on every country's bar.
  chart.legend = {{"fewer than 10 joint papers", "#c7e9c0"},
                  {"10 up to half the threshold", "#74c476"},
                  {"above half the threshold", "#31a354"},
                  {"above the threshold", "#00592a"}};
  for (const LegendEntry& e : chart.legend) chart.segment_colors.push_back(e.color);
  for (size_t r : RowsByValue(view, total, kTopCountries)) {
    std::optional<Mark> small = view.MarkAt(r, under10), mid = view.MarkAt(r, half), big = view.MarkAt(r, above);
    std::optional<double> all = view.Num(r, total);
    if (!small || !mid || !big || !all) continue;
    // The middle class is not a column: it is what the other classes leave of the total.
    double rest = std::max(0.0, *all - small->value - mid->value - big->value);
    Bar bar;
    const std::string& code = view.Cell(r, country);
    bar.label = fmt::format("{} · {}", code.empty() ? kCountryUnknown : CountryLabel(code),
                            view.Cell(r, group).empty() && !code.empty() ? "neither group" : view.Cell(r, group));
    bar.segments = {*small, Mark{rest, -1, "", PlainValue(rest, 4)}, *mid, *big};
    chart.bars.push_back(std::move(bar));
  }
  if (chart.bars.empty()) return {};
  return {RenderBarChart(chart)};
}

// Each pair is listed under both institutions' countries; the chart shows it once.
ChartList Pairs(const analyze::ExhibitTable& table, const ChartContext&) {
  TableView view(table);
  int a = view.Col("institution_id"), b = view.Col("partner_id"), value = view.Col("joint_papers");
  int a_name = view.Col("institution"), b_name = view.Col("partner");
  int country = view.Col("country"), b_country = view.Col("partner_country");
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<size_t> rows;
  for (size_t r : RowsByValue(view, value, view.rows())) {
    std::string x = view.Cell(r, a), y = view.Cell(r, b);
    if (!seen.insert(std::minmax(x, y)).second) continue;
    rows.push_back(r);
    if (rows.size() == kTopPairs) break;
  }
  std::vector<std::string> labels, partners, colors;
  for (size_t r : rows) {
    labels.push_back(InstitutionLabel(view.Cell(r, a_name), view.Cell(r, country)));
    partners.push_back("with " + InstitutionLabel(view.Cell(r, b_name), view.Cell(r, b_country)));
    colors.push_back(kJointColor);
  }
  BarSpec spec{
      "The strongest institution pairs across the two groups",
      fmt::format("The {} institution pairs (one in each group) with most joint papers listing both.", rows.size()),
      "joint papers listing both (whole counting)", rows, value};
  spec.sublabels = partners;
  std::string svg = PlainBars(view, spec, labels, colors);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

}  // namespace

std::optional<ChartList> InstitutionCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  if (table.id == "institutions") {
    return TopInstitutions(table, ctx, kTopInstitutions, "The institutions with most joint papers (as given)");
  }
  if (table.id == "institutions_rolled_up") {
    return TopInstitutions(table, ctx, kTopInstitutions, "The institutions with most joint papers (rolled up)");
  }
  if (table.id == "institutions_above_threshold") {
    return TopInstitutions(table, ctx, 40, "Institutions above the threshold");
  }
  if (table.id == "institutions_by_country") return ByCountry(table, ctx);
  if (table.id == "institution_pairs") return Pairs(table, ctx);
  return std::nullopt;
}

}  // namespace entangle::report
