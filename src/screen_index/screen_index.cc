// BuildScreenIndex(): normalised names and name words of every institution, so that name look-ups
// and "did you mean" candidates are index seeks, not scans of every name; and per-institution
// aggregates (aggregates.cc).
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "risk/name_normalize.h"
#include "screen_index/screen_index.h"
#include "store/sqlite_util.h"

namespace entangle::screen_index {

using store::Exec;
using store::Statement;

using NamePairs = std::vector<std::pair<std::string, std::string>>;  // institution id, name

// aggregates.cc: writes screen_inst_works, screen_counts, screen_pairs and
// screen_topics from one read of work_institutions, and returns that table's distinct
// (institution_id, display_name) pairs where both are set.
// `before_writing` runs between the reading and the first write.
Status BuildScreenAggregates(sqlite3* db, NamePairs& work_names, const std::function<Status()>& before_writing);

namespace {

bool HasTable(sqlite3* db, const char* name) {
  Result<Statement> st = Statement::Prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!st.ok() || !st->BindAll(std::string(name)).ok()) return false;
  Result<bool> row = st->Step();
  return row.ok() && *row;
}

// Names of entities and of ids only seen on works (the scan may not have had their entity), as
// the UNION of the three gave them: distinct, by id (NULL first) and name in BINARY order.
Result<NamePairs> AllNames(sqlite3* db, const NamePairs& work_names) {
  std::set<std::pair<std::optional<std::string>, std::string>> distinct;
  Result<Statement> read = Statement::Prepare(
      db,
      "SELECT id, display_name FROM institutions WHERE display_name IS NOT NULL "
      "UNION SELECT institution_id, name FROM institution_names");
  if (!read.ok()) return read.status();
  for (;;) {
    Result<bool> row = read->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::optional<std::string> id;
    if (sqlite3_column_type(read->handle(), 0) != SQLITE_NULL) id = read->ColumnText(0);
    distinct.emplace(std::move(id), read->ColumnText(1));
  }
  for (const auto& [id, name] : work_names) distinct.emplace(id, name);
  NamePairs names;
  for (const auto& [id, name] : distinct) names.emplace_back(id.value_or(""), name);
  return names;
}

Status WriteNames(sqlite3* db, const NamePairs& names) {
  ENTANGLE_RETURN_IF_ERROR(Exec(db,
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
  return Exec(db,
              "CREATE INDEX screen_names_norm ON screen_names(norm);"
              "CREATE INDEX screen_words_word ON screen_words(word);");
}

Status BuildTables(sqlite3* db, const std::function<void()>& before_writing) {
  // Per-institution aggregates, so that a partner with 100 000 papers still answers from an index
  // range of `limit` rows instead of grouping all its papers at query time.
  NamePairs work_names;
  ENTANGLE_RETURN_IF_ERROR(BuildScreenAggregates(db, work_names, [&] {
    if (before_writing) before_writing();
    return Exec(db,
                "CREATE INDEX IF NOT EXISTS institutions_ror ON institutions(ror);"
                "CREATE INDEX IF NOT EXISTS work_institutions_ror ON work_institutions(ror);"
                "CREATE INDEX IF NOT EXISTS works_doi ON works(doi);");
  }));
  Result<NamePairs> names = AllNames(db, work_names);
  if (!names.ok()) return names.status();
  return WriteNames(db, *names);
}

}  // namespace

bool HasScreenIndex(sqlite3* db) { return HasTable(db, "screen_topics"); }

Status BuildScreenIndex(sqlite3* db, const std::function<void()>& before_writing) {
  ENTANGLE_RETURN_IF_ERROR(Exec(db, "BEGIN;"));
  Status built = BuildTables(db, before_writing);
  if (!built.ok()) {
    (void)Exec(db, "ROLLBACK;");  // leaves the previous index, if any, as it was
    return built;
  }
  return Exec(db, "COMMIT;");
}

}  // namespace entangle::screen_index
