// Matching one affiliation to the labs of the registry: ids first, then exact normalised names.
#include "labs/labs.h"

#include <algorithm>
#include <map>
#include <set>

#include "risk/name_normalize.h"

namespace entangle::labs {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int Strength(LabRoute route) { return static_cast<int>(route); }  // lower is stronger

}  // namespace

std::string_view LabRouteName(LabRoute route) {
  switch (route) {
    case LabRoute::kOpenAlexId: return "openalex_id";
    case LabRoute::kRorId: return "ror_id";
    case LabRoute::kLineage: return "lineage";
    case LabRoute::kAffiliationName: return "affiliation_name";
  }
  return "";
}

std::vector<AffiliationPart> SplitAffiliation(std::string_view raw) {
  // Separators: ',' ';' and their full-width forms '，' (EF BC 8C) and '；' (EF BC 9B).
  auto separator_at = [&](size_t i) -> size_t {  // the separator's length at i, or 0
    if (raw[i] == ',' || raw[i] == ';') return 1;
    if (raw[i] == '\xEF' && i + 2 < raw.size() && raw[i + 1] == '\xBC' &&
        (raw[i + 2] == '\x8C' || raw[i + 2] == '\x9B')) {
      return 3;
    }
    return 0;
  };
  std::vector<AffiliationPart> parts;
  size_t start = 0;
  auto close = [&](size_t stop) {
    size_t begin = start, end = stop;
    while (begin < end && IsSpace(raw[begin])) ++begin;
    while (end > begin && IsSpace(raw[end - 1])) --end;
    if (begin < end) parts.push_back({begin, end});
  };
  for (size_t i = 0; i < raw.size();) {
    size_t length = separator_at(i);
    if (length == 0) {
      ++i;
      continue;
    }
    close(i);
    i += length;
    start = i;
  }
  close(raw.size());
  return parts;
}

LabMatcher::LabMatcher(const LabRegistry& registry) : registry_(registry) {
  for (size_t i = 0; i < registry.labs.size(); ++i) {
    const Lab& lab = registry.labs[i];
    for (const std::string& id : lab.openalex_ids) by_openalex_id_[id].push_back(i);
    for (const std::string& id : lab.ror_ids) by_ror_id_[id].push_back(i);
    for (const std::string& name : lab.affiliation_names) {
      if (risk::IsAbbreviation(name)) continue;  // the loader refuses them; a registry built in code may not
      std::string key = risk::NormalizeName(name);
      if (key.empty()) continue;
      by_name_[key].push_back({i, name});
      max_name_parts_ = std::max(max_name_parts_, SplitAffiliation(name).size());
    }
  }
}

std::vector<LabMatch> LabMatcher::Match(const AffiliationFacts& facts) const {
  std::map<size_t, LabMatch> best;  // by lab index: registry order, one match per lab
  auto offer = [&](size_t lab, LabRoute route, std::string evidence, std::string matched, std::string lab_text,
                   std::string raw = "") {
    auto it = best.find(lab);
    if (it != best.end() && Strength(it->second.route) <= Strength(route)) return;  // first of equals wins
    LabMatch m;
    m.lab = &registry_.labs[lab];
    m.route = route;
    m.evidence = std::move(evidence);
    m.matched_text = std::move(matched);
    m.lab_text = std::move(lab_text);
    m.raw_affiliation = std::move(raw);
    best[lab] = std::move(m);
  };

  if (!facts.openalex_id.empty()) {
    if (auto it = by_openalex_id_.find(facts.openalex_id); it != by_openalex_id_.end()) {
      for (size_t lab : it->second)
        offer(lab, LabRoute::kOpenAlexId, "openalex_id", facts.openalex_id, facts.openalex_id);
    }
  }
  if (!facts.ror_id.empty()) {
    if (auto it = by_ror_id_.find(facts.ror_id); it != by_ror_id_.end()) {
      for (size_t lab : it->second) offer(lab, LabRoute::kRorId, "ror_id", facts.ror_id, facts.ror_id);
    }
  }
  for (const std::string& ancestor : facts.lineage) {
    if (ancestor.empty() || ancestor == facts.openalex_id) continue;  // self is the id route
    if (auto it = by_openalex_id_.find(ancestor); it != by_openalex_id_.end()) {
      for (size_t lab : it->second) offer(lab, LabRoute::kLineage, "lineage", ancestor, ancestor);
    }
  }

  auto offer_name = [&](std::string_view text, const char* evidence, const std::string& raw) {
    std::string key = risk::NormalizeName(text);
    if (key.empty()) return;
    auto it = by_name_.find(key);
    if (it == by_name_.end()) return;
    for (const NameRef& ref : it->second) {
      offer(ref.lab, LabRoute::kAffiliationName, evidence, std::string(text), ref.name, raw);
    }
  };
  if (!facts.display_name.empty()) {
    std::set<std::string> forms{facts.display_name,
                                risk::StripCountryQualifier(facts.display_name, facts.country_code)};
    for (const std::string& form : forms) offer_name(form, "display_name", "");
  }
  for (const std::string& raw : facts.raw_affiliations) {
    std::vector<AffiliationPart> parts = SplitAffiliation(raw);
    // Every run of consecutive whole parts, up to as many parts as the longest affiliation name has
    // (a name may itself hold a comma: "Institute of Automation, Chinese Academy of Sciences").
    for (size_t first = 0; first < parts.size(); ++first) {
      for (size_t last = first; last < parts.size() && last - first < max_name_parts_; ++last) {
        std::string_view run(raw.data() + parts[first].begin, parts[last].end - parts[first].begin);
        offer_name(run, "raw_affiliation", raw);
      }
    }
  }

  std::vector<LabMatch> matches;
  matches.reserve(best.size());
  for (auto& [lab, match] : best) matches.push_back(std::move(match));
  return matches;
}

}  // namespace entangle::labs
