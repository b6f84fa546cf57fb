#include "analyze/institution_counts.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace entangle::analyze {
namespace {

void SortDescending(std::vector<InstitutionCount>& counts) {
  std::sort(counts.begin(), counts.end(), [](const InstitutionCount& x, const InstitutionCount& y) {
    if (x.papers != y.papers) return x.papers > y.papers;
    if (x.name != y.name) return x.name < y.name;
    return x.key < y.key;
  });
}

}  // namespace

std::string RootId(const JointInstitution& inst, const LineageResolver& lineage) {
  return inst.id.empty() ? "" : lineage.RootOf(inst.id, inst.lineage);
}

std::vector<InstitutionCount> CountAsGiven(const StudyContext& ctx, const JointData& data) {
  std::unordered_map<std::string, InstitutionCount> by_key;
  for (const JointWork& work : data.works) {
    std::set<std::string> seen;  // an institution counts once per work
    for (const JointInstitution& inst : work.institutions) {
      if (!seen.insert(inst.key).second) continue;
      auto [entry, added] = by_key.try_emplace(inst.key);
      if (added) entry->second = {inst.key, inst.id, inst.name, inst.country, inst.side, inst.type, 0, 1};
      entry->second.papers += ctx.fractional() ? inst.fractional : 1.0;
    }
  }
  std::vector<InstitutionCount> counts;
  for (auto& [key, count] : by_key) counts.push_back(std::move(count));
  SortDescending(counts);
  return counts;
}

std::vector<InstitutionCount> CountRolledUp(const StudyContext& ctx, const JointData& data,
                                            const LineageResolver& lineage) {
  std::unordered_map<std::string, InstitutionCount> by_key;
  std::unordered_map<std::string, std::set<std::string>> members;
  for (const JointWork& work : data.works) {
    std::set<std::string> seen;
    for (const JointInstitution& inst : work.institutions) {
      std::string root = RootId(inst, lineage);
      std::string key = (root.empty() ? inst.key : root) + "\t" + inst.country;
      auto [entry, added] = by_key.try_emplace(key);
      if (added) {
        std::string name = root.empty() ? inst.name : lineage.NameOf(root);
        // A root known only by its id (not in the entity files, never an affiliation itself).
        if (!root.empty() && name == root && root != inst.id) name = inst.name + " (within " + root + ")";
        std::string root_country = root.empty() ? inst.country : lineage.CountryOf(root);
        // A unit abroad keeps its own country; its name says whose unit it is.
        if (!root_country.empty() && root_country != inst.country) {
          name += " (" + (inst.country.empty() ? std::string("no country") : inst.country) + " units)";
        }
        entry->second = {key, root, name, inst.country, inst.side, "", 0, 0};
        if (!root.empty()) {
          auto entity = data.institutions.find(root);
          entry->second.type = entity != data.institutions.end() ? entity->second.type : inst.type;
        } else {
          entry->second.type = inst.type;
        }
      }
      members[key].insert(inst.key);
      if (ctx.fractional()) {
        entry->second.papers += inst.fractional;
      } else if (seen.insert(key).second) {
        entry->second.papers += 1;
      }
    }
  }
  std::vector<InstitutionCount> counts;
  for (auto& [key, count] : by_key) {
    count.members = static_cast<int>(members[key].size());
    counts.push_back(std::move(count));
  }
  SortDescending(counts);
  return counts;
}

}  // namespace entangle::analyze
