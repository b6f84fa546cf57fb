#pragma once
// Internal: how numbers are written into exhibit cells, the same way in every exhibit.
#include <cstdint>
#include <optional>
#include <string>

namespace entangle::analyze {

// Counts: integers as integers; other values with at most 4 decimals, trailing zeros dropped
// ("0.3571", "2", "12.5"), so CSV diffs stay readable and whole counts never show ".0".
std::string FormatNumber(double value);
std::string FormatInt(int64_t value);
// A percentage of part/whole with at most 2 decimals ("47.12"); "" when whole is 0.
std::string FormatPercent(double part, double whole);
// An optional mean or ratio; "" when absent.
std::string FormatOptional(const std::optional<double>& value);

}  // namespace entangle::analyze
