#pragma once
// The study database schema (documented column by column in docs/schema.md).
#include <sqlite3.h>

#include <array>
#include <string_view>

#include "common/status.h"

namespace entangle::store {

// Bump when a table or column changes meaning; readers refuse other versions.
inline constexpr int kSchemaVersion = 1;
// meta.kind, so a reader can tell our files from any other SQLite database.
inline constexpr std::string_view kDatabaseKind = "entangle-study";

// A table whose rows belong to one parent row (a work, an institution, a funder) via key_column.
struct ChildTable {
  std::string_view name;
  std::string_view key_column;
};

inline constexpr std::array<ChildTable, 9> kWorkChildTables = {{
    {"work_countries", "work_id"},
    {"work_authorships", "work_id"},
    {"work_authorship_institutions", "work_id"},
    {"work_institutions", "work_id"},
    {"work_topics", "work_id"},
    {"work_concepts", "work_id"},
    {"work_grants", "work_id"},
    {"work_citations_by_year", "work_id"},
    {"work_keywords", "work_id"},
}};
inline constexpr std::array<ChildTable, 2> kInstitutionChildTables = {{
    {"institution_names", "institution_id"},
    {"institution_associations", "institution_id"},
}};
inline constexpr std::array<ChildTable, 1> kFunderChildTables = {{
    {"funder_names", "funder_id"},
}};

// Creates every table and fills `meta`. No secondary indexes: those come at the end, because
// building them once over sorted keys is much faster than maintaining them during bulk insert.
Status CreateSchema(sqlite3* db);

// Creates the secondary indexes (key columns of child tables, institution ids, countries, years).
Status CreateIndexes(sqlite3* db);

}  // namespace entangle::store
