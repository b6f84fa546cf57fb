// Exhibit 8: joint papers with a tied group-B entity, by source and category, by entity, by
// group-A country and by group-A institution. Counts are per source: an assessment and a
// designation are never added into one number, and a designation counts only in the years the
// entity was listed (ties listed later are shown in their own column).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <future>
#include <set>
#include <tuple>
#include <unordered_map>

#include "analyze/exhibit_risk.h"
#include "analyze/format.h"

namespace entangle::analyze {
namespace {

constexpr const char* kAll = "all categories";

// Distinct papers, as positions in RiskWorks::works. The works are visited in order, so a paper
// already counted is the last one listed and the list stays sorted.
class PaperList {
 public:
  void Add(size_t work) {
    if (ids_.empty() || ids_.back() != work) ids_.push_back(work);
  }
  size_t size() const { return ids_.size(); }
  const std::vector<size_t>& ids() const { return ids_; }

 private:
  std::vector<size_t> ids_;
};

// Per group (e.g. one source and category): distinct papers in each column.
struct PaperSets {
  PaperList at_time, direct, listed_later, after_delisting;
  std::set<std::string> entities;
};

size_t Position(const RiskWorks& risk, const RiskWork& w) { return static_cast<size_t>(&w - risk.works.data()); }

void Add(PaperSets& s, size_t work, const RiskTie& t) {
  if (t.at_time()) {
    s.at_time.Add(work);
    s.entities.insert(t.entity->key);  // an entity of several entries of this source counts once
    if (!t.match->inherited) s.direct.Add(work);
  } else if (t.status == risk::ListingStatus::kNotYetListed) {
    s.listed_later.Add(work);
  } else {
    s.after_delisting.Add(work);
  }
}

std::string Count(const PaperList& s) { return FormatInt(static_cast<int64_t>(s.size())); }
std::string Count(const std::set<std::string>& s) { return FormatInt(static_cast<int64_t>(s.size())); }

// Papers listed later / after delisting only when they have no tie at the time in the same group.
int64_t OnlyOutside(const PaperList& outside, const PaperList& at_time) {
  int64_t n = 0;
  auto in = at_time.ids().begin(), end = at_time.ids().end();
  for (size_t id : outside.ids()) {
    while (in != end && *in < id) ++in;
    n += (in == end || *in != id) ? 1 : 0;
  }
  return n;
}

using GroupKey = std::tuple<std::string, std::string, std::string, std::string>;  // kind, source, date, category

GroupKey KeyOf(const risk::RegistryEntry& e, bool all) {
  return {e.kind, e.source, e.source_date, all ? kAll : e.category};
}

// Small ids for the groups of KeyOf(), looked up once per registry entry rather than per tie.
class GroupIds {
 public:
  size_t Of(const risk::RegistryEntry& e, bool all) {
    auto [cached, added] = by_entry_.try_emplace(&e);
    if (added) cached->second = {Intern(KeyOf(e, false)), Intern(KeyOf(e, true))};
    return cached->second[all ? 1 : 0];
  }
  const GroupKey& Key(size_t id) const { return keys_[id]; }

 private:
  size_t Intern(GroupKey key) {
    auto [found, added] = ids_.try_emplace(key, keys_.size());
    if (added) keys_.push_back(std::move(key));
    return found->second;
  }
  std::map<GroupKey, size_t> ids_;
  std::vector<GroupKey> keys_;
  std::unordered_map<const risk::RegistryEntry*, std::array<size_t, 2>> by_entry_;
};

void Describe(ExhibitTable& t, const RiskWorks& risk) {
  std::string files;
  for (const std::string& f : risk.registry_files) files += (files.empty() ? "" : ", ") + f;
  t.notes.push_back(fmt::format("Registry: {} entries from {}. Every row names its source and the source's date; a "
                                "tie is a prompt for due diligence, not a finding (docs/risk.md).",
                                risk.registry.entries.size(), files.empty() ? "none" : files));
  t.notes.push_back("Assessments (think tanks, curation) and designations (government lists) are reported in "
                    "separate rows and never summed.");
  for (const std::string& n : risk.notes) t.notes.push_back(n);
}

ExhibitTable TiesTable(const StudyContext& ctx, const RiskWorks& risk) {
  ExhibitTable t = ctx.NewExhibit(
      "risk_ties", "Exhibit 8: joint papers with a tied " + ctx.group_b_name + " entity",
      "Joint papers with at least one institution that a registry source lists (directly, or through its "
      "OpenAlex lineage), per source and category, and per source over all its categories. A designation counts "
      "only when the entity was listed in the paper's year; papers whose only tie was listed later (or removed "
      "before) are in their own columns. papers_direct leaves out ties inherited through lineage.",
      /*counting_applies=*/false);
  t.columns = {"kind", "source", "source_date", "category", "joint_papers", "share_of_joint_papers",
               "papers_direct", "entities", "papers_listed_later", "papers_after_delisting"};
  GroupIds ids;
  std::map<size_t, PaperSets> by_id;
  for (const RiskWork& w : risk.works) {
    for (const RiskTie& tie : w.ties) {
      Add(by_id[ids.Of(tie.entry(), false)], Position(risk, w), tie);
      Add(by_id[ids.Of(tie.entry(), true)], Position(risk, w), tie);
    }
  }
  std::map<GroupKey, const PaperSets*> groups;  // rows in key order
  for (const auto& [id, sets] : by_id) groups.emplace(ids.Key(id), &sets);
  for (const auto& [key, sets] : groups) {
    const PaperSets& s = *sets;
    const auto& [kind, source, date, category] = key;
    t.rows.push_back({kind, source, date, category, Count(s.at_time),
                      FormatPercent(static_cast<double>(s.at_time.size()), static_cast<double>(risk.joint_works)),
                      Count(s.direct), Count(s.entities), FormatInt(OnlyOutside(s.listed_later, s.at_time)),
                      FormatInt(OnlyOutside(s.after_delisting, s.at_time))});
  }
  Describe(t, risk);
  return t;
}

ExhibitTable EntityTable(const StudyContext& ctx, const RiskWorks& risk) {
  ExhibitTable t = ctx.NewExhibit(
      "risk_by_entity", "Exhibit 8: joint papers per tied entity",
      "Per entity matched by a partner institution, with every source that lists it (an entity that ASPI and "
      "the curation both list is one row with two sources; the sources stay separate: kinds, categories, dates "
      "and reasons per entry): joint papers (at the time, see risk_ties; a paper with two sources of the entity "
      "counts once), those with the entity itself rather than a lab or campus in its lineage, the papers per "
      "entry, and how it was matched: institution, route and matched text. source_urls gives, per source in "
      "the order of sources, the web page of the entity's entry in that list (the evidence).",
      /*counting_applies=*/false);
  t.columns = {
      "entity_key",      "entity",     "entity_zh",    "kinds",         "categories",          "sources",
      "entry_keys",      "listings",   "joint_papers", "papers_direct", "papers_listed_later", "papers_after_delisting",
      "papers_by_entry", "matched_as", "reasons",      "source_urls"};
  struct Tally {
    const risk::RegistryEntity* entity = nullptr;
    PaperSets papers;
    std::map<const risk::RegistryEntry*, PaperList, std::less<>> by_entry;  // in load order (one array)
    std::set<std::string> matched_as;
  };
  std::map<std::string, Tally> by_entity;  // entity key -> tally
  for (const RiskWork& w : risk.works) {
    for (const RiskTie& tie : w.ties) {
      Tally& tally = by_entity[tie.entity->key];
      tally.entity = tie.entity;
      Add(tally.papers, Position(risk, w), tie);
      PaperList& entry_papers = tally.by_entry[&tie.entry()];
      if (tie.at_time()) entry_papers.Add(Position(risk, w));
      if (tally.matched_as.size() < 10) {
        tally.matched_as.insert(fmt::format("{} [{}]", tie.institution->name_on_work, DescribeRoute(*tie.match)));
      }
    }
  }
  std::vector<const Tally*> order;
  for (const auto& [key, tally] : by_entity) order.push_back(&tally);
  std::stable_sort(order.begin(), order.end(),
                   [](const Tally* a, const Tally* b) { return a->papers.at_time.size() > b->papers.at_time.size(); });
  for (const Tally* tally : order) {
    const risk::RegistryEntity& entity = *tally->entity;
    const PaperSets& s = tally->papers;
    std::vector<const risk::RegistryEntry*> entries;  // the entity's entries with a tie here
    for (const auto& [entry, papers] : tally->by_entry) entries.push_back(entry);
    auto listing = [](const risk::RegistryEntry* e) -> std::string {
      if (e->kind != "designation") return "";
      return fmt::format("{}: listed {}{}", e->key, e->listed_on.empty() ? "?" : e->listed_on,
                         e->delisted_on.empty() ? "" : ", removed " + e->delisted_on);
    };
    std::string papers_by_entry;
    for (const auto& [entry, papers] : tally->by_entry) {
      papers_by_entry += fmt::format("{}{}={}", papers_by_entry.empty() ? "" : " ", entry->key, papers.size());
    }
    auto of_entries = [&](auto field, const char* sep = "; ") { return JoinDistinct(entries, field, sep); };
    std::string kinds = of_entries([](const risk::RegistryEntry* e) { return e->kind; });
    std::string categories = of_entries([](const risk::RegistryEntry* e) { return e->category; }, " ");
    std::string sources = of_entries([](const risk::RegistryEntry* e) { return SourceWithDate(*e); });
    std::string source_urls = JoinSourceUrls(
        entries, [](const risk::RegistryEntry* e) { return SourceWithDate(*e); },
        [](const risk::RegistryEntry* e) { return e->source_url; });
    std::string keys = of_entries([](const risk::RegistryEntry* e) { return e->key; }, " ");
    std::string reasons = of_entries([](const risk::RegistryEntry* e) { return e->key + ": " + e->reason; }, " | ");
    std::string as;
    for (const std::string& m : tally->matched_as) as += (as.empty() ? "" : "; ") + m;
    t.rows.push_back({entity.key, entity.name_en, entity.name_zh, kinds, categories, sources, keys, of_entries(listing),
                      Count(s.at_time), Count(s.direct), FormatInt(OnlyOutside(s.listed_later, s.at_time)),
                      FormatInt(OnlyOutside(s.after_delisting, s.at_time)), papers_by_entry, as, reasons, source_urls});
  }
  Describe(t, risk);
  t.notes[1] =
      "An entity that several sources list is one row; its sources stay separate (kinds, categories, sources, "
      "listings, reasons and papers_by_entry per entry). joint_papers is the number of distinct papers with the "
      "entity (at the time by any of its sources), not a sum over sources, and no score.";
  return t;
}

// The group-A side of each tied paper: by country, and by institution.
std::pair<ExhibitTable, ExhibitTable> OtherSideTables(const StudyContext& ctx, const RiskWorks& risk) {
  ExhibitTable by_country = ctx.NewExhibit(
      "risk_by_country", "Exhibit 8: tied joint papers by " + ctx.group_a_name + " country",
      fmt::format("Joint papers with a tied {} entity (at the time), per source, category and country of the "
                  "{} institutions on the paper. A paper counts once for each of its {} countries.",
                  ctx.group_b_name, ctx.group_a_name, ctx.group_a_name),
      /*counting_applies=*/false);
  by_country.columns = {"kind", "source", "source_date", "category", "country", "joint_papers"};
  ExhibitTable by_inst = ctx.NewExhibit(
      "risk_by_institution", "Exhibit 8: tied joint papers by " + ctx.group_a_name + " institution",
      fmt::format("Per source: the {} institutions (as given) with joint papers with a tied {} entity (at the "
                  "time), with the categories and entities of those ties (papers per entity in brackets).",
                  ctx.group_a_name, ctx.group_b_name),
      /*counting_applies=*/false);
  by_inst.columns = {"kind", "source", "source_date", "institution_id", "institution", "country", "joint_papers",
                     "categories", "tied_entities"};
  GroupIds groups;
  std::map<std::pair<size_t, std::string>, PaperList> countries;  // (group id, country)
  struct InstAgg {
    std::string id, name, country;
    PaperList papers;
    std::set<std::string> categories;
    std::map<std::string, PaperList> entities;  // entity name -> papers
  };
  std::map<std::pair<size_t, std::string>, InstAgg> insts;  // (group id, institution key)
  for (const RiskWork& w : risk.works) {
    for (const RiskTie& tie : w.ties) {
      if (!tie.at_time()) continue;
      const risk::RegistryEntry& e = tie.entry();
      for (const JointInstitution* i : w.institutions) {
        const std::string& country = RiskCountry(*i);
        if (country.empty() || !ctx.SideOf(country).Has(select::kSideA)) continue;
        countries[{groups.Of(e, false), country}].Add(Position(risk, w));
        countries[{groups.Of(e, true), country}].Add(Position(risk, w));
        InstAgg& agg = insts[{groups.Of(e, true), i->key}];
        agg.id = i->id;
        agg.name = i->name_on_work;
        agg.country = country;
        agg.papers.Add(Position(risk, w));
        agg.categories.insert(e.category);
        // By entity: one name, whichever of its entries of this source matched.
        const risk::RegistryEntity& entity = *tie.entity;
        agg.entities[entity.name_en.empty() ? entity.key : entity.name_en].Add(Position(risk, w));
      }
    }
  }
  // Rows in (group, country) and (group, most papers, institution key) order.
  std::vector<const std::pair<const std::pair<size_t, std::string>, PaperList>*> country_order;
  for (const auto& entry : countries) country_order.push_back(&entry);
  std::sort(country_order.begin(), country_order.end(), [&](const auto* a, const auto* b) {
    return std::tie(groups.Key(a->first.first), a->first.second) < std::tie(groups.Key(b->first.first), b->first.second);
  });
  for (const auto* entry : country_order) {
    const auto& [kind, source, date, category] = groups.Key(entry->first.first);
    by_country.rows.push_back({kind, source, date, category, entry->first.second, Count(entry->second)});
  }
  std::vector<const std::pair<const std::pair<size_t, std::string>, InstAgg>*> order;
  for (const auto& entry : insts) order.push_back(&entry);
  std::sort(order.begin(), order.end(), [&](const auto* a, const auto* b) {
    const GroupKey& ka = groups.Key(a->first.first);
    const GroupKey& kb = groups.Key(b->first.first);
    if (ka != kb) return ka < kb;
    if (a->second.papers.size() != b->second.papers.size()) return a->second.papers.size() > b->second.papers.size();
    return a->first.second < b->first.second;
  });
  for (const auto* entry : order) {
    const auto& [kind, source, date, category] = groups.Key(entry->first.first);
    const InstAgg& a = entry->second;
    std::string cats, ents;
    for (const std::string& c : a.categories) cats += (cats.empty() ? "" : " ") + c;
    for (const auto& [name, papers] : a.entities) ents += fmt::format("{}{} ({})", ents.empty() ? "" : "; ", name, papers.size());
    by_inst.rows.push_back({kind, source, date, a.id, a.name, a.country, Count(a.papers), cats, ents});
  }
  Describe(by_country, risk);
  Describe(by_inst, risk);
  return {std::move(by_country), std::move(by_inst)};
}

}  // namespace

Exhibits RiskTieExhibits(const StudyContext& ctx, const RiskWorks& risk) {
  Exhibits out;
  out.push_back(TiesTable(ctx, risk));
  out.push_back(EntityTable(ctx, risk));
  auto [by_country, by_inst] = OtherSideTables(ctx, risk);
  out.push_back(std::move(by_country));
  out.push_back(std::move(by_inst));
  return out;
}

namespace {
// Fulfils the promise when it goes out of scope, on every path out of RiskExhibits.
class SignalOnExit {
 public:
  explicit SignalOnExit(std::promise<void>& promise) : promise_(promise) {}
  ~SignalOnExit() { Signal(); }
  void Signal() {
    if (!signalled_) promise_.set_value();
    signalled_ = true;
  }

 private:
  std::promise<void>& promise_;
  bool signalled_ = false;
};
}  // namespace

Result<Exhibits> RiskExhibits(const StudyContext& ctx, const JointData& data, Result<WorkTexts> texts,
                              std::promise<void>& reads_done, PartnerTies* partner_ties) {
  SignalOnExit signal(reads_done);
  if (!texts.ok()) return texts.status();
  Result<std::unique_ptr<store::StudyDb>> db =
      store::StudyDb::Open(ctx.options.database_path, store::StudyDbAccess::kReadWrite);
  if (!db.ok()) return db.status();
  Result<std::unique_ptr<RiskWorks>> risk = LoadRiskWorks(**db, ctx, data, std::move(texts).value());
  if (!risk.ok()) return risk.status();
  if (partner_ties != nullptr) {
    for (const RiskWork& w : (*risk)->works) {
      for (const RiskTie& tie : w.ties) {
        if (!tie.at_time()) continue;
        const std::string& name = tie.entity->name_en.empty() ? tie.entity->key : tie.entity->name_en;
        partner_ties->by_work[std::string(w.id)][tie.institution->key].insert(
            fmt::format("{} ({})", name, SourceWithDate(tie.entry())));
      }
    }
  }
  Result<FlaggedPeople> people = LoadFlaggedPeople(**db, **risk, data);
  db->reset();  // the last read: from here on the database is the caller's to write
  signal.Signal();
  if (!people.ok()) return people.status();
  // The tie tables are tabulated on another core while the flagged list is built.
  std::future<Exhibits> ties = std::async(std::launch::async, [&] { return RiskTieExhibits(ctx, **risk); });
  Exhibits flagged = RiskFlaggedExhibits(ctx, **risk, *people);
  Exhibits out = ties.get();
  for (ExhibitTable& t : flagged) out.push_back(std::move(t));
  return out;
}

}  // namespace entangle::analyze
