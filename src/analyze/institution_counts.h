#pragma once
// Internal: joint papers per institution as given and rolled up along lineage, shared by the
// institution, pair and company exhibits.
#include <map>
#include <string>
#include <vector>

#include "analyze/joint_data.h"
#include "analyze/lineage.h"
#include "analyze/study_context.h"

namespace entangle::analyze {

struct InstitutionCount {
  std::string key;  // as-given key, or "<root id>\t<country>" when rolled up
  std::string id;   // OpenAlex id (the root's when rolled up); "" for name-only affiliations
  std::string name, country;
  select::Sides sides;  // the groups `country` is in
  std::string type;
  double papers = 0;  // whole: joint works; fractional: Σ author shares
  int members = 1;    // as-given institutions rolled into this one
};

// Every institution on a joint work, as given (by institution key), largest first.
std::vector<InstitutionCount> CountAsGiven(const StudyContext& ctx, const JointData& data);
// Rolled up to (top-most ancestor, affiliation country): a country's units of one organisation
// stay in that country (Huawei's UK units are a UK institution, not part of Chinese Huawei),
// so the per-side exhibits keep their meaning. Largest first.
std::vector<InstitutionCount> CountRolledUp(const StudyContext& ctx, const JointData& data,
                                            const LineageResolver& lineage);


}  // namespace entangle::analyze
