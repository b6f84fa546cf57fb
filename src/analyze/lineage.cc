#include "analyze/lineage.h"

#include <algorithm>
#include <tuple>
#include <unordered_set>

namespace entangle::analyze {

LineageResolver::LineageResolver(const JointData& data) {
  for (const auto& [id, entity] : data.institutions) {
    known_[id] = {entity.lineage, entity.name, entity.country};
  }
  // Affiliations fill in institutions the entity files do not have (the entity wins otherwise),
  // the first copy in work order first.
  std::unordered_set<const JointInstitution*> seen;
  for (const JointWork& work : data.works) {
    for (const WorkInstitution& on_work : work.institutions) {
      const JointInstitution& inst = *on_work.info;
      if (inst.id.empty() || !seen.insert(&inst).second) continue;
      Known& k = known_[inst.id];
      if (k.lineage.empty()) k.lineage = inst.lineage;
      if (k.name.empty()) k.name = inst.name;
      if (k.country.empty()) k.country = inst.country;
    }
  }
}

std::string LineageResolver::RootOf(const std::string& id, const std::vector<std::string>& lineage) const {
  std::vector<std::string> ancestors;
  for (const std::string& member : lineage) {
    if (member != id && std::find(ancestors.begin(), ancestors.end(), member) == ancestors.end()) {
      ancestors.push_back(member);
    }
  }
  if (ancestors.empty()) return id;
  if (ancestors.size() == 1) return ancestors.front();
  auto lineage_of = [&](const std::string& member) -> const std::vector<std::string>* {
    auto found = known_.find(member);
    return found == known_.end() || found->second.lineage.empty() ? nullptr : &found->second.lineage;
  };
  auto lists = [](const std::vector<std::string>* members, const std::string& member) {
    return members != nullptr && std::find(members->begin(), members->end(), member) != members->end();
  };
  // (listed in how many other ancestors' lineages, confirmed top-level, -id) — larger is better.
  std::tuple<int, bool, std::string> best_score{-1, false, ""};
  std::string best;
  for (const std::string& candidate : ancestors) {
    const std::vector<std::string>* own = lineage_of(candidate);
    bool below_another = false;
    int listed_by = 0;
    for (const std::string& other : ancestors) {
      if (other == candidate) continue;
      if (lists(own, other)) below_another = true;
      if (lists(lineage_of(other), candidate)) ++listed_by;
    }
    if (below_another) continue;
    bool top_level = own != nullptr && own->size() == 1;
    bool better = best.empty() || listed_by > std::get<0>(best_score) ||
                  (listed_by == std::get<0>(best_score) && top_level && !std::get<1>(best_score)) ||
                  (listed_by == std::get<0>(best_score) && top_level == std::get<1>(best_score) && candidate < best);
    if (better) {
      best_score = {listed_by, top_level, candidate};
      best = candidate;
    }
  }
  // Every ancestor below another one: the lineages contradict each other; fall back to the smallest id.
  if (best.empty()) best = *std::min_element(ancestors.begin(), ancestors.end());
  return best;
}

std::string LineageResolver::NameOf(const std::string& id) const {
  auto found = known_.find(id);
  return found == known_.end() || found->second.name.empty() ? id : found->second.name;
}

std::string LineageResolver::CountryOf(const std::string& id) const {
  auto found = known_.find(id);
  return found == known_.end() ? "" : found->second.country;
}

}  // namespace entangle::analyze
