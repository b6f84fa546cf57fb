// Exhibit 3: joint papers as a share of each group's and each country's total field output.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/tally.h"

namespace entangle::analyze {
namespace {

// totals: (unit_kind, unit, year) -> whole or fractional count, as the option says.
using Totals = std::map<std::tuple<std::string, std::string, int>, double>;

Result<Totals> LoadTotals(store::StudyDb& db, const StudyContext& ctx) {
  Totals totals;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT unit_kind, unit, year, whole, fractional FROM totals", [&](const Row& row) {
    totals[{row.Text(0), row.Text(1), static_cast<int>(row.Int(2))}] +=
        ctx.fractional() ? row.Double(4) : static_cast<double>(row.Int(3));
  }));
  return totals;
}

double Lookup(const Totals& totals, const std::string& kind, const std::string& unit, int year) {
  auto found = totals.find({kind, unit, year});
  return found == totals.end() ? 0.0 : found->second;
}

}  // namespace

Result<Exhibits> ShareExhibits(store::StudyDb& db, const StudyContext& ctx, const JointData& data) {
  Result<Totals> totals = LoadTotals(db, ctx);
  if (!totals.ok()) return totals.status();
  ExhibitTable table = ctx.NewExhibit(
      "shares", "Exhibit 3: joint papers as a share of each side's field output",
      fmt::format(
          "For each year: joint_papers / total_papers, where total_papers is ALL field-relevant works of the "
          "unit in output_of (table totals) and joint_papers the joint works counted for that unit. Rows: "
          "{0}'s output co-authored with {1} and the reverse; then for each country of either group with joint "
          "papers, the country's output co-authored with the other group (joint papers with the country / the "
          "country's total) and the other group's output co-authored with the country (joint papers with the "
          "country / the other group's total; e.g. the share of {1}'s papers co-authored with one {0} country). "
          "Whole counting: papers counted once per unit. Fractional counting: numerator and denominator are "
          "the unit's author shares (for the other group's rows, the other group's shares of the joint papers "
          "with the country).",
          ctx.group_a_name, ctx.group_b_name));
  table.columns = {"output_of", "output_group", "coauthored_with", "year", "joint_papers", "total_papers",
                   "share_pct", "incomplete"};
  auto add_rows = [&](const std::string& output_of, const std::string& output_group, const std::string& with,
                      const std::string& kind, const std::string& unit, const std::map<int, double>& joint) {
    for (int year : ctx.years) {
      auto found = joint.find(year);
      double part = found == joint.end() ? 0.0 : found->second;
      double whole = Lookup(*totals, kind, unit, year);
      table.rows.push_back({output_of, output_group, with, std::to_string(year), FormatNumber(part),
                            FormatNumber(whole), FormatPercent(part, whole), ctx.IsIncomplete(year) ? "yes" : ""});
    }
  };
  for (select::Sides side : select::kEachSide) {
    const std::string own_name = ctx.SideName(side), other_name = ctx.SideName(side.Other());
    std::map<int, double> joint;
    for (const JointWork& work : data.works) joint[work.year] += ctx.fractional() ? work.SideFractional(side) : 1.0;
    add_rows(own_name, own_name, other_name, "group", std::string(side.Label()), joint);
  }
  for (select::Sides side : select::kEachSide) {
    select::Sides other = side.Other();
    const std::string own_name = ctx.SideName(side), other_name = ctx.SideName(side.Other());
    Tally papers;  // orders the countries by their joint papers
    std::map<std::string, std::map<int, double>> own_part, other_part;
    for (const JointWork& work : data.works) {
      for (const JointCountry& c : work.countries) {
        if (!c.sides.Has(side)) continue;
        papers.Add(c.country, 1);
        own_part[c.country][work.year] += ctx.fractional() ? c.fractional : 1.0;
        other_part[c.country][work.year] += ctx.fractional() ? work.SideFractional(other) : 1.0;
      }
    }
    for (const auto& [country, count] : papers.Descending()) {
      add_rows(country, own_name, other_name, "country", country, own_part[country]);
      add_rows(other_name, other_name, country, "group", std::string(other.Label()), other_part[country]);
    }
  }
  return Exhibits{std::move(table)};
}

}  // namespace entangle::analyze
