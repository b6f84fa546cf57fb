#include "report/chart_year_columns.h"

#include <algorithm>

namespace entangle::report {

LineChart TopRowsOverYearColumns(const TableView& view, const TopRowsOverYears& spec) {
  const analyze::ExhibitTable& table = view.table();
  LineChart chart;
  std::vector<int> year_cols;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& name = table.columns[c];
    if (name.size() == 4 && std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      chart.years.push_back(std::stoi(name));
      year_cols.push_back(static_cast<int>(c));
    }
  }
  std::vector<size_t> rows = FirstRows(view, view.rows(), [&](size_t r) { return !spec.keep || spec.keep(r); });
  std::stable_sort(rows.begin(), rows.end(), [&](size_t x, size_t y) {
    return view.Num(x, spec.total_col).value_or(0) > view.Num(y, spec.total_col).value_or(0);
  });
  if (rows.size() > spec.max_series) rows.resize(spec.max_series);
  for (size_t i = 0; i < rows.size(); ++i) {
    LineSeries series{spec.label(rows[i]), spec.color(i, rows[i]), {}};
    for (int col : year_cols) series.points.push_back(view.MarkAt(rows[i], col));
    chart.series.push_back(std::move(series));
  }
  chart.label_points = chart.series.size() <= 2;
  return chart;
}

}  // namespace entangle::report
