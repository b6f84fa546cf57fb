#include "analyze/field_works.h"

#include <algorithm>
#include <vector>

#include "common/ascii.h"

namespace entangle::analyze {
namespace {

// field_works.countries is a space-separated list; commas, brackets and quotes are tolerated.
std::set<std::string> ParseCountries(std::string text) {
  for (char& c : text) {
    if (c == ',' || c == '[' || c == ']' || c == '"') c = ' ';
  }
  std::vector<std::string> items = SplitWords(text);
  return {items.begin(), items.end()};
}

}  // namespace

Status ForEachFieldWork(store::StudyDb& db, const std::function<void(FieldWork&&)>& on_work) {
  return db.ForEach(
      "SELECT year, ifnull(category, ''), ifnull(countries, ''), cited_by_count, fwci, ifnull(primary_subfield_id, '') "
      "FROM field_works",
      [&](const store::Row& row) {
        FieldWork work{static_cast<int>(row.Int(0)),
                       select::Sides::FromLabel(row.View(1)),
                       ParseCountries(row.Text(2)),
                       row.Int(3),
                       std::nullopt,
                       row.Text(5)};
        if (!row.IsNull(4)) work.fwci = row.Double(4);
        on_work(std::move(work));
      });
}

std::vector<double> TopTenPercentWeights(const std::vector<int64_t>& cited_descending) {
  const std::vector<int64_t>& cited = cited_descending;
  std::vector<double> weights(cited.size(), 0.0);
  double places = 0.10 * static_cast<double>(cited.size());
  size_t i = 0;
  while (i < cited.size() && places > 1e-12) {
    size_t tie_end = i;
    while (tie_end < cited.size() && cited[tie_end] == cited[i]) ++tie_end;
    double tied = static_cast<double>(tie_end - i);
    double each = std::min(1.0, places / tied);
    for (size_t k = i; k < tie_end; ++k) weights[k] = each;
    places -= each * tied;
    i = tie_end;
  }
  return weights;
}

}  // namespace entangle::analyze
