#include "network/lineage_rollup.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

namespace entangle::network {
namespace {

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

LineageIndex::LineageIndex(const NetworkInput& input) {
  // The entity table is the snapshot's current record; a work row's copy may be older.
  for (const auto& [id, entity] : input.entities) {
    if (!entity.lineage.empty()) lineages_[id] = entity.lineage;
  }
  for (const Occurrence& o : input.occurrences) {
    if (!o.id.empty() && !o.lineage.empty()) lineages_.try_emplace(o.id, o.lineage);
  }
}

const std::vector<std::string>* LineageIndex::Known(const std::string& id) const {
  auto found = lineages_.find(id);
  return found != lineages_.end() ? &found->second : nullptr;
}

std::string LineageIndex::TopOf(const std::vector<std::string>& ancestors) const {
  auto rank = [&](const std::string& a) {
    const std::vector<std::string>* known = Known(a);
    // Unknown lineages rank last: a member we know nothing about is less likely the root than
    // one whose lineage is known to be short; ids break ties so the choice is stable.
    size_t size = known != nullptr ? known->size() : std::numeric_limits<size_t>::max();
    return std::pair<size_t, std::string_view>(size, a);
  };
  const std::string* best = nullptr;
  for (const std::string& a : ancestors) {
    bool in_every_lineage = std::all_of(ancestors.begin(), ancestors.end(), [&](const std::string& b) {
      const std::vector<std::string>* known = Known(b);
      return b == a || known == nullptr || Contains(*known, a);
    });
    if (in_every_lineage && (best == nullptr || rank(a) < rank(*best))) best = &a;
  }
  if (best == nullptr) {  // inconsistent lineages: fall back to the same ranking over all
    for (const std::string& a : ancestors) {
      if (best == nullptr || rank(a) < rank(*best)) best = &a;
    }
  }
  return *best;
}

std::string LineageIndex::RootOf(const std::string& id, const std::vector<std::string>& lineage) const {
  if (id.empty()) return id;
  std::set<std::string> visited = {id};
  std::string current = id;
  std::vector<std::string> members = lineage;
  // Climbs while the chosen ancestor has ancestors of its own (a work's copy of a lineage may
  // predate a reorganisation); `visited` stops cycles in inconsistent data.
  for (;;) {
    if (const std::vector<std::string>* known = Known(current)) members.insert(members.end(), known->begin(), known->end());
    std::vector<std::string> ancestors;
    for (const std::string& m : members) {
      if (visited.count(m) == 0 && !Contains(ancestors, m)) ancestors.push_back(m);
    }
    if (ancestors.empty()) return current;
    std::string top = TopOf(ancestors);
    visited.insert(top);
    current = top;
    members.clear();
  }
}

}  // namespace entangle::network
