#pragma once
// Internal: horizontal bar charts, plain or stacked, with the value printed at the end of each
// bar. Horizontal because the categories (countries, institutions, subfields) have long names.
#include <string>
#include <vector>

#include "report/svg_chart.h"

namespace entangle::report {

struct Bar {
  std::string label;           // category, e.g. "United Kingdom (GB)"
  std::string sublabel;        // a second, smaller line (e.g. the partner of a pair)
  std::vector<Mark> segments;  // one for a plain bar; stacked left to right otherwise
  std::string color;           // plain bars: the bar's colour (e.g. its group's)
  std::string annotation;      // after the value, e.g. "41.23%"
  bool hatched = false;        // an incomplete year
};

struct BarChart {
  ChartFrame frame;
  std::string value_axis;                   // e.g. "joint papers (whole counting)"
  bool percent = false;                     // values are percentages: ticks get "%"
  std::vector<std::string> segment_colors;  // stacked bars: one per segment
  std::vector<LegendEntry> legend;
  std::vector<Bar> bars;
  double reference = -1;  // >= 0: a dashed line at this value
  std::string reference_label;
};

std::string RenderBarChart(const BarChart& chart);

}  // namespace entangle::report
