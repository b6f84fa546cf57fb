// Exhibits 5 and 6: joint papers per institution (as given and rolled up), institutions above
// the threshold, and per-country distributions.
#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/institution_counts.h"

namespace entangle::analyze {
namespace {

// The study's "fewer than 10 papers" bucket of Exhibit 6.
constexpr double kSmallInstitution = 10;

std::string CountingPhrase(const StudyContext& ctx) {
  return ctx.fractional() ? "the institution's author share of each joint paper (each author 1/number of authors, "
                            "split equally over the author's institutions)"
                          : "1 for every joint paper with at least one author affiliated there";
}

ExhibitTable AsGiven(const StudyContext& ctx, const std::vector<InstitutionCount>& counts, const JointData& data) {
  ExhibitTable table = ctx.NewExhibit(
      "institutions", "Joint papers per institution (as given)",
      fmt::format("Every institution affiliated with a joint paper, as OpenAlex gives it on the paper "
                  "(institutions without an OpenAlex id are keyed by name), with {}. root_id is the top-most "
                  "ancestor it is rolled up to in institutions_rolled_up.",
                  CountingPhrase(ctx)));
  table.columns = {"institution_id", "institution", "country", "group", "type", "joint_papers", "root_id"};
  // Roots come from the lineage printed on the work: the first copy of each key in work order.
  std::unordered_map<std::string, std::string> roots;
  std::vector<bool> seen(data.institution_keys, false);
  for (const JointWork& work : data.works) {
    for (const WorkInstitution& on_work : work.institutions) {
      const JointInstitution& inst = *on_work.info;
      if (seen[inst.key_index]) continue;
      seen[inst.key_index] = true;
      roots.emplace(inst.key, inst.root);
    }
  }
  for (const InstitutionCount& c : counts) {
    table.rows.push_back(
        {c.key, c.name, c.country, ctx.SideName(c.sides), c.type, FormatNumber(c.papers), roots[c.key]});
  }
  return table;
}

ExhibitTable RolledUp(const StudyContext& ctx, const std::vector<InstitutionCount>& counts) {
  ExhibitTable table = ctx.NewExhibit(
      "institutions_rolled_up", "Joint papers per institution, rolled up along lineage",
      fmt::format("Institutions rolled up to their top-most ancestor in OpenAlex lineage (e.g. the institutes of "
                  "an academy into the academy), separately per affiliation country: units of one organisation "
                  "in another country stay there, named '<root> (<country> units)'. Whole counting: a joint "
                  "paper counts once per rolled-up institution however many of its units it lists; fractional "
                  "counting: the sum of its units' author shares. members is the number of as-given "
                  "institutions rolled in. Root: the lineage member not below any other member (OpenAlex "
                  "lineage is not ordered; see docs/exhibits.md)."));
  table.columns = {"root_id", "institution", "country", "group", "type", "joint_papers", "members"};
  for (const InstitutionCount& c : counts) {
    table.rows.push_back({c.id.empty() ? c.key.substr(0, c.key.find('\t')) : c.id, c.name, c.country,
                          ctx.SideName(c.sides), c.type, FormatNumber(c.papers), std::to_string(c.members)});
  }
  return table;
}

ExhibitTable AboveThreshold(const StudyContext& ctx, const std::vector<InstitutionCount>& counts) {
  const int threshold = ctx.options.institution_threshold;
  ExhibitTable table = ctx.NewExhibit(
      "institutions_above_threshold", "Exhibit 5: institutions with more than " + std::to_string(threshold) + " joint papers",
      fmt::format("Institutions (as given, see institutions) with more than {} joint papers, counting {}.", threshold,
                  CountingPhrase(ctx)));
  table.columns = {"rank", "institution_id", "institution", "country", "group", "joint_papers"};
  // Institutions without a country code are in no group because their country is unknown: they
  // get their own line, apart from those located outside both groups.
  const std::string unknown = "?";
  std::map<std::string, int> per_group;
  std::map<std::string, std::map<std::string, int>> per_country;
  for (const InstitutionCount& c : counts) {
    if (c.papers <= threshold) break;  // sorted descending
    table.rows.push_back({std::to_string(table.rows.size() + 1), c.key, c.name, c.country, ctx.SideName(c.sides),
                          FormatNumber(c.papers)});
    // Keyed by label so the notes keep their order: neither, unknown, a, ab, b.
    std::string side = c.sides.none() && c.country.empty() ? unknown : std::string(c.sides.Label());
    per_group[side] += 1;
    per_country[side][c.country] += 1;
  }
  for (const auto& [side, count] : per_group) {
    if (side == unknown) {
      table.notes.push_back(fmt::format("Country unknown: {} institution(s) above the threshold.", count));
      continue;
    }
    std::string countries;
    for (const auto& [country, n] : per_country[side]) {
      countries += fmt::format("{}{} {}", countries.empty() ? "" : ", ", country.empty() ? "country unknown" : country, n);
    }
    table.notes.push_back(fmt::format("{}: {} institution(s) above the threshold ({}).",
                                      side.empty() ? "Neither group" : ctx.SideName(select::Sides::FromLabel(side)),
                                      count, countries));
  }
  return table;
}

ExhibitTable ByCountry(const StudyContext& ctx, const std::vector<InstitutionCount>& counts) {
  const int threshold = ctx.options.institution_threshold;
  ExhibitTable table = ctx.NewExhibit(
      "institutions_by_country", "Exhibit 6: institutions per country",
      fmt::format("For each country of either group: institutions (as given) there with at least one joint paper; "
                  "how many have fewer than {} joint papers (under_10); more than {} but at most {} "
                  "(above_half_threshold); more than {} (above_threshold); and the two with the most joint "
                  "papers. Counting: {}.",
                  FormatNumber(kSmallInstitution), FormatNumber(threshold / 2.0), threshold, threshold,
                  CountingPhrase(ctx)));
  table.columns = {"group", "country", "institutions", "under_10", "above_half_threshold", "above_threshold",
                   "top_institution", "top_papers", "second_institution", "second_papers"};
  struct CountryStats {
    int institutions = 0, small = 0, half = 0, above = 0;
    std::vector<const InstitutionCount*> top;
  };
  for (select::Sides side : select::kEachSide) {
    std::map<std::string, CountryStats> stats;
    for (const InstitutionCount& c : counts) {  // descending: the first two seen are the top two
      if (c.country.empty() || !c.sides.Has(side)) continue;
      CountryStats& s = stats[c.country];
      s.institutions += 1;
      if (c.papers < kSmallInstitution) s.small += 1;
      if (c.papers > threshold) {
        s.above += 1;
      } else if (c.papers > threshold / 2.0) {
        s.half += 1;
      }
      if (s.top.size() < 2) s.top.push_back(&c);
    }
    std::vector<std::pair<std::string, CountryStats>> ordered(stats.begin(), stats.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& x, const auto& y) { return x.second.institutions > y.second.institutions; });
    for (const auto& [country, s] : ordered) {
      std::vector<std::string> row = {ctx.SideName(side),
                                      country,
                                      std::to_string(s.institutions),
                                      std::to_string(s.small),
                                      std::to_string(s.half),
                                      std::to_string(s.above)};
      for (size_t i = 0; i < 2; ++i) {
        row.push_back(i < s.top.size() ? s.top[i]->name : "");
        row.push_back(i < s.top.size() ? FormatNumber(s.top[i]->papers) : "");
      }
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace

Exhibits InstitutionExhibits(const StudyContext& ctx, const JointData& data) {
  LineageResolver lineage(data);
  std::vector<InstitutionCount> as_given = CountAsGiven(ctx, data);
  std::vector<InstitutionCount> rolled_up = CountRolledUp(ctx, data, lineage);
  return {AsGiven(ctx, as_given, data), RolledUp(ctx, rolled_up), AboveThreshold(ctx, as_given),
          ByCountry(ctx, as_given)};
}

}  // namespace entangle::analyze
