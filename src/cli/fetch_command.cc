// `entangle fetch STUDY --out CACHE`: a study's joint works from the OpenAlex API into a cache that
// `entangle scan` reads like a snapshot. See docs/sources.md.
//
// The study becomes filters (select/api_filters); each query is counted first (one cheap request
// each), so the plan, its cost and an ETA are known before the pages are fetched; the pages go
// through source/api_fetch, whose journal makes a second run resume where the first stopped.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <tuple>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/fetch.h"
#include "pipeline/progress.h"
#include "select/api_filters.h"
#include "select/study_definition.h"
#include "source/api_cache.h"
#include "source/api_fetch.h"
#include "source/http_client.h"
#include "common/atomic_file.h"

namespace entangle::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// The key: OPENALEX_API_KEY, else --key-file, else ~/.config/entangle/openalex-api-key. Never an
// argument (it would show in `ps` and shell history), never printed.
Result<std::string> ApiKey(const FetchArgs& args) {
  if (const char* env = std::getenv("OPENALEX_API_KEY"); env != nullptr && *env != '\0') return std::string(env);
  std::string path = args.key_file;
  if (path.empty()) {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    if (config != nullptr && *config != '\0') {
      path = std::string(config) + "/entangle/openalex-api-key";
    } else if (home != nullptr) {
      path = std::string(home) + "/.config/entangle/openalex-api-key";
    }
    std::error_code ec;
    if (path.empty() || !fs::exists(path, ec)) return std::string();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("--key-file " + path + ": cannot be read");
  std::string key;
  std::getline(in, key);
  while (!key.empty() && (key.back() == '\r' || key.back() == ' ' || key.back() == '\t')) key.pop_back();
  if (key.empty()) return Status::InvalidArgument("the key file " + path + " is empty");
  return key;
}

struct PlannedQuery {
  select::ApiFilterQuery query;
  uint64_t count = 0;    // meta.count: works the API says match
  bool cached = false;   // complete in the cache already
};

// meta.count of a query: one request of one result (select=id), retried a few times on faults.
Result<uint64_t> CountQuery(source::HttpClient& http, const FetchArgs& args, const std::string& key, bool include_xpac,
                            const std::string& filter) {
  std::string url = args.api_url + "/works?filter=" + source::UrlEncode(filter) + "&per_page=1&select=id";
  if (include_xpac) url += "&include_xpac=true";
  if (!key.empty()) url += "&api_key=" + source::UrlEncode(key);
  std::string why;
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(250 << attempt));
    source::HttpResult response = http.Get(url);
    if (!response.ok()) {
      why = std::string(source::HttpErrorName(response.error)) + ": " + response.message;
      continue;
    }
    if (response.status == 429 && source::IsBudgetExhausted(response)) {
      return Status::Aborted("the API's daily budget is spent (it resets at midnight UTC)");
    }
    if (response.status == 401 || response.status == 403) {
      return Status::InvalidArgument("the API refused the key (HTTP " + std::to_string(response.status) + ")");
    }
    if (response.status == 429 || response.status >= 500) {
      why = "HTTP " + std::to_string(response.status);
      continue;
    }
    nlohmann::json page = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (response.status != 200) {
      std::string message;
      for (const char* field : {"message", "error"}) {
        if (message.empty() && page.is_object() && page.contains(field) && page[field].is_string()) {
          message = page[field].get<std::string>();
        }
      }
      return Status::InvalidArgument("the API rejected the query (HTTP " + std::to_string(response.status) +
                                     (message.empty() ? "" : ": " + message) + "): filter=" + filter);
    }
    if (page.is_object() && page.contains("meta") && page["meta"].contains("count") &&
        page["meta"]["count"].is_number_unsigned()) {
      return page["meta"]["count"].get<uint64_t>();
    }
    why = "the answer has no meta.count";
  }
  return Status::IOError("counting filter=" + filter + " failed: " + source::RedactUrl(why));
}

ordered_json PlanJson(const select::StudyDefinition& study, const FetchArgs& args,
                      const std::vector<PlannedQuery>& plan) {
  ordered_json j;
  j["entangle_fetch"] = 1;
  j["study"] = {{"name", study.name}, {"path", study.source_path}, {"sha256", study.sha256}};
  j["api_url"] = args.api_url;
  j["include_xpac"] = study.include_xpac;
  j["institution"] = args.institution;
  j["queries"] = ordered_json::array();
  for (const PlannedQuery& p : plan) {
    j["queries"].push_back({{"id", p.query.id},
                            {"covers", p.query.covers},
                            {"filter", p.query.filter},
                            {"search", p.query.search},
                            {"count", p.count}});
  }
  return j;
}

// A cache holds one plan: a second fetch into it must ask the same queries (or resume would mix).
Status CheckExistingPlan(const fs::path& path, const std::vector<PlannedQuery>& plan) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::OK();
  Result<std::vector<source::FetchPlanQuery>> old = source::ReadFetchPlan(path.parent_path().string());
  bool same = old.ok() && old->size() == plan.size();
  for (size_t i = 0; same && i < plan.size(); ++i) {
    same = (*old)[i].id == plan[i].query.id && (*old)[i].filter == plan[i].query.filter;
  }
  if (same) return Status::OK();
  return Status::InvalidArgument(path.parent_path().string() +
                                 " holds a fetch of other queries (another study, period or institution); fetch "
                                 "into another --out folder, or delete this one");
}

uint64_t Pages(uint64_t count, int per_page) { return count == 0 ? 1 : (count + per_page - 1) / per_page; }

void PrintPlan(const std::vector<PlannedQuery>& plan, int per_page,
               const Result<std::vector<select::ApiTotalsQuery>>& totals, const ApiPrices& prices,
               const std::vector<std::string>& caveats) {
  uint64_t works = 0, requests = plan.size();  // one count each
  double credits = double(plan.size()) * prices.page_credits;
  fmt::print("Queries (each page: {} works):\n", per_page);
  for (const PlannedQuery& p : plan) {
    uint64_t pages = Pages(p.count, per_page);
    double page_price = p.query.search ? prices.search_page_credits : prices.page_credits;
    fmt::print("  {} {:<16} {:>9} works  {:>6} pages  {:>7} credits{}\n      filter={}\n", p.query.id, p.query.covers,
               p.count, pages, double(pages) * page_price, p.cached ? "  (in the cache already)" : "", p.query.filter);
    works += p.count;
    if (!p.cached) {
      requests += pages;
      credits += double(pages) * page_price;
    }
  }
  fmt::print("Total:   {} works (a work found by two queries counts twice here, once in the scan)\n", works);
  if (totals.ok()) {
    fmt::print("Totals:  {} group_by requests for each side's output per year (Exhibit 3's denominators)\n",
               totals->size());
    requests += totals->size();
    credits += double(totals->size()) * prices.group_by_credits;
  } else {
    fmt::print("Totals:  not fetched: {}; Exhibit 3's shares need a snapshot\n", totals.status().message());
  }
  fmt::print("Cost:    {} requests, {} credits (US$ {:.2f}; {:.1f} % of a day's {} credits)\n", requests, credits,
             credits * prices.usd_per_credit, 100.0 * credits / std::max(1.0, prices.daily_credits),
             prices.daily_credits);
  fmt::print("         (the counts above cost {} requests already; prices: --page-credits, --search-page-credits, "
             "--usd-per-credit, --daily-credits)\n", plan.size());
  for (const std::string& c : caveats) fmt::print("Note:    {}\n", c);
}

class FetchProgressPrinter {
 public:
  FetchProgressPrinter(pipeline::ProgressMode mode, uint64_t total_pages) : mode_(mode), total_pages_(total_pages) {}

  void Page(const source::FetchProgress& p) {
    ++pages_;
    if (mode_ == pipeline::ProgressMode::kNone) return;
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double eta = pages_ > 0 && total_pages_ > pages_ ? elapsed / pages_ * double(total_pages_ - pages_) : 0;
    std::string budget = p.ratelimit_remaining >= 0 ? fmt::format(", {} credits left", p.ratelimit_remaining) : "";
    if (mode_ == pipeline::ProgressMode::kBar) {
      fmt::print(stderr, "\r{} page {} · {}/{} works · {}/{} pages · {} requests{} · ETA {:.0f} s   ", p.query,
                 p.page, p.query_works, p.query_count, pages_, total_pages_, p.requests, budget, eta);
      std::fflush(stderr);
    } else if (now - last_line_ > std::chrono::seconds(2) || pages_ == total_pages_) {
      last_line_ = now;
      ordered_json j = {{"query", p.query},          {"page", p.page},
                        {"query_works", p.query_works}, {"query_count", p.query_count},
                        {"pages_done", pages_},        {"pages_total", total_pages_},
                        {"requests", p.requests},      {"eta_s", std::round(eta)}};
      if (p.ratelimit_remaining >= 0) j["credits_left"] = p.ratelimit_remaining;
      fmt::print(stderr, "{}\n", j.dump());
    }
  }
  void Finish() {
    if (mode_ == pipeline::ProgressMode::kBar) fmt::print(stderr, "\n");
  }

 private:
  pipeline::ProgressMode mode_;
  uint64_t total_pages_;
  uint64_t pages_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_line_{};
};

// Each side's output per year from the group_by queries, added up by their signs, into
// CACHE/totals.json (which scan puts in the totals table).
source::FetchResult FetchTotals(source::ApiFetcher& fetcher, const select::StudyDefinition& study,
                                const std::vector<select::ApiTotalsQuery>& queries, const std::string& cache) {
  std::map<std::tuple<std::string, std::string, int>, int64_t> sums;
  for (const select::ApiTotalsQuery& t : queries) {
    source::FetchResult result;
    Result<source::GroupCounts> counts =
        fetcher.FetchGroupBy(source::ApiQuery{t.id, t.filter, "", "", t.group_by}, &result);
    if (!counts.ok()) {
      if (result.ok()) result = source::FetchResult{source::FetchOutcome::kCacheError, counts.status().message(), t.id};
      return result;
    }
    for (const source::GroupCount& g : counts->groups) {
      std::string key = g.key.substr(g.key.find_last_of('/') + 1);  // "CN", or a country URL
      if (t.unit_kind == "country") {
        for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (std::find(t.units.begin(), t.units.end(), key) != t.units.end()) {
          sums[{"country", key, t.year}] += t.sign * static_cast<int64_t>(g.count);
        }
      } else {
        int year = std::atoi(key.c_str());
        if (year >= study.year_from && year <= study.year_to) {
          sums[{"group", t.units.at(0), year}] += t.sign * static_cast<int64_t>(g.count);
        }
      }
    }
  }
  ordered_json doc;
  doc["source"] = "OpenAlex API group_by counts (entangle fetch): works in the field by country and year, and by "
                  "group and year; whole counting; alternatives of the field added by inclusion-exclusion";
  doc["study_sha256"] = study.sha256;
  doc["rows"] = ordered_json::array();
  for (const auto& [key, value] : sums) {
    const auto& [kind, unit, year] = key;
    doc["rows"].push_back(
        {{"unit_kind", kind}, {"unit", unit}, {"year", year}, {"whole", std::max<int64_t>(0, value)}});
  }
  doc["queries"] = ordered_json::array();
  for (const select::ApiTotalsQuery& t : queries) {
    doc["queries"].push_back({{"id", t.id}, {"filter", t.filter}, {"group_by", t.group_by}, {"sign", t.sign}});
  }
  Status written = WriteFileAtomically((fs::path(cache) / "totals.json").string(), doc.dump(1) + "\n");
  if (!written.ok()) return source::FetchResult{source::FetchOutcome::kCacheError, written.ToString(), "totals"};
  return source::FetchResult{};
}

}  // namespace

int RunFetch(const FetchArgs& args) {
  Result<select::StudyDefinition> study = select::LoadStudyDefinition(args.study_path);
  if (!study.ok()) {
    fmt::print(stderr, "entangle fetch: {}\n", study.status().ToString());
    return 1;
  }
  select::ApiFilterOptions filter_options;
  filter_options.institution = args.institution;
  Result<std::vector<select::ApiFilterQuery>> queries = select::StudyApiQueries(*study, filter_options);
  if (!queries.ok()) {
    fmt::print(stderr, "entangle fetch: {}\n", queries.status().ToString());
    return queries.status().code() == Status::Code::kInvalidArgument ? 2 : 1;
  }
  Result<std::string> key = ApiKey(args);
  if (!key.ok()) {
    fmt::print(stderr, "entangle fetch: {}\n", key.status().ToString());
    return 2;
  }
  if (key->empty()) {
    fmt::print(stderr,
               "entangle fetch: no API key (set OPENALEX_API_KEY, or --key-file): the API allows a small daily "
               "budget without one\n");
  }
  std::vector<PlannedQuery> plan;
  Result<source::Journal> journal = source::ReadJournal(args.out);
  source::HttpClientOptions http_options;
  http_options.total_timeout_ms = static_cast<long>(args.timeout_s * 1000);
  // Its own connection, closed before the fetcher opens one (a server may serve one at a time).
  auto http = std::make_unique<source::HttpClient>(http_options);
  for (const select::ApiFilterQuery& q : *queries) {
    PlannedQuery p{q};
    const source::JournalQuery* cached = nullptr;
    if (journal.ok() && journal->queries.count(q.id)) cached = &journal->queries.at(q.id);
    if (cached != nullptr && cached->complete) {
      p.cached = true;
      p.count = cached->pages.empty() ? 0 : cached->pages.back().count;
    } else {
      Result<uint64_t> count = CountQuery(*http, args, *key, study->include_xpac, q.filter);
      if (!count.ok()) {
        fmt::print(stderr, "entangle fetch: {}: {}\n", q.id, source::RedactKey(count.status().ToString(), *key));
        return count.status().code() == Status::Code::kAborted ? kExitResumable : 1;
      }
      p.count = *count;
    }
    plan.push_back(std::move(p));
  }
  http.reset();
  Result<std::vector<select::ApiTotalsQuery>> totals = select::StudyApiTotalsQueries(*study, filter_options);
  std::vector<std::string> caveats = select::ApiFilterCaveats(*study);
  if (!args.json || args.dry_run) PrintPlan(plan, args.per_page, totals, args.prices, caveats);
  if (args.dry_run) return 0;

  fs::path plan_path = fs::path(args.out) / "fetch.json";
  if (Status same = CheckExistingPlan(plan_path, plan); !same.ok()) {
    fmt::print(stderr, "entangle fetch: {}\n", same.ToString());
    return 2;
  }
  if (Status written = WriteFileAtomically(plan_path.string(), PlanJson(*study, args, plan).dump(2) + "\n");
      !written.ok()) {
    fmt::print(stderr, "entangle fetch: {}\n", written.ToString());
    return 1;
  }

  uint64_t total_pages = 0;
  for (const PlannedQuery& p : plan) total_pages += p.cached ? 0 : Pages(p.count, args.per_page);
  if (totals.ok()) total_pages += totals->size();
  FetchProgressPrinter printer(pipeline::ResolveProgressMode(pipeline::ProgressModeNamed(args.progress)), total_pages);
  source::FetchOptions options;
  options.api_url = args.api_url;
  options.api_key = *key;
  options.include_xpac = study->include_xpac;
  options.per_page = args.per_page;
  options.max_requests = args.max_requests;
  options.http = http_options;
  options.progress = [&printer](const source::FetchProgress& p) { printer.Page(p); };
  source::ApiFetcher fetcher(args.out, options);
  source::FetchResult stopped;
  for (const PlannedQuery& p : plan) {
    source::FetchResult result = fetcher.Fetch(source::ApiQuery{p.query.id, p.query.filter, "", "", ""});
    if (!result.ok()) {
      stopped = result;
      break;
    }
  }
  if (stopped.ok() && totals.ok()) stopped = FetchTotals(fetcher, *study, *totals, args.out);
  printer.Finish();
  const source::FetchStats& stats = fetcher.stats();
  if (args.json) {
    ordered_json j = {{"cache", args.out},
                      {"outcome", source::FetchOutcomeName(stopped.outcome)},
                      {"message", stopped.message},
                      {"queries", plan.size()},
                      {"queries_complete", stats.queries_complete},
                      {"requests", stats.requests},
                      {"pages", stats.pages},
                      {"works", stats.works},
                      {"retries", stats.retries}};
    fmt::print("{}\n", j.dump());
  } else {
    fmt::print("Fetched: {} pages, {} works in {} requests ({} retries); {} of {} queries complete\n", stats.pages,
               stats.works, stats.requests, stats.retries, stats.queries_complete, plan.size());
  }
  if (!stopped.ok()) {
    fmt::print(stderr, "entangle fetch: stopped ({}): {}\n", source::FetchOutcomeName(stopped.outcome),
               stopped.message);
    if (source::IsResumable(stopped.outcome)) {
      fmt::print(stderr, "entangle fetch: run the same command again to resume; nothing fetched is fetched twice\n");
      return kExitResumable;
    }
    return 1;
  }
  fmt::print("Cache:   {} (read it with: entangle scan {} --study {} --db DB)\n", args.out, args.out,
             args.study_path);
  return 0;
}


void AddFetchOptions(CLI::App& command, FetchArgs& args) {
  command.add_option("--api-url", args.api_url, "OpenAlex API base URL")->capture_default_str();
  command.add_option("--institution", args.institution,
                     "Only joint works of this institution (OpenAlex id I… or ROR id): a few hundred requests");
  command.add_option("--key-file", args.key_file,
                     "File holding the API key (else OPENALEX_API_KEY, else ~/.config/entangle/openalex-api-key)");
  command.add_option("--per-page", args.per_page, "Works per page (the fetcher falls back to 100 if refused)")
      ->check(CLI::Range(1, 200))
      ->capture_default_str();
  command.add_option("--max-requests", args.max_requests, "Stop (resumably) after this many requests; 0 = no limit")
      ->capture_default_str();
  command.add_option("--timeout", args.timeout_s, "Seconds a request may take")->capture_default_str();
  command.add_option("--page-credits", args.prices.page_credits, "Price of a page, in credits")->capture_default_str();
  command.add_option("--search-page-credits", args.prices.search_page_credits,
                     "Price of a page with a search filter, in credits")
      ->capture_default_str();
  command.add_option("--usd-per-credit", args.prices.usd_per_credit, "US dollars per credit")->capture_default_str();
  command.add_option("--daily-credits", args.prices.daily_credits, "Credits your key has a day")->capture_default_str();
}

void RegisterFetch(CLI::App& app) {
  auto args = std::make_shared<FetchArgs>();
  args->study_path = DefaultStudyPath();
  CLI::App* fetch = app.add_subcommand("fetch", "Fetch a study's joint works from the OpenAlex API into a cache");
  ShippedStudyOption(fetch->add_option("study", args->study_path, "Study definition (TOML)"))->capture_default_str();
  fetch->add_option("--out", args->out, "Cache folder (created; a second run resumes it)")->required();
  AddFetchOptions(*fetch, *args);
  fetch->add_flag("--dry-run", args->dry_run,
                  "Print the queries, how many works each matches and what the fetch will cost; fetch nothing");
  fetch->add_flag("--json", args->json, "Print the outcome as one JSON object");
  fetch->add_option("--progress", args->progress, "Progress on stderr: auto, bar, json or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}))
      ->capture_default_str();
  fetch->callback([args] { SetExitCode(RunFetch(*args)); });
}

}  // namespace entangle::cli
