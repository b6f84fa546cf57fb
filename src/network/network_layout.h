#pragma once
// The part of the institution network a picture draws (the report's), and where each node goes.
// The layout is computed here, once, with igraph's Fruchterman-Reingold and a fixed seed, so the
// page needs no layout code and the same database always gives the same picture.
//
// What is drawn: the `max_nodes` linked institutions with most joint works, minus those whose
// every link goes to an institution outside that set; each drawn institution's strongest link
// to another drawn one (so no drawn node looks isolated when it is not), then the heaviest other
// links among them up to `max_edges` in all. Institutions with no link at all are never drawn: a
// co-authorship picture has nothing to say about them.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/status.h"
#include "network/network.h"

namespace entangle::network {

struct DrawnNetwork {
  std::vector<size_t> nodes;       // indexes into InstitutionNetwork::nodes, most works first
  std::vector<NetworkEdge> edges;  // source/target index into `nodes`, by (source, target)
  std::vector<double> x, y;        // per drawn node, layout units (the drawing fits them)
  // What the picture leaves out, so the report can say it in words:
  // hidden_nodes = isolated_nodes + unlinked_nodes + the linked ones beyond the `max_nodes` cut.
  size_t hidden_nodes = 0, hidden_edges = 0;
  size_t isolated_nodes = 0;   // no link in the network at all
  size_t unlinked_nodes = 0;   // within the cut, but linked only to institutions outside it
  size_t strongest_links = 0;  // drawn links that are some drawn node's strongest (always drawn)
};

// Selects what is drawn (see above) and lays it out (`seed` fixes the random start): the largest
// connected piece on top, the others in rows below it, each with room in proportion to its nodes.
Result<DrawnNetwork> LayoutNetwork(const InstitutionNetwork& network, size_t max_nodes, size_t max_edges,
                                   uint64_t seed);

}  // namespace entangle::network
