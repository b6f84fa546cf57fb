// WriteReport / RenderReport: gathers the run, the exhibits and the network, and lays the page
// out: banner, header, table of contents, one section per exhibit, the network, provenance.
#include "report/report.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "common/atomic_file.h"
#include "common/clock.h"
#include "common/version.h"
#include "network/network_layout.h"
#include "report/exhibit_charts.h"
#include "report/exhibit_section.h"
#include "report/header_section.h"
#include "report/html_page.h"
#include "report/html_text.h"
#include "report/labs_part.h"
#include "report/network_json.h"
#include "report/network_svg.h"
#include "report/provenance_section.h"
#include "report/run_record.h"

namespace entangle::report {
namespace {

Result<network::InstitutionNetwork> LoadNetwork(const ReportOptions& options) {
  if (options.network) return *options.network;
  if (!options.network_json_path.empty()) return ReadNetworkJson(options.network_json_path);
  network::NetworkOptions network_options = options.network_options;
  network_options.database_path = options.database_path;
  return network::BuildInstitutionNetwork(network_options);
}

std::string NoExhibits() {
  return "<section class=\"exhibit\" id=\"exhibit-none\"><h2>No exhibits</h2><p class=\"empty\">This study database "
         "has no exhibits yet: run <code>entangle analyze</code> on it (or <code>entangle report</code>, which does "
         "so).</p></section>\n";
}

}  // namespace

Result<std::string> RenderReport(const ReportOptions& options) {
  using namespace report;
  if (options.database_path.empty()) return Status::InvalidArgument("no study database given");
  Result<RunRecord> run = ReadRunRecord(options.database_path);
  if (!run.ok()) return run.status();
  std::vector<analyze::ExhibitTable> exhibits;
  if (options.exhibits) {
    exhibits = *options.exhibits;
  } else {
    Result<std::vector<analyze::ExhibitTable>> stored = ReadExhibits(options.database_path);
    if (!stored.ok()) return stored.status();
    exhibits = std::move(stored).value();
  }
  Result<network::InstitutionNetwork> network = LoadNetwork(options);
  if (!network.ok()) return network.status();
  Result<network::DrawnNetwork> drawn =
      network::LayoutNetwork(*network, options.max_drawn_nodes, options.max_drawn_edges, options.layout_seed);
  if (!drawn.ok()) return drawn.status();

  std::string generated_at = options.generated_at.empty() ? NowUtc() : options.generated_at;
  std::string title = options.title.empty() ? run->info().study_name : options.title;
  if (title.empty()) title = "entangle report";
  ChartContext ctx = MakeChartContext(run->info().group_a_name, run->info().group_b_name, run->info().group_a_countries,
                                      run->info().group_b_countries, exhibits);

  std::string main = HeaderSection(title, *run, exhibits, *network);
  if (exhibits.empty()) main += NoExhibits();
  const bool link_records = !run->synthetic.synthetic;  // synthetic ids name no real record
  // The labs and researchers-on-both-sides exhibits come together, as one part with its opening.
  const std::vector<analyze::ExhibitTable> ordered = InReportOrder(exhibits);
  bool labs_part = false;
  for (const analyze::ExhibitTable& table : ordered) {
    if (!labs_part && IsLabsFamily(table.id)) {
      main += LabsPartIntro(ordered);
      labs_part = true;
    }
    main += ExhibitSection(table, ctx, options.max_table_rows, link_records);
  }
  main += NetworkSection(*network, *drawn, ctx);
  main += ProvenanceSection(*run, kVersion, generated_at);
  std::string footer = fmt::format(
      "<footer class=\"page-footer\">Written by entangle {} on {}{}. This file is "
      "self-contained: it needs no network access.</footer>\n",
      Escape(kVersion), Escape(generated_at), run->synthetic.synthetic ? " from SYNTHETIC data" : "");
  return HtmlPage(title, SyntheticBanner(*run), TableOfContents(ordered, run->synthetic.synthetic), main, footer);
}

Status WriteReport(const ReportOptions& options) {
  if (options.output_path.empty()) return Status::InvalidArgument("no output path given for the report");
  Result<std::string> html = RenderReport(options);
  if (!html.ok()) return html.status();
  return WriteFileAtomically(options.output_path, *html);
}

}  // namespace entangle::report
