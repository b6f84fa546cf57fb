// StudyDbWriter: the statements it prepares once and reuses for every row.
#include <fmt/format.h>

#include "store/study_db_writer.h"

namespace entangle::store {
namespace {

// One row holding the current max(rowid) of each table: where a superseded version's rows end.
std::string MaxRowidsSql(std::span<const ChildTable> tables) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += fmt::format("(SELECT ifnull(max(rowid), 0) FROM {})", tables[i].name);
  }
  return sql;
}

}  // namespace

Status SqliteStudyDbWriter::PrepareStatements() {
  auto s = std::make_unique<WriterStatements>();
  struct Item {
    Statement* target;
    std::string sql;
  };
  const std::vector<Item> items = {
      {&s->delete_runs, "DELETE FROM runs"},
      {&s->insert_run,
       "INSERT INTO runs (study_name, study_path, study_toml, study_sha256, group_a_name, group_a_countries, "
       "group_b_name, group_b_countries, inputs, snapshot_date, manifest_json, tool_version, command_line, "
       "started_at, threads) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
      {&s->finish_run,
       "UPDATE runs SET finished_at = ?1, records = ?2, works = ?3, in_scope = ?4, field_relevant = ?5, "
       "joint = ?6, duplicates = ?7, merged_away = ?8, skipped_total = ?9, skipped_json = ?10, "
       "summary_json = ?11"},
      {&s->input_file,
       "INSERT INTO input_files (path, format, updated_date, size_bytes, expected_records, records_read, "
       "uncompressed_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&s->skip, "INSERT INTO skipped (reason, file, line, work_id, message) VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s->total, "INSERT INTO totals (unit_kind, unit, year, whole, fractional) VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s->work,
       "INSERT OR REPLACE INTO works (id, doi, title, abstract, publication_year, publication_date, language, "
       "type, updated_date, cited_by_count, fwci, countries, source_file, source_line) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"},
      {&s->delete_work, "DELETE FROM works WHERE id = ?1"},
      {&s->institution,
       "INSERT OR REPLACE INTO institutions (id, ror, display_name, country_code, type, lineage, works_count) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&s->institution_name, "INSERT INTO institution_names (institution_id, name, kind) VALUES (?1, ?2, ?3)"},
      {&s->institution_association,
       "INSERT INTO institution_associations (institution_id, associated_id, relationship) VALUES (?1, ?2, ?3)"},
      {&s->funder,
       "INSERT OR REPLACE INTO funders (id, ror, display_name, country_code, works_count) "
       "VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s->funder_name, "INSERT INTO funder_names (funder_id, name) VALUES (?1, ?2)"},
      {&s->max_work_rowids, MaxRowidsSql(kWorkChildTables)},
      {&s->max_institution_rowids, MaxRowidsSql(kInstitutionChildTables)},
      {&s->max_funder_rowids, MaxRowidsSql(kFunderChildTables)},
  };
  for (const Item& item : items) {
    Result<Statement> prepared = Statement::Prepare(db_, item.sql);
    if (!prepared.ok()) return prepared.status();
    *item.target = std::move(prepared).value();
  }
  ENTANGLE_RETURN_IF_ERROR(PrepareBatches(*s));
  stmts_ = std::move(s);
  return Status::OK();
}

Status SqliteStudyDbWriter::PrepareBatches(WriterStatements& s) {
  struct Item {
    BatchedInsert* target;
    std::string_view table;
    std::string_view columns;
    int column_count;
  };
  const std::vector<Item> items = {
      {&s.work_country, "work_countries", "work_id, country, in_group, fractional", 4},
      {&s.authorship, "work_authorships",
       "work_id, author_order, position, author_id, author_name, is_corresponding, countries, raw_affiliations", 8},
      {&s.authorship_institution, "work_authorship_institutions", "work_id, author_order, institution_key", 3},
      {&s.work_institution, "work_institutions",
       "work_id, institution_key, institution_id, ror, display_name, country_code, type, lineage, author_share", 9},
      {&s.topic, "work_topics",
       "work_id, topic_id, display_name, score, is_primary, subfield_id, subfield_name, field_id, field_name, "
       "domain_id, domain_name",
       11},
      {&s.work_concept, "work_concepts", "work_id, concept_id, display_name, level, score", 5},
      {&s.grant, "work_grants", "work_id, funder_id, funder_name, award_id", 4},
      {&s.citations, "work_citations_by_year", "work_id, year, cited_by_count", 3},
      {&s.keyword, "work_keywords", "work_id, keyword", 2},
      {&s.field_work, "field_works",
       "id, year, category, countries, cited_by_count, fwci, primary_subfield_id, primary_field_id", 8},
  };
  for (const Item& item : items) {
    Result<BatchedInsert> prepared = BatchedInsert::Prepare(db_, item.table, item.columns, item.column_count);
    if (!prepared.ok()) return prepared.status();
    *item.target = std::move(prepared).value();
  }
  return Status::OK();
}

Status SqliteStudyDbWriter::FlushWorkRows() {
  for (BatchedInsert* batch : {&stmts_->work_country, &stmts_->authorship, &stmts_->authorship_institution,
                               &stmts_->work_institution, &stmts_->topic, &stmts_->work_concept, &stmts_->grant,
                               &stmts_->citations, &stmts_->keyword, &stmts_->field_work}) {
    ENTANGLE_RETURN_IF_ERROR(batch->Flush());
  }
  return Status::OK();
}

}  // namespace entangle::store
