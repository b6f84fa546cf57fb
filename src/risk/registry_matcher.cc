// Study institutions -> registry entries. Identifiers first (they cannot be mistaken), then the
// ancestors' entries, then names compared whole after normalisation and only within one country.
// There is deliberately no partial, acronym or similarity matching: "Nanjing University" is a
// different institution from "Nanjing University of Aeronautics and Astronautics", and "NUST" is
// both a Chinese and a Pakistani university.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "risk/name_normalize.h"
#include "risk/registry_format.h"
#include "risk/risk.h"

namespace entangle::risk {
namespace {

enum Rank { kOpenAlexId = 0, kRor = 1, kName = 2, kAlias = 3 };
constexpr std::string_view kRouteNames[] = {"openalex_id", "ror", "name", "alias"};

struct Candidate {
  size_t entry = 0;
  Rank rank = kAlias;
  std::string matched, registry;
};

// A name that is only an acronym in Latin script never identifies an institution; Chinese names
// are judged on the registry side only (a four-character 浙江大学 is a full name).
bool IsLatinAbbreviation(std::string_view name) { return !ContainsHan(name) && IsAbbreviation(name); }

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

bool Allowed(const std::vector<std::string>& filter, const std::string& value) {
  return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
}

}  // namespace

struct RegistryMatcher::Index {
  struct NameRef {
    size_t entry;
    bool alias;
    std::string text;  // as written in the registry
  };
  std::vector<const RegistryEntry*> entries;
  std::vector<std::vector<std::string>> countries;
  std::unordered_map<std::string, std::vector<size_t>> by_openalex, by_ror;
  std::unordered_map<std::string, std::vector<NameRef>> by_name;
  bool lineage = true;

  void AddName(size_t entry, const std::string& name, bool alias) {
    if (name.empty() || (!alias && IsLatinAbbreviation(name))) return;
    for (const std::string& form : {name, StripTrailingAnnotation(name)}) {
      std::string key = NormalizeName(form);
      if (key.empty()) continue;
      auto& refs = by_name[key];
      bool seen = std::any_of(refs.begin(), refs.end(), [&](const NameRef& r) { return r.entry == entry; });
      if (!seen) refs.push_back({entry, alias, name});
    }
  }

  // Every way `facts` names an entry, by its own ids and names (not its ancestors').
  std::vector<Candidate> Direct(const InstitutionFacts& facts) const {
    std::vector<Candidate> out;
    if (const std::string id = NormalizeOpenAlexId(facts.id); !id.empty()) {
      if (auto it = by_openalex.find(id); it != by_openalex.end()) {
        for (size_t e : it->second) out.push_back({e, kOpenAlexId, facts.id, id});
      }
    }
    if (const std::string ror = NormalizeRorId(facts.ror); !ror.empty()) {
      if (auto it = by_ror.find(ror); it != by_ror.end()) {
        for (size_t e : it->second) out.push_back({e, kRor, facts.ror, ror});
      }
    }
    const std::string country = Upper(facts.country_code);
    if (country.empty()) return out;  // a name alone cannot tell countries apart
    std::vector<const std::string*> names{&facts.display_name};
    for (const std::string& alt : facts.alternative_names) names.push_back(&alt);
    for (const std::string* name : names) {
      if (name->empty() || IsLatinAbbreviation(*name)) continue;
      std::set<std::string> keys{NormalizeName(*name), NormalizeName(StripCountryQualifier(*name, country))};
      for (const std::string& key : keys) {
        if (key.empty()) continue;
        auto it = by_name.find(key);
        if (it == by_name.end()) continue;
        for (const NameRef& ref : it->second) {
          const auto& allowed = countries[ref.entry];
          if (std::find(allowed.begin(), allowed.end(), country) == allowed.end()) continue;
          out.push_back({ref.entry, ref.alias ? kAlias : kName, *name, ref.text});
        }
      }
    }
    return out;
  }
};

RegistryMatcher::RegistryMatcher() : index_(std::make_shared<Index>()) {}

Result<RegistryMatcher> RegistryMatcher::Create(const Registry& registry, const MatchOptions& options) {
  // A filter value that selects nothing is almost always a typo: say so instead of matching nothing.
  auto check = [&](const std::vector<std::string>& filter, const char* what, auto field) -> Status {
    for (const std::string& value : filter) {
      bool used = std::any_of(registry.entries.begin(), registry.entries.end(),
                              [&](const RegistryEntry& e) { return field(e) == value; });
      if (!used) return Status::InvalidArgument(fmt::format("no registry entry has {} \"{}\"", what, value));
    }
    return Status::OK();
  };
  ENTANGLE_RETURN_IF_ERROR(check(options.kinds, "kind", [](const RegistryEntry& e) { return e.kind; }));
  ENTANGLE_RETURN_IF_ERROR(check(options.sources, "source", [](const RegistryEntry& e) { return e.source; }));
  ENTANGLE_RETURN_IF_ERROR(check(options.categories, "category", [](const RegistryEntry& e) { return e.category; }));

  auto index = std::make_shared<Index>();
  index->lineage = options.lineage;
  for (const RegistryEntry& e : registry.entries) {
    if (!Allowed(options.kinds, e.kind) || !Allowed(options.sources, e.source) ||
        !Allowed(options.categories, e.category)) {
      continue;
    }
    const size_t i = index->entries.size();
    index->entries.push_back(&e);
    index->countries.push_back(SplitList(e.country, ' '));
    for (const std::string& id : e.openalex_ids) index->by_openalex[NormalizeOpenAlexId(id)].push_back(i);
    for (const std::string& id : e.ror_ids) index->by_ror[NormalizeRorId(id)].push_back(i);
    index->AddName(i, e.name_en, /*alias=*/false);
    index->AddName(i, e.name_zh, /*alias=*/false);
    for (const std::string& alias : e.aliases) {
      if (!IsAbbreviation(alias)) index->AddName(i, alias, /*alias=*/true);
    }
  }
  RegistryMatcher matcher;
  matcher.index_ = std::move(index);
  return matcher;
}

size_t RegistryMatcher::entry_count() const { return index_->entries.size(); }

std::vector<RiskMatch> RegistryMatcher::Match(const InstitutionFacts& institution,
                                              const ParentLookup& lookup_parent) const {
  const Index& index = *index_;
  // Best match per entry: direct before inherited, nearer ancestors first, then by route.
  using Order = std::tuple<int, size_t, int>;
  std::map<size_t, std::pair<Order, RiskMatch>> best;
  auto offer = [&](Order order, size_t entry, RiskMatch match) {
    auto it = best.find(entry);
    if (it == best.end() || order < it->second.first) best[entry] = {order, std::move(match)};
  };

  for (Candidate& c : index.Direct(institution)) {
    RiskMatch m;
    m.entry = index.entries[c.entry];
    m.route = std::string(kRouteNames[c.rank]);
    m.matched_text = std::move(c.matched);
    m.registry_text = std::move(c.registry);
    offer({0, 0, c.rank}, c.entry, std::move(m));
  }

  if (index.lineage) {
    const std::string self = NormalizeOpenAlexId(institution.id);
    size_t position = 0;
    for (const std::string& raw : institution.lineage) {
      const std::string id = NormalizeOpenAlexId(raw);
      if (id.empty() || id == self) continue;
      ++position;
      const InstitutionFacts* ancestor = lookup_parent ? lookup_parent(raw) : nullptr;
      InstitutionFacts id_only;
      id_only.id = id;
      const InstitutionFacts& facts = ancestor ? *ancestor : id_only;
      for (Candidate& c : index.Direct(facts)) {
        RiskMatch m;
        m.entry = index.entries[c.entry];
        m.route = "lineage";
        m.matched_text = std::move(c.matched);
        m.registry_text = std::move(c.registry);
        m.inherited = true;
        m.inherited_from = ancestor && !ancestor->display_name.empty() ? ancestor->display_name : id;
        m.inherited_from_id = id;
        m.ancestor_route = std::string(kRouteNames[c.rank]);
        offer({1, position, c.rank}, c.entry, std::move(m));
      }
    }
  }

  std::vector<std::pair<Order, std::pair<size_t, RiskMatch>>> ordered;
  for (auto& [entry, item] : best) ordered.push_back({item.first, {entry, std::move(item.second)}});
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.first) < std::tie(b.first, b.second.first);
  });
  std::vector<RiskMatch> out;
  for (auto& item : ordered) out.push_back(std::move(item.second.second));
  return out;
}

}  // namespace entangle::risk
