#pragma once
// Malformed lines for the scanner's skip paths: truncated or otherwise invalid JSON, invalid UTF-8 inside an
// otherwise valid record, valid JSON that is not an object, an object without "id". Each line is valid
// UTF-8 unless it is meant not to be, and ends with '\n'.
#include <cstdint>
#include <string>

#include "synth/layout.h"
#include "synth/work_plan.h"

namespace entangle::synth {

// Appends malformed line `k` (its content drawn from (seed, k)) and returns its reason.
MalformedReason AppendMalformedLine(uint64_t seed, const Layout& layout, uint64_t k, WorkPlan& scratch,
                                    std::string& out);

}  // namespace entangle::synth
