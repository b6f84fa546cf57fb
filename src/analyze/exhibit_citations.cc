// Citations: mean, median and field-and-year-normalised citations of joint papers versus papers
// from each side alone, from table field_works (every field-relevant work, joint or not).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "analyze/exhibits.h"
#include "analyze/field_works.h"
#include "analyze/format.h"

namespace entangle::analyze {
namespace {

struct CitationStats {
  std::vector<int64_t> cited;
  double normalised_sum = 0;
  int64_t normalised_n = 0;
  double fwci_sum = 0;
  int64_t fwci_n = 0;

  void Add(int64_t citations, std::optional<double> normalised, std::optional<double> fwci) {
    cited.push_back(citations);
    if (normalised) {
      normalised_sum += *normalised;
      ++normalised_n;
    }
    if (fwci) {
      fwci_sum += *fwci;
      ++fwci_n;
    }
  }
  std::optional<double> Mean() const {
    if (cited.empty()) return std::nullopt;
    double sum = 0;
    for (int64_t c : cited) sum += static_cast<double>(c);
    return sum / static_cast<double>(cited.size());
  }
  std::optional<double> Median() {
    if (cited.empty()) return std::nullopt;
    std::sort(cited.begin(), cited.end());
    size_t n = cited.size();
    return n % 2 == 1 ? static_cast<double>(cited[n / 2])
                      : (static_cast<double>(cited[n / 2 - 1]) + static_cast<double>(cited[n / 2])) / 2.0;
  }
  std::optional<double> MeanNormalised() const {
    if (normalised_n == 0) return std::nullopt;
    return normalised_sum / static_cast<double>(normalised_n);
  }
  std::optional<double> MeanFwci() const {
    if (fwci_n == 0) return std::nullopt;
    return fwci_sum / static_cast<double>(fwci_n);
  }
};

// A row's label: (unit, subset).
using Key = std::pair<std::string, std::string>;

std::vector<std::string> StatsCells(CitationStats& s) {
  return {std::to_string(s.cited.size()), FormatOptional(s.Mean()), FormatOptional(s.Median()),
          FormatOptional(s.MeanNormalised()), std::to_string(s.fwci_n), FormatOptional(s.MeanFwci())};
}

}  // namespace

Result<Exhibits> CitationExhibits(store::StudyDb& db, const StudyContext& ctx) {
  const std::string& a = ctx.group_a_name;
  const std::string& b = ctx.group_b_name;
  ExhibitTable overall = ctx.NewExhibit(
      "citations", "Citations of joint papers versus papers from each side alone",
      fmt::format("Citations (OpenAlex cited_by_count) of field-relevant works: joint ({0} and {1}), {0} without "
                  "{1}, {1} without {0}, works with authors from one group only (only_own_group: every country "
                  "of the work is in the group), works with neither, and per country of either group. "
                  "mean_normalised_citations: each work's citations divided by the mean citations of ALL "
                  "field-relevant works of the same primary-topic subfield and publication year (works without "
                  "a primary subfield form one bucket per year), then averaged; 1 = the field-and-year average; "
                  "works in a bucket whose mean is 0 are left out of it. mean_fwci: mean of OpenAlex's "
                  "field-weighted citation impact over the works that have one.",
                  a, b),
      /*counting_applies=*/false);
  overall.columns = {"unit", "subset", "papers", "mean_citations", "median_citations", "mean_normalised_citations",
                     "papers_with_fwci", "mean_fwci"};
  ExhibitTable by_year = ctx.NewExhibit(
      "citations_by_year", "Citations by publication year",
      "The categories of the citations exhibit per publication year (recent years have had less time to be "
      "cited: compare within a year, or use the normalised column).",
      /*counting_applies=*/false);
  by_year.columns = {"unit", "subset", "year", "papers", "mean_citations", "median_citations",
                     "mean_normalised_citations", "incomplete"};
  if (!db.HasTable("field_works")) {
    for (ExhibitTable* table : {&overall, &by_year}) {
      table->notes.push_back("Not computed: the study database has no table field_works (scanned by an entangle "
                             "version that did not record every field-relevant work). Re-run entangle scan.");
    }
    return Exhibits{std::move(overall), std::move(by_year)};
  }

  std::map<std::pair<std::string, int>, double> bucket_mean;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT ifnull(primary_subfield_id, ''), year, avg(cited_by_count) FROM field_works GROUP BY 1, 2",
      [&](const Row& row) { bucket_mean[{row.Text(0), static_cast<int>(row.Int(1))}] = row.Double(2); }));

  std::map<Key, CitationStats> stats;
  std::map<std::pair<Key, int>, CitationStats> yearly;
  std::map<std::string, int64_t> country_papers;
  const std::string all = "all field works", joint = a + " and " + b, neither = "neither group";
  ENTANGLE_RETURN_IF_ERROR(
      ForEachFieldWork(db, [&](FieldWork&& w) {
        std::optional<double> normalised;
        double mean = bucket_mean[{w.subfield, w.year}];
        if (mean > 0) normalised = static_cast<double>(w.cited) / mean;
        std::vector<Key> keys = {{all, "all"}};
        if (w.sides.both()) keys.push_back({joint, "joint"});
        if (w.sides == select::kSideA) keys.push_back({a, "without " + b});
        if (w.sides == select::kSideB) keys.push_back({b, "without " + a});
        if (w.sides.none()) keys.push_back({neither, "all"});
        for (select::Sides side : select::kEachSide) {
          bool only_own = !w.countries.empty() &&
                          std::all_of(w.countries.begin(), w.countries.end(),
                                      [&](const auto& c) { return side == select::kSideA ? ctx.InA(c) : ctx.InB(c); });
          if (only_own) keys.push_back({side == select::kSideA ? a : b, "only_own_group"});
        }
        for (const Key& key : keys) {
          stats[key].Add(w.cited, normalised, w.fwci);
          if (key.second != "only_own_group") yearly[{key, w.year}].Add(w.cited, normalised, w.fwci);
        }
        for (const std::string& c : w.countries) {
          bool in_a = ctx.InA(c);
          if (!in_a && !ctx.InB(c)) continue;
          const std::string& other = in_a ? b : a;
          country_papers[c] += 1;
          stats[{c, "all"}].Add(w.cited, normalised, w.fwci);
          stats[{c, w.sides.both() ? "with " + other : "without " + other}].Add(w.cited, normalised, w.fwci);
          if (w.countries.size() == 1) stats[{c, "single_country"}].Add(w.cited, normalised, w.fwci);
        }
      }));

  std::vector<Key> summary = {{all, "all"},       {joint, "joint"},          {a, "without " + b},
                              {a, "only_own_group"}, {b, "without " + a}, {b, "only_own_group"},
                              {neither, "all"}};
  for (const Key& key : summary) {
    auto found = stats.find(key);
    if (found == stats.end()) continue;
    std::vector<std::string> row = {key.first, key.second};
    for (std::string& cell : StatsCells(found->second)) row.push_back(std::move(cell));
    overall.rows.push_back(std::move(row));
  }
  std::vector<std::pair<std::string, int64_t>> countries(country_papers.begin(), country_papers.end());
  std::stable_sort(countries.begin(), countries.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  for (const auto& [country, papers] : countries) {
    const std::string& other = ctx.InA(country) ? b : a;
    for (const std::string& subset : {std::string("all"), "with " + other, "without " + other, std::string("single_country")}) {
      auto found = stats.find({country, subset});
      if (found == stats.end()) continue;
      std::vector<std::string> row = {country, subset};
      for (std::string& cell : StatsCells(found->second)) row.push_back(std::move(cell));
      overall.rows.push_back(std::move(row));
    }
  }
  for (const Key& key : summary) {
    for (int year : ctx.years) {
      auto found = yearly.find({key, year});
      if (found == yearly.end()) continue;
      CitationStats& s = found->second;
      by_year.rows.push_back({key.first, key.second, std::to_string(year), std::to_string(s.cited.size()),
                              FormatOptional(s.Mean()), FormatOptional(s.Median()), FormatOptional(s.MeanNormalised()),
                              ctx.IsIncomplete(year) ? "yes" : ""});
    }
  }
  return Exhibits{std::move(overall), std::move(by_year)};
}

}  // namespace entangle::analyze
