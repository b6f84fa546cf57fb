// BuildInstitutionNetwork: nodes from the study database, filters, links, then igraph metrics.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "network/graph_metrics.h"
#include "network/network.h"
#include "network/network_input.h"
#include "network/node_aggregate.h"

namespace entangle::network {
namespace {

struct Dropped {
  size_t outside_groups = 0;
  size_t beyond_max_nodes = 0;
  size_t light_links = 0;
  size_t isolated = 0;
};

bool CrossGroup(const Candidate& x, const Candidate& y) {
  return (x.group.Has(select::kSideA) && y.group.Has(select::kSideB)) ||
         (x.group.Has(select::kSideB) && y.group.Has(select::kSideA));
}

// Candidates in node order: most joint works first, then key (so max_nodes ties are stable).
std::vector<uint32_t> RankedCandidates(const Aggregate& aggregate, const NetworkOptions& options, Dropped& dropped) {
  std::vector<uint32_t> ranked;
  for (uint32_t i = 0; i < aggregate.candidates.size(); ++i) {
    if (options.groups_only && aggregate.candidates[i].group.none()) {
      ++dropped.outside_groups;
      continue;
    }
    ranked.push_back(i);
  }
  std::sort(ranked.begin(), ranked.end(), [&](uint32_t x, uint32_t y) {
    const Candidate& a = aggregate.candidates[x];
    const Candidate& b = aggregate.candidates[y];
    return a.works != b.works ? a.works > b.works : a.key < b.key;
  });
  if (options.max_nodes > 0 && ranked.size() > static_cast<size_t>(options.max_nodes)) {
    dropped.beyond_max_nodes = ranked.size() - static_cast<size_t>(options.max_nodes);
    ranked.resize(static_cast<size_t>(options.max_nodes));
  }
  return ranked;
}

// Link weights between kept candidates, keyed by (lower index << 32 | higher index). Each work
// counts once per pair: work_members holds distinct candidates.
std::unordered_map<uint64_t, uint64_t> CountLinks(const Aggregate& aggregate, const std::vector<bool>& kept,
                                                  bool cross_group_only) {
  std::unordered_map<uint64_t, uint64_t> weights;
  std::vector<uint32_t> on_work;
  for (const std::vector<uint32_t>& members : aggregate.work_members) {
    on_work.clear();
    for (uint32_t m : members) {
      if (kept[m]) on_work.push_back(m);
    }
    for (size_t i = 0; i < on_work.size(); ++i) {
      for (size_t j = i + 1; j < on_work.size(); ++j) {
        if (cross_group_only && !CrossGroup(aggregate.candidates[on_work[i]], aggregate.candidates[on_work[j]])) continue;
        ++weights[(static_cast<uint64_t>(on_work[i]) << 32) | on_work[j]];
      }
    }
  }
  return weights;
}

std::string Describe(const NetworkInput& input, const NetworkOptions& options, const InstitutionNetwork& net,
                     const Dropped& dropped) {
  std::string groups = input.group_a_name.empty() && input.group_b_name.empty()
                           ? std::string("no groups recorded")
                           : fmt::format("{} and {}", input.group_a_name, input.group_b_name);
  std::string text = fmt::format(
      "Institution collaboration network of the study \"{}\" ({}): {} institutions, {} links. Nodes are the "
      "institutions on the study's joint works{}; a link's weight is the number of joint works on which both "
      "institutions appear{}.",
      input.study_name, groups, net.nodes.size(), net.edges.size(),
      options.roll_up_lineage ? ", each merged into its top-most lineage ancestor" : "",
      options.cross_group_only ? fmt::format(", counted only between a {} and a {} institution",
                                             input.group_a_name, input.group_b_name)
                               : ", counted for every pair of institutions on the work");
  std::vector<std::string> drops;
  if (dropped.outside_groups > 0) drops.push_back(fmt::format("{} institutions outside both groups", dropped.outside_groups));
  if (dropped.beyond_max_nodes > 0) {
    drops.push_back(fmt::format("{} institutions beyond the {} with most joint works", dropped.beyond_max_nodes,
                                options.max_nodes));
  }
  if (dropped.light_links > 0) {
    drops.push_back(fmt::format("{} links lighter than {} joint works", dropped.light_links, options.min_edge_weight));
  }
  if (dropped.isolated > 0) drops.push_back(fmt::format("{} institutions left without links", dropped.isolated));
  if (!drops.empty()) text += fmt::format(" Left out: {}.", fmt::join(drops, "; "));
  text += fmt::format(
      " Communities: Leiden (igraph, modularity objective, resolution {}, seed {}) found {} with modularity {:.4f}.",
      options.resolution, options.seed, net.communities, net.modularity);
  return text;
}

}  // namespace

Result<InstitutionNetwork> BuildInstitutionNetwork(const NetworkOptions& options) {
  if (options.min_edge_weight < 1) return Status::InvalidArgument("min_edge_weight must be at least 1");
  if (options.max_nodes < 0) return Status::InvalidArgument("max_nodes must be 0 (all) or positive");
  auto input = LoadNetworkInput(options.database_path);
  if (!input.ok()) return input.status();
  Aggregate aggregate = AggregateNodes(*input, options.roll_up_lineage);

  Dropped dropped;
  std::vector<uint32_t> ranked = RankedCandidates(aggregate, options, dropped);
  std::vector<bool> kept(aggregate.candidates.size(), false);
  for (uint32_t c : ranked) kept[c] = true;
  std::unordered_map<uint64_t, uint64_t> links = CountLinks(aggregate, kept, options.cross_group_only);

  // Only nodes with a link remain: an isolated node says nothing about collaboration and would
  // be a community of its own.
  std::vector<bool> linked(aggregate.candidates.size(), false);
  for (auto it = links.begin(); it != links.end();) {
    if (it->second < static_cast<uint64_t>(options.min_edge_weight)) {
      ++dropped.light_links;
      it = links.erase(it);
      continue;
    }
    linked[it->first >> 32] = true;
    linked[it->first & 0xffffffffu] = true;
    ++it;
  }
  InstitutionNetwork net;
  std::vector<size_t> node_of(aggregate.candidates.size(), SIZE_MAX);
  for (uint32_t c : ranked) {
    if (!linked[c]) {
      ++dropped.isolated;
      continue;
    }
    node_of[c] = net.nodes.size();
    const Candidate& candidate = aggregate.candidates[c];
    NetworkNode& node = net.nodes.emplace_back();
    node.key = candidate.key;
    node.label = candidate.label;
    node.country = candidate.country;
    node.type = candidate.type;
    node.group = candidate.group;
    node.works = candidate.works;
    node.fractional = candidate.fractional;
  }
  for (const auto& [pair, weight] : links) {
    size_t x = node_of[pair >> 32];
    size_t y = node_of[pair & 0xffffffffu];
    net.edges.push_back(NetworkEdge{std::min(x, y), std::max(x, y), weight});
  }
  std::sort(net.edges.begin(), net.edges.end(), [](const NetworkEdge& a, const NetworkEdge& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });

  auto metrics = ComputeGraphMetrics(net.nodes.size(), net.edges, options.seed, options.resolution);
  if (!metrics.ok()) return metrics.status();
  for (size_t i = 0; i < net.nodes.size(); ++i) {
    NetworkNode& node = net.nodes[i];
    node.community = metrics->community[i];
    node.degree_centrality = metrics->degree_centrality[i];
    node.betweenness = metrics->betweenness[i];
    node.eigenvector = metrics->eigenvector[i];
    node.strength = metrics->strength[i];
  }
  net.communities = metrics->communities;
  net.modularity = metrics->modularity;
  net.description = Describe(*input, options, net, dropped);
  return net;
}

}  // namespace entangle::network
