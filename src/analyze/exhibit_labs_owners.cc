// labs_owners: a company's labs beside its other co-authorship ("Huawei's European labs: N joint
// papers with China; Huawei in China: M joint papers with Europe"). The company is a lab's first
// owner in the labs registry; its institutions are those whose OpenAlex id, or an id in whose
// lineage, is one of the owner ids the registry lists (owner_openalex_ids, seen in real records).
// A joint paper counts through its labs when one of its labs matched it (the labs exhibit's
// matches), and through its other institutions when an owner institution is on it that is not
// one of the matched labs' own institutions (OpenAlex files lab authors under the company:
// "Huawei Noah's Ark Lab" under Huawei Technologies (Sweden) is the lab, not Huawei in Sweden).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "labs/labs.h"

namespace entangle::analyze {
namespace {

struct Owner {
  std::string name;                   // the first owner of its labs, as the registry writes it
  std::set<std::string> ids;          // owner_openalex_ids over its labs
  std::vector<std::string> lab_keys;  // its labs, registry order
};

// The owners with ids, in registry order; every lab whose first owner is one of them is theirs.
std::vector<Owner> OwnersOf(const labs::LabRegistry& registry) {
  std::vector<Owner> owners;
  auto find = [&](const std::string& name) {
    return std::find_if(owners.begin(), owners.end(), [&](const Owner& o) { return o.name == name; });
  };
  for (const labs::Lab& lab : registry.labs) {
    if (lab.owner_openalex_ids.empty()) continue;
    auto it = find(lab.owners.front());
    if (it == owners.end()) it = owners.insert(owners.end(), Owner{lab.owners.front(), {}, {}});
    it->ids.insert(lab.owner_openalex_ids.begin(), lab.owner_openalex_ids.end());
  }
  for (const labs::Lab& lab : registry.labs) {
    if (auto it = find(lab.owners.front()); it != owners.end()) it->lab_keys.push_back(lab.key);
  }
  return owners;
}

bool IsOwners(const Owner& owner, const JointInstitution& inst) {
  if (!inst.id.empty() && owner.ids.count(inst.id) != 0) return true;
  return std::any_of(inst.lineage.begin(), inst.lineage.end(),
                     [&](const std::string& id) { return owner.ids.count(id) != 0; });
}

std::string Label(const JointInstitution& inst) {
  return inst.country.empty() ? inst.name : fmt::format("{} [{}]", inst.name, inst.country);
}

// What one (owner, side, year) cell counts; year 0 is all years.
struct Cell {
  std::set<size_t> lab_works, other_works;
  std::set<std::string> lab_partners, other_partners;  // institution keys
  std::set<std::string> labs, institutions;            // names, for the reader
};

// The side an affiliation's partners are on: the other group, or either group for an affiliation
// in neither or both (Microsoft (United States) on a Europe–China paper).
select::Sides PartnerSide(select::Sides side) {
  return side.none() || side.both() ? select::Sides(select::kGroupA | select::kGroupB) : side.Other();
}

}  // namespace

ExhibitTable LabOwnersExhibit(const StudyContext& ctx, const JointData& data, const labs::LabRegistry& registry,
                              const std::vector<LabOnWork>& matched) {
  const std::vector<Owner> owners = OwnersOf(registry);
  std::map<std::string, size_t> owner_of_lab;  // lab key -> index into owners
  for (size_t o = 0; o < owners.size(); ++o) {
    for (const std::string& key : owners[o].lab_keys) owner_of_lab.emplace(key, o);
  }
  // Each distinct affiliation is looked up once.
  std::map<const JointInstitution*, std::vector<size_t>> owners_of_inst;
  for (const JointInstitution& inst : data.affiliations) {
    for (size_t o = 0; o < owners.size(); ++o) {
      if (IsOwners(owners[o], inst)) owners_of_inst[&inst].push_back(o);
    }
  }
  std::map<size_t, std::vector<const LabOnWork*>> labs_on_work;  // work -> its owners' labs
  for (const LabOnWork& m : matched) {
    if (owner_of_lab.count(m.lab->key) != 0) labs_on_work[m.work].push_back(&m);
  }

  std::map<std::tuple<size_t, uint8_t, int>, Cell> cells;  // (owner, side bits, year or 0)
  for (size_t w = 0; w < data.works.size(); ++w) {
    const JointWork& work = data.works[w];
    std::map<size_t, std::vector<const LabOnWork*>> lab_entries;         // owner -> its labs here
    std::map<size_t, std::vector<const JointInstitution*>> owner_insts;  // owner -> its institutions here
    if (auto found = labs_on_work.find(w); found != labs_on_work.end()) {
      for (const LabOnWork* m : found->second) lab_entries[owner_of_lab.at(m->lab->key)].push_back(m);
    }
    for (const WorkInstitution& on_work : work.institutions) {
      if (auto found = owners_of_inst.find(on_work.info); found != owners_of_inst.end()) {
        for (size_t o : found->second) owner_insts[o].push_back(on_work.info);
      }
    }
    std::set<size_t> present;
    for (const auto& [o, list] : lab_entries) present.insert(o);
    for (const auto& [o, list] : owner_insts) present.insert(o);
    for (size_t o : present) {
      // The owner's own affiliations on the paper (its labs' and its institutions): never partners.
      std::set<const JointInstitution*> lab_own, own;
      for (const LabOnWork* m : lab_entries[o]) lab_own.insert(m->own.begin(), m->own.end());
      own = lab_own;
      for (const JointInstitution* inst : owner_insts[o]) own.insert(inst);
      auto partners = [&](select::Sides side, std::set<std::string>& out) {
        for (const WorkInstitution& on_work : work.institutions) {
          if (on_work.info->sides.Has(PartnerSide(side)) && own.count(on_work.info) == 0) {
            out.insert(on_work.info->key);
          }
        }
      };
      for (int year : {0, work.year}) {
        for (const LabOnWork* m : lab_entries[o]) {
          Cell& c = cells[{o, m->side.bits(), year}];
          c.lab_works.insert(w);
          c.labs.insert(m->lab->name_en);
          partners(m->side, c.lab_partners);
        }
        for (const JointInstitution* inst : owner_insts[o]) {
          if (lab_own.count(inst) != 0) continue;  // the lab's assignment on this paper
          Cell& c = cells[{o, inst->sides.bits(), year}];
          c.other_works.insert(w);
          c.institutions.insert(Label(*inst));
          partners(inst->sides, c.other_partners);
        }
      }
    }
  }

  ExhibitTable t = ctx.NewExhibit(
      "labs_owners", "Labs: a company's labs beside its other co-authorship",
      "Per company that owns labs in the labs registry (a lab's first owner, with the OpenAlex ids of the company's "
      "own records in owner_openalex_ids), per side and year (all: every year): lab_papers are joint papers matched "
      "to one of its labs on that side (the lab's group, as in the labs exhibit); other_papers are joint papers "
      "with one of its other institutions on that side — an affiliation whose OpenAlex id, or an id in whose "
      "lineage, is an owner id, and which is not the institution of one of its labs matched on the paper (OpenAlex "
      "often files a lab's authors under the company). papers: either; lab_and_other_papers: both on one paper. "
      "Partners: distinct institutions in the other group (either group for a side in neither or both) that are "
      "neither the company's nor its labs'. side is the group of the lab or of the institution's country ('neither' "
      "for a country in no group, e.g. a company's record in the United States).",
      false);
  t.columns = {"owner",
               "side",
               "year",
               "papers",
               "lab_papers",
               "other_papers",
               "lab_and_other_papers",
               "lab_partner_institutions",
               "other_partner_institutions",
               "labs",
               "other_institutions",
               "owner_ids"};
  auto join = [](const std::set<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
    return out;
  };
  for (size_t o = 0; o < owners.size(); ++o) {
    // Sides in a fixed order: A, B, both, neither; the "all" row first, then the years.
    for (uint8_t bits :
         {uint8_t{select::kGroupA}, uint8_t{select::kGroupB}, uint8_t{select::kGroupA | select::kGroupB}, uint8_t{0}}) {
      for (auto it = cells.lower_bound({o, bits, 0}); it != cells.end(); ++it) {
        const auto& [owner, side_bits, year] = it->first;
        if (owner != o || side_bits != bits) break;
        const Cell& c = it->second;
        std::set<size_t> all = c.lab_works;
        all.insert(c.other_works.begin(), c.other_works.end());
        const int64_t both = static_cast<int64_t>(c.lab_works.size() + c.other_works.size() - all.size());
        const std::string side = bits == 0 ? std::string("neither") : ctx.SideName(select::Sides(bits));
        t.rows.push_back({owners[o].name, side, year == 0 ? "all" : std::to_string(year),
                          FormatInt(static_cast<int64_t>(all.size())),
                          FormatInt(static_cast<int64_t>(c.lab_works.size())),
                          FormatInt(static_cast<int64_t>(c.other_works.size())), FormatInt(both),
                          FormatInt(static_cast<int64_t>(c.lab_partners.size())),
                          FormatInt(static_cast<int64_t>(c.other_partners.size())), join(c.labs), join(c.institutions),
                          fmt::format("{}", fmt::join(owners[o].ids, " "))});
      }
    }
  }
  std::string without;
  for (const labs::Lab& lab : registry.labs) {
    if (owner_of_lab.count(lab.key) == 0) without += (without.empty() ? "" : ", ") + lab.key;
  }
  t.notes.push_back(
      fmt::format("{} owners with ids in the registry. Labs whose first owner has no owner id (not in this table): {}.",
                  owners.size(), without.empty() ? "none" : without));
  return t;
}

}  // namespace entangle::analyze
