// RegistryEntities: registry entries grouped into the entities they name (risk.h; docs/risk.md,
// "Entities"). Ids decide first; exact names within one country only for entries without ids.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "common/ascii.h"
#include "risk/name_normalize.h"
#include "risk/risk.h"

namespace entangle::risk {
namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), size_t{0}); }
  // The smallest position of the set: sets are kept rooted at their first entry.
  size_t Root(size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Join(size_t a, size_t b) {
    a = Root(a);
    b = Root(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

bool HasIds(const RegistryEntry& e) { return !e.openalex_ids.empty() || !e.ror_ids.empty(); }

// "CN" or "CN HK": the entry's countries, sorted; "" when unknown.
std::string Countries(const RegistryEntry& e) {
  std::vector<std::string> codes = SplitWords(e.country);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return fmt::format("{}", fmt::join(codes, " "));
}

// The entry's English names (its name and its registered full aliases: never an abbreviation or a
// Chinese form), each as its normal form and the countries; none when the country is unknown.
std::vector<std::pair<std::string, std::string>> NameKeys(const RegistryEntry& e) {
  std::vector<std::pair<std::string, std::string>> keys;  // (key, the name as written)
  std::string countries = Countries(e);
  if (countries.empty()) return keys;
  auto add = [&](const std::string& name) {
    if (name.empty() || IsAbbreviation(name) || ContainsHan(name)) return;
    std::string normal = NormalizeName(name);
    if (normal.empty()) return;
    std::string key = normal + '\t' + countries;
    for (const auto& [k, as_written] : keys) {
      if (k == key) return;
    }
    keys.push_back({std::move(key), name});
  };
  add(e.name_en);
  for (const std::string& alias : e.aliases) add(alias);
  return keys;
}

// Joins entries that share an id of one kind (OpenAlex ids, or ROR ids).
void JoinByIds(const std::vector<RegistryEntry>& entries, std::vector<std::string> RegistryEntry::*ids,
               UnionFind& sets) {
  std::map<std::string, size_t> first_with;
  for (size_t i = 0; i < entries.size(); ++i) {
    for (const std::string& id : entries[i].*ids) {
      if (id.empty()) continue;
      auto [found, added] = first_with.emplace(id, i);
      if (!added) sets.Join(found->second, i);
    }
  }
}

// Entries without ids join the entries of one of their exact English names and countries, unless
// ids tell two entities of that name apart.
void JoinByNames(const std::vector<RegistryEntry>& entries, UnionFind& sets) {
  struct Named {
    std::vector<size_t> without_ids;
    std::set<size_t> id_entities;  // roots of the entries with ids
  };
  std::map<std::string, Named> by_name;
  for (size_t i = 0; i < entries.size(); ++i) {
    for (const auto& [key, as_written] : NameKeys(entries[i])) {
      Named& named = by_name[key];
      if (HasIds(entries[i])) {
        named.id_entities.insert(sets.Root(i));
      } else {
        named.without_ids.push_back(i);
      }
    }
  }
  for (const auto& [key, named] : by_name) {
    if (named.without_ids.empty()) continue;
    for (size_t i : named.without_ids) sets.Join(named.without_ids.front(), i);
    if (named.id_entities.size() == 1) sets.Join(named.without_ids.front(), *named.id_entities.begin());
  }
}

// The ids that two or more of the entity's entries have, e.g. "same OpenAlex id I204983213".
void SharedIds(const RegistryEntity& entity, std::vector<std::string> RegistryEntry::*ids, const char* what,
               std::vector<std::string>& out) {
  std::map<std::string, int> count;
  std::vector<std::string> order;
  for (const RegistryEntry* e : entity.entries) {
    for (const std::string& id : e->*ids) {
      if (count[id]++ == 0) order.push_back(id);
    }
  }
  for (const std::string& id : order) {
    if (count[id] > 1) out.push_back(fmt::format("same {} {}", what, id));
  }
}

std::string JoinedBy(const RegistryEntity& entity) {
  if (entity.entries.size() < 2) return "";
  std::vector<std::string> why;
  SharedIds(entity, &RegistryEntry::openalex_ids, "OpenAlex id", why);
  SharedIds(entity, &RegistryEntry::ror_ids, "ROR id", why);
  bool without_ids = false;
  for (const RegistryEntry* e : entity.entries) without_ids = without_ids || !HasIds(*e);
  if (!without_ids) return fmt::format("{}", fmt::join(why, "; "));  // ids are the evidence
  std::map<std::string, int> count;                                  // name key -> entries with that name
  std::vector<std::pair<std::string, std::string>> order;
  for (const RegistryEntry* e : entity.entries) {
    for (auto& [key, as_written] : NameKeys(*e)) {
      if (count[key]++ == 0) order.push_back({key, as_written + " (" + Countries(*e) + ")"});
    }
  }
  for (const auto& [key, shown] : order) {
    if (count[key] > 1) why.push_back("same name and country: " + shown);
  }
  return fmt::format("{}", fmt::join(why, "; "));
}

void Describe(RegistryEntity& entity) {
  for (const RegistryEntry* e : entity.entries) {
    if (entity.name_en.empty()) entity.name_en = e->name_en;
    if (entity.name_zh.empty()) entity.name_zh = e->name_zh;
  }
  for (const RegistryEntry* e : entity.entries) {
    if (!e->openalex_ids.empty()) {
      entity.key = "openalex:" + e->openalex_ids.front();
      break;
    }
  }
  for (const RegistryEntry* e : entity.entries) {
    if (entity.key.empty() && !e->ror_ids.empty()) entity.key = "ror:" + e->ror_ids.front();
  }
  if (entity.key.empty()) entity.key = entity.entries.front()->key;
  entity.joined_by = JoinedBy(entity);
}

}  // namespace

RegistryEntities::RegistryEntities(const Registry& registry) {
  const std::vector<RegistryEntry>& entries = registry.entries;
  UnionFind sets(entries.size());
  JoinByIds(entries, &RegistryEntry::openalex_ids, sets);
  JoinByIds(entries, &RegistryEntry::ror_ids, sets);
  JoinByNames(entries, sets);

  first_ = entries.empty() ? nullptr : entries.data();
  entity_of_.resize(entries.size());
  std::map<size_t, size_t> entity_of_root;
  for (size_t i = 0; i < entries.size(); ++i) {
    auto [found, added] = entity_of_root.emplace(sets.Root(i), entities_.size());
    if (added) entities_.emplace_back();
    entities_[found->second].entries.push_back(&entries[i]);
    entity_of_[i] = found->second;
  }
  for (size_t n = 0; n < entities_.size(); ++n) {
    RegistryEntity& entity = entities_[n];
    Describe(entity);
    if (!by_key_.emplace(entity.key, n).second) {  // an entry key that looks like another entity's id key
      entity.key = entity.entries.front()->key;
      by_key_.emplace(entity.key, n);
    }
    for (const RegistryEntry* e : entity.entries) by_entry_key_.emplace(e->key, n);
  }
}

const RegistryEntity* RegistryEntities::Of(const RegistryEntry& entry) const {
  std::less<const RegistryEntry*> before;
  if (first_ == nullptr || before(&entry, first_) || !before(&entry, first_ + entity_of_.size())) return nullptr;
  return &entities_[entity_of_[static_cast<size_t>(&entry - first_)]];
}

const RegistryEntity* RegistryEntities::OfEntryKey(std::string_view entry_key) const {
  auto found = by_entry_key_.find(entry_key);
  return found == by_entry_key_.end() ? nullptr : &entities_[found->second];
}

const RegistryEntity* RegistryEntities::Find(std::string_view entity_key) const {
  auto found = by_key_.find(entity_key);
  return found == by_key_.end() ? nullptr : &entities_[found->second];
}

}  // namespace entangle::risk
