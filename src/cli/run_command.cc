// `entangle run`: the whole study in one go: scan a snapshot into DIR/study.db, compute the
// exhibits (DIR/exhibits), optionally the investment tables (DIR/investment), the institution
// network (DIR/network) and the report (DIR/report.html). Each step is the same code as its own
// subcommand.
#include <fmt/format.h>

#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyze.h"
#include "cli/commands.h"
#include "cli/fetch.h"
#include "common/shipped_file.h"
#include "invest/invest.h"
#include "network/network.h"
#include "pipeline/progress.h"
#include "pipeline/scan.h"
#include "pipeline/tracker_scan.h"
#include "report/report.h"
#include "select/study_definition.h"

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
  std::string tracker;  // instead of `study`: every study of this tracker, scanned in one pass
  std::string format = "auto";  // which copy of the works the scan reads, as `scan --format`
};

// The scan's --format (WorksFormat) from its checked value.
source::WorksFormat FormatOf(const RunArgs& args) {
  source::WorksFormat format = source::WorksFormat::kAuto;
  source::ParseWorksFormat(args.format, &format);
  return format;
}

// The command line's --format, when not the default.
std::string FormatFlag(const RunArgs& args) { return args.format == "auto" ? "" : " --format " + args.format; }

std::string Path(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

bool Fail(const std::string& step, const Status& status, int code = 1) {
  fmt::print(stderr, "entangle run: {}: {}\n", step, status.ToString());
  SetExitCode(code);
  return false;
}

// A problem with the command line found before any step ran: names the option, says nothing ran.
bool InputError(const std::string& option, const std::string& problem, int code) {
  fmt::print(stderr, "entangle run: {}: {} (nothing was run)\n", option, problem);
  SetExitCode(code);
  return false;
}

// Every input is checked before the first step: a full snapshot scan runs for many minutes, and a
// typo in --crunchbase or --rates must not wait for it (nor leave an empty --out behind). A path
// that does not exist is a usage error (2); one that exists but cannot be used is an error (1).
bool CheckInputs(const RunArgs& args, bool rates_given) {
  std::error_code ec;
  if (args.api == !args.snapshot.empty()) {
    return InputError("inputs", "give either --snapshot DIR or --api (fetch from the OpenAlex API)", 2);
  }
  if (args.api && args.format != "auto") {
    return InputError("--format", "chooses the copy of a snapshot's works (--snapshot); --api fetches JSON", 2);
  }
  if (!fs::exists(args.study, ec)) {
    return InputError("study definition", fmt::format("{} does not exist", args.study), 2);
  }
  if (fs::is_directory(args.study, ec)) {
    return InputError("study definition", fmt::format("{} is a directory, not a TOML file", args.study), 2);
  }
  if (auto study = select::LoadStudyDefinition(args.study); !study.ok()) {
    return InputError("study definition", study.status().ToString(), 1);
  }
  if (!args.snapshot.empty() && !fs::exists(args.snapshot, ec)) {
    return InputError("--snapshot", fmt::format("{} does not exist", args.snapshot), 2);
  }
  if (!args.crunchbase.empty()) {
    if (!fs::exists(args.crunchbase, ec)) {
      return InputError("--crunchbase", fmt::format("{} does not exist", args.crunchbase), 2);
    }
    if (fs::is_directory(args.crunchbase, ec) && !fs::exists(fs::path(args.crunchbase) / "funding_rounds.csv", ec)) {
      return InputError("--crunchbase",
                        fmt::format("{} has no funding_rounds.csv (a Crunchbase bulk export folder holds "
                                    "funding_rounds.csv, investments.csv and investors.csv; or give one CSV)",
                                    args.crunchbase),
                        1);
    }
  }
  if (!args.crunchbase.empty() || rates_given) {
    if (!fs::exists(args.rates, ec)) {
      return InputError("--rates", fmt::format("{} does not exist", args.rates), 2);
    }
    if (auto rates = invest::EuroRates::Load(args.rates); !rates.ok()) {  // small: read twice is cheap
      return InputError("--rates", rates.status().ToString(), 1);
    }
  }
  fs::create_directories(args.out_dir, ec);
  if (ec) return InputError("--out", fmt::format("cannot create {}: {}", args.out_dir, ec.message()), 1);
  if (::access(args.out_dir.c_str(), W_OK) != 0) {
    return InputError("--out", fmt::format("cannot write into {}: {}", args.out_dir, std::strerror(errno)), 1);
  }
  return true;
}

// What stdout shows once the scan summary is printed: a failed step must be the last thing there,
// else the summary's own last line ("Skipped: nothing") reads as if the run went well.
class StepLog {
 public:
  explicit StepLog(std::vector<std::string> steps) : steps_(std::move(steps)) {}

  void Done(const std::string& output) { written_.push_back(output); }
  void SummaryPrinted() { summary_printed_ = true; }

  bool Failed(const std::string& step, const Status& status, int code = 1) {
    Fail(step, status, code);
    if (!summary_printed_) return false;
    fmt::print("Failed:         {}: {}\n", step, status.ToString());
    auto it = std::find(steps_.begin(), steps_.end(), step);
    if (it != steps_.end() && it + 1 != steps_.end()) {
      fmt::print("Not run:        {}\n", fmt::join(it + 1, steps_.end(), ", "));
    }
    if (!written_.empty()) fmt::print("Written before: {}\n", fmt::join(written_, ", "));
    std::fflush(stdout);
    return false;
  }

 private:
  std::vector<std::string> steps_;
  std::vector<std::string> written_;
  bool summary_printed_ = false;
};

// The exhibits of one scanned study into DIR/exhibits (and its database).
Result<std::vector<analyze::ExhibitTable>> AnalyzeInto(const std::string& db, const std::string& dir,
                                                       const RunArgs& args) {
  analyze::AnalyzeOptions analyze;
  analyze.database_path = db;
  analyze.out_dir = Path(dir, "exhibits");
  analyze.counting = args.counting == "fractional" ? analyze::Counting::kFractional : analyze::Counting::kWhole;
  if (args.progress != "none") {
    analyze.on_step = [](const std::string& step, double seconds) {
      fmt::print(stderr, "entangle run: analyze: {} ({:.1f} s)\n", step, seconds);
    };
  }
  return analyze::Analyze(analyze);
}

// The institution network of one study, exported into DIR/network.
Result<network::InstitutionNetwork> NetworkInto(const std::string& db, const std::string& dir, const RunArgs& args) {
  network::NetworkOptions network_options;
  network_options.database_path = db;
  network_options.max_nodes = args.network_max_nodes;
  Result<network::InstitutionNetwork> network = network::BuildInstitutionNetwork(network_options);
  if (!network.ok()) return network.status();
  auto written = network::WriteNetworkExports(*network, Path(dir, "network"));
  if (!written.ok()) return written.status();
  return network;
}

// The report of one study, DIR/report.html.
Status ReportInto(const std::string& db, const std::string& dir, std::vector<analyze::ExhibitTable> exhibits,
                  const network::InstitutionNetwork& network) {
  report::ReportOptions report;
  report.database_path = db;
  report.exhibits = std::move(exhibits);
  report.network = network;
  report.output_path = Path(dir, "report.html");
  return report::WriteReport(report);
}

Result<pipeline::ScanSummary> Scan(const RunArgs& args) {
  pipeline::ScanOptions options;
  options.inputs = {args.snapshot};
  options.study_path = args.study;
  options.database_path = Path(args.out_dir, "study.db");
  options.threads = args.threads;
  options.strict = args.strict;
  options.progress = pipeline::ProgressModeNamed(args.progress);
  options.works_format = FormatOf(args);
  options.command_line =
      fmt::format("entangle run {} {}{} --out {} --threads {} --counting {}{}", args.study,
                  args.api ? "--api --api-url " + args.fetch.api_url : "--snapshot " + args.snapshot, FormatFlag(args),
                  args.out_dir, args.threads, args.counting, args.strict ? " --strict" : "");
  return pipeline::RunScan(options);
}

bool RunAll(RunArgs args, bool rates_given) {
  if (!CheckInputs(args, rates_given)) return false;
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

  std::vector<std::string> steps = {"scan", "analyze"};
  if (!args.crunchbase.empty()) steps.push_back("invest");
  steps.insert(steps.end(), {"network", "report"});
  StepLog log(steps);

  Result<pipeline::ScanSummary> summary = Scan(args);
  if (!summary.ok()) {
    bool strict_failure = summary.status().code() == Status::Code::kAborted;
    if (strict_failure) fmt::print(stderr, "entangle run: the previous database (if any) is unchanged\n");
    return Fail("scan", summary.status(), strict_failure ? 3 : 1);
  }
  fmt::print("{}\n", summary->ToText());
  std::fflush(stdout);  // before any step's message on stderr, where both streams share a terminal
  log.SummaryPrinted();
  log.Done(Path(args.out_dir, "study.db"));

  std::string db = Path(args.out_dir, "study.db");
  Result<std::vector<analyze::ExhibitTable>> exhibits = AnalyzeInto(db, args.out_dir, args);
  if (!exhibits.ok()) return log.Failed("analyze", exhibits.status());
  log.Done(Path(args.out_dir, "exhibits") + "/");

  // Investment (optional): its tables join the exhibits, in the database and in the report.
  std::vector<analyze::ExhibitTable> report_exhibits = *exhibits;
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
      return log.Failed("invest", investment.status(), investment.status().code() == Status::Code::kAborted ? 3 : 1);
    }
    investment_dir = Path(args.out_dir, "investment");
    auto tables = invest::WriteInvestmentOutputs(*investment, investment_dir, db);
    if (!tables.ok()) return log.Failed("invest", tables.status());
    log.Done(investment_dir + "/");
    investment_tables = tables->size();
    report_exhibits.insert(report_exhibits.end(), tables->begin(), tables->end());
  }

  Result<network::InstitutionNetwork> network = NetworkInto(db, args.out_dir, args);
  if (!network.ok()) return log.Failed("network", network.status());
  std::string network_dir = Path(args.out_dir, "network");
  log.Done(network_dir + "/");
  Status reported = ReportInto(db, args.out_dir, std::move(report_exhibits), *network);
  if (!reported.ok()) return log.Failed("report", reported);

  fmt::print("Outputs:\n");
  fmt::print("  Study database: {}\n", db);
  fmt::print("  Exhibits:       {}/ ({} exhibits as CSV and JSON, {} counting; also in the database)\n",
             Path(args.out_dir, "exhibits"), exhibits->size(), args.counting);
  fmt::print(
      "  Network:        {}/ (institutions.gexf, .graphml, .vosviewer.json, .network.json: {} institutions, "
      "{} links, {} communities)\n",
      network_dir, network->nodes.size(), network->edges.size(), network->communities);
  if (!investment_dir.empty()) {
    fmt::print("  Investment:     {}/ ({} tables as CSV and JSON; also in the database)\n", investment_dir,
               investment_tables);
  }
  fmt::print("  Report:         {}\n", Path(args.out_dir, "report.html"));
  return true;
}

// `run --tracker`: one scan pass for every study (DIR/<key>.db), then each study's exhibits,
// network and report in DIR/<key>/, then the tracker page DIR/tracker.html. A study whose
// analysis fails is reported and the others go on; the page says which study shows nothing.
bool RunTracker(const RunArgs& args) {
  std::error_code ec;
  if (args.snapshot.empty() || args.api) {
    return InputError("inputs", "--tracker reads a snapshot: give --snapshot DIR (--api is for one study)", 2);
  }
  if (!fs::exists(args.snapshot, ec)) {
    return InputError("--snapshot", fmt::format("{} does not exist", args.snapshot), 2);
  }
  if (!args.crunchbase.empty()) return InputError("--crunchbase", "is for one study, not with --tracker", 2);
  pipeline::TrackerScanOptions options;
  options.tracker_path = args.tracker;
  options.out_dir = args.out_dir;
  options.scan.inputs = {args.snapshot};
  options.scan.threads = args.threads;
  options.scan.strict = args.strict;
  options.scan.progress = pipeline::ProgressModeNamed(args.progress);
  options.scan.works_format = FormatOf(args);
  options.scan.command_line = fmt::format(
      "entangle run --tracker {} --snapshot {}{} --out {} --threads {} --counting {}{}", args.tracker, args.snapshot,
      FormatFlag(args), args.out_dir, args.threads, args.counting, args.strict ? " --strict" : "");
  Result<pipeline::TrackerScanSummary> scanned = pipeline::RunTrackerScan(options);
  if (!scanned.ok()) {
    bool strict_failure = scanned.status().code() == Status::Code::kAborted;
    return Fail("scan", scanned.status(), strict_failure ? 3 : 1);
  }
  fmt::print("{}\n", scanned->ToText());
  std::fflush(stdout);

  report::TrackerPageOptions page;
  page.title = scanned->tracker_name;
  page.out_dir = args.out_dir;
  size_t failed = 0;
  for (const pipeline::TrackerStudyScan& study : scanned->studies) {
    const std::string& db = study.summary.database_path;
    std::string dir = Path(args.out_dir, study.key);
    Result<std::vector<analyze::ExhibitTable>> exhibits = AnalyzeInto(db, dir, args);
    Status done = exhibits.status();
    if (done.ok()) {
      Result<network::InstitutionNetwork> network = NetworkInto(db, dir, args);
      done = network.ok() ? ReportInto(db, dir, *exhibits, *network) : network.status();
    }
    if (done.ok()) {
      fmt::print("  {}: {} exhibits, report {}\n", study.key, exhibits->size(), Path(dir, "report.html"));
    } else {
      ++failed;
      fmt::print(stderr, "entangle run: {}: {}\n", study.key, done.ToString());
    }
    page.studies.push_back({study.key, study.area, study.pair, db, done.ok() ? study.key + "/report.html" : ""});
  }
  Status paged = report::WriteTrackerPage(page);
  if (!paged.ok()) return Fail("tracker page", paged);
  fmt::print("Tracker page:   {}\n", Path(args.out_dir, "tracker.html"));
  if (failed > 0) {
    fmt::print("Failed:         {} of {} studies (see above)\n", failed, scanned->studies.size());
    SetExitCode(1);
    return false;
  }
  return true;
}

}  // namespace

void RegisterRun(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Scan, analyze, build the network and write the report, in one go (outputs under --out)");
  CLI::Option* study = ShippedStudyOption(cmd->add_option("study", args->study, "Study definition (TOML)"));
  CLI::Option* tracker = cmd->add_option(
      "--tracker", args->tracker,
      "Instead of one study: every study of this tracker (TOML), scanned in one pass into OUT/<key>.db, each "
      "analysed and reported into OUT/<key>/, and the tracker page OUT/tracker.html (docs/tracker.md)");
  tracker->excludes(study);
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
  cmd->add_option("--format", args->format,
                  "Which copy of the snapshot's works the scan reads, as `scan --format`: auto (JSON Lines where "
                  "there are any, else Parquet), jsonl, or parquet (a 2026 snapshot's data/parquet/)")
      ->check(WorksFormatValue())
      ->capture_default_str();
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
  CLI::Option* rates = cmd->add_option("--rates", args->rates, "ECB euro reference rates for --crunchbase");
  rates->capture_default_str();
  cmd->callback([args, rates] {
    if (!args->tracker.empty()) {
      RunTracker(*args);
      return;
    }
    if (args->study.empty()) throw CLI::RequiredError("study (or --tracker)");
    RunAll(*args, rates->count() > 0);
  });
}

}  // namespace entangle::cli
