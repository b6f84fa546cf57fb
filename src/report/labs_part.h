#pragma once
// Internal: the report's part on labs and researchers on both sides (docs/labs.md). Its exhibits
// (labs*, dual_*) come together after the other exhibits, opened by a section that says what they
// count, what they do not infer, and their headline numbers.
#include <string>
#include <vector>

#include "analyze/analyze.h"

namespace entangle::report {

inline constexpr const char* kLabsPartAnchor = "part-labs";
inline constexpr const char* kLabsPartTitle = "Labs and researchers on both sides";

// The exhibits in the report's order: every other exhibit as analyze wrote them, then the labs
// exhibits, then the researchers-on-both-sides exhibits.
std::vector<analyze::ExhibitTable> InReportOrder(const std::vector<analyze::ExhibitTable>& exhibits);

// The part's opening section; "" when the exhibits hold neither family (an older database).
std::string LabsPartIntro(const std::vector<analyze::ExhibitTable>& exhibits);

}  // namespace entangle::report
