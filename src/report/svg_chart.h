#pragma once
// Internal: what every SVG chart of the report shares: the frame (title, <desc>, source line,
// counting method, incomplete years), the data marks that tie a drawn number to its table cell,
// and the axis arithmetic. The chart kinds are svg_bar_chart.h and svg_line_chart.h.
#include <string>
#include <vector>

namespace entangle::report {

struct ChartFrame {
  std::string dom_id;      // unique in the page; prefixes the chart's own ids (hatch pattern)
  std::string exhibit_id;  // data-exhibit of every mark
  std::string title;       // shown at the top of the chart and as its accessible name
  std::string desc;        // what is plotted, for screen readers (<desc>)
  std::string source;      // the exhibit's source line
  std::string counting;    // "whole" / "fractional"
  std::vector<int> incomplete_years;
};

// One drawn number. `row`/`column` locate the exhibit cell it was read from (row -1: derived,
// e.g. a remainder in a stacked bar); `raw` is that cell's text, shown as the label so the chart
// and the table print the same digits.
struct Mark {
  double value = 0;
  int row = -1;
  std::string column;
  std::string raw;
};

// Colours of the two groups and of everything else; the network uses the same ones.
inline constexpr const char* kGroupAColor = "#2f5d9e";
inline constexpr const char* kGroupBColor = "#c2402a";
inline constexpr const char* kOtherColor = "#8a94a6";
// An institution or funder without a country code: not "other countries", and not grey like them.
inline constexpr const char* kUnknownColor = "#b39b6e";
// Both groups at once (a joint paper, a pair of institutions), never a single group.
inline constexpr const char* kJointColor = "#5a4a9c";
// The smallest text in a chart, in SVG units. Charts are 960 units wide and the page never draws
// them narrower than 880 px (report_css.cc), so no chart text is rendered under 11 px.
inline constexpr double kSmallestChartFont = 12;
// Series colours for line charts and stacked bars (colour-blind-safe order).
const std::vector<std::string>& SeriesPalette();

// <svg ...><title/><desc/><defs: hatch pattern/> and the visible title; the caller appends the
// body and then SvgClose().
std::string SvgOpen(const ChartFrame& frame, double width, double height);
std::string SvgClose();
// The id of the chart's hatch pattern (incomplete years): url(#...) target.
std::string HatchId(const ChartFrame& frame);
// Lines at the bottom: source (wrapped), counting method, incomplete years. Returns the markup
// and adds the height it takes to `height`.
std::string SvgFooter(const ChartFrame& frame, double top, double width, double* height);
// Height SvgFooter will take for this frame.
double FooterHeight(const ChartFrame& frame, double width);
// class/data-* attributes of a mark: class="mark" data-exhibit data-row data-col data-value.
std::string MarkAttributes(const ChartFrame& frame, const Mark& mark);

// One key of a chart's legend: a name and its colour.
struct LegendEntry {
  std::string name, color;
};
// How a legend key shows its colour: a square (bars) or a line with a dot (line charts).
enum class LegendSwatch { kSquare, kLine };
// The legend of a chart `width` units wide, from baseline `y`, wrapping onto more lines when the
// keys do not fit; adds the height it takes to `used`. No entries: no legend, no height.
std::string SvgLegend(const std::vector<LegendEntry>& entries, LegendSwatch swatch, double width, double y,
                      double* used);

// A mark's number as a chart label: the cell as the table prints it (thousands separators),
// rounded to 2 decimals when it has more (tooltips and data-value keep every digit).
std::string ShownValue(const Mark& mark);

// Axis ticks from 0 to a "nice" maximum >= max_value: 0, step, 2*step... (step 1, 2 or 5 x 10^k).
struct Ticks {
  double step = 1;
  double max = 1;
  std::vector<double> values;
};
Ticks NiceTicks(double max_value, int target_count = 5);
// A tick label: thousands separators, "%" appended when percent.
std::string TickLabel(double value, bool percent);

// Approximate width of text in the report's sans-serif font at `font_px`, for layout.
double TextWidth(const std::string& text, double font_px);
// Cuts text to fit `width` pixels, ending it with an ellipsis.
std::string Truncate(const std::string& text, double width, double font_px);
// Splits text into lines of at most `max_chars` characters at spaces.
std::vector<std::string> WrapText(const std::string& text, size_t max_chars);

}  // namespace entangle::report
