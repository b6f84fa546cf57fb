#pragma once
// Internal: the exhibit builders, one file each (exhibit_*.cc), called in order by Analyze().
#include <functional>
#include <future>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/analysis_db.h"
#include "analyze/analyze.h"
#include "analyze/authorship_data.h"
#include "analyze/joint_data.h"
#include "analyze/study_context.h"
#include "labs/labs.h"

namespace entangle::analyze {

using Exhibits = std::vector<ExhibitTable>;

// joint_by_country (Exhibit 1), joint_by_year (Exhibit 2), joint_by_country_year.
Exhibits JointExhibits(const StudyContext& ctx, const JointData& data);
// shares (Exhibit 3): joint papers as a share of each side's total field output (table totals).
Result<Exhibits> ShareExhibits(store::StudyDb& db, const StudyContext& ctx, const JointData& data);
// subfields (Exhibit 4) and, with the topics scheme, fields.
Exhibits SubfieldExhibits(const StudyContext& ctx, const JointData& data);
// institutions, institutions_rolled_up, institutions_above_threshold (Exhibit 5),
// institutions_by_country (Exhibit 6).
Exhibits InstitutionExhibits(const StudyContext& ctx, const JointData& data);
// institution_pairs (Exhibit 6).
Exhibits InstitutionPairExhibits(const StudyContext& ctx, const JointData& data);
// citations, citations_by_year (from table field_works; empty with a note when it is absent).
Result<Exhibits> CitationExhibits(store::StudyDb& db, const StudyContext& ctx);
// top_cited: each group's and country's share of the field's 10 % most-cited works.
Result<ExhibitTable> TopCitedExhibit(store::StudyDb& db, const StudyContext& ctx);
// funding (Exhibit 7), funders_by_country_type, top_funders, programmes.
Exhibits FundingExhibits(const StudyContext& ctx, const JointData& data);
// companies, top_companies, company_partners.
Exhibits CompanyExhibits(const StudyContext& ctx, const JointData& data);

// risk_ties (Exhibit 8), risk_by_entity, risk_by_country, risk_by_institution, risk_flagged,
// risk_papers: registry matches of the group-B partners and dual-use terms (exhibit_risk*.cc).
// `texts` comes from ScanWorkTexts (exhibit_risk.h), run beside LoadJointData.
struct WorkTexts;
// The partners with a registry tie at the time of each joint paper, as the risk exhibits found
// them: work id -> institution key -> "entity (source, date)" texts. Read by the labs exhibit.
struct PartnerTies {
  std::unordered_map<std::string, std::map<std::string, std::set<std::string>>> by_work;
};
// Opens its own connection to ctx.options.database_path, so that it can run beside the others,
// and fulfils `reads_done` once it no longer reads the database (on every path, errors too).
// Fills `partner_ties` when given.
Result<Exhibits> RiskExhibits(const StudyContext& ctx, const JointData& data, Result<WorkTexts> texts,
                              std::promise<void>& reads_done, PartnerTies* partner_ties = nullptr);

// Researchers on both sides (exhibit_dual.cc): dual_affiliations, dual_affiliations_by_year,
// dual_affiliations_by_country_pair, dual_affiliations_by_institution_pair, dual_joint_by_year,
// dual_joint_by_country, dual_affiliations_moving.
Exhibits DualAffiliationExhibits(const StudyContext& ctx, const JointData& data, const WorkAuthorships& authorships);
// The labs exhibits (exhibit_labs.cc): labs, labs_by_year, labs_partners, labs_owners, labs_papers. Reads the
// registry at ctx.options.labs_path (or the shipped one); `ties` may be null (then the risk
// columns say so).
Result<Exhibits> LabExhibits(const StudyContext& ctx, const JointData& data, const WorkAuthorships& authorships,
                             const PartnerTies* ties);

// One lab on one joint paper as the labs exhibit matched it; what the owners exhibit reads.
struct LabOnWork {
  const labs::Lab* lab = nullptr;
  size_t work = 0;                        // index into JointData::works
  select::Sides side;                     // the lab's group (as for its partners on the other side)
  std::set<const JointInstitution*> own;  // the lab's institutions on the paper: never anyone's partner
};
// labs_owners (exhibit_labs_owners.cc): per owner company with owner ids in the registry, side and
// year, its joint papers through its labs beside those through its other institutions (the owner
// ids and their lineage, not matched to one of its labs), with their partners on the other side.
ExhibitTable LabOwnersExhibit(const StudyContext& ctx, const JointData& data, const labs::LabRegistry& registry,
                              const std::vector<LabOnWork>& matched);

// Replaces `family`'s exhibit tables and index rows in the database in one transaction, which
// commits only if `before_commit` (called once on every path after the tables are written)
// succeeds; otherwise the database keeps its previous exhibits. The other family's stay.
Status WriteExhibitTables(store::StudyDb& db, const Exhibits& exhibits,
                          const std::function<Status()>& before_commit = nullptr,
                          ExhibitFamily family = ExhibitFamily::kCoauthorship);
// The CSV and JSON texts of one exhibit (for the files; exposed for tests).
std::string ExhibitCsv(const ExhibitTable& table);
std::string ExhibitJson(const ExhibitTable& table);

}  // namespace entangle::analyze
