#pragma once
// `entangle fetch`, shared with `entangle run --api`: a study's joint works from the OpenAlex API
// into a cache folder that `entangle scan` reads. See docs/sources.md.
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace entangle::cli {

// Exit code of a stop that running the same command again continues (a spent daily budget, faults
// that outlasted the retries, --max-requests).
inline constexpr int kExitResumable = 4;

struct FetchArgs {
  std::string study_path;
  std::string out;  // the cache folder
  std::string api_url = "https://api.openalex.org";
  std::string institution;
  std::string key_file;
  std::string progress = "auto";
  int per_page = 200;
  uint64_t max_requests = 0;
  double timeout_s = 120;
  bool dry_run = false;
  bool json = false;
};

// The options both commands share (all but the study, --out, --dry-run and --json).
void AddFetchOptions(CLI::App& command, FetchArgs& args);

// Runs the fetch and returns the exit code (0, 1 error, 2 usage, kExitResumable).
int RunFetch(const FetchArgs& args);

}  // namespace entangle::cli
