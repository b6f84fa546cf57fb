#pragma once
// The works planted for the labs exhibits and the researchers-on-both-sides exhibits (docs/labs.md):
// papers matched to a lab by institution id and by a raw affiliation string only, the traps the
// matcher must not fall for (an institution or a raw string containing a lab's name, a lab's partner
// institutions without the lab), dual-affiliated authors (one paper; moving between years), two
// authors with one name and different ids, and authorships without an author id. Each planted work
// is a fixed plan (no RNG), in scope, field-relevant and joint, written at a fixed index after the
// study's named cases.
#include <cstdint>
#include <vector>

#include "synth/work_plan.h"

namespace entangle::synth {

// The labs of data/labs/labs.csv the synthetic corpus can reach, stated by hand (not read from the
// registry, not computed with the product's matcher): the synthetic institutions the lab is by id,
// and the affiliation names a raw string or an institution's display name can equal. The e2e test
// checks every row against the shipped registry.
struct SynthLabDef {
  const char* key;                // "lab:microsoft-research-asia"
  const char* host_country;       // the lab's host country, which gives its group
  const char* institution_ids;    // space-separated Institutions() ids that are the lab, "" for none
  const char* affiliation_names;  // '|'-separated, exactly as the registry lists them
  const char* owner;              // the registry's first owner, "" for a lab without owner ids
  const char* owner_ids;          // space-separated owner_openalex_ids, exactly as the registry lists them
};
const std::vector<SynthLabDef>& SynthLabs();

// Works at indexes kCaseStudyCount .. kCaseStudyCount + kLabDualWorkCount - 1 are planted here.
inline constexpr int kLabDualWorkCount = 14;
bool IsLabDualIndex(uint64_t index);
void PlanLabDualWork(int which, WorkPlan& plan);
// What planted work `which` is for, as ground_truth.json lists it.
const char* LabDualWorkPurpose(int which);

// Author ids: the generator's random authors get ids from kFirstRandomAuthorId on, one per (work,
// position), so a random author signs one work only and can never move between groups; ids below are
// the named cases' and the planted people's, which sign several works on purpose.
inline constexpr uint64_t kFirstRandomAuthorId = 6000000000ULL;
uint64_t RandomAuthorId(uint64_t work_index, size_t position);

}  // namespace entangle::synth
