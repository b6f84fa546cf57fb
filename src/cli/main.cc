// entangle: maps how two regions are entangled in a technology field. See README.md.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include "cli/commands.h"
#include "common/version.h"

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
    return app.exit(e);
  }
  return entangle::cli::ExitCode();
}
