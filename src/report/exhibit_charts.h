#pragma once
// Internal: which charts each exhibit gets. Each family of exhibits has its own file
// (charts_joint.cc, charts_institutions.cc, charts_funding.cc, charts_fields.cc); exhibits
// no family knows (a later stage's) get a generic chart from their columns, or none.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyze.h"
#include "report/svg_bar_chart.h"
#include "report/svg_line_chart.h"

namespace entangle::report {

struct ChartContext {
  std::string group_a, group_b;  // group names as the exhibits write them ("Europe", "China")
  // ISO code -> colour, one per country for the whole report (MakeChartContext), so that a country
  // is drawn alike in bar and line charts.
  std::map<std::string, std::string> country_colors;
};

// The context of a report: each country of a group gets a shade of its group's hue (blues for A,
// warm tones for B), the countries with most joint papers first; never the group's own colour,
// which stands for the whole group in the same charts.
ChartContext MakeChartContext(std::string group_a, std::string group_b, const std::vector<std::string>& countries_a,
                              const std::vector<std::string>& countries_b,
                              const std::vector<analyze::ExhibitTable>& exhibits);

using ChartList = std::vector<std::string>;  // rendered SVGs

// The charts of one exhibit (possibly none: the table then stands alone).
ChartList ExhibitCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);

// Family builders: the charts for `table` if its id belongs to the family, else nullopt.
std::optional<ChartList> JointCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);
std::optional<ChartList> InstitutionCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);
std::optional<ChartList> FundingCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);
std::optional<ChartList> FieldAndCitationCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);
std::optional<ChartList> InvestmentCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);
std::optional<ChartList> RiskCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);
std::optional<ChartList> LabsCharts(const analyze::ExhibitTable& table, const ChartContext& ctx);  // charts_labs.cc
// The labs exhibits (labs*) and researchers on both sides (dual_*): one part of the report.
bool IsLabsFamily(const std::string& exhibit_id);

// Reading exhibit cells for charts.
class TableView {
 public:
  explicit TableView(const analyze::ExhibitTable& table) : table_(table) {}
  int Col(std::string_view name) const;  // -1 when the exhibit has no such column
  const std::string& Cell(size_t row, int col) const;
  std::optional<double> Num(size_t row, int col) const;
  std::optional<Mark> MarkAt(size_t row, int col) const;  // the cell as a data mark, if a number
  size_t rows() const { return table_.rows.size(); }
  const analyze::ExhibitTable& table() const { return table_; }

 private:
  const analyze::ExhibitTable& table_;
};

// A frame with the exhibit's source, counting and incomplete years; `index` tells apart the
// charts of one exhibit.
ChartFrame MakeFrame(const analyze::ExhibitTable& table, std::string title, std::string desc, int index = 0);
std::string GroupColor(const ChartContext& ctx, std::string_view group);
// The colour of something located in `country` of `group` (an institution, a funder): its group's,
// "other countries" grey, or the "country unknown" colour when it has no country code.
std::string SideColor(const ChartContext& ctx, std::string_view group, std::string_view country);
// A country's own colour (countries of neither group: grey; no code: the "country unknown" colour).
std::string CountryColor(const ChartContext& ctx, std::string_view code);
inline constexpr const char* kCountryUnknown = "country unknown";
std::vector<LegendEntry> GroupLegend(const ChartContext& ctx, bool with_other, bool with_unknown = false);
// A column name in words for an axis: "joint_papers" -> "joint papers", "share_pct" -> "share %".
std::string ColumnWords(std::string_view column);
// "United Kingdom (GB)" for a known ISO code, else the text as is.
std::string CountryLabel(std::string_view code);
// The unit of counts under the exhibit's counting method: "joint papers" or
// "joint papers (fractional counts)".
std::string CountAxis(const analyze::ExhibitTable& table, std::string_view noun);
bool IsFractional(const analyze::ExhibitTable& table);

// A plain bar chart: one bar per row in `rows`, label from `label`, value from column `value`,
// an optional "<pct>%" annotation from `pct` (-1: none), coloured by `color_of(row)`.
struct BarSpec {
  std::string title, desc, value_axis;
  std::vector<size_t> rows;
  int value = -1, pct = -1;
  int index = 0;
  bool percent = false;                     // the value column is a percentage
  std::vector<std::string> sublabels = {};  // optional second label lines, per row
};
std::string PlainBars(const TableView& view, const BarSpec& spec, const std::vector<std::string>& labels,
                      const std::vector<std::string>& colors, std::vector<LegendEntry> legend = {});

// The first `n` row indexes for which keep(row) holds.
template <typename Pred>
std::vector<size_t> FirstRows(const TableView& view, size_t n, Pred keep) {
  std::vector<size_t> out;
  for (size_t r = 0; r < view.rows() && out.size() < n; ++r) {
    if (keep(r)) out.push_back(r);
  }
  return out;
}

// Years named by a "year" column (rows whose year is not a number, like "all", are skipped).
std::vector<int> YearsInColumn(const TableView& view, int year_col);
// A line over `years` from column `value_col` of the rows `keep` accepts (every row when empty).
LineSeries SeriesFromColumn(const TableView& view, const std::vector<int>& years, int year_col, int value_col,
                            std::string name, std::string color,
                            const std::function<bool(size_t row)>& keep = nullptr);

}  // namespace entangle::report
