// Renders the merged Tally as ground_truth.json.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>
#include <nlohmann/json.hpp>

#include "synth/ground_truth.h"
#include "synth/tables.h"

namespace entangle::synth {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kGroupA[] = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                                   "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB",
                                   "NO", "CH"};

// Fractional sums are written rounded to 9 decimals: exact enough, and free of long-double noise.
double Round9(long double x) { return static_cast<double>(std::roundl(x * 1e9L) / 1e9L); }

Json Cells(const std::map<int, YearCell>& years) {
  Json j = Json::object();
  for (const auto& [y, cell] : years) {
    j[std::to_string(y)] = {{"whole", cell.whole}, {"fractional", Round9(cell.fractional)}};
  }
  return j;
}

Json StudyJson() {
  Json a = Json::array();
  for (const char* c : kGroupA) a.push_back(c);
  return {
      {"name", "AI entanglements (default)"},
      {"group_a", {{"name", "Europe"}, {"countries", a}}},
      {"group_b", {{"name", "China"}, {"countries", {"CN", "HK"}}}},
      {"year_from", 2017},
      {"year_to", 2022},
      {"languages", {"en"}},
      {"include_unknown_language", false},
      {"work_types",
       {"article", "review", "preprint", "book-chapter", "letter", "journal-article", "proceedings-article",
        "posted-content"}},
      {"field",
       {{"combine", "any"},
        {"concepts", {{"ids", {"C154945302", "C119857082", "C31972630", "C108583219", "C204321447"}}, {"min_score", 0.3}}},
        {"topics", {{"subfield_ids", {"1702", "1707"}}, {"primary_only", true}, {"min_score", 0.0}}}}},
  };
}

Json InstitutionJson(uint16_t i) {
  const InstitutionDef& d = Institutions()[i];
  Json j = {{"id", d.id}, {"name", d.name}, {"country", d.country}};
  if (d.ror[0] != '\0') j["ror"] = d.ror;
  return j;
}

template <typename K>
std::vector<std::pair<K, uint64_t>> ByCountDesc(const std::map<K, uint64_t>& m) {
  std::vector<std::pair<K, uint64_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

// A planted term set as [{"family", "term"}, ...], in the order of DualUseFamilies().
Json TermSetJson(const TermSet& set) {
  Json terms = Json::array();
  for (const auto& [f, k] : set) {
    const DualUseFamily& family = DualUseFamilies()[f];
    terms.push_back({{"family", family.key}, {"term", family.planted_terms[k]}});
  }
  return terms;
}

// (entity, term set) -> joint works as [{name_key: name, "terms": [...], "joint_works": n}], sorted by name,
// then by term set (family and term indexes), so the order depends on the tables only.
template <typename Entity, typename NameOf>
Json TermSetsJson(const std::map<std::pair<Entity, TermSet>, uint64_t>& counts, const char* name_key, NameOf name_of) {
  std::vector<std::tuple<std::string, TermSet, uint64_t>> rows;
  for (const auto& [key, n] : counts) rows.emplace_back(name_of(key.first), key.second, n);
  std::sort(rows.begin(), rows.end());
  Json out = Json::array();
  for (const auto& [name, set, n] : rows) {
    out.push_back({{name_key, name}, {"terms", TermSetJson(set)}, {"joint_works", n}});
  }
  return out;
}

// Every row of the curated table (zero counts included), by registry key, and its term sets.
Json CuratedJson(const Tally& t) {
  const auto& rows = CuratedEntries();
  std::vector<size_t> order(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) order[r] = r;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return std::string_view(rows[a].registry_key) < rows[b].registry_key; });
  Json entries = Json::array();
  for (size_t r : order) {
    auto counts = t.curated.find(static_cast<uint8_t>(r));
    Json ids = Json::array();
    for (std::string_view id : SplitIds(rows[r].institution_ids)) ids.push_back(std::string(id));
    entries.push_back({{"registry_key", rows[r].registry_key},
                       {"category", rows[r].category},
                       {"institutions", ids},
                       {"joint_works", counts == t.curated.end() ? 0 : counts->second.first},
                       {"joint_works_direct", counts == t.curated.end() ? 0 : counts->second.second}});
  }
  return {
      {"note", "rows of data/registry/entangle-curated.csv (source 'entangle curation') and the synthetic "
               "institutions each one names, stated by hand in src/synth/curated_table.cc (ROR id, OpenAlex id, "
               "name or registered alias), not by the product's matcher; every row, by registry_key, zero counts "
               "included. joint_works counts the joint works with one of those institutions or an institution with "
               "one of them in its lineage, joint_works_direct the institutions themselves only; "
               "joint_works_by_entity_term_set splits joint_works by the work's set of planted dual-use terms as in "
               "aspi_partners (the flagged list's curated rows: per family, the works of the sets holding a term "
               "the vocabulary finds; for a pla, pap, mps, mss or security row, one end-user row per work of the "
               "sets holding none)"},
      {"entries", entries},
      {"joint_works_by_entity_term_set",
       TermSetsJson(t.curated_term_sets, "registry_key", [&](uint8_t r) { return rows[r].registry_key; })},
  };
}

Json PlantedJson(const Tally& t, const Layout& layout) {
  const auto& institutions = Institutions();
  Json aspi = Json::array();
  std::vector<std::pair<uint16_t, std::pair<uint64_t, uint64_t>>> entries(t.aspi.begin(), t.aspi.end());
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  for (const auto& [i, counts] : entries) {
    const InstitutionDef& d = institutions[i];
    Json e = {{"aspi_name", d.aspi_name}, {"openalex_name", d.name}, {"openalex_id", d.id},
              {"ror", d.ror[0] ? Json(d.ror) : Json(nullptr)}, {"aspi_category", d.aspi_category},
              {"joint_works", counts.first}, {"joint_works_direct", counts.second}};
    aspi.push_back(e);
  }
  Json aspi_by_country = Json::object();
  for (const auto& [c, n] : t.aspi_by_group_a_country) aspi_by_country[CountryString(c)] = n;
  std::vector<std::pair<uint16_t, uint64_t>> aspi_insts(t.aspi_by_group_a_institution.begin(),
                                                        t.aspi_by_group_a_institution.end());
  std::sort(aspi_insts.begin(), aspi_insts.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return std::strcmp(institutions[a.first].id, institutions[b.first].id) < 0;
  });
  Json aspi_by_institution = Json::array();
  for (const auto& [i, n] : aspi_insts) {
    const InstitutionDef& d = institutions[i];
    aspi_by_institution.push_back({{"id", d.id}, {"name", d.name}, {"country", d.country}, {"joint_works", n}});
  }
  // By the set of names: sorted, equal name sets merged (std::map orders them).
  std::map<std::vector<std::string>, uint64_t> aspi_name_sets;
  for (const auto& [set, n] : t.aspi_entity_sets) {
    std::vector<std::string> names;
    for (uint16_t i : set) names.emplace_back(institutions[i].aspi_name);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    aspi_name_sets[names] += n;
  }
  Json aspi_entity_sets = Json::array();
  for (const auto& [names, n] : aspi_name_sets) {
    aspi_entity_sets.push_back({{"aspi_names", names}, {"joint_works", n}});
  }
  const auto& fams = DualUseFamilies();
  Json aspi_term_sets =
      TermSetsJson(t.aspi_term_sets, "aspi_name", [&](uint16_t i) { return institutions[i].aspi_name; });
  Json families = Json::object();
  for (size_t f = 0; f < fams.size(); ++f) {
    auto joint = t.families.find(static_cast<uint8_t>(f));
    auto all = t.families_all.find(static_cast<uint8_t>(f));
    Json terms = Json::array();
    Json by_term = Json::object();  // every planted term, in planted order, zero counts included
    for (size_t k = 0; k < fams[f].planted_terms.size(); ++k) {
      terms.push_back(fams[f].planted_terms[k]);
      auto n = t.family_terms.find({static_cast<uint8_t>(f), static_cast<uint8_t>(k)});
      by_term[fams[f].planted_terms[k]] = n == t.family_terms.end() ? 0 : n->second;
    }
    families[fams[f].key] = {{"joint_works", joint == t.families.end() ? 0 : joint->second},
                             {"all_works", all == t.families_all.end() ? 0 : all->second},
                             {"planted_terms", terms},
                             {"joint_works_by_term", by_term}};
  }
  Json funders = Json::array();
  for (const auto& [f, n] : ByCountDesc(t.funders)) {
    const FunderDef& d = Funders()[f];
    funders.push_back({{"id", d.id}, {"name", d.name}, {"country", d.country},
                       {"chinese_government", d.chinese_government}, {"joint_works", n}});
  }
  Json companies = Json::array();
  for (const auto& [c, n] : ByCountDesc(t.companies)) {
    Json e = InstitutionJson(c);
    e["joint_works"] = n;
    companies.push_back(e);
  }
  Json pairs = Json::array();
  auto sorted_pairs = ByCountDesc(t.pairs);
  for (size_t k = 0; k < sorted_pairs.size() && k < 50; ++k) {
    pairs.push_back({{"europe", InstitutionJson(sorted_pairs[k].first.first)},
                     {"china", InstitutionJson(sorted_pairs[k].first.second)},
                     {"joint_works", sorted_pairs[k].second}});
  }
  Json cases = Json::array();
  static const char* kCaseNames[] = {
      "Bundeswehr University Munich with PLA Information Engineering University: information extraction from "
      "remote sensing images (2022)",
      "University of Huddersfield with Xi'an University of Posts and Telecommunications: abnormal behaviour in "
      "video surveillance (2021)"};
  std::vector<CaseRecord> sorted_cases = t.cases;
  std::sort(sorted_cases.begin(), sorted_cases.end(),
            [](const CaseRecord& a, const CaseRecord& b) { return a.case_study < b.case_study; });
  for (const auto& c : sorted_cases) {
    cases.push_back({{"case", kCaseNames[c.case_study]}, {"work_id", "W" + std::to_string(c.id)}, {"joint", c.joint}});
  }
  return {
      {"note", "Facts over joint works (field-relevant, Europe and China), counting each work once per item."},
      {"aspi_partners",
       {{"note",
         "ASPI China Defence Universities Tracker entries (2020) reached by an author's institution or its "
         "lineage; joint_works_direct counts the institution itself only; joint_works_by_entity_term_set "
         "gives the joint works per (entry, reached the same way, the work's set of planted dual-use terms "
         "as {family, term} in the generator's family order, the empty set included), sorted by aspi_name "
         "then set, so an entry's sets sum to its joint_works. These are the flagged list's rows before the "
         "vocabulary decides which planted terms it finds: per family, the works of the sets holding a term "
         "of that family it finds; for a Military or Security entry, one end-user row per work of the sets "
         "holding none it finds. joint_works_by_group_a_country counts the joint works of joint_works_any "
         "once per group-A (Europe) country among the own countries of the work's institutions, and "
         "joint_works_by_group_a_institution once per such group-A institution (sorted by joint_works, "
         "then id); institutions without a country count for neither. joint_works_by_entity_set splits "
         "joint_works_any by the set of entries a work reaches (as {aspi_names: sorted, joint_works}, "
         "sorted by aspi_names), so the sets sum to joint_works_any: a registry category's joint works "
         "are those of the sets holding an entry of that category"},
        {"joint_works_any", t.joint_with_aspi},
        {"joint_works_non_civilian", t.joint_with_aspi_non_civilian},
        {"joint_works_by_group_a_country", aspi_by_country},
        {"joint_works_by_group_a_institution", aspi_by_institution},
        {"joint_works_by_entity_set", aspi_entity_sets},
        {"joint_works_military_tied",
         {{"note",
           "the study's risky partners: Seven Sons of National Defence, Xidian University, ASPI 'Military' "
           "entries (NUDT, PLA institutions)"},
          {"joint_works", t.joint_with_military_tie}}},
        {"entries", aspi},
        {"joint_works_by_entity_term_set", aspi_term_sets}}},
      {"curated_partners", CuratedJson(t)},
      {"dual_use_families",
       {{"note",
         "works whose title or abstract carries a planted term of the family "
         "(shared/data/reference/dual-use-ai-keywords.json categories): joint works, and all distinct works "
         "(winning copies, merged-away works excluded); no other text contains any term of that file. "
         "A work carries at most one planted term per family: joint_works_by_term gives the joint works "
         "per planted term and sums to joint_works"},
        {"families", families}}},
      {"funders",
       {{"joint_works_with_funder", t.joint_with_funder},
        {"joint_works_with_chinese_government_funder", t.joint_with_chinese_government_funder},
        {"by_funder", funders}}},
      {"companies",
       {{"note",
         "an author's institution is a company, or has one in its lineage; rolled up to the top company "
         "(Huawei Technologies (Sweden) -> Huawei Technologies (China))"},
        {"joint_works_with_company", t.joint_with_company},
        {"joint_works_with_chinese_company", t.joint_with_chinese_company},
        {"joint_works_with_european_company", t.joint_with_european_company},
        {"by_company", companies}}},
      {"institution_pairs",
       {{"note",
         "top 50 (European institution, Chinese institution) pairs by joint works; countries are the "
         "institutions' own"},
        {"pairs", pairs}}},
      {"labs", LabsJson(t.lab_dual)},
      {"researchers_on_both_sides", DualJson(t.lab_dual, 2017, 2022)},
      {"cases", cases},
      {"older_copies_written", layout.older_copies},
  };
}

}  // namespace

std::string GroundTruthJson(const Tally& t, const GroundTruthInputs& in) {
  const SynthOptions& o = *in.options;
  const Layout& layout = *in.layout;
  Json j;
  j["synthetic"] = true;
  j["generator"] = "entangle synth";
  j["seed"] = o.seed;
  j["options"] = {{"works", o.works},
                  {"seed", o.seed},
                  {"partitions", o.partitions},
                  {"works_per_file", o.works_per_file},
                  {"malformed_rate", o.malformed_rate},
                  {"duplicate_rate", o.duplicate_rate},
                  {"merged_rate", o.merged_rate},
                  {"compression_level", o.compression_level}};
  j["study"] = StudyJson();
  j["layout"] = {{"partition_dates", layout.dates},
                 {"works_files", layout.files.size()},
                 {"works_files_bytes", in.works_files_bytes}};
  j["definitions"] = {
      {"records", "lines in the works files, skipped ones included"},
      {"works", "records parsed: records minus skipped"},
      {"in_scope", "records in scope (older copies included, merged-away works not)"},
      {"field_relevant", "distinct works"},
      {"joint", "distinct works"},
      {"duplicates", "superseded copies of field-relevant works"},
      {"totals", "field-relevant works per year; fractional: 1/N per authorship split over its countries, \"??\" "
                 "for authorships without one (whole: the works with such an authorship)"}};
  j["records"] = t.records;
  j["works"] = t.works;
  j["in_scope"] = t.in_scope;
  j["field_relevant"] = t.field_relevant;
  j["joint"] = t.joint;
  j["duplicates"] = t.duplicates;
  j["merged_away"] = t.merged_away;
  j["skipped"] = Json::object();
  for (const auto& [k, v] : t.skipped) j["skipped"][k] = v;
  Json by_year = Json::object();
  for (int y = 2017; y <= 2022; ++y) {
    auto it = t.joint_by_year.find(y);
    by_year[std::to_string(y)] = it == t.joint_by_year.end() ? 0 : it->second;
  }
  j["joint_by_year"] = by_year;
  Json by_country = Json::object();
  for (const auto& [c, years] : t.joint_by_country_year) {
    Json yj = Json::object();
    for (const auto& [y, n] : years) yj[std::to_string(y)] = n;
    by_country[CountryString(c)] = yj;
  }
  j["joint_by_country_year"] = by_country;
  Json country = Json::object();
  for (const auto& [c, years] : t.country) country[CountryString(c)] = Cells(years);
  j["totals"] = {{"country", country}, {"group", {{"a", Cells(t.group_a)}, {"b", Cells(t.group_b)}}}};
  j["planted"] = PlantedJson(t, layout);
  return j.dump(1) + "\n";
}

}  // namespace entangle::synth
