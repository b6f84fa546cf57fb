// Where a designation stood in a paper's year. Lists give dates to the day, the month or the
// year (§1286 lists are yearly); an imprecise date is read in the designation's favour: listed
// from the start of its period, delisted at the end of its period.
#include <charconv>
#include <optional>

#include "risk/risk.h"

namespace entangle::risk {
namespace {

// "2021-06-03", "2021-06", "2021" or "2021-06-03T00:00:00" -> yyyymmdd, filling what is missing
// with the period's first (or last) day; nullopt when unreadable.
std::optional<int> DateKey(std::string_view text, bool period_end) {
  auto number = [&](size_t at, size_t len) -> std::optional<int> {
    if (text.size() < at + len) return std::nullopt;
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + len, value);
    if (ec != std::errc() || ptr != text.data() + at + len) return std::nullopt;
    return value;
  };
  auto year = number(0, 4);
  if (!year || *year < 1900 || *year > 2999) return std::nullopt;
  int month = period_end ? 12 : 1, day = period_end ? 31 : 1;
  if (text.size() > 4) {
    if (text[4] != '-') return std::nullopt;
    auto m = number(5, 2);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    month = *m;
    if (text.size() > 7) {
      if (text[7] != '-') return std::nullopt;
      auto d = number(8, 2);
      if (!d || *d < 1 || *d > 31) return std::nullopt;
      day = *d;
      if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
    } else if (period_end) {
      day = 31;  // comparisons only need an upper bound within the month
    }
  }
  return *year * 10000 + month * 100 + day;
}

}  // namespace

ListingStatus ListingStatusIn(const RegistryEntry& entry, int year) {
  if (entry.kind != "designation") return ListingStatus::kNotADesignation;
  auto listed = DateKey(entry.listed_on, /*period_end=*/false);
  if (!listed) return ListingStatus::kUndated;
  const int year_start = year * 10000 + 101, year_end = year * 10000 + 1231;
  if (*listed > year_end) return ListingStatus::kNotYetListed;
  if (!entry.delisted_on.empty()) {
    auto delisted = DateKey(entry.delisted_on, /*period_end=*/true);
    if (!delisted) return ListingStatus::kUndated;
    if (*delisted <= year_start) return ListingStatus::kDelisted;  // off the list from that day
  }
  return ListingStatus::kListed;
}

std::string_view ListingStatusName(ListingStatus status) {
  switch (status) {
    case ListingStatus::kNotADesignation: return "not_a_designation";
    case ListingStatus::kUndated: return "undated";
    case ListingStatus::kNotYetListed: return "not_yet_listed";
    case ListingStatus::kListed: return "listed";
    case ListingStatus::kDelisted: return "delisted";
  }
  return "undated";
}

bool DesignationActiveIn(const RegistryEntry& entry, int year) {
  return ListingStatusIn(entry, year) == ListingStatus::kListed;
}

}  // namespace entangle::risk
