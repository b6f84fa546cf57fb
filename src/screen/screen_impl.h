#pragma once
// Internal: the state of a Screener (connection, registry, matcher, vocabulary, groups) and the
// indexed look-ups the three screens share.
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "screen/screen.h"
#include "store/sqlite_util.h"
#include "store/study_db.h"

namespace entangle::screen {

using Rows = std::vector<std::vector<std::string>>;

struct Screener::Impl {
  ScreenOptions options;
  std::unique_ptr<store::StudyDb> study_db;
  sqlite3* db = nullptr;  // study_db's connection, for the index and the look-ups
  risk::Registry registry;
  risk::RegistryEntities entities;  // of `registry`: one entity per institution however many sources list it
  risk::RegistryMatcher matcher;
  std::vector<risk::LegalEffect> legal_effects;         // of the designation categories (data/risk/)
  std::unique_ptr<risk::DualUseVocabulary> vocabulary;  // loaded by Open; compiles per look-up what its texts can hold
  std::set<std::string> group_a, group_b;
  std::string group_a_name, group_b_name;  // "Europe", "China": as the run names them
  std::string registry_desc, data_date;
  std::unordered_map<std::string, std::unique_ptr<risk::InstitutionFacts>> facts;  // entity facts by id (null: unknown)

  ~Impl();

  template <typename... Args>
  Result<Rows> Query(std::string_view sql, const Args&... args) {
    Result<store::Statement> st = store::Statement::Prepare(db, sql);
    if (!st.ok()) return st.status();
    ENTANGLE_RETURN_IF_ERROR(st->BindAll(args...));
    Rows rows;
    for (;;) {
      Result<bool> row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) return rows;
      std::vector<std::string>& r = rows.emplace_back();
      for (int c = 0; c < st->ColumnCount(); ++c) r.push_back(st->ColumnText(c));
    }
  }

  // The entity (or, without one, a work's copy) of an institution id, with all its names; null
  // when the database does not know the id.
  const risk::InstitutionFacts* Facts(const std::string& id);
  Result<Institution> Describe(const std::string& id);
  // Registry entries `facts` matches, restricted to group-B entities; listing status for `year` (0: none).
  std::vector<Tie> TiesOf(const risk::InstitutionFacts& facts, int year);
  // TiesOf(facts, 0), remembered per institution id: a home's partner list repeats across queries.
  std::vector<Tie> CachedTiesOf(const risk::InstitutionFacts& facts);
  std::unordered_map<std::string, std::vector<Tie>> ties_cache;
  // Ties grouped by the entity of their entries, the gravest entity first (risk.h SeverityOf), then
  // in the order of their first tie; each entity's sources gravest first, then in registry load order.
  std::vector<EntityTie> ByEntity(std::vector<Tie> ties) const;
  bool InGroupB(const std::string& country) const { return group_b.count(country) != 0; }
  bool InGroupA(const std::string& country) const { return group_a.count(country) != 0; }
  // An institution id for a name or id, or the report filled with candidates (id empty).
  Result<std::string> Resolve(const std::string& query, Report& report);
  const risk::DualUseVocabulary& Vocabulary();  // loaded by Open (kFewTexts)
  // Fills the facts cache for every partner of `id` with two queries instead of two per partner.
  Status LoadPartnerFacts(const std::string& id);
  Report NewReport(Report::Kind kind, const std::string& query) const;
};

}  // namespace entangle::screen
