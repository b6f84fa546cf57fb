#include "report/exhibit_section.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/html_text.h"

namespace entangle::report {
namespace {

// "joint_papers" -> "joint papers", "share_pct" -> "share %": the CSV names stay in the title.
std::string ColumnHeading(const std::string& column) {
  std::string name = column;
  if (name.size() > 4 && name.substr(name.size() - 4) == "_pct") name = name.substr(0, name.size() - 4) + " %";
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

bool NumericColumn(const std::vector<std::vector<std::string>>& rows, size_t col) {
  size_t numbers = 0, texts = 0;
  for (const auto& row : rows) {
    if (col >= row.size() || row[col].empty()) continue;
    (ParseNumber(row[col]) ? numbers : texts)++;
  }
  return numbers > 0 && texts == 0;
}

std::string Badges(const analyze::ExhibitTable& table) {
  std::string out = "<p class=\"badges\">";
  const bool papers = table.counting == "whole" || table.counting == "fractional";  // else it says what it counts
  out += fmt::format("<span class=\"badge counting\">{}{}</span>", Escape(table.counting), papers ? " counting" : "");
  if (!table.data_date.empty()) out += fmt::format("<span class=\"badge\">data {}</span>", Escape(table.data_date));
  for (int year : table.incomplete_years) {
    out += fmt::format("<span class=\"badge incomplete\">{} incomplete</span>", year);
  }
  out += fmt::format("<span class=\"badge muted\">{} rows · {}.csv</span>",
                     WithThousands(std::to_string(table.rows.size())), Escape(table.id));
  return out + "</p>\n";
}

}  // namespace

std::string ExhibitAnchor(const std::string& exhibit_id) { return "exhibit-" + IdSafe(exhibit_id); }

std::string DataTable(const std::string& table_id, const std::vector<std::string>& columns,
                      const std::vector<std::vector<std::string>>& rows, size_t max_rows, bool link_records) {
  auto incomplete_it = std::find(columns.begin(), columns.end(), "incomplete");
  size_t incomplete_col = static_cast<size_t>(incomplete_it - columns.begin());
  // A risk table's sources link to their list entries (source_urls, whose column is then not shown):
  // the registry's URLs are real even in a synthetic run, so these links do not depend on
  // `link_records`.
  const size_t sources_col =
      static_cast<size_t>(std::find(columns.begin(), columns.end(), "sources") - columns.begin());
  const size_t urls_col =
      static_cast<size_t>(std::find(columns.begin(), columns.end(), "source_urls") - columns.begin());
  const bool source_links = sources_col < columns.size() && urls_col < columns.size();
  std::vector<bool> numeric;
  for (size_t c = 0; c < columns.size(); ++c) numeric.push_back(NumericColumn(rows, c));
  std::string out =
      fmt::format("<div class=\"table-wrap\"><table class=\"data sortable\" id=\"{}\">\n<thead><tr>", IdSafe(table_id));
  for (size_t c = 0; c < columns.size(); ++c) {
    if (source_links && c == urls_col) continue;
    out += fmt::format("<th scope=\"col\" title=\"{} (click to sort)\" class=\"{}\" data-type=\"{}\">{}</th>",
                       Escape(columns[c]), numeric[c] ? "num" : "", numeric[c] ? "num" : "text",
                       Escape(ColumnHeading(columns[c])));
  }
  out += "</tr></thead>\n<tbody>\n";
  size_t shown = std::min(rows.size(), max_rows);
  for (size_t r = 0; r < shown; ++r) {
    const auto& row = rows[r];
    bool incomplete = incomplete_col < row.size() && row[incomplete_col] == "yes";
    out += fmt::format("<tr data-row=\"{}\"{}>", r, incomplete ? " class=\"incomplete\"" : "");
    for (size_t c = 0; c < columns.size(); ++c) {
      if (source_links && c == urls_col) continue;
      const std::string& cell = c < row.size() ? row[c] : std::string();
      std::string shown_cell = Escape(DisplayCell(columns[c], cell));
      if (std::string links =
              source_links && c == sources_col && urls_col < row.size() ? SourceLinksHtml(cell, row[urls_col]) : "";
          !links.empty()) {
        shown_cell = std::move(links);
      } else if (std::string url = link_records ? RecordUrl(columns[c], cell) : ""; !url.empty()) {
        shown_cell = fmt::format("<a href=\"{}\">{}</a>", Escape(url), shown_cell);
      } else if (std::string list = link_records ? RecordListHtml(columns[c], cell) : ""; !list.empty()) {
        shown_cell = std::move(list);
      }
      out += fmt::format("<td{} data-v=\"{}\">{}</td>", numeric[c] ? " class=\"num\"" : "", Escape(cell), shown_cell);
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (shown < rows.size()) {
    out += fmt::format("<p class=\"truncated\">Showing the first {} of {} rows.</p>\n",
                       WithThousands(std::to_string(shown)), WithThousands(std::to_string(rows.size())));
  }
  return out;
}

std::string ExhibitSection(const analyze::ExhibitTable& table, const ChartContext& ctx, size_t max_rows,
                           bool link_records) {
  std::string out = fmt::format("<section class=\"exhibit\" id=\"{}\" data-exhibit=\"{}\">\n", ExhibitAnchor(table.id),
                                Escape(table.id));
  out += fmt::format("<h2>{}</h2>\n", Escape(table.title));
  out += Badges(table);
  out += fmt::format("<p class=\"definition\">{}</p>\n", Escape(table.definition));
  ChartList charts = ExhibitCharts(table, ctx);
  for (const std::string& svg : charts) out += "<figure class=\"chart\">\n" + svg + "</figure>\n";
  if (!table.notes.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const std::string& note : table.notes) out += fmt::format("<li>{}</li>\n", Escape(note));
    out += "</ul>\n";
  }
  if (table.rows.empty()) {
    out += "<p class=\"empty\">This exhibit has no rows for this study database.</p>\n";
  } else {
    out += DataTable("table-" + table.id, table.columns, table.rows, max_rows, link_records);
    if (table.rows.size() > max_rows) {
      out += fmt::format(
          "<p class=\"truncated\">All rows: {}.csv next to the study database's exhibits, or the "
          "table exhibit_{} in the database.</p>\n",
          Escape(table.id), Escape(table.id));
    }
  }
  // Charts carry the source line themselves; a table on its own gets it below.
  if (charts.empty()) out += "<p class=\"source\">Source: " + Escape(table.source) + "</p>\n";
  return out + "</section>\n";
}

}  // namespace entangle::report
