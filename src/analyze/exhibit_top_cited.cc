// Top-cited papers: each group's and each country's share of the field's 10 % most-cited works,
// field- and year-normalised (the ASPI Critical Technology Tracker's headline metric), from table
// field_works (every field-relevant work, joint or not).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyze/exhibits.h"
#include "analyze/field_works.h"
#include "analyze/format.h"

namespace entangle::analyze {
namespace {

struct Cited {
  int64_t cited;
  std::set<std::string> countries;
  select::Sides sides;
};

struct Unit {
  int64_t papers = 0;  // works in buckets that count (see the definition)
  double top = 0;      // their weights in the top 10 %
};

}  // namespace

Result<ExhibitTable> TopCitedExhibit(store::StudyDb& db, const StudyContext& ctx) {
  const std::string& a = ctx.group_a_name;
  const std::string& b = ctx.group_b_name;
  ExhibitTable table = ctx.NewExhibit(
      "top_cited", "Shares of the field's 10 % most-cited papers",
      fmt::format(
          "Each field-relevant work is ranked by its citations (OpenAlex cited_by_count) among the works of the "
          "same primary-topic subfield and publication year (works without a primary subfield form one bucket "
          "per year); the top 10 % of each bucket are the field's most-cited papers (works tied at the "
          "boundary share the places left equally, so each bucket contributes exactly 10 % of its works). "
          "Buckets in which no work is cited are left out. top10_papers: a unit's works among them, counted "
          "whole (a paper counts for each of its countries, so country shares add up to more than 100 %); "
          "share_of_top10_pct: that / all top-10 % papers of the field; top10_rate_pct: that / the unit's "
          "papers (10 = as often as the field; 20 = twice as often). Units: {0}, {1}, their joint papers, "
          "works with neither, and every country.",
          a, b),
      /*counting_applies=*/false);
  table.columns = {"unit", "unit_kind", "papers", "top10_papers", "share_of_top10_pct", "top10_rate_pct"};
  if (!db.HasTable("field_works")) {
    table.notes.push_back(
        "Not computed: the study database has no table field_works (scanned by an entangle "
        "version that did not record every field-relevant work). Re-run entangle scan.");
    return table;
  }

  std::map<std::pair<std::string, int>, std::vector<Cited>> buckets;
  ENTANGLE_RETURN_IF_ERROR(ForEachFieldWork(db, [&](FieldWork&& w) {
    buckets[{w.subfield, w.year}].push_back({w.cited, std::move(w.countries), w.sides});
  }));

  const std::string joint = a + " and " + b, neither = "neither group";
  std::map<std::string, Unit> groups, countries;
  double field_top = 0;
  int64_t left_out = 0;
  for (auto& [key, bucket] : buckets) {
    bool any_cited = std::any_of(bucket.begin(), bucket.end(), [](const Cited& c) { return c.cited > 0; });
    if (!any_cited) {
      left_out += static_cast<int64_t>(bucket.size());
      continue;
    }
    std::sort(bucket.begin(), bucket.end(), [](const Cited& x, const Cited& y) { return x.cited > y.cited; });
    std::vector<int64_t> cited;
    for (const Cited& work : bucket) cited.push_back(work.cited);
    std::vector<double> weights = TopTenPercentWeights(cited);
    for (size_t i = 0; i < bucket.size(); ++i) {
      const Cited& work = bucket[i];
      double weight = weights[i];
      field_top += weight;
      auto add = [&](Unit& unit) {
        unit.papers += 1;
        unit.top += weight;
      };
      if (work.sides.Has(select::kSideA)) add(groups[a]);
      if (work.sides.Has(select::kSideB)) add(groups[b]);
      if (work.sides.both()) add(groups[joint]);
      if (work.sides.none()) add(groups[neither]);
      for (const std::string& country : work.countries) add(countries[country]);
    }
  }

  auto row = [&](const std::string& name, const std::string& kind, const Unit& unit) {
    table.rows.push_back({name, kind, FormatInt(unit.papers), FormatNumber(unit.top),
                          FormatPercent(unit.top, field_top),
                          FormatPercent(unit.top, static_cast<double>(unit.papers))});
  };
  for (const std::string& name : {a, b, joint, neither}) {
    auto found = groups.find(name);
    if (found != groups.end()) row(name, "group", found->second);
  }
  std::vector<std::pair<std::string, Unit>> ranked(countries.begin(), countries.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& x, const auto& y) { return x.second.top > y.second.top; });
  for (const auto& [country, unit] : ranked) {
    row(country, ctx.InA(country) ? "country in " + a : ctx.InB(country) ? "country in " + b : "country", unit);
  }
  if (left_out > 0) {
    table.notes.push_back(
        fmt::format("{} works are in subfield-year buckets in which no work is cited; they are "
                    "left out.",
                    left_out));
  }
  return table;
}

}  // namespace entangle::analyze
