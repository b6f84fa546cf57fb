#pragma once
// The authorship side of a work plan: which countries a team has (Europe-China teams with the study's
// country mix, or any team), which institutions its authors belong to, and the "countries" arrays exactly
// as they will be written.
#include <cstdint>
#include <vector>

#include "synth/plan_tables.h"
#include "synth/rng.h"
#include "synth/work_plan.h"

namespace entangle::synth {

struct TeamCountry {
  CountryCode code;
  uint16_t institutions[3];  // the team's institutions in this country; authors pick among them
  int institution_count;
};

// A joint-intent team has a European and a Chinese side (and sometimes more); others draw from the world.
void PlanTeam(Rng& rng, const PlanTables& t, bool joint_intent, std::vector<TeamCountry>& team);
// Heavy-tailed author counts: mostly 2-7, a tail to a few hundred.
int PickAuthorCount(Rng& rng);
void PlanAuthors(Rng& rng, const PlanTables& t, Style style, int count, const std::vector<TeamCountry>& team,
                 std::vector<PlannedAuthor>& authors);
// Appends a code to an author's written "countries" array (distinct, at most 4).
void AddCountry(PlannedAuthor& a, const char* code);

}  // namespace entangle::synth
