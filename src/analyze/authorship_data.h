#pragma once
// Internal: the authorships of the joint works (who signed each paper, with which countries and
// institutions, under which raw affiliation strings), loaded for the labs and dual-affiliation
// exhibits. People are told apart by OpenAlex author id only; an authorship without an id is a
// person of its own, never merged with another (docs/labs.md).
#include <string>
#include <vector>

#include "analyze/analysis_db.h"
#include "analyze/joint_data.h"
#include "analyze/study_context.h"

namespace entangle::analyze {

struct JointAuthorship {
  int order = 0;                                      // work_authorships.author_order
  std::string author_id;                              // "A…", or "" when the authorship has none
  std::string name;                                   // as given; shown, never compared
  std::vector<std::string> countries;                 // work_authorships.countries
  select::Sides sides;                                // the groups of `countries`
  std::vector<const JointInstitution*> institutions;  // listed for the authorship, found on the work
  std::vector<std::string> raw_affiliations;
  // The key a person is counted under: the author id, or "<work id>#<order>" without one.
  std::string PersonKey(const std::string& work_id) const;
};

// One list per JointData::works entry (same positions), each in author order.
using WorkAuthorships = std::vector<std::vector<JointAuthorship>>;

// `with_raw` = false leaves raw_affiliations empty (they are read only when labs are matched).
Result<WorkAuthorships> LoadAuthorships(store::StudyDb& db, const StudyContext& ctx, const JointData& data,
                                        bool with_raw);

// The people of one paper: authorships grouped by PersonKey, each with the union of its groups.
struct PaperPerson {
  std::string key;
  std::vector<const JointAuthorship*> authorships;
  select::Sides sides;
};
std::vector<PaperPerson> PeopleOf(const std::string& work_id, const std::vector<JointAuthorship>& authorships);

}  // namespace entangle::analyze
