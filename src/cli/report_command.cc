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

namespace entangle::cli {
namespace {

struct ReportArgs {
  ReportOptions options;
  std::string counting;  // empty: use the stored exhibits as they are
  std::string exhibits_dir;
  int network_max_nodes = 1000;
};

std::string StoredCounting(const std::vector<ExhibitTable>& exhibits) {
  for (const ExhibitTable& t : exhibits) {
    if (t.counting == "fractional") return "fractional";
  }
  return "whole";
}

// Computes the exhibits into `dir` (or a temporary directory removed afterwards: the database
// keeps them in its exhibit_* tables either way).
Result<std::vector<ExhibitTable>> RunAnalyze(const std::string& db, const std::string& counting,
                                             const std::string& dir) {
  namespace fs = std::filesystem;
  AnalyzeOptions options;
  options.database_path = db;
  options.counting = counting == "fractional" ? Counting::kFractional : Counting::kWhole;
  std::error_code ec;
  std::string temp;
  if (dir.empty()) {
    temp = (fs::temp_directory_path(ec) / fmt::format("entangle-report-exhibits-{}", getpid())).string();
    options.out_dir = temp;
  } else {
    options.out_dir = dir;
  }
  Result<std::vector<ExhibitTable>> exhibits = Analyze(options);
  if (!temp.empty()) fs::remove_all(temp, ec);
  return exhibits;
}

void Run(const ReportArgs& args) {
  ReportOptions options = args.options;
  Result<std::vector<ExhibitTable>> exhibits = ReadExhibits(options.database_path);
  if (!exhibits.ok()) {
    fmt::print(stderr, "entangle report: {}\n", exhibits.status().ToString());
    SetExitCode(1);
    return;
  }
  // Investment tables (`entangle invest --db`) may be stored without the co-authorship exhibits.
  const bool none = std::none_of(exhibits->begin(), exhibits->end(), [](const ExhibitTable& t) {
    return FamilyOf(t.id) == ExhibitFamily::kCoauthorship;
  });
  bool stale = !args.counting.empty() && !none && StoredCounting(*exhibits) != args.counting;
  if (none || stale) {
    std::string counting = args.counting.empty() ? "whole" : args.counting;
    fmt::print("{}: computing the exhibits ({} counting)\n",
               none ? "The database has no exhibits yet" : "The stored exhibits use another counting", counting);
    Result<std::vector<ExhibitTable>> computed = RunAnalyze(options.database_path, counting, args.exhibits_dir);
    if (!computed.ok()) {
      fmt::print(stderr, "entangle report: analyze: {}\n", computed.status().ToString());
      SetExitCode(1);
      return;
    }
    fmt::print("  {} exhibits stored in the tables exhibit_* of {}{}\n", computed->size(), options.database_path,
               args.exhibits_dir.empty() ? "" : fmt::format(" and written to {}", args.exhibits_dir));
    // The investment tables read above stay in the database (analyze replaces only its own family).
    for (ExhibitTable& t : *exhibits) {
      if (FamilyOf(t.id) == ExhibitFamily::kInvestment) computed->push_back(std::move(t));
    }
    exhibits = std::move(computed);
  }
  options.exhibits = std::move(exhibits).value();
  options.network_options.max_nodes = args.network_max_nodes;
  Status status = WriteReport(options);
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

}  // namespace

void RegisterReport(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "Write a self-contained HTML report of a study database");
  cmd->add_option("--db", args->options.database_path, "Study database written by `entangle scan`")->required();
  cmd->add_option("--out", args->options.output_path, "HTML file to write (replaced atomically)")->required();
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
  cmd->callback([args] { Run(*args); });
}

}  // namespace entangle::cli
