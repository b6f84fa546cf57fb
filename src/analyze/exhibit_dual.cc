// Researchers on both sides: authors (by OpenAlex author id only) who on one joint paper hold
// affiliations in both groups, by year, country pair and institution pair with their papers; the
// joint papers that are joint only through such an author, beside Exhibits 1 and 2; and authors
// whose joint papers move from one group to the other between years. Definitions: docs/labs.md.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "analyze/exhibits.h"
#include "analyze/format.h"

namespace entangle::analyze {
namespace {

constexpr size_t kMaxListedWorks = 20;  // work ids listed per row of the pair tables

enum class Jointness { kSeparatePeople, kOnlyDual, kNotInAuthorships };

// How a joint paper is joint, from its people: through two different people (one in each group),
// only through one person who holds both groups, or not visibly through its authorships at all.
Jointness JointnessOf(const std::vector<PaperPerson>& people) {
  size_t in_a = 0, in_b = 0, in_both = 0;
  for (const PaperPerson& p : people) {
    in_a += p.sides.Has(select::kSideA) ? 1 : 0;
    in_b += p.sides.Has(select::kSideB) ? 1 : 0;
    in_both += p.sides.both() ? 1 : 0;
  }
  if (in_a == 0 || in_b == 0) return Jointness::kNotInAuthorships;
  if (in_a == 1 && in_b == 1 && in_both == 1) return Jointness::kOnlyDual;
  return Jointness::kSeparatePeople;
}

// A person's countries and institutions in one group, on one paper.
std::set<std::string> CountriesIn(const StudyContext& ctx, const PaperPerson& p, select::Sides side) {
  std::set<std::string> out;
  for (const JointAuthorship* a : p.authorships) {
    for (const std::string& c : a->countries) {
      if (ctx.SideOf(c).Has(side)) out.insert(c);
    }
  }
  return out;
}
std::vector<const JointInstitution*> InstitutionsIn(const PaperPerson& p, select::Sides side) {
  std::vector<const JointInstitution*> out;
  for (const JointAuthorship* a : p.authorships) {
    for (const JointInstitution* inst : a->institutions) {
      if (inst->sides.Has(side) && std::find(out.begin(), out.end(), inst) == out.end()) out.push_back(inst);
    }
  }
  return out;
}

std::string Join(const std::set<std::string>& items, const char* sep = "; ") {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}
std::string JoinWorks(const std::set<std::string>& works) {
  std::string out;
  size_t n = 0;
  for (const std::string& w : works) {
    if (n++ == kMaxListedWorks) return out + fmt::format(" … ({} more)", works.size() - kMaxListedWorks);
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}
std::string InstitutionLabel(const JointInstitution& inst) {
  return inst.country.empty() ? inst.name : fmt::format("{} [{}]", inst.name, inst.country);
}

struct Person {  // one dual-affiliated person over all joint papers
  std::string author_id, names;
  std::set<std::string> works, a_countries, b_countries, a_institutions, b_institutions;
  std::set<int> years;
};
struct Pair {
  std::string a_label, b_label;
  std::set<std::string> people, works;
};

// A person's groups on one paper, for the movers: 'a', 'b' or both.
struct Appearance {
  int year;
  select::Sides sides;
  std::string work;
};

}  // namespace

Exhibits DualAffiliationExhibits(const StudyContext& ctx, const JointData& data, const WorkAuthorships& authorships) {
  std::map<std::string, Person> persons;  // by person key
  std::map<int, std::set<std::string>> dual_ids_by_year, dual_no_id_by_year, dual_works_by_year;
  std::map<std::pair<std::string, std::string>, Pair> country_pairs, institution_pairs;
  std::map<int, std::array<int64_t, 3>> jointness_by_year;
  std::map<std::pair<int, std::string>, std::array<int64_t, 3>> jointness_by_country;  // (side, country)
  std::map<std::string, std::vector<Appearance>> appearances;  // author id -> papers, for the movers
  std::set<std::string> no_id_authorships;
  int64_t authorships_total = 0;

  for (size_t w = 0; w < data.works.size(); ++w) {
    const JointWork& work = data.works[w];
    const std::vector<JointAuthorship>& list = authorships[w];
    authorships_total += static_cast<int64_t>(list.size());
    std::vector<PaperPerson> people = PeopleOf(work.id, list);
    Jointness j = JointnessOf(people);
    jointness_by_year[work.year][static_cast<size_t>(j)] += 1;
    for (const JointCountry& c : work.countries) {
      for (select::Sides side : select::kEachSide) {
        if (c.sides.Has(side)) jointness_by_country[{side.bits(), c.country}][static_cast<size_t>(j)] += 1;
      }
    }
    for (const PaperPerson& p : people) {
      const std::string& id = p.authorships.front()->author_id;
      if (!id.empty() && !p.sides.none()) appearances[id].push_back({work.year, p.sides, work.id});
      if (!p.sides.both()) continue;
      Person& person = persons[p.key];
      person.author_id = id;
      for (const JointAuthorship* a : p.authorships) {
        if (!a->name.empty() && person.names.find(a->name) == std::string::npos) {
          person.names += (person.names.empty() ? "" : " | ") + a->name;
        }
      }
      person.works.insert(work.id);
      person.years.insert(work.year);
      (id.empty() ? dual_no_id_by_year : dual_ids_by_year)[work.year].insert(p.key);
      dual_works_by_year[work.year].insert(work.id);
      std::set<std::string> a_countries = CountriesIn(ctx, p, select::kSideA),
                            b_countries = CountriesIn(ctx, p, select::kSideB);
      person.a_countries.insert(a_countries.begin(), a_countries.end());
      person.b_countries.insert(b_countries.begin(), b_countries.end());
      for (const std::string& a : a_countries) {
        for (const std::string& b : b_countries) {
          if (a == b) continue;  // a country in both groups pairs with the others only
          Pair& pair = country_pairs[{a, b}];
          pair.a_label = a;
          pair.b_label = b;
          pair.people.insert(p.key);
          pair.works.insert(work.id);
        }
      }
      std::vector<const JointInstitution*> a_insts = InstitutionsIn(p, select::kSideA),
                                           b_insts = InstitutionsIn(p, select::kSideB);
      for (const JointInstitution* a : a_insts) person.a_institutions.insert(InstitutionLabel(*a));
      for (const JointInstitution* b : b_insts) person.b_institutions.insert(InstitutionLabel(*b));
      for (const JointInstitution* a : a_insts) {
        for (const JointInstitution* b : b_insts) {
          if (a->key == b->key) continue;
          Pair& pair = institution_pairs[{a->key, b->key}];
          pair.a_label = InstitutionLabel(*a);
          pair.b_label = InstitutionLabel(*b);
          pair.people.insert(p.key);
          pair.works.insert(work.id);
        }
      }
    }
    for (const JointAuthorship& a : list) {
      if (a.author_id.empty()) no_id_authorships.insert(a.PersonKey(work.id));
    }
  }

  const std::string who = fmt::format(
      "A researcher on both sides is a person who, on one joint paper, has affiliations (countries of the "
      "authorship: its institutions' countries and the countries OpenAlex gives it) in both {} and {}. People are "
      "told apart by OpenAlex author id only: two authorships with the same id are one person, two with different "
      "ids are two people whatever their names, and an authorship without an id is a person of its own, never "
      "merged with another. Names are shown, never compared; nothing is inferred about nationality or ethnicity.",
      ctx.group_a_name, ctx.group_b_name);
  auto id_note = [&](ExhibitTable& t) {
    t.notes.push_back(fmt::format("{} of {} authorships on the joint papers have no OpenAlex author id.",
                                  no_id_authorships.size(), authorships_total));
  };
  Exhibits out;

  {
    ExhibitTable t = ctx.NewExhibit("dual_affiliations", "Researchers on both sides",
                                    who +
                                        " One row per person, with the joint papers where they hold both groups "
                                        "(the evidence), most papers first. author_id is empty for an authorship "
                                        "without an id (then the row is that one authorship).",
                                    false);
    t.columns = {"author_id",
                 "author_name",
                 "papers",
                 "years",
                 "group_a_countries",
                 "group_b_countries",
                 "group_a_institutions",
                 "group_b_institutions",
                 "work_ids"};
    std::vector<const Person*> sorted;
    for (const auto& [key, p] : persons) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Person* x, const Person* y) { return x->works.size() > y->works.size(); });
    for (const Person* p : sorted) {
      std::set<std::string> years;
      for (int y : p->years) years.insert(std::to_string(y));
      std::string works;
      for (const std::string& w : p->works) works += (works.empty() ? "" : " ") + w;
      t.rows.push_back({p->author_id, p->names, FormatInt(static_cast<int64_t>(p->works.size())), Join(years, " "),
                        Join(p->a_countries, " "), Join(p->b_countries, " "), Join(p->a_institutions),
                        Join(p->b_institutions), works});
    }
    id_note(t);
    out.push_back(std::move(t));
  }
  {
    ExhibitTable t = ctx.NewExhibit(
        "dual_affiliations_by_year", "Researchers on both sides by year",
        who +
            " Per publication year: dual_authors = distinct author ids holding both groups on a joint paper of "
            "the year; dual_authorships_without_id = such authorships without an id (each counted on its own); "
            "papers = joint papers with at least one of them; share_pct = papers / all joint papers of the year.",
        false);
    t.columns = {"year",      "dual_authors", "dual_authorships_without_id", "papers", "joint_papers",
                 "share_pct", "incomplete"};
    std::map<int, int64_t> joint;
    for (const JointWork& w : data.works) joint[w.year] += 1;
    for (int year : ctx.years) {
      int64_t papers = static_cast<int64_t>(dual_works_by_year[year].size());
      t.rows.push_back({std::to_string(year), FormatInt(static_cast<int64_t>(dual_ids_by_year[year].size())),
                        FormatInt(static_cast<int64_t>(dual_no_id_by_year[year].size())), FormatInt(papers),
                        FormatInt(joint[year]),
                        FormatPercent(static_cast<double>(papers), static_cast<double>(joint[year])),
                        ctx.IsIncomplete(year) ? "yes" : ""});
    }
    out.push_back(std::move(t));
  }
  auto pair_table = [&](std::string id, std::string title, std::string what, const auto& pairs,
                        std::vector<std::string> columns) {
    ExhibitTable t = ctx.NewExhibit(
        std::move(id), std::move(title),
        who + " " + what +
            fmt::format(" people = distinct persons with that pair on one paper; papers = joint papers where one "
                        "person holds both; work_ids lists the first {} papers by id.",
                        kMaxListedWorks),
        false);
    t.columns = std::move(columns);
    std::vector<std::pair<std::pair<std::string, std::string>, const Pair*>> sorted;
    for (const auto& [key, pair] : pairs) sorted.push_back({key, &pair});
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& x, const auto& y) { return x.second->works.size() > y.second->works.size(); });
    for (const auto& [key, pair] : sorted) {
      std::vector<std::string> row = {key.first};
      if (t.columns.size() == 7) row.push_back(pair->a_label);
      row.push_back(key.second);
      if (t.columns.size() == 7) row.push_back(pair->b_label);
      row.push_back(FormatInt(static_cast<int64_t>(pair->people.size())));
      row.push_back(FormatInt(static_cast<int64_t>(pair->works.size())));
      row.push_back(JoinWorks(pair->works));
      t.rows.push_back(std::move(row));
    }
    return t;
  };
  out.push_back(pair_table("dual_affiliations_by_country_pair", "Researchers on both sides by country pair",
                           "One row per (group-A country, group-B country) held by one person on one joint paper.",
                           country_pairs, {"group_a_country", "group_b_country", "people", "papers", "work_ids"}));
  out.push_back(pair_table("dual_affiliations_by_institution_pair", "Researchers on both sides by institution pair",
                           "One row per (group-A institution, group-B institution) listed for one person on one "
                           "joint paper (an institution's group is its country's; a person whose group came only "
                           "from a country without an institution has no pair here).",
                           institution_pairs,
                           {"group_a_institution_key", "group_a_institution", "group_b_institution_key",
                            "group_b_institution", "people", "papers", "work_ids"}));

  const std::string jointness = fmt::format(
      "Joint papers split by how they are joint. via_separate_people: two different people, one with an "
      "affiliation in {0}, the other in {1} (each may hold both). only_via_dual_affiliation: the only person "
      "in {0} and the only person in {1} are the same person — the paper is joint only because one researcher "
      "holds both groups. not_in_authorships: no authorship carries one of the groups (the work's countries "
      "came from elsewhere). People are told apart by author id only; an authorship without an id is its own "
      "person. Papers are counted whole.",
      ctx.group_a_name, ctx.group_b_name);
  {
    ExhibitTable t =
        ctx.NewExhibit("dual_joint_by_year", "Exhibit 2 split: joint papers by year, by how they are joint",
                       jointness + " only_dual_pct = only_via_dual_affiliation / joint_papers.", false);
    t.columns = {
        "year",          "joint_papers", "via_separate_people", "only_via_dual_affiliation", "not_in_authorships",
        "only_dual_pct", "incomplete"};
    std::array<int64_t, 3> all{};
    auto row = [&](const std::string& label, const std::array<int64_t, 3>& n, const std::string& incomplete) {
      int64_t total = n[0] + n[1] + n[2];
      t.rows.push_back({label, FormatInt(total), FormatInt(n[0]), FormatInt(n[1]), FormatInt(n[2]),
                        FormatPercent(static_cast<double>(n[1]), static_cast<double>(total)), incomplete});
    };
    for (int year : ctx.years) {
      const std::array<int64_t, 3>& n = jointness_by_year[year];
      for (size_t i = 0; i < 3; ++i) all[i] += n[i];
      row(std::to_string(year), n, ctx.IsIncomplete(year) ? "yes" : "");
    }
    row("all", all, "");
    out.push_back(std::move(t));
  }
  {
    ExhibitTable t = ctx.NewExhibit(
        "dual_joint_by_country", "Exhibit 1 split: joint papers by country, by how they are joint",
        jointness +
            " Per country of each group, whole counting as in joint_by_country (a paper counts for every "
            "country of its authors).",
        false);
    t.columns = {"group",
                 "country",
                 "joint_papers",
                 "via_separate_people",
                 "only_via_dual_affiliation",
                 "not_in_authorships",
                 "only_dual_pct"};
    for (select::Sides side : select::kEachSide) {
      std::vector<std::pair<std::string, std::array<int64_t, 3>>> rows;
      for (const auto& [key, n] : jointness_by_country) {
        if (key.first == side.bits()) rows.push_back({key.second, n});
      }
      auto total = [](const std::array<int64_t, 3>& n) { return n[0] + n[1] + n[2]; };
      std::stable_sort(rows.begin(), rows.end(),
                       [&](const auto& x, const auto& y) { return total(x.second) > total(y.second); });
      for (const auto& [country, n] : rows) {
        t.rows.push_back({ctx.SideName(side), country, FormatInt(total(n)), FormatInt(n[0]), FormatInt(n[1]),
                          FormatInt(n[2]), FormatPercent(static_cast<double>(n[1]), static_cast<double>(total(n)))});
      }
    }
    out.push_back(std::move(t));
  }
  {
    std::string window = ctx.years.empty() ? "no years" : fmt::format("{}-{}", ctx.years.front(), ctx.years.back());
    ExhibitTable t = ctx.NewExhibit(
        "dual_affiliations_moving", "Researchers moving between the groups",
        fmt::format("Authors (by OpenAlex author id only; authorships without an id are left out) whose "
                    "affiliations on the study's joint papers are only in one group in one year and only in the "
                    "other group in a later year, within the study's years ({}). Only joint papers are seen, so a "
                    "move shows only where the author signed joint papers on both sides of it; years in which the "
                    "author held both groups are listed but do not make a move. One row per author and direction "
                    "(first year only in the first group, first later year only in the other).",
                    window),
        false);
    t.columns = {"author_id", "author_name", "from_group", "to_group",         "from_year",
                 "to_year",   "from_work",   "to_work",    "both_groups_years"};
    std::map<std::string, std::string> names;
    for (size_t w = 0; w < data.works.size(); ++w) {
      for (const JointAuthorship& a : authorships[w]) {
        if (!a.author_id.empty() && !a.name.empty()) names.try_emplace(a.author_id, a.name);
      }
    }
    for (auto& [id, seen] : appearances) {
      std::stable_sort(seen.begin(), seen.end(), [](const Appearance& x, const Appearance& y) {
        return std::tie(x.year, x.work) < std::tie(y.year, y.work);
      });
      std::set<std::string> both_years;
      for (const Appearance& a : seen) {
        if (a.sides.both()) both_years.insert(std::to_string(a.year));
      }
      for (select::Sides from : select::kEachSide) {
        const Appearance* first = nullptr;
        const Appearance* later = nullptr;
        for (const Appearance& a : seen) {
          if (first == nullptr && a.sides == from) first = &a;
          if (first != nullptr && a.sides == from.Other() && a.year > first->year) {
            later = &a;
            break;
          }
        }
        if (later == nullptr) continue;
        t.rows.push_back({id, names[id], ctx.SideName(from), ctx.SideName(from.Other()), std::to_string(first->year),
                          std::to_string(later->year), first->work, later->work, Join(both_years, " ")});
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace entangle::analyze
