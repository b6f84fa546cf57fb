// `entangle run`: the whole study in one go: scan a snapshot into DIR/study.db, compute the
// exhibits (DIR/exhibits), optionally the investment tables (DIR/investment), the institution
// network (DIR/network) and the report (DIR/report.html). Each step is the same code as its own
// subcommand.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "analyze/analyze.h"
#include "cli/commands.h"
#include "cli/fetch.h"
#include "common/shipped_file.h"
#include "invest/invest.h"
#include "network/network.h"
#include "pipeline/scan.h"
#include "report/report.h"

namespace entangle::cli {
namespace {

namespace fs = std::filesystem;

struct RunArgs {
  std::string study;
  std::string snapshot;
  std::string out_dir;
  int threads = 0;
  std::string counting = "whole";
  bool strict = false;
  std::string progress = "auto";
  int network_max_nodes = 1000;
  std::string crunchbase;  // optional: investment from this Crunchbase export
  std::string rates;
  bool api = false;  // fetch from the OpenAlex API into DIR/api-cache instead of reading --snapshot
  FetchArgs fetch;
};

std::string Path(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

bool Fail(const std::string& step, const Status& status, int code = 1) {
  fmt::print(stderr, "entangle run: {}: {}\n", step, status.ToString());
  SetExitCode(code);
  return false;
}

Result<ScanSummary> Scan(const RunArgs& args) {
  ScanOptions options;
  options.inputs = {args.snapshot};
  options.study_path = args.study;
  options.database_path = Path(args.out_dir, "study.db");
  options.threads = args.threads;
  options.strict = args.strict;
  options.progress = args.progress == "bar"    ? ProgressMode::kBar
                     : args.progress == "json" ? ProgressMode::kJson
                     : args.progress == "none" ? ProgressMode::kNone
                                               : ProgressMode::kAuto;
  options.command_line =
      fmt::format("entangle run {} {} --out {} --threads {} --counting {}{}", args.study,
                  args.api ? "--api --api-url " + args.fetch.api_url : "--snapshot " + args.snapshot, args.out_dir,
                  args.threads, args.counting, args.strict ? " --strict" : "");
  return RunScan(options);
}

bool RunAll(RunArgs args) {
  std::error_code ec;
  fs::create_directories(args.out_dir, ec);
  if (ec)
    return Fail("output directory", Status::IOError(fmt::format("cannot create {}: {}", args.out_dir, ec.message())));
  if (args.api == !args.snapshot.empty()) {
    return Fail("inputs", Status::InvalidArgument("give either --snapshot DIR or --api (fetch from the OpenAlex API)"),
                2);
  }
  if (args.api) {
    args.fetch.study_path = args.study;
    args.fetch.out = Path(args.out_dir, "api-cache");
    args.fetch.progress = args.progress;
    int fetched = RunFetch(args.fetch);
    if (fetched != 0) {
      fmt::print(stderr, "entangle run: fetch: stopped{}\n",
                 fetched == kExitResumable ? "; run the same command again to resume it and go on" : "");
      SetExitCode(fetched);
      return false;
    }
    args.snapshot = args.fetch.out;
  }

  Result<ScanSummary> summary = Scan(args);
  if (!summary.ok()) {
    bool strict_failure = summary.status().code() == Status::Code::kAborted;
    if (strict_failure) fmt::print(stderr, "entangle run: the previous database (if any) is unchanged\n");
    return Fail("scan", summary.status(), strict_failure ? 3 : 1);
  }
  fmt::print("{}\n", summary->ToText());

  std::string db = Path(args.out_dir, "study.db");
  AnalyzeOptions analyze;
  analyze.database_path = db;
  analyze.out_dir = Path(args.out_dir, "exhibits");
  analyze.counting = args.counting == "fractional" ? Counting::kFractional : Counting::kWhole;
  if (args.progress != "none") {
    analyze.on_step = [](const std::string& step, double seconds) {
      fmt::print(stderr, "entangle run: analyze: {} ({:.1f} s)\n", step, seconds);
    };
  }
  Result<std::vector<ExhibitTable>> exhibits = Analyze(analyze);
  if (!exhibits.ok()) return Fail("analyze", exhibits.status());

  // Investment (optional): its tables join the exhibits, in the database and in the report.
  std::vector<ExhibitTable> report_exhibits = *exhibits;
  std::string investment_dir;
  size_t investment_tables = 0;
  if (!args.crunchbase.empty()) {
    invest::InvestmentOptions invest_options;
    invest_options.input = args.crunchbase;
    invest_options.rates_path = args.rates;
    invest_options.study_path = args.study;
    invest_options.strict = args.strict;
    auto investment = invest::AnalyzeInvestment(invest_options);
    if (!investment.ok()) {
      return Fail("invest", investment.status(), investment.status().code() == Status::Code::kAborted ? 3 : 1);
    }
    investment_dir = Path(args.out_dir, "investment");
    auto tables = invest::WriteInvestmentOutputs(*investment, investment_dir, db);
    if (!tables.ok()) return Fail("invest", tables.status());
    investment_tables = tables->size();
    report_exhibits.insert(report_exhibits.end(), tables->begin(), tables->end());
  }

  NetworkOptions network_options;
  network_options.database_path = db;
  network_options.max_nodes = args.network_max_nodes;
  Result<InstitutionNetwork> network = BuildInstitutionNetwork(network_options);
  if (!network.ok()) return Fail("network", network.status());
  std::string network_dir = Path(args.out_dir, "network");
  auto written = WriteNetworkExports(*network, network_dir);
  if (!written.ok()) return Fail("network", written.status());

  ReportOptions report;
  report.database_path = db;
  report.exhibits = report_exhibits;
  report.network = *network;
  report.output_path = Path(args.out_dir, "report.html");
  Status reported = WriteReport(report);
  if (!reported.ok()) return Fail("report", reported);

  fmt::print("Outputs:\n");
  fmt::print("  Study database: {}\n", db);
  fmt::print("  Exhibits:       {}/ ({} exhibits as CSV and JSON, {} counting; also in the database)\n",
             analyze.out_dir, exhibits->size(), args.counting);
  fmt::print(
      "  Network:        {}/ (institutions.gexf, .graphml, .vosviewer.json, .network.json: {} institutions, "
      "{} links, {} communities)\n",
      network_dir, network->nodes.size(), network->edges.size(), network->communities);
  if (!investment_dir.empty()) {
    fmt::print("  Investment:     {}/ ({} tables as CSV and JSON; also in the database)\n", investment_dir,
               investment_tables);
  }
  fmt::print("  Report:         {}\n", report.output_path);
  return true;
}

}  // namespace

void RegisterRun(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Scan, analyze, build the network and write the report, in one go (outputs under --out)");
  cmd->add_option("study", args->study, "Study definition (TOML)")->required();
  cmd->add_option("--snapshot", args->snapshot,
                  "OpenAlex snapshot directory (or its data/ or works/ folder, an official CLI download, a fetch "
                  "cache, or a JSON Lines file)");
  cmd->add_flag("--api", args->api,
                "Fetch the study's joint works from the OpenAlex API into OUT/api-cache first (instead of --snapshot); "
                "the key from OPENALEX_API_KEY or --key-file");
  AddFetchOptions(*cmd, args->fetch);
  cmd->add_option("--out", args->out_dir, "Output directory: study.db, exhibits/, network/, report.html")->required();
  cmd->add_option("--threads", args->threads, "Worker threads of the scan (0 = all cores)")->capture_default_str();
  cmd->add_option("--counting", args->counting, "Counting method of the exhibits: whole or fractional")
      ->check(CLI::IsMember({"whole", "fractional"}))
      ->capture_default_str();
  cmd->add_flag("--strict", args->strict, "Fail (exit 3) on any skipped record or input problem");
  cmd->add_option("--progress", args->progress, "Scan progress on stderr: auto, bar, json or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}))
      ->capture_default_str();
  cmd->add_option("--network-max-nodes", args->network_max_nodes,
                  "Institutions in the network exports and the report (most joint works first; 0 = all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--crunchbase", args->crunchbase,
                  "Also analyse investment from this Crunchbase export (folder or CSV; see `entangle invest`)");
  args->rates = ShippedFile("data/rates/ecb-eurofxref-hist.csv");
  cmd->add_option("--rates", args->rates, "ECB euro reference rates for --crunchbase")->capture_default_str();
  cmd->callback([args] { RunAll(*args); });
}

}  // namespace entangle::cli
