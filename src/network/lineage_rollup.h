#pragma once
// Internal: maps an institution to its top-most lineage ancestor (e.g. "Huawei Technologies
// (Sweden)" to Huawei, an institute to its academy) for the roll-up option.
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "network/network_input.h"

namespace entangle::network {

class LineageIndex {
 public:
  explicit LineageIndex(const NetworkInput& input);

  // The top-most ancestor of `id`, given the lineage recorded with it on a work; `id` itself when
  // it has no ancestor.
  std::string RootOf(const std::string& id, const std::vector<std::string>& lineage) const;

 private:
  // OpenAlex stores a lineage as a set (sorted ids, not root first), so the root is found by
  // comparing the members' own lineages: it is in every ancestor's lineage and has the shortest.
  std::string TopOf(const std::vector<std::string>& ancestors) const;
  const std::vector<std::string>* Known(const std::string& id) const;

  std::unordered_map<std::string, std::vector<std::string>> lineages_;
};

}  // namespace entangle::network
