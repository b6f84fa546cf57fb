#include <cstdio>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.h"
#include "common/did_you_mean.h"
#include "common/shipped_file.h"
#include "pipeline/progress.h"
#include "pipeline/scan.h"
#include "pipeline/tracker_scan.h"

namespace entangle::cli {
namespace {

int g_exit_code = 0;

struct ScanArgs {
  pipeline::ScanOptions options;
  bool json = false;
  std::string progress = "auto";
  std::string format = "auto";
  std::string tracker_path, out_dir;  // scan --tracker: every study of a tracker in one pass
};

// `scan --tracker`: one study database per study of the tracker, in one pass over the works.
void RunTracker(const ScanArgs& args, pipeline::ScanOptions options) {
  pipeline::TrackerScanOptions tracker{std::move(options), args.tracker_path, args.out_dir};
  auto summary = pipeline::RunTrackerScan(tracker);
  if (!summary.ok()) {
    fmt::print(stderr, "entangle scan: {}\n", summary.status().ToString());
    if (summary.status().code() == Status::Code::kAborted) {
      if (!tracker.scan.dry_run) {
        fmt::print(stderr, "entangle scan: the previous study databases (if any) in {} are unchanged\n", args.out_dir);
      }
      SetExitCode(3);
    } else {
      SetExitCode(1);
    }
    return;
  }
  fmt::print("{}", args.json ? summary->ToJson() : summary->ToText());
}

}  // namespace

int ExitCode() { return g_exit_code; }
void SetExitCode(int code) { g_exit_code = code; }

std::string DefaultStudyPath() { return ShippedFile("studies/ai-europe-china.toml"); }

CLI::Option* ShippedStudyOption(CLI::Option* option) {
  return option->transform([](std::string path) { return ShippedFile(path); }, "", "shipped study");
}

CLI::Validator WorksFormatValue() {
  constexpr source::WorksFormat kFormats[] = {source::WorksFormat::kAuto, source::WorksFormat::kJsonLines,
                                              source::WorksFormat::kParquet};
  std::vector<std::string_view> names;
  for (source::WorksFormat format : kFormats) names.emplace_back(source::WorksFormatName(format));
  const std::string listed = fmt::format("{}", fmt::join(names, ", "));
  return CLI::Validator(
      [names, listed](std::string& value) -> std::string {
        source::WorksFormat format;
        if (source::ParseWorksFormat(value, &format)) return "";
        std::string_view hint = DidYouMean(value, names);
        return fmt::format("`{}` is not one of {}{}", value, listed,
                           hint.empty() ? "" : fmt::format("; did you mean `{}`?", hint));
      },
      fmt::format("{}", fmt::join(names, "|")));
}

void RegisterScan(CLI::App& app, const std::string& command_line) {
  auto args = std::make_shared<ScanArgs>();
  args->options.command_line = command_line;
  args->options.study_path = DefaultStudyPath();
  CLI::App* scan = app.add_subcommand("scan", "Scan OpenAlex works into a study database");
  scan->add_option("inputs", args->options.inputs,
                   "OpenAlex snapshot directory (holding data/works), its data/ or works/ folder, "
                   "JSON Lines files (.jsonl, .jsonl.gz, .gz), API pages (.json) or Parquet files (.parquet)")
      ->required();
  CLI::Option* study =
      ShippedStudyOption(scan->add_option("--study", args->options.study_path, "Study definition (TOML)"))
          ->capture_default_str();
  CLI::Option* db = scan->add_option("--db", args->options.database_path,
                                     "Study database to write (replaced atomically); required unless --dry-run");
  CLI::Option* tracker =
      ShippedStudyOption(scan->add_option("--tracker", args->tracker_path,
                                          "Tracker definition (TOML, docs/tracker.md): scan every study it lists in "
                                          "one pass, one database per study in --out"));
  CLI::Option* out = scan->add_option("--out", args->out_dir,
                                      "With --tracker: the folder for DIR/<study key>.db (each replaced atomically) "
                                      "and DIR/tracker.json; required unless --dry-run");
  tracker->excludes(study)->excludes(db);
  out->needs(tracker);
  scan->add_flag("--dry-run", args->options.dry_run,
                 "Scan and print the counts (joint works per year and subfield, totals, skips) without "
                 "writing a database");
  scan->add_option("--threads", args->options.threads, "Worker threads (0 = all cores)")->capture_default_str();
  scan->add_flag("--strict", args->options.strict, "Fail (exit 3) on any skipped record or input problem");
  scan->add_flag("--json", args->json, "Print the run summary as one JSON object");
  scan->add_option("--format", args->format,
                   "Which copy of the works to read: auto (JSON Lines where there are any, else Parquet), "
                   "jsonl, or parquet (a 2026 snapshot's data/parquet/works/)")
      ->check(WorksFormatValue())
      ->capture_default_str();
  scan->add_option("--progress", args->progress, "Progress on stderr: auto, bar, json or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}))
      ->capture_default_str();
  scan->add_option("--chunk-bytes", args->options.chunk_bytes, "Decompressed bytes per work unit")
      ->capture_default_str();
  scan->add_option("--max-line-bytes", args->options.max_line_bytes, "Longer records are skipped and reported")
      ->capture_default_str();
  scan->add_option("--joint-batch-bytes", args->options.joint_batch_bytes,
                   "Joint works' JSON held back per thread and extracted in one burst")
      ->capture_default_str();
  scan->callback([args] {
    pipeline::ScanOptions options = args->options;
    options.progress = pipeline::ProgressModeNamed(args->progress);
    source::ParseWorksFormat(args->format, &options.works_format);
    if (!args->tracker_path.empty()) return RunTracker(*args, std::move(options));
    auto summary = pipeline::RunScan(options);
    if (!summary.ok()) {
      fmt::print(stderr, "entangle scan: {}\n", summary.status().ToString());
      if (summary.status().code() == Status::Code::kAborted) {
        if (!options.dry_run) {  // a dry run has no database to speak of
          fmt::print(stderr, "entangle scan: the previous database (if any) at {} is unchanged\n",
                     options.database_path);
        }
        SetExitCode(3);
      } else {
        SetExitCode(1);
      }
      return;
    }
    if (args->json) {
      fmt::print("{}\n", summary->ToJson());
    } else {
      fmt::print("{}", summary->ToText());
    }
  });
}

}  // namespace entangle::cli
