// The drawn part of the network: no drawn node without a drawn link, nothing isolated drawn,
// what is left out counted, and no single large paper filling the picture.
#include "network/network_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace entangle::network {
namespace {

NetworkNode Node(const std::string& key, uint64_t works, int community = 0) {
  NetworkNode n;
  n.key = key;
  n.label = "Institution " + key;
  n.works = works;
  n.community = community;
  return n;
}

// Node indexes of `drawn` that no drawn edge touches.
std::vector<size_t> Linkless(const DrawnNetwork& drawn) {
  std::set<size_t> touched;
  for (const NetworkEdge& e : drawn.edges) touched.insert({e.source, e.target});
  std::vector<size_t> out;
  for (size_t k = 0; k < drawn.nodes.size(); ++k) {
    if (!touched.count(k)) out.push_back(k);
  }
  return out;
}

// A heavy core (0-3, all linked with heavy links) and a ring of lighter institutions (4-29), each
// linked to the core by one light link and to its neighbour on the ring by a lighter one; 30 and
// 31 are on joint works with no other institution; 32 and 33 are linked only to each other, with
// fewer works than everything else.
InstitutionNetwork CoreAndRing() {
  InstitutionNetwork net;
  for (size_t i = 0; i < 34; ++i) {
    uint64_t works = i < 4 ? 500 - i : i < 30 ? 100 - i : i < 32 ? 60 : 1;
    net.nodes.push_back(Node("I" + std::to_string(i), works, static_cast<int>(i % 3)));
  }
  for (size_t a = 0; a < 4; ++a) {
    for (size_t b = a + 1; b < 4; ++b) net.edges.push_back({a, b, 200});
  }
  for (size_t i = 4; i < 30; ++i) {
    net.edges.push_back({i % 4, i, 3});
    if (i + 1 < 30) net.edges.push_back({i, i + 1, 2});
  }
  net.edges.push_back({32, 33, 1});
  std::sort(net.edges.begin(), net.edges.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
    return std::tie(x.source, x.target) < std::tie(y.source, y.target);
  });
  return net;
}

TEST(NetworkLayoutTest, EveryDrawnNodeHasADrawnLinkEvenWhenTheHeaviestLinksAreAllInTheCore) {
  InstitutionNetwork net = CoreAndRing();
  // Ten links: the heaviest ten are the core's six and four ring links; taking only those left
  // most of the ring looking isolated.
  auto drawn = LayoutNetwork(net, 100, 10, 1);
  ASSERT_TRUE(drawn.ok()) << drawn.status().ToString();
  EXPECT_TRUE(Linkless(*drawn).empty());
  EXPECT_EQ(drawn->nodes.size(), 32u);  // all but the two isolated ones
  // Each node's strongest link is drawn, whatever the cap: 3 for the core (0-1, 0-2, 0-3 cover
  // it), one per ring node.
  EXPECT_EQ(drawn->strongest_links, 3u + 26u + 1u);
  EXPECT_EQ(drawn->edges.size(), drawn->strongest_links);
  for (const NetworkEdge& e : drawn->edges) {
    EXPECT_LT(e.source, e.target);
    EXPECT_LT(e.target, drawn->nodes.size());
  }
  // With room, the heaviest others come on top.
  auto roomy = LayoutNetwork(net, 100, 40, 1);
  ASSERT_TRUE(roomy.ok());
  EXPECT_EQ(roomy->edges.size(), 40u);
  EXPECT_EQ(roomy->strongest_links, 30u);
  EXPECT_TRUE(Linkless(*roomy).empty());
}

TEST(NetworkLayoutTest, IsolatedInstitutionsAreNeverDrawnAndCounted) {
  InstitutionNetwork net = CoreAndRing();
  auto drawn = LayoutNetwork(net, 100, 4000, 1);
  ASSERT_TRUE(drawn.ok());
  for (size_t i : drawn->nodes) EXPECT_TRUE(i != 30 && i != 31) << i;
  EXPECT_EQ(drawn->isolated_nodes, 2u);
  EXPECT_EQ(drawn->unlinked_nodes, 0u);
  EXPECT_EQ(drawn->hidden_nodes, 2u);
  EXPECT_EQ(drawn->hidden_edges, 0u);
  EXPECT_EQ(drawn->edges.size(), net.edges.size());
}

TEST(NetworkLayoutTest, TheCutLeavesOutInstitutionsLinkedOnlyBeyondItAndSaysHowMany) {
  InstitutionNetwork net = CoreAndRing();
  // The 8 linked institutions with most works are the core (0-3) and ring nodes 4-7; ring nodes
  // 4-7 link to the core, so all 8 are drawn.
  auto drawn = LayoutNetwork(net, 8, 4000, 1);
  ASSERT_TRUE(drawn.ok());
  EXPECT_EQ(drawn->nodes, (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(Linkless(*drawn).empty());
  EXPECT_EQ(drawn->hidden_nodes, net.nodes.size() - 8);
  EXPECT_EQ(drawn->hidden_edges + drawn->edges.size(), net.edges.size());

  // An institution whose every link goes beyond the cut is left out, not drawn alone.
  InstitutionNetwork lonely;
  for (size_t i = 0; i < 5; ++i) lonely.nodes.push_back(Node("L" + std::to_string(i), 10 - i));
  lonely.edges = {{0, 1, 5}, {2, 3, 1}, {2, 4, 1}};  // 2's partners, 3 and 4, fall beyond a cut of 3
  auto cut = LayoutNetwork(lonely, 3, 4000, 1);
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(cut->nodes, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(cut->unlinked_nodes, 1u);
  EXPECT_EQ(cut->isolated_nodes, 0u);
  EXPECT_EQ(cut->hidden_nodes, 3u);
  EXPECT_EQ(cut->hidden_edges, 2u);
  EXPECT_TRUE(Linkless(*cut).empty());
}

TEST(NetworkLayoutTest, StrongestLinkTiesGoToThePartnerWithMoreWorks) {
  InstitutionNetwork net;
  for (size_t i = 0; i < 4; ++i) net.nodes.push_back(Node("T" + std::to_string(i), 10 - i));
  net.edges = {{0, 3, 2}, {1, 3, 2}, {2, 3, 2}};
  auto drawn = LayoutNetwork(net, 10, 0, 1);  // only the strongest links
  ASSERT_TRUE(drawn.ok());
  // 0, 1 and 2 each have one link (to 3); 3's strongest of three equal ones is to 0.
  ASSERT_EQ(drawn->edges.size(), 3u);
  EXPECT_TRUE(Linkless(*drawn).empty());
}

// Several papers that share no institution: a large one (a clique of 30 institutions with one
// work each) and eight small ones (cliques of 4). Room goes by institutions, so the large paper
// takes about its share of the picture, not all of it, and each small one a fair piece.
TEST(NetworkLayoutTest, OneLargePaperDoesNotFillThePicture) {
  InstitutionNetwork net;
  std::vector<std::vector<size_t>> papers;
  papers.emplace_back();
  for (size_t k = 0; k < 30; ++k) papers.back().push_back(k);
  for (size_t p = 0; p < 8; ++p) {
    papers.emplace_back();
    for (size_t k = 0; k < 4; ++k) papers.back().push_back(30 + 4 * p + k);
  }
  for (size_t i = 0; i < 62; ++i) net.nodes.push_back(Node("P" + std::to_string(i), i < 30 ? 2 : 1));
  for (const auto& paper : papers) {
    for (size_t a = 0; a < paper.size(); ++a) {
      for (size_t b = a + 1; b < paper.size(); ++b) net.edges.push_back({paper[a], paper[b], 1});
    }
  }
  auto drawn = LayoutNetwork(net, 400, 4000, 1);
  ASSERT_TRUE(drawn.ok());
  ASSERT_EQ(drawn->nodes.size(), 62u);
  auto extent = [&](const std::vector<size_t>& members) {
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (size_t k : members) {
      x0 = std::min(x0, drawn->x[k]), x1 = std::max(x1, drawn->x[k]);
      y0 = std::min(y0, drawn->y[k]), y1 = std::max(y1, drawn->y[k]);
    }
    return std::pair{x1 - x0, y1 - y0};
  };
  // The picture spans 1.5 x 1 layout units.
  auto [big_w, big_h] = extent(papers[0]);
  EXPECT_LT(big_w * big_h, 0.6 * 1.5) << "the large paper fills the picture";
  for (size_t p = 1; p < papers.size(); ++p) {
    auto [w, h] = extent(papers[p]);
    EXPECT_GT(std::max(w, h), 0.05) << "small paper " << p << " is squeezed to a dot";
  }
  for (size_t k = 0; k < drawn->nodes.size(); ++k) {
    EXPECT_TRUE(drawn->x[k] >= 0 && drawn->x[k] <= 1.5 && drawn->y[k] >= 0 && drawn->y[k] <= 1) << k;
  }
}

}  // namespace
}  // namespace entangle::network
