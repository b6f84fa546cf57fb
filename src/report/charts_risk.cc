// Charts of the risk exhibits (Exhibit 8 and its breakdowns): tied joint papers by category, by
// registry entity, by group-A country and by group-A institution. Each bar is labelled by what it
// counts; the kind and source, the same on many rows, go on the bar's second line or the title.
#include <fmt/format.h>

#include <algorithm>

#include "report/exhibit_charts.h"

namespace entangle::report {
namespace {

constexpr size_t kTopEntities = 20;
constexpr size_t kTopRows = 15;
constexpr const char* kAllCategories = "all categories";

// Assessments (a source's judgement) and designations (a government list with legal effect) are
// never added up, and are drawn in two colours that are no group's.
constexpr const char* kAssessmentColor = "#9c6b30";
constexpr const char* kDesignationColor = "#3b3b3b";
// An entity with sources of both kinds (risk_by_entity's kinds "assessment; designation"): still
// two sources, drawn in a colour of its own rather than as either kind.
constexpr const char* kBothKindsColor = "#6e5d48";
constexpr const char* kBothKinds = "assessment and designation (sources of both kinds, not added up)";

std::string KindColor(const std::string& kind) {
  bool assessment = kind.find("assessment") != std::string::npos;
  bool designation = kind.find("designation") != std::string::npos;
  if (assessment && designation) return kBothKindsColor;
  return designation ? kDesignationColor : kAssessmentColor;
}

std::vector<LegendEntry> KindLegend() {
  return {{"assessment (a source's judgement)", kAssessmentColor}, {"designation (a government list)", kDesignationColor}};
}

// Registry categories in words (docs/risk.md#categories); unknown ones as written.
std::string CategoryWords(const std::string& category) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"seven_sons", "Seven Sons of National Defence"},
      {"pla", "People's Liberation Army"},
      {"pap", "People's Armed Police"},
      {"mps", "Ministry of Public Security"},
      {"mss", "Ministry of State Security"},
      {"security", "security organ"},
      {"defence_industry", "defence industry"},
      {"defence_linked", "defence-linked civilian university"},
      {"us_1260h", "US 1260H list (Chinese military companies)"},
      {"us_ndaa_1286", "US NDAA section 1286 list"},
      {"us_csl_el", "US Entity List"},
      {"us_csl_meu", "US Military End User List"},
      {"us_csl_sdn", "US Specially Designated Nationals"},
      {"us_csl_cmic", "US Chinese Military-Industrial Complex list"},
      {kAllCategories, "any category (distinct papers)"},
  };
  for (const auto& [code, words] : kWords) {
    if (category == code) return words;
  }
  if (category.starts_with("us_csl_")) return "US Consolidated Screening List: " + category.substr(7);
  return category;
}

// "seven_sons pla" -> "Seven Sons of National Defence, People's Liberation Army".
std::string CategoriesInWords(const std::string& list) {
  std::string words;
  for (size_t at = 0; at < list.size();) {
    size_t end = std::min(list.find(' ', at), list.size());
    if (end > at) words += (words.empty() ? "" : ", ") + CategoryWords(list.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

std::string SourceLine(const TableView& view, size_t r) {
  std::string source = view.Cell(r, view.Col("source")), date = view.Cell(r, view.Col("source_date"));
  return date.empty() ? source : fmt::format("{} ({})", source, date);
}

// The sources of the table in their order, each with its rows.
std::vector<std::pair<std::string, std::vector<size_t>>> BySource(const TableView& view) {
  std::vector<std::pair<std::string, std::vector<size_t>>> out;
  for (size_t r = 0; r < view.rows(); ++r) {
    std::string source = SourceLine(view, r);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& s) { return s.first == source; });
    if (it == out.end()) it = out.insert(out.end(), {source, {}});
    it->second.push_back(r);
  }
  return out;
}

std::vector<size_t> Largest(const TableView& view, std::vector<size_t> rows, int value, size_t n) {
  std::stable_sort(rows.begin(), rows.end(),
                   [&](size_t x, size_t y) { return view.Num(x, value).value_or(0) > view.Num(y, value).value_or(0); });
  if (rows.size() > n) rows.resize(n);
  return rows;
}

// Exhibit 8: one bar per (source, category), the category in words, the source below it.
ChartList Ties(const analyze::ExhibitTable& table) {
  TableView view(table);
  std::vector<size_t> rows = FirstRows(view, view.rows(), [](size_t) { return true; });
  std::vector<std::string> labels, colors, sources;
  for (size_t r : rows) {
    labels.push_back(CategoryWords(view.Cell(r, view.Col("category"))));
    sources.push_back(fmt::format("{} · {}", SourceLine(view, r), view.Cell(r, view.Col("kind"))));
    colors.push_back(KindColor(view.Cell(r, view.Col("kind"))));
  }
  BarSpec spec{"Joint papers with a tie to a listed entity, by category",
               "Joint papers with an author at an entity of each category and source, with their share of all joint "
               "papers in brackets. Sources and kinds are never added up.",
               "joint papers with a tie",
               rows,
               view.Col("joint_papers"),
               view.Col("share_of_joint_papers")};
  spec.sublabels = sources;
  std::string svg = PlainBars(view, spec, labels, colors, KindLegend());
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// The entities with most tied papers, by name, one bar per entity however many sources list it;
// its categories and sources below.
ChartList Entities(const analyze::ExhibitTable& table) {
  TableView view(table);
  int value = view.Col("joint_papers");
  std::vector<size_t> rows = Largest(view, FirstRows(view, view.rows(), [](size_t) { return true; }), value,
                                     kTopEntities);
  std::vector<std::string> labels, colors, details;
  bool both_kinds = false;
  for (size_t r : rows) {
    std::string name = view.Cell(r, view.Col("entity")), zh = view.Cell(r, view.Col("entity_zh"));
    if (name.empty()) name = view.Cell(r, view.Col("entity_key"));
    labels.push_back(name);
    // Several sources: say how many first, where the line is not cut short (the tooltip has it all).
    std::string sources = view.Cell(r, view.Col("sources"));
    size_t n = sources.empty() ? 0 : 1 + static_cast<size_t>(std::count(sources.begin(), sources.end(), ';'));
    details.push_back(fmt::format("{}{}{}{} · {}", zh, zh.empty() ? "" : " · ",
                                  n > 1 ? fmt::format("{} sources · ", n) : "",
                                  CategoriesInWords(view.Cell(r, view.Col("categories"))), sources));
    colors.push_back(KindColor(view.Cell(r, view.Col("kinds"))));
    both_kinds = both_kinds || colors.back() == kBothKindsColor;
  }
  BarSpec spec{"The listed entities on most joint papers",
               fmt::format("The {} registry entities with most joint papers (each paper once, however many sources "
                           "list the entity), with their categories and sources.",
                           rows.size()),
               "joint papers with the entity", rows, value};
  spec.sublabels = details;
  std::vector<LegendEntry> legend = KindLegend();
  if (both_kinds) legend.push_back({kBothKinds, kBothKindsColor});
  std::string svg = PlainBars(view, spec, labels, colors, legend);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// Per source, the group-A countries with most tied papers (over all categories).
ChartList Countries(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int value = view.Col("joint_papers"), country = view.Col("country"), category = view.Col("category");
  ChartList charts;
  int index = 0;
  for (const auto& [source, all_rows] : BySource(view)) {
    std::vector<size_t> rows;
    for (size_t r : all_rows) {
      if (view.Cell(r, category) == kAllCategories) rows.push_back(r);
    }
    rows = Largest(view, rows, value, kTopRows);
    std::vector<std::string> labels, colors;
    for (size_t r : rows) {
      labels.push_back(view.Cell(r, country).empty() ? kCountryUnknown : CountryLabel(view.Cell(r, country)));
      colors.push_back(CountryColor(ctx, view.Cell(r, country)));
    }
    BarSpec spec{fmt::format("Joint papers with a tie, by {} country: {}", ctx.group_a, source),
                 fmt::format("Joint papers with a tie to an entity of {} (any category), per {} country on the paper.",
                             source, ctx.group_a),
                 "joint papers with a tie", rows, value, -1, index++};
    std::string svg = PlainBars(view, spec, labels, colors);
    if (!svg.empty()) charts.push_back(std::move(svg));
  }
  return charts;
}

// Per source, the group-A institutions with most tied papers, with the categories of their ties.
ChartList Institutions(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int value = view.Col("joint_papers"), country = view.Col("country");
  ChartList charts;
  int index = 0;
  for (const auto& [source, all_rows] : BySource(view)) {
    std::vector<size_t> rows = Largest(view, all_rows, value, kTopRows);
    std::vector<std::string> labels, colors, categories;
    bool unknown = false;
    for (size_t r : rows) {
      const std::string& code = view.Cell(r, country);
      labels.push_back(fmt::format("{} ({})", view.Cell(r, view.Col("institution")), code.empty() ? kCountryUnknown : code));
      categories.push_back(CategoriesInWords(view.Cell(r, view.Col("categories"))));
      // The table holds group-A institutions only: coloured as that group, like elsewhere.
      colors.push_back(SideColor(ctx, code.empty() ? "" : ctx.group_a, code));
      unknown = unknown || code.empty();
    }
    BarSpec spec{fmt::format("The {} institutions on most joint papers with a tie: {}", ctx.group_a, source),
                 fmt::format("{} institutions (as given) by joint papers with a tie to an entity of {}, with the "
                             "categories of those ties.",
                             ctx.group_a, source),
                 "joint papers with a tie", rows, value, -1, index++};
    spec.sublabels = categories;
    std::vector<LegendEntry> legend = {{ctx.group_a, kGroupAColor}};
    if (unknown) legend.push_back({kCountryUnknown, kUnknownColor});
    std::string svg = PlainBars(view, spec, labels, colors, legend);
    if (!svg.empty()) charts.push_back(std::move(svg));
  }
  return charts;
}

}  // namespace

std::optional<ChartList> RiskCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  if (table.id == "risk_ties") return Ties(table);
  if (table.id == "risk_by_entity") return Entities(table);
  if (table.id == "risk_by_country") return Countries(table, ctx);
  if (table.id == "risk_by_institution") return Institutions(table, ctx);
  // The flagged list and the paper list are lists of papers: their tables say it all.
  if (table.id == "risk_flagged" || table.id == "risk_papers") return ChartList{};
  return std::nullopt;
}

}  // namespace entangle::report
