#include "report/network_json.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/text_file.h"

namespace entangle::report {

Result<network::InstitutionNetwork> ReadNetworkJson(const std::string& path) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || doc.value("format", "") != "entangle-institution-network") {
    return Status::InvalidArgument(
        fmt::format("{} is not an entangle institution network (institutions.network.json)", path));
  }
  network::InstitutionNetwork net;
  // value() throws on a field of the wrong type; a hand-edited file is an input error, not a crash.
  try {
    net.description = doc.value("description", "");
    net.communities = doc.value("communities", 0);
    net.modularity = doc.value("modularity", 0.0);
    if (!doc.contains("nodes") || !doc["nodes"].is_array() || !doc.contains("edges") || !doc["edges"].is_array()) {
      return Status::InvalidArgument(fmt::format("{}: nodes and edges must be arrays", path));
    }
    for (const auto& n : doc["nodes"]) {
      if (!n.is_object()) return Status::InvalidArgument(fmt::format("{}: a node is not an object", path));
      network::NetworkNode node;
      node.key = n.value("key", "");
      node.label = n.value("label", "");
      node.country = n.value("country", "");
      node.type = n.value("type", "");
      node.group = select::Sides::FromLabel(n.value("group", ""));
      node.works = n.value("works", uint64_t{0});
      node.fractional = n.value("fractional", 0.0);
      node.community = n.value("community", -1);
      node.degree_centrality = n.value("degree_centrality", 0.0);
      node.betweenness = n.value("betweenness", 0.0);
      node.eigenvector = n.value("eigenvector", 0.0);
      node.strength = n.value("strength", 0.0);
      net.nodes.push_back(std::move(node));
    }
    for (const auto& e : doc["edges"]) {
      if (!e.is_object()) return Status::InvalidArgument(fmt::format("{}: an edge is not an object", path));
      network::NetworkEdge edge{e.value("source", size_t{0}), e.value("target", size_t{0}),
                                e.value("weight", uint64_t{0})};
      if (edge.source >= net.nodes.size() || edge.target >= net.nodes.size()) {
        return Status::InvalidArgument(fmt::format("{}: an edge refers to a node that does not exist", path));
      }
      net.edges.push_back(edge);
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", path, e.what()));
  }
  return net;
}

}  // namespace entangle::report
