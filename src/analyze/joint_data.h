#pragma once
// Internal: the joint works of a study database, loaded once into memory with everything the
// exhibits read (countries with their shares, institutions with their author shares, primary
// topic, concepts, grants), plus the institution and funder entities.
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/analysis_db.h"
#include "analyze/study_context.h"

namespace entangle::analyze {

struct JointCountry {
  std::string country;  // ISO code, or "??" for the share of authors without a country
  std::string side;     // "a", "b", "ab" or ""
  double fractional = 0;
};

struct JointInstitution {
  std::string key;  // OpenAlex id, or "name:<display name>" without one
  std::string id;   // OpenAlex id or ""
  std::string name;
  std::string country;
  std::string side;  // of `country`
  std::string type;  // from the work, else from the institution entity
  bool is_company = false;  // type "company" on the work or the entity, or a company in its lineage
  std::vector<std::string> lineage;
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
  std::vector<JointInstitution> institutions;
  std::string subfield_id, subfield_name, field_id, field_name;  // of the primary topic, if any
  std::vector<JointConcept> concepts;  // level <= 2 and score >= 0.3
  std::vector<JointGrant> grants;      // rows with a funder id or name

  // Σ of the fractional shares of the work's countries on this side ("a" or "b").
  double SideFractional(char side) const;
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
  std::unordered_map<std::string, InstitutionEntityRow> institutions;  // by OpenAlex id
  std::unordered_map<std::string, FunderEntityRow> funders;             // by OpenAlex id
};

// Concept rule of the "concepts" subfield scheme (OpenAlex's own assignment threshold).
inline constexpr int kMaxConceptLevel = 2;
inline constexpr double kMinConceptScore = 0.3;

Result<JointData> LoadJointData(AnalysisDb& db, const StudyContext& ctx);

std::vector<std::string> SplitSpaced(const std::string& text);

}  // namespace entangle::analyze
