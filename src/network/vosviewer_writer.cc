// WriteVosviewerJson: the VOSviewer (Online) JSON map format, with Leiden communities as clusters.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "network/network.h"

namespace entangle::network {
namespace {

using nlohmann::json;

// VOSviewer accepts cluster numbers 1..1000; smaller communities are left unclustered.
constexpr int kMaxVosviewerCluster = 1000;

double Finite(double x) { return std::isfinite(x) ? x : 0.0; }

// Item descriptions are rendered as HTML.
std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

json Item(const NetworkNode& node, size_t index, uint64_t links) {
  json item = {{"id", index + 1}, {"label", node.label}};
  item["description"] = fmt::format("{}<br>{}{}<br>Joint works: {}", HtmlEscape(node.label), HtmlEscape(node.key),
                                    node.country.empty() ? "" : ", " + HtmlEscape(node.country), node.works);
  // OpenAlex ids ("I123") resolve on openalex.org; "name:..." keys have no page.
  if (node.key.size() > 1 && node.key[0] == 'I' && node.key.find_first_not_of("0123456789", 1) == std::string::npos) {
    item["url"] = "https://openalex.org/" + node.key;
  }
  if (node.community >= 0 && node.community < kMaxVosviewerCluster) item["cluster"] = node.community + 1;
  item["weights"] = {{"Links", links}, {"Total link strength", Finite(node.strength)}, {"Joint works", node.works}};
  item["scores"] = {{"Fractional works", Finite(node.fractional)},
                    {"Betweenness", Finite(node.betweenness)},
                    {"Eigenvector centrality", Finite(node.eigenvector)},
                    {"Degree centrality", Finite(node.degree_centrality)}};
  return item;
}

}  // namespace

Status WriteVosviewerJson(const InstitutionNetwork& network, const std::string& path) {
  std::vector<uint64_t> links(network.nodes.size(), 0);
  json link_array = json::array();
  for (const NetworkEdge& e : network.edges) {
    if (e.source >= network.nodes.size() || e.target >= network.nodes.size()) {
      return Status::InvalidArgument("a network edge refers to a node that does not exist");
    }
    ++links[e.source];
    ++links[e.target];
    link_array.push_back({{"source_id", e.source + 1}, {"target_id", e.target + 1}, {"strength", e.weight}});
  }
  json items = json::array();
  // Nodes come by joint works, so a cluster's first node is its largest: it names the cluster.
  std::vector<std::string> cluster_label(static_cast<size_t>(std::max(network.communities, 0)));
  for (size_t i = 0; i < network.nodes.size(); ++i) {
    const NetworkNode& node = network.nodes[i];
    items.push_back(Item(node, i, links[i]));
    auto c = static_cast<size_t>(node.community);
    if (node.community >= 0 && c < cluster_label.size() && cluster_label[c].empty()) cluster_label[c] = node.label;
  }
  json clusters = json::array();
  for (size_t c = 0; c < cluster_label.size() && c < static_cast<size_t>(kMaxVosviewerCluster); ++c) {
    clusters.push_back({{"cluster", c + 1}, {"label", cluster_label[c]}});
  }
  json doc = {
      {"config",
       {{"terminology",
         {{"item", "institution"},
          {"items", "institutions"},
          {"link", "co-authorship link"},
          {"links", "co-authorship links"},
          {"link_strength", "joint works"},
          {"total_link_strength", "total joint works with linked institutions"}}}}},
      {"info", {{"title", "Institution collaboration network"}, {"description", HtmlEscape(network.description)}}},
      {"network", {{"items", std::move(items)}, {"links", std::move(link_array)}, {"clusters", std::move(clusters)}}},
  };
  return WriteFileAtomically(path, doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace entangle::network
