// The labs exhibits: per lab of the registry (data/labs/labs.csv), the joint papers matched to it
// with their evidence (route and matched text), by year; the partners on the other side and
// whether they carry risk ties; the subfields. Matching rules: labs/labs.h, docs/labs.md.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/tally.h"
#include "labs/labs.h"

namespace entangle::analyze {
namespace {

struct Evidence {
  labs::LabRoute route;
  std::string evidence, matched_text, lab_text, raw_affiliation;
  std::string where;  // the institution (id routes, display name) or the author (raw strings)
};

// One lab on one joint paper.
struct LabPaper {
  size_t work = 0;
  labs::LabRoute best = labs::LabRoute::kAffiliationName;
  std::vector<Evidence> evidence;
  select::Sides matched_sides;                    // of the affiliations that matched
  select::Sides side;                             // the lab's group: its host country's, else matched_sides
  std::set<const JointInstitution*> own;          // the lab's institutions here: never its partners
  std::vector<const JointInstitution*> partners;  // on the other side, by key order
};

bool IdRoute(labs::LabRoute route) { return route != labs::LabRoute::kAffiliationName; }

labs::AffiliationFacts FactsOf(const JointInstitution& inst) {
  labs::AffiliationFacts facts;
  facts.openalex_id = inst.id;
  facts.ror_id = inst.ror;
  facts.lineage = inst.lineage;
  facts.display_name = inst.name_on_work.empty() ? inst.name : inst.name_on_work;
  facts.country_code = inst.country_on_work.empty() ? inst.country : inst.country_on_work;
  return facts;
}

void AddEvidence(LabPaper& paper, Evidence e) {
  paper.best = paper.evidence.empty() ? e.route : std::min(paper.best, e.route);
  for (const Evidence& have : paper.evidence) {
    if (have.route == e.route && have.matched_text == e.matched_text && have.raw_affiliation == e.raw_affiliation &&
        have.where == e.where) {
      return;
    }
  }
  paper.evidence.push_back(std::move(e));
}

std::string Top(const Tally& tally, size_t n) {
  std::string out;
  size_t i = 0;
  for (const auto& [key, value] : tally.Descending()) {
    if (i++ == n) break;
    out += fmt::format("{}{} ({})", out.empty() ? "" : "; ", key, FormatNumber(value));
  }
  return out;
}

std::string Label(const JointInstitution& inst) {
  return inst.country.empty() ? inst.name : fmt::format("{} [{}]", inst.name, inst.country);
}

}  // namespace

Result<Exhibits> LabExhibits(const StudyContext& ctx, const JointData& data, const WorkAuthorships& authorships,
                             const PartnerTies* ties) {
  std::string path = ctx.options.labs_path.empty() ? labs::DefaultLabsPath() : ctx.options.labs_path;
  Result<labs::LabRegistry> registry = labs::LoadLabs(path);
  if (!registry.ok()) return registry.status();
  labs::LabMatcher matcher(*registry);

  // Each distinct affiliation is matched once by its ids, lineage and display name.
  std::unordered_map<const JointInstitution*, std::vector<labs::LabMatch>> by_institution;
  for (const JointInstitution& inst : data.affiliations) {
    std::vector<labs::LabMatch> found = matcher.Match(FactsOf(inst));
    if (!found.empty()) by_institution.emplace(&inst, std::move(found));
  }
  std::map<const labs::Lab*, std::vector<LabPaper>> papers;  // per lab, in work order
  size_t raw_matches = 0;
  for (size_t w = 0; w < data.works.size(); ++w) {
    const JointWork& work = data.works[w];
    std::map<const labs::Lab*, LabPaper> here;
    for (const WorkInstitution& on_work : work.institutions) {
      auto found = by_institution.find(on_work.info);
      if (found == by_institution.end()) continue;
      for (const labs::LabMatch& m : found->second) {
        LabPaper& p = here[m.lab];
        p.work = w;
        AddEvidence(p, {m.route, m.evidence, m.matched_text, m.lab_text, "", Label(*on_work.info)});
        p.matched_sides = select::Sides(p.matched_sides.bits() | on_work.info->sides.bits());
        p.own.insert(on_work.info);
      }
    }
    for (const JointAuthorship& a : authorships[w]) {
      if (a.raw_affiliations.empty()) continue;
      labs::AffiliationFacts facts;
      facts.raw_affiliations = a.raw_affiliations;
      for (const labs::LabMatch& m : matcher.Match(facts)) {
        ++raw_matches;
        LabPaper& p = here[m.lab];
        p.work = w;
        std::string who = a.author_id.empty() ? fmt::format("authorship {} (no author id)", a.order)
                                              : fmt::format("author {}", a.author_id);
        AddEvidence(p, {m.route, m.evidence, m.matched_text, m.lab_text, m.raw_affiliation, who});
        p.matched_sides = select::Sides(p.matched_sides.bits() | a.sides.bits());
        // The author's institutions are the lab's assignment on this paper, not its partners.
        p.own.insert(a.institutions.begin(), a.institutions.end());
      }
    }
    for (auto& [lab, p] : here) {
      select::Sides lab_side = ctx.SideOf(lab->host_country);
      if (lab_side.none() || lab_side.both()) lab_side = p.matched_sides;
      p.side = lab_side;
      select::Sides other =
          lab_side.none() || lab_side.both() ? select::Sides(select::kGroupA | select::kGroupB) : lab_side.Other();
      for (const WorkInstitution& on_work : work.institutions) {
        if (on_work.info->sides.Has(other) && p.own.count(on_work.info) == 0) p.partners.push_back(on_work.info);
      }
      std::stable_sort(p.partners.begin(), p.partners.end(),
                       [](const JointInstitution* x, const JointInstitution* y) { return x->key < y->key; });
      papers[lab].push_back(std::move(p));
    }
  }

  auto tied = [&](const JointWork& work, const JointInstitution& inst) -> const std::set<std::string>* {
    if (ties == nullptr) return nullptr;
    auto on_work = ties->by_work.find(work.id);
    if (on_work == ties->by_work.end()) return nullptr;
    auto found = on_work->second.find(inst.key);
    return found == on_work->second.end() ? nullptr : &found->second;
  };
  auto lab_group = [&](const labs::Lab& lab) { return ctx.SideName(ctx.SideOf(lab.host_country)); };
  const std::string matching =
      "A joint paper is the lab's when one of its affiliations matches the lab in the labs registry "
      "(data/labs/labs.csv) on evidence, strongest first: the institution's OpenAlex id, its ROR id, an OpenAlex id "
      "in its lineage, then an exact normalised name (the institution's display name, or a run of whole "
      "comma-separated parts of an author's raw affiliation string) — never a substring, an acronym alone or "
      "anything fuzzy (docs/labs.md).";
  const std::string other_side =
      "Partners on the other side: the paper's institutions in the group other than the lab's (the group of the "
      "lab's host country; when that is in neither or both groups, the group of the matched affiliation), "
      "leaving out the institutions that matched the lab and those of the authors whose raw string matched it.";
  const std::string risk_columns =
      ties == nullptr ? "Risk ties were not computed in this run: the risk columns are empty."
                      : "A partner carries a risk tie when the risk exhibits (risk_ties, docs/risk.md) matched it to a "
                        "registry entity listed at the time of the paper; a tie is a prompt for due diligence, not a "
                        "finding.";
  auto describe = [&](ExhibitTable& t) {
    t.notes.push_back(fmt::format("Labs registry: {} ({} labs).", path, registry->labs.size()));
    t.notes.push_back(risk_columns);
  };
  Exhibits out;

  {
    ExhibitTable t = ctx.NewExhibit(
        "labs", "Labs: joint papers per lab",
        matching +
            " One row per lab of the registry, labs with papers first (most papers first), then the others "
            "in registry order. papers_by_id: papers with an id, ROR or lineage match; papers_by_name: "
            "papers matched only by name. " +
            other_side +
            " partners_with_risk_ties: distinct partner institutions tied at the time of at least one of the lab's "
            "papers; papers_with_tied_partner: the lab's papers with such a partner. matchable = no for labs with "
            "neither an id nor an affiliation name in the registry (they cannot match a paper).",
        false);
    t.columns = {"lab_key",
                 "lab",
                 "kind",
                 "host_country",
                 "lab_group",
                 "joint_papers",
                 "papers_by_id",
                 "papers_by_name",
                 "first_year",
                 "last_year",
                 "partner_institutions",
                 "partners_with_risk_ties",
                 "papers_with_tied_partner",
                 "top_subfields",
                 "top_partners",
                 "matchable"};
    std::vector<const labs::Lab*> order;
    for (const labs::Lab& lab : registry->labs) order.push_back(&lab);
    std::stable_sort(order.begin(), order.end(), [&](const labs::Lab* x, const labs::Lab* y) {
      auto n = [&](const labs::Lab* l) {
        auto f = papers.find(l);
        return f == papers.end() ? size_t{0} : f->second.size();
      };
      return n(x) > n(y);
    });
    for (const labs::Lab* lab : order) {
      static const std::vector<LabPaper> kNone;
      auto found = papers.find(lab);
      const std::vector<LabPaper>& list = found == papers.end() ? kNone : found->second;
      int64_t by_id = 0;
      int first = 0, last = 0;
      std::set<std::string> partners, tied_partners;
      int64_t with_tied = 0;
      Tally subfields, partner_papers;
      for (const LabPaper& p : list) {
        const JointWork& work = data.works[p.work];
        by_id += IdRoute(p.best) ? 1 : 0;
        first = first == 0 ? work.year : std::min(first, work.year);
        last = std::max(last, work.year);
        subfields.Add(work.subfield_name.empty() ? "(no primary topic)" : work.subfield_name, 1);
        bool any_tied = false;
        for (const JointInstitution* partner : p.partners) {
          partners.insert(partner->key);
          partner_papers.Add(Label(*partner), 1);
          if (tied(work, *partner) != nullptr) {
            tied_partners.insert(partner->key);
            any_tied = true;
          }
        }
        with_tied += any_tied ? 1 : 0;
      }
      bool matchable = !lab->openalex_ids.empty() || !lab->ror_ids.empty() || !lab->affiliation_names.empty();
      const int64_t n = static_cast<int64_t>(list.size());
      t.rows.push_back({lab->key, lab->name_en, std::string(labs::LabKindName(lab->kind)), lab->host_country,
                        lab_group(*lab), FormatInt(n), FormatInt(by_id), FormatInt(n - by_id),
                        first == 0 ? "" : std::to_string(first), last == 0 ? "" : std::to_string(last),
                        FormatInt(static_cast<int64_t>(partners.size())),
                        ties == nullptr ? "" : FormatInt(static_cast<int64_t>(tied_partners.size())),
                        ties == nullptr ? "" : FormatInt(with_tied), Top(subfields, 3), Top(partner_papers, 5),
                        matchable ? "yes" : "no"});
    }
    describe(t);
    t.notes.push_back(fmt::format("{} raw-affiliation matches (authorships) among the lab matches.", raw_matches));
    out.push_back(std::move(t));
  }
  {
    ExhibitTable t =
        ctx.NewExhibit("labs_by_year", "Labs: joint papers per lab and year",
                       matching + " Labs with at least one joint paper; total is the sum over the years.", false);
    t.columns = {"lab_key", "lab"};
    for (int year : ctx.years) t.columns.push_back(std::to_string(year));
    t.columns.push_back("total");
    for (const labs::Lab& lab : registry->labs) {
      auto found = papers.find(&lab);
      if (found == papers.end()) continue;
      std::map<int, int64_t> by_year;
      for (const LabPaper& p : found->second) by_year[data.works[p.work].year] += 1;
      std::vector<std::string> row = {lab.key, lab.name_en};
      for (int year : ctx.years) row.push_back(FormatInt(by_year[year]));
      row.push_back(FormatInt(static_cast<int64_t>(found->second.size())));
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
  }
  {
    ExhibitTable t = ctx.NewExhibit(
        "labs_partners", "Labs: partners on the other side",
        matching + " " + other_side +
            " One row per lab and partner institution: the lab's joint papers with it, and the registry entities "
            "it is tied to at the time of those papers (risk_ties).",
        false);
    t.columns = {"lab_key", "lab", "partner_key", "partner", "country", "papers", "risk_ties"};
    for (const labs::Lab& lab : registry->labs) {
      auto found = papers.find(&lab);
      if (found == papers.end()) continue;
      std::map<std::string, const JointInstitution*> info;
      Tally count;
      std::map<std::string, std::set<std::string>> risk;
      for (const LabPaper& p : found->second) {
        for (const JointInstitution* partner : p.partners) {
          info[partner->key] = partner;
          count.Add(partner->key, 1);
          if (const std::set<std::string>* t_ = tied(data.works[p.work], *partner)) {
            risk[partner->key].insert(t_->begin(), t_->end());
          }
        }
      }
      for (const auto& [key, value] : count.Descending()) {
        std::string risk_text;
        for (const std::string& r : risk[key]) risk_text += (risk_text.empty() ? "" : "; ") + r;
        t.rows.push_back(
            {lab.key, lab.name_en, key, info[key]->name, info[key]->country, FormatNumber(value), risk_text});
      }
    }
    describe(t);
    out.push_back(std::move(t));
  }
  {
    std::vector<LabOnWork> matched;
    for (const auto& [lab, list] : papers) {
      for (const LabPaper& p : list) matched.push_back({lab, p.work, p.side, p.own});
    }
    ExhibitTable t = LabOwnersExhibit(ctx, data, *registry, matched);
    t.notes.insert(t.notes.begin(), fmt::format("Labs registry: {} ({} labs).", path, registry->labs.size()));
    out.push_back(std::move(t));
  }
  {
    ExhibitTable t = ctx.NewExhibit(
        "labs_papers", "Labs: the joint papers and their evidence",
        matching +
            " One row per lab, paper and piece of evidence: route (the strongest route of that evidence), evidence "
            "(what was compared: openalex_id, ror_id, lineage, display_name or raw_affiliation), matched_text (the "
            "affiliation side), lab_text (the registry side), raw_affiliation (the whole raw string, for raw "
            "strings) and where (the institution, or the author by OpenAlex id). " +
            other_side,
        false);
    t.columns = {"lab_key",      "lab",      "work_id",         "year",  "subfield", "route",        "evidence",
                 "matched_text", "lab_text", "raw_affiliation", "where", "partners", "tied_partners"};
    for (const labs::Lab& lab : registry->labs) {
      auto found = papers.find(&lab);
      if (found == papers.end()) continue;
      for (const LabPaper& p : found->second) {
        const JointWork& work = data.works[p.work];
        std::string partners, tied_partners;
        for (const JointInstitution* partner : p.partners) {
          partners += (partners.empty() ? "" : "; ") + Label(*partner);
          if (const std::set<std::string>* t_ = tied(work, *partner)) {
            std::string entities;
            for (const std::string& e : *t_) entities += (entities.empty() ? "" : ", ") + e;
            tied_partners += fmt::format("{}{}: {}", tied_partners.empty() ? "" : "; ", partner->name, entities);
          }
        }
        for (const Evidence& e : p.evidence) {
          t.rows.push_back({lab.key, lab.name_en, work.id, std::to_string(work.year), work.subfield_name,
                            std::string(labs::LabRouteName(e.route)), e.evidence, e.matched_text, e.lab_text,
                            e.raw_affiliation, e.where, partners, tied_partners});
        }
      }
    }
    describe(t);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace entangle::analyze
