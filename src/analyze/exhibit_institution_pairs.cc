// Exhibit 6: the top institution pairs (one institution in each group) per country.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

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
  std::map<std::string, const JointInstitution*> info;  // the first affiliation row of each key, for names
  std::vector<std::string> key_names(data.institution_keys);
  for (const JointInstitution& inst : data.affiliations) key_names[inst.key_index] = inst.key;
  for (select::Sides side : select::kEachSide) {
    select::Sides other = side.Other();
    std::map<std::pair<uint32_t, uint32_t>, int> pairs;  // by key index
    Tally country_papers;  // orders the countries as in joint_by_country (whole counts)
    std::set<std::string> countries;
    std::vector<std::pair<const JointInstitution*, const JointInstitution*>> on_work;
    for (const JointWork& work : data.works) {
      countries.clear();
      for (const WorkInstitution& wi : work.institutions) {
        const JointInstitution& i = *wi.info;
        info.try_emplace(i.key, &i);
        if (i.country.empty() || !i.sides.Has(side)) continue;
        countries.insert(i.country);
      }
      for (const std::string& c : countries) country_papers.Add(c, 1);
      on_work.clear();  // a pair (by key) counts once per paper
      for (const WorkInstitution& wi : work.institutions) {
        const JointInstitution& i = *wi.info;
        if (i.country.empty() || !i.sides.Has(side)) continue;
        for (const WorkInstitution& wj : work.institutions) {
          const JointInstitution& j = *wj.info;
          if (j.key_index == i.key_index || !j.sides.Has(other)) continue;
          bool listed = std::any_of(on_work.begin(), on_work.end(), [&](const auto& p) {
            return p.first->key_index == i.key_index && p.second->key_index == j.key_index;
          });
          if (!listed) on_work.emplace_back(&i, &j);
        }
      }
      for (const auto& [i, j] : on_work) pairs[{i->key_index, j->key_index}] += 1;
    }
    std::map<std::string, std::vector<PairCount>> by_country;
    for (const auto& [pair, papers] : pairs) {
      const JointInstitution* i = info[key_names[pair.first]];
      by_country[i->country].push_back({i->key, key_names[pair.second], papers});
    }
    for (const auto& [country, unused] : country_papers.Descending()) {
      std::vector<PairCount>& list = by_country[country];
      std::sort(list.begin(), list.end(), [](const PairCount& x, const PairCount& y) {
        return std::tie(y.papers, x.institution, x.partner) < std::tie(x.papers, y.institution, y.partner);
      });
      for (size_t rank = 0; rank < list.size() && static_cast<int>(rank) < ctx.options.top_n; ++rank) {
        const JointInstitution* i = info[list[rank].institution];
        const JointInstitution* j = info[list[rank].partner];
        table.rows.push_back({ctx.SideName(side), country, std::to_string(rank + 1), i->key, i->name, j->key, j->name,
                              j->country, std::to_string(list[rank].papers)});
      }
    }
  }
  return {std::move(table)};
}

}  // namespace entangle::analyze
