// LoadRiskWorks(): every institution of every joint work through the RegistryMatcher (with its
// entity's names, incl. Chinese ones, and its ancestors), every work through the vocabulary.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "analyze/exhibit_risk.h"
#include "analyze/joint_data.h"

namespace entangle::analyze {

namespace {

using Facts = std::unordered_map<std::string, risk::InstitutionFacts>;

std::string DescribeAncestor(const risk::RiskMatch& m) {
  return m.inherited_from.empty() ? m.inherited_from_id : m.inherited_from;
}

Status LoadEntities(store::StudyDb& db, Facts& entities) {
  ENTANGLE_RETURN_IF_ERROR(
      db.ForEach("SELECT id, ror, display_name, country_code, lineage FROM institutions", [&](const Row& r) {
        risk::InstitutionFacts& f = entities[r.Text(0)];
        f.id = r.Text(0);
        f.ror = r.Text(1);
        f.display_name = r.Text(2);
        f.country_code = r.Text(3);
        f.lineage = SplitWords(r.Text(4));
      }));
  return db.ForEach("SELECT institution_id, name FROM institution_names", [&](const Row& r) {
    auto it = entities.find(r.Text(0));
    if (it != entities.end()) it->second.alternative_names.push_back(r.Text(1));
  });
}

// The work's copy of an institution, completed from its entity (names, ROR id, lineage).
risk::InstitutionFacts Merge(risk::InstitutionFacts copy, const Facts& entities) {
  auto it = copy.id.empty() ? entities.end() : entities.find(copy.id);
  if (it == entities.end()) return copy;
  const risk::InstitutionFacts& e = it->second;
  if (copy.ror.empty()) copy.ror = e.ror;
  if (copy.country_code.empty()) copy.country_code = e.country_code;
  if (copy.lineage.empty()) copy.lineage = e.lineage;
  copy.alternative_names = e.alternative_names;
  if (!e.display_name.empty() && e.display_name != copy.display_name) copy.alternative_names.push_back(e.display_name);
  if (copy.display_name.empty()) copy.display_name = e.display_name;
  return copy;
}

// A work's institutions ordered by key (stable: copies of one key keep their order).
std::vector<const JointInstitution*> ByKey(const JointWork& work) {
  std::vector<const JointInstitution*> listed;
  for (const WorkInstitution& on_work : work.institutions) listed.push_back(on_work.info);
  std::stable_sort(listed.begin(), listed.end(), [](const auto* x, const auto* y) { return x->key < y->key; });
  return listed;
}

bool EntryInGroupB(const risk::RegistryEntry& entry, const std::string& institution_country, const StudyContext& ctx) {
  for (const std::string& c : SplitWords(entry.country)) {
    if (ctx.InB(c)) return true;
  }
  return ctx.InB(institution_country);  // entries without a country: by the institution's
}

}  // namespace

std::string DescribeRoute(const risk::RiskMatch& m) {
  if (m.inherited) {
    return fmt::format("lineage ({}) via {}: {}", m.ancestor_route, DescribeAncestor(m), m.matched_text);
  }
  return fmt::format("{}: {}", m.route, m.matched_text);
}

std::string SourceWithDate(const risk::RegistryEntry& e) {
  return e.source_date.empty() ? e.source : fmt::format("{} ({})", e.source, e.source_date);
}

Result<WorkTexts> ScanWorkTexts(const AnalyzeOptions& o) {
  WorkTexts texts;
  texts.vocabulary_file = o.vocabulary_path.empty() ? risk::DefaultVocabularyPath() : o.vocabulary_path;
  risk::DualUseVocabulary vocabulary;
  if (Result<risk::DualUseVocabulary> v = risk::DualUseVocabulary::Load(texts.vocabulary_file); v.ok()) {
    vocabulary = std::move(v).value();
  } else if (!o.vocabulary_path.empty()) {
    return v.status();
  } else {
    texts.notes.push_back("No dual-use vocabulary was loaded (" + v.status().message() + ").");
  }
  Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(o.database_path, store::StudyDbAccess::kReadWrite);
  if (!db.ok()) return db.status();
  std::unordered_map<std::string, std::vector<std::string>> keywords;
  ENTANGLE_RETURN_IF_ERROR((*db)->ForEach("SELECT work_id, keyword FROM work_keywords ORDER BY rowid",
                                          [&](const Row& r) { keywords[r.Text(0)].push_back(r.Text(1)); }));
  static const std::vector<std::string> kNone;
  ENTANGLE_RETURN_IF_ERROR(
      (*db)->ForEach("SELECT id, doi, title, abstract FROM works ORDER BY rowid", [&](const Row& r) {
        std::string id = r.Text(0);
        auto k = keywords.find(id);
        ScannedText& text = texts.by_id[id];
        text.hits = vocabulary.Find(r.View(2), r.View(3), k == keywords.end() ? kNone : k->second);
        text.doi = r.Text(1);
        text.title = r.Text(2);
      }));
  return texts;
}

Result<std::unique_ptr<RiskWorks>> LoadRiskWorks(store::StudyDb& db, const StudyContext& ctx, const JointData& data,
                                                 WorkTexts texts) {
  const AnalyzeOptions& o = ctx.options;
  auto risk = std::make_unique<RiskWorks>();
  Result<risk::Registry> registry = risk::LoadRegistryOrDefault(o.registry_paths, &risk->registry_files);
  bool defaults = o.registry_paths.empty() && o.vocabulary_path.empty();
  if (!registry.ok()) {
    if (!defaults) return registry.status();
    // An installed binary without data/: the other exhibits still stand; say why these are empty.
    risk->notes.push_back("No registry was loaded (" + registry.status().message() + "); no ties are reported.");
  } else {
    risk->registry = std::move(registry).value();
  }
  risk->entities = risk::RegistryEntities(risk->registry);
  Result<risk::RegistryMatcher> matcher = risk::RegistryMatcher::Create(risk->registry, o.risk_match);
  if (!matcher.ok()) return matcher.status();
  risk->vocabulary_file = texts.vocabulary_file;
  for (const std::string& note : texts.notes) risk->notes.push_back(note);

  Facts entities;
  ENTANGLE_RETURN_IF_ERROR(LoadEntities(db, entities));
  risk::RegistryMatcher::ParentLookup parent = [&](const std::string& id) -> const risk::InstitutionFacts* {
    auto it = entities.find(id);
    return it == entities.end() ? nullptr : &it->second;
  };

  // Each distinct affiliation is matched once, from the work's own copy completed by its entity.
  auto matches_of = [&](const JointInstitution& inst) -> const std::vector<risk::RiskMatch>& {
    auto [found, added] = risk->matches.try_emplace(&inst);
    if (added) {
      risk::InstitutionFacts copy{inst.id, inst.ror, inst.name_on_work, inst.country_on_work, inst.lineage_on_work, {}};
      found->second = matcher->Match(Merge(std::move(copy), entities), parent);
    }
    return found->second;
  };

  // data.works is sorted by id, so risk->works is too.
  for (size_t position = 0; position < data.works.size(); ++position) {
    const JointWork& joint = data.works[position];
    std::vector<const JointInstitution*> listed = ByKey(joint);
    std::vector<RiskTie> ties;
    for (const JointInstitution* inst : listed) {
      for (const risk::RiskMatch& m : matches_of(*inst)) {
        if (!EntryInGroupB(*m.entry, RiskCountry(*inst), ctx)) continue;
        ties.push_back({&m, inst, risk::ListingStatusIn(*m.entry, joint.year), risk->entities.Of(*m.entry)});
      }
    }
    auto text = texts.by_id.find(joint.id);
    bool hits = text != texts.by_id.end() && !text->second.hits.empty();
    if (ties.empty() && !hits) continue;
    std::stable_sort(ties.begin(), ties.end(),
                     [](const RiskTie& a, const RiskTie& b) { return a.entry().key < b.entry().key; });
    RiskWork& w = risk->works.emplace_back();
    w.id = joint.id;
    w.year = joint.year;
    w.joint_position = position;
    w.institutions = std::move(listed);
    w.ties = std::move(ties);
    if (text != texts.by_id.end()) {
      w.doi = std::move(text->second.doi);
      w.title = std::move(text->second.title);
      w.hits = std::move(text->second.hits);
    }
  }
  risk->joint_works = data.works.size();
  return risk;
}

}  // namespace entangle::analyze
