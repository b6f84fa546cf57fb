#pragma once
// Internal: the would-be nodes of the network (institutions, or lineage roots with the roll-up),
// their joint-work counts and which of them appear on each joint work.
#include <cstdint>
#include <string>
#include <vector>

#include "network/network_input.h"

namespace entangle::network {

struct Candidate {
  std::string key;
  std::string label;
  std::string country;
  std::string type;
  select::Sides group;
  uint64_t works = 0;
  double fractional = 0;
};

struct Aggregate {
  std::vector<Candidate> candidates;
  // Per joint work, the distinct candidates on it (indexes into `candidates`, ascending).
  std::vector<std::vector<uint32_t>> work_members;
};

Aggregate AggregateNodes(const NetworkInput& input, bool roll_up_lineage);

}  // namespace entangle::network
