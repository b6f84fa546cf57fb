#pragma once
// Internal: rolls institutions up to their top-most ancestor.
//
// OpenAlex `lineage` lists an institution and all its ancestors, but NOT in hierarchical order
// (in practice it is sorted by id: Huawei Technologies (Sweden) I4210159102 has lineage
// [I2250955327 (Huawei), I4210159102]), so neither its first nor its last element can be taken
// as the root. The root is found from the ancestors' own lineages instead; see RootOf().
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/joint_data.h"

namespace entangle::analyze {

class LineageResolver {
 public:
  // Learns lineages, names and countries from the institution entities and every affiliation.
  explicit LineageResolver(const JointData& data);

  // The top-most ancestor of institution `id` given its lineage (the institution itself when it
  // has no other lineage member). Among the other members, an ancestor whose own known lineage
  // contains another member is below that member and is not the root; of those left, the one
  // listed in most of the other members' lineages wins, then a known lineage of length 1 (a
  // confirmed top-level institution), then the smallest id.
  std::string RootOf(const std::string& id, const std::vector<std::string>& lineage) const;
  // Name and country of an institution id, from the entity, else from an affiliation; the id
  // itself / "" when unknown.
  std::string NameOf(const std::string& id) const;
  std::string CountryOf(const std::string& id) const;

 private:
  struct Known {
    std::vector<std::string> lineage;
    std::string name, country;
  };
  std::unordered_map<std::string, Known> known_;
};

}  // namespace entangle::analyze
