#pragma once
// Internal: risk flags on the deals of an investment report (deal_risk.cc).
#include <string>
#include <vector>

#include "invest/invest.h"

namespace entangle::invest {

// Loads the registry (`registry_paths`, or the shipped one) and flags every deal whose company or
// cross-group investor it lists; records the files and entry count in `report`.
Status FlagDeals(InvestmentReport& report, const std::vector<std::string>& registry_paths);

}  // namespace entangle::invest
