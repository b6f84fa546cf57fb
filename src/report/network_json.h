#pragma once
// Internal: reads institutions.network.json (written by network::WriteNetworkJson) back into an
// InstitutionNetwork (entangle::network), so a report can reuse a network exported earlier.
#include <string>

#include "common/status.h"
#include "network/network.h"

namespace entangle::report {

Result<network::InstitutionNetwork> ReadNetworkJson(const std::string& path);

}  // namespace entangle::report
