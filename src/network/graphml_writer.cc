// WriteGraphml: GraphML with typed keys (yEd, Cytoscape, igraph, networkx, Gephi).
#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "common/atomic_file.h"
#include "network/network.h"
#include "network/xml_text.h"

namespace entangle::network {
namespace {

struct Key {
  const char* name;
  const char* type;
};
constexpr Key kNodeKeys[] = {
    {"key", "string"},     {"label", "string"},         {"country", "string"},     {"type", "string"},
    {"group", "string"},   {"works", "long"},           {"fractional", "double"},  {"community", "int"},
    {"degree_centrality", "double"}, {"betweenness", "double"}, {"eigenvector", "double"}, {"strength", "double"},
};

double Finite(double x) { return std::isfinite(x) ? x : 0.0; }

void AppendNode(std::string& out, size_t index, const NetworkNode& node) {
  auto it = std::back_inserter(out);
  // GraphML ids are NMTOKENs (no spaces), which "name:..." keys are not: the key is a data field.
  fmt::format_to(it, "    <node id=\"n{}\">\n", index);
  auto data = [&](const char* key, const std::string& text) {
    fmt::format_to(it, "      <data key=\"{}\">{}</data>\n", key, text);
  };
  data("key", XmlEscape(node.key));
  data("label", XmlEscape(node.label));
  data("country", XmlEscape(node.country));
  data("type", XmlEscape(node.type));
  data("group", std::string(node.group.Label()));
  data("works", fmt::format("{}", node.works));
  data("fractional", fmt::format("{}", Finite(node.fractional)));
  data("community", fmt::format("{}", node.community));
  data("degree_centrality", fmt::format("{}", Finite(node.degree_centrality)));
  data("betweenness", fmt::format("{}", Finite(node.betweenness)));
  data("eigenvector", fmt::format("{}", Finite(node.eigenvector)));
  data("strength", fmt::format("{}", Finite(node.strength)));
  out += "    </node>\n";
}

}  // namespace

Status WriteGraphml(const InstitutionNetwork& network, const std::string& path) {
  std::string out;
  auto it = std::back_inserter(out);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const Key& key : kNodeKeys) {
    fmt::format_to(it, "  <key id=\"{0}\" for=\"node\" attr.name=\"{0}\" attr.type=\"{1}\"/>\n", key.name, key.type);
  }
  out += "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n";
  fmt::format_to(it, "  <graph id=\"institutions\" edgedefault=\"undirected\">\n    <desc>{}</desc>\n",
                 XmlEscape(network.description));
  for (size_t i = 0; i < network.nodes.size(); ++i) AppendNode(out, i, network.nodes[i]);
  for (size_t i = 0; i < network.edges.size(); ++i) {
    const NetworkEdge& e = network.edges[i];
    if (e.source >= network.nodes.size() || e.target >= network.nodes.size()) {
      return Status::InvalidArgument(fmt::format("edge {} refers to a node that does not exist", i));
    }
    fmt::format_to(it, "    <edge source=\"n{}\" target=\"n{}\">\n      <data key=\"weight\">{}</data>\n    </edge>\n",
                   e.source, e.target, e.weight);
  }
  out += "  </graph>\n</graphml>\n";
  return WriteFileAtomically(path, out);
}

}  // namespace entangle::network
