#include "report/labs_part.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/exhibit_charts.h"
#include "report/exhibit_section.h"
#include "report/html_text.h"

namespace entangle::report {
namespace {

const analyze::ExhibitTable* FindExhibit(const std::vector<analyze::ExhibitTable>& exhibits, const std::string& id) {
  for (const analyze::ExhibitTable& t : exhibits) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::string Kpi(const std::string& value, const std::string& label) {
  return fmt::format("<div class=\"kpi\"><span class=\"kpi-value\">{}</span><span class=\"kpi-label\">{}</span></div>",
                     Escape(WithThousands(value)), Escape(label));
}

// The headline numbers, read from the exhibits' own cells.
std::string Kpis(const std::vector<analyze::ExhibitTable>& exhibits) {
  std::string out;
  if (const analyze::ExhibitTable* labs = FindExhibit(exhibits, "labs")) {
    TableView view(*labs);
    int papers = view.Col("joint_papers");
    size_t with_papers =
        FirstRows(view, view.rows(), [&](size_t r) { return view.Num(r, papers).value_or(0) > 0; }).size();
    out += Kpi(std::to_string(labs->rows.size()), "labs in the registry");
    out += Kpi(std::to_string(with_papers), "labs on joint papers");
  }
  if (const analyze::ExhibitTable* people = FindExhibit(exhibits, "dual_affiliations")) {
    TableView view(*people);
    size_t with_id =
        FirstRows(view, view.rows(), [&](size_t r) { return !view.Cell(r, view.Col("author_id")).empty(); }).size();
    out += Kpi(std::to_string(with_id), "researchers on both sides (author ids)");
  }
  if (const analyze::ExhibitTable* joint = FindExhibit(exhibits, "dual_joint_by_year")) {
    TableView view(*joint);
    for (size_t r = 0; r < view.rows(); ++r) {
      if (view.Cell(r, view.Col("year")) != "all") continue;
      out += Kpi(view.Cell(r, view.Col("only_via_dual_affiliation")), "joint papers joint only via one person");
      out += Kpi(view.Cell(r, view.Col("only_dual_pct")) + "%", "of all joint papers");
    }
  }
  return out.empty() ? "" : "<div class=\"kpis part-kpis\">" + out + "</div>\n";
}

}  // namespace

std::vector<analyze::ExhibitTable> InReportOrder(const std::vector<analyze::ExhibitTable>& exhibits) {
  std::vector<analyze::ExhibitTable> ordered;
  for (const analyze::ExhibitTable& t : exhibits) {
    if (!IsLabsFamily(t.id)) ordered.push_back(t);
  }
  for (const analyze::ExhibitTable& t : exhibits) {
    if (IsLabsFamily(t.id) && !t.id.starts_with("dual_")) ordered.push_back(t);
  }
  for (const analyze::ExhibitTable& t : exhibits) {
    if (t.id.starts_with("dual_")) ordered.push_back(t);
  }
  return ordered;
}

std::string LabsPartIntro(const std::vector<analyze::ExhibitTable>& exhibits) {
  bool any =
      std::any_of(exhibits.begin(), exhibits.end(), [](const analyze::ExhibitTable& t) { return IsLabsFamily(t.id); });
  if (!any) return "";
  std::string out = fmt::format("<section class=\"part\" id=\"{}\">\n<h2>{}</h2>\n", kLabsPartAnchor, kLabsPartTitle);
  out +=
      "<p class=\"definition\"><b>Labs.</b> The study's third axis besides co-authorship and investment: joint public "
      "labs, companies' labs abroad and at home, joint company–university labs, from the labs registry "
      "(data/labs/labs.csv, curated from public pages). A joint paper is a lab's when one of its affiliations matches "
      "the lab on evidence — the institution's OpenAlex or ROR id, an id in its OpenAlex lineage, or an exact "
      "normalised name (the institution's name, or whole comma-separated parts of an author's raw affiliation) — "
      "never a substring, an acronym alone or anything fuzzy. Each match keeps its route and the matched text "
      "(labs_papers).</p>\n";
  out +=
      "<p class=\"definition\"><b>Researchers on both sides.</b> People who, on one joint paper, hold an "
      "affiliation in each group. A person is an OpenAlex author id (linked to its record): two ids are two people "
      "whatever their names, and an authorship without an id is a person of its own, never merged. Names are shown "
      "as OpenAlex gives them and never compared. <b>What it does not infer:</b> nothing about nationality, "
      "ethnicity, residence or employer — a dual affiliation may be a visiting post, a joint appointment, a "
      "company's lab in the other country or an OpenAlex error, and OpenAlex can split one person into several "
      "ids. The split of Exhibits 1 and 2 separates papers joint through two different people from papers joint "
      "only because one person holds both groups, which the study did not separate.</p>\n";
  out += Kpis(exhibits);
  out +=
      "<p class=\"source\">Definitions: docs/labs.md. A partner's labs and its researchers on both sides are also "
      "in its dossier (<code>entangle screen --partner</code>).</p>\n";
  return out + "</section>\n";
}

}  // namespace entangle::report
