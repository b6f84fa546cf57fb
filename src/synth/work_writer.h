#pragma once
// Serializes a WorkPlan as one JSON line in its style (2023 snapshot, API 2025 or Walden 2025), appending
// to a caller-owned buffer. Cosmetic content (author names, references, abstracts, locations) is drawn from
// an RNG seeded by (seed, work index), so every copy of a work reads the same apart from what the plan
// changes.
#include <cstdint>
#include <string>

#include "synth/work_plan.h"

namespace entangle::synth {

// Appends the record and a '\n'. `omit_id` leaves out the "id" key (for missing_id lines).
void AppendWorkRecord(uint64_t seed, const WorkPlan& plan, std::string& out, bool omit_id = false);

}  // namespace entangle::synth
