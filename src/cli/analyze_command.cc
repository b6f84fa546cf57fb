// `entangle analyze`: the study's co-authorship exhibits from a study database.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "analyze/analyze.h"
#include "cli/commands.h"

namespace entangle::cli {
namespace {

struct AnalyzeArgs {
  analyze::AnalyzeOptions options;
  std::string counting = "whole";
  bool quiet = false;
};

}  // namespace

void RegisterAnalyze(CLI::App& app) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* analyze = app.add_subcommand("analyze", "Compute the co-authorship exhibits from a study database");
  analyze->add_option("--db", args->options.database_path, "Study database written by entangle scan")->required();
  analyze->add_option("--out", args->options.out_dir, "Directory for <exhibit>.csv and <exhibit>.json")->required();
  analyze->add_option("--counting", args->counting, "Counting method: whole or fractional")
      ->check(CLI::IsMember({"whole", "fractional"}))
      ->capture_default_str();
  analyze->add_option("--threshold", args->options.institution_threshold,
                      "Institutions with more joint papers than this are listed in Exhibit 5")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  analyze->add_option("--subfields", args->options.subfield_scheme, "Subfield scheme: topics or concepts")
      ->check(CLI::IsMember({"topics", "concepts"}))
      ->capture_default_str();
  analyze->add_option("--top", args->options.top_n, "Rows in the top-N exhibits")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  analyze->add_option("--incomplete-years", args->options.incomplete_years,
                      "Years from (data date's year - N) on are marked incomplete (indexing delay)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  analyze->add_option("--registry", args->options.registry_paths,
                      "Risk registry files or imported government lists (default: every file in data/registry)");
  analyze->add_option("--vocabulary", args->options.vocabulary_path,
                      "Dual-use vocabulary (default: data/vocab/dual-use-ai.tsv)");
  analyze->add_option("--kinds", args->options.risk_match.kinds, "Only these kinds count: assessment, designation");
  analyze->add_option("--sources", args->options.risk_match.sources, "Only these registry sources count");
  analyze->add_option("--categories", args->options.risk_match.categories,
                      "Only these registry categories count (e.g. seven_sons pla mps mss)");
  analyze->add_flag("--quiet", args->quiet, "Do not print each step's time on stderr");
  analyze->callback([args] {
    analyze::AnalyzeOptions options = args->options;
    if (!args->quiet) {
      options.on_step = [](const std::string& step, double seconds) {
        fmt::print(stderr, "entangle analyze: {} ({:.1f} s)\n", step, seconds);
      };
    }
    options.counting = args->counting == "fractional" ? analyze::Counting::kFractional : analyze::Counting::kWhole;
    auto exhibits = analyze::Analyze(options);
    if (!exhibits.ok()) {
      fmt::print(stderr, "entangle analyze: {}\n", exhibits.status().ToString());
      SetExitCode(1);
      return;
    }
    fmt::print("{} exhibits ({} counting) written to {} and to the tables exhibit_* of {}\n", exhibits->size(),
               analyze::CountingName(options.counting), options.out_dir, options.database_path);
    for (const analyze::ExhibitTable& table : *exhibits) {
      fmt::print("  {:<30} {:>7} rows  {}\n", table.id, table.rows.size(), table.title);
    }
  });
}

}  // namespace entangle::cli
