// WriteGexf: GEXF 1.3 for Gephi, with node attributes and viz colours per community.
#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "common/atomic_file.h"
#include "network/community_colors.h"
#include "network/network.h"
#include "network/xml_text.h"

namespace entangle::network {
namespace {

// Attribute ids are their titles, so that Gephi's data laboratory shows readable columns.
struct Column {
  const char* id;
  const char* type;
};
constexpr Column kNodeColumns[] = {
    {"country", "string"},      {"type", "string"},           {"group", "string"},
    {"works", "long"},          {"fractional", "double"},     {"community", "integer"},
    {"degree_centrality", "double"}, {"betweenness", "double"}, {"eigenvector", "double"},
    {"strength", "double"},
};

double Finite(double x) { return std::isfinite(x) ? x : 0.0; }

void AppendNode(std::string& out, const NetworkNode& node) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "      <node id=\"{}\" label=\"{}\">\n        <attvalues>\n", XmlEscape(node.key),
                 XmlEscape(node.label));
  auto value = [&](const char* id, const std::string& text) {
    fmt::format_to(it, "          <attvalue for=\"{}\" value=\"{}\"/>\n", id, text);
  };
  value("country", XmlEscape(node.country));
  value("type", XmlEscape(node.type));
  value("group", std::string(node.group.Label()));
  value("works", fmt::format("{}", node.works));
  value("fractional", fmt::format("{}", Finite(node.fractional)));
  value("community", fmt::format("{}", node.community));
  value("degree_centrality", fmt::format("{}", Finite(node.degree_centrality)));
  value("betweenness", fmt::format("{}", Finite(node.betweenness)));
  value("eigenvector", fmt::format("{}", Finite(node.eigenvector)));
  value("strength", fmt::format("{}", Finite(node.strength)));
  Rgb color = CommunityColor(node.community);
  // Area grows with joint works; Gephi can re-rank sizes by any column afterwards.
  double size = 2.0 + 2.0 * std::sqrt(static_cast<double>(node.works));
  fmt::format_to(it,
                 "        </attvalues>\n        <viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>\n"
                 "        <viz:size value=\"{:.3f}\"/>\n      </node>\n",
                 color.r, color.g, color.b, size);
}

}  // namespace

Status WriteGexf(const InstitutionNetwork& network, const std::string& path) {
  std::string out;
  auto it = std::back_inserter(out);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n";
  fmt::format_to(it, "  <meta>\n    <creator>entangle</creator>\n    <description>{}</description>\n  </meta>\n",
                 XmlEscape(network.description));
  out += "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n";
  for (const Column& column : kNodeColumns) {
    fmt::format_to(it, "      <attribute id=\"{0}\" title=\"{0}\" type=\"{1}\"/>\n", column.id, column.type);
  }
  out += "    </attributes>\n    <nodes>\n";
  for (const NetworkNode& node : network.nodes) AppendNode(out, node);
  out += "    </nodes>\n    <edges>\n";
  for (size_t i = 0; i < network.edges.size(); ++i) {
    const NetworkEdge& e = network.edges[i];
    if (e.source >= network.nodes.size() || e.target >= network.nodes.size()) {
      return Status::InvalidArgument(fmt::format("edge {} refers to a node that does not exist", i));
    }
    fmt::format_to(it, "      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\"/>\n", i,
                   XmlEscape(network.nodes[e.source].key), XmlEscape(network.nodes[e.target].key), e.weight);
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return WriteFileAtomically(path, out);
}

}  // namespace entangle::network
