#include "source/api_fetch.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <simdjson.h>
#include <thread>

#include "common/ascii.h"
#include "common/clock.h"
#include "common/durable_file.h"

namespace entangle::source {
namespace {

constexpr const char* kJournalName = "journal.jsonl";
constexpr const char* kLockName = "lock";
constexpr int kFallbackPerPage = 100;
constexpr size_t kBodySnippet = 300;

using OrderedJson = nlohmann::ordered_json;

std::string Errno(const std::string& path) { return path + ": " + std::strerror(errno); }

// Gzip of `text` in one member (ISA-L level 1, mtime 0: the same body gives the same file).
Result<std::string> GzipBytes(std::string_view text) {
  // The deflater may read a little past its input (see synth/gzip_writer.cc): give it zeros there.
  std::string input(text);
  input.append(512, '\0');
  std::vector<uint8_t> level_buf(ISAL_DEF_LVL1_DEFAULT);
  isal_zstream s;
  isal_deflate_init(&s);
  s.gzip_flag = IGZIP_GZIP;
  s.level = 1;
  s.level_buf = level_buf.data();
  s.level_buf_size = static_cast<uint32_t>(level_buf.size());
  s.end_of_stream = 1;
  s.flush = NO_FLUSH;
  s.next_in = reinterpret_cast<uint8_t*>(input.data());
  s.avail_in = static_cast<uint32_t>(text.size());
  std::string out(text.size() + text.size() / 8 + 1024, '\0');
  size_t produced = 0;
  while (true) {
    s.next_out = reinterpret_cast<uint8_t*>(out.data()) + produced;
    s.avail_out = static_cast<uint32_t>(out.size() - produced);
    if (isal_deflate(&s) != COMP_OK) return Status::IOError("gzip: isal_deflate failed");
    produced = out.size() - s.avail_out;
    if (s.internal_state.state == ZSTATE_END) break;
    out.resize(out.size() * 2);
  }
  out.resize(produced);
  return out;
}

Result<std::string> GunzipBytes(std::string_view data, const std::string& path) {
  inflate_state s;
  isal_inflate_init(&s);
  s.crc_flag = ISAL_GZIP;
  s.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uint32_t>(data.size());
  std::string out(data.size() * 4 + 4096, '\0');
  size_t produced = 0;
  while (true) {
    s.next_out = reinterpret_cast<uint8_t*>(out.data()) + produced;
    s.avail_out = static_cast<uint32_t>(out.size() - produced);
    int rc = isal_inflate(&s);
    if (rc != ISAL_DECOMP_OK) return Status::Corruption(path + ": not valid gzip (" + std::to_string(rc) + ")");
    produced = out.size() - s.avail_out;
    if (s.block_state == ISAL_BLOCK_FINISH) break;
    if (s.avail_out > 0 && s.avail_in == 0) return Status::Corruption(path + ": gzip data cut short");
    out.resize(out.size() * 2);
  }
  out.resize(produced);
  return out;
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IOError(Errno(path));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

Status MakeDirectories(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return ec ? Status::IOError(dir + ": " + ec.message()) : Status::OK();
}

// Temp name, fsync, rename, fsync of the directory: after a crash the file is whole or absent.
// Not WriteFileAtomically: its temp names are unique per process, so a fetch killed mid-write would
// leave one behind for good; this fixed name is replaced when the resumed fetch writes the page.
Status WriteFileDurably(const std::string& path, std::string_view bytes) {
  std::string temp = path + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(Errno(temp));
  Status st = WriteAll(fd, bytes, temp);
  if (st.ok() && ::fsync(fd) != 0) st = Status::IOError(Errno(temp));
  if (::close(fd) != 0 && st.ok()) st = Status::IOError(Errno(temp));
  if (st.ok() && ::rename(temp.c_str(), path.c_str()) != 0) st = Status::IOError(Errno(path));
  if (!st.ok()) {
    ::unlink(temp.c_str());
    return st;
  }
  return FsyncPath(std::filesystem::path(path).parent_path().string(), /*directory=*/true);
}

std::string ResponseDate(const HttpResult& response) {
  if (const std::string* date = response.Header("date")) {
    std::time_t t = curl_getdate(date->c_str(), nullptr);
    if (t > 0) return IsoUtc(t);
  }
  return IsoUtc(std::time(nullptr));
}

std::optional<int64_t> HeaderInt(const HttpResult& response, const std::string& name) {
  const std::string* value = response.Header(name);
  if (value == nullptr) return std::nullopt;
  std::string_view text = TrimWhitespace(*value);
  if (!IsAllDigits(text) || text.size() > 18) return std::nullopt;
  return std::stoll(std::string(text));
}

// Retry-After as delay-seconds or an HTTP date.
std::optional<std::chrono::seconds> RetryAfter(const HttpResult& response) {
  const std::string* value = response.Header("retry-after");
  if (value == nullptr) return std::nullopt;
  if (auto seconds = HeaderInt(response, "retry-after")) return std::chrono::seconds(*seconds);
  std::time_t when = curl_getdate(value->c_str(), nullptr);
  if (when <= 0) return std::nullopt;
  return std::chrono::seconds(std::max<int64_t>(0, static_cast<int64_t>(when - std::time(nullptr))));
}

bool ValidQueryId(const std::string& id) {
  if (id.empty() || id == "." || id == ".." || id.size() > 100) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

std::string PageFileName(const std::string& query, uint64_t page) {
  char number[32];
  std::snprintf(number, sizeof number, "%06llu", static_cast<unsigned long long>(page));
  return "pages/" + query + "/" + number + ".json.gz";
}

struct ParsedPage {
  std::string error;  // empty when the body is a page
  uint64_t results = 0, count = 0;
  std::optional<std::string> next_cursor;
};

// simdjson, not nlohmann: a page of 200 full works is megabytes, and every page is checked whole.
ParsedPage ParsePage(const std::string& body, bool group_by) {
  ParsedPage page;
  simdjson::dom::parser parser;
  simdjson::padded_string json(body);
  simdjson::dom::element doc;
  simdjson::dom::object meta;
  simdjson::dom::array rows;
  const char* rows_key = group_by ? "group_by" : "results";
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) {
    page.error = "the body is not JSON";
  } else if (doc["meta"].get(meta) != simdjson::SUCCESS) {
    page.error = "the body has no \"meta\" object";
  } else if (doc[rows_key].get(rows) != simdjson::SUCCESS) {
    page.error = std::string("the body has no \"") + rows_key + "\" array";
  } else {
    page.results = rows.size();
    uint64_t count = 0;
    if (meta["count"].get(count) == simdjson::SUCCESS) page.count = count;
    std::string_view next;
    if (meta["next_cursor"].get(next) == simdjson::SUCCESS) page.next_cursor = std::string(next);
  }
  return page;
}

}  // namespace

const char* FetchOutcomeName(FetchOutcome outcome) {
  switch (outcome) {
    case FetchOutcome::kComplete:
      return "complete";
    case FetchOutcome::kBudgetExhausted:
      return "budget_exhausted";
    case FetchOutcome::kRetriesExhausted:
      return "retries_exhausted";
    case FetchOutcome::kRequestLimit:
      return "request_limit";
    case FetchOutcome::kKeyRefused:
      return "key_refused";
    case FetchOutcome::kCursorRepeated:
      return "cursor_repeated";
    case FetchOutcome::kRejected:
      return "rejected";
    case FetchOutcome::kCacheError:
      return "cache_error";
  }
  return "unknown";
}

bool IsResumable(FetchOutcome outcome) {
  return outcome == FetchOutcome::kBudgetExhausted || outcome == FetchOutcome::kRetriesExhausted ||
         outcome == FetchOutcome::kRequestLimit || outcome == FetchOutcome::kCacheError;
}

bool IsBudgetExhausted(const HttpResult& response, std::chrono::seconds max_retry_after) {
  if (response.status != 429) return false;
  std::string body = AsciiLower(response.body.substr(0, 4096));
  for (const char* phrase : {"insufficient budget", "insufficient credits", "daily limit", "daily budget",
                             "credits exhausted", "budget exhausted"}) {
    if (body.find(phrase) != std::string::npos) return true;
  }
  auto remaining = HeaderInt(response, "x-ratelimit-remaining");
  auto required = HeaderInt(response, "x-ratelimit-credits-required");
  if (remaining && required && *remaining < *required) return true;
  if (remaining && *remaining == 0) {
    // X-RateLimit-Reset is seconds until the reset on OpenAlex; tolerate an epoch timestamp too.
    std::optional<int64_t> wait = HeaderInt(response, "x-ratelimit-reset");
    if (wait && *wait > 1'000'000'000) wait = *wait - static_cast<int64_t>(std::time(nullptr));
    if (!wait) {
      if (auto after = RetryAfter(response)) wait = after->count();
    }
    if (wait && *wait > max_retry_after.count()) return true;
  }
  return false;
}

std::chrono::seconds TimeUntilMidnightUtc(std::chrono::system_clock::time_point now) {
  auto since_epoch = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  constexpr int64_t kDay = 86400;
  return std::chrono::seconds(kDay - ((since_epoch % kDay) + kDay) % kDay);
}

Result<Journal> ReadJournal(const std::string& cache_dir) {
  Journal journal;
  std::string path = cache_dir + "/" + kJournalName;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return journal;
    return Status::IOError(Errno(path));
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("query") || !j["query"].is_string()) {
      ++journal.torn_lines;
      continue;
    }
    JournalQuery& query = journal.queries[j["query"].get<std::string>()];
    if (j.value("complete", false)) {
      query.complete = true;
      continue;
    }
    JournalPage page;
    page.query = j["query"].get<std::string>();
    page.page = j.value("page", uint64_t{0});
    page.file = j.value("file", std::string());
    page.url = j.value("url", std::string());
    page.date = j.value("date", std::string());
    page.cursor = j.value("cursor", std::string());
    page.group_by = j.value("group_by", std::string());
    if (j.contains("next_cursor") && j["next_cursor"].is_string()) {
      page.next_cursor = j["next_cursor"].get<std::string>();
    }
    page.results = j.value("results", uint64_t{0});
    page.count = j.value("count", uint64_t{0});
    page.per_page = j.value("per_page", 0);
    if (page.page == 0 || page.file.empty()) {
      ++journal.torn_lines;
      continue;
    }
    query.works += page.results;
    query.pages.push_back(std::move(page));
  }
  return journal;
}

Result<std::string> ReadCachedPage(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(Errno(path));
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return GunzipBytes(data, path);
}

struct ApiFetcher::State {
  State(std::string dir, FetchOptions opts)
      : cache_dir(std::move(dir)), options(std::move(opts)), client(options.http), rng(std::random_device{}()) {
    while (options.api_url.size() > 1 && options.api_url.back() == '/') options.api_url.pop_back();
    per_page = options.per_page > 0 ? options.per_page : kFallbackPerPage;
  }
  ~State() {
    if (journal_fd >= 0) ::close(journal_fd);
    if (lock_fd >= 0) ::close(lock_fd);  // releases the flock
  }

  std::string cache_dir;
  FetchOptions options;
  HttpClient client;
  std::mt19937_64 rng;
  int per_page = 0;
  int lock_fd = -1, journal_fd = -1;

  // Redacts api_key= parameters and, should a server echo it some other way, the key itself.
  std::string Scrub(std::string text) const { return RedactKey(std::move(text), options.api_key); }

  // Takes the cache's lock and opens the journal for appending, ending a torn last line first.
  Status Open() {
    if (journal_fd >= 0) return Status::OK();
    ENTANGLE_RETURN_IF_ERROR(MakeDirectories(cache_dir + "/pages"));
    std::string lock_path = cache_dir + "/" + kLockName;
    lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd < 0) return Status::IOError(Errno(lock_path));
    if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
      return Status::Aborted(cache_dir + ": another fetch is writing this cache (" + std::strerror(errno) + ")");
    }
    std::string path = cache_dir + "/" + kJournalName;
    journal_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (journal_fd < 0) return Status::IOError(Errno(path));
    struct stat st {};
    if (::fstat(journal_fd, &st) != 0) return Status::IOError(Errno(path));
    if (st.st_size > 0) {
      char last = 0;
      if (::pread(journal_fd, &last, 1, st.st_size - 1) != 1) return Status::IOError(Errno(path));
      if (last != '\n') ENTANGLE_RETURN_IF_ERROR(AppendJournal(""));
    }
    return FsyncPath(cache_dir, /*directory=*/true);
  }

  Status AppendJournal(const std::string& line) {
    std::string path = cache_dir + "/" + kJournalName;
    ENTANGLE_RETURN_IF_ERROR(WriteAll(journal_fd, line + "\n", path));
    if (::fdatasync(journal_fd) != 0) return Status::IOError(Errno(path));
    return Status::OK();
  }

  std::string BuildUrl(const ApiQuery& query, const std::string& cursor, int page_size) const {
    std::string url = options.api_url + "/works?";
    auto add = [&url](const char* name, const std::string& value) {
      if (url.back() != '?') url += '&';
      url += name;
      url += '=';
      url += UrlEncode(value);
    };
    if (!query.filter.empty()) add("filter", query.filter);
    if (!query.search.empty()) add("search", query.search);
    if (!query.select.empty()) add("select", query.select);
    if (!query.group_by.empty()) add("group_by", query.group_by);
    add("per_page", std::to_string(page_size));
    add("cursor", cursor);
    if (options.include_xpac) add("include_xpac", "true");
    if (!options.mailto.empty()) add("mailto", options.mailto);
    if (!options.api_key.empty()) add("api_key", options.api_key);
    return url;
  }

  // Full jitter: uniform in [0, min(max_delay, base * 2^attempt)].
  std::chrono::milliseconds Backoff(int attempt) {
    int64_t cap = options.base_delay.count();
    for (int i = 0; i < attempt && cap < options.max_delay.count(); ++i) cap *= 2;
    cap = std::min<int64_t>(cap, options.max_delay.count());
    if (cap <= 0) return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(0, cap)(rng));
  }

  void Sleep(std::chrono::milliseconds delay) {
    if (options.sleep) {
      options.sleep(delay);
    } else {
      std::this_thread::sleep_for(delay);
    }
  }
};

namespace {

std::string Where(const ApiQuery& query, uint64_t page) {
  return "query " + query.id + ", page " + std::to_string(page);
}

FetchResult Stop(FetchOutcome outcome, const ApiQuery& query, uint64_t page, std::string message) {
  FetchResult result;
  result.outcome = outcome;
  result.query = query.id;
  result.page = page;
  result.message = std::move(message);
  return result;
}

bool MentionsPerPage(const std::string& body) {
  std::string lower = AsciiLower(body.substr(0, 4096));
  return lower.find("per_page") != std::string::npos || lower.find("per-page") != std::string::npos;
}

}  // namespace

ApiFetcher::ApiFetcher(std::string cache_dir, FetchOptions options)
    : state_(std::make_unique<State>(std::move(cache_dir), std::move(options))) {
  stats_.per_page = state_->per_page;
}

ApiFetcher::~ApiFetcher() = default;

FetchResult ApiFetcher::Fetch(const ApiQuery& query) {
  State& s = *state_;
  if (!ValidQueryId(query.id)) {
    return Stop(FetchOutcome::kRejected, query, 0, "query id \"" + query.id + "\" is not a usable folder name");
  }
  if (Status st = s.Open(); !st.ok()) return Stop(FetchOutcome::kCacheError, query, 0, s.Scrub(st.message()));
  Result<Journal> journal = ReadJournal(s.cache_dir);
  if (!journal.ok()) return Stop(FetchOutcome::kCacheError, query, 0, s.Scrub(journal.status().message()));
  stats_.journal_torn_lines = journal->torn_lines;

  const bool group_by = !query.group_by.empty();
  uint64_t page = 1, works = 0;
  std::string cursor = "*";
  int per_page = s.per_page;
  std::map<std::string, uint64_t> used;  // cursor -> the page it fetched
  auto complete = [&](uint64_t pages) -> FetchResult {
    OrderedJson line = {{"query", query.id}, {"complete", true}, {"pages", pages}, {"works", works}};
    if (Status st = s.AppendJournal(line.dump()); !st.ok()) {
      return Stop(FetchOutcome::kCacheError, query, pages, s.Scrub(st.message()));
    }
    ++stats_.queries_complete;
    FetchResult result;
    result.query = query.id;
    result.page = pages;
    result.message = "query " + query.id + ": complete, " + std::to_string(pages) + " pages, " +
                     std::to_string(works) + (group_by ? " groups" : " works");
    return result;
  };
  auto repeated = [&](uint64_t at, const std::string& next) {
    return Stop(FetchOutcome::kCursorRepeated, query, at,
                "cursor_repeated: " + Where(query, at) + ": the API's next_cursor repeats the cursor of page " +
                    std::to_string(used[next]) + "; stopped rather than loop (the pages so far are cached)");
  };

  if (auto it = journal->queries.find(query.id); it != journal->queries.end()) {
    const JournalQuery& known = it->second;
    if (known.complete) {
      ++stats_.queries_complete;
      ++stats_.queries_already_cached;
      FetchResult result;
      result.query = query.id;
      result.page = known.pages.empty() ? 0 : known.pages.back().page;
      result.message = "query " + query.id + ": already complete in the cache";
      return result;
    }
    if (!known.pages.empty()) {
      for (const JournalPage& p : known.pages) used[p.cursor] = p.page;
      const JournalPage& last = known.pages.back();
      works = known.works;
      if (last.per_page > 0) per_page = last.per_page;  // a query keeps one page size across runs
      if (!last.next_cursor || last.results == 0) return complete(last.page);  // died before the complete line
      if (used.count(*last.next_cursor)) return repeated(last.page, *last.next_cursor);
      page = last.page + 1;
      cursor = *last.next_cursor;
    }
  }
  used[cursor] = page;

  while (true) {
    // One page, retried through transient faults.
    HttpResult response;
    ParsedPage parsed;
    std::string url;
    for (int attempt = 0;;) {
      if (s.options.max_requests > 0 && stats_.requests >= s.options.max_requests) {
        return Stop(FetchOutcome::kRequestLimit, query, page,
                    "request_limit: " + Where(query, page) + ": the limit of " +
                        std::to_string(s.options.max_requests) + " requests is reached; run again to resume");
      }
      url = s.BuildUrl(query, cursor, per_page);
      response = s.client.Get(url);
      ++stats_.requests;
      if (auto limit = HeaderInt(response, "x-ratelimit-limit")) stats_.ratelimit_limit = *limit;
      if (auto remaining = HeaderInt(response, "x-ratelimit-remaining")) stats_.ratelimit_remaining = *remaining;

      std::string problem;
      std::optional<std::chrono::milliseconds> wait;
      if (!response.ok()) {
        problem = response.message;
      } else if (response.status == 200) {
        parsed = ParsePage(response.body, group_by);
        if (parsed.error.empty()) break;
        problem = "the response is not a JSON page (" + parsed.error + ")";
      } else if (response.status == 429) {
        if (IsBudgetExhausted(response, s.options.max_retry_after)) {
          auto left = TimeUntilMidnightUtc(std::chrono::system_clock::now());
          auto hours = std::chrono::duration_cast<std::chrono::hours>(left);
          auto minutes = std::chrono::duration_cast<std::chrono::minutes>(left - hours);
          FetchResult result = Stop(
              FetchOutcome::kBudgetExhausted, query, page,
              "budget_exhausted: " + Where(query, page) +
                  ": the API's daily budget is spent; it resets at midnight UTC (in " + std::to_string(hours.count()) +
                  " h " + std::to_string(minutes.count()) + " min). The cache holds every page before this one; " +
                  "run again then to resume");
          result.resume_after = left;
          return result;
        }
        problem = "HTTP 429 (rate limited)";
        if (auto after = RetryAfter(response)) {
          wait = std::chrono::duration_cast<std::chrono::milliseconds>(std::min(*after, s.options.max_retry_after));
        }
      } else if (response.status >= 500) {
        problem = "HTTP " + std::to_string(response.status);
      } else if (response.status == 401 || response.status == 403) {
        return Stop(FetchOutcome::kKeyRefused, query, page,
                    "key_refused: " + Where(query, page) + ": the API key was refused (HTTP " +
                        std::to_string(response.status) + "); check the key in OPENALEX_API_KEY");
      } else if (response.status >= 400 && response.status < 500 && per_page > kFallbackPerPage &&
                 MentionsPerPage(response.body)) {
        per_page = kFallbackPerPage;  // the server's limit is lower than asked: use the documented one
        s.per_page = per_page;
        stats_.per_page = per_page;
        continue;
      } else {
        return Stop(FetchOutcome::kRejected, query, page,
                    "rejected: " + Where(query, page) + ": the API answered HTTP " + std::to_string(response.status) +
                        ": " + s.Scrub(response.body.substr(0, kBodySnippet)));
      }
      if (attempt >= s.options.max_retries) {
        return Stop(FetchOutcome::kRetriesExhausted, query, page,
                    "retries_exhausted: " + Where(query, page) + ": gave up after " + std::to_string(attempt) +
                        " retries (last: " + s.Scrub(problem) + "); the cache holds every page before this one; " +
                        "run again to resume");
      }
      s.Sleep(wait ? *wait : s.Backoff(attempt));
      ++stats_.retries;
      ++attempt;
    }

    // The page goes into place first, then its journal line: a journaled page is always on disk.
    std::string file = PageFileName(query.id, page);
    std::string path = s.cache_dir + "/" + file;
    Result<std::string> gz = GzipBytes(response.body);
    Status st = gz.ok() ? MakeDirectories(s.cache_dir + "/pages/" + query.id) : gz.status();
    if (st.ok()) st = WriteFileDurably(path, *gz);
    OrderedJson line = {{"query", query.id},
                        {"page", page},
                        {"file", file},
                        {"url", s.Scrub(url)},
                        {"date", ResponseDate(response)},
                        {"cursor", cursor},
                        {"next_cursor", parsed.next_cursor ? OrderedJson(*parsed.next_cursor) : OrderedJson(nullptr)},
                        {"results", parsed.results},
                        {"count", parsed.count},
                        {"per_page", per_page}};
    if (group_by) line["group_by"] = query.group_by;
    if (st.ok()) st = s.AppendJournal(line.dump());
    if (!st.ok()) return Stop(FetchOutcome::kCacheError, query, page, s.Scrub(st.message()));

    ++stats_.pages;
    stats_.works += parsed.results;
    works += parsed.results;
    if (s.options.progress) {
      FetchProgress progress;
      progress.query = query.id;
      progress.page = page;
      progress.query_works = works;
      progress.query_count = parsed.count;
      progress.requests = stats_.requests;
      progress.ratelimit_remaining = stats_.ratelimit_remaining;
      s.options.progress(progress);
    }
    if (!parsed.next_cursor || parsed.results == 0) return complete(page);
    if (used.count(*parsed.next_cursor)) return repeated(page, *parsed.next_cursor);
    cursor = *parsed.next_cursor;
    ++page;
    used[cursor] = page;
  }
}

Result<GroupCounts> ApiFetcher::FetchGroupBy(const ApiQuery& query, FetchResult* result_out) {
  if (query.group_by.empty()) return Status::InvalidArgument("query " + query.id + " has no group_by field");
  FetchResult result = Fetch(query);
  if (result_out != nullptr) *result_out = result;
  if (!result.ok()) return Status::Aborted(result.message);
  Result<Journal> journal = ReadJournal(state_->cache_dir);
  if (!journal.ok()) return journal.status();
  GroupCounts counts;
  auto it = journal->queries.find(query.id);
  if (it == journal->queries.end()) return counts;
  for (const JournalPage& page : it->second.pages) {
    Result<std::string> body = ReadCachedPage(state_->cache_dir + "/" + page.file);
    if (!body.ok()) return body.status();
    nlohmann::json doc = nlohmann::json::parse(*body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("group_by") || !doc["group_by"].is_array()) {
      return Status::Corruption(page.file + ": not a group_by page");
    }
    if (page.page == 1) counts.total = page.count;
    for (const nlohmann::json& row : doc["group_by"]) {
      if (!row.is_object()) continue;
      GroupCount group;
      if (row.contains("key")) group.key = row["key"].is_string() ? row["key"].get<std::string>() : row["key"].dump();
      if (row.contains("key_display_name") && row["key_display_name"].is_string()) {
        group.key_display_name = row["key_display_name"].get<std::string>();
      }
      if (row.contains("count") && row["count"].is_number_unsigned()) group.count = row["count"].get<uint64_t>();
      counts.groups.push_back(std::move(group));
    }
  }
  return counts;
}

namespace {

void Accumulate(const FetchStats& from, FetchStats& into) {
  into.requests += from.requests;
  into.pages += from.pages;
  into.works += from.works;
  into.retries += from.retries;
  into.queries_complete += from.queries_complete;
  into.queries_already_cached += from.queries_already_cached;
  into.journal_torn_lines = from.journal_torn_lines;
  into.per_page = from.per_page;
  if (from.ratelimit_limit >= 0) into.ratelimit_limit = from.ratelimit_limit;
  if (from.ratelimit_remaining >= 0) into.ratelimit_remaining = from.ratelimit_remaining;
}

}  // namespace

FetchResult FetchQuery(const ApiQuery& query, const std::string& cache_dir, const FetchOptions& options,
                       FetchStats& stats) {
  ApiFetcher fetcher(cache_dir, options);
  FetchResult result = fetcher.Fetch(query);
  Accumulate(fetcher.stats(), stats);
  return result;
}

Result<GroupCounts> FetchGroupBy(const std::string& id, const std::string& filter, const std::string& group_by_field,
                                 const std::string& cache_dir, const FetchOptions& options, FetchStats& stats) {
  ApiFetcher fetcher(cache_dir, options);
  ApiQuery query;
  query.id = id;
  query.filter = filter;
  query.group_by = group_by_field;
  Result<GroupCounts> counts = fetcher.FetchGroupBy(query);
  Accumulate(fetcher.stats(), stats);
  return counts;
}

}  // namespace entangle::source
