#include "report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html_text.h"

namespace entangle::report {
namespace {

constexpr double kFooterLine = 16;
constexpr double kFooterFont = kSmallestChartFont;

// Code points of UTF-8 text with their byte offsets, so layout never splits a character.
std::vector<size_t> CodePointStarts(const std::string& text) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  return starts;
}

// Widths in em of DejaVu Sans / Liberation Sans-like faces; on the wide side, so that labels
// laid out with them fit whatever sans-serif the reader's browser picks.
double CharWidth(const std::string& text, size_t start) {
  auto c = static_cast<unsigned char>(text[start]);
  if (c >= 0xE0) return 1.0;  // CJK and other wide scripts (and "–", "…": close enough)
  if (c >= 0x80) return 0.62;
  if (c == 'i' || c == 'l' || c == 'j' || c == 'I' || c == '\'' || c == '|') return 0.3;
  if (c == ' ' || c == '.' || c == ',' || c == ':' || c == ';') return 0.33;
  if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '-') return 0.42;
  if (c == 'm' || c == 'w') return 0.9;
  if (c == 'M' || c == 'W') return 0.88;
  if (c >= 'A' && c <= 'Z') return 0.71;
  if (c >= '0' && c <= '9') return 0.64;
  return 0.6;
}

std::vector<std::string> FooterLines(const ChartFrame& frame, double width) {
  size_t max_chars = static_cast<size_t>(std::max(40.0, width / (kFooterFont * 0.52)));
  std::vector<std::string> lines;
  if (!frame.source.empty()) {
    for (std::string& line : WrapText("Source: " + frame.source, max_chars)) lines.push_back(std::move(line));
  }
  std::string counting = frame.counting == "fractional"
                             ? "Counting: fractional (each author's share of a paper: 1 / number of authors)"
                         : frame.counting.empty() || frame.counting == "whole"
                             ? "Counting: whole (a paper counts once for every unit it involves)"
                             : "Counting: " + frame.counting;  // a table that counts something else than papers
  lines.push_back(counting);
  if (!frame.incomplete_years.empty()) {
    std::string years;
    for (int y : frame.incomplete_years) years += (years.empty() ? "" : ", ") + std::to_string(y);
    lines.push_back("Incomplete year(s): " + years +
                    " (OpenAlex is still indexing them; hatched where years are drawn)");
  }
  return lines;
}

}  // namespace

const std::vector<std::string>& SeriesPalette() {
  // Without the groups' blue and red: a series that is not a group must not look like one.
  static const std::vector<std::string> palette = {"#4a5568", "#e69f00", "#009e73", "#cc79a7",
                                                   "#999933", "#d55e00", "#56b4e9", "#5d6b7a"};
  return palette;
}

std::string HatchId(const ChartFrame& frame) { return frame.dom_id + "-hatch"; }

std::string SvgOpen(const ChartFrame& frame, double width, double height) {
  std::string id = IdSafe(frame.dom_id);
  std::string out = fmt::format(
      "<svg class=\"chart\" id=\"{0}\" viewBox=\"0 0 {1:.0f} {2:.0f}\" width=\"{1:.0f}\" height=\"{2:.0f}\" "
      "role=\"img\" aria-labelledby=\"{0}-title {0}-desc\" font-family=\"inherit\">\n"
      "<title id=\"{0}-title\">{3}</title>\n<desc id=\"{0}-desc\">{4}</desc>\n",
      id, width, height, Escape(frame.title), Escape(frame.desc));
  out += fmt::format(
      "<defs><pattern id=\"{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eef0f3\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b8bec8\" stroke-width=\"2\"/></pattern></defs>\n",
      IdSafe(HatchId(frame)));
  out += fmt::format(
      "<text class=\"chart-title\" x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"600\" "
      "fill=\"#1a2433\">{}</text>\n",
      Escape(frame.title));
  return out;
}

std::string SvgClose() { return "</svg>\n"; }

double FooterHeight(const ChartFrame& frame, double width) {
  return 8 + kFooterLine * static_cast<double>(FooterLines(frame, width).size());
}

std::string SvgFooter(const ChartFrame& frame, double top, double width, double* height) {
  std::vector<std::string> lines = FooterLines(frame, width);
  std::string out = fmt::format("<g class=\"chart-footer\" font-size=\"{:.0f}\" fill=\"#5b6575\">\n", kFooterFont);
  double y = top + 8;
  for (const std::string& line : lines) {
    y += kFooterLine;
    out += fmt::format("<text x=\"0\" y=\"{:.1f}\">{}</text>\n", y - 4, Escape(line));
  }
  out += "</g>\n";
  if (height) *height += FooterHeight(frame, width);
  return out;
}

std::string MarkAttributes(const ChartFrame& frame, const Mark& mark) {
  std::string out = fmt::format("class=\"mark\" data-exhibit=\"{}\" data-value=\"{}\"", Escape(frame.exhibit_id),
                                Escape(mark.raw.empty() ? PlainValue(mark.value, 4) : mark.raw));
  if (mark.row >= 0) out += fmt::format(" data-row=\"{}\" data-col=\"{}\"", mark.row, Escape(mark.column));
  return out;
}

std::string SvgLegend(const std::vector<LegendEntry>& entries, LegendSwatch swatch, double width, double y,
                      double* used) {
  if (entries.empty()) return "";
  // A key is its swatch, a gap, the name and room before the next key.
  const double swatch_width = swatch == LegendSwatch::kSquare ? 22 : 30;
  const double text_offset = swatch == LegendSwatch::kSquare ? 17 : 28;
  std::string out = "<g class=\"legend\" font-size=\"12\" fill=\"#1a2433\">\n";
  double x = 0;
  for (const LegendEntry& e : entries) {
    double w = swatch_width + TextWidth(e.name, 12) + 18;
    if (x + w > width && x > 0) {
      x = 0;
      y += 18;
      *used += 18;
    }
    if (swatch == LegendSwatch::kSquare) {
      out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/>", x, y - 10,
                         Escape(e.color));
    } else {
      out += fmt::format(
          "<line x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
          "stroke-width=\"2.5\"/><circle cx=\"{4:.1f}\" cy=\"{2:.1f}\" r=\"3.5\" fill=\"{3}\"/>",
          x, x + 22, y - 4, Escape(e.color), x + 11);
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x + text_offset, y, Escape(e.name));
    x += w;
  }
  *used += 22;
  return out + "</g>\n";
}

std::string ShownValue(const Mark& mark) {
  if (mark.raw.empty()) return FormatValue(mark.value, 2);
  size_t dot = mark.raw.find('.');
  if (dot == std::string::npos || mark.raw.size() - dot - 1 <= 2) return WithThousands(mark.raw);
  return FormatValue(mark.value, 2);
}

Ticks NiceTicks(double max_value, int target_count) {
  Ticks ticks;
  if (!(max_value > 0) || !std::isfinite(max_value)) max_value = 1;
  double raw = max_value / std::max(1, target_count);
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  // Whole counts never need fractional ticks.
  if (max_value >= 1 && step < 1) step = 1;
  ticks.step = step;
  ticks.max = std::ceil(max_value / step - 1e-9) * step;
  for (double v = 0; v <= ticks.max + step / 2; v += step) ticks.values.push_back(v);
  return ticks;
}

std::string TickLabel(double value, bool percent) { return FormatValue(value, 2) + (percent ? "%" : ""); }

double TextWidth(const std::string& text, double font_px) {
  double em = 0;
  for (size_t start : CodePointStarts(text)) em += CharWidth(text, start);
  return em * font_px;
}

std::string Truncate(const std::string& text, double width, double font_px) {
  if (TextWidth(text, font_px) <= width) return text;
  double budget = width - TextWidth("…", font_px);
  double used = 0;
  std::vector<size_t> starts = CodePointStarts(text);
  size_t cut = 0;
  for (size_t k = 0; k < starts.size(); ++k) {
    double w = CharWidth(text, starts[k]) * font_px;
    if (used + w > budget) break;
    used += w;
    cut = k + 1 < starts.size() ? starts[k + 1] : text.size();
  }
  std::string out = text.substr(0, cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

std::vector<std::string> WrapText(const std::string& text, size_t max_chars) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t space = text.find(' ', start);
    std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (!line.empty() && line.size() + 1 + word.size() > max_chars) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    if (space == std::string::npos) break;
    start = space + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace entangle::report
