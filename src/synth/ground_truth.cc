#include "synth/ground_truth.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "synth/tables.h"

namespace entangle::synth {
namespace {

// Per institution: ancestors (by index), its top company (or -1), the curated registry rows naming it.
struct InstitutionIndex {
  std::vector<std::vector<uint16_t>> ancestors;
  std::vector<int> top_company;
  std::vector<std::vector<uint8_t>> curated;  // indexes into CuratedEntries()
};

// An unknown id in the hand-written curated table would silently drop its ties: fail loudly instead.
std::vector<std::vector<uint8_t>> CuratedByInstitution(const std::unordered_map<std::string_view, uint16_t>& by_id) {
  std::vector<std::vector<uint8_t>> out(Institutions().size());
  const auto& rows = CuratedEntries();
  for (size_t row = 0; row < rows.size(); ++row) {
    for (std::string_view id : SplitIds(rows[row].institution_ids)) {
      auto it = by_id.find(id);
      if (it == by_id.end()) {
        std::fprintf(stderr, "synth: curated row %s names an unknown institution\n", rows[row].registry_key);
        std::abort();
      }
      out[it->second].push_back(static_cast<uint8_t>(row));
    }
  }
  return out;
}

const InstitutionIndex& GetInstitutionIndex() {
  static const InstitutionIndex kIndex = [] {
    const auto& all = Institutions();
    std::unordered_map<std::string_view, uint16_t> by_id;
    for (size_t i = 0; i < all.size(); ++i) by_id.emplace(all[i].id, static_cast<uint16_t>(i));
    InstitutionIndex x;
    x.ancestors.resize(all.size());
    x.top_company.assign(all.size(), -1);
    for (size_t i = 0; i < all.size(); ++i) {
      for (std::string_view parent : SplitIds(all[i].parents)) {
        auto it = by_id.find(parent);
        if (it != by_id.end()) x.ancestors[i].push_back(it->second);
      }
    }
    auto is_company = [&](size_t i) { return std::strcmp(all[i].type, "company") == 0; };
    for (size_t i = 0; i < all.size(); ++i) {
      // The company highest in the lineage (fewest ancestors of its own): Huawei for Huawei (Sweden).
      int best = is_company(i) ? static_cast<int>(i) : -1;
      for (uint16_t a : x.ancestors[i]) {
        if (!is_company(a)) continue;
        if (best < 0 || x.ancestors[a].size() < x.ancestors[static_cast<size_t>(best)].size()) best = a;
      }
      x.top_company[i] = best;
    }
    x.curated = CuratedByInstitution(by_id);
    return x;
  }();
  return kIndex;
}

CountryCode OwnCountry(uint16_t institution) {
  const char* c = Institutions()[institution].country;
  return c[0] == '\0' ? 0 : PackCountry(c[0], c[1]);
}

template <typename T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The curated rows naming one of a joint work's institutions (direct) or one of their lineages (via).
void AddCuratedTies(const std::vector<uint16_t>& institutions, const std::vector<uint16_t>& via,
                    const TermSet& term_set, Tally& t) {
  const InstitutionIndex& index = GetInstitutionIndex();
  thread_local std::vector<uint8_t> rows_via, rows_direct;
  rows_via.clear();
  rows_direct.clear();
  for (uint16_t i : via) rows_via.insert(rows_via.end(), index.curated[i].begin(), index.curated[i].end());
  for (uint16_t i : institutions) {
    rows_direct.insert(rows_direct.end(), index.curated[i].begin(), index.curated[i].end());
  }
  // Two institutions named by one row (or a campus and its parent) still make one tie per work.
  SortUnique(rows_via);
  SortUnique(rows_direct);
  for (uint8_t row : rows_via) {
    ++t.curated[row].first;
    ++t.curated_term_sets[{row, term_set}];
  }
  for (uint8_t row : rows_direct) ++t.curated[row].second;
}

}  // namespace

std::vector<std::string_view> SplitIds(std::string_view list) {
  std::vector<std::string_view> ids;
  while (!list.empty()) {
    size_t sp = list.find(' ');
    ids.push_back(list.substr(0, sp));
    list = sp == std::string_view::npos ? std::string_view() : list.substr(sp + 1);
  }
  return ids;
}

void Tally::AddHome(const WorkPlan& plan, const WorkFacts& facts) {
  ++records;
  ++works;
  if (plan.case_study >= 0) cases.push_back({plan.case_study, plan.id, facts.joint});
  thread_local std::vector<uint8_t> fams;
  fams.clear();
  for (const auto& t : plan.terms) fams.push_back(t.family);
  SortUnique(fams);
  for (uint8_t f : fams) ++families_all[f];
  if (!facts.in_scope) return;
  ++in_scope;
  if (!facts.field) return;
  ++field_relevant;
  const int year = plan.year;
  bool any_a = false, any_b = false;
  long double frac_a = 0, frac_b = 0;
  for (CountryCode c : facts.countries) {
    ++country[c][year].whole;
    any_a = any_a || InGroupA(c);
    any_b = any_b || InGroupB(c);
  }
  bool any_unknown = false;
  for (const auto& [c, share] : facts.fractional) {
    country[c][year].fractional += share;
    any_unknown = any_unknown || c == kUnknownCountry;
    if (InGroupA(c)) frac_a += share;
    if (InGroupB(c)) frac_b += share;
  }
  // docs/counting.md: the "??" unit's whole count is the works with an author without a country.
  if (any_unknown) ++country[kUnknownCountry][year].whole;
  group_a[year].whole += any_a ? 1 : 0;
  group_a[year].fractional += frac_a;
  group_b[year].whole += any_b ? 1 : 0;
  group_b[year].fractional += frac_b;
  if (!facts.joint) return;

  ++joint;
  ++joint_by_year[year];
  lab_dual.AddJoint(plan, facts);
  for (CountryCode c : facts.countries) ++joint_by_country_year[c][year];

  const InstitutionIndex& index = GetInstitutionIndex();
  const auto& all = Institutions();
  thread_local TermSet term_set;
  term_set.clear();
  for (const auto& term : plan.terms) term_set.emplace_back(term.family, term.term);
  SortUnique(term_set);
  thread_local std::vector<uint16_t> insts, direct, via, europe, china, company;
  insts.clear();
  for (const auto& a : plan.authors) {
    for (int k = 0; k < a.affiliation_count; ++k) insts.push_back(a.affiliations[k].institution);
  }
  SortUnique(insts);
  direct.clear();
  via.clear();
  europe.clear();
  china.clear();
  company.clear();
  bool chinese_company = false, european_company = false;
  for (uint16_t i : insts) {
    if (all[i].aspi_name[0] != '\0') direct.push_back(i);
    via.push_back(i);
    via.insert(via.end(), index.ancestors[i].begin(), index.ancestors[i].end());
    const CountryCode own = OwnCountry(i);
    if (own != 0 && InGroupA(own)) europe.push_back(i);
    if (own != 0 && InGroupB(own)) china.push_back(i);
    if (index.top_company[i] >= 0) {
      company.push_back(static_cast<uint16_t>(index.top_company[i]));
      chinese_company = chinese_company || (own != 0 && InGroupB(own));
      european_company = european_company || (own != 0 && InGroupA(own));
    }
  }
  SortUnique(via);
  SortUnique(company);
  bool any_aspi = false, non_civilian = false, military_tie = false;
  thread_local std::vector<uint16_t> aspi_set;
  aspi_set.clear();
  for (uint16_t i : via) {
    if (all[i].aspi_name[0] == '\0') continue;
    aspi_set.push_back(i);  // via is sorted and unique
    ++aspi[i].first;
    ++aspi_term_sets[{i, term_set}];
    any_aspi = true;
    non_civilian = non_civilian || std::strcmp(all[i].aspi_category, "Civilian") != 0;
    military_tie = military_tie || std::strcmp(all[i].aspi_category, "Military") == 0 ||
                   std::strcmp(all[i].aspi_category, "Seven sons of national defence") == 0 ||
                   std::strcmp(all[i].aspi_name, "Xidian University") == 0;
  }
  if (any_aspi) {
    ++joint_with_aspi;
    ++aspi_entity_sets[aspi_set];
    thread_local std::vector<CountryCode> europe_countries;
    europe_countries.clear();
    for (uint16_t e : europe) {
      ++aspi_by_group_a_institution[e];
      europe_countries.push_back(OwnCountry(e));
    }
    SortUnique(europe_countries);
    for (CountryCode c : europe_countries) ++aspi_by_group_a_country[c];
  }
  if (non_civilian) ++joint_with_aspi_non_civilian;
  if (military_tie) ++joint_with_military_tie;
  for (uint16_t i : direct) ++aspi[i].second;
  AddCuratedTies(insts, via, term_set, *this);
  for (uint16_t e : europe) {
    for (uint16_t c : china) ++pairs[{e, c}];
  }
  for (uint16_t c : company) ++companies[c];
  if (!company.empty()) ++joint_with_company;
  if (chinese_company) ++joint_with_chinese_company;
  if (european_company) ++joint_with_european_company;

  thread_local std::vector<uint16_t> funder_ids;
  funder_ids.clear();
  for (const auto& g : plan.grants) funder_ids.push_back(g.funder);
  SortUnique(funder_ids);
  bool chinese_gov = false;
  for (uint16_t f : funder_ids) {
    ++funders[f];
    chinese_gov = chinese_gov || Funders()[f].chinese_government;
  }
  if (!funder_ids.empty()) ++joint_with_funder;
  if (chinese_gov) ++joint_with_chinese_government_funder;

  for (uint8_t f : fams) ++families[f];
  for (const auto& term : plan.terms) ++family_terms[{term.family, term.term}];
}

void Tally::AddOlderCopy(const WorkFacts& facts) {
  ++records;
  ++works;
  if (facts.in_scope) ++in_scope;
  if (facts.field) ++duplicates;
}

void Tally::AddMerged() {
  ++records;
  ++works;
  ++merged_away;
}

void Tally::AddMalformed(const char* reason) {
  ++records;
  ++skipped[reason];
}

void Tally::Merge(const Tally& o) {
  records += o.records;
  works += o.works;
  in_scope += o.in_scope;
  field_relevant += o.field_relevant;
  joint += o.joint;
  duplicates += o.duplicates;
  merged_away += o.merged_away;
  for (const auto& [k, v] : o.skipped) skipped[k] += v;
  for (const auto& [k, v] : o.joint_by_year) joint_by_year[k] += v;
  for (const auto& [c, years] : o.joint_by_country_year) {
    for (const auto& [y, v] : years) joint_by_country_year[c][y] += v;
  }
  auto add_cells = [](std::map<int, YearCell>& into, const std::map<int, YearCell>& from) {
    for (const auto& [y, cell] : from) {
      into[y].whole += cell.whole;
      into[y].fractional += cell.fractional;
    }
  };
  for (const auto& [c, years] : o.country) add_cells(country[c], years);
  add_cells(group_a, o.group_a);
  add_cells(group_b, o.group_b);
  for (const auto& [k, v] : o.aspi) {
    aspi[k].first += v.first;
    aspi[k].second += v.second;
  }
  joint_with_aspi += o.joint_with_aspi;
  for (const auto& [k, v] : o.aspi_by_group_a_country) aspi_by_group_a_country[k] += v;
  for (const auto& [k, v] : o.aspi_by_group_a_institution) aspi_by_group_a_institution[k] += v;
  for (const auto& [k, v] : o.aspi_entity_sets) aspi_entity_sets[k] += v;
  joint_with_aspi_non_civilian += o.joint_with_aspi_non_civilian;
  joint_with_military_tie += o.joint_with_military_tie;
  for (const auto& [k, v] : o.families) families[k] += v;
  for (const auto& [k, v] : o.families_all) families_all[k] += v;
  for (const auto& [k, v] : o.family_terms) family_terms[k] += v;
  for (const auto& [k, v] : o.aspi_term_sets) aspi_term_sets[k] += v;
  for (const auto& [k, v] : o.curated) {
    curated[k].first += v.first;
    curated[k].second += v.second;
  }
  for (const auto& [k, v] : o.curated_term_sets) curated_term_sets[k] += v;
  for (const auto& [k, v] : o.funders) funders[k] += v;
  joint_with_funder += o.joint_with_funder;
  joint_with_chinese_government_funder += o.joint_with_chinese_government_funder;
  for (const auto& [k, v] : o.companies) companies[k] += v;
  joint_with_company += o.joint_with_company;
  joint_with_chinese_company += o.joint_with_chinese_company;
  joint_with_european_company += o.joint_with_european_company;
  for (const auto& [k, v] : o.pairs) pairs[k] += v;
  cases.insert(cases.end(), o.cases.begin(), o.cases.end());
  lab_dual.Merge(o.lab_dual);
}

}  // namespace entangle::synth
