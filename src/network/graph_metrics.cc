#include "network/graph_metrics.h"

#include <igraph/igraph.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "network/igraph_status.h"

namespace entangle::network {
namespace {

Status Check(igraph_error_t rc, const char* what) { return IgraphCheck(rc, what); }

// Owners of igraph objects: destroyed only once initialised.
struct Graph {
  igraph_t g;
  bool live = false;
  ~Graph() {
    if (live) igraph_destroy(&g);
  }
};
struct RealVector {
  igraph_vector_t v;
  bool live = false;
  Status Init(igraph_integer_t size) {
    ENTANGLE_RETURN_IF_ERROR(Check(igraph_vector_init(&v, size), "vector_init"));
    live = true;
    return Status::OK();
  }
  std::vector<double> ToStd() const {
    std::vector<double> out(static_cast<size_t>(igraph_vector_size(&v)));
    for (size_t i = 0; i < out.size(); ++i) {
      double x = VECTOR(v)[static_cast<igraph_integer_t>(i)];
      out[i] = std::isfinite(x) ? x : 0.0;
    }
    return out;
  }
  ~RealVector() {
    if (live) igraph_vector_destroy(&v);
  }
};
struct IntVector {
  igraph_vector_int_t v;
  bool live = false;
  Status Init(igraph_integer_t size) {
    ENTANGLE_RETURN_IF_ERROR(Check(igraph_vector_int_init(&v, size), "vector_int_init"));
    live = true;
    return Status::OK();
  }
  ~IntVector() {
    if (live) igraph_vector_int_destroy(&v);
  }
};

// Community ids by size (descending), ties by their first node, so that ids and colours do not
// depend on Leiden's internal numbering.
std::vector<int> Renumber(const igraph_vector_int_t& membership, size_t node_count, int& communities) {
  std::vector<int> raw(node_count);
  int max_id = -1;
  for (size_t i = 0; i < node_count; ++i) {
    raw[i] = static_cast<int>(VECTOR(membership)[static_cast<igraph_integer_t>(i)]);
    max_id = std::max(max_id, raw[i]);
  }
  std::vector<size_t> size(static_cast<size_t>(max_id + 1), 0);
  std::vector<size_t> first(size.size(), node_count);
  for (size_t i = 0; i < node_count; ++i) {
    auto c = static_cast<size_t>(raw[i]);
    ++size[c];
    first[c] = std::min(first[c], i);
  }
  std::vector<size_t> order;
  for (size_t c = 0; c < size.size(); ++c) {
    if (size[c] > 0) order.push_back(c);
  }
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return size[x] != size[y] ? size[x] > size[y] : first[x] < first[y];
  });
  std::vector<int> new_id(size.size(), -1);
  for (size_t rank = 0; rank < order.size(); ++rank) new_id[order[rank]] = static_cast<int>(rank);
  communities = static_cast<int>(order.size());
  std::vector<int> out(node_count);
  for (size_t i = 0; i < node_count; ++i) out[i] = new_id[static_cast<size_t>(raw[i])];
  return out;
}

Status RunLeiden(const igraph_t& g, const RealVector& weights, const RealVector& strength, double total_weight,
                 uint64_t seed, double resolution, size_t n, GraphMetrics& out) {
  IntVector membership;
  ENTANGLE_RETURN_IF_ERROR(membership.Init(static_cast<igraph_integer_t>(n)));
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed)), "rng_seed"));
  igraph_integer_t clusters = 0;
  igraph_real_t quality = 0;
  // igraph's Leiden optimises modularity when node weights are the strengths and the resolution
  // is gamma / 2m. beta 0.01 is the authors' default; n_iterations < 0 repeats until the
  // partition stops changing, so the result does not depend on an iteration cap.
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_community_leiden(&g, &weights.v, &strength.v, resolution / (2.0 * total_weight),
                                                         0.01, /*start=*/false, /*n_iterations=*/-1, &membership.v,
                                                         &clusters, &quality),
                                 "community_leiden"));
  out.community = Renumber(membership.v, n, out.communities);
  for (size_t i = 0; i < n; ++i) VECTOR(membership.v)[static_cast<igraph_integer_t>(i)] = out.community[i];
  igraph_real_t modularity = 0;
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_modularity(&g, &membership.v, &weights.v, resolution, /*directed=*/false,
                                                   &modularity),
                                 "modularity"));
  out.modularity = std::isfinite(modularity) ? modularity : 0.0;
  return Status::OK();
}

Status RunCentralities(const igraph_t& g, const RealVector& weights, size_t n, GraphMetrics& out) {
  RealVector degree;
  ENTANGLE_RETURN_IF_ERROR(degree.Init(0));
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_strength(&g, &degree.v, igraph_vss_all(), IGRAPH_ALL, /*loops=*/true, nullptr),
                                 "degree"));
  out.degree_centrality = degree.ToStd();
  for (double& d : out.degree_centrality) d = n > 1 ? d / static_cast<double>(n - 1) : 0.0;

  // Betweenness needs lengths: a heavier link is a shorter path, so distance = 1 / weight.
  RealVector lengths;
  ENTANGLE_RETURN_IF_ERROR(lengths.Init(igraph_vector_size(&weights.v)));
  for (igraph_integer_t e = 0; e < igraph_vector_size(&weights.v); ++e) VECTOR(lengths.v)[e] = 1.0 / VECTOR(weights.v)[e];
  RealVector betweenness;
  ENTANGLE_RETURN_IF_ERROR(betweenness.Init(0));
  ENTANGLE_RETURN_IF_ERROR(
      Check(igraph_betweenness(&g, &betweenness.v, igraph_vss_all(), /*directed=*/false, &lengths.v), "betweenness"));
  out.betweenness = betweenness.ToStd();
  double pairs = n > 2 ? static_cast<double>(n - 1) * static_cast<double>(n - 2) / 2.0 : 0.0;
  for (double& b : out.betweenness) b = pairs > 0 ? b / pairs : 0.0;

  RealVector eigenvector;
  ENTANGLE_RETURN_IF_ERROR(eigenvector.Init(0));
  igraph_real_t eigenvalue = 0;
  igraph_arpack_options_t arpack;
  igraph_arpack_options_init(&arpack);
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_eigenvector_centrality(&g, &eigenvector.v, &eigenvalue, /*directed=*/false,
                                                               /*scale=*/true, &weights.v, &arpack),
                                 "eigenvector_centrality"));
  out.eigenvector = eigenvector.ToStd();
  // ARPACK may return the eigenvector with either sign; centralities are its magnitudes.
  for (double& x : out.eigenvector) x = std::fabs(x);
  return Status::OK();
}

}  // namespace

Result<GraphMetrics> ComputeGraphMetrics(size_t node_count, const std::vector<NetworkEdge>& edges, uint64_t seed,
                                         double resolution) {
  GraphMetrics out;
  if (node_count == 0) return out;
  for (const NetworkEdge& e : edges) {
    if (e.source >= e.target || e.target >= node_count || e.weight == 0) {
      return Status::InvalidArgument("network edge out of range, reversed or without weight");
    }
  }
  if (!(resolution > 0) || !std::isfinite(resolution)) {
    return Status::InvalidArgument("the Leiden resolution must be a positive number");
  }
  IgraphErrorScope errors;
  IntVector edge_list;
  ENTANGLE_RETURN_IF_ERROR(edge_list.Init(static_cast<igraph_integer_t>(2 * edges.size())));
  RealVector weights;
  ENTANGLE_RETURN_IF_ERROR(weights.Init(static_cast<igraph_integer_t>(edges.size())));
  double total_weight = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    auto e = static_cast<igraph_integer_t>(i);
    VECTOR(edge_list.v)[2 * e] = static_cast<igraph_integer_t>(edges[i].source);
    VECTOR(edge_list.v)[2 * e + 1] = static_cast<igraph_integer_t>(edges[i].target);
    VECTOR(weights.v)[e] = static_cast<double>(edges[i].weight);
    total_weight += static_cast<double>(edges[i].weight);
  }
  Graph graph;
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_create(&graph.g, &edge_list.v, static_cast<igraph_integer_t>(node_count),
                                               IGRAPH_UNDIRECTED),
                                 "create"));
  graph.live = true;

  RealVector strength;
  ENTANGLE_RETURN_IF_ERROR(strength.Init(0));
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_strength(&graph.g, &strength.v, igraph_vss_all(), IGRAPH_ALL, /*loops=*/true,
                                                 &weights.v),
                                 "strength"));
  out.strength = strength.ToStd();

  if (edges.empty()) {
    // Without links every node is its own community and modularity is undefined (reported 0).
    out.community.resize(node_count);
    std::iota(out.community.begin(), out.community.end(), 0);
    out.communities = static_cast<int>(node_count);
    out.degree_centrality.assign(node_count, 0.0);
    out.betweenness.assign(node_count, 0.0);
    out.eigenvector.assign(node_count, 0.0);
    return out;
  }
  ENTANGLE_RETURN_IF_ERROR(RunLeiden(graph.g, weights, strength, total_weight, seed, resolution, node_count, out));
  ENTANGLE_RETURN_IF_ERROR(RunCentralities(graph.g, weights, node_count, out));
  return out;
}

}  // namespace entangle::network
