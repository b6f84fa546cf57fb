#pragma once
// Internal: line charts over years, one line per series; incomplete years sit on a hatched band
// and the line into them is dashed, so a drop in the last year is not read as a trend.
#include <optional>
#include <string>
#include <vector>

#include "report/svg_chart.h"

namespace entangle::report {

struct LineSeries {
  std::string name;
  std::string color;
  std::vector<std::optional<Mark>> points;  // one per year of the chart; nullopt: no value
  bool labelled = true;                     // print the values at the points (if the chart does)
};

struct LineChart {
  ChartFrame frame;  // frame.incomplete_years are hatched
  std::vector<int> years;
  std::vector<LineSeries> series;
  std::string y_axis;  // e.g. "joint papers"
  std::string x_axis = "publication year";
  bool percent = false;
  bool label_points = true;  // print each point's value (readable with few series)
};

std::string RenderLineChart(const LineChart& chart);

}  // namespace entangle::report
