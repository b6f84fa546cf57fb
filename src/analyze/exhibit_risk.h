#pragma once
// Internal: the joint works as the risk exhibits see them: each work's ties (registry entries
// matched by a partner institution, with route and matched text) and its dual-use vocabulary
// hits. Loaded once by LoadRiskWorks(), then tabulated by exhibit_risk.cc and
// exhibit_risk_flagged.cc.
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/analysis_db.h"
#include "analyze/exhibits.h"
#include "analyze/joint_data.h"
#include "analyze/study_context.h"
#include "risk/risk.h"

namespace entangle::analyze {

// One registry entry matched by one institution of a work.
struct RiskTie {
  const risk::RiskMatch* match = nullptr;         // entry, route, matched/registry text, inheritance
  const JointInstitution* institution = nullptr;  // the work's institution that matched
  risk::ListingStatus status = risk::ListingStatus::kNotADesignation;  // of the entry in the work's year
  // The entity the entry names, with the registry's other entries of it (RiskWorks::entities): a
  // partner listed by several sources is one entity with several sources, never two partners.
  const risk::RegistryEntity* entity = nullptr;
  const risk::RegistryEntry& entry() const { return *match->entry; }
  // A designation listed only after the paper's year (or removed before it) was no tie at the
  // time: such ties are reported in their own columns and never counted as "joint papers".
  bool at_time() const {
    return status != risk::ListingStatus::kNotYetListed && status != risk::ListingStatus::kDelisted;
  }
};

// The affiliation's country as the work gives it, else its entity's.
inline const std::string& RiskCountry(const JointInstitution& inst) {
  return inst.country_on_work.empty() ? inst.country : inst.country_on_work;
}

struct RiskWork {
  std::string_view id;  // JointWork::id
  int year = 0;
  size_t joint_position = 0;  // in JointData::works
  std::string doi, title;
  std::vector<const JointInstitution*> institutions;  // ordered by key
  std::vector<RiskTie> ties;  // one per (entry, institution); ordered by entry key
  std::vector<risk::VocabularyHit> hits;
};

struct RiskWorks {
  risk::Registry registry;          // the ties point into it
  risk::RegistryEntities entities;  // of `registry`: what RiskTie::entity points to
  std::vector<std::string> registry_files;
  std::string vocabulary_file;
  // Each distinct affiliation's registry matches, computed once: what RiskTie::match points to.
  std::unordered_map<const JointInstitution*, std::vector<risk::RiskMatch>> matches;
  std::vector<RiskWork> works;  // joint works with a tie or a hit, sorted by id
  size_t joint_works = 0;       // all joint works looked at
  std::vector<std::string> notes;
};

// Every joint work's DOI and title, and the dual-use vocabulary (options or default) run over its
// title, abstract and keywords. Opens its own connection, so that it can run on a second core
// while the joint works load.
struct ScannedText {
  std::string doi, title;
  std::vector<risk::VocabularyHit> hits;
};
struct WorkTexts {
  std::string vocabulary_file;
  std::vector<std::string> notes;
  std::unordered_map<std::string, ScannedText> by_id;
};
Result<WorkTexts> ScanWorkTexts(const AnalyzeOptions& options);

// Loads the registry (options or defaults), matches every institution of every joint work, and
// keeps the works with a tie of a group-B entity or a vocabulary hit. The result points into
// `data`, which must outlive it.
Result<std::unique_ptr<RiskWorks>> LoadRiskWorks(store::StudyDb& db, const StudyContext& ctx, const JointData& data,
                                                 WorkTexts texts);

// Exhibit 8 and its breakdowns: by category, entity (one row per entity, with its sources), group-A
// country and group-A institution.
Exhibits RiskTieExhibits(const StudyContext& ctx, const RiskWorks& risk);
// The flagged list (tied entity x application family; one row per entity, with the sources that tie
// it to the paper) and the per-paper list.
struct People {
  std::string authors, affiliations;  // "name; name", "name (affiliation [country]; ...) | ..."
};
struct FlaggedPeople {
  std::vector<size_t> works;   // the flagged works: positions in RiskWorks::works, ascending
  std::vector<People> people;  // their authors, in the same order
};
// Picks the works the flagged list shows and reads their authors from the database.
Result<FlaggedPeople> LoadFlaggedPeople(store::StudyDb& db, const RiskWorks& risk, const JointData& data);
Exhibits RiskFlaggedExhibits(const StudyContext& ctx, const RiskWorks& risk, const FlaggedPeople& people);

// "ASPI China Defence Universities Tracker (2020-08)": an entry's source and the source's date.
std::string SourceWithDate(const risk::RegistryEntry& entry);

// "a; b": the distinct non-empty values of `value(item)`, in their first order.
template <typename Items, typename Value>
std::string JoinDistinct(const Items& items, Value value, const char* sep = "; ") {
  std::vector<std::string> seen;
  for (const auto& item : items) {
    std::string v = value(item);
    if (!v.empty() && std::find(seen.begin(), seen.end(), v) == seen.end()) seen.push_back(std::move(v));
  }
  std::string out;
  for (const std::string& v : seen) out += (out.empty() ? "" : sep) + v;
  return out;
}

// The list entries behind a `sources` cell (JoinDistinct of `label`): one item per source, in the
// same order, separated by "; ", each the distinct non-empty `url`s of that source's items
// separated by spaces ("" when the source gives none). The report links each source to its item.
template <typename Items, typename Label, typename Url>
std::string JoinSourceUrls(const Items& items, Label label, Url url) {
  std::vector<std::pair<std::string, std::vector<std::string>>> sources;
  for (const auto& item : items) {
    std::string l = label(item);
    if (l.empty()) continue;
    auto it = std::find_if(sources.begin(), sources.end(), [&](const auto& s) { return s.first == l; });
    if (it == sources.end()) it = sources.insert(sources.end(), {std::move(l), {}});
    std::string u = url(item);
    if (!u.empty() && std::find(it->second.begin(), it->second.end(), u) == it->second.end())
      it->second.push_back(std::move(u));
  }
  std::string out;
  for (size_t s = 0; s < sources.size(); ++s) {
    if (s > 0) out += "; ";
    for (size_t u = 0; u < sources[s].second.size(); ++u) out += (u > 0 ? " " : "") + sources[s].second[u];
  }
  return out;
}

// "route: matched text" as shown in every flag, e.g. "ror: 00wk2mp56",
// "lineage (ror) via Beihang University: 00wk2mp56".
std::string DescribeRoute(const risk::RiskMatch& match);

}  // namespace entangle::analyze
