// WriteNetworkJson: plain nodes and edges for the HTML report (edges refer to node indexes).
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "network/community_colors.h"
#include "network/network.h"

namespace entangle::network {
namespace {

using nlohmann::json;

double Finite(double x) { return std::isfinite(x) ? x : 0.0; }

}  // namespace

Status WriteNetworkJson(const InstitutionNetwork& network, const std::string& path) {
  json nodes = json::array();
  for (size_t i = 0; i < network.nodes.size(); ++i) {
    const NetworkNode& n = network.nodes[i];
    nodes.push_back({{"index", i},
                     {"key", n.key},
                     {"label", n.label},
                     {"country", n.country},
                     {"type", n.type},
                     {"group", n.group.Label()},
                     {"works", n.works},
                     {"fractional", Finite(n.fractional)},
                     {"community", n.community},
                     {"color", CommunityHex(n.community)},
                     {"degree_centrality", Finite(n.degree_centrality)},
                     {"betweenness", Finite(n.betweenness)},
                     {"eigenvector", Finite(n.eigenvector)},
                     {"strength", Finite(n.strength)}});
  }
  json edges = json::array();
  for (const NetworkEdge& e : network.edges) {
    if (e.source >= network.nodes.size() || e.target >= network.nodes.size()) {
      return Status::InvalidArgument("a network edge refers to a node that does not exist");
    }
    edges.push_back({{"source", e.source}, {"target", e.target}, {"weight", e.weight}});
  }
  json doc = {{"format", "entangle-institution-network"},
              {"version", 1},
              {"description", network.description},
              {"communities", network.communities},
              {"modularity", Finite(network.modularity)},
              {"nodes", std::move(nodes)},
              {"edges", std::move(edges)}};
  return WriteFileAtomically(path, doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace entangle::network
