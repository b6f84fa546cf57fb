#include "report/network_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <numeric>

#include "network/community_colors.h"
#include "report/exhibit_section.h"
#include "report/html_text.h"
#include "report/svg_chart.h"

namespace entangle::report {
namespace {

constexpr double kWidth = 1000, kHeight = 660, kMargin = 34;
// Names: at most 30, at a size that stays >= 11 px on screen as long as the picture is at least
// 920 px wide (report_css.cc gives it that minimum width).
constexpr size_t kLabelled = 30;
constexpr double kLabelFont = 12;
constexpr size_t kLegendCommunities = 10;
constexpr size_t kTableRows = 25;

// An institution without a country code is in no group because its country is unknown, not
// because it lies elsewhere: it is "country unknown", with its own colour.
std::string GroupName(const ChartContext& ctx, select::Sides group, const std::string& country) {
  if (group.both()) return ctx.group_a + " and " + ctx.group_b;
  if (group == select::kSideA) return ctx.group_a;
  if (group == select::kSideB) return ctx.group_b;
  return country.empty() ? kCountryUnknown : "neither group";
}

std::string GroupHex(select::Sides group, const std::string& country) {
  if (group.both()) return "#7b4fa0";
  if (group == select::kSideA) return kGroupAColor;
  if (group == select::kSideB) return kGroupBColor;
  return country.empty() ? kUnknownColor : kOtherColor;
}

struct Placement {
  std::vector<double> px, py, r;
};

// Fits the layout into the picture with one scale for both axes, so distances stay true.
Placement Place(const network::InstitutionNetwork& net, const network::DrawnNetwork& drawn) {
  Placement p;
  size_t n = drawn.nodes.size();
  if (n == 0) return p;
  auto [x0, x1] = std::minmax_element(drawn.x.begin(), drawn.x.end());
  auto [y0, y1] = std::minmax_element(drawn.y.begin(), drawn.y.end());
  double dx = std::max(*x1 - *x0, 1e-9), dy = std::max(*y1 - *y0, 1e-9);
  double scale = std::min((kWidth - 2 * kMargin) / dx, (kHeight - 2 * kMargin) / dy);
  double ox = (kWidth - dx * scale) / 2, oy = (kHeight - dy * scale) / 2;
  double max_works = 1;
  for (size_t i : drawn.nodes) max_works = std::max(max_works, static_cast<double>(net.nodes[i].works));
  for (size_t k = 0; k < n; ++k) {
    p.px.push_back(ox + (drawn.x[k] - *x0) * scale);
    p.py.push_back(oy + (drawn.y[k] - *y0) * scale);
    p.r.push_back(2.5 + 13.5 * std::sqrt(static_cast<double>(net.nodes[drawn.nodes[k]].works) / max_works));
  }
  return p;
}

std::string Edges(const network::DrawnNetwork& drawn, const Placement& p) {
  uint64_t max_weight = 1;
  for (const network::NetworkEdge& e : drawn.edges) max_weight = std::max(max_weight, e.weight);
  std::string out = "<g class=\"net-edges\" stroke=\"#8f9bb0\" stroke-opacity=\"0.35\" stroke-linecap=\"round\">\n";
  for (const network::NetworkEdge& e : drawn.edges) {
    double w = 0.4 + 3.0 * std::sqrt(static_cast<double>(e.weight) / static_cast<double>(max_weight));
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke-width=\"{:.2f}\" "
        "data-s=\"{}\" data-t=\"{}\" data-w=\"{}\"/>\n",
        p.px[e.source], p.py[e.source], p.px[e.target], p.py[e.target], w, e.source, e.target, e.weight);
  }
  return out + "</g>\n";
}

std::string Nodes(const network::InstitutionNetwork& net, const network::DrawnNetwork& drawn, const Placement& p,
                  const ChartContext& ctx) {
  std::string out = "<g class=\"net-nodes\" stroke=\"#ffffff\" stroke-width=\"1\">\n";
  for (size_t k = 0; k < drawn.nodes.size(); ++k) {
    const network::NetworkNode& node = net.nodes[drawn.nodes[k]];
    std::string cc = network::CommunityHex(node.community);
    std::string group = GroupName(ctx, node.group, node.country);
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\" data-i=\"{}\" data-name=\"{}\" "
        "data-country=\"{}\" data-group=\"{}\" data-works=\"{}\" data-community=\"{}\" data-strength=\"{}\" "
        "data-cc=\"{}\" data-gc=\"{}\"><title>{} ({}): {} joint works, community {}</title></circle>\n",
        p.px[k], p.py[k], p.r[k], cc, k, Escape(node.label), Escape(node.country), Escape(group), node.works,
        node.community, PlainValue(node.strength, 2), cc, GroupHex(node.group, node.country), Escape(node.label),
        Escape(node.country.empty() ? kCountryUnknown : node.country), WithThousands(std::to_string(node.works)),
        node.community);
  }
  return out + "</g>\n";
}

// Label candidates: the largest drawn institution of every community, then the second largest
// of every community, and so on (within a round, most works first), so each community is named,
// not only the dense middle.
std::vector<size_t> LabelOrder(const network::InstitutionNetwork& net, const network::DrawnNetwork& drawn) {
  std::map<int, std::vector<size_t>> by_community;  // drawn positions, most works first
  for (size_t k = 0; k < drawn.nodes.size(); ++k) by_community[net.nodes[drawn.nodes[k]].community].push_back(k);
  std::vector<size_t> order;
  for (size_t rank = 0; order.size() < drawn.nodes.size(); ++rank) {
    size_t round_start = order.size();
    for (const auto& [community, members] : by_community) {
      if (rank < members.size()) order.push_back(members[rank]);
    }
    std::sort(order.begin() + static_cast<ptrdiff_t>(round_start), order.end());
  }
  return order;
}

// Names of institutions in LabelOrder, each kept inside the picture and dropped when its box
// would overlap a name already placed.
std::string Labels(const network::InstitutionNetwork& net, const network::DrawnNetwork& drawn, const Placement& p) {
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> placed;
  std::string out = fmt::format(
      "<g class=\"net-labels\" font-size=\"{:.0f}\" fill=\"#1a2433\" stroke=\"#ffffff\" stroke-width=\"3\" "
      "paint-order=\"stroke\" text-anchor=\"middle\" pointer-events=\"none\">\n",
      kLabelFont);
  for (size_t k : LabelOrder(net, drawn)) {
    if (placed.size() >= kLabelled) break;
    const network::NetworkNode& node = net.nodes[drawn.nodes[k]];
    double w = TextWidth(node.label, kLabelFont), y = p.py[k] - p.r[k] - 3;
    if (y - kLabelFont < 2) y = p.py[k] + p.r[k] + kLabelFont + 1;  // no room above: below the circle
    double x = std::clamp(p.px[k], w / 2 + 4, kWidth - w / 2 - 4);  // a name near the edge moves in
    Box box{x - w / 2 - 2, y - kLabelFont - 2, x + w / 2 + 2, y + 4};
    bool overlaps = std::any_of(placed.begin(), placed.end(), [&](const Box& b) {
      return box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1;
    });
    if (overlaps) continue;
    placed.push_back(box);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" data-i=\"{}\">{}</text>\n", x, y, k, Escape(node.label));
  }
  return out + "</g>\n";
}

// What the picture shows and leaves out, in words, right under it.
std::string ShownSentence(const network::InstitutionNetwork& net, const network::DrawnNetwork& drawn) {
  auto count = [](size_t n) { return WithThousands(std::to_string(n)); };
  if (drawn.hidden_nodes == 0 && drawn.hidden_edges == 0) {
    return fmt::format("Showing all {} institutions and all {} links.", count(drawn.nodes.size()),
                       count(drawn.edges.size()));
  }
  std::string out = fmt::format(
      "Showing {} of {} institutions and {} of {} links: the institutions with most joint works, each "
      "with its strongest link",
      count(drawn.nodes.size()), count(net.nodes.size()), count(drawn.edges.size()), count(net.edges.size()));
  out += drawn.edges.size() > drawn.strongest_links ? ", plus the heaviest links among them overall." : ".";
  size_t beyond = drawn.hidden_nodes - drawn.isolated_nodes - drawn.unlinked_nodes;
  std::vector<std::string> left_out;
  if (beyond > 0) left_out.push_back(fmt::format("{} institutions with fewer joint works", count(beyond)));
  if (drawn.unlinked_nodes > 0) {
    left_out.push_back(fmt::format("{} whose links all go to institutions left out", count(drawn.unlinked_nodes)));
  }
  if (drawn.isolated_nodes > 0) {
    left_out.push_back(fmt::format("{} with no link to any other institution (isolated)", count(drawn.isolated_nodes)));
  }
  if (!left_out.empty()) out += fmt::format(" Left out: {}.", fmt::join(left_out, "; "));
  return out + " What is left out of the picture still counts in the communities and centralities.";
}

std::string Legend(const network::InstitutionNetwork& net, const ChartContext& ctx) {
  std::map<int, size_t> size_of;
  std::map<int, std::string> largest;
  for (const network::NetworkNode& node : net.nodes) {
    if (size_of[node.community]++ == 0) largest[node.community] = node.label;  // nodes: most works first
  }
  std::string out =
      "<div class=\"net-legend\">\n<div class=\"legend-block\" data-legend=\"community\">"
      "<h3>Communities (Leiden)</h3><ul>\n";
  size_t shown = 0;
  for (const auto& [community, size] : size_of) {
    if (community < 0 || shown >= kLegendCommunities) continue;
    ++shown;
    out += fmt::format(
        "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"6\" "
        "fill=\"{}\"/></svg> {}: {} institutions, largest {}</li>\n",
        network::CommunityHex(community), community, WithThousands(std::to_string(size)), Escape(largest[community]));
  }
  if (size_of.size() > kLegendCommunities) {
    out += fmt::format("<li class=\"muted\">… and {} smaller communities</li>\n", size_of.size() - kLegendCommunities);
  }
  out += "</ul></div>\n<div class=\"legend-block hidden-legend\" data-legend=\"group\"><h3>Groups</h3><ul>\n";
  bool unknown = std::any_of(net.nodes.begin(), net.nodes.end(),
                             [](const network::NetworkNode& n) { return n.group.none() && n.country.empty(); });
  for (auto [group, country] : {std::pair{select::kSideA, "XX"},
                                {select::kSideB, "XX"},
                                {select::Sides(select::kGroupA | select::kGroupB), "XX"},
                                {select::Sides(), "XX"},
                                {select::Sides(), ""}}) {
    if (std::string_view(country).empty() && !unknown) continue;
    out += fmt::format(
        "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"6\" "
        "fill=\"{}\"/></svg> {}</li>\n",
        GroupHex(group, country), Escape(GroupName(ctx, group, country)));
  }
  return out + "</ul></div>\n</div>\n";
}

std::string StrengthTable(const network::InstitutionNetwork& net, const ChartContext& ctx) {
  std::vector<size_t> order(net.nodes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return net.nodes[a].strength > net.nodes[b].strength; });
  if (order.size() > kTableRows) order.resize(kTableRows);
  std::vector<std::vector<std::string>> rows;
  for (size_t i : order) {
    const network::NetworkNode& n = net.nodes[i];
    rows.push_back({n.label, n.country, GroupName(ctx, n.group, n.country), std::to_string(n.works), PlainValue(n.strength, 2),
                    std::to_string(n.community), PlainValue(n.degree_centrality, 4), PlainValue(n.betweenness, 4),
                    PlainValue(n.eigenvector, 4)});
  }
  return DataTable("table-network-strength",
                   {"institution", "country", "group", "works", "strength", "community", "degree_centrality",
                    "betweenness", "eigenvector"},
                   rows, kTableRows);
}

}  // namespace

std::string NetworkSection(const network::InstitutionNetwork& net, const network::DrawnNetwork& drawn,
                           const ChartContext& ctx) {
  std::string out =
      fmt::format("<section class=\"network\" id=\"{}\">\n<h2>Institution network</h2>\n", kNetworkAnchor);
  out += fmt::format(
      "<p class=\"badges\"><span class=\"badge\">{} institutions</span><span class=\"badge\">{} links"
      "</span><span class=\"badge\">{} communities</span><span class=\"badge\">modularity {:.3f}</span>"
      "<span class=\"badge counting\">whole counting</span></p>\n",
      WithThousands(std::to_string(net.nodes.size())), WithThousands(std::to_string(net.edges.size())), net.communities,
      net.modularity);
  out += fmt::format("<p class=\"definition\">{}</p>\n", Escape(net.description));
  if (drawn.nodes.empty()) {
    return out + "<p class=\"empty\">The network has no linked institutions to draw.</p>\n</section>\n";
  }
  out +=
      "<div class=\"net-toolbar\" role=\"toolbar\" aria-label=\"Network view\">"
      "<span>Colour by</span><button type=\"button\" class=\"active\" data-color=\"community\">community</button>"
      "<button type=\"button\" data-color=\"group\">group</button>"
      "<input type=\"search\" id=\"net-search\" placeholder=\"Find an institution…\" aria-label=\"Find an "
      "institution\"><span class=\"spacer\"></span>"
      "<button type=\"button\" data-zoom=\"in\" aria-label=\"Zoom in\">+</button>"
      "<button type=\"button\" data-zoom=\"out\" aria-label=\"Zoom out\">−</button>"
      "<button type=\"button\" data-zoom=\"reset\">Reset view</button></div>\n";
  // The picture keeps a minimum width (its labels stay legible); a narrower screen scrolls it.
  out += "<div class=\"net-scroll\">\n<div class=\"net-frame\">\n";
  out += fmt::format(
      "<svg id=\"net-svg\" viewBox=\"0 0 {0:.0f} {1:.0f}\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "role=\"img\" aria-labelledby=\"net-title net-desc\">\n<title id=\"net-title\">Institution "
      "network</title>\n<desc id=\"net-desc\">{2} institutions with most joint works as circles sized "
      "by joint works and coloured by community; lines join institutions that share joint works, "
      "thicker for more: each institution's strongest link and the heaviest others.</desc>\n"
      "<rect width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"#fbfcfe\"/>\n"
      "<g id=\"net-view\">\n",
      kWidth, kHeight, drawn.nodes.size());
  Placement p = Place(net, drawn);
  out += Edges(drawn, p) + Nodes(net, drawn, p, ctx) + Labels(net, drawn, p);
  out += "</g>\n</svg>\n<div id=\"net-tip\" class=\"net-tip\" role=\"status\" hidden></div>\n</div>\n</div>\n";
  out += fmt::format("<p class=\"net-shown\" id=\"net-shown\">{}</p>\n", Escape(ShownSentence(net, drawn)));
  out += "<p class=\"hint\">Hover over an institution for its details and links; scroll to zoom, drag to pan.</p>\n";
  out += Legend(net, ctx);
  out +=
      "<p class=\"note\">Layout: Fruchterman–Reingold (igraph, fixed seed), computed when the report "
      "was written. Circle area grows with joint works; colours are the Leiden communities of the "
      "network export (the same colours as in Gephi). Each connected piece gets room in proportion "
      "to its institutions, so one paper with many institutions cannot crowd out the rest.</p>\n";
  out += "<h3>Institutions with the strongest ties</h3>\n";
  out += StrengthTable(net, ctx);
  return out + "</section>\n";
}

}  // namespace entangle::report
