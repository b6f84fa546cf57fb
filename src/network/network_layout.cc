#include "network/network_layout.h"

#include <igraph/igraph.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <tuple>

#include "network/igraph_status.h"

namespace entangle {
namespace {

Status Check(igraph_error_t rc, const char* what) { return IgraphCheck(rc, what); }

// Owns what it initialised, whatever path leaves the function.
struct IgraphObjects {
  igraph_t graph;
  igraph_vector_int_t edge_list;
  igraph_vector_t weights;
  igraph_matrix_t coords;
  bool graph_live = false, edges_live = false, weights_live = false, coords_live = false;
  ~IgraphObjects() {
    if (coords_live) igraph_matrix_destroy(&coords);
    if (weights_live) igraph_vector_destroy(&weights);
    if (graph_live) igraph_destroy(&graph);
    if (edges_live) igraph_vector_int_destroy(&edge_list);
  }
};

struct Point {
  double x = 0.5, y = 0.5;
};

void SelectDrawn(const InstitutionNetwork& network, size_t max_nodes, size_t max_edges, DrawnNetwork& drawn) {
  size_t n = std::min(network.nodes.size(), max_nodes);
  for (size_t i = 0; i < n; ++i) drawn.nodes.push_back(i);  // nodes are sorted by works
  drawn.hidden_nodes = network.nodes.size() - n;
  std::vector<NetworkEdge> kept;
  for (const NetworkEdge& e : network.edges) {
    if (e.source < n && e.target < n) kept.push_back(e);
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const NetworkEdge& a, const NetworkEdge& b) { return a.weight > b.weight; });
  if (kept.size() > max_edges) kept.resize(max_edges);
  std::sort(kept.begin(), kept.end(), [](const NetworkEdge& a, const NetworkEdge& b) {
    return std::tie(a.source, a.target) < std::tie(b.source, b.target);
  });
  drawn.hidden_edges = network.edges.size() - kept.size();
  drawn.edges = std::move(kept);
}

// Connected components, largest first (ties: the one holding the lower node index).
std::vector<std::vector<size_t>> Components(size_t n, const std::vector<NetworkEdge>& edges) {
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (const NetworkEdge& e : edges) parent[find(e.source)] = find(e.target);
  std::map<size_t, std::vector<size_t>> by_root;
  for (size_t v = 0; v < n; ++v) by_root[find(v)].push_back(v);
  std::vector<std::vector<size_t>> out;
  for (auto& [root, members] : by_root) out.push_back(std::move(members));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
  });
  return out;
}

// Fruchterman-Reingold on one connected component (which cannot drift apart, so no bounds are
// needed); coordinates in layout units.
Result<std::vector<Point>> LayoutComponent(const std::vector<size_t>& members, const std::vector<NetworkEdge>& edges) {
  size_t n = members.size();
  if (n == 1) return std::vector<Point>(1);
  if (n == 2) return std::vector<Point>{{0, 0.5}, {1, 0.5}};
  std::map<size_t, igraph_integer_t> local;
  for (size_t k = 0; k < n; ++k) local[members[k]] = static_cast<igraph_integer_t>(k);
  std::vector<const NetworkEdge*> inside;
  for (const NetworkEdge& e : edges) {
    if (local.count(e.source)) inside.push_back(&e);
  }
  IgraphObjects o;
  auto count = static_cast<igraph_integer_t>(inside.size());
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_vector_int_init(&o.edge_list, 2 * count), "vector_int_init"));
  o.edges_live = true;
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_vector_init(&o.weights, count), "vector_init"));
  o.weights_live = true;
  for (igraph_integer_t i = 0; i < count; ++i) {
    const NetworkEdge& e = *inside[static_cast<size_t>(i)];
    VECTOR(o.edge_list)[2 * i] = local[e.source];
    VECTOR(o.edge_list)[2 * i + 1] = local[e.target];
    // Logarithmic attraction: a pair with hundreds of joint works would otherwise collapse onto
    // one point and squeeze everything else to the rim.
    VECTOR(o.weights)[i] = 1.0 + std::log(static_cast<double>(std::max<uint64_t>(1, e.weight)));
  }
  auto vn = static_cast<igraph_integer_t>(n);
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_create(&o.graph, &o.edge_list, vn, IGRAPH_UNDIRECTED), "create"));
  o.graph_live = true;
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_matrix_init(&o.coords, vn, 2), "matrix_init"));
  o.coords_live = true;
  ENTANGLE_RETURN_IF_ERROR(
      Check(igraph_layout_fruchterman_reingold(&o.graph, &o.coords, /*use_seed=*/false,
                                               /*niter=*/500, std::sqrt(static_cast<double>(n)), IGRAPH_LAYOUT_AUTOGRID,
                                               &o.weights, nullptr, nullptr, nullptr, nullptr),
            "layout_fruchterman_reingold"));
  std::vector<Point> points(n);
  for (size_t k = 0; k < n; ++k) {
    double x = MATRIX(o.coords, static_cast<igraph_integer_t>(k), 0);
    double y = MATRIX(o.coords, static_cast<igraph_integer_t>(k), 1);
    points[k] = {std::isfinite(x) ? x : 0, std::isfinite(y) ? y : 0};
  }
  return points;
}

// The value below which `share` of the values lie.
double Quantile(std::vector<double> values, double share) {
  size_t k = static_cast<size_t>(share * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

// Fits points into a box; the aspect ratio may stretch by at most 1.5 (force layouts come out
// round, the picture is wide). Force layouts fling weakly linked nodes far out; fitting all of
// them would shrink the dense core to a blot, so the box fits the central 96% of each axis and
// the few outliers are pulled in to its edge.
void FitInto(std::vector<Point>& points, double left, double top, double width, double height) {
  std::vector<double> xs, ys;
  for (const Point& p : points) xs.push_back(p.x), ys.push_back(p.y);
  double trim = points.size() >= 50 ? 0.02 : 0.0;
  double x0 = Quantile(xs, trim), x1 = Quantile(xs, 1 - trim), y0 = Quantile(ys, trim), y1 = Quantile(ys, 1 - trim);
  double dx = x1 - x0, dy = y1 - y0;
  double sx = dx > 1e-9 ? width / dx : 0, sy = dy > 1e-9 ? height / dy : 0;
  if (sx > 0 && sy > 0) {
    sx = std::min(sx, 1.5 * sy);
    sy = std::min(sy, 1.5 * sx);
  }
  double ox = left + (width - dx * sx) / 2, oy = top + (height - dy * sy) / 2;
  for (Point& p : points) {
    p = {ox + (std::clamp(p.x, x0, x1) - x0) * sx, oy + (std::clamp(p.y, y0, y1) - y0) * sy};
  }
}

}  // namespace

Result<DrawnNetwork> LayoutNetwork(const InstitutionNetwork& network, size_t max_nodes, size_t max_edges,
                                   uint64_t seed) {
  DrawnNetwork drawn;
  SelectDrawn(network, max_nodes, max_edges, drawn);
  size_t n = drawn.nodes.size();
  drawn.x.assign(n, 0.5);
  drawn.y.assign(n, 0.5);
  if (n == 0) return drawn;
  IgraphErrorScope scope;
  ENTANGLE_RETURN_IF_ERROR(Check(igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed)), "rng_seed"));
  std::vector<std::vector<size_t>> components = Components(n, drawn.edges);
  // The largest component fills the picture (3:2); smaller ones sit in a row of cells below it,
  // instead of being flung to the corners by repulsion.
  constexpr double kWidth = 1.5, kCell = 0.12;
  size_t small = components.size() - 1;
  size_t per_row = static_cast<size_t>(kWidth / kCell);
  double cell = kCell;
  size_t rows = (small + per_row - 1) / per_row;
  if (static_cast<double>(rows) * cell > 0.4) {  // very many small pieces: smaller cells
    cell = std::sqrt(0.4 * kWidth / static_cast<double>(small));
    per_row = std::max<size_t>(1, static_cast<size_t>(kWidth / cell));
    rows = (small + per_row - 1) / per_row;
  }
  double main_height = 1.0 - static_cast<double>(rows) * cell;
  for (size_t c = 0; c < components.size(); ++c) {
    Result<std::vector<Point>> points = LayoutComponent(components[c], drawn.edges);
    if (!points.ok()) return points.status();
    if (c == 0) {
      FitInto(*points, 0, 0, kWidth, main_height);
    } else {
      size_t slot = c - 1;
      double left = static_cast<double>(slot % per_row) * cell,
             top = main_height + static_cast<double>(slot / per_row) * cell;
      FitInto(*points, left + 0.2 * cell, top + 0.2 * cell, 0.6 * cell, 0.6 * cell);
    }
    for (size_t k = 0; k < components[c].size(); ++k) {
      drawn.x[components[c][k]] = (*points)[k].x;
      drawn.y[components[c][k]] = (*points)[k].y;
    }
  }
  return drawn;
}

}  // namespace entangle
