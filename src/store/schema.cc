#include "store/schema.h"

#include <fmt/format.h>

#include <string>

#include "store/sqlite_util.h"

namespace entangle::store {
namespace {

// Plain (non-STRICT) tables so that older SQLite builds (e.g. in analysts' Python) can read them.
constexpr std::string_view kTables = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE runs (
  study_name TEXT, study_path TEXT, study_toml TEXT, study_sha256 TEXT,
  group_a_name TEXT, group_a_countries TEXT NOT NULL, group_b_name TEXT, group_b_countries TEXT NOT NULL,
  inputs TEXT NOT NULL, snapshot_date TEXT, manifest_json TEXT, tool_version TEXT, command_line TEXT,
  started_at TEXT, finished_at TEXT, threads INTEGER,
  records INTEGER, works INTEGER, in_scope INTEGER, field_relevant INTEGER, joint INTEGER,
  duplicates INTEGER, merged_away INTEGER, skipped_total INTEGER, skipped_json TEXT, summary_json TEXT
);
CREATE TABLE input_files (
  path TEXT NOT NULL, format TEXT, updated_date TEXT, size_bytes INTEGER NOT NULL,
  expected_records INTEGER, records_read INTEGER NOT NULL, uncompressed_bytes INTEGER NOT NULL
);
CREATE TABLE skipped (
  reason TEXT NOT NULL, file TEXT, line INTEGER, work_id TEXT, message TEXT
);
CREATE TABLE totals (
  unit_kind TEXT NOT NULL, unit TEXT NOT NULL, year INTEGER NOT NULL,
  whole INTEGER NOT NULL, fractional REAL
);
CREATE TABLE field_works (
  id TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL, countries TEXT NOT NULL,
  cited_by_count INTEGER NOT NULL, fwci REAL, primary_subfield_id TEXT, primary_field_id TEXT
);
CREATE TABLE works (
  id TEXT PRIMARY KEY, doi TEXT, title TEXT, abstract TEXT, publication_year INTEGER,
  publication_date TEXT, language TEXT, type TEXT, updated_date TEXT, cited_by_count INTEGER NOT NULL,
  fwci REAL, countries TEXT NOT NULL, source_file TEXT, source_line INTEGER
);
CREATE TABLE work_countries (
  work_id TEXT NOT NULL, country TEXT NOT NULL, in_group TEXT NOT NULL, fractional REAL NOT NULL
);
CREATE TABLE work_authorships (
  work_id TEXT NOT NULL, author_order INTEGER NOT NULL, position TEXT, author_id TEXT, author_name TEXT,
  is_corresponding INTEGER NOT NULL, countries TEXT NOT NULL, raw_affiliations TEXT NOT NULL
);
CREATE TABLE work_authorship_institutions (
  work_id TEXT NOT NULL, author_order INTEGER NOT NULL, institution_key TEXT NOT NULL
);
CREATE TABLE work_institutions (
  work_id TEXT NOT NULL, institution_key TEXT NOT NULL, institution_id TEXT, ror TEXT,
  display_name TEXT, country_code TEXT, type TEXT, lineage TEXT NOT NULL, author_share REAL
);
CREATE TABLE work_topics (
  work_id TEXT NOT NULL, topic_id TEXT, display_name TEXT, score REAL NOT NULL, is_primary INTEGER NOT NULL,
  subfield_id TEXT, subfield_name TEXT, field_id TEXT, field_name TEXT, domain_id TEXT, domain_name TEXT
);
CREATE TABLE work_concepts (
  work_id TEXT NOT NULL, concept_id TEXT, display_name TEXT, level INTEGER, score REAL NOT NULL
);
CREATE TABLE work_grants (
  work_id TEXT NOT NULL, funder_id TEXT, funder_name TEXT, award_id TEXT
);
CREATE TABLE work_citations_by_year (
  work_id TEXT NOT NULL, year INTEGER NOT NULL, cited_by_count INTEGER NOT NULL
);
CREATE TABLE work_keywords (
  work_id TEXT NOT NULL, keyword TEXT NOT NULL
);
CREATE TABLE institutions (
  id TEXT PRIMARY KEY, ror TEXT, display_name TEXT, country_code TEXT, type TEXT,
  lineage TEXT NOT NULL, works_count INTEGER NOT NULL
);
CREATE TABLE institution_names (
  institution_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL
);
CREATE TABLE institution_associations (
  institution_id TEXT NOT NULL, associated_id TEXT NOT NULL, relationship TEXT
);
CREATE TABLE funders (
  id TEXT PRIMARY KEY, ror TEXT, display_name TEXT, country_code TEXT, works_count INTEGER NOT NULL
);
CREATE TABLE funder_names (
  funder_id TEXT NOT NULL, name TEXT NOT NULL
);
)sql";

constexpr std::string_view kExtraIndexes = R"sql(
CREATE INDEX IF NOT EXISTS works_publication_year ON works(publication_year);
CREATE INDEX IF NOT EXISTS work_countries_country ON work_countries(country);
CREATE INDEX IF NOT EXISTS work_institutions_institution_id ON work_institutions(institution_id);
CREATE INDEX IF NOT EXISTS institutions_country_code ON institutions(country_code);
CREATE INDEX IF NOT EXISTS totals_unit_year ON totals(unit_kind, unit, year);
CREATE INDEX IF NOT EXISTS field_works_year_category ON field_works(year, category);
)sql";

template <typename Tables>
std::string KeyIndexes(const Tables& tables) {
  std::string sql;
  for (const ChildTable& table : tables) {
    sql += fmt::format("CREATE INDEX IF NOT EXISTS {0}_{1} ON {0}({1});\n", table.name, table.key_column);
  }
  return sql;
}

}  // namespace

Status CreateSchema(sqlite3* db) {
  ENTANGLE_RETURN_IF_ERROR(Exec(db, kTables));
  std::string meta = fmt::format("INSERT INTO meta (key, value) VALUES ('schema_version', '{}'), ('kind', '{}');",
                                 kSchemaVersion, kDatabaseKind);
  return Exec(db, meta);
}

Status CreateIndexes(sqlite3* db) {
  std::string sql = KeyIndexes(kWorkChildTables) + KeyIndexes(kInstitutionChildTables) +
                    KeyIndexes(kFunderChildTables) + std::string(kExtraIndexes);
  return Exec(db, sql);
}

}  // namespace entangle::store
