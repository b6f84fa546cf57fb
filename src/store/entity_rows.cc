// StudyDbWriter: institution and funder entities. A repeated id replaces the earlier entity.
#include <set>
#include <string_view>

#include "store/study_db_writer.h"

namespace entangle::store {

Status SqliteStudyDbWriter::PutInstitution(const extract::InstitutionEntity& entity) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  if (entity.id.empty()) return Status::InvalidArgument("institution entity without an id");
  if (!institution_ids_.insert(entity.id).second) {
    ENTANGLE_RETURN_IF_ERROR(
        Guard(MarkSuperseded(kInstitutionChildTables, stmts_->max_institution_rowids, entity.id)));
  }
  return Guard(InsertInstitution(entity));
}

Status SqliteStudyDbWriter::InsertInstitution(const extract::InstitutionEntity& e) {
  ENTANGLE_RETURN_IF_ERROR(stmts_->institution.Run(e.id, NullIfEmpty(e.ror), NullIfEmpty(e.display_name),
                                                   NullIfEmpty(e.country_code), NullIfEmpty(e.type),
                                                   JoinSpaced(e.lineage), e.works_count));
  // The entity merges alternatives, acronyms and international names into one list, so the kind
  // cannot be told apart here; a name listed twice is stored once.
  std::set<std::string_view> seen;
  for (const std::string& name : e.alternative_names) {
    if (name.empty() || !seen.insert(name).second) continue;
    ENTANGLE_RETURN_IF_ERROR(stmts_->institution_name.Run(e.id, name, "alternative"));
  }
  for (size_t i = 0; i < e.associated_ids.size(); ++i) {
    std::optional<std::string_view> relationship;
    if (i < e.associated_relationships.size()) relationship = NullIfEmpty(e.associated_relationships[i]);
    ENTANGLE_RETURN_IF_ERROR(stmts_->institution_association.Run(e.id, e.associated_ids[i], relationship));
  }
  return Status::OK();
}

Status SqliteStudyDbWriter::PutFunder(const extract::FunderEntity& entity) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  if (entity.id.empty()) return Status::InvalidArgument("funder entity without an id");
  if (!funder_ids_.insert(entity.id).second) {
    ENTANGLE_RETURN_IF_ERROR(Guard(MarkSuperseded(kFunderChildTables, stmts_->max_funder_rowids, entity.id)));
  }
  return Guard(InsertFunder(entity));
}

Status SqliteStudyDbWriter::InsertFunder(const extract::FunderEntity& e) {
  ENTANGLE_RETURN_IF_ERROR(stmts_->funder.Run(e.id, NullIfEmpty(e.ror), NullIfEmpty(e.display_name),
                                              NullIfEmpty(e.country_code), e.works_count));
  std::set<std::string_view> seen;
  for (const std::string& name : e.alternative_names) {
    if (name.empty() || !seen.insert(name).second) continue;
    ENTANGLE_RETURN_IF_ERROR(stmts_->funder_name.Run(e.id, name));
  }
  return Status::OK();
}

}  // namespace entangle::store
