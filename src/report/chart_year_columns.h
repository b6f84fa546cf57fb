#pragma once
// Internal: one line chart shape shared by several exhibits — the rows with the largest total, one
// line per row over the exhibit's year columns ("2015", "2016", …). Only the rows considered, the
// series' names and their colours differ between exhibits (joint_by_country_year, labs_by_year).
#include <functional>
#include <string>

#include "report/exhibit_charts.h"

namespace entangle::report {

struct TopRowsOverYears {
  int total_col = -1;  // the column the rows are ranked by (largest first; ties keep table order)
  size_t max_series = 6;
  std::function<bool(size_t row)> keep;                       // rows that may be drawn (all when empty)
  std::function<std::string(size_t row)> label;               // the series' name
  std::function<std::string(size_t rank, size_t row)> color;  // rank: 0 for the largest row drawn
};

// The chart's years and series (frame and axis are the caller's); label_points is set when the
// lines are few enough for their labels not to collide. Empty years or series: nothing to draw.
LineChart TopRowsOverYearColumns(const TableView& view, const TopRowsOverYears& spec);

}  // namespace entangle::report
