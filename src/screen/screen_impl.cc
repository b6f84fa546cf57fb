// Screener::Open and the shared look-ups: institution facts (one indexed query each, cached) and
// their registry ties.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include "common/ascii.h"
#include "screen/screen_impl.h"
#include "screen_index/screen_index.h"

namespace entangle::screen {

namespace {

// True when `s` has a character of the CJK Unified Ideographs block (U+4E00..U+9FFF, UTF-8 lead
// bytes E4..E9): a Chinese name among OpenAlex's other names.
bool HasHanCharacter(const std::string& s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE4 && c <= 0xE9 && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) return true;
  }
  return false;
}

Result<risk::Registry> LoadConfigured(const ScreenOptions& o, std::string& desc) {
  std::vector<std::string> files;
  Result<risk::Registry> registry = risk::LoadRegistryOrDefault(o.registry_paths, &files);
  desc = o.registry_paths.empty() ? risk::DefaultRegistryDir() : fmt::format("{}", fmt::join(files, ", "));
  return registry;
}

}  // namespace

Screener::Impl::~Impl() = default;
Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

Result<std::unique_ptr<Screener>> Screener::Open(const ScreenOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // Read-write when it may, to add a missing screening index; a read-only file is read as is.
  Result<std::unique_ptr<store::StudyDb>> db =
      store::StudyDb::Open(options.database_path, store::StudyDbAccess::kReadWriteIfPossible);
  if (!db.ok()) return db.status();
  impl->study_db = std::move(db).value();
  impl->db = impl->study_db->handle();
  if (!screen_index::HasScreenIndex(impl->db)) {
    Status built = screen_index::BuildScreenIndex(impl->db);
    if (!built.ok()) {
      return Status::Unsupported(fmt::format("{} has no screening index and it cannot be added ({}); run entangle "
                                             "analyze on it first",
                                             options.database_path, built.message()));
    }
  }
  Result<risk::Registry> registry = LoadConfigured(options, impl->registry_desc);
  if (!registry.ok()) return registry.status();
  impl->registry = std::move(registry).value();
  impl->entities = risk::RegistryEntities(impl->registry);
  Result<risk::RegistryMatcher> matcher = risk::RegistryMatcher::Create(impl->registry, options.match);
  if (!matcher.ok()) return matcher.status();
  impl->matcher = std::move(matcher).value();
  Result<std::vector<risk::LegalEffect>> effects = risk::LoadLegalEffects(
      options.legal_effects_path.empty() ? risk::DefaultLegalEffectsPath() : options.legal_effects_path);
  if (!effects.ok()) return effects.status();
  impl->legal_effects = std::move(effects).value();
  // A screen marks the terms of a few dozen papers: compiling all of the vocabulary's forms for them
  // took 0.5-0.8 s, so each look-up compiles only the forms its texts can hold (risk.h VocabularyUse).
  std::string vocabulary = options.vocabulary_path.empty() ? risk::DefaultVocabularyPath() : options.vocabulary_path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(vocabulary, ec)) return Status::NotFound("no vocabulary file " + vocabulary);
  Result<risk::DualUseVocabulary> terms = risk::DualUseVocabulary::Load(vocabulary, risk::VocabularyUse::kFewTexts);
  if (!terms.ok()) return terms.status();
  impl->vocabulary = std::make_unique<risk::DualUseVocabulary>(std::move(terms).value());
  Result<store::StoredRun> run = store::ReadStoredRun(*impl->study_db, store::StoredDefinition::kSkip);
  if (run.ok()) {
    impl->group_a.insert(run->info.group_a_countries.begin(), run->info.group_a_countries.end());
    impl->group_b.insert(run->info.group_b_countries.begin(), run->info.group_b_countries.end());
    impl->group_a_name = run->info.group_a_name;
    impl->group_b_name = run->info.group_b_name;
    impl->data_date = !run->info.snapshot_date.empty() ? run->info.snapshot_date : run->info.started_at;
  } else if (run.status().code() != Status::Code::kNotFound) {
    return run.status();
  }
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

const risk::InstitutionFacts* Screener::Impl::Facts(const std::string& id) {
  auto found = facts.find(id);
  if (found != facts.end()) return found->second.get();
  std::unique_ptr<risk::InstitutionFacts> f;
  Result<Rows> entity = Query("SELECT id, ror, display_name, country_code, lineage FROM institutions WHERE id = ?1", id);
  if (!entity.ok() || entity->empty()) {
    entity = Query(
        "SELECT institution_id, ror, display_name, country_code, lineage FROM work_institutions "
        "WHERE institution_id = ?1 LIMIT 1",
        id);
  }
  if (entity.ok() && !entity->empty()) {
    const auto& r = (*entity)[0];
    f = std::make_unique<risk::InstitutionFacts>(risk::InstitutionFacts{r[0], r[1], r[2], r[3], SplitWords(r[4]), {}});
    if (Result<Rows> names = Query("SELECT name FROM institution_names WHERE institution_id = ?1", id); names.ok()) {
      for (const auto& n : *names) f->alternative_names.push_back(n[0]);
    }
  }
  return facts.emplace(id, std::move(f)).first->second.get();
}

Result<Institution> Screener::Impl::Describe(const std::string& id) {
  const risk::InstitutionFacts* f = Facts(id);
  if (f == nullptr) return Status::NotFound("institution " + id + " is not in the study database");
  Institution inst{f->id, f->ror, f->display_name, f->country_code, "", f->alternative_names, {}, 0};
  Result<Rows> type = Query("SELECT type FROM institutions WHERE id = ?1", id);
  if (type.ok() && !type->empty()) inst.type = (*type)[0][0];
  for (const std::string& a : f->lineage) {
    if (a == id) continue;
    const risk::InstitutionFacts* parent = Facts(a);
    inst.lineage.push_back(parent && !parent->display_name.empty() ? fmt::format("{} ({})", parent->display_name, a) : a);
    inst.lineage_ids.push_back(a);
  }
  for (const std::string& name : inst.other_names) {
    if (HasHanCharacter(name)) {
      inst.name_zh = name;
      break;
    }
  }
  Result<Rows> n = Query("SELECT papers FROM screen_counts WHERE institution_id = ?1", id);
  if (!n.ok()) return n.status();
  inst.joint_papers = n->empty() ? 0 : std::stoi((*n)[0][0]);
  return inst;
}

std::vector<Tie> Screener::Impl::TiesOf(const risk::InstitutionFacts& f, int year) {
  risk::RegistryMatcher::ParentLookup parent = [this](const std::string& id) { return Facts(id); };
  std::vector<Tie> ties;
  for (const risk::RiskMatch& m : matcher.Match(f, parent)) {
    const risk::RegistryEntry& e = *m.entry;
    bool entity_in_b = false;
    for (const std::string& c : SplitWords(e.country)) entity_in_b = entity_in_b || InGroupB(c);
    if (!entity_in_b && !InGroupB(f.country_code)) continue;  // the study's partner side only
    std::string status = year > 0 ? std::string(risk::ListingStatusName(risk::ListingStatusIn(e, year))) : "";
    ties.push_back({e.key, e.name_en, e.name_zh, e.kind, e.category, e.source, e.source_date, e.source_url, e.listed_on,
                    e.delisted_on, e.reason, m.route, m.matched_text, m.registry_text, m.inherited_from,
                    m.ancestor_route, status, f.id, f.display_name});
    if (const risk::LegalEffect* effect =
            e.kind == "designation" ? risk::FindLegalEffect(legal_effects, e.category) : nullptr) {
      ties.back().legal_effect = effect->effect;
      ties.back().legal_notice = effect->notice;
      ties.back().legal_notice_url = effect->notice_url;
    }
  }
  return ties;
}

std::vector<EntityTie> Screener::Impl::ByEntity(std::vector<Tie> ties) const {
  std::vector<EntityTie> out;
  std::vector<const risk::RegistryEntity*> of;  // parallel to out
  for (Tie& t : ties) {
    const risk::RegistryEntity* entity = entities.OfEntryKey(t.entry_key);
    auto it = std::find(of.begin(), of.end(), entity);
    if (it == of.end() || entity == nullptr) {
      of.push_back(entity);
      EntityTie& e = out.emplace_back();
      if (entity != nullptr) {
        e = {entity->key, entity->name_en, entity->name_zh, entity->joined_by, {}, risk::TieSeverity::kOther};
      } else {  // not of the loaded registry: cannot happen, but then the entry is its own entity
        e = {t.entry_key, t.entity, t.entity_zh, "", {}, risk::TieSeverity::kOther};
      }
      it = of.end() - 1;
    }
    EntityTie& e = out[static_cast<size_t>(it - of.begin())];
    e.severity = std::min(e.severity, risk::SeverityOf(t.kind, t.category, t.delisted_on));
    e.sources.push_back(std::move(t));
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (of[i] == nullptr) continue;
    auto position = [&](const Tie& t) {
      const auto& entries = of[i]->entries;
      return std::find_if(entries.begin(), entries.end(),
                          [&](const risk::RegistryEntry* e) { return e->key == t.entry_key; }) -
             entries.begin();
    };
    auto severity = [](const Tie& t) { return risk::SeverityOf(t.kind, t.category, t.delisted_on); };
    std::stable_sort(out[i].sources.begin(), out[i].sources.end(), [&](const Tie& a, const Tie& b) {
      return std::make_pair(severity(a), position(a)) < std::make_pair(severity(b), position(b));
    });
  }
  // Gravest first (docs/screening.md#severity); entities of one severity keep their order.
  std::stable_sort(out.begin(), out.end(),
                   [](const EntityTie& a, const EntityTie& b) { return a.severity < b.severity; });
  return out;
}

const risk::DualUseVocabulary& Screener::Impl::Vocabulary() { return *vocabulary; }

Status Screener::Impl::LoadPartnerFacts(const std::string& id) {
  Result<Rows> rows = Query(
      "SELECT i.id, i.ror, i.display_name, i.country_code, i.lineage FROM screen_pairs p "
      "JOIN institutions i ON i.id = p.other_id WHERE p.institution_id = ?1",
      id);
  if (!rows.ok()) return rows.status();
  std::set<std::string> added;  // cached entries already have their names
  for (const auto& r : *rows) {
    if (facts.count(r[0]) == 0) {
      facts.emplace(r[0], std::make_unique<risk::InstitutionFacts>(
                              risk::InstitutionFacts{r[0], r[1], r[2], r[3], SplitWords(r[4]), {}}));
      added.insert(r[0]);
    }
  }
  Result<Rows> names = Query(
      "SELECT n.institution_id, n.name FROM screen_pairs p JOIN institution_names n ON n.institution_id = p.other_id "
      "WHERE p.institution_id = ?1",
      id);
  if (!names.ok()) return names.status();
  for (const auto& r : *names) {
    if (added.count(r[0]) != 0) facts[r[0]]->alternative_names.push_back(r[1]);
  }
  return Status::OK();
}

std::vector<Tie> Screener::Impl::CachedTiesOf(const risk::InstitutionFacts& f) {
  if (f.id.empty()) return TiesOf(f, 0);
  auto found = ties_cache.find(f.id);
  if (found == ties_cache.end()) found = ties_cache.emplace(f.id, TiesOf(f, 0)).first;
  return found->second;
}

Report Screener::Impl::NewReport(Report::Kind kind, const std::string& query) const {
  Report r;
  r.kind = kind;
  r.query = query;
  r.database = options.database_path;
  r.registry = fmt::format("{} ({} entries)", registry_desc, registry.entries.size());
  r.data_date = data_date;
  return r;
}

}  // namespace entangle::screen
