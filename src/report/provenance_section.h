#pragma once
// Internal: the report's provenance section: everything needed to tell how the numbers were made
// and to make them again: the study definition (text and hash), the inputs and snapshot date,
// the tool and times, the summary counts, skipped records with examples, and input issues.
#include <string>

#include "report/run_record.h"

namespace entangle::report {

inline constexpr const char* kProvenanceAnchor = "provenance";

// `report_version` and `generated_at` describe the report itself (it may be written by a newer
// entangle than the scan was).
std::string ProvenanceSection(const RunRecord& run, const std::string& report_version, const std::string& generated_at);

}  // namespace entangle::report
