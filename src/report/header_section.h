#pragma once
// Internal: the top of the report: the synthetic-data banner (when it applies), the study's name,
// groups, period, data date and counting method, a few headline numbers, and the table of
// contents.
#include <string>
#include <vector>

#include "analyze/analyze.h"
#include "network/network.h"
#include "report/run_record.h"

namespace entangle::report {

inline constexpr const char* kOverviewAnchor = "overview";
inline constexpr const char* kSyntheticBannerId = "synthetic-banner";

std::string SyntheticBanner(const RunRecord& run);  // "" for real data
std::string HeaderSection(const std::string& title, const RunRecord& run,
                          const std::vector<analyze::ExhibitTable>& exhibits,
                          const network::InstitutionNetwork& network);
std::string TableOfContents(const std::vector<analyze::ExhibitTable>& exhibits, bool synthetic);

}  // namespace entangle::report
