// `entangle invest`: investment between the study's two groups from a Crunchbase export. See
// docs/investment.md.
#include <cstdio>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "common/shipped_file.h"
#include "invest/invest.h"
#include "store/study_db.h"

namespace entangle::cli {
namespace {

struct InvestArgs {
  invest::InvestmentOptions options;
  std::string years;
  std::string database_path;
  std::string out_dir;
  bool json = false;
  bool study_given = false;  // --study on the command line, not its default
};

std::map<std::string, size_t> ProblemCounts(const std::vector<invest::Problem>& problems) {
  std::map<std::string, size_t> counts;
  for (const invest::Problem& p : problems) ++counts[p.reason];
  return counts;
}

void PrintDirection(const invest::Direction& d) {
  fmt::print("{} companies in the field, with {} investors:\n", d.company_group, d.investor_group);
  fmt::print("  Base:     {} companies, {} rounds in the period\n", d.companies_in_field, d.rounds_in_field);
  fmt::print("  Deals:    {} ({:.1f} % of the rounds) into {} companies, EUR {:.1f} m (whole rounds)\n", d.total.deals,
             d.rounds_in_field ? 100.0 * double(d.total.deals) / double(d.rounds_in_field) : 0.0, d.deal_companies,
             d.total.euros / 1e6);
  if (d.total.deals_without_amount)
    fmt::print("            {} deals without a disclosed amount\n", d.total.deals_without_amount);
  fmt::print("  Flagged:  {} deals whose company or cross-group investor is in the risk registry\n", d.flagged_deals);
  for (const auto& [year, tally] : d.by_year) {
    fmt::print("  {}:     {} deals, EUR {:.1f} m\n", year, tally.deals, tally.euros / 1e6);
  }
}

nlohmann::ordered_json DirectionJson(const invest::Direction& d) {
  nlohmann::ordered_json j;
  j["company_group"] = d.company_group;
  j["investor_group"] = d.investor_group;
  j["companies_in_field"] = d.companies_in_field;
  j["rounds_in_field"] = d.rounds_in_field;
  j["deals"] = d.total.deals;
  j["deal_companies"] = d.deal_companies;
  j["eur"] = d.total.euros;
  j["deals_without_amount"] = d.total.deals_without_amount;
  j["rounds_with_unknown_investors"] = d.rounds_with_unknown_investors;
  j["flagged_deals"] = d.flagged_deals;
  for (const auto& [year, tally] : d.by_year) j["deals_by_year"][std::to_string(year)] = tally.deals;
  for (const auto& [type, tally] : d.by_round_type) j["deals_by_round_type"][type] = tally.deals;
  return j;
}

// "2008-2013" or "2013" -> the period; false when it is neither.
bool ParseYears(const std::string& text, int* from, int* to) {
  unsigned a = 0, b = 0;
  char dash = 0, extra = 0;
  int n = std::sscanf(text.c_str(), "%4u%c%4u%c", &a, &dash, &b, &extra);
  if (n == 1)
    b = a;
  else if (n != 3 || dash != '-')
    return false;
  if (a < 1900 || b > 2100) return false;
  *from = int(a), *to = int(b);
  return true;
}

void Run(const InvestArgs& args) {
  invest::InvestmentOptions options = args.options;
  if (!args.years.empty() && !ParseYears(args.years, &options.year_from, &options.year_to)) {
    fmt::print(stderr, "entangle invest: --years \"{}\": write FROM-TO (e.g. 2008-2013) or one year\n", args.years);
    SetExitCode(2);
    return;
  }
  // Deals stored in a study database belong to the study it was scanned with: take that
  // definition, and refuse a --study that is another one.
  if (!args.database_path.empty()) {
    Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(args.database_path);
    Result<store::StoredRun> run = db.ok() ? store::ReadStoredRun(**db) : Result<store::StoredRun>(db.status());
    if (!run.ok()) {
      fmt::print(stderr, "entangle invest: --db {}: {}\n", args.database_path, run.status().ToString());
      SetExitCode(1);
      return;
    }
    if (args.study_given) {
      auto given = select::LoadStudyDefinition(options.study_path);
      if (given.ok() && given->sha256 != run->info.study_sha256) {
        fmt::print(stderr,
                   "entangle invest: --study {} is not the study {} was scanned with ({}, {}); leave out --study "
                   "to use the database's\n",
                   options.study_path, args.database_path, run->info.study_name, run->info.study_path);
        SetExitCode(2);
        return;
      }
      if (given.ok()) options.study = std::move(given).value();  // read once; a failure is reported below
    } else if (run->definition) {
      options.study = run->definition;
      options.study_path = run->info.study_path;
    } else {
      fmt::print(stderr, "entangle invest: --db {}: its study definition cannot be read ({}); name it with --study\n",
                 args.database_path, run->definition_error);
      SetExitCode(1);
      return;
    }
  }
  auto report = invest::AnalyzeInvestment(options);
  if (!report.ok()) {
    fmt::print(stderr, "entangle invest: {}\n", report.status().ToString());
    SetExitCode(report.status().code() == Status::Code::kAborted ? 3 : 1);
    return;
  }
  auto exhibits = invest::WriteInvestmentOutputs(*report, args.out_dir, args.database_path);
  if (!exhibits.ok()) {
    fmt::print(stderr, "entangle invest: {}\n", exhibits.status().ToString());
    SetExitCode(1);
    return;
  }
  const auto problems = ProblemCounts(report->problems);
  if (args.json) {
    nlohmann::ordered_json j;
    j["layout"] = report->data.layout;
    j["files"] = report->data.files;
    j["rows_read"] = report->data.rows_read;
    j["rounds"] = report->data.rounds.size();
    j["rounds_outside_period"] = report->rounds_outside_period;
    j["rounds_after_ipo"] = report->rounds_after_ipo;
    j["rounds_outside_field"] = report->rounds_outside_field;
    j["rounds_outside_groups"] = report->rounds_outside_groups;
    j["into_a"] = DirectionJson(report->into_a);
    j["into_b"] = DirectionJson(report->into_b);
    j["skipped_total"] = report->problems.size();
    j["skipped"] = problems;
    j["out_dir"] = args.out_dir;
    if (!args.database_path.empty()) j["database"] = args.database_path;
    fmt::print("{}\n", j.dump(1));
    return;
  }
  if (report->data.synthetic) fmt::print("SYNTHETIC export (made by entangle synth): no real company or deal\n");
  fmt::print("Study:     {}\n", report->study.name);
  fmt::print("Read:      {} ({} layout): {} rows, {} funding rounds\n", fmt::join(report->data.files, ", "),
             report->data.layout, report->data.rows_read, report->data.rounds.size());
  fmt::print("Not counted: {} rounds outside {}–{}, {} after an IPO, {} outside the field, {} in neither group\n",
             report->rounds_outside_period, report->study.year_from, report->study.year_to, report->rounds_after_ipo,
             report->rounds_outside_field, report->rounds_outside_groups);
  PrintDirection(report->into_a);
  PrintDirection(report->into_b);
  if (problems.empty()) {
    fmt::print("Skipped:   nothing\n");
  } else {
    fmt::print("Skipped:   {} (table investment_skipped)\n", report->problems.size());
    for (const auto& [reason, count] : problems) fmt::print("  {}: {}\n", reason, count);
  }
  fmt::print("Registry:  {} entries from {}\n", report->registry_entries, fmt::join(report->registry_files, ", "));
  fmt::print("Written:   {}/investment_*.csv and .json ({} tables)\n", args.out_dir, exhibits->size());
  if (!args.database_path.empty()) {
    fmt::print("Stored:    in {} (tables exhibit_investment_*; `entangle report` shows them)\n", args.database_path);
  }
  fmt::print(
      "Caveat:    amounts are whole rounds (investor shares are not disclosed); origin is the investor's "
      "headquarters.\n");
}

}  // namespace

void RegisterInvest(CLI::App& app) {
  auto args = std::make_shared<InvestArgs>();
  args->options.study_path = DefaultStudyPath();
  args->options.rates_path = ShippedFile("data/rates/ecb-eurofxref-hist.csv");
  CLI::App* cmd = app.add_subcommand(
      "invest", "Investment between the study's two groups from a Crunchbase export (deals, euros, evidence)");
  cmd->add_option("input", args->options.input,
                  "Crunchbase bulk export folder (funding_rounds.csv, investments.csv, investors.csv) or a CSV with "
                  "one row per investment")
      ->required();
  cmd->add_option("--out", args->out_dir, "Directory for investment_<table>.csv and .json")->required();
  CLI::Option* study =
      ShippedStudyOption(cmd->add_option("--study", args->options.study_path,
                                         "Study definition (TOML); with --db, the database's own by default"))
          ->capture_default_str();
  cmd->add_option("--db", args->database_path,
                  "Also store the tables in this study database (written by `entangle scan`), for `entangle report`");
  cmd->add_option("--rates", args->options.rates_path, "ECB euro reference rates (eurofxref-hist.csv)")
      ->capture_default_str();
  cmd->add_option("--years", args->years, "Period FROM-TO of the rounds' dates (default: the study's scope.years)");
  cmd->add_flag("--all-sectors", args->options.all_sectors,
                "Count every company, not only those with a category listed in the study's [investment]");
  cmd->add_option("--registry", args->options.registry_paths,
                  "Risk registry files or imported government lists (default: every file in data/registry)");
  cmd->add_flag("--strict", args->options.strict, "Fail (exit 3) on any row or value that cannot be used");
  cmd->add_flag("--json", args->json, "Print the summary as one JSON object");
  cmd->callback([args, study] {
    args->study_given = study->count() > 0;
    Run(*args);
  });
}

}  // namespace entangle::cli
