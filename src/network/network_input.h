#pragma once
// Internal: what the network needs from a study database, read in one pass.
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "select/sides.h"

namespace entangle::network {

// One institution on one joint work (a work_institutions row) and its author share there.
struct Occurrence {
  std::string work_id;
  std::string key;  // institution_key: the OpenAlex id, or "name:..." without one
  std::string id;   // empty without an OpenAlex id
  std::string label;
  std::string country;
  std::string type;
  std::vector<std::string> lineage;
  double share = 0;  // sum over its authors of 1 / (authors · the author's institutions)
};

// An institutions-table entity (the snapshot's own record, preferred over work rows).
struct Entity {
  std::string label;
  std::string country;
  std::string type;
  std::vector<std::string> lineage;
};

struct NetworkInput {
  std::string study_name;
  std::string group_a_name;
  std::string group_b_name;
  std::set<std::string> group_a;  // country codes
  std::set<std::string> group_b;
  std::vector<Occurrence> occurrences;  // ordered by work id, then key
  std::unordered_map<std::string, Entity> entities;
};

Result<NetworkInput> LoadNetworkInput(const std::string& database_path);

// The groups a country code is in.
select::Sides GroupOf(const NetworkInput& input, const std::string& country);

}  // namespace entangle::network
