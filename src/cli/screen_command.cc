// `entangle screen`: due-diligence look-ups on a study database (docs/screening.md).
#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "cli/commands.h"
#include "screen/screen.h"

namespace entangle::cli {
namespace {

struct ScreenArgs {
  screen::ScreenOptions options;
  std::string partner, home, works_file, format = "text";
};

// One DOI or OpenAlex work id per line (or separated by spaces/commas); '#' starts a comment.
Result<std::vector<std::string>> ReadIds(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  std::vector<std::string> ids;
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    for (char& c : line) {
      if (c == ',' || c == '\t' || c == '\r') c = ' ';
    }
    size_t start = 0;
    while (start < line.size()) {
      size_t end = line.find(' ', start);
      if (end == std::string::npos) end = line.size();
      if (end > start) ids.push_back(line.substr(start, end - start));
      start = end + 1;
    }
  }
  return ids;
}

void Run(const ScreenArgs& args) {
  Result<screen::Format> format = screen::ParseFormat(args.format);
  auto fail = [](const Status& st) {
    fmt::print(stderr, "entangle screen: {}\n", st.ToString());
    SetExitCode(1);
  };
  if (!format.ok()) return fail(format.status());
  Result<std::unique_ptr<screen::Screener>> screener = screen::Screener::Open(args.options);
  if (!screener.ok()) return fail(screener.status());
  Result<screen::Report> report = Status::InvalidArgument("nothing to screen");
  if (!args.partner.empty()) {
    report = (*screener)->Partner(args.partner);
  } else if (!args.home.empty()) {
    report = (*screener)->Home(args.home);
  } else {
    Result<std::vector<std::string>> ids = ReadIds(args.works_file);
    if (!ids.ok()) return fail(ids.status());
    report = (*screener)->Works(*ids);
  }
  if (!report.ok()) return fail(report.status());
  fmt::print("{}", screen::Render(*report, *format));
  // Not an error, but scripts must be able to tell that no institution was screened.
  if (report->kind == screen::Report::Kind::kAmbiguous || report->kind == screen::Report::Kind::kUnknown) SetExitCode(4);
}

}  // namespace

void RegisterScreen(CLI::App& app) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand("screen", "Screen a partner, a home institution or papers for registry ties");
  cmd->add_option("--db", args->options.database_path, "Study database (after entangle analyze)")->required();
  auto* partner = cmd->add_option("--partner", args->partner, "Partner: English or Chinese name, ROR id or OpenAlex id");
  auto* home = cmd->add_option("--home", args->home, "Home institution: its partners ranked by ties");
  auto* works = cmd->add_option("--works", args->works_file, "File of DOIs or OpenAlex work ids: per-paper flags");
  partner->excludes(home)->excludes(works);
  home->excludes(works);
  cmd->add_option("--format", args->format, "Output: text, markdown, json or html")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}))
      ->capture_default_str();
  cmd->add_option("--registry", args->options.registry_paths,
                  "Registry files or government lists (default: every file in data/registry)");
  cmd->add_option("--vocabulary", args->options.vocabulary_path, "Dual-use vocabulary (default data/vocab/dual-use-ai.tsv)");
  cmd->add_option("--kinds", args->options.match.kinds, "Only these kinds count: assessment, designation");
  cmd->add_option("--sources", args->options.match.sources, "Only these registry sources count");
  cmd->add_option("--categories", args->options.match.categories, "Only these categories count (seven_sons, pla, ...)");
  cmd->add_option("--limit", args->options.limit, "Rows per list")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->callback([args, partner, home, works] {
    if (partner->count() + home->count() + works->count() != 1) {
      fmt::print(stderr, "entangle screen: give exactly one of --partner, --home, --works\n");
      SetExitCode(2);
      return;
    }
    Run(*args);
  });
}

}  // namespace entangle::cli
