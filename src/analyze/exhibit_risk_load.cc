// LoadRiskWorks(): every institution of every joint work through the RegistryMatcher (with its
// entity's names, incl. Chinese ones, and its ancestors), every work through the vocabulary.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "analyze/exhibit_risk.h"
#include "analyze/joint_data.h"

namespace entangle {

namespace {
std::string FromWorkingOrSourceDir(const std::string& relative) {
  if (std::filesystem::exists(relative)) return relative;
#ifdef ENTANGLE_SOURCE_DIR
  std::string in_source = std::string(ENTANGLE_SOURCE_DIR) + "/" + relative;
  if (std::filesystem::exists(in_source)) return in_source;
#endif
  return relative;
}
}  // namespace

std::string DefaultRegistryDir() { return FromWorkingOrSourceDir("data/registry"); }
std::string DefaultVocabularyPath() { return FromWorkingOrSourceDir("data/vocab/dual-use-ai.tsv"); }

namespace analyze {
namespace {

using Facts = std::unordered_map<std::string, InstitutionFacts>;

std::string DescribeAncestor(const RiskMatch& m) {
  return m.inherited_from.empty() ? m.inherited_from_id : m.inherited_from;
}

Status LoadEntities(AnalysisDb& db, Facts& entities) {
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT id, ror, display_name, country_code, lineage FROM institutions", [&](const Row& r) {
        InstitutionFacts& f = entities[r.Text(0)];
        f.id = r.Text(0);
        f.ror = r.Text(1);
        f.display_name = r.Text(2);
        f.country_code = r.Text(3);
        f.lineage = SplitSpaced(r.Text(4));
      }));
  return db.ForEach("SELECT institution_id, name FROM institution_names", [&](const Row& r) {
    auto it = entities.find(r.Text(0));
    if (it != entities.end()) it->second.alternative_names.push_back(r.Text(1));
  });
}

// The work's copy of an institution, completed from its entity (names, ROR id, lineage).
InstitutionFacts Merge(InstitutionFacts copy, const Facts& entities) {
  auto it = copy.id.empty() ? entities.end() : entities.find(copy.id);
  if (it == entities.end()) return copy;
  const InstitutionFacts& e = it->second;
  if (copy.ror.empty()) copy.ror = e.ror;
  if (copy.country_code.empty()) copy.country_code = e.country_code;
  if (copy.lineage.empty()) copy.lineage = e.lineage;
  copy.alternative_names = e.alternative_names;
  if (!e.display_name.empty() && e.display_name != copy.display_name) copy.alternative_names.push_back(e.display_name);
  if (copy.display_name.empty()) copy.display_name = e.display_name;
  return copy;
}

bool EntryInGroupB(const RegistryEntry& entry, const std::string& institution_country, const StudyContext& ctx) {
  for (const std::string& c : SplitSpaced(entry.country)) {
    if (ctx.InB(c)) return true;
  }
  return ctx.InB(institution_country);  // entries without a country: by the institution's
}

Result<Registry> LoadConfiguredRegistry(const AnalyzeOptions& o, std::vector<std::string>& files) {
  if (!o.registry_paths.empty()) {
    files = o.registry_paths;
    return LoadRegistry(o.registry_paths);
  }
  std::string dir = DefaultRegistryDir();
  if (!std::filesystem::is_directory(dir)) return Status::NotFound("no registry directory " + dir);
  std::vector<std::string> found;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".csv" || ext == ".tsv")) found.push_back(e.path().string());
  }
  std::sort(found.begin(), found.end());
  files = found;
  return LoadRegistryDir(dir);
}

}  // namespace

std::string DescribeRoute(const RiskMatch& m) {
  if (m.inherited) {
    return fmt::format("lineage ({}) via {}: {}", m.ancestor_route, DescribeAncestor(m), m.matched_text);
  }
  return fmt::format("{}: {}", m.route, m.matched_text);
}

Result<std::unique_ptr<RiskWorks>> LoadRiskWorks(AnalysisDb& db, const StudyContext& ctx) {
  const AnalyzeOptions& o = ctx.options;
  auto risk = std::make_unique<RiskWorks>();
  Result<Registry> registry = LoadConfiguredRegistry(o, risk->registry_files);
  bool defaults = o.registry_paths.empty() && o.vocabulary_path.empty();
  if (!registry.ok()) {
    if (!defaults) return registry.status();
    // An installed binary without data/: the other exhibits still stand; say why these are empty.
    risk->notes.push_back("No registry was loaded (" + registry.status().message() + "); no ties are reported.");
  } else {
    risk->registry = std::move(registry).value();
  }
  Result<RegistryMatcher> matcher = RegistryMatcher::Create(risk->registry, o.risk_match);
  if (!matcher.ok()) return matcher.status();
  risk->vocabulary_file = o.vocabulary_path.empty() ? DefaultVocabularyPath() : o.vocabulary_path;
  DualUseVocabulary vocabulary;
  if (Result<DualUseVocabulary> v = DualUseVocabulary::Load(risk->vocabulary_file); v.ok()) {
    vocabulary = std::move(v).value();
  } else if (!o.vocabulary_path.empty()) {
    return v.status();
  } else {
    risk->notes.push_back("No dual-use vocabulary was loaded (" + v.status().message() + ").");
  }

  Facts entities;
  ENTANGLE_RETURN_IF_ERROR(LoadEntities(db, entities));
  RegistryMatcher::ParentLookup parent = [&](const std::string& id) -> const InstitutionFacts* {
    auto it = entities.find(id);
    return it == entities.end() ? nullptr : &it->second;
  };

  std::map<std::string, RiskWork> works;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT id, doi, title, publication_year FROM works", [&](const Row& r) {
    RiskWork& w = works[r.Text(0)];
    w.id = r.Text(0);
    w.doi = r.Text(1);
    w.title = r.Text(2);
    w.year = static_cast<int>(r.Int(3));
  }));
  risk->joint_works = works.size();

  std::unordered_map<std::string, std::vector<RiskMatch>> cache;  // institution key -> matches
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT work_id, institution_key, institution_id, ror, display_name, country_code, lineage "
      "FROM work_institutions ORDER BY work_id, institution_key",
      [&](const Row& r) {
        auto w = works.find(r.Text(0));
        if (w == works.end()) return;
        RiskInstitution inst{r.Text(1), r.Text(2), r.Text(4), r.Text(5)};
        auto cached = cache.find(inst.key);
        if (cached == cache.end()) {
          InstitutionFacts copy{inst.id, r.Text(3), inst.name, inst.country, SplitSpaced(r.Text(6)), {}};
          cached = cache.emplace(inst.key, matcher->Match(Merge(std::move(copy), entities), parent)).first;
        }
        if (inst.country.empty()) {
          auto e = entities.find(inst.id);
          if (e != entities.end()) inst.country = e->second.country_code;
        }
        for (const RiskMatch& m : cached->second) {
          if (!EntryInGroupB(*m.entry, inst.country, ctx)) continue;
          w->second.ties.push_back({m, inst.key, inst.name, inst.country, ListingStatusIn(*m.entry, w->second.year)});
        }
        w->second.institutions.push_back(std::move(inst));
      }));

  std::map<std::string, std::vector<std::string>> keywords;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT work_id, keyword FROM work_keywords", [&](const Row& r) {
    keywords[r.Text(0)].push_back(r.Text(1));
  }));
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT id, title, abstract FROM works", [&](const Row& r) {
    auto w = works.find(r.Text(0));
    if (w == works.end()) return;
    static const std::vector<std::string> kNone;
    auto k = keywords.find(w->first);
    w->second.hits = vocabulary.Find(r.Text(1), r.Text(2), k == keywords.end() ? kNone : k->second);
  }));

  for (auto& [id, w] : works) {
    if (w.ties.empty() && w.hits.empty()) continue;
    std::stable_sort(w.ties.begin(), w.ties.end(),
                     [](const RiskTie& a, const RiskTie& b) { return a.match.entry->key < b.match.entry->key; });
    risk->works.push_back(std::move(w));
  }
  return risk;
}

}  // namespace analyze
}  // namespace entangle
