// The flagged list: tied entity x application family. Each row is one paper with one tied entity
// and one dual-use family found in its text, with all the evidence a reader needs to check it:
// the registry entry (source, date, route, matched text) and the terms (field, span, text).
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "analyze/exhibit_risk.h"
#include "analyze/format.h"
#include "store/sqlite_util.h"

namespace entangle::analyze {
namespace {

// Authors and their affiliations ("name [country]", as the work lists them) of the flagged works
// (positions in data.works), in the same order. Read per work through the work_id indexes: on 1 M
// joint papers with 12 % of them flagged, that is 7 s against 9 s for streaming both tables whole
// (20 M rows), and real studies flag a smaller share.
Result<std::vector<People>> LoadPeople(store::StudyDb& db, const JointData& data, const std::vector<size_t>& flagged) {
  struct Author {
    int64_t order;
    std::string name, affiliations;
  };
  // The flagged works come in id order, so consecutive lookups share their index pages.
  std::vector<std::vector<Author>> authors(flagged.size());
  Result<store::Statement> names = store::Statement::Prepare(
      db.handle(), "SELECT author_order, author_name FROM work_authorships WHERE work_id = ?1 ORDER BY rowid");
  if (!names.ok()) return names.status();
  Result<store::Statement> links = store::Statement::Prepare(
      db.handle(), "SELECT author_order, institution_key FROM work_authorship_institutions WHERE work_id = ?1 ORDER BY rowid");
  if (!links.ok()) return links.status();
  auto author = [](std::vector<Author>& list, int64_t order) -> Author* {
    for (Author& a : list) {
      if (a.order == order) return &a;
    }
    return nullptr;
  };
  for (size_t s = 0; s < flagged.size(); ++s) {
    const JointWork& work = data.works[flagged[s]];
    std::vector<Author>& list = authors[s];
    ENTANGLE_RETURN_IF_ERROR(names->BindAll(work.id));
    for (;;) {
      Result<bool> row = names->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      int64_t order = names->ColumnInt64(0);
      if (author(list, order) == nullptr) list.push_back({order, names->ColumnText(1), ""});
    }
    ENTANGLE_RETURN_IF_ERROR(links->BindAll(work.id));
    for (;;) {
      Result<bool> row = links->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Author* a = author(list, links->ColumnInt64(0));
      if (a == nullptr) continue;
      std::string key = links->ColumnText(1);
      std::string_view name = key, country = "?";
      for (const WorkInstitution& on_work : work.institutions) {
        if (on_work.info->key != key) continue;
        if (!on_work.info->name_on_work.empty()) name = on_work.info->name_on_work;
        if (!on_work.info->country_on_work.empty()) country = on_work.info->country_on_work;
        break;
      }
      a->affiliations.append(a->affiliations.empty() ? "" : "; ").append(name).append(" [").append(country).append("]");
    }
  }
  std::vector<People> people(flagged.size());
  for (size_t s = 0; s < flagged.size(); ++s) {
    std::vector<Author>& list = authors[s];
    std::sort(list.begin(), list.end(), [](const Author& x, const Author& y) { return x.order < y.order; });
    People& p = people[s];
    for (const Author& a : list) {
      std::string_view name = a.name.empty() ? std::string_view("(no name)") : std::string_view(a.name);
      p.authors.append(p.authors.empty() ? "" : "; ").append(name);
      p.affiliations.append(p.affiliations.empty() ? "" : " | ").append(name).append(" (");
      p.affiliations.append(a.affiliations.empty() ? std::string_view("no affiliation") : std::string_view(a.affiliations));
      p.affiliations.append(")");
    }
  }
  return people;
}

std::string DescribeHit(const risk::VocabularyHit& h) {
  std::string field = h.field == "keyword" ? fmt::format("keyword {}", h.item) : h.field;
  return fmt::format("{} [{} {}-{}: \"{}\"]", h.term, field, h.begin, h.end, h.text);
}

// Military and security organs are their own end user: a joint paper with one is flagged whatever
// its topic (the study's PLA Information Engineering University case is about "remote sensing
// image" extraction, a phrase the vocabulary drops as too generic for civilian partners).
constexpr const char* kEndUserFamily = "(any application: military or security end user)";
bool IsEndUser(const risk::RegistryEntry& e) {
  return e.category == "pla" || e.category == "pap" || e.category == "mps" || e.category == "mss" ||
         e.category == "security";
}

template <typename Set>
std::string Join(const Set& items, const char* sep = " ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// A work's ties to one entity: the entity's entries (sources) that its institutions matched.
struct EntityTies {
  const risk::RegistryEntity* entity = nullptr;
  std::vector<const RiskTie*> ties;  // in the work's tie order (entry key)
};

// The work's ties grouped by entity, in the order of each entity's first tie.
std::vector<EntityTies> ByEntity(const RiskWork& w) {
  std::vector<EntityTies> out;
  for (const RiskTie& t : w.ties) {
    auto it = std::find_if(out.begin(), out.end(), [&](const EntityTies& e) { return e.entity == t.entity; });
    if (it == out.end()) it = out.insert(out.end(), {t.entity, {}});
    it->ties.push_back(&t);
  }
  return out;
}

// The listing status of the entity's ties on the paper: one status when its sources agree
// ("not_a_designation" for assessments), else "entry=status" per entry.
std::string ListingOf(const EntityTies& e) {
  std::string one =
      JoinDistinct(e.ties, [](const RiskTie* t) { return std::string(risk::ListingStatusName(t->status)); });
  if (one.find(';') == std::string::npos) return one;
  return JoinDistinct(
      e.ties, [](const RiskTie* t) { return fmt::format("{}={}", t->entry().key, risk::ListingStatusName(t->status)); },
      " ");
}

}  // namespace

Result<FlaggedPeople> LoadFlaggedPeople(store::StudyDb& db, const RiskWorks& risk, const JointData& data) {
  FlaggedPeople flagged;
  std::vector<size_t> joint_positions;  // the flagged works' positions in data.works
  for (size_t position = 0; position < risk.works.size(); ++position) {
    const RiskWork& w = risk.works[position];
    bool end_user = false;
    for (const RiskTie& t : w.ties) end_user = end_user || IsEndUser(t.entry());
    if (!w.ties.empty() && (!w.hits.empty() || end_user)) {
      flagged.works.push_back(position);
      joint_positions.push_back(w.joint_position);
    }
  }
  Result<std::vector<People>> people = LoadPeople(db, data, joint_positions);
  if (!people.ok()) return people.status();
  flagged.people = std::move(people).value();
  return flagged;
}

Exhibits RiskFlaggedExhibits(const StudyContext& ctx, const RiskWorks& risk, const FlaggedPeople& people) {
  const std::vector<size_t>& flagged_works = people.works;
  ExhibitTable flagged = ctx.NewExhibit(
      "risk_flagged", "Flagged list: tied " + ctx.group_b_name + " entity x dual-use application",
      "One row per (joint paper, entity matched by one of its institutions, dual-use vocabulary family found in "
      "its title, abstract or keywords). An entity that several sources list (e.g. ASPI and the curation) is one "
      "row naming the entries (entry_keys) and sources that tie it to the paper. A paper with a military or "
      "security organ (categories pla, pap, mps, mss, security) and no vocabulary hit is listed once per such "
      "entity with the family '" +
          std::string(kEndUserFamily) +
          "'. listing_status says whether a designation was in force in the paper's year ('listed'), came later "
          "('not_yet_listed': not a tie at the time) or had ended ('delisted'); assessments show "
          "'not_a_designation'; when the entity's sources differ, it is given per entry (entry=status). terms "
          "gives each hit as term [field begin-end: \"text\"] (byte offsets in that field). source_urls gives, per "
          "source in the order of sources, the web page of the entry in that list (the evidence).",
      /*counting_applies=*/false);
  flagged.columns = {"work_id",    "doi",          "title",         "year",           "entity_key",     "entity",
                     "entry_keys", "kinds",        "categories",    "sources",        "listing_status", "institution",
                     "route",      "matched_text", "registry_text", "inherited_from", "family",         "terms",
                     "authors",    "affiliations", "source_urls"};
  ExhibitTable papers = ctx.NewExhibit(
      "risk_papers", "Joint papers with a tie or a dual-use term",
      "One row per joint paper with a registry tie of a " + ctx.group_b_name +
          " entity (any listing status) or a dual-use vocabulary hit: the entities (keys: an entity that several "
          "sources list once), the registry entries (keys), their categories and sources, the listing status per "
          "entry, the vocabulary families and terms found, and per source (in the order of sources) the web pages of "
          "its entries (source_urls).",
      /*counting_applies=*/false);
  papers.columns = {"work_id", "doi",     "year",     "entity_keys", "entry_keys", "categories",
                    "sources", "listing", "families", "terms",       "source_urls"};

  auto next_flagged = flagged_works.begin();
  for (size_t position = 0; position < risk.works.size(); ++position) {
    const RiskWork& w = risk.works[position];
    std::set<std::string> entity_keys, keys, categories, sources, listing, families, terms;
    std::map<std::string, std::set<std::string>> urls_of_source;  // in the order of `sources`
    for (const RiskTie& t : w.ties) {
      const risk::RegistryEntry& e = t.entry();
      entity_keys.insert(t.entity->key);
      keys.insert(e.key);
      categories.insert(e.category);
      sources.insert(e.source);
      std::set<std::string>& urls = urls_of_source[e.source];
      if (!e.source_url.empty()) urls.insert(e.source_url);
      listing.insert(fmt::format("{}={}", e.key, risk::ListingStatusName(t.status)));
    }
    std::map<std::string, std::vector<const risk::VocabularyHit*>> by_family;
    for (const risk::VocabularyHit& h : w.hits) {
      families.insert(h.family);
      terms.insert(h.family + "/" + h.term);
      by_family[h.family].push_back(&h);
    }
    papers.rows.push_back(
        {std::string(w.id), w.doi, FormatInt(w.year), Join(entity_keys), Join(keys), Join(categories),
         Join(sources, "; "), Join(listing), Join(families), Join(terms, "; "),
         JoinSourceUrls(
             urls_of_source, [](const auto& s) { return s.first; }, [](const auto& s) { return Join(s.second); })});
    if (next_flagged == flagged_works.end() || *next_flagged != position) continue;
    const People& p = people.people[static_cast<size_t>(next_flagged - flagged_works.begin())];
    ++next_flagged;
    for (const EntityTies& tied : ByEntity(w)) {
      const risk::RegistryEntity& entity = *tied.entity;
      bool end_user = false;
      for (const RiskTie* t : tied.ties) end_user = end_user || IsEndUser(t->entry());
      auto families_of_entity = by_family;
      if (end_user && by_family.empty()) families_of_entity[kEndUserFamily] = {};
      const auto& ties = tied.ties;
      auto each = [&](auto field, const char* sep = "; ") { return JoinDistinct(ties, field, sep); };
      std::vector<std::string> evidence = {each([](const RiskTie* t) { return t->entry().key; }, " "),
                                           each([](const RiskTie* t) { return t->entry().kind; }),
                                           each([](const RiskTie* t) { return t->entry().category; }, " "),
                                           each([](const RiskTie* t) { return SourceWithDate(t->entry()); }),
                                           ListingOf(tied),
                                           each([](const RiskTie* t) { return t->institution->name_on_work; }),
                                           each([](const RiskTie* t) { return t->match->route; }),
                                           each([](const RiskTie* t) { return t->match->matched_text; }),
                                           each([](const RiskTie* t) { return t->match->registry_text; }),
                                           each([](const RiskTie* t) { return t->match->inherited_from; })};
      const std::string source_urls = JoinSourceUrls(
          ties, [](const RiskTie* t) { return SourceWithDate(t->entry()); },
          [](const RiskTie* t) { return t->entry().source_url; });
      for (const auto& [family, hits] : families_of_entity) {
        std::string described;
        for (const risk::VocabularyHit* h : hits) described += (described.empty() ? "" : "; ") + DescribeHit(*h);
        std::vector<std::string> row = {std::string(w.id), w.doi,      w.title,
                                        FormatInt(w.year), entity.key, entity.name_en};
        row.insert(row.end(), evidence.begin(), evidence.end());
        row.insert(row.end(), {family, described, p.authors, p.affiliations, source_urls});
        flagged.rows.push_back(std::move(row));
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
