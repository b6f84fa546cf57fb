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

std::vector<InstitutionCount> CountAsGiven(const StudyContext& ctx, const JointData& data) {
  std::vector<InstitutionCount> by_key(data.institution_keys);
  std::vector<bool> present(data.institution_keys, false);
  std::vector<uint32_t> seen;  // an institution counts once per work
  for (const JointWork& work : data.works) {
    seen.clear();
    for (const WorkInstitution& on_work : work.institutions) {
      const JointInstitution& inst = *on_work.info;
      if (std::find(seen.begin(), seen.end(), inst.key_index) != seen.end()) continue;
      seen.push_back(inst.key_index);
      InstitutionCount& entry = by_key[inst.key_index];
      if (!present[inst.key_index]) {
        present[inst.key_index] = true;
        entry = {inst.key, inst.id, inst.name, inst.country, inst.sides, inst.type, 0, 1};
      }
      entry.papers += ctx.fractional() ? on_work.fractional : 1.0;
    }
  }
  std::vector<InstitutionCount> counts;
  for (size_t k = 0; k < by_key.size(); ++k) {
    if (present[k]) counts.push_back(std::move(by_key[k]));
  }
  SortDescending(counts);
  return counts;
}

std::vector<InstitutionCount> CountRolledUp(const StudyContext& ctx, const JointData& data,
                                            const LineageResolver& lineage) {
  std::vector<InstitutionCount> entries;
  std::vector<std::set<uint32_t>> members;  // as-given key indexes rolled into each entry
  std::unordered_map<std::string, size_t> entry_of_key;
  std::unordered_map<const JointInstitution*, size_t> entry_of;  // each distinct affiliation, once
  auto entry_for = [&](const JointInstitution& inst) {
    auto known = entry_of.find(&inst);
    if (known != entry_of.end()) return known->second;
    const std::string& root = inst.root;
    std::string key = (root.empty() ? inst.key : root) + "\t" + inst.country;
    auto [found, added] = entry_of_key.try_emplace(key, entries.size());
    if (added) {
      std::string name = root.empty() ? inst.name : lineage.NameOf(root);
      // A root known only by its id (not in the entity files, never an affiliation itself).
      if (!root.empty() && name == root && root != inst.id) name = inst.name + " (within " + root + ")";
      std::string root_country = root.empty() ? inst.country : lineage.CountryOf(root);
      // A unit abroad keeps its own country; its name says whose unit it is.
      if (!root_country.empty() && root_country != inst.country) {
        name += " (" + (inst.country.empty() ? std::string("country unknown") : inst.country) + " units)";
      }
      InstitutionCount& entry =
          entries.emplace_back(InstitutionCount{key, root, name, inst.country, inst.sides, "", 0, 0});
      if (!root.empty()) {
        auto entity = data.institutions.find(root);
        entry.type = entity != data.institutions.end() ? entity->second.type : inst.type;
      } else {
        entry.type = inst.type;
      }
      members.emplace_back();
    }
    members[found->second].insert(inst.key_index);
    entry_of.emplace(&inst, found->second);
    return found->second;
  };
  std::vector<size_t> seen;  // a rolled-up institution counts once per work (whole counting)
  for (const JointWork& work : data.works) {
    seen.clear();
    for (const WorkInstitution& on_work : work.institutions) {
      size_t e = entry_for(*on_work.info);
      if (ctx.fractional()) {
        entries[e].papers += on_work.fractional;
      } else if (std::find(seen.begin(), seen.end(), e) == seen.end()) {
        seen.push_back(e);
        entries[e].papers += 1;
      }
    }
  }
  for (size_t e = 0; e < entries.size(); ++e) entries[e].members = static_cast<int>(members[e].size());
  SortDescending(entries);
  return entries;
}

}  // namespace entangle::analyze
