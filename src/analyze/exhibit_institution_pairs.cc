// Exhibit 6: the top institution pairs (one institution in each group) per country.
#include <fmt/format.h>

#include <map>
#include <set>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/tally.h"

namespace entangle::analyze {
namespace {

struct PairCount {
  std::string institution, partner;  // institution keys
  int papers = 0;
};

}  // namespace

Exhibits InstitutionPairExhibits(const StudyContext& ctx, const JointData& data) {
  ExhibitTable table = ctx.NewExhibit(
      "institution_pairs", "Exhibit 6: top institution pairs per country",
      fmt::format("For each country of either group, the {} pairs (institution in that country, partner "
                  "institution in a country of the other group) with the most joint papers listing both "
                  "(institutions as given). Pairs are counted whole: a paper counts once for every such pair "
                  "on it. Each pair appears under both institutions' countries.",
                  ctx.options.top_n),
      /*counting_applies=*/false);
  table.columns = {"group", "country", "rank", "institution_id", "institution", "partner_id", "partner",
                   "partner_country", "joint_papers"};
  std::map<std::string, const JointInstitution*> info;  // any affiliation row of each key, for names
  for (char side : {'a', 'b'}) {
    char other = side == 'a' ? 'b' : 'a';
    std::map<std::pair<std::string, std::string>, int> pairs;
    Tally country_papers;  // orders the countries as in joint_by_country (whole counts)
    for (const JointWork& work : data.works) {
      std::set<std::string> countries;
      for (const JointInstitution& i : work.institutions) {
        info.try_emplace(i.key, &i);
        if (i.country.empty() || i.side.find(side) == std::string::npos) continue;
        countries.insert(i.country);
      }
      for (const std::string& c : countries) country_papers.Add(c, 1);
      std::set<std::pair<std::string, std::string>> on_work;  // a pair counts once per paper
      for (const JointInstitution& i : work.institutions) {
        if (i.country.empty() || i.side.find(side) == std::string::npos) continue;
        for (const JointInstitution& j : work.institutions) {
          if (j.key != i.key && j.side.find(other) != std::string::npos) on_work.insert({i.key, j.key});
        }
      }
      for (const auto& pair : on_work) pairs[pair] += 1;
    }
    std::map<std::string, std::vector<PairCount>> by_country;
    for (const auto& [pair, papers] : pairs) {
      by_country[info[pair.first]->country].push_back({pair.first, pair.second, papers});
    }
    for (const auto& [country, unused] : country_papers.Descending()) {
      std::vector<PairCount>& list = by_country[country];
      std::stable_sort(list.begin(), list.end(), [](const PairCount& x, const PairCount& y) { return x.papers > y.papers; });
      for (size_t rank = 0; rank < list.size() && static_cast<int>(rank) < ctx.options.top_n; ++rank) {
        const JointInstitution* i = info[list[rank].institution];
        const JointInstitution* j = info[list[rank].partner];
        table.rows.push_back({ctx.SideName(std::string(1, side)), country, std::to_string(rank + 1), i->key, i->name,
                              j->key, j->name, j->country, std::to_string(list[rank].papers)});
      }
    }
  }
  return {std::move(table)};
}

}  // namespace entangle::analyze
