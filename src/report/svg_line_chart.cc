#include "report/svg_line_chart.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/html_text.h"

namespace entangle::report {
namespace {

constexpr double kWidth = 960;
constexpr double kPlotHeight = 250;
constexpr double kLeft = 72;
constexpr double kRight = 24;
constexpr double kTop = 34;

bool Incomplete(const LineChart& chart, int year) {
  const auto& years = chart.frame.incomplete_years;
  return std::find(years.begin(), years.end(), year) != years.end();
}

}  // namespace

std::string RenderLineChart(const LineChart& chart) {
  const ChartFrame& f = chart.frame;
  double max_value = 0;
  for (const LineSeries& s : chart.series) {
    for (const auto& p : s.points) {
      if (p) max_value = std::max(max_value, p->value);
    }
  }
  Ticks ticks = NiceTicks(max_value);
  double legend_height = 0;
  std::vector<LegendEntry> keys;
  for (const LineSeries& s : chart.series) keys.push_back({s.name, s.color});
  std::string legend = SvgLegend(keys, LegendSwatch::kLine, kWidth, kTop + 8, &legend_height);
  double plot_top = kTop + legend_height + 14;
  double plot_width = kWidth - kLeft - kRight;
  double axis_y = plot_top + kPlotHeight;
  double step = plot_width / static_cast<double>(std::max<size_t>(1, chart.years.size()));
  auto x_of = [&](size_t i) { return kLeft + step * (static_cast<double>(i) + 0.5); };
  auto y_of = [&](double v) { return axis_y - kPlotHeight * v / ticks.max; };
  double footer_top = axis_y + 52;
  double height = footer_top + FooterHeight(f, kWidth);

  std::string out = SvgOpen(f, kWidth, height);
  out += legend;
  std::string hatch = IdSafe(HatchId(f));
  for (size_t i = 0; i < chart.years.size(); ++i) {
    if (!Incomplete(chart, chart.years[i])) continue;
    out += fmt::format(
        "<g class=\"incomplete-band\"><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"url(#{})\"/><text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"12\" "
        "fill=\"#5b6575\">incomplete</text></g>\n",
        x_of(i) - step / 2, plot_top, step, kPlotHeight, hatch, x_of(i), plot_top - 4);
  }
  out += "<g class=\"axis\" font-size=\"12\" fill=\"#5b6575\">\n";
  for (double v : ticks.values) {
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>"
        "<text x=\"{4:.1f}\" y=\"{5:.1f}\" text-anchor=\"end\">{6}</text>\n",
        kLeft, kLeft + plot_width, y_of(v), v == 0 ? "#5b6575" : "#e3e7ed", kLeft - 8, y_of(v) + 4,
        Escape(TickLabel(v, chart.percent)));
  }
  for (size_t i = 0; i < chart.years.size(); ++i) {
    bool incomplete = Incomplete(chart, chart.years[i]);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#1a2433\">{}{}</text>\n", x_of(i),
                       axis_y + 16, chart.years[i], incomplete ? "*" : "");
  }
  out += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#1a2433\" font-size=\"12\">"
      "{}{}</text>\n",
      kLeft + plot_width / 2, axis_y + 36, Escape(chart.x_axis), f.incomplete_years.empty() ? "" : " (* incomplete)");
  out += fmt::format(
      "<text transform=\"translate(14 {:.1f}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a2433\" "
      "font-size=\"12\">{}</text>\n",
      plot_top + kPlotHeight / 2, Escape(chart.y_axis));
  out += "</g>\n";

  for (const LineSeries& s : chart.series) {
    std::string color = Escape(s.color);
    out += fmt::format("<g class=\"series\" data-series=\"{}\">\n", Escape(s.name));
    for (size_t i = 0; i + 1 < s.points.size() && i + 1 < chart.years.size(); ++i) {
      if (!s.points[i] || !s.points[i + 1]) continue;
      bool dashed = Incomplete(chart, chart.years[i + 1]);
      out += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
          "stroke-width=\"2.5\"{}/>\n",
          x_of(i), y_of(s.points[i]->value), x_of(i + 1), y_of(s.points[i + 1]->value), color,
          dashed ? " stroke-dasharray=\"6 4\"" : "");
    }
    for (size_t i = 0; i < s.points.size() && i < chart.years.size(); ++i) {
      if (!s.points[i]) continue;
      const Mark& m = *s.points[i];
      bool incomplete = Incomplete(chart, chart.years[i]);
      std::string shown = ShownValue(m) + (chart.percent ? "%" : "");
      std::string exact = (m.raw.empty() ? FormatValue(m.value, 4) : WithThousands(m.raw)) + (chart.percent ? "%" : "");
      out += fmt::format(
          "<circle {} cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\">"
          "<title>{}, {}{}: {}</title></circle>\n",
          MarkAttributes(f, m), x_of(i), y_of(m.value), incomplete ? "#ffffff" : color, color, Escape(s.name),
          chart.years[i], incomplete ? " (incomplete)" : "", Escape(exact));
      if (chart.label_points && s.labelled) {
        out += fmt::format(
            "<text class=\"value\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"12\" "
            "fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>\n",
            x_of(i), y_of(m.value) - 9, color, Escape(shown));
      }
    }
    out += "</g>\n";
  }
  out += SvgFooter(f, footer_top, kWidth, nullptr);
  out += SvgClose();
  return out;
}

}  // namespace entangle::report
