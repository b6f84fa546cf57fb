#include "synth/lab_dual_tally.h"

#include <algorithm>
#include <string_view>

#include "synth/lab_dual_plan.h"
#include "synth/tables.h"

namespace entangle::synth {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kSideA = 1, kSideB = 2;

int SidesOf(CountryCode c) { return (InGroupA(c) ? kSideA : 0) | (InGroupB(c) ? kSideB : 0); }

CountryCode OwnCountry(uint16_t institution) { return NormalizeCountry(Institutions()[institution].country); }

std::string WorkId(uint64_t id) { return "W" + std::to_string(id); }
std::string AuthorId(uint64_t id) { return id == 0 ? std::string() : "A" + std::to_string(id); }

// The parts of a raw affiliation string between commas and semicolons, trimmed.
std::vector<std::string_view> Parts(std::string_view raw) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find_first_of(",;", start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view part = raw.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

bool NameOfLab(const SynthLabDef& lab, std::string_view name) {
  std::string_view names = lab.affiliation_names;
  while (!names.empty()) {
    size_t bar = names.find('|');
    if (names.substr(0, bar) == name) return true;
    names = bar == std::string_view::npos ? std::string_view() : names.substr(bar + 1);
  }
  return false;
}

bool IdOfLab(const SynthLabDef& lab, std::string_view id) {
  std::string_view ids = lab.institution_ids;
  while (!ids.empty()) {
    size_t sp = ids.find(' ');
    if (ids.substr(0, sp) == id) return true;
    ids = sp == std::string_view::npos ? std::string_view() : ids.substr(sp + 1);
  }
  return false;
}

// An institution's display name without a trailing "(<its country's name>)", as OpenAlex names companies.
std::string_view WithoutCountryQualifier(const InstitutionDef& d) {
  std::string_view name = d.name;
  const CountryDef* c = FindCountry(d.country);
  if (c == nullptr) return name;
  std::string suffix = std::string(" (") + c->name + ")";
  if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
    name.remove_suffix(suffix.size());
  }
  return name;
}

// Does one of the author's raw affiliation strings hold a part equal to one of the lab's names? The
// strings are those the writer writes: the planted string, or "department, institution, country".
bool RawMatches(const PlannedAuthor& a, const SynthLabDef& lab) {
  if (a.raw_affiliation != nullptr) {
    for (std::string_view part : Parts(a.raw_affiliation)) {
      if (NameOfLab(lab, part)) return true;
    }
    return false;
  }
  for (int k = 0; k < a.affiliation_count; ++k) {
    if (NameOfLab(lab, Institutions()[a.affiliations[k].institution].name)) return true;
  }
  return false;
}

// Is institution `i` the company's: one of its owner ids as its id or among its parents?
bool OwnersInstitution(const SynthLabDef& lab, const InstitutionDef& d) {
  std::string_view ids = lab.owner_ids;
  auto listed = [&](std::string_view id) {
    for (std::string_view rest = ids; !rest.empty();) {
      size_t sp = rest.find(' ');
      if (rest.substr(0, sp) == id) return true;
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
    return false;
  };
  if (listed(d.id)) return true;
  for (std::string_view parents = d.parents; !parents.empty();) {
    size_t sp = parents.find(' ');
    if (listed(parents.substr(0, sp))) return true;
    parents = sp == std::string_view::npos ? std::string_view() : parents.substr(sp + 1);
  }
  return false;
}

// The partners of an affiliation on `side`: the work's institutions in the other group (either
// group for a side in neither or both), leaving out `own`.
void AddPartners(const std::vector<uint16_t>& insts, int side, const std::set<uint16_t>& own,
                 std::set<uint16_t>& into) {
  const int other = side == kSideA ? kSideB : side == kSideB ? kSideA : (kSideA | kSideB);
  for (uint16_t i : insts) {
    if ((SidesOf(OwnCountry(i)) & other) != 0 && own.count(i) == 0) into.insert(i);
  }
}

// labs_owners: per owner, its matched labs (index, the lab's own institutions here) beside its other
// institutions on the work.
void AddOwners(const WorkPlan& plan, const std::vector<uint16_t>& insts,
               const std::vector<std::pair<size_t, std::set<uint16_t>>>& matched, LabDualTally& t) {
  const auto& labs = SynthLabs();
  const auto& all = Institutions();
  std::set<std::string> owners;
  for (const SynthLabDef& lab : labs) {
    if (*lab.owner != 0) owners.insert(lab.owner);
  }
  for (const std::string& owner : owners) {
    const SynthLabDef* def = nullptr;  // one of its labs: they list the same owner ids
    for (const SynthLabDef& lab : labs) {
      if (owner == lab.owner) def = &lab;
    }
    std::set<uint16_t> lab_own, own;
    std::vector<size_t> its_labs;
    for (const auto& [li, lab_insts] : matched) {
      if (owner != labs[li].owner) continue;
      its_labs.push_back(li);
      lab_own.insert(lab_insts.begin(), lab_insts.end());
    }
    std::vector<uint16_t> company;
    for (uint16_t i : insts) {
      if (OwnersInstitution(*def, all[i])) company.push_back(i);
    }
    if (its_labs.empty() && company.empty()) continue;
    own = lab_own;
    own.insert(company.begin(), company.end());
    for (int year : {0, plan.year}) {
      for (size_t li : its_labs) {
        const int side = SidesOf(NormalizeCountry(labs[li].host_country));
        LabDualTally::OwnerCell& c = t.owners[{owner, side, year}];
        c.lab_works.insert(plan.id);
        AddPartners(insts, side, own, c.lab_partners);
      }
      for (uint16_t i : company) {
        if (lab_own.count(i) != 0) continue;  // the lab's assignment on this work
        const int side = SidesOf(OwnCountry(i));
        LabDualTally::OwnerCell& c = t.owners[{owner, side, year}];
        c.other_works.insert(plan.id);
        AddPartners(insts, side, own, c.other_partners);
      }
    }
  }
}

void AddLabs(const WorkPlan& plan, LabDualTally& t) {
  const auto& labs = SynthLabs();
  const auto& all = Institutions();
  std::vector<uint16_t> insts;
  for (const auto& a : plan.authors) {
    for (int k = 0; k < a.affiliation_count; ++k) insts.push_back(a.affiliations[k].institution);
  }
  std::sort(insts.begin(), insts.end());
  insts.erase(std::unique(insts.begin(), insts.end()), insts.end());
  std::vector<std::pair<size_t, std::set<uint16_t>>> matched;  // lab index, its institutions here
  for (size_t li = 0; li < labs.size(); ++li) {
    const SynthLabDef& lab = labs[li];
    bool by_id = false, by_name = false;
    std::set<uint16_t> own;  // the lab's institutions on this paper: never its partners
    for (uint16_t i : insts) {
      const bool id = IdOfLab(lab, all[i].id);
      const bool name = NameOfLab(lab, WithoutCountryQualifier(all[i]));
      by_id = by_id || id;
      by_name = by_name || name;
      if (id || name) own.insert(i);
    }
    for (const auto& a : plan.authors) {
      if (!RawMatches(a, lab)) continue;
      by_name = true;
      for (int k = 0; k < a.affiliation_count; ++k) own.insert(a.affiliations[k].institution);
    }
    if (!by_id && !by_name) continue;
    matched.emplace_back(li, own);
    LabDualTally::LabCounts& counts = t.labs[li];
    ++counts.works;
    ++(by_id ? counts.by_id : counts.by_name_only);
    ++counts.by_year[plan.year];
    const int lab_side = SidesOf(NormalizeCountry(lab.host_country));
    const int other = lab_side == kSideA ? kSideB : kSideA;
    for (uint16_t i : insts) {
      if ((SidesOf(OwnCountry(i)) & other) != 0 && own.count(i) == 0) ++counts.partners[i];
    }
  }
  AddOwners(plan, insts, matched, t);
}

}  // namespace

void LabDualTally::AddJoint(const WorkPlan& plan, const WorkFacts& facts) {
  if (plan.lab_dual >= 0) planted.emplace_back(plan.lab_dual, plan.id);
  AddLabs(plan, *this);

  // The people of the paper: authorships grouped by author id; one without an id is a person of its own.
  struct PaperPerson {
    std::string key;
    uint64_t author_id = 0;
    int sides = 0;
    std::set<CountryCode> a_countries, b_countries;
    std::set<uint16_t> a_institutions, b_institutions;
  };
  std::vector<PaperPerson> people;
  std::vector<CountryCode> countries;
  for (size_t i = 0; i < plan.authors.size(); ++i) {
    const PlannedAuthor& a = plan.authors[i];
    std::string key = a.author_id != 0 ? AuthorId(a.author_id) : WorkId(plan.id) + "#" + std::to_string(i);
    auto found = std::find_if(people.begin(), people.end(), [&](const PaperPerson& p) { return p.key == key; });
    PaperPerson& p = found != people.end() ? *found : people.emplace_back();
    p.key = key;
    p.author_id = a.author_id;
    AuthorCountries(a, countries);
    for (CountryCode c : countries) {
      p.sides |= SidesOf(c);
      if (InGroupA(c)) p.a_countries.insert(c);
      if (InGroupB(c)) p.b_countries.insert(c);
    }
    for (int k = 0; k < a.affiliation_count; ++k) {
      const uint16_t inst = a.affiliations[k].institution;
      const int own = SidesOf(OwnCountry(inst));
      if ((own & kSideA) != 0) p.a_institutions.insert(inst);
      if ((own & kSideB) != 0) p.b_institutions.insert(inst);
    }
  }
  size_t in_a = 0, in_b = 0, in_both = 0;
  for (const PaperPerson& p : people) {
    in_a += (p.sides & kSideA) != 0;
    in_b += (p.sides & kSideB) != 0;
    in_both += p.sides == (kSideA | kSideB);
  }
  const size_t jointness = in_a == 0 || in_b == 0 ? 2 : (in_a == 1 && in_b == 1 && in_both == 1 ? 1 : 0);
  ++jointness_by_year[plan.year][jointness];
  for (CountryCode c : facts.countries) {
    if (InGroupA(c)) ++jointness_by_country[{'a', c}][jointness];
    if (InGroupB(c)) ++jointness_by_country[{'b', c}][jointness];
  }
  for (const PaperPerson& p : people) {
    if (p.author_id != 0 && p.author_id < kFirstRandomAuthorId && p.sides != 0) {
      appearances[p.author_id].emplace_back(plan.year, plan.id, p.sides);
    }
    if (p.sides != (kSideA | kSideB)) continue;
    Person& person = dual_people[p.key];
    person.author_id = p.author_id;
    person.works.insert(plan.id);
    (p.author_id != 0 ? dual_ids_by_year : dual_no_id_by_year)[plan.year].insert(p.key);
    dual_works_by_year[plan.year].insert(plan.id);
    for (CountryCode a : p.a_countries) {
      for (CountryCode b : p.b_countries) {
        if (a == b) continue;
        country_pairs[{a, b}].people.insert(p.key);
        country_pairs[{a, b}].works.insert(plan.id);
      }
    }
    for (uint16_t a : p.a_institutions) {
      for (uint16_t b : p.b_institutions) {
        if (a == b) continue;
        institution_pairs[{a, b}].people.insert(p.key);
        institution_pairs[{a, b}].works.insert(plan.id);
      }
    }
  }
}

void LabDualTally::Merge(const LabDualTally& o) {
  for (const auto& [lab, c] : o.labs) {
    LabCounts& into = labs[lab];
    into.works += c.works;
    into.by_id += c.by_id;
    into.by_name_only += c.by_name_only;
    for (const auto& [y, n] : c.by_year) into.by_year[y] += n;
    for (const auto& [i, n] : c.partners) into.partners[i] += n;
  }
  auto add3 = [](std::array<uint64_t, 3>& into, const std::array<uint64_t, 3>& from) {
    for (size_t i = 0; i < 3; ++i) into[i] += from[i];
  };
  for (const auto& [k, v] : o.jointness_by_year) add3(jointness_by_year[k], v);
  for (const auto& [k, v] : o.jointness_by_country) add3(jointness_by_country[k], v);
  for (const auto& [k, p] : o.dual_people) {
    dual_people[k].author_id = p.author_id;
    dual_people[k].works.insert(p.works.begin(), p.works.end());
  }
  for (const auto& [y, s] : o.dual_ids_by_year) dual_ids_by_year[y].insert(s.begin(), s.end());
  for (const auto& [y, s] : o.dual_no_id_by_year) dual_no_id_by_year[y].insert(s.begin(), s.end());
  for (const auto& [y, s] : o.dual_works_by_year) dual_works_by_year[y].insert(s.begin(), s.end());
  auto add_pairs = [](auto& into, const auto& from) {
    for (const auto& [k, p] : from) {
      into[k].people.insert(p.people.begin(), p.people.end());
      into[k].works.insert(p.works.begin(), p.works.end());
    }
  };
  add_pairs(country_pairs, o.country_pairs);
  add_pairs(institution_pairs, o.institution_pairs);
  for (const auto& [id, seen] : o.appearances) {
    appearances[id].insert(appearances[id].end(), seen.begin(), seen.end());
  }
  planted.insert(planted.end(), o.planted.begin(), o.planted.end());
  for (const auto& [key, c] : o.owners) {
    OwnerCell& into = owners[key];
    into.lab_works.insert(c.lab_works.begin(), c.lab_works.end());
    into.other_works.insert(c.other_works.begin(), c.other_works.end());
    into.lab_partners.insert(c.lab_partners.begin(), c.lab_partners.end());
    into.other_partners.insert(c.other_partners.begin(), c.other_partners.end());
  }
}

Json LabsJson(const LabDualTally& t) {
  const auto& labs = SynthLabs();
  const auto& all = Institutions();
  Json out = Json::array();
  for (size_t li = 0; li < labs.size(); ++li) {
    static const LabDualTally::LabCounts kNone;
    auto found = t.labs.find(li);
    const LabDualTally::LabCounts& c = found == t.labs.end() ? kNone : found->second;
    Json by_year = Json::object();
    for (const auto& [y, n] : c.by_year) by_year[std::to_string(y)] = n;
    std::vector<std::pair<std::string, uint64_t>> partners;
    for (const auto& [i, n] : c.partners) partners.emplace_back(all[i].id, n);
    std::sort(partners.begin(), partners.end());
    Json partner_list = Json::array();
    for (const auto& [id, n] : partners) partner_list.push_back({{"id", id}, {"joint_works", n}});
    out.push_back({{"lab_key", labs[li].key},
                   {"joint_works", c.works},
                   {"joint_works_by_id", c.by_id},
                   {"joint_works_by_name_only", c.by_name_only},
                   {"by_year", by_year},
                   {"partners", partner_list}});
  }
  Json owners = Json::array();
  for (const auto& [key, c] : t.owners) {
    const auto& [owner, side, year] = key;
    std::set<uint64_t> works = c.lab_works;
    works.insert(c.other_works.begin(), c.other_works.end());
    owners.push_back({{"owner", owner},
                      {"side", side == 0        ? ""
                               : side == kSideA ? "a"
                               : side == kSideB ? "b"
                                                : "ab"},
                      {"year", year == 0 ? std::string("all") : std::to_string(year)},
                      {"joint_works", works.size()},
                      {"lab_works", c.lab_works.size()},
                      {"other_works", c.other_works.size()},
                      {"lab_partners", c.lab_partners.size()},
                      {"other_partners", c.other_partners.size()}});
  }
  return {{"note",
           "the labs of data/labs/labs.csv the corpus reaches (src/synth/lab_dual_plan.cc, stated by hand), "
           "every one of them, zero counts included; every other lab of the registry has no joint work. "
           "joint_works_by_id: joint works where one of the lab's institution ids is an institution of the "
           "work; joint_works_by_name_only: the others, matched by an institution's display name or a whole "
           "part of a raw affiliation string equal to one of the lab's affiliation names; partners: the "
           "work's institutions in the group other than the host country's, leaving out the institutions "
           "that matched and those of the authors whose raw string matched (ids sorted)"},
          {"labs", out},
          {"owners_note",
           "per lab owner with owner ids (SynthLabs()), side (a, b, ab or '' for neither) and year ('all': every "
           "year): lab_works through its labs (the lab's host country's side), other_works through an institution "
           "with an owner id as its id or parent that is not the institution of one of its labs matched on the work "
           "(the author filed under the company who wrote the lab's name is the lab), partners in the other group "
           "(either group for a side in neither or both) that are neither the company's nor its labs'"},
          {"owners", owners}};
}

Json DualJson(const LabDualTally& t, int year_from, int year_to) {
  auto split = [](const std::array<uint64_t, 3>& n) {
    return Json{{"via_separate_people", n[0]}, {"only_via_dual_affiliation", n[1]}, {"not_in_authorships", n[2]}};
  };
  Json joint_by_year = Json::object();
  Json by_year = Json::object();
  for (int y = year_from; y <= year_to; ++y) {
    auto j = t.jointness_by_year.find(y);
    joint_by_year[std::to_string(y)] = split(j == t.jointness_by_year.end() ? std::array<uint64_t, 3>{} : j->second);
    auto size_of = [&](const auto& m) -> uint64_t {
      auto f = m.find(y);
      return f == m.end() ? 0 : f->second.size();
    };
    by_year[std::to_string(y)] = {{"dual_authors", size_of(t.dual_ids_by_year)},
                                  {"dual_authorships_without_id", size_of(t.dual_no_id_by_year)},
                                  {"papers", size_of(t.dual_works_by_year)}};
  }
  Json by_country = Json::array();
  for (const auto& [key, n] : t.jointness_by_country) {
    Json row = {{"group", std::string(1, key.first)}, {"country", CountryString(key.second)}};
    row.update(split(n));
    by_country.push_back(row);
  }
  Json country_pairs = Json::array();
  for (const auto& [key, p] : t.country_pairs) {
    country_pairs.push_back({{"group_a_country", CountryString(key.first)},
                             {"group_b_country", CountryString(key.second)},
                             {"people", p.people.size()},
                             {"papers", p.works.size()}});
  }
  const auto& all = Institutions();
  Json institution_pairs = Json::array();
  for (const auto& [key, p] : t.institution_pairs) {
    institution_pairs.push_back({{"group_a_institution", all[key.first].id},
                                 {"group_b_institution", all[key.second].id},
                                 {"people", p.people.size()},
                                 {"papers", p.works.size()}});
  }
  Json people = Json::array();
  for (const auto& [key, p] : t.dual_people) {
    Json works = Json::array();
    for (uint64_t w : p.works) works.push_back(WorkId(w));
    people.push_back(
        {{"person", key}, {"author_id", AuthorId(p.author_id)}, {"papers", p.works.size()}, {"work_ids", works}});
  }
  Json moving = Json::array();
  for (const auto& [id, list] : t.appearances) {
    auto seen = list;
    std::sort(seen.begin(), seen.end());
    std::set<int> both_years;
    for (const auto& [year, work, sides] : seen) {
      if (sides == (kSideA | kSideB)) both_years.insert(year);
    }
    for (int from : {kSideA, kSideB}) {
      const int to = from == kSideA ? kSideB : kSideA;
      const std::tuple<int, uint64_t, int>* first = nullptr;
      const std::tuple<int, uint64_t, int>* later = nullptr;
      for (const auto& a : seen) {
        if (first == nullptr && std::get<2>(a) == from) first = &a;
        if (first != nullptr && std::get<2>(a) == to && std::get<0>(a) > std::get<0>(*first)) {
          later = &a;
          break;
        }
      }
      if (later == nullptr) continue;
      moving.push_back({{"author_id", AuthorId(id)},
                        {"from_group", from == kSideA ? "a" : "b"},
                        {"to_group", to == kSideA ? "a" : "b"},
                        {"from_year", std::get<0>(*first)},
                        {"to_year", std::get<0>(*later)},
                        {"from_work", WorkId(std::get<1>(*first))},
                        {"to_work", WorkId(std::get<1>(*later))},
                        {"both_groups_years", both_years}});
    }
  }
  auto planted = t.planted;
  std::sort(planted.begin(), planted.end());
  Json planted_works = Json::array();
  for (const auto& [which, id] : planted) {
    planted_works.push_back({{"work_id", WorkId(id)}, {"purpose", LabDualWorkPurpose(which)}});
  }
  return {
      {"note",
       "researchers on both sides over all joint works (docs/labs.md): a person is an author id, an authorship "
       "without one a person of its own (person \"W<work>#<position>\"); a person holds a group when one of their "
       "authorships' countries (institutions' countries and written countries) is in it. joint_by_year and "
       "joint_by_country split the joint works by how they are joint; by_year counts dual-affiliated author ids, "
       "authorships without an id and papers; people lists every dual-affiliated person with their papers; "
       "moving lists the authors whose joint works are only in one group in one year and only in the other in a "
       "later year (the generator's random authors sign one work each, so only planted people can move). "
       "planted_works: the works written for these exhibits and the labs exhibits, with what each is for"},
      {"joint_by_year", joint_by_year},
      {"joint_by_country", by_country},
      {"by_year", by_year},
      {"by_country_pair", country_pairs},
      {"by_institution_pair", institution_pairs},
      {"people", people},
      {"moving", moving},
      {"planted_works", planted_works},
  };
}

}  // namespace entangle::synth
