// Charts of the labs exhibits and of the researchers-on-both-sides exhibits (docs/labs.md): joint
// papers per lab (by id or only by name), per lab and year, the labs' partners; researchers on both
// sides by year, by country pair and by institution pair; joint papers split by how they are joint
// (Exhibits 1 and 2 apart: via separate people, only via one dual-affiliated person). The evidence
// tables (labs_papers, dual_affiliations, dual_affiliations_moving) stand alone: a chart of people
// or of evidence rows would say nothing the table does not.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "report/chart_year_columns.h"
#include "report/exhibit_charts.h"

namespace entangle::report {
namespace {

constexpr size_t kTopRows = 15;
constexpr size_t kMaxSeries = 6;

// Matches by id (OpenAlex, ROR, lineage) and only by name are drawn apart: a name match is weaker
// evidence. Neither colour is a group's.
constexpr const char* kByIdColor = "#3b6e5a";
constexpr const char* kByNameColor = "#9fc7b4";
// How a joint paper is joint: neither colour is a group's or the joint purple.
constexpr const char* kSeparateColor = "#6b7785";
constexpr const char* kOnlyDualColor = "#d08a1e";
constexpr const char* kNotInAuthorshipsColor = "#c9ced6";

// Stacked bars from `columns` (one segment each, coloured and named by `legend`).
std::string StackedBars(const TableView& view, const std::vector<size_t>& rows, const std::vector<int>& columns,
                        const std::vector<std::string>& labels, const std::vector<std::string>& sublabels,
                        const std::vector<LegendEntry>& legend, std::string title, std::string desc, std::string axis,
                        int index, const std::vector<std::string>& annotations = {}) {
  BarChart chart;
  chart.frame = MakeFrame(view.table(), std::move(title), std::move(desc), index);
  chart.value_axis = std::move(axis);
  chart.legend = legend;
  for (const LegendEntry& e : legend) chart.segment_colors.push_back(e.color);
  for (size_t i = 0; i < rows.size(); ++i) {
    Bar bar;
    bar.label = labels[i];
    bar.sublabel = i < sublabels.size() ? sublabels[i] : "";
    bar.annotation = i < annotations.size() ? annotations[i] : "";
    for (int col : columns) {
      std::optional<Mark> mark = view.MarkAt(rows[i], col);
      bar.segments.push_back(mark ? *mark : Mark{0, static_cast<int>(rows[i]), "", "0"});
    }
    chart.bars.push_back(std::move(bar));
  }
  if (chart.bars.empty()) return "";
  return RenderBarChart(chart);
}

std::string KindWords(const std::string& kind) {
  if (kind == "joint_public_lab") return "joint public lab";
  if (kind == "corporate_lab_abroad") return "company lab abroad";
  if (kind == "corporate_lab_home") return "company lab at home";
  if (kind == "joint_company_university_lab") return "joint company\u2013university lab";
  return kind;
}

// labs: the labs with papers, most first, each bar split into papers matched by id and only by name.
ChartList Labs(const analyze::ExhibitTable& table) {
  TableView view(table);
  int papers = view.Col("joint_papers");
  std::vector<size_t> rows = FirstRows(view, kTopRows, [&](size_t r) { return view.Num(r, papers).value_or(0) > 0; });
  if (rows.empty()) return {};
  std::vector<std::string> labels, sublabels;
  for (size_t r : rows) {
    labels.push_back(view.Cell(r, view.Col("lab")));
    sublabels.push_back(fmt::format("{} \u00b7 {} ({})", KindWords(view.Cell(r, view.Col("kind"))),
                                    CountryLabel(view.Cell(r, view.Col("host_country"))),
                                    view.Cell(r, view.Col("lab_group"))));
  }
  std::string svg = StackedBars(
      view, rows, {view.Col("papers_by_id"), view.Col("papers_by_name")}, labels, sublabels,
      {{"matched by id (OpenAlex, ROR, lineage)", kByIdColor}, {"matched only by exact name", kByNameColor}},
      "Joint papers per lab",
      "Joint papers with an affiliation matched to each lab of the registry (labs with papers, most first), split "
      "into papers with an id match and papers matched only by an exact name.",
      "joint papers", 0);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// labs_by_year: one line per lab, the labs with most papers.
ChartList LabsByYear(const analyze::ExhibitTable& table) {
  TableView view(table);
  int lab = view.Col("lab");
  const std::vector<std::string>& palette = SeriesPalette();
  LineChart chart =
      TopRowsOverYearColumns(view, {view.Col("total"), kMaxSeries, nullptr, [&](size_t r) { return view.Cell(r, lab); },
                                    [&](size_t rank, size_t) { return palette[rank % palette.size()]; }});
  chart.y_axis = "joint papers";
  chart.frame =
      MakeFrame(table, fmt::format("Joint papers per lab and year: the {} labs with most", chart.series.size()),
                "Joint papers per publication year of the labs with the most joint papers.");
  if (chart.years.empty() || chart.series.empty()) return {};
  return {RenderLineChart(chart)};
}

// labs_partners: the lab–partner pairs with most papers, the partner's group colour; "tied" below
// when the partner carries a risk tie at the time of those papers.
ChartList LabPartners(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int papers = view.Col("papers"), country = view.Col("country"), risk = view.Col("risk_ties");
  std::vector<size_t> rows = FirstRows(view, view.rows(), [](size_t) { return true; });
  std::stable_sort(rows.begin(), rows.end(), [&](size_t x, size_t y) {
    return view.Num(x, papers).value_or(0) > view.Num(y, papers).value_or(0);
  });
  if (rows.size() > kTopRows) rows.resize(kTopRows);
  if (rows.empty()) return {};
  std::vector<std::string> labels, colors, sublabels;
  for (size_t r : rows) {
    const std::string& code = view.Cell(r, country);
    labels.push_back(fmt::format("{} ({})", view.Cell(r, view.Col("partner")), code.empty() ? kCountryUnknown : code));
    colors.push_back(CountryColor(ctx, code));
    sublabels.push_back(fmt::format("with {}{}", view.Cell(r, view.Col("lab")),
                                    view.Cell(r, risk).empty() ? "" : " \u00b7 partner carries a risk tie"));
  }
  // One partner of several labs: the bar names the lab too, so that no two bars read alike.
  std::vector<std::string> sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    for (size_t i = 0; i < rows.size(); ++i) labels[i] += " \u00b7 " + view.Cell(rows[i], view.Col("lab"));
  }
  BarSpec spec{"The labs' partners on the other side",
               "Joint papers of each lab with each partner institution in the other group (the pairs with most "
               "papers), coloured by the partner's country.",
               "joint papers", rows, papers};
  spec.sublabels = sublabels;
  std::string svg = PlainBars(view, spec, labels, colors);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// labs_owners: per company and side (all years), one bar for its papers through its labs and one
// for those through its other institutions, so "Huawei's labs in Europe" sits beside "Huawei in
// China". Plain bars, not stacked: a paper can count in both.
ChartList LabOwners(const analyze::ExhibitTable& table) {
  TableView view(table);
  int year = view.Col("year"), owner = view.Col("owner"), side = view.Col("side");
  int lab_papers = view.Col("lab_papers"), other_papers = view.Col("other_papers");
  BarChart chart;
  chart.frame = MakeFrame(table, "Companies' labs beside their other co-authorship",
                          "Joint papers of each company that owns labs in the registry, per side: through its labs, "
                          "and through its other institutions (its OpenAlex records and their lineage). A paper with "
                          "both counts in both bars.");
  chart.value_axis = "joint papers";
  chart.legend = {{"through its labs", kByIdColor}, {"through its other institutions", kSeparateColor}};
  for (size_t r = 0; r < view.rows(); ++r) {
    if (view.Cell(r, year) != "all") continue;
    for (auto [col, color, words] :
         {std::tuple{lab_papers, kByIdColor, "labs"}, std::tuple{other_papers, kSeparateColor, "other institutions"}}) {
      std::optional<Mark> mark = view.MarkAt(r, col);
      if (!mark || mark->value <= 0 || chart.bars.size() >= 2 * kTopRows) continue;
      Bar bar;
      bar.label = fmt::format("{} \u00b7 {}", view.Cell(r, owner), view.Cell(r, side));
      bar.sublabel = fmt::format("its {}", words);
      bar.segments = {*mark};
      bar.color = color;
      chart.bars.push_back(std::move(bar));
    }
  }
  if (chart.bars.empty()) return {};
  return {RenderBarChart(chart)};
}

// dual_affiliations_by_year: people and papers per year.
ChartList DualByYear(const analyze::ExhibitTable& table) {
  TableView view(table);
  int year = view.Col("year");
  LineChart chart;
  chart.frame = MakeFrame(table, "Researchers on both sides by year",
                          "Distinct author ids holding both groups on a joint paper of the year, and the joint papers "
                          "with at least one such person.");
  chart.years = YearsInColumn(view, year);
  chart.y_axis = "people / joint papers";
  chart.series.push_back(SeriesFromColumn(view, chart.years, year, view.Col("dual_authors"),
                                          "researchers on both sides (author ids)", kJointColor));
  chart.series.push_back(
      SeriesFromColumn(view, chart.years, year, view.Col("papers"), "joint papers with one of them", kOnlyDualColor));
  if (chart.years.empty()) return {};
  return {RenderLineChart(chart)};
}

// dual_affiliations_by_country_pair / _by_institution_pair: the pairs with most papers.
ChartList DualPairs(const analyze::ExhibitTable& table, const ChartContext& ctx, bool institutions) {
  TableView view(table);
  int papers = view.Col("papers"), people = view.Col("people");
  std::vector<size_t> rows = FirstRows(view, kTopRows, [](size_t) { return true; });
  if (rows.empty()) return {};
  std::vector<std::string> labels, colors, sublabels;
  for (size_t r : rows) {
    if (institutions) {
      // Both ends in the label: one institution often pairs with several.
      labels.push_back(fmt::format("{} \u2013 {}", view.Cell(r, view.Col("group_a_institution")),
                                   view.Cell(r, view.Col("group_b_institution"))));
      sublabels.push_back(fmt::format("{} people", view.Cell(r, people)));
      colors.push_back(kJointColor);
    } else {
      const std::string& a = view.Cell(r, view.Col("group_a_country"));
      const std::string& b = view.Cell(r, view.Col("group_b_country"));
      labels.push_back(fmt::format("{} \u2013 {}", CountryLabel(a), CountryLabel(b)));
      sublabels.push_back(fmt::format("{} people", view.Cell(r, people)));
      colors.push_back(CountryColor(ctx, a));
    }
  }
  BarSpec spec{institutions ? "Researchers on both sides by institution pair"
                            : "Researchers on both sides by country pair",
               fmt::format("Joint papers on which one person holds both {} (the pairs with most papers); the number "
                           "of people is on the second line.",
                           institutions ? "institutions" : "countries"),
               "joint papers", rows, papers};
  spec.sublabels = sublabels;
  std::string svg = PlainBars(view, spec, labels, colors);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

std::vector<LegendEntry> JointnessLegend() {
  return {{"via separate people", kSeparateColor},
          {"only via one dual-affiliated person", kOnlyDualColor},
          {"not visible in the authorships", kNotInAuthorshipsColor}};
}

// dual_joint_by_year: Exhibit 2 with each year's bar split by how its papers are joint.
ChartList DualJointByYear(const analyze::ExhibitTable& table) {
  TableView view(table);
  int year = view.Col("year");
  std::vector<size_t> rows = FirstRows(view, view.rows(), [&](size_t r) { return view.Num(r, year).has_value(); });
  if (rows.empty()) return {};
  std::vector<std::string> labels, annotations;
  for (size_t r : rows) {
    labels.push_back(view.Cell(r, year) + (view.Cell(r, view.Col("incomplete")) == "yes" ? " (incomplete)" : ""));
    annotations.push_back(view.Cell(r, view.Col("only_dual_pct")) + "% only via one person");
  }
  std::string svg = StackedBars(
      view, rows,
      {view.Col("via_separate_people"), view.Col("only_via_dual_affiliation"), view.Col("not_in_authorships")}, labels,
      {}, JointnessLegend(), "Joint papers by year, by how they are joint",
      "Exhibit 2's joint papers per year, split into papers joint through two different people and papers joint only "
      "because one person holds an affiliation in each group.",
      "joint papers", 0, annotations);
  return svg.empty() ? ChartList{} : ChartList{svg};
}

// dual_joint_by_country: Exhibit 1 per group, each country's bar split the same way.
ChartList DualJointByCountry(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  TableView view(table);
  int group = view.Col("group"), country = view.Col("country");
  ChartList charts;
  int index = 0;
  for (const std::string& side : {ctx.group_a, ctx.group_b}) {
    std::vector<size_t> rows = FirstRows(view, kTopRows, [&](size_t r) { return view.Cell(r, group) == side; });
    if (rows.empty()) continue;
    std::vector<std::string> labels, annotations;
    for (size_t r : rows) {
      labels.push_back(CountryLabel(view.Cell(r, country)));
      annotations.push_back(view.Cell(r, view.Col("only_dual_pct")) + "% only via one person");
    }
    std::string svg = StackedBars(
        view, rows,
        {view.Col("via_separate_people"), view.Col("only_via_dual_affiliation"), view.Col("not_in_authorships")},
        labels, {}, JointnessLegend(), fmt::format("Joint papers by country, by how they are joint: {}", side),
        fmt::format("Exhibit 1's joint papers of each {} country (largest {}), split by how they are joint.", side,
                    rows.size()),
        "joint papers", index++, annotations);
    if (!svg.empty()) charts.push_back(std::move(svg));
  }
  return charts;
}

}  // namespace

bool IsLabsFamily(const std::string& exhibit_id) {
  return exhibit_id.starts_with("labs") || exhibit_id.starts_with("dual_");
}

std::optional<ChartList> LabsCharts(const analyze::ExhibitTable& table, const ChartContext& ctx) {
  if (!IsLabsFamily(table.id)) return std::nullopt;
  if (table.rows.empty()) return ChartList{};
  if (table.id == "labs") return Labs(table);
  if (table.id == "labs_by_year") return LabsByYear(table);
  if (table.id == "labs_partners") return LabPartners(table, ctx);
  if (table.id == "labs_owners") return LabOwners(table);
  if (table.id == "dual_affiliations_by_year") return DualByYear(table);
  if (table.id == "dual_affiliations_by_country_pair") return DualPairs(table, ctx, false);
  if (table.id == "dual_affiliations_by_institution_pair") return DualPairs(table, ctx, true);
  if (table.id == "dual_joint_by_year") return DualJointByYear(table);
  if (table.id == "dual_joint_by_country") return DualJointByCountry(table, ctx);
  return ChartList{};  // the evidence tables: labs_papers, dual_affiliations, dual_affiliations_moving
}

}  // namespace entangle::report
