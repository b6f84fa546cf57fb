// BuildScreenIndex(): normalised names and name words of every institution, so that name look-ups
// and "did you mean" candidates are index seeks, not scans of every name.
#include <fmt/format.h>

#include <set>
#include <utility>
#include <vector>

#include "risk/name_normalize.h"
#include "screen/screen.h"
#include "screen/screen_words.h"
#include "store/sqlite_util.h"

namespace entangle::screen {

using store::Exec;
using store::Statement;

namespace {

bool HasTable(sqlite3* db, const char* name) {
  Result<Statement> st = Statement::Prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!st.ok() || !st->BindAll(std::string(name)).ok()) return false;
  Result<bool> row = st->Step();
  return row.ok() && *row;
}

}  // namespace

bool HasScreenIndex(sqlite3* db) { return HasTable(db, "screen_topics"); }

Status BuildScreenIndex(sqlite3* db) {
  ENTANGLE_RETURN_IF_ERROR(Exec(db,
                                "CREATE INDEX IF NOT EXISTS institutions_ror ON institutions(ror);"
                                "CREATE INDEX IF NOT EXISTS work_institutions_ror ON work_institutions(ror);"
                                "CREATE INDEX IF NOT EXISTS works_doi ON works(doi);"));
  // Names of entities and of ids only seen on works (the scan may not have had their entity).
  std::vector<std::pair<std::string, std::string>> names;  // id, name
  Result<Statement> read = Statement::Prepare(
      db,
      "SELECT id, display_name FROM institutions WHERE display_name IS NOT NULL "
      "UNION SELECT institution_id, name FROM institution_names "
      "UNION SELECT DISTINCT institution_id, display_name FROM work_institutions "
      "WHERE institution_id IS NOT NULL AND display_name IS NOT NULL");
  if (!read.ok()) return read.status();
  for (;;) {
    Result<bool> row = read->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    names.emplace_back(read->ColumnText(0), read->ColumnText(1));
  }
  ENTANGLE_RETURN_IF_ERROR(Exec(db,
                                "BEGIN;"
                                "DROP TABLE IF EXISTS screen_names; DROP TABLE IF EXISTS screen_words;"
                                "CREATE TABLE screen_names(norm TEXT, institution_id TEXT, name TEXT);"
                                "CREATE TABLE screen_words(word TEXT, institution_id TEXT);"));
  Result<Statement> put_name = Statement::Prepare(db, "INSERT INTO screen_names VALUES (?1, ?2, ?3)");
  Result<Statement> put_word = Statement::Prepare(db, "INSERT INTO screen_words VALUES (?1, ?2)");
  if (!put_name.ok()) return put_name.status();
  if (!put_word.ok()) return put_word.status();
  std::set<std::pair<std::string, std::string>> words_seen;
  for (const auto& [id, name] : names) {
    std::string norm = risk::NormalizeName(name);
    if (norm.empty()) continue;
    ENTANGLE_RETURN_IF_ERROR(put_name->Run(norm, id, name));
    for (const std::string& word : NameWords(norm)) {
      if (words_seen.insert({word, id}).second) ENTANGLE_RETURN_IF_ERROR(put_word->Run(word, id));
    }
  }
  ENTANGLE_RETURN_IF_ERROR(Exec(db,
                                "CREATE INDEX screen_names_norm ON screen_names(norm);"
                                "CREATE INDEX screen_words_word ON screen_words(word);"));
  // Per-institution aggregates, so that a partner with 100 000 papers still answers from an index
  // range of `limit` rows instead of grouping all its papers at query time.
  ENTANGLE_RETURN_IF_ERROR(Exec(db,
      "DROP TABLE IF EXISTS screen_inst_works; DROP TABLE IF EXISTS screen_pairs;"
      "DROP TABLE IF EXISTS screen_topics; DROP TABLE IF EXISTS screen_counts;"
      "CREATE TABLE screen_inst_works AS SELECT DISTINCT wi.institution_id, w.publication_year AS year, w.id AS work_id "
      "FROM work_institutions wi JOIN works w ON w.id = wi.work_id WHERE wi.institution_id IS NOT NULL;"
      "CREATE INDEX screen_inst_works_order ON screen_inst_works(institution_id, year DESC, work_id);"
      "CREATE TABLE screen_counts AS SELECT institution_id, count(*) AS papers FROM screen_inst_works "
      "GROUP BY institution_id;"
      "CREATE UNIQUE INDEX screen_counts_id ON screen_counts(institution_id);"
      "CREATE TABLE screen_pairs AS SELECT wi.institution_id, o.institution_key AS other_key, "
      "max(o.institution_id) AS other_id, max(o.display_name) AS other_name, max(o.country_code) AS other_country, "
      "max(o.ror) AS other_ror, max(o.lineage) AS other_lineage, count(DISTINCT o.work_id) AS papers "
      "FROM work_institutions wi JOIN work_institutions o ON o.work_id = wi.work_id "
      "AND o.institution_key <> wi.institution_key WHERE wi.institution_id IS NOT NULL "
      "GROUP BY wi.institution_id, o.institution_key;"
      "CREATE INDEX screen_pairs_order ON screen_pairs(institution_id, papers DESC);"
      "CREATE TABLE screen_topics AS SELECT wi.institution_id, t.topic_id, max(t.display_name) AS name, "
      "count(DISTINCT t.work_id) AS papers FROM work_institutions wi JOIN work_topics t ON t.work_id = wi.work_id "
      "AND t.is_primary = 1 WHERE wi.institution_id IS NOT NULL GROUP BY wi.institution_id, t.topic_id;"
      "CREATE INDEX screen_topics_order ON screen_topics(institution_id, papers DESC);"));
  return Exec(db, "COMMIT;");
}

}  // namespace entangle::screen
