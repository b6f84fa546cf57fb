#pragma once
// Internal: the joint works of a study database, loaded once into memory with everything the
// exhibits read (countries with their shares, institutions with their author shares, primary
// topic, concepts, grants), plus the institution and funder entities. Strings that repeat across
// papers (institutions, concepts) are stored once.
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/analysis_db.h"
#include "analyze/study_context.h"
#include "common/ascii.h"

namespace entangle::analyze {

struct JointCountry {
  std::string country;  // ISO code, or "??" for the share of authors without a country
  select::Sides sides;  // the groups `country` is in
  double fractional = 0;
};

// One distinct affiliation as the works give it, completed from its institution entity. Works
// share these (a million joint papers name a few hundred thousand institutions), so the exhibits
// read institutions without per-paper copies.
struct JointInstitution {
  std::string key;  // OpenAlex id, or "name:<display name>" without one
  std::string id;   // OpenAlex id or ""
  std::string ror;  // as on the work, else the entity's
  std::string name;
  std::string country;
  select::Sides sides;  // the groups `country` is in
  std::string type;  // from the work, else from the institution entity
  bool is_company = false;  // type "company" on the work or the entity, or a company in its lineage
  std::vector<std::string> lineage;
  // The work's own copy before completion (what risk matching starts from; see exhibit_risk_load).
  std::string name_on_work, country_on_work;
  std::vector<std::string> lineage_on_work;
  std::string root;        // top-most lineage ancestor (LineageResolver::RootOf); "" without an id
  uint32_t key_index = 0;  // dense per key: copies of one key that differ share it
};

// An institution on one work with its author share there.
struct WorkInstitution {
  const JointInstitution* info = nullptr;
  // Σ over the work's authors affiliated here of 1 / (authors · the author's institutions).
  double fractional = 0;
};

struct JointConcept {
  std::string id, name;
  int level = -1;
};

struct JointGrant {
  std::string funder_key;  // funder id, or "name:<funder name>" without one
  std::string funder_id, funder_name, award_id;
};

struct JointWork {
  std::string id;
  int year = 0;
  int64_t cited_by_count = 0;
  std::optional<double> fwci;
  std::vector<JointCountry> countries;
  std::vector<WorkInstitution> institutions;  // as listed on the work (work_institutions rows)
  std::string subfield_id, subfield_name, field_id, field_name;  // of the primary topic, if any
  std::vector<const JointConcept*> concepts;  // level <= 2 and score >= 0.3; only for the concepts scheme
  std::vector<JointGrant> grants;      // rows with a funder id or name

  // Σ of the fractional shares of the work's countries on this side (kSideA or kSideB).
  double SideFractional(select::Sides side) const;
  bool HasCountry(const std::string& country) const;
  double CountryFractional(const std::string& country) const;
};

struct InstitutionEntityRow {
  std::string name, country, type, ror;
  std::vector<std::string> lineage;
};

struct FunderEntityRow {
  std::string name, country, ror;
  std::vector<std::string> alternative_names;
};

struct JointData {
  std::vector<JointWork> works;  // sorted by id
  std::deque<JointInstitution> affiliations;  // what WorkInstitution::info points to
  std::deque<JointConcept> concept_list;      // what JointWork::concepts point to
  size_t institution_keys = 0;                // distinct JointInstitution::key_index values
  std::unordered_map<std::string, InstitutionEntityRow> institutions;  // by OpenAlex id
  std::unordered_map<std::string, FunderEntityRow> funders;             // by OpenAlex id
};

// Concept rule of the "concepts" subfield scheme (OpenAlex's own assignment threshold).
inline constexpr int kMaxConceptLevel = 2;
inline constexpr double kMinConceptScore = 0.3;

Result<JointData> LoadJointData(store::StudyDb& db, const StudyContext& ctx);

}  // namespace entangle::analyze
