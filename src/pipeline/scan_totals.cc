// The totals step: field_works rows, totals and the summary's work counts from the winning copies.
#include "pipeline/scan_totals.h"

#include <algorithm>
#include <limits>
#include <string>
#include <tuple>

namespace entangle::pipeline {
namespace {

void SortTotalRows(std::vector<store::TotalRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const store::TotalRow& a, const store::TotalRow& b) {
    return std::tie(a.unit_kind, a.unit, a.year) < std::tie(b.unit_kind, b.unit, b.year);
  });
}

}  // namespace

void TotalsTally::Add(const FieldCopy& c, const std::deque<CountryShare>& shares) {
  double group_fraction[2] = {0, 0};
  for (uint32_t s = c.shares_begin; s < c.shares_begin + c.shares_count; ++s) {
    Cell& cell = countries_[{shares[s].country, c.year}];
    cell.whole += shares[s].whole ? 1 : 0;
    cell.fractional += shares[s].fractional;
    uint8_t g = filter_.GroupsOf(shares[s].country);
    if (g & select::kGroupA) group_fraction[0] += shares[s].fractional;
    if (g & select::kGroupB) group_fraction[1] += shares[s].fractional;
  }
  for (int g = 0; g < 2; ++g) {
    if (!(c.groups & (g == 0 ? select::kGroupA : select::kGroupB))) continue;
    Cell& cell = groups_[{g, c.year}];
    cell.whole += 1;
    cell.fractional += group_fraction[g];
  }
}

std::vector<store::TotalRow> TotalsTally::Rows() const {
  std::vector<store::TotalRow> rows;
  for (const auto& [key, cell] : countries_) {
    rows.push_back({"country", CountryCodeOf(key.unit), key.year, cell.whole, cell.fractional});
  }
  for (const auto& [key, cell] : groups_) {
    rows.push_back({"group", std::string((key.first == 0 ? select::kSideA : select::kSideB).Label()), key.second,
                    cell.whole, cell.fractional});
  }
  SortTotalRows(rows);
  return rows;
}

store::FieldWorkRow MakeFieldWorkRow(const FieldCopy& c, const std::deque<CountryShare>& shares) {
  store::FieldWorkRow row;
  row.id = "W" + std::to_string(c.id);
  row.year = c.year;
  row.category = std::string(select::Sides(c.groups).Label());
  std::vector<std::string> countries;
  for (uint32_t s = c.shares_begin; s < c.shares_begin + c.shares_count; ++s) {
    if (shares[s].country != kUnknownCountry) countries.push_back(CountryCodeOf(shares[s].country));
  }
  std::sort(countries.begin(), countries.end());
  for (const std::string& code : countries) row.countries += (row.countries.empty() ? "" : " ") + code;
  row.cited_by_count = c.cited_by_count;
  if (c.fwci >= 0) row.fwci = c.fwci;
  if (c.primary_subfield) row.primary_subfield_id = std::to_string(c.primary_subfield);
  if (c.primary_field) row.primary_field_id = std::to_string(c.primary_field);
  return row;
}

std::vector<store::TotalRow> ApiTotalRows(const source::InputPlan& plan) {
  std::vector<store::TotalRow> rows;
  for (const source::ApiTotal& t : plan.api_totals) {
    rows.push_back({t.unit_kind, t.unit, t.year, t.whole, std::numeric_limits<double>::quiet_NaN()});
  }
  SortTotalRows(rows);
  return rows;
}

Status WriteTotals(const Winners& winners, const std::vector<const std::deque<CountryShare>*>& shares_by_thread,
                   const select::WorkFilter& filter, const source::InputPlan& plan, ScanState& state,
                   store::StudyDbWriter& writer, ScanSummary& summary) {
  TotalsTally tally(filter);
  for (size_t i = 0; i < winners.copies.size(); ++i) {
    if (!winners.counts(i)) continue;
    const FieldCopy& c = winners.copies[i];
    ++summary.field_relevant;
    summary.duplicates += winners.duplicates(i);
    const auto& shares = *shares_by_thread[c.thread];
    tally.Add(c, shares);
    ENTANGLE_RETURN_IF_ERROR(writer.PutFieldWork(MakeFieldWorkRow(c, shares)));
    if (c.joint()) {
      ++summary.joint;
      ++summary.joint_by_year[c.year];
      ++summary.joint_by_subfield[c.primary_subfield];
    }
  }
  ENTANGLE_RETURN_IF_ERROR(state.DropSuperseded(winners));
  if (plan.has_api_totals) {
    summary.notes.push_back({"totals_from_api", plan.snapshot_root,
                             "each side's totals (Exhibit 3's denominators) are the API's group_by counts that "
                             "`entangle fetch` made, whole counting only; the fetched works are only joint ones"});
    return writer.PutTotals(ApiTotalRows(plan));
  }
  return writer.PutTotals(tally.Rows());
}

}  // namespace entangle::pipeline
