#include "support/expect_totals.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "store/study_db.h"

namespace entangle::testing {

size_t ExpectTotalsMatch(const std::string& database_path, const nlohmann::json& expected_totals) {
  auto reader = store::StudyDb::Open(database_path);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return 0;
  auto rows = (*reader)->Query("SELECT unit_kind, unit, year, whole, fractional FROM totals");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  if (!rows.ok()) return 0;
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<uint64_t, double>> got;
  for (const auto& r : *rows) got[{r[0], r[1], r[2]}] = {std::stoull(r[3]), std::stod(r[4])};
  size_t checked = 0;
  for (const auto& [kind, units] : expected_totals.items()) {
    for (const auto& [unit, years] : units.items()) {
      for (const auto& [year, cell] : years.items()) {
        auto it = got.find({kind, unit, year});
        if (it == got.end()) {
          ADD_FAILURE() << "no totals row for " << kind << " " << unit << " " << year;
          continue;
        }
        EXPECT_EQ(it->second.first, cell["whole"].get<uint64_t>()) << kind << " " << unit << " " << year;
        EXPECT_NEAR(it->second.second, cell["fractional"].get<double>(), 1e-6) << kind << " " << unit << " " << year;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, got.size()) << "the database has totals the expectations do not";
  return checked;
}

}  // namespace entangle::testing
