#pragma once
// The institution collaboration network of a study database (Exhibits 5-6 of the study):
// institutions on joint works are the nodes, and two institutions are linked by the joint works
// on which both appear. Communities come from Leiden (modularity), centralities from igraph.
// What nodes, edges and weights mean, and how to open the exports: docs/network.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "select/sides.h"

namespace entangle::network {

struct NetworkOptions {
  std::string database_path;
  bool roll_up_lineage = false;  // merge institutions into their top-most lineage ancestor
  // Links only pairs with one institution on each side (group A - group B). The default links
  // every pair on a joint work: a Chinese-Chinese link on a joint paper is part of the picture
  // of who works with whom, and communities need it to form.
  bool cross_group_only = false;
  // Keeps only institutions whose country is in group A or B (drops third-country partners).
  bool groups_only = false;
  int min_edge_weight = 1;  // drop lighter edges
  int max_nodes = 0;        // 0 = all; else keep the N nodes with most joint works
  uint64_t seed = 1;        // Leiden is randomised: fixed seed => reproducible
  double resolution = 1.0;  // modularity resolution (gamma): higher gives more, smaller communities
};

struct NetworkNode {
  std::string key;      // OpenAlex id ("I123"), or "name:..." for affiliations without one
  std::string label;    // display name
  std::string country;  // ISO code, may be empty
  std::string type;     // OpenAlex institution type, may be empty
  select::Sides group;  // the groups the country is in (written as "a", "b", "ab" or "")
  uint64_t works = 0;       // joint works on which the institution appears (whole counting)
  double fractional = 0;    // sum of its author shares on those works (docs/counting.md)
  int community = -1;       // 0 = largest community
  double degree_centrality = 0;  // links / (nodes - 1)
  double betweenness = 0;        // normalised to [0, 1], shortest paths on 1/weight distances
  double eigenvector = 0;        // weighted, scaled so that the maximum is 1
  double strength = 0;           // sum of the weights of its links
};

struct NetworkEdge {
  size_t source;    // node index, source < target
  size_t target;
  uint64_t weight;  // joint works co-authored by both institutions
};

struct InstitutionNetwork {
  std::vector<NetworkNode> nodes;  // by works (descending), then key
  std::vector<NetworkEdge> edges;  // by (source, target)
  int communities = 0;
  double modularity = 0;
  std::string description;  // the study, the options and what was dropped, in one paragraph
};

Result<InstitutionNetwork> BuildInstitutionNetwork(const NetworkOptions& options);

// Exports. Each is written to a temporary file beside `path` and renamed over it.
Status WriteGexf(const InstitutionNetwork& network, const std::string& path);     // GEXF 1.3 (Gephi)
Status WriteGraphml(const InstitutionNetwork& network, const std::string& path);  // GraphML, typed keys
// VOSviewer JSON map format: {"network":{"items":[{"id","label","cluster","weights":{...},
// "scores":{...}}],"links":[{"source_id","target_id","strength"}]}}
Status WriteVosviewerJson(const InstitutionNetwork& network, const std::string& path);
// Plain nodes/edges JSON for the HTML report.
Status WriteNetworkJson(const InstitutionNetwork& network, const std::string& path);
// All four above into `dir` (institutions.gexf, .graphml, .vosviewer.json, .network.json); returns
// the paths written, in that order.
Result<std::vector<std::string>> WriteNetworkExports(const InstitutionNetwork& network, const std::string& dir);

}  // namespace entangle::network
