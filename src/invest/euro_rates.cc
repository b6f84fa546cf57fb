// The ECB's euro reference rates, and conversion of a round's amount at the rate of its date.
#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "common/csv_table.h"
#include "invest/dates.h"
#include "invest/invest.h"

namespace entangle::invest {
namespace {

constexpr int kMaxQuoteAgeDays = 7;  // a round on a weekend or holiday takes the last quote before it

// A date written exactly as YYYY-MM-DD.
bool IsIsoDate(const std::string& s) { return !s.empty() && IsoDate(s) == s; }

}  // namespace

Result<EuroRates> EuroRates::Load(const std::string& path) {
  Result<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) return table.status();
  if (table->header.empty() || table->header[0] != "Date") {
    return Status::InvalidArgument(
        fmt::format("{}: the first column is not \"Date\"; expected the ECB's eurofxref-hist.csv", path));
  }
  EuroRates rates;
  rates.path_ = path;
  // The ECB lists the newest day first; sort rows by date.
  std::vector<size_t> order(table->rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return table->rows[a][0] < table->rows[b][0]; });
  for (size_t i : order) {
    if (!IsIsoDate(table->rows[i][0])) {
      return Status::Corruption(
          fmt::format("{}: \"{}\" is not a date (YYYY-MM-DD)", table->Where(i), table->rows[i][0]));
    }
    rates.dates_.push_back(table->rows[i][0]);
  }
  for (size_t c = 1; c < table->header.size(); ++c) {
    const std::string& currency = table->header[c];
    if (currency.empty()) continue;  // the file's trailing comma
    std::vector<double>& column = rates.by_currency_[currency];
    for (size_t i : order) {
      const std::string& cell = table->rows[i][c];
      double value = std::nan("");
      if (!cell.empty() && cell != "N/A") {
        auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
        if (error != std::errc() || end != cell.data() + cell.size() || !(value > 0)) {
          return Status::Corruption(
              fmt::format("{}: {} rate \"{}\" is not a positive number", table->Where(i), currency, cell));
        }
      }
      column.push_back(value);
    }
  }
  if (rates.dates_.empty()) return Status::InvalidArgument(fmt::format("{}: no rates", path));
  rates.first_date_ = rates.dates_.front();
  rates.last_date_ = rates.dates_.back();
  return rates;
}

std::optional<EuroRates::Conversion> EuroRates::ToEuros(double amount, const std::string& currency,
                                                        const std::string& date) const {
  if (currency == "EUR") return Conversion{amount, 1.0, date};
  auto column = by_currency_.find(currency);
  if (column == by_currency_.end() || !IsIsoDate(date)) return std::nullopt;
  size_t i = size_t(std::upper_bound(dates_.begin(), dates_.end(), date) - dates_.begin());
  const int day = DayNumber(date);
  while (i > 0) {
    --i;
    if (day - DayNumber(dates_[i]) > kMaxQuoteAgeDays) break;
    double rate = column->second[i];
    if (!std::isnan(rate)) return Conversion{amount / rate, rate, dates_[i]};
  }
  return std::nullopt;
}

}  // namespace entangle::invest
