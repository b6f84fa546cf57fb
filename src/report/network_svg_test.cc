// The report's network picture: every drawn node has a drawn line, the sentence under the picture
// counts what is left out, and the names drawn never overlap or leave the frame.
#include "report/network_svg.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "report/svg_chart.h"

namespace entangle::report {
namespace {

// A heavy core (0-3) and a chain of 26 lighter institutions (4-29) hanging off it, in three
// communities; 30 and 31 have no link at all.
network::InstitutionNetwork CoreAndChain() {
  network::InstitutionNetwork net;
  for (size_t i = 0; i < 32; ++i) {
    network::NetworkNode n;
    n.key = "I" + std::to_string(i);
    n.label = i < 4 ? "Core University " + std::to_string(i) : "Institute of Chain Studies " + std::to_string(i);
    n.country = i % 2 ? "CN" : "DE";
    n.group = i % 2 ? select::kSideB : select::kSideA;
    n.works = i < 4 ? 500 - i : 100 - i;
    n.community = static_cast<int>(i % 3);
    net.nodes.push_back(n);
  }
  for (size_t a = 0; a < 4; ++a) {
    for (size_t b = a + 1; b < 4; ++b) net.edges.push_back({a, b, 200});
  }
  for (size_t i = 4; i < 30; ++i) net.edges.push_back({i % 4, i, 3});
  for (size_t i = 4; i + 1 < 30; ++i) net.edges.push_back({i, i + 1, 2});
  std::sort(net.edges.begin(), net.edges.end(), [](const network::NetworkEdge& x, const network::NetworkEdge& y) {
    return std::tie(x.source, x.target) < std::tie(y.source, y.target);
  });
  net.communities = 3;
  return net;
}

ChartContext Context() { return ChartContext{"Europe", "China", {}}; }

std::string Section(const network::InstitutionNetwork& net, size_t max_nodes, size_t max_edges) {
  auto drawn = network::LayoutNetwork(net, max_nodes, max_edges, 1);
  EXPECT_TRUE(drawn.ok()) << drawn.status().ToString();
  return drawn.ok() ? NetworkSection(net, *drawn, Context()) : "";
}

TEST(NetworkSvgTest, EveryDrawnCircleHasADrawnLine) {
  std::string html = Section(CoreAndChain(), 20, 8);
  std::set<std::string> circles, touched;
  std::regex circle(R"re(<circle cx="[^"]*" cy="[^"]*" r="[^"]*" fill="[^"]*" data-i="(\d+)")re");
  std::regex line(R"re(<line [^>]*data-s="(\d+)" data-t="(\d+)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), circle); it != std::sregex_iterator(); ++it) {
    circles.insert((*it)[1]);
  }
  for (auto it = std::sregex_iterator(html.begin(), html.end(), line); it != std::sregex_iterator(); ++it) {
    touched.insert({(*it)[1], (*it)[2]});
  }
  EXPECT_EQ(circles.size(), 20u);
  for (const std::string& i : circles) EXPECT_TRUE(touched.count(i)) << "circle " << i << " has no line";
}

TEST(NetworkSvgTest, SaysUnderThePictureWhatIsLeftOut) {
  network::InstitutionNetwork net = CoreAndChain();
  std::string html = Section(net, 8, 10);
  // 8 drawn; 22 linked institutions beyond the cut of 8; 2 without any link. Of the 10 links, 7 are
  // the strongest links the 8 need (core: 0-1, 0-2, 0-3; 4-7: one each), 3 the heaviest others.
  EXPECT_NE(html.find("<p class=\"net-shown\" id=\"net-shown\">Showing 8 of 32 institutions and 10 of " +
                      std::to_string(net.edges.size()) +
                      " links: the institutions with most joint works, each with "
                      "its strongest link, plus the heaviest links among them overall. Left out: 22 institutions "
                      "with fewer joint works; 2 with no link to any other institution (isolated). What is left out "
                      "of the picture still counts in the communities and centralities.</p>"),
            std::string::npos)
      << html.substr(html.find("net-shown"), 600);
  // Nothing left out: said as such.
  network::InstitutionNetwork small;
  small.nodes = {net.nodes[0], net.nodes[1]};
  small.edges = {{0, 1, 4}};
  EXPECT_NE(Section(small, 400, 4000).find(">Showing all 2 institutions and all 1 links.</p>"), std::string::npos);
}

TEST(NetworkSvgTest, NamesTheTopInstitutionsOfEachCommunityWithoutOverlapInsideTheFrame) {
  std::string html = Section(CoreAndChain(), 400, 4000);
  size_t group = html.find("<g class=\"net-labels\" font-size=\"12\"");
  ASSERT_NE(group, std::string::npos);
  std::string labels = html.substr(group, html.find("</g>", group) - group);
  std::regex text(R"re(<text x="([\d.]+)" y="([\d.]+)" data-i="(\d+)">([^<]*)</text>)re");
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> boxes;
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(labels.begin(), labels.end(), text); it != std::sregex_iterator(); ++it) {
    double x = std::stod((*it)[1]), y = std::stod((*it)[2]), w = TextWidth((*it)[4], 12);
    Box box{x - w / 2, y - 12, x + w / 2, y + 3};
    EXPECT_GE(box.x0, 0) << (*it)[4];
    EXPECT_LE(box.x1, 1000) << (*it)[4];
    EXPECT_GE(box.y0, 0) << (*it)[4];
    for (const Box& b : boxes) {
      EXPECT_FALSE(box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1) << (*it)[4] << " overlaps";
    }
    boxes.push_back(box);
    names.insert((*it)[4]);
  }
  // More than the twelve names the picture used to carry, and the largest institution among them.
  EXPECT_GT(boxes.size(), 12u);
  EXPECT_TRUE(names.count("Core University 0"));
}

}  // namespace
}  // namespace entangle::report
