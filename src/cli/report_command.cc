// `entangle report`: one self-contained HTML report of a study database (docs/report.md). Runs
// `analyze` first when the database has no exhibits yet, or has them under another counting.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "analyze/analyze.h"
#include "cli/commands.h"
#include "report/report.h"
#include "select/tracker.h"

namespace entangle::cli {
namespace {

struct ReportArgs {
  report::ReportOptions options;
  std::string counting;  // empty: use the stored exhibits as they are
  std::string exhibits_dir;
  int network_max_nodes = 1000;
  std::string tracker_path, tracker_dir;  // --tracker / --dir: the tracker page instead
};

std::string StoredCounting(const std::vector<analyze::ExhibitTable>& exhibits) {
  for (const analyze::ExhibitTable& t : exhibits) {
    if (t.counting == "fractional") return "fractional";
  }
  return "whole";
}

// Computes the exhibits into `dir` (or a temporary directory removed afterwards: the database
// keeps them in its exhibit_* tables either way).
Result<std::vector<analyze::ExhibitTable>> RunAnalyze(const std::string& db, const std::string& counting,
                                                      const std::string& dir) {
  namespace fs = std::filesystem;
  analyze::AnalyzeOptions options;
  options.database_path = db;
  options.counting = counting == "fractional" ? analyze::Counting::kFractional : analyze::Counting::kWhole;
  std::error_code ec;
  std::string temp;
  if (dir.empty()) {
    temp = (fs::temp_directory_path(ec) / fmt::format("entangle-report-exhibits-{}", getpid())).string();
    options.out_dir = temp;
  } else {
    options.out_dir = dir;
  }
  Result<std::vector<analyze::ExhibitTable>> exhibits = analyze::Analyze(options);
  if (!temp.empty()) fs::remove_all(temp, ec);
  return exhibits;
}

void Run(const ReportArgs& args) {
  report::ReportOptions options = args.options;
  Result<std::vector<analyze::ExhibitTable>> exhibits = report::ReadExhibits(options.database_path);
  if (!exhibits.ok()) {
    fmt::print(stderr, "entangle report: {}\n", exhibits.status().ToString());
    SetExitCode(1);
    return;
  }
  // Investment tables (`entangle invest --db`) may be stored without the co-authorship exhibits.
  const bool none = std::none_of(exhibits->begin(), exhibits->end(), [](const analyze::ExhibitTable& t) {
    return analyze::FamilyOf(t.id) == analyze::ExhibitFamily::kCoauthorship;
  });
  bool stale = !args.counting.empty() && !none && StoredCounting(*exhibits) != args.counting;
  if (none || stale) {
    std::string counting = args.counting.empty() ? "whole" : args.counting;
    fmt::print("{}: computing the exhibits ({} counting)\n",
               none ? "The database has no exhibits yet" : "The stored exhibits use another counting", counting);
    Result<std::vector<analyze::ExhibitTable>> computed =
        RunAnalyze(options.database_path, counting, args.exhibits_dir);
    if (!computed.ok()) {
      fmt::print(stderr, "entangle report: analyze: {}\n", computed.status().ToString());
      SetExitCode(1);
      return;
    }
    fmt::print("  {} exhibits stored in the tables exhibit_* of {}{}\n", computed->size(), options.database_path,
               args.exhibits_dir.empty() ? "" : fmt::format(" and written to {}", args.exhibits_dir));
    // The investment tables read above stay in the database (analyze replaces only its own family).
    for (analyze::ExhibitTable& t : *exhibits) {
      if (analyze::FamilyOf(t.id) == analyze::ExhibitFamily::kInvestment) computed->push_back(std::move(t));
    }
    exhibits = std::move(computed);
  }
  options.exhibits = std::move(exhibits).value();
  options.network_options.max_nodes = args.network_max_nodes;
  Status status = report::WriteReport(options);
  if (!status.ok()) {
    fmt::print(stderr, "entangle report: {}\n", status.ToString());
    SetExitCode(1);
    return;
  }
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(options.output_path, ec);
  fmt::print("Report: {} ({} exhibits, the institution network and the run's provenance)\n",
             ec ? options.output_path : path.string(), options.exhibits->size());
  fmt::print("Open it in any browser; it is one self-contained file and needs no network access.\n");
}

// Where a tracker's study lives in `dir`: its database is <key>.db (`scan --tracker`, `run
// --tracker`) or <key>/study.db (a study run on its own into <key>/); its report, when there is
// one, <key>/report.html. When neither database exists the page says which file is missing.
report::TrackerPageStudy LocateStudy(const select::TrackerStudy& study, const std::string& dir) {
  namespace fs = std::filesystem;
  report::TrackerPageStudy located{study.key, study.area, study.pair, "", ""};
  fs::path own = fs::path(dir) / study.key, single = fs::path(dir) / (study.key + ".db");
  located.database_path = (fs::exists(single) || !fs::exists(own / "study.db") ? single : own / "study.db").string();
  if (fs::exists(own / "report.html")) located.report_href = study.key + "/report.html";
  return located;
}

void RunTrackerPage(const ReportArgs& args) {
  Result<select::TrackerDefinition> tracker = select::LoadTrackerDefinition(args.tracker_path);
  if (!tracker.ok()) {
    fmt::print(stderr, "entangle report: {}\n", tracker.status().ToString());
    SetExitCode(1);
    return;
  }
  report::TrackerPageOptions page;
  page.title = args.options.title.empty() ? tracker->name : args.options.title;
  page.out_dir = args.tracker_dir;
  for (const select::TrackerStudy& study : tracker->studies)
    page.studies.push_back(LocateStudy(study, args.tracker_dir));
  Status status = report::WriteTrackerPage(page);
  if (!status.ok()) {
    fmt::print(stderr, "entangle report: {}\n", status.ToString());
    SetExitCode(1);
    return;
  }
  fmt::print("Tracker page: {} ({} studies; tables tracker_studies and tracker_by_year as CSV and JSON beside it)\n",
             (std::filesystem::path(args.tracker_dir) / "tracker.html").string(), page.studies.size());
}

}  // namespace

void RegisterReport(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "Write a self-contained HTML report of a study database");
  CLI::Option* db = cmd->add_option("--db", args->options.database_path, "Study database written by `entangle scan`");
  CLI::Option* out = cmd->add_option("--out", args->options.output_path, "HTML file to write (replaced atomically)");
  CLI::Option* tracker =
      cmd->add_option("--tracker", args->tracker_path,
                      "Instead of one study's report: the tracker page of this tracker definition (TOML), comparing "
                      "its studies, read from --dir (docs/tracker.md)");
  CLI::Option* dir = cmd->add_option("--dir", args->tracker_dir,
                                     "With --tracker: the folder of the studies (<key>/study.db or <key>.db); the "
                                     "page is written there as tracker.html");
  tracker->needs(dir)->excludes(db)->excludes(out);
  dir->needs(tracker);
  cmd->add_option("--counting", args->counting,
                  "Counting method: whole or fractional (default: the stored exhibits', else whole); "
                  "recomputes the exhibits when they were stored under the other method")
      ->check(CLI::IsMember({"whole", "fractional"}));
  cmd->add_option("--title", args->options.title, "Report title (default: the study's name)");
  cmd->add_option("--exhibits", args->exhibits_dir,
                  "Where to write <exhibit>.csv/.json when the exhibits must be computed (default: not kept)");
  cmd->add_option("--network-max-nodes", args->network_max_nodes,
                  "Institutions in the network (most joint works first; 0 = all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--draw-nodes", args->options.max_drawn_nodes, "Institutions drawn in the network picture")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--table-rows", args->options.max_table_rows, "Rows shown per exhibit table")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->callback([args, db, out] {
    if (!args->tracker_path.empty()) return RunTrackerPage(*args);
    if (db->count() == 0 || out->count() == 0) throw CLI::RequiredError("--db and --out (or --tracker and --dir)");
    Run(*args);
  });
}

}  // namespace entangle::cli
