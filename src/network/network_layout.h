#pragma once
// The part of the institution network a picture draws (the report's), and where each node goes.
// The layout is computed here, once, with igraph's Fruchterman-Reingold and a fixed seed, so the
// page needs no layout code and the same database always gives the same picture.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/status.h"
#include "network/network.h"

namespace entangle {

struct DrawnNetwork {
  std::vector<size_t> nodes;       // indexes into InstitutionNetwork::nodes, most works first
  std::vector<NetworkEdge> edges;  // source/target index into `nodes`
  std::vector<double> x, y;        // per drawn node, layout units (the drawing fits them)
  size_t hidden_nodes = 0, hidden_edges = 0;
};

// Keeps the `max_nodes` institutions with most joint works and the `max_edges` heaviest links
// among them, then lays them out (`seed` fixes the random start).
Result<DrawnNetwork> LayoutNetwork(const InstitutionNetwork& network, size_t max_nodes, size_t max_edges,
                                   uint64_t seed);

}  // namespace entangle
