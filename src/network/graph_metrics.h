#pragma once
// Internal: communities (Leiden) and centralities of a weighted undirected graph, via igraph.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/status.h"
#include "network/network.h"

namespace entangle::network {

struct GraphMetrics {
  std::vector<int> community;  // per node; 0 = the community with most nodes
  int communities = 0;
  double modularity = 0;
  std::vector<double> degree_centrality;  // degree / (n - 1)
  std::vector<double> betweenness;        // normalised, on 1/weight distances
  std::vector<double> eigenvector;        // weighted, max 1
  std::vector<double> strength;           // weighted degree
};

// Seeds igraph's default RNG with `seed` (igraph's RNG is process-wide: not for concurrent use).
// Every edge must have source < target < node_count and weight > 0.
Result<GraphMetrics> ComputeGraphMetrics(size_t node_count, const std::vector<NetworkEdge>& edges, uint64_t seed,
                                         double resolution);

}  // namespace entangle::network
