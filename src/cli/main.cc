// entangle: maps how two regions are entangled in a technology field. See README.md.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include "cli/commands.h"
#include "common/did_you_mean.h"
#include "common/version.h"

namespace {

constexpr int kUsageExit = 2;  // as documented (docs/screening.md); CLI11's own 104–114 are documented nowhere

// A copy: the names are often a temporary list.
std::string Nearest(std::string_view word, const std::vector<std::string>& names) {
  const std::vector<std::string_view> views(names.begin(), names.end());
  return std::string(entangle::DidYouMean(word, views));
}

// The long names of `cmd`'s options without their dashes ("db" for --db), --help included.
std::vector<std::string> LongOptionNames(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* option : cmd.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back(name);
  }
  return names;
}

std::vector<std::string> SubcommandNames(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

// One line per argument CLI11 could not place in `cmd` (an unknown subcommand or option), with the
// nearest known name when one is close. Returns whether it printed anything.
bool ExplainUnplaced(CLI::App& cmd, bool is_root, const std::string& prefix) {
  bool printed = false;
  bool after_unknown_option = false;
  for (const std::string& arg : cmd.remaining(false)) {
    const bool option_value = after_unknown_option && arg.rfind('-', 0) != 0;  // "x" of "--dbb x": said already
    after_unknown_option = false;
    if (option_value) continue;
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      const size_t equals = arg.find('=');  // --dbb=x
      after_unknown_option = equals == std::string::npos;
      const std::string name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
      const std::string hint = Nearest(name, LongOptionNames(cmd));
      fmt::print(stderr, "{}: unknown option `--{}`{}\n", prefix, name,
                 hint.empty() ? "" : fmt::format("; did you mean `--{}`?", hint));
    } else if (is_root && arg.rfind('-', 0) != 0) {
      const std::vector<std::string> commands = SubcommandNames(cmd);
      const std::string hint = Nearest(arg, commands);
      fmt::print(stderr, "{}: unknown command `{}`; {}\n", prefix, arg,
                 hint.empty() ? fmt::format("the commands are {}", fmt::join(commands, ", "))
                              : fmt::format("did you mean `{}`?", hint));
      return true;  // what follows was meant for that command: no use listing it as unknown here
    } else {
      fmt::print(stderr, "{}: unexpected argument `{}`\n", prefix, arg);
    }
    printed = true;
  }
  return printed;
}

// Every usage error exits 2 (scripts and docs rely on one code), with a hint for a mistyped name.
int UsageError(CLI::App& app, const CLI::ParseError& e) {
  const std::vector<CLI::App*> parsed = app.get_subcommands();  // the ones on the command line
  bool explained = ExplainUnplaced(app, true, "entangle");
  std::string help = "entangle --help";
  for (CLI::App* sub : parsed) {
    explained = ExplainUnplaced(*sub, false, "entangle " + sub->get_name()) || explained;
    help = "entangle " + sub->get_name() + " --help";
  }
  // CLI11's own message adds nothing after the lines above when it only lists the same arguments
  // ("not expected") or asks for the subcommand that was mistyped.
  const bool redundant = explained && (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr ||
                                       (parsed.empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr));
  if (!redundant) fmt::print(stderr, "{}\n", e.what());
  fmt::print(stderr, "Run `{}` for the options.\n", help);
  return kUsageExit;
}

}  // namespace

int main(int argc, char** argv) {
  // SQLite's memory statistics take a global mutex on every allocation; nothing here reads them.
  // Must precede the first connection (later calls are refused, harmlessly).
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  CLI::App app{"entangle: research, investment and risk ties between two regions in a technology field"};
  app.set_version_flag("--version", std::string(entangle::kVersion));
  app.require_subcommand(1);
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
  entangle::cli::RegisterScan(app, command_line);
  entangle::cli::RegisterSynth(app);
  entangle::cli::RegisterAnalyze(app);
  entangle::cli::RegisterNetwork(app);
  entangle::cli::RegisterReport(app);
  entangle::cli::RegisterRun(app);
  entangle::cli::RegisterScreen(app);
  entangle::cli::RegisterInvest(app);
  entangle::cli::RegisterFetch(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive as "errors" with exit code 0; CLI11 prints them.
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    return UsageError(app, e);
  }
  return entangle::cli::ExitCode();
}
