// StudyDbWriter: joint works and their work_* child rows, with deduplication by updated_date.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "store/study_db_writer.h"

namespace entangle::store {
namespace {

// Rejects what would otherwise become a half-written work; checked before any row is written.
Status ValidateWork(const extract::WorkRecord& work) {
  if (work.id.empty()) return Status::InvalidArgument("joint work without an id");
  for (const extract::Authorship& authorship : work.authorships) {
    for (int index : authorship.institutions) {
      if (index < 0 || static_cast<size_t>(index) >= work.institutions.size()) {
        return Status::InvalidArgument(fmt::format("work {}: authorship {} refers to institution #{} of {}",
                                                   work.id, authorship.order, index, work.institutions.size()));
      }
    }
  }
  return Status::OK();
}

}  // namespace

std::string InstitutionKey(const extract::InstitutionRef& institution) {
  if (!institution.id.empty()) return institution.id;
  return "name:" + institution.display_name;
}

Result<bool> SqliteStudyDbWriter::PutJointWork(const extract::WorkRecord& work,
                                               const std::vector<WorkCountryShare>& shares,
                                               const std::string& source_file, uint64_t source_line) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  ENTANGLE_RETURN_IF_ERROR(ValidateWork(work));
  auto [stored, is_new] = work_dates_.try_emplace(work.id, work.updated_date);
  if (!is_new) {
    // Later updated_date wins; on a tie the copy already stored stays (ISO dates compare as text).
    if (work.updated_date <= stored->second) return false;
    ENTANGLE_RETURN_IF_ERROR(Guard(MarkSuperseded(kWorkChildTables, stmts_->max_work_rowids, work.id)));
    stored->second = work.updated_date;
  }
  ENTANGLE_RETURN_IF_ERROR(Guard(InsertWork(work, shares, source_file, source_line)));
  ENTANGLE_RETURN_IF_ERROR(Guard(MaybeCommitBatch()));
  return true;
}

Status SqliteStudyDbWriter::DeleteWork(const std::string& work_id) {
  ENTANGLE_RETURN_IF_ERROR(CheckUsable());
  auto stored = work_dates_.find(work_id);
  if (stored == work_dates_.end()) return Status::OK();
  // Forgotten entirely: the writer has no date for the copy that displaced it, so a later
  // PutJointWork of this id is stored whatever its date (the scanner decides which copy wins).
  work_dates_.erase(stored);
  ENTANGLE_RETURN_IF_ERROR(Guard(MarkSuperseded(kWorkChildTables, stmts_->max_work_rowids, work_id)));
  return Guard(stmts_->delete_work.Run(work_id));
}

Status SqliteStudyDbWriter::InsertWork(const extract::WorkRecord& work, const std::vector<WorkCountryShare>& shares,
                                       const std::string& source_file, uint64_t source_line) {
  ENTANGLE_RETURN_IF_ERROR(stmts_->work.Run(
      work.id, NullIfEmpty(work.doi), NullIfEmpty(work.title), NullIfEmpty(work.abstract), work.publication_year,
      NullIfEmpty(work.publication_date), NullIfEmpty(work.language), NullIfEmpty(work.type),
      NullIfEmpty(work.updated_date), work.cited_by_count, work.fwci, JoinSpaced(work.countries),
      NullIfEmpty(source_file), source_line));
  ENTANGLE_RETURN_IF_ERROR(InsertWorkCountries(work, shares));
  ENTANGLE_RETURN_IF_ERROR(InsertAuthorships(work));
  ENTANGLE_RETURN_IF_ERROR(InsertInstitutions(work));
  ENTANGLE_RETURN_IF_ERROR(InsertTopicsAndConcepts(work));
  return InsertOtherWorkRows(work);
}

std::string SqliteStudyDbWriter::InGroup(const std::string& country) const {
  std::string group;
  if (group_a_.count(country) != 0) group += 'a';
  if (group_b_.count(country) != 0) group += 'b';
  return group;
}

Status SqliteStudyDbWriter::InsertWorkCountries(const extract::WorkRecord& work,
                                                const std::vector<WorkCountryShare>& shares) {
  std::map<std::string, double> share_of;
  for (const WorkCountryShare& share : shares) share_of[share.country] += share.fractional;
  for (const std::string& country : work.countries) {
    auto found = share_of.find(country);
    double fractional = found != share_of.end() ? found->second : 0.0;
    if (found != share_of.end()) share_of.erase(found);
    ENTANGLE_RETURN_IF_ERROR(stmts_->work_country.Add(work.id, country, InGroup(country), fractional));
  }
  // Shares of units that are not among the work's countries ("??" for authors without one), so
  // that a work's fractional column sums to 1.
  for (const auto& [country, fractional] : share_of) {
    ENTANGLE_RETURN_IF_ERROR(stmts_->work_country.Add(work.id, country, InGroup(country), fractional));
  }
  return Status::OK();
}

Status SqliteStudyDbWriter::InsertAuthorships(const extract::WorkRecord& work) {
  for (const extract::Authorship& a : work.authorships) {
    ENTANGLE_RETURN_IF_ERROR(stmts_->authorship.Add(work.id, a.order, NullIfEmpty(a.position),
                                                    NullIfEmpty(a.author_id), NullIfEmpty(a.author_name),
                                                    a.is_corresponding, JoinSpaced(a.countries),
                                                    JsonStringArray(a.raw_affiliations)));
    for (int index : a.institutions) {
      ENTANGLE_RETURN_IF_ERROR(stmts_->authorship_institution.Add(
          work.id, a.order, InstitutionKey(work.institutions[static_cast<size_t>(index)])));
    }
  }
  return Status::OK();
}

// Each authorship carries 1 / (the work's authorships) of the work, split equally over its
// institutions; an institution's share is the sum over its authors, kept on the first row of its
// key. Summed in authorship order, as a reader re-deriving it from work_authorship_institutions
// would.
namespace {
std::vector<double> AuthorShares(const extract::WorkRecord& work, const std::vector<std::string>& keys) {
  std::vector<double> shares(work.institutions.size(), 0.0);
  const double authors = static_cast<double>(work.authorships.size());
  for (const extract::Authorship& a : work.authorships) {
    for (int index : a.institutions) {
      size_t first = static_cast<size_t>(std::find(keys.begin(), keys.end(), keys[static_cast<size_t>(index)]) - keys.begin());
      shares[first] += 1.0 / authors / static_cast<double>(a.institutions.size());
    }
  }
  return shares;
}
}  // namespace

Status SqliteStudyDbWriter::InsertInstitutions(const extract::WorkRecord& work) {
  std::vector<std::string> keys;
  for (const extract::InstitutionRef& i : work.institutions) keys.push_back(InstitutionKey(i));
  std::vector<double> shares = AuthorShares(work, keys);
  for (size_t n = 0; n < work.institutions.size(); ++n) {
    const extract::InstitutionRef& i = work.institutions[n];
    ENTANGLE_RETURN_IF_ERROR(stmts_->work_institution.Add(work.id, keys[n], NullIfEmpty(i.id), NullIfEmpty(i.ror),
                                                          NullIfEmpty(i.display_name), NullIfEmpty(i.country_code),
                                                          NullIfEmpty(i.type), JoinSpaced(i.lineage), shares[n]));
  }
  return Status::OK();
}

Status SqliteStudyDbWriter::InsertTopicsAndConcepts(const extract::WorkRecord& work) {
  for (const extract::TopicRef& t : work.topics) {
    ENTANGLE_RETURN_IF_ERROR(stmts_->topic.Add(work.id, NullIfEmpty(t.id), NullIfEmpty(t.name), t.score,
                                               t.is_primary, NullIfEmpty(t.subfield_id),
                                               NullIfEmpty(t.subfield_name), NullIfEmpty(t.field_id),
                                               NullIfEmpty(t.field_name), NullIfEmpty(t.domain_id),
                                               NullIfEmpty(t.domain_name)));
  }
  for (const extract::ConceptRef& c : work.concepts) {
    std::optional<int> level;
    if (c.level >= 0) level = c.level;
    ENTANGLE_RETURN_IF_ERROR(
        stmts_->work_concept.Add(work.id, NullIfEmpty(c.id), NullIfEmpty(c.name), level, c.score));
  }
  return Status::OK();
}

Status SqliteStudyDbWriter::InsertOtherWorkRows(const extract::WorkRecord& work) {
  for (const extract::GrantRef& g : work.grants) {
    ENTANGLE_RETURN_IF_ERROR(stmts_->grant.Add(work.id, NullIfEmpty(g.funder_id), NullIfEmpty(g.funder_name),
                                               NullIfEmpty(g.award_id)));
  }
  for (const extract::YearCount& c : work.counts_by_year) {
    ENTANGLE_RETURN_IF_ERROR(stmts_->citations.Add(work.id, c.year, c.cited_by_count));
  }
  for (const std::string& keyword : work.keywords) {
    ENTANGLE_RETURN_IF_ERROR(stmts_->keyword.Add(work.id, keyword));
  }
  return Status::OK();
}

}  // namespace entangle::store
