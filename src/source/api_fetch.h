#pragma once
// The OpenAlex REST API fetcher's pager: cursor-pages `GET {api_url}/works?filter=...` (or a
// group_by query) and writes every raw page into a resumable cache. Faults are values: transient
// ones are retried with backoff, the rest stop the query with an outcome and a message; the
// journal is the checkpoint, so running the same fetch again resumes where it stopped.
//
// Cache layout (CACHE = the cache_dir argument) — the contract with the cache's readers:
//   CACHE/pages/<query id>/<page, 6 digits from 000001>.json.gz
//       The response body exactly as received (after Content-Encoding is undone), gzipped.
//       Written to "<name>.tmp", fsynced, renamed into place, directory fsynced.
//   CACHE/journal.jsonl
//       Appended and fsynced after the page file is in place; one JSON object per line:
//       {"query":"q001","page":1,"file":"pages/q001/000001.json.gz","url":"<request URL, api_key=REDACTED>",
//        "date":"<response Date as ISO-8601 UTC, else the local UTC clock>","cursor":"*",
//        "next_cursor":"..." or null,"results":N,"count":<meta.count>,"per_page":200}
//       plus "group_by":"<field>" on pages of a group_by query (whose results are meta + "group_by"
//       rows rather than "results"), and, when a query has reached its last page:
//       {"query":"q001","complete":true,"pages":P,"works":W}   (W = sum of "results"; groups for group_by)
//       A line that does not parse (cut short by a crash) is ignored and counted; the writer ends such
//       a torn line with '\n' before appending after it. A page file without a journal line (a crash
//       between rename and append) is not part of the cache: the next run fetches and overwrites it.
//   CACHE/lock   flock()ed while a fetch runs, so two fetches never share a cache.
// Pages of one query may repeat a work (the API's cursor is not a snapshot); readers dedupe by id.
// Resume: a complete query is not fetched again; an incomplete one continues from its last journaled
// page's next_cursor (at that page's per_page), numbering on from it.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "source/http_client.h"

namespace entangle::source {

struct ApiQuery {
  std::string id;        // names the cache folder, e.g. "q001"; [A-Za-z0-9_.-]+
  std::string filter;    // value of filter=
  std::string search;    // optional search=
  std::string select;    // optional select= (root fields only; not with group_by)
  std::string group_by;  // optional group_by=; the pages then hold group rows, not works
};

struct FetchProgress {
  std::string query;
  uint64_t page = 0;           // the page just written
  uint64_t query_works = 0;    // results written for this query so far
  uint64_t query_count = 0;    // meta.count of the query (what the server says it will return)
  uint64_t requests = 0;       // by this fetcher so far
  int64_t ratelimit_remaining = -1;
};

struct FetchOptions {
  std::string api_url = "https://api.openalex.org";
  std::string api_key;  // sent as api_key= when non-empty; never written anywhere
  std::string mailto;
  bool include_xpac = false;
  int per_page = 200;  // a 4xx naming per_page/per-page makes the fetcher fall back to 100 and keep it
  int max_retries = 8;
  std::chrono::milliseconds base_delay{500}, max_delay{60000};
  std::chrono::seconds max_retry_after{120};
  uint64_t max_requests = 0;  // 0 = unbounded; a resumable stop when reached
  std::function<void(std::chrono::milliseconds)> sleep;  // default: std::this_thread::sleep_for
  std::function<void(const FetchProgress&)> progress;
  HttpClientOptions http;
};

struct FetchStats {
  uint64_t requests = 0, pages = 0, works = 0, retries = 0;
  uint64_t queries_complete = 0;        // queries that ended complete (this run or an earlier one)
  uint64_t queries_already_cached = 0;  // of those, complete in the journal before this run
  uint64_t journal_torn_lines = 0;      // unreadable journal lines met on resume
  int per_page = 0;                     // the page size in use (after any fallback)
  int64_t ratelimit_limit = -1, ratelimit_remaining = -1;  // last X-RateLimit-* seen; -1 = none
};

enum class FetchOutcome {
  kComplete,
  kBudgetExhausted,   // 429 for a spent daily budget; resumable after midnight UTC
  kRetriesExhausted,  // transient faults outlasted max_retries; resumable
  kRequestLimit,      // max_requests reached; resumable
  kKeyRefused,        // 401/403
  kCursorRepeated,    // the server handed back a cursor the query had already used
  kRejected,          // another 4xx (bad filter, URL too long): the query must change
  kCacheError,        // the cache could not be read or written
};
const char* FetchOutcomeName(FetchOutcome outcome);  // "complete", "budget_exhausted", "cursor_repeated", ...
// True when running the same fetch again can finish it.
bool IsResumable(FetchOutcome outcome);

struct FetchResult {
  FetchOutcome outcome = FetchOutcome::kComplete;
  std::string message;  // names query and page; never the key
  std::string query;
  uint64_t page = 0;                     // the page being fetched when it stopped
  std::chrono::seconds resume_after{0};  // budget_exhausted: time left until midnight UTC
  bool ok() const { return outcome == FetchOutcome::kComplete; }
};

struct GroupCount {
  std::string key, key_display_name;
  uint64_t count = 0;
};
struct GroupCounts {
  uint64_t total = 0;  // meta.count of the first page
  std::vector<GroupCount> groups;
};

// Fetches queries into one cache; keeps one HTTP connection and the page-size fallback across them.
class ApiFetcher {
 public:
  ApiFetcher(std::string cache_dir, FetchOptions options);
  ~ApiFetcher();
  ApiFetcher(const ApiFetcher&) = delete;
  ApiFetcher& operator=(const ApiFetcher&) = delete;

  FetchResult Fetch(const ApiQuery& query);
  // Fetch() of a group_by query, then its rows read back from the cache (also when already cached).
  Result<GroupCounts> FetchGroupBy(const ApiQuery& query, FetchResult* result = nullptr);

  const FetchStats& stats() const { return stats_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  FetchStats stats_;
};

// One query into `cache_dir`, `stats` accumulating.
FetchResult FetchQuery(const ApiQuery& query, const std::string& cache_dir, const FetchOptions& options,
                       FetchStats& stats);
// One group_by query (`filter` grouped by `group_by_field`), cached under `id` like any query.
Result<GroupCounts> FetchGroupBy(const std::string& id, const std::string& filter, const std::string& group_by_field,
                                 const std::string& cache_dir, const FetchOptions& options, FetchStats& stats);

// True when a 429 means the daily budget is spent (stop; retrying cannot help before midnight UTC)
// rather than a burst limit (wait and retry). OpenAlex's proxy says "Insufficient budget" and sends
// X-RateLimit-Remaining below X-RateLimit-Credits-Required; a zero X-RateLimit-Remaining whose reset
// (or Retry-After) is further away than `max_retry_after` counts too.
bool IsBudgetExhausted(const HttpResult& response, std::chrono::seconds max_retry_after = std::chrono::seconds(120));

// Seconds from `now` to the next midnight UTC.
std::chrono::seconds TimeUntilMidnightUtc(std::chrono::system_clock::time_point now);

// The journal as written, for readers of the cache.
struct JournalPage {
  std::string query, file, url, date, cursor, group_by;
  std::optional<std::string> next_cursor;
  uint64_t page = 0, results = 0, count = 0;
  int per_page = 0;
};
struct JournalQuery {
  std::vector<JournalPage> pages;  // in journal order (page 1, 2, ...)
  bool complete = false;
  uint64_t works = 0;  // sum of results over pages
};
struct Journal {
  std::map<std::string, JournalQuery> queries;
  uint64_t torn_lines = 0;
};
// A missing journal is an empty one.
Result<Journal> ReadJournal(const std::string& cache_dir);
// A cached page's bytes (gunzipped).
Result<std::string> ReadCachedPage(const std::string& path);

}  // namespace entangle::source
