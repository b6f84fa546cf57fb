#include "analyze/format.h"

#include <fmt/format.h>

#include <cmath>

namespace entangle::analyze {
namespace {

std::string Trimmed(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

}  // namespace

std::string FormatNumber(double value) { return Trimmed(value, 4); }

std::string FormatInt(int64_t value) { return std::to_string(value); }

std::string FormatPercent(double part, double whole) {
  if (whole == 0) return "";
  return Trimmed(100.0 * part / whole, 2);
}

std::string FormatOptional(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return "";
  return FormatNumber(*value);
}

}  // namespace entangle::analyze
