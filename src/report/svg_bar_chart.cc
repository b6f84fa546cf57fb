#include "report/svg_bar_chart.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/html_text.h"

namespace entangle::report {
namespace {

constexpr double kWidth = 960;
constexpr double kBarHeight = 18;
constexpr double kBarGap = 7;
constexpr double kLabelFont = 12;
constexpr double kValueFont = kSmallestChartFont;
constexpr double kTop = 34;

double BarTotal(const Bar& bar) {
  double total = 0;
  for (const Mark& m : bar.segments) total += std::max(0.0, m.value);
  return total;
}

// The text at the end of a bar: the cell as the table prints it (a stacked bar: the sum).
std::string ValueText(const Bar& bar, bool percent) {
  std::string text = bar.segments.size() == 1 ? ShownValue(bar.segments[0]) : FormatValue(BarTotal(bar), 2);
  if (percent) text += "%";
  if (!bar.annotation.empty()) text += "  (" + bar.annotation + ")";
  return text;
}

}  // namespace

std::string RenderBarChart(const BarChart& chart) {
  const ChartFrame& f = chart.frame;
  double max_label = 0;
  bool two_lines = false;
  for (const Bar& bar : chart.bars) {
    max_label = std::max({max_label, TextWidth(bar.label, kLabelFont), TextWidth(bar.sublabel, kSmallestChartFont)});
    two_lines = two_lines || !bar.sublabel.empty();
  }
  // Two-line labels need taller rows; the bar stays centred on them.
  double pitch = two_lines ? 36 : kBarHeight + kBarGap;
  double bar_offset = two_lines ? 8 : 0;
  double label_width = std::clamp(max_label + 22, 110.0, 380.0);
  double max_value_text = 0;
  double max_total = chart.reference > 0 ? chart.reference : 0;
  for (const Bar& bar : chart.bars) {
    max_total = std::max(max_total, BarTotal(bar));
    max_value_text = std::max(max_value_text, TextWidth(ValueText(bar, chart.percent), kValueFont));
  }
  double plot_x = label_width;
  double plot_width = kWidth - plot_x - std::clamp(max_value_text + 14, 60.0, 240.0);
  Ticks ticks = NiceTicks(max_total);
  auto x_of = [&](double v) { return plot_x + plot_width * v / ticks.max; };

  double legend_height = 0;
  std::string legend = SvgLegend(chart.legend, LegendSwatch::kSquare, kWidth, kTop + 8, &legend_height);
  double plot_top = kTop + legend_height + 6 + (chart.reference >= 0 ? 14 : 0);
  double plot_height = static_cast<double>(chart.bars.size()) * pitch;
  double axis_y = plot_top + plot_height + 2;
  double footer_top = axis_y + 40;
  double height = footer_top + FooterHeight(f, kWidth);

  std::string out = SvgOpen(f, kWidth, height);
  out += legend;
  // Grid and axis.
  out += "<g class=\"axis\" font-size=\"12\" fill=\"#5b6575\">\n";
  for (double v : ticks.values) {
    double x = x_of(v);
    out += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>", x,
                       plot_top - 4, axis_y, v == 0 ? "#5b6575" : "#e3e7ed");
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x, axis_y + 14,
                       Escape(TickLabel(v, chart.percent)));
  }
  out += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#1a2433\" font-size=\"12\">{}</text>\n",
      plot_x + plot_width / 2, axis_y + 32, Escape(chart.value_axis));
  out += "</g>\n";

  std::string hatch = IdSafe(HatchId(f));
  out += "<g class=\"bars\">\n";
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    double row_top = plot_top + static_cast<double>(i) * pitch;
    double y = row_top + bar_offset;
    if (two_lines) {
      out += fmt::format(
          "<text x=\"{0:.1f}\" y=\"{1:.1f}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a2433\">"
          "<title>{2} {3}</title>{4}</text><text x=\"{0:.1f}\" y=\"{5:.1f}\" text-anchor=\"end\" "
          "font-size=\"12\" fill=\"#5b6575\">{6}</text>\n",
          plot_x - 8, row_top + 14, Escape(bar.label), Escape(bar.sublabel),
          Escape(Truncate(bar.label, label_width - 10, kLabelFont)), row_top + 28,
          Escape(Truncate(bar.sublabel, label_width - 10, kSmallestChartFont)));
    } else {
      out += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a2433\">"
          "<title>{}</title>{}</text>\n",
          plot_x - 8, y + kBarHeight - 5, Escape(bar.label), Escape(Truncate(bar.label, label_width - 10, kLabelFont)));
    }
    double x = plot_x;
    for (size_t s = 0; s < bar.segments.size(); ++s) {
      const Mark& m = bar.segments[s];
      double w = std::max(0.0, x_of(m.value) - plot_x);
      std::string color = bar.segments.size() > 1 && s < chart.segment_colors.size() ? chart.segment_colors[s]
                          : !bar.color.empty()                                       ? bar.color
                                                                                     : SeriesPalette()[0];
      std::string name = bar.segments.size() > 1 && s < chart.legend.size() ? chart.legend[s].name + ": " : "";
      out += fmt::format(
          "<rect {} x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" fill=\"{}\">"
          "<title>{}: {}{}{}</title></rect>\n",
          MarkAttributes(f, m), x, y, w, kBarHeight, Escape(color), Escape(bar.label), Escape(name),
          Escape(m.raw.empty() ? FormatValue(m.value, 4) : WithThousands(m.raw)), chart.percent ? "%" : "");
      if (bar.hatched) {
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" fill=\"url(#{})\" "
            "opacity=\"0.7\"/>\n",
            x, y, w, kBarHeight, hatch);
      }
      x += w;
    }
    out += fmt::format("<text class=\"value\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#1a2433\">{}</text>\n",
                       x + 6, y + kBarHeight - 5, Escape(ValueText(bar, chart.percent)));
  }
  out += "</g>\n";
  if (chart.reference >= 0) {
    double x = x_of(chart.reference);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#1a2433\" "
        "stroke-dasharray=\"4 3\"/><text x=\"{0:.1f}\" y=\"{3:.1f}\" font-size=\"12\" "
        "text-anchor=\"middle\" fill=\"#1a2433\">{4}</text>\n",
        x, plot_top - 4, axis_y, plot_top - 8, Escape(chart.reference_label));
  }
  out += SvgFooter(f, footer_top, kWidth, nullptr);
  out += SvgClose();
  return out;
}

}  // namespace entangle::report
