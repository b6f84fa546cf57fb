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
// the source tree the binary was built from.
std::string DefaultStudyPath();

}  // namespace entangle::cli
