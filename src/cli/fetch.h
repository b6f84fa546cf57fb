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

// What the API charges, as configuration: OpenAlex's two documentation sites describe the budget
// differently (credits or dollars) and prices change. Defaults as of 2026: a list page costs 1
// credit, a page with a *.search filter 10, a group_by 1; a credit is US$ 0.0001; a free key has
// 10,000 credits a day.
struct ApiPrices {
  double page_credits = 1;
  double search_page_credits = 10;
  double group_by_credits = 1;
  double usd_per_credit = 0.0001;
  double daily_credits = 10000;
};

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
  ApiPrices prices;
};

// The options both commands share (all but the study, --out, --dry-run and --json).
void AddFetchOptions(CLI::App& command, FetchArgs& args);

// Runs the fetch and returns the exit code (0, 1 error, 2 usage, kExitResumable).
int RunFetch(const FetchArgs& args);

}  // namespace entangle::cli
