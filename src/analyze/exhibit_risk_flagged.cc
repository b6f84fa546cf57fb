// The flagged list: tied entity x application family. Each row is one paper with one tied entity
// and one dual-use family found in its text, with all the evidence a reader needs to check it:
// the registry entry (source, date, route, matched text) and the terms (field, span, text).
#include <fmt/format.h>

#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analyze/exhibit_risk.h"
#include "analyze/format.h"

namespace entangle::analyze {
namespace {

struct People {
  std::string authors, affiliations;
};

// Authors and their affiliations of the flagged works, from the work copies: one indexed query
// per flagged work (they are a small part of all joint works).
Result<std::unordered_map<std::string, People>> LoadPeople(AnalysisDb& db, const std::unordered_set<std::string>& ids) {
  std::unordered_map<std::string, People> people;
  Result<store::Statement> query = store::Statement::Prepare(
      db.handle(),
      "SELECT a.author_name, group_concat(coalesce(wi.display_name, ai.institution_key) || ' [' || "
      "coalesce(wi.country_code, '?') || ']', '; ') FROM work_authorships a "
      "LEFT JOIN work_authorship_institutions ai ON ai.work_id = a.work_id AND ai.author_order = a.author_order "
      "LEFT JOIN work_institutions wi ON wi.work_id = ai.work_id AND wi.institution_key = ai.institution_key "
      "WHERE a.work_id = ?1 GROUP BY a.author_order ORDER BY a.author_order");
  if (!query.ok()) return query.status();
  for (const std::string& id : ids) {
    ENTANGLE_RETURN_IF_ERROR(query->BindAll(id));
    People& p = people[id];
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      std::string name = query->ColumnText(0);
      if (name.empty()) name = "(no name)";
      std::string affiliations = query->ColumnText(1);
      p.authors += (p.authors.empty() ? "" : "; ") + name;
      p.affiliations += fmt::format("{}{} ({})", p.affiliations.empty() ? "" : " | ", name,
                                    affiliations.empty() ? "no affiliation" : affiliations);
    }
  }
  return people;
}

std::string DescribeHit(const VocabularyHit& h) {
  std::string field = h.field == "keyword" ? fmt::format("keyword {}", h.item) : h.field;
  return fmt::format("{} [{} {}-{}: \"{}\"]", h.term, field, h.begin, h.end, h.text);
}

// Military and security organs are their own end user: a joint paper with one is flagged whatever
// its topic (the study's PLA Information Engineering University case is about "remote sensing
// image" extraction, a phrase the vocabulary drops as too generic for civilian partners).
constexpr const char* kEndUserFamily = "(any application: military or security end user)";
bool IsEndUser(const RegistryEntry& e) {
  return e.category == "pla" || e.category == "pap" || e.category == "mps" || e.category == "mss" ||
         e.category == "security";
}

template <typename Set>
std::string Join(const Set& items, const char* sep = " ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

}  // namespace

Result<Exhibits> RiskFlaggedExhibits(AnalysisDb& db, const StudyContext& ctx, const RiskWorks& risk) {
  std::unordered_set<std::string> flagged_ids;
  for (const RiskWork& w : risk.works) {
    bool end_user = false;
    for (const RiskTie& t : w.ties) end_user = end_user || IsEndUser(*t.match.entry);
    if (!w.ties.empty() && (!w.hits.empty() || end_user)) flagged_ids.insert(w.id);
  }
  Result<std::unordered_map<std::string, People>> people = LoadPeople(db, flagged_ids);
  if (!people.ok()) return people.status();

  ExhibitTable flagged = ctx.NewExhibit(
      "risk_flagged", "Flagged list: tied " + ctx.group_b_name + " entity x dual-use application",
      "One row per (joint paper, registry entry matched by one of its institutions, dual-use vocabulary family "
      "found in its title, abstract or keywords). A paper with a military or security organ (categories pla, "
      "pap, mps, mss, security) and no vocabulary hit is listed once per such entity with the family '" +
          std::string(kEndUserFamily) + "'. listing_status says whether a designation was in force in the "
      "paper's year ('listed'), came later ('not_yet_listed': not a tie at the time) or had ended ('delisted'); "
      "assessments show 'not_a_designation'. terms gives each hit as term [field begin-end: \"text\"] (byte "
      "offsets in that field).",
      /*counting_applies=*/false);
  flagged.columns = {"work_id", "doi", "title", "year", "entity_key", "entity", "kind", "category", "source",
                     "source_date", "listing_status", "institution", "route", "matched_text", "registry_text",
                     "inherited_from", "family", "terms", "authors", "affiliations"};
  ExhibitTable papers = ctx.NewExhibit(
      "risk_papers", "Joint papers with a tie or a dual-use term",
      "One row per joint paper with a registry tie of a " + ctx.group_b_name +
          " entity (any listing status) or a dual-use vocabulary hit: the entries (keys), their categories and "
          "sources, the listing status per entry, and the vocabulary families and terms found.",
      /*counting_applies=*/false);
  papers.columns = {"work_id", "doi", "year", "entity_keys", "categories", "sources", "listing", "families", "terms"};

  for (const RiskWork& w : risk.works) {
    std::set<std::string> keys, categories, sources, listing, families, terms;
    for (const RiskTie& t : w.ties) {
      const RegistryEntry& e = *t.match.entry;
      keys.insert(e.key);
      categories.insert(e.category);
      sources.insert(e.source);
      listing.insert(fmt::format("{}={}", e.key, ListingStatusName(t.status)));
    }
    std::map<std::string, std::vector<const VocabularyHit*>> by_family;
    for (const VocabularyHit& h : w.hits) {
      families.insert(h.family);
      terms.insert(h.family + "/" + h.term);
      by_family[h.family].push_back(&h);
    }
    papers.rows.push_back({w.id, w.doi, FormatInt(w.year), Join(keys), Join(categories), Join(sources, "; "),
                           Join(listing), Join(families), Join(terms, "; ")});
    if (flagged_ids.count(w.id) == 0) continue;
    const People& p = (*people)[w.id];
    for (const RiskTie& t : w.ties) {
      const RegistryEntry& e = *t.match.entry;
      auto families_of_tie = by_family;
      if (IsEndUser(e) && by_family.empty()) families_of_tie[kEndUserFamily] = {};
      for (const auto& [family, hits] : families_of_tie) {
        std::string described;
        for (const VocabularyHit* h : hits) described += (described.empty() ? "" : "; ") + DescribeHit(*h);
        flagged.rows.push_back({w.id, w.doi, w.title, FormatInt(w.year), e.key, e.name_en, e.kind, e.category,
                                e.source, e.source_date, std::string(ListingStatusName(t.status)),
                                t.institution_name, t.match.route, t.match.matched_text, t.match.registry_text,
                                t.match.inherited_from, family, described, p.authors, p.affiliations});
      }
    }
  }
  for (const std::string& n : risk.notes) {
    flagged.notes.push_back(n);
    papers.notes.push_back(n);
  }
  flagged.notes.push_back("A flag is a prompt for due diligence, not a verdict: see docs/screening.md.");
  Exhibits out;
  out.push_back(std::move(flagged));
  out.push_back(std::move(papers));
  return out;
}

}  // namespace entangle::analyze
