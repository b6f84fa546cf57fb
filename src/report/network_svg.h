#pragma once
// Internal: the report's network section: the institution network as an SVG drawn at the
// precomputed layout (nodes coloured by community or group, sized by joint works, the largest
// labelled), with the data the page's small script needs for hover, zoom, pan and search.
#include <string>

#include "network/network.h"
#include "report/exhibit_charts.h"
#include "network/network_layout.h"

namespace entangle::report {

inline constexpr const char* kNetworkAnchor = "network";

std::string NetworkSection(const network::InstitutionNetwork& network, const network::DrawnNetwork& drawn,
                           const ChartContext& ctx);

}  // namespace entangle::report
