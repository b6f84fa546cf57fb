#pragma once
// Subcommands of the entangle CLI. Each Register* adds a subcommand whose callback runs it and
// sets the exit code: 0 success, 1 error, 2 usage, 3 a --strict failure.
#include <string>

#include <CLI/CLI.hpp>

namespace entangle::cli {

void RegisterScan(CLI::App& app, const std::string& command_line);
void RegisterSynth(CLI::App& app);
void RegisterNetwork(CLI::App& app);
void RegisterAnalyze(CLI::App& app);
void RegisterReport(CLI::App& app);
void RegisterRun(CLI::App& app);
void RegisterScreen(CLI::App& app);
void RegisterInvest(CLI::App& app);
void RegisterFetch(CLI::App& app);
int ExitCode();
void SetExitCode(int code);

// The default study definition: studies/ai-europe-china.toml in the working directory, else in
// the installed copy or the source tree (common/shipped_file.h).
std::string DefaultStudyPath();

// A study definition option: a path that does not exist from the working directory but names a
// shipped study ("studies/germany-china-quantum.toml") reads the shipped copy, so the docs'
// commands work from any directory with an installed entangle.
CLI::Option* ShippedStudyOption(CLI::Option* option);

// The check of --format (scan, run): which copy of a snapshot's works the scan reads. A mistyped
// value is a usage error (exit 2) naming the nearest value ("did you mean `parquet`?"), found while
// the command line is parsed, so before any step runs.
CLI::Validator WorksFormatValue();

}  // namespace entangle::cli
