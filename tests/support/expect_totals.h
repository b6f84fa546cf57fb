#pragma once
// Compares a study database's `totals` table with expected totals given as JSON:
// {"country": {"GB": {"2020": {"whole": n, "fractional": x}}}, "group": {"a": {...}}}.
#include <string>

#include <nlohmann/json.hpp>

namespace entangle::testing {

// Every expected cell is in the table with the same whole count and a fractional count within
// 1e-6, and the table holds no other cell. Reports failures with gtest; returns the cells checked.
size_t ExpectTotalsMatch(const std::string& database_path, const nlohmann::json& expected_totals);

}  // namespace entangle::testing
