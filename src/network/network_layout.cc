#include "network/network_layout.h"

#include <igraph/igraph.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <numeric>
#include <string>
#include <tuple>

#include "network/igraph_status.h"

namespace entangle::network {
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

// Each candidate's strongest link to another candidate, as an index into `edges` (-1: none).
// Ties go to the partner with more works (the lower index), whatever order the edges come in.
std::vector<ptrdiff_t> StrongestLinks(const std::vector<NetworkEdge>& edges, const std::vector<bool>& candidate) {
  std::vector<ptrdiff_t> strongest(candidate.size(), -1);
  auto partner = [&](size_t k, size_t v) { return edges[k].source == v ? edges[k].target : edges[k].source; };
  for (size_t k = 0; k < edges.size(); ++k) {
    const NetworkEdge& e = edges[k];
    if (!candidate[e.source] || !candidate[e.target] || e.source == e.target) continue;
    for (size_t v : {e.source, e.target}) {
      ptrdiff_t& best = strongest[v];
      auto better = [&] {
        const NetworkEdge& b = edges[static_cast<size_t>(best)];
        if (e.weight != b.weight) return e.weight > b.weight;
        return partner(k, v) < partner(static_cast<size_t>(best), v);
      };
      if (best < 0 || better()) best = static_cast<ptrdiff_t>(k);
    }
  }
  return strongest;
}

void SelectDrawn(const InstitutionNetwork& network, size_t max_nodes, size_t max_edges, DrawnNetwork& drawn) {
  const size_t total = network.nodes.size();
  std::vector<size_t> degree(total, 0);
  for (const NetworkEdge& e : network.edges) {
    if (e.source == e.target) continue;
    ++degree[e.source];
    ++degree[e.target];
  }
  // The linked institutions with most works (nodes are sorted by works).
  std::vector<bool> candidate(total, false);
  size_t candidates = 0;
  for (size_t i = 0; i < total; ++i) {
    if (degree[i] == 0) {
      ++drawn.isolated_nodes;
    } else if (candidates < max_nodes) {
      candidate[i] = true;
      ++candidates;
    }
  }
  std::vector<ptrdiff_t> strongest = StrongestLinks(network.edges, candidate);
  std::vector<size_t> position(total, 0);
  for (size_t i = 0; i < total; ++i) {
    if (!candidate[i]) continue;
    if (strongest[i] < 0) {
      ++drawn.unlinked_nodes;
      continue;
    }
    position[i] = drawn.nodes.size();
    drawn.nodes.push_back(i);
  }
  // Every drawn node's strongest link first, whatever the cap; then the heaviest of the others.
  std::vector<bool> taken(network.edges.size(), false);
  std::vector<size_t> kept;
  for (size_t i : drawn.nodes) {
    auto k = static_cast<size_t>(strongest[i]);
    if (!taken[k]) taken[k] = true, kept.push_back(k);
  }
  drawn.strongest_links = kept.size();
  std::vector<size_t> others;
  for (size_t k = 0; k < network.edges.size(); ++k) {
    const NetworkEdge& e = network.edges[k];
    if (!taken[k] && e.source != e.target && candidate[e.source] && candidate[e.target]) others.push_back(k);
  }
  std::stable_sort(others.begin(), others.end(),
                   [&](size_t a, size_t b) { return network.edges[a].weight > network.edges[b].weight; });
  size_t room = max_edges > kept.size() ? max_edges - kept.size() : 0;
  kept.insert(kept.end(), others.begin(), others.begin() + static_cast<ptrdiff_t>(std::min(room, others.size())));
  for (size_t k : kept) {
    const NetworkEdge& e = network.edges[k];
    size_t s = position[e.source], t = position[e.target];
    drawn.edges.push_back({std::min(s, t), std::max(s, t), e.weight});
  }
  std::sort(drawn.edges.begin(), drawn.edges.end(), [](const NetworkEdge& a, const NetworkEdge& b) {
    return std::tie(a.source, a.target) < std::tie(b.source, b.target);
  });
  drawn.hidden_nodes = total - drawn.nodes.size();
  drawn.hidden_edges = network.edges.size() - drawn.edges.size();
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

// Where each connected piece goes. Room grows with a piece's nodes (a box of area ~ nodes), so
// one large paper's clique of institutions gets its share of the picture and no more. The largest
// piece sits alone on top and gets more room per node the more of the picture it is (up to
// twice: a giant component carries the structure and most labels); the others follow in rows
// beneath it, largest first, each row centred. The row width is the one that lets the whole fit
// a 3:2 picture at the largest scale.
struct Box {
  double left = 0, top = 0, width = 0, height = 0;
};

std::vector<Box> PackComponents(const std::vector<std::vector<size_t>>& components, double picture_width) {
  size_t total = 0;
  for (const auto& c : components) total += c.size();
  double main_share = static_cast<double>(components[0].size()) / static_cast<double>(total);
  double main_area = static_cast<double>(components[0].size()) * (1 + main_share);
  Box main{0, 0, std::sqrt(main_area * picture_width), std::sqrt(main_area / picture_width)};
  std::vector<double> sides;
  for (size_t c = 1; c < components.size(); ++c) sides.push_back(std::sqrt(static_cast<double>(components[c].size())));

  // Shelf packing of the small pieces into rows of `width`; returns the boxes and the size used.
  auto shelve = [&](double width, double* used_width, double* used_height) {
    std::vector<Box> boxes(1, main);
    std::vector<size_t> row_start;
    double x = 0, y = main.height, row_height = 0;
    *used_width = main.width;
    for (size_t k = 0; k < sides.size(); ++k) {
      if (x > 0 && x + sides[k] > width) {
        y += row_height;
        x = row_height = 0;
      }
      if (x == 0) row_start.push_back(boxes.size());
      boxes.push_back({x, y, sides[k], sides[k]});
      x += sides[k];
      row_height = std::max(row_height, sides[k]);
      *used_width = std::max(*used_width, x);
    }
    *used_height = y + row_height;
    // Centre each row and the top piece in the width used.
    row_start.push_back(boxes.size());
    boxes[0].left = (*used_width - main.width) / 2;
    for (size_t r = 0; r + 1 < row_start.size(); ++r) {
      const Box& last = boxes[row_start[r + 1] - 1];
      double shift = (*used_width - (last.left + last.width)) / 2;
      for (size_t b = row_start[r]; b < row_start[r + 1]; ++b) boxes[b].left += shift;
    }
    return boxes;
  };
  std::vector<double> widths = {main.width};
  double row = 0;
  for (double side : sides) {
    row += side;
    if (row > main.width) widths.push_back(row);
  }
  std::vector<Box> best;
  double best_scale = -1;
  for (double width : widths) {
    double used_width = 0, used_height = 0;
    std::vector<Box> boxes = shelve(width, &used_width, &used_height);
    double scale = std::min(picture_width / used_width, 1.0 / used_height);
    if (scale <= best_scale + 1e-12) continue;
    best_scale = scale;
    // Into the picture's units, centred.
    double ox = (picture_width - used_width * scale) / 2, oy = (1.0 - used_height * scale) / 2;
    for (Box& b : boxes) b = {ox + b.left * scale, oy + b.top * scale, b.width * scale, b.height * scale};
    best = std::move(boxes);
  }
  return best;
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
  constexpr double kPictureWidth = 1.5;  // the picture is 3:2; layout units run 0..1.5 by 0..1
  std::vector<Box> boxes = PackComponents(components, kPictureWidth);
  for (size_t c = 0; c < components.size(); ++c) {
    Result<std::vector<Point>> points = LayoutComponent(components[c], drawn.edges);
    if (!points.ok()) return points.status();
    // A margin inside each box keeps neighbouring pieces apart.
    const Box& box = boxes[c];
    double pad = (c == 0 ? 0.04 : 0.15) * std::min(box.width, box.height);
    FitInto(*points, box.left + pad, box.top + pad, box.width - 2 * pad, box.height - 2 * pad);
    for (size_t k = 0; k < components[c].size(); ++k) {
      drawn.x[components[c][k]] = (*points)[k].x;
      drawn.y[components[c][k]] = (*points)[k].y;
    }
  }
  return drawn;
}

}  // namespace entangle::network
