// Exhibits 1 and 2: joint papers by country of each group, by year, and country × year.
#include <fmt/format.h>

#include <map>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/tally.h"

namespace entangle::analyze {
namespace {

// What a work contributes to a country: 1 (whole) or the country's author share (fractional).
double CountryValue(const StudyContext& ctx, const JointCountry& country) {
  return ctx.fractional() ? country.fractional : 1.0;
}

// What a work contributes to a side (kSideA or kSideB) in total.
double SideValue(const StudyContext& ctx, const JointWork& work, select::Sides side) {
  return ctx.fractional() ? work.SideFractional(side) : 1.0;
}

ExhibitTable ByCountry(const StudyContext& ctx, const JointData& data) {
  ExhibitTable table = ctx.NewExhibit(
      "joint_by_country", "Exhibit 1: joint papers by country",
      fmt::format("Joint papers (field-relevant works with at least one author affiliated in {} and one in {}) per "
                  "country of each group. Whole counting: a paper counts 1 for every country among its authors' "
                  "affiliations, and share_pct is of all joint papers (a paper with several countries of a group "
                  "counts for each, so shares can add up to more than 100). Fractional counting: a country gets "
                  "its authors' share of each paper (each author 1/number of authors, split over the author's "
                  "countries), and share_pct is of the group's fractional total. The first row of each group is "
                  "the group as a whole.",
                  ctx.group_a_name, ctx.group_b_name));
  table.columns = {"group", "country", "joint_papers", "share_pct"};
  for (select::Sides side : select::kEachSide) {
    Tally countries;
    double group_total = 0;
    for (const JointWork& work : data.works) {
      group_total += SideValue(ctx, work, side);
      for (const JointCountry& c : work.countries) {
        if (c.sides.Has(side)) countries.Add(c.country, CountryValue(ctx, c));
      }
    }
    double denominator = ctx.fractional() ? group_total : static_cast<double>(data.works.size());
    table.rows.push_back(
        {ctx.SideName(side), "all", FormatNumber(group_total), FormatPercent(group_total, denominator)});
    for (const auto& [country, value] : countries.Descending()) {
      table.rows.push_back({ctx.SideName(side), country, FormatNumber(value), FormatPercent(value, denominator)});
    }
  }
  return table;
}

ExhibitTable ByYear(const StudyContext& ctx, const JointData& data) {
  ExhibitTable table = ctx.NewExhibit(
      "joint_by_year", "Exhibit 2: joint papers by year",
      fmt::format("Joint papers per publication year. joint_papers counts each joint paper once under either "
                  "counting method (fractional shares of a paper add up to 1). group_a_papers / group_b_papers are "
                  "{} / {}'s part: with whole counting every joint paper (equal to joint_papers), with fractional "
                  "counting the sum of the group's author shares. change_pct is joint_papers against the previous "
                  "year. incomplete = yes marks years whose counts are not final (indexing delay).",
                  ctx.group_a_name, ctx.group_b_name));
  table.columns = {"year", "joint_papers", "group_a_papers", "group_b_papers", "change_pct", "incomplete"};
  std::map<int, double> joint, side_a, side_b;
  for (const JointWork& work : data.works) {
    joint[work.year] += 1;
    side_a[work.year] += SideValue(ctx, work, select::kSideA);
    side_b[work.year] += SideValue(ctx, work, select::kSideB);
  }
  double previous = 0;
  bool first = true;
  for (int year : ctx.years) {
    double count = joint[year];
    std::string change = first || previous == 0 ? "" : FormatPercent(count - previous, previous);
    table.rows.push_back({std::to_string(year), FormatNumber(count), FormatNumber(side_a[year]),
                          FormatNumber(side_b[year]), change, ctx.IsIncomplete(year) ? "yes" : ""});
    previous = count;
    first = false;
  }
  return table;
}

ExhibitTable ByCountryYear(const StudyContext& ctx, const JointData& data) {
  ExhibitTable table = ctx.NewExhibit(
      "joint_by_country_year", "Exhibits 1-2: joint papers by country and year",
      "Joint papers per country of each group (rows) and publication year (columns), counted as in "
      "joint_by_country; total is the sum over the years.");
  table.columns = {"group", "country"};
  for (int year : ctx.years) table.columns.push_back(std::to_string(year));
  table.columns.push_back("total");
  for (select::Sides side : select::kEachSide) {
    Tally totals;
    std::map<std::string, std::map<int, double>> by_year;
    for (const JointWork& work : data.works) {
      for (const JointCountry& c : work.countries) {
        if (!c.sides.Has(side)) continue;
        double value = CountryValue(ctx, c);
        totals.Add(c.country, value);
        by_year[c.country][work.year] += value;
      }
    }
    for (const auto& [country, total] : totals.Descending()) {
      std::vector<std::string> row = {ctx.SideName(side), country};
      for (int year : ctx.years) row.push_back(FormatNumber(by_year[country][year]));
      row.push_back(FormatNumber(total));
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace

Exhibits JointExhibits(const StudyContext& ctx, const JointData& data) {
  return {ByCountry(ctx, data), ByYear(ctx, data), ByCountryYear(ctx, data)};
}

}  // namespace entangle::analyze
