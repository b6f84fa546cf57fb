// `entangle network`: the institution collaboration network of a study database, exported for
// Gephi (GEXF), graph tools (GraphML), VOSviewer and the HTML report. See docs/network.md.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>

#include <fmt/format.h>

#include "cli/commands.h"
#include "network/network.h"

namespace entangle::cli {
namespace {

struct NetworkArgs {
  network::NetworkOptions options;
  std::string out_dir;
};

void PrintTopByStrength(const network::InstitutionNetwork& net, size_t count) {
  std::vector<size_t> order(net.nodes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return net.nodes[x].strength > net.nodes[y].strength; });
  order.resize(std::min(order.size(), count));
  fmt::print("Top {} by strength (joint works with linked institutions):\n", order.size());
  fmt::print("  {:>3}  {:<50}  {:<7}  {:<5}  {:>6}  {:>8}  {:>9}\n", "#", "Institution", "Country", "Side", "Works",
             "Strength", "Community");
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const network::NetworkNode& n = net.nodes[order[rank]];
    fmt::print("  {:>3}  {:<50}  {:<7}  {:<5}  {:>6}  {:>8}  {:>9}\n", rank + 1, n.label.substr(0, 150), n.country,
               n.group.none() ? "-" : n.group.Label(), n.works, n.strength, n.community);
  }
}

void Run(const NetworkArgs& args) {
  auto net = network::BuildInstitutionNetwork(args.options);
  if (!net.ok()) {
    fmt::print(stderr, "entangle network: {}\n", net.status().ToString());
    SetExitCode(1);
    return;
  }
  auto written = network::WriteNetworkExports(*net, args.out_dir);
  if (!written.ok()) {
    fmt::print(stderr, "entangle network: {}\n", written.status().ToString());
    SetExitCode(1);
    return;
  }
  fmt::print("Nodes:        {} institutions\n", net->nodes.size());
  fmt::print("Edges:        {} links (weight = joint works co-authored by both)\n", net->edges.size());
  fmt::print("Communities:  {} (Leiden, seed {})\n", net->communities, args.options.seed);
  fmt::print("Modularity:   {:.4f}\n", net->modularity);
  fmt::print("Written:      {}\n", fmt::join(*written, "\n              "));
  fmt::print("\n{}\n\n", net->description);
  PrintTopByStrength(*net, 10);
}

}  // namespace

void RegisterNetwork(CLI::App& app) {
  auto args = std::make_shared<NetworkArgs>();
  CLI::App* cmd = app.add_subcommand(
      "network", "Institution collaboration network of a study database (GEXF, GraphML, VOSviewer, JSON)");
  cmd->add_option("--db", args->options.database_path, "Study database written by `entangle scan`")->required();
  cmd->add_option("--out", args->out_dir, "Directory for institutions.{gexf,graphml,vosviewer.json,network.json}")
      ->required();
  cmd->add_flag("--roll-up", args->options.roll_up_lineage,
                "Merge institutions into their top-most lineage ancestor (e.g. institutes into their academy)");
  cmd->add_flag("--cross-group-only", args->options.cross_group_only,
                "Link only pairs with one institution in each group (default: every pair on a joint work)");
  cmd->add_flag("--groups-only", args->options.groups_only, "Drop institutions outside both groups");
  cmd->add_option("--min-weight", args->options.min_edge_weight, "Drop links with fewer joint works")
      ->check(CLI::Range(1, 1 << 30))
      ->capture_default_str();
  cmd->add_option("--max-nodes", args->options.max_nodes,
                  "Keep the N institutions with most joint works (0 = all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "Seed of Leiden's random choices (same seed, same communities)")
      ->capture_default_str();
  cmd->add_option("--resolution", args->options.resolution, "Modularity resolution: higher gives smaller communities")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->callback([args] { Run(*args); });
}

}  // namespace entangle::cli
