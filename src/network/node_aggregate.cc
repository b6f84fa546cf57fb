#include "network/node_aggregate.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "network/lineage_rollup.h"

namespace entangle::network {
namespace {

// Attributes as seen on the works: the node's own rows (first non-empty value wins), and, for a
// rolled-up root that never appears itself, whether all its members agree on a country/type.
struct SeenAttributes {
  std::string label, country, type;
  std::optional<std::string> member_country, member_type;
  bool countries_differ = false, types_differ = false;
};

void Agree(std::optional<std::string>& value, bool& differ, const std::string& seen) {
  if (!value) {
    value = seen;
  } else if (*value != seen) {
    differ = true;
  }
}

void NoteOccurrence(SeenAttributes& seen, const Occurrence& o, bool is_self) {
  if (is_self) {
    if (seen.label.empty()) seen.label = o.label;
    if (seen.country.empty()) seen.country = o.country;
    if (seen.type.empty()) seen.type = o.type;
  }
  Agree(seen.member_country, seen.countries_differ, o.country);
  Agree(seen.member_type, seen.types_differ, o.type);
}

// Entity table first (current names), then the node's own work rows, then (for a root known only
// through its members) the members' common country and type, and its id as the label.
void Resolve(Candidate& c, const SeenAttributes& seen, const NetworkInput& input) {
  auto entity = input.entities.find(c.key);
  const Entity* e = entity != input.entities.end() ? &entity->second : nullptr;
  auto pick = [](const std::string& first, const std::string& second) { return !first.empty() ? first : second; };
  c.label = pick(e != nullptr ? e->label : "", seen.label);
  c.country = pick(e != nullptr ? e->country : "", seen.country);
  c.type = pick(e != nullptr ? e->type : "", seen.type);
  if (c.label.empty()) c.label = c.key.rfind("name:", 0) == 0 ? c.key.substr(5) : c.key;
  if (c.country.empty() && !seen.countries_differ && seen.member_country) c.country = *seen.member_country;
  if (c.type.empty() && !seen.types_differ && seen.member_type) c.type = *seen.member_type;
  c.group = GroupOf(input, c.country);
}

}  // namespace

Aggregate AggregateNodes(const NetworkInput& input, bool roll_up_lineage) {
  std::optional<LineageIndex> lineage;
  if (roll_up_lineage) lineage.emplace(input);
  Aggregate out;
  std::vector<SeenAttributes> seen;
  std::unordered_map<std::string, uint32_t> index_of;
  std::vector<uint32_t> members;
  auto finish_work = [&] {
    if (members.empty()) return;
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    for (uint32_t m : members) ++out.candidates[m].works;
    out.work_members.push_back(std::move(members));
    members.clear();
  };
  for (size_t i = 0; i < input.occurrences.size(); ++i) {
    const Occurrence& o = input.occurrences[i];
    if (i > 0 && o.work_id != input.occurrences[i - 1].work_id) finish_work();
    // Affiliations without an OpenAlex id have no lineage: they stay nodes of their own.
    std::string key = lineage && !o.id.empty() ? lineage->RootOf(o.id, o.lineage) : o.key;
    auto [found, added] = index_of.try_emplace(key, static_cast<uint32_t>(out.candidates.size()));
    if (added) {
      out.candidates.push_back(Candidate{key});
      seen.emplace_back();
    }
    Candidate& c = out.candidates[found->second];
    c.fractional += o.share;
    NoteOccurrence(seen[found->second], o, o.key == key);
    members.push_back(found->second);
  }
  finish_work();
  for (size_t i = 0; i < out.candidates.size(); ++i) Resolve(out.candidates[i], seen[i], input);
  return out;
}

}  // namespace entangle::network
