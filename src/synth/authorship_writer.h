#pragma once
// The "authorships" array of a work record, in the plan's style: author, institutions (pre-rendered
// fragments, or rendered on the spot for odd variants), the "countries" array exactly as planned, raw
// affiliation strings.
#include "synth/json_writer.h"
#include "synth/rng.h"
#include "synth/work_plan.h"

namespace entangle::synth {

// `lineage`: whether 2023-style institution objects carry "lineage" (older records lack it).
void WriteAuthorships(JsonWriter& w, const WorkPlan& plan, Rng& rng, bool lineage);

// Appends "https://openalex.org/A<id>".
void AppendAuthorUrl(std::string& out, uint64_t author_id);

}  // namespace entangle::synth
