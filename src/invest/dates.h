#pragma once
// Internal: the dates of Crunchbase exports and ECB rate files.
#include <string>
#include <string_view>

namespace entangle::invest {

// "2013-11-01", "2013-11-01 00:00:00" or "08/01/2013 00:00" (month first, as Crunchbase's US
// exports write it) -> "2013-11-01"; "" when it is none of these or not a calendar date.
std::string IsoDate(std::string_view text);

// Days since 1970-01-01 of a date IsoDate() returned.
int DayNumber(const std::string& iso_date);

}  // namespace entangle::invest
