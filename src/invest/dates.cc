#include "invest/dates.h"

#include <chrono>

#include <fmt/format.h>

#include "common/ascii.h"

namespace entangle::invest {
namespace {

std::chrono::year_month_day Ymd(std::string_view y, std::string_view m, std::string_view d) {
  using namespace std::chrono;
  return {year{std::stoi(std::string(y))}, month{unsigned(std::stoi(std::string(m)))},
          day{unsigned(std::stoi(std::string(d)))}};
}

}  // namespace

std::string IsoDate(std::string_view text) {
  text = TrimWhitespace(text);
  if (size_t space = text.find(' '); space != std::string_view::npos) text = text.substr(0, space);
  std::string_view y, m, d;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  } else if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    m = text.substr(0, 2), d = text.substr(3, 2), y = text.substr(6, 4);
  } else {
    return {};
  }
  if (!IsAllDigits(y) || !IsAllDigits(m) || !IsAllDigits(d) || !Ymd(y, m, d).ok()) return {};
  return fmt::format("{}-{}-{}", y, m, d);
}

int DayNumber(const std::string& iso_date) {
  auto ymd = Ymd(std::string_view(iso_date).substr(0, 4), std::string_view(iso_date).substr(5, 2),
                 std::string_view(iso_date).substr(8, 2));
  return static_cast<int>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

}  // namespace entangle::invest
