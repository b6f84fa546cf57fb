// The tracker page (issue 21): every study of a tracker side by side, read from each study's
// analysed database — small multiples of joint papers and of each side's share of its output,
// one comparison table (risk ties, top-cited shares, top institutions and pair), links to each
// study's own report. Every number on it is a cell of one study's exhibit, named in the tables'
// headers; the same tables are written as CSV and JSON beside the page.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/atomic_file.h"
#include "common/clock.h"
#include "report/html_page.h"
#include "report/html_text.h"
#include "report/report.h"
#include "report/run_record.h"
#include "report/svg_chart.h"

namespace entangle::report {
namespace {

const analyze::ExhibitTable* FindExhibit(const std::vector<analyze::ExhibitTable>& exhibits, std::string_view id) {
  for (const analyze::ExhibitTable& table : exhibits) {
    if (table.id == id) return &table;
  }
  return nullptr;
}

// A cell of `row` by column name; "" when the table has no such column.
std::string CellOf(const analyze::ExhibitTable& table, const std::vector<std::string>& row, std::string_view column) {
  for (size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
    if (table.columns[i] == column) return row[i];
  }
  return "";
}

double NumberOf(const std::string& cell) { return ParseNumber(cell).value_or(0); }

struct RiskShare {
  std::string source, kind, joint_papers, share_pct;
};

struct TopCited {
  std::string share_pct, rate_pct;
};

// What the page shows of one study, each value as its exhibit cell prints it.
struct StudyFigures {
  TrackerPageStudy study;
  std::string problem;  // why the study shows no figures ("" when it does)
  std::string a_name, b_name, snapshot_date;
  bool synthetic = false;
  std::vector<int> years, incomplete_years;
  std::map<int, double> joint, share_a, share_b;  // by year
  double joint_total = 0;
  std::string last_year, last_share_a, last_share_b;  // the last complete year and its shares
  std::vector<RiskShare> risk;
  TopCited top_a, top_b, top_joint;
  std::string top_institution_a, top_institution_b, top_pair;
};

std::string TopInstitution(const analyze::ExhibitTable* table, const std::string& group) {
  if (table == nullptr) return "";
  const std::vector<std::string>* best = nullptr;
  for (const auto& row : table->rows) {
    if (CellOf(*table, row, "group") != group) continue;
    if (best == nullptr ||
        NumberOf(CellOf(*table, row, "joint_papers")) > NumberOf(CellOf(*table, *best, "joint_papers"))) {
      best = &row;
    }
  }
  if (best == nullptr) return "";
  return fmt::format("{} ({}, {})", CellOf(*table, *best, "institution"), CellOf(*table, *best, "country"),
                     WithThousands(CellOf(*table, *best, "joint_papers")));
}

StudyFigures ReadFigures(const TrackerPageStudy& study) {
  StudyFigures f;
  f.study = study;
  Result<RunRecord> run = ReadRunRecord(study.database_path);
  if (!run.ok()) {
    f.problem = "unreadable study database: " + run.status().message();
    return f;
  }
  f.a_name = run->info().group_a_name;
  f.b_name = run->info().group_b_name;
  f.snapshot_date = run->info().snapshot_date;
  f.synthetic = run->synthetic.synthetic;
  Result<std::vector<analyze::ExhibitTable>> read = ReadExhibits(study.database_path);
  if (!read.ok()) {
    f.problem = "unreadable exhibits: " + read.status().message();
    return f;
  }
  const std::vector<analyze::ExhibitTable>& exhibits = *read;
  const analyze::ExhibitTable* by_year = FindExhibit(exhibits, "joint_by_year");
  if (by_year == nullptr) {
    f.problem = "not analysed yet (no exhibits): run entangle analyze on " + study.database_path;
    return f;
  }
  f.incomplete_years = by_year->incomplete_years;
  for (const auto& row : by_year->rows) {
    int year = static_cast<int>(NumberOf(CellOf(*by_year, row, "year")));
    double papers = NumberOf(CellOf(*by_year, row, "joint_papers"));
    f.years.push_back(year);
    f.joint[year] = papers;
    f.joint_total += papers;
  }
  if (const analyze::ExhibitTable* shares = FindExhibit(exhibits, "shares")) {
    for (const auto& row : shares->rows) {
      std::string of = CellOf(*shares, row, "output_of"), with = CellOf(*shares, row, "coauthored_with");
      if (of != CellOf(*shares, row, "output_group")) continue;  // a country's rows
      int year = static_cast<int>(NumberOf(CellOf(*shares, row, "year")));
      double share = NumberOf(CellOf(*shares, row, "share_pct"));
      bool complete = CellOf(*shares, row, "incomplete").empty();
      if (of == f.a_name && with == f.b_name) {
        f.share_a[year] = share;
        if (complete) f.last_year = std::to_string(year), f.last_share_a = CellOf(*shares, row, "share_pct");
      } else if (of == f.b_name && with == f.a_name) {
        f.share_b[year] = share;
        if (complete) f.last_share_b = CellOf(*shares, row, "share_pct");
      }
    }
  }
  if (const analyze::ExhibitTable* ties = FindExhibit(exhibits, "risk_ties")) {
    for (const auto& row : ties->rows) {
      if (CellOf(*ties, row, "category") != "all categories") continue;
      f.risk.push_back({CellOf(*ties, row, "source"), CellOf(*ties, row, "kind"), CellOf(*ties, row, "joint_papers"),
                        CellOf(*ties, row, "share_of_joint_papers")});
    }
  }
  if (const analyze::ExhibitTable* top = FindExhibit(exhibits, "top_cited")) {
    for (const auto& row : top->rows) {
      if (CellOf(*top, row, "unit_kind") != "group") continue;
      std::string unit = CellOf(*top, row, "unit");
      TopCited cited{CellOf(*top, row, "share_of_top10_pct"), CellOf(*top, row, "top10_rate_pct")};
      if (unit == f.a_name) f.top_a = cited;
      if (unit == f.b_name) f.top_b = cited;
      if (unit == f.a_name + " and " + f.b_name) f.top_joint = cited;
    }
  }
  const analyze::ExhibitTable* institutions = FindExhibit(exhibits, "institutions");
  f.top_institution_a = TopInstitution(institutions, f.a_name);
  f.top_institution_b = TopInstitution(institutions, f.b_name);
  if (const analyze::ExhibitTable* pairs = FindExhibit(exhibits, "institution_pairs")) {
    const std::vector<std::string>* best = nullptr;
    for (const auto& row : pairs->rows) {
      if (best == nullptr ||
          NumberOf(CellOf(*pairs, row, "joint_papers")) > NumberOf(CellOf(*pairs, *best, "joint_papers"))) {
        best = &row;
      }
    }
    if (best != nullptr) {
      f.top_pair = fmt::format("{} – {} ({})", CellOf(*pairs, *best, "institution"), CellOf(*pairs, *best, "partner"),
                               WithThousands(CellOf(*pairs, *best, "joint_papers")));
    }
  }
  return f;
}

struct Series {
  std::string name, color;
  const std::map<int, double>* values;
};

// One small multiple: lines over the study's years in a 260 x 150 box whose text is 12 units,
// drawn at the card's width (cards are at least 280 px, the chart at least 256 px: text stays
// >= 11 px). Each point carries its value as a tooltip; incomplete years sit on a grey band.
std::string SmallMultiple(const std::string& dom_id, const std::string& label, const std::vector<int>& years,
                          const std::vector<int>& incomplete, const std::vector<Series>& series, bool percent) {
  const double width = 260, height = 150, left = 40, right = 12, top = 12, bottom = 24;
  double max_value = 0;
  for (const Series& s : series) {
    for (const auto& [year, value] : *s.values) max_value = std::max(max_value, value);
  }
  Ticks ticks = NiceTicks(max_value > 0 ? max_value : 1, 2);
  int first = years.empty() ? 0 : years.front(), last = years.empty() ? 0 : years.back();
  double span = std::max(1, last - first);
  auto x = [&](int year) { return left + (width - left - right) * (year - first) / span; };
  auto y = [&](double value) { return top + (height - top - bottom) * (1 - value / ticks.max); };
  std::string svg = fmt::format(
      "<svg class=\"spark\" id=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" font-size=\"12\">", dom_id,
      width, height, Escape(label));
  for (int year : incomplete) {
    if (year < first || year > last) continue;
    double half = (width - left - right) / span / 2;
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"#eceef2\"/>",
                       std::max(left, x(year) - half), top, std::min(half * 2, width - right - x(year) + half),
                       height - top - bottom);
  }
  for (double tick : ticks.values) {
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#dde1e7\"/>", left,
                       width - right, y(tick), y(tick));
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#4a5261\">{}</text>", left - 4,
                       y(tick) + 4, Escape(TickLabel(tick, percent)));
  }
  if (!years.empty()) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#4a5261\">{}</text>", left, height - 6, first);
  }
  if (last != first) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#4a5261\">{}</text>", width - right,
                       height - 6, last);
  }
  for (const Series& s : series) {
    std::string points;
    for (int year : years) {
      auto found = s.values->find(year);
      if (found == s.values->end()) continue;
      points += fmt::format("{:.1f},{:.1f} ", x(year), y(found->second));
    }
    svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>", s.color, points);
    for (int year : years) {
      auto found = s.values->find(year);
      if (found == s.values->end()) continue;
      svg +=
          fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{} {}: {}{}</title></circle>",
                      x(year), y(found->second), s.color, Escape(s.name), year,
                      FormatValue(found->second, percent ? 2 : 0), percent ? "%" : "");
    }
  }
  return svg + "</svg>";
}

std::string StudyTitle(const StudyFigures& f) {
  std::string title = Escape(f.study.area + " · " + f.study.pair);
  if (f.study.report_href.empty()) return title;
  return fmt::format("<a href=\"{}\">{}</a>", Escape(f.study.report_href), title);
}

// Every chart spans the same years, those of all the studies, so that the charts line up.
std::string Multiples(const std::vector<StudyFigures>& studies, bool shares) {
  std::set<int> all_years;
  for (const StudyFigures& f : studies) all_years.insert(f.years.begin(), f.years.end());
  const std::vector<int> years(all_years.begin(), all_years.end());
  std::string out = "<div class=\"multiples\">\n";
  for (size_t i = 0; i < studies.size(); ++i) {
    const StudyFigures& f = studies[i];
    out += "<div class=\"multiple\"><h3>" + StudyTitle(f) + "</h3>";
    if (!f.problem.empty()) {
      out += "<p class=\"empty\">" + Escape(f.problem) + "</p></div>\n";
      continue;
    }
    if (f.joint_total == 0) {
      out += "<p class=\"empty\">No joint papers in this area for this pair.</p></div>\n";
      continue;
    }
    std::vector<Series> series;
    std::string caption;
    if (shares) {
      series = {{f.a_name + " output co-authored with " + f.b_name, kGroupAColor, &f.share_a},
                {f.b_name + " output co-authored with " + f.a_name, kGroupBColor, &f.share_b}};
      caption = fmt::format(
          "<span class=\"key-a\">■</span> share of {0}'s papers with {1} · "
          "<span class=\"key-b\">■</span> share of {1}'s papers with {0}",
          Escape(f.a_name), Escape(f.b_name));
    } else {
      series = {{"joint papers", kJointColor, &f.joint}};
      caption = fmt::format("{} joint papers in all", WithThousands(PlainValue(f.joint_total, 0)));
    }
    out += SmallMultiple(fmt::format("{}-{}", shares ? "share" : "joint", i),
                         f.study.area + " " + f.study.pair + (shares ? " shares" : " joint papers"), years,
                         f.incomplete_years, series, shares);
    out += "<p class=\"multiple-note\">" + caption + "</p></div>\n";
  }
  return out + "</div>\n";
}

// The comparison: one row per study, every cell from that study's exhibits.
analyze::ExhibitTable ComparisonTable(const std::vector<StudyFigures>& studies) {
  analyze::ExhibitTable table;
  table.id = "tracker_studies";
  table.title = "The studies side by side";
  table.definition =
      "One row per study of the tracker, each cell read from that study's exhibits (its database is in column "
      "database): joint_papers = the sum of joint_by_year; last_complete_year and the shares of each group's output "
      "co-authored with the other = exhibit shares (group rows) in the last complete year; risk_ties = per source of "
      "exhibit risk_ties (all categories): joint papers with a tie and their share of the joint papers, sources never "
      "added up; *_share_of_top10_pct = exhibit top_cited; top_institution_a/b = exhibit institutions, most joint "
      "papers; top_pair = exhibit institution_pairs, most joint papers. note: why a study shows no figures.";
  table.columns = {"study",
                   "area",
                   "pair",
                   "joint_papers",
                   "last_complete_year",
                   "share_of_a_output_pct",
                   "share_of_b_output_pct",
                   "risk_ties",
                   "a_share_of_top10_pct",
                   "b_share_of_top10_pct",
                   "joint_share_of_top10_pct",
                   "top_institution_a",
                   "top_institution_b",
                   "top_pair",
                   "groups",
                   "database",
                   "note"};
  for (const StudyFigures& f : studies) {
    std::string risk;
    for (const RiskShare& r : f.risk) {
      if (!risk.empty()) risk += "; ";
      risk += fmt::format("{}: {} ({}%)", r.source, r.joint_papers, r.share_pct);
    }
    table.rows.push_back({f.study.key, f.study.area, f.study.pair,
                          f.problem.empty() ? PlainValue(f.joint_total, 0) : "", f.last_year, f.last_share_a,
                          f.last_share_b, risk, f.top_a.share_pct, f.top_b.share_pct, f.top_joint.share_pct,
                          f.top_institution_a, f.top_institution_b, f.top_pair,
                          f.a_name.empty() ? "" : f.a_name + " – " + f.b_name, f.study.database_path, f.problem});
  }
  return table;
}

// Joint papers and both shares per study and year: the small multiples' numbers.
analyze::ExhibitTable ByYearTable(const std::vector<StudyFigures>& studies) {
  analyze::ExhibitTable table;
  table.id = "tracker_by_year";
  table.title = "Joint papers and shares of each side's output, per study and year";
  table.definition =
      "The numbers of the tracker page's small multiples: per study and publication year, joint_papers from exhibit "
      "joint_by_year and the shares of each group's output co-authored with the other from exhibit shares (group "
      "rows).";
  table.columns = {"study", "year", "joint_papers", "share_of_a_output_pct", "share_of_b_output_pct", "incomplete"};
  for (const StudyFigures& f : studies) {
    for (int year : f.years) {
      auto cell = [&](const std::map<int, double>& values, int decimals) {
        auto found = values.find(year);
        return found == values.end() ? std::string() : PlainValue(found->second, decimals);
      };
      bool incomplete = std::count(f.incomplete_years.begin(), f.incomplete_years.end(), year) > 0;
      table.rows.push_back({f.study.key, std::to_string(year), cell(f.joint, 0), cell(f.share_a, 2), cell(f.share_b, 2),
                            incomplete ? "yes" : ""});
    }
  }
  return table;
}

std::string HtmlTable(const analyze::ExhibitTable& table, const std::vector<std::string>& shown_columns,
                      const std::vector<std::string>& headers, const std::vector<StudyFigures>& studies) {
  std::string out = "<div class=\"table-wrap whole\"><table class=\"data fit\"><thead><tr>";
  for (const std::string& header : headers) out += "<th>" + Escape(header) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    out += "<tr>";
    for (const std::string& column : shown_columns) {
      std::string cell = CellOf(table, table.rows[r], column);
      if (column == "study" && r < studies.size()) {
        out += "<td>" + StudyTitle(studies[r]) + "</td>";
      } else if (ParseNumber(cell) && column != "last_complete_year") {
        out += "<td class=\"num\">" + Escape(WithThousands(cell)) + "</td>";
      } else {
        out += (cell.size() > 24 ? "<td class=\"wide\">" : "<td>") + Escape(cell) + "</td>";
      }
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace

Result<std::string> RenderTrackerPage(const TrackerPageOptions& options, std::vector<analyze::ExhibitTable>* tables) {
  if (options.studies.empty()) return Status::InvalidArgument("the tracker page needs at least one study");
  std::vector<StudyFigures> studies;
  for (const TrackerPageStudy& study : options.studies) studies.push_back(ReadFigures(study));
  analyze::ExhibitTable comparison = ComparisonTable(studies);
  analyze::ExhibitTable by_year = ByYearTable(studies);

  std::set<std::string> snapshots;
  bool synthetic = false;
  size_t missing = 0;
  for (const StudyFigures& f : studies) {
    if (!f.snapshot_date.empty()) snapshots.insert(f.snapshot_date);
    synthetic = synthetic || f.synthetic;
    if (!f.problem.empty()) ++missing;
  }
  std::string snapshot_text;
  for (const std::string& date : snapshots) snapshot_text += (snapshot_text.empty() ? "" : ", ") + date;
  std::string generated = options.generated_at.empty() ? NowUtc() : options.generated_at;

  std::string banner;
  if (synthetic) {
    banner =
        "<div class=\"synthetic-banner\" role=\"note\"><strong>Synthetic data</strong><span>At least one study "
        "of this tracker was scanned from a corpus generated by entangle synth: its numbers describe no real "
        "research.</span></div>\n";
  }
  std::string toc =
      "<nav class=\"toc\"><h2>Contents</h2><ol><li><a href=\"#joint\">Joint papers</a></li><li><a "
      "href=\"#shares\">Shares of output</a></li><li><a href=\"#compare\">Side by side</a></li><li><a "
      "href=\"#files\">Files</a></li></ol></nav>\n";
  std::string main = fmt::format(
      "<header class=\"report-header\"><h1>{}</h1><p>{} studies (areas × pairs), each read from its own analysed "
      "study database. OpenAlex snapshot {}. Generated {} by entangle.</p></header>\n",
      Escape(options.title.empty() ? "Tracker" : options.title), studies.size(),
      Escape(snapshot_text.empty() ? "unknown" : snapshot_text), Escape(generated));
  if (missing > 0) {
    main += fmt::format("<p class=\"empty\">{} of {} studies show no figures; the table says why.</p>\n", missing,
                        studies.size());
  }
  main +=
      "<section class=\"exhibit\" id=\"joint\"><h2>Joint papers per year</h2><p>Papers with authors in both groups "
      "of the pair, per publication year (exhibit joint_by_year of each study). Each chart has its own scale: "
      "compare shapes, and read the sizes from the axis and the total. Grey: incomplete years.</p>\n" +
      Multiples(studies, /*shares=*/false) + "</section>\n";
  main +=
      "<section class=\"exhibit\" id=\"shares\"><h2>Shares of each side's output</h2><p>The share of each group's "
      "papers in the area that are co-authored with the other group, per year (exhibit shares).</p>\n" +
      Multiples(studies, /*shares=*/true) + "</section>\n";
  main +=
      "<section class=\"exhibit\" id=\"compare\"><h2>The studies side by side</h2><p>Shares are for the last "
      "complete year. Risk ties: joint papers with a tie to an entity of each source and their share of the joint "
      "papers (exhibit risk_ties; sources are never added up). Top-10 %: each group's share of the area's 10 % "
      "most-cited papers, field- and year-normalised (exhibit top_cited). Top institutions and pair: by joint "
      "papers (exhibits institutions and institution_pairs). Each study's name links to its own report. Two "
      "tables, one row per study in each: the figures, then who.</p>\n" +
      HtmlTable(comparison,
                {"study", "joint_papers", "last_complete_year", "share_of_a_output_pct", "share_of_b_output_pct",
                 "risk_ties", "a_share_of_top10_pct", "b_share_of_top10_pct"},
                {"study", "joint papers", "year", "% of A's output", "% of B's output", "risk ties (papers, %)",
                 "A's % of top 10 %", "B's % of top 10 %"},
                studies) +
      HtmlTable(comparison, {"study", "top_institution_a", "top_institution_b", "top_pair", "note"},
                {"study", "top institution in A", "top institution in B", "top pair", "note"}, studies) +
      "</section>\n";
  main +=
      "<section class=\"exhibit\" id=\"files\"><h2>Files</h2><p>The same numbers as tables: "
      "<code>tracker_studies.csv</code> / <code>.json</code> (one row per study, with its database and groups) and "
      "<code>tracker_by_year.csv</code> / <code>.json</code> (the charts' numbers), beside this page.</p></section>\n";
  if (tables != nullptr) *tables = {comparison, by_year};
  return HtmlPage(options.title.empty() ? "Tracker" : options.title, banner, toc, main, "");
}

Status WriteTrackerPage(const TrackerPageOptions& options) {
  if (options.out_dir.empty()) return Status::InvalidArgument("no output folder given for the tracker page");
  std::vector<analyze::ExhibitTable> tables;
  Result<std::string> html = RenderTrackerPage(options, &tables);
  if (!html.ok()) return html.status();
  ENTANGLE_RETURN_IF_ERROR(analyze::WriteExhibitFiles(options.out_dir, tables));
  return WriteFileAtomically(options.out_dir + "/tracker.html", *html);
}

}  // namespace entangle::report
