#include "source/api_fetch.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/replay_server.h"
#include "support/temp_dir.h"

namespace entangle::source {
namespace {

using testing::ReadFileText;
using testing::ReplayAction;
using testing::ReplayFault;
using testing::ReplayRequest;
using testing::ReplayServer;
using testing::TempDir;
using std::chrono::milliseconds;

constexpr char kKey[] = "sk-TEST-SECRET-123";
constexpr char kFilter[] = "institutions.country_code:cn|de,publication_year:2020-2023";
constexpr char kBudgetBody[] =
    "{\"error\":\"Rate limit exceeded\",\"message\":\"Insufficient budget. This request costs $0.0001 but you only "
    "have $0 remaining. Resets at midnight UTC. Need more? Add funds at https://openalex.org/pricing\","
    "\"retryAfter\":40000,\"creditsRequired\":1,\"creditsRemaining\":0}";
constexpr char kBurstBody[] =
    "{\"error\":\"Rate limit exceeded\",\"message\":\"Rate limit exceeded: 100 requests per second. Please slow "
    "down.\",\"retryAfter\":1}";

std::string SharedPage(const std::string& name) {
  return ReadFileText(std::string(ENTANGLE_SHARED_DIR) + "/data/openalex/api-pages/" + name);
}

// A real saved page with its meta.next_cursor rewritten, so it chains into the generated ones.
std::string ChainedRealPage(const std::string& name, const std::string& next_cursor) {
  nlohmann::json page = nlohmann::json::parse(SharedPage(name));
  page["meta"]["next_cursor"] = next_cursor;
  return page.dump();
}

std::string SyntheticPage(int first_id, int works, const std::optional<std::string>& next_cursor) {
  nlohmann::json page;
  page["meta"] = {{"count", 110}, {"db_response_time_ms", 1}, {"page", nullptr}, {"per_page", 100}};
  page["meta"]["next_cursor"] = next_cursor ? nlohmann::json(*next_cursor) : nlohmann::json(nullptr);
  page["results"] = nlohmann::json::array();
  for (int i = 0; i < works; ++i) {
    page["results"].push_back({{"id", "https://openalex.org/W" + std::to_string(900000000 + first_id + i)},
                               {"title", "Synthetic work " + std::to_string(first_id + i)},
                               {"publication_year", 2021}});
  }
  return page.dump();
}

// A small OpenAlex: cursor "*" -> real page (50 works) -> real page (50) -> 5 synthetic -> 5 synthetic ->
// an empty last page with a null next_cursor, as the API ends a cursor walk. Faults come from `fault`,
// asked before each answer with the request's 0-based index.
class FakeOpenAlex {
 public:
  FakeOpenAlex() {
    static const std::string real1 = ChainedRealPage("works-page1.json", "c1");  // parsed once per process
    static const std::string real2 = ChainedRealPage("works-2020-2023-page1.json", "c2");
    pages_["*"] = real1;
    pages_["c1"] = real2;
    pages_["c2"] = SyntheticPage(1, 5, "c3");
    pages_["c3"] = SyntheticPage(6, 5, "c4");
    pages_["c4"] = SyntheticPage(11, 0, std::nullopt);
  }

  ReplayServer::Handler handler() {
    return [this](const ReplayRequest& request) { return Handle(request); };
  }

  ReplayAction Handle(const ReplayRequest& request) {
    size_t index = requests_++;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto key = request.query.find("api_key"); key != request.query.end()) keys_.insert(key->second);
      per_pages_.push_back(request.query.count("per_page") ? std::stoi(request.query.at("per_page")) : 0);
    }
    if (fault) {
      if (std::optional<ReplayAction> action = fault(request, index)) return *action;
    }
    ReplayAction action = Base(index);
    action.delay_ms = delay_ms.load();
    if (request.path != "/works") return Error(404, "not found");
    int per_page = request.query.count("per_page") ? std::stoi(request.query.at("per_page")) : 25;
    if (per_page > max_per_page) {
      return Error(400, "{\"error\":\"Pagination error.\",\"message\":\"per-page parameter must be between 1 and " +
                            std::to_string(max_per_page) + ".\"}");
    }
    if (request.query.count("group_by")) {
      action.body =
          "{\"meta\":{\"count\":110,\"groups_count\":2,\"next_cursor\":null},\"group_by\":["
          "{\"key\":\"CN\",\"key_display_name\":\"China\",\"count\":70},"
          "{\"key\":\"DE\",\"key_display_name\":\"Germany\",\"count\":40}]}";
      return action;
    }
    auto page = pages_.find(request.query.count("cursor") ? request.query.at("cursor") : "");
    if (page == pages_.end()) return Error(400, "{\"error\":\"Invalid cursor\"}");
    action.body = page->second;
    return action;
  }

  static ReplayAction Base(size_t index) {
    ReplayAction action;
    action.headers = {{"Date", "Mon, 07 Dec 2026 10:00:00 GMT"},
                      {"X-RateLimit-Limit", "10000"},
                      {"X-RateLimit-Remaining", std::to_string(9999 - index)}};
    return action;
  }
  static ReplayAction Error(int status, std::string body) {
    ReplayAction action = Base(0);
    action.status = status;
    action.body = std::move(body);
    return action;
  }

  // The body served for `cursor`; tests may rewrite one (the repeated-cursor case).
  std::string& page(const std::string& cursor) { return pages_[cursor]; }
  size_t requests() const { return requests_.load(); }
  std::set<std::string> keys() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return keys_;
  }
  std::vector<int> per_pages() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return per_pages_;
  }

  std::function<std::optional<ReplayAction>(const ReplayRequest&, size_t)> fault;
  int max_per_page = 200;
  std::atomic<int> delay_ms{0};

 private:
  std::map<std::string, std::string> pages_;
  std::atomic<size_t> requests_{0};
  mutable std::mutex mutex_;
  std::set<std::string> keys_;
  std::vector<int> per_pages_;
};

constexpr uint64_t kPages = 5;
constexpr uint64_t kWorks = 50 + 50 + 5 + 5;

struct Harness {
  FakeOpenAlex api;
  std::unique_ptr<ReplayServer> server;
  std::vector<milliseconds> sleeps;
  std::mutex sleeps_mutex;

  Harness() : server(std::make_unique<ReplayServer>(api.handler(), 200)) {}

  FetchOptions Options() {
    FetchOptions options;
    options.api_url = server->base_url();
    options.base_delay = milliseconds(500);
    options.max_retries = 4;
    options.max_requests = 60;
    options.sleep = [this](milliseconds delay) {
      std::lock_guard<std::mutex> lock(sleeps_mutex);
      sleeps.push_back(delay);
    };
    options.http.total_timeout_ms = 2000;
    options.http.connect_timeout_ms = 1000;
    return options;
  }
};

ApiQuery Query(const std::string& id = "q001") {
  ApiQuery query;
  query.id = id;
  query.filter = kFilter;
  return query;
}

// Every page file of a cache (relative name -> gunzipped bytes); leftover temp files are listed as such.
std::map<std::string, std::string> PageFiles(const std::string& cache_dir) {
  std::map<std::string, std::string> files;
  std::filesystem::path pages = std::filesystem::path(cache_dir) / "pages";
  if (!std::filesystem::exists(pages)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(pages)) {
    if (!entry.is_regular_file()) continue;
    std::string name = std::filesystem::relative(entry.path(), cache_dir).string();
    Result<std::string> bytes = ReadCachedPage(entry.path().string());
    files[name] = bytes.ok() ? *bytes : "<unreadable: " + bytes.status().message() + ">";
  }
  return files;
}

std::multiset<std::string> WorkIds(const std::map<std::string, std::string>& files) {
  std::multiset<std::string> ids;
  for (const auto& [name, bytes] : files) {
    nlohmann::json page = nlohmann::json::parse(bytes, nullptr, false);
    if (page.is_discarded() || !page.contains("results")) continue;
    for (const auto& work : page["results"]) ids.insert(work["id"].get<std::string>());
  }
  return ids;
}

std::vector<nlohmann::json> JournalLines(const std::string& cache_dir) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(ReadFileText(cache_dir + "/journal.jsonl"));
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line, nullptr, false));
  return lines;
}

size_t CountCursorRequests(const ReplayServer& server, const std::string& cursor) {
  size_t n = 0;
  for (const std::string& target : server.targets()) n += target.find("cursor=" + cursor) != std::string::npos;
  return n;
}

// The reference: the same fetch, uninterrupted, into its own cache (made once per process).
const std::map<std::string, std::string>& CleanCache() {
  static const std::map<std::string, std::string> clean = [] {
    Harness h;
    TempDir dir;
    FetchStats stats;
    FetchResult result = FetchQuery(Query(), dir.path().string(), h.Options(), stats);
    EXPECT_TRUE(result.ok()) << result.message;
    return PageFiles(dir.path().string());
  }();
  return clean;
}

TEST(ApiFetchTest, CleanFetchWritesEveryPageGzippedAndJournalsIt) {
  Harness h;
  TempDir dir;
  FetchStats stats;
  std::vector<FetchProgress> progress;
  FetchOptions options = h.Options();
  options.progress = [&progress](const FetchProgress& p) { progress.push_back(p); };
  FetchResult result = FetchQuery(Query(), dir.path().string(), options, stats);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(stats.requests, kPages);
  EXPECT_EQ(stats.pages, kPages);
  EXPECT_EQ(stats.works, kWorks);
  EXPECT_EQ(stats.retries, 0u);
  EXPECT_EQ(stats.ratelimit_limit, 10000);
  EXPECT_EQ(stats.ratelimit_remaining, 9995);
  ASSERT_EQ(progress.size(), kPages);
  EXPECT_EQ(progress.back().query_works, kWorks);

  std::map<std::string, std::string> files = PageFiles(dir.path().string());
  ASSERT_EQ(files.size(), kPages);
  EXPECT_EQ(files["pages/q001/000001.json.gz"], h.api.page("*"));
  EXPECT_EQ(files["pages/q001/000002.json.gz"], h.api.page("c1"));
  EXPECT_EQ(files["pages/q001/000005.json.gz"], h.api.page("c4"));

  std::vector<nlohmann::json> lines = JournalLines(dir.path().string());
  ASSERT_EQ(lines.size(), kPages + 1);
  EXPECT_EQ(lines[0]["query"], "q001");
  EXPECT_EQ(lines[0]["page"], 1);
  EXPECT_EQ(lines[0]["file"], "pages/q001/000001.json.gz");
  EXPECT_EQ(lines[0]["cursor"], "*");
  EXPECT_EQ(lines[0]["next_cursor"], "c1");
  EXPECT_EQ(lines[0]["results"], 50);
  EXPECT_EQ(lines[0]["count"], 271714968);
  EXPECT_EQ(lines[0]["date"], "2026-12-07T10:00:00Z");
  EXPECT_EQ(lines[0]["per_page"], 200);
  EXPECT_EQ(lines[0]["url"], h.server->base_url() + "/works?filter=" +
                                 "institutions.country_code%3Acn%7Cde%2Cpublication_year%3A2020-2023" +
                                 "&per_page=200&cursor=%2A");
  EXPECT_TRUE(lines[4]["next_cursor"].is_null());
  EXPECT_EQ(lines[5], nlohmann::json::parse("{\"query\":\"q001\",\"complete\":true,\"pages\":5,\"works\":110}"));

  // Complete in the journal: a second run asks nothing.
  FetchStats again;
  result = FetchQuery(Query(), dir.path().string(), h.Options(), again);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(again.requests, 0u);
  EXPECT_EQ(again.queries_already_cached, 1u);
  EXPECT_EQ(h.server->request_count(), kPages);
}

TEST(ApiFetchTest, QueryParametersAreEncodedAndOptionalOnesSentOnlyWhenSet) {
  Harness h;
  TempDir dir;
  std::vector<ReplayRequest> seen;
  h.api.fault = [&seen](const ReplayRequest& request, size_t) -> std::optional<ReplayAction> {
    seen.push_back(request);
    return std::nullopt;
  };
  FetchOptions options = h.Options();
  options.include_xpac = true;
  options.mailto = "office@example.org";
  ApiQuery query = Query();
  query.search = "machine learning";
  query.select = "id,authorships";
  FetchStats stats;
  ASSERT_TRUE(FetchQuery(query, dir.path().string(), options, stats).ok());
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen[0].query["filter"], kFilter);
  EXPECT_EQ(seen[0].query["search"], "machine learning");
  EXPECT_EQ(seen[0].query["select"], "id,authorships");
  EXPECT_EQ(seen[0].query["include_xpac"], "true");
  EXPECT_EQ(seen[0].query["mailto"], "office@example.org");
  EXPECT_EQ(seen[0].query.count("api_key"), 0u);
  EXPECT_EQ(seen[1].query["cursor"], "c1");
}

TEST(ApiFetchTest, PerPage200RejectedFallsBackTo100AndKeepsIt) {
  Harness h;
  h.api.max_per_page = 100;
  TempDir dir;
  ApiFetcher fetcher(dir.path().string(), h.Options());
  FetchResult result = fetcher.Fetch(Query("q001"));
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(fetcher.stats().requests, kPages + 1);
  EXPECT_EQ(fetcher.stats().per_page, 100);
  // The next query starts at 100 straight away.
  ASSERT_TRUE(fetcher.Fetch(Query("q002")).ok());
  std::vector<int> per_pages = h.api.per_pages();
  ASSERT_EQ(per_pages.size(), 2 * kPages + 1);
  EXPECT_EQ(per_pages[0], 200);
  for (size_t i = 1; i < per_pages.size(); ++i) EXPECT_EQ(per_pages[i], 100) << i;
  EXPECT_EQ(JournalLines(dir.path().string())[0]["per_page"], 100);
}

TEST(ApiFetchTest, BurstRateLimitHonoursRetryAfterSeconds) {
  Harness h;
  h.api.fault = [](const ReplayRequest&, size_t index) -> std::optional<ReplayAction> {
    if (index != 1) return std::nullopt;
    ReplayAction action = FakeOpenAlex::Error(429, kBurstBody);
    action.headers.emplace_back("Retry-After", "3");
    return action;
  };
  TempDir dir;
  FetchStats stats;
  FetchResult result = FetchQuery(Query(), dir.path().string(), h.Options(), stats);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(h.sleeps, std::vector<milliseconds>{milliseconds(3000)});
  EXPECT_EQ(stats.retries, 1u);
  EXPECT_EQ(PageFiles(dir.path().string()).size(), kPages);
}

TEST(ApiFetchTest, BurstRateLimitWithoutRetryAfterBacksOffWithFullJitter) {
  Harness h;
  h.api.fault = [](const ReplayRequest&, size_t index) -> std::optional<ReplayAction> {
    if (index < 1 || index > 3) return std::nullopt;
    return FakeOpenAlex::Error(429, kBurstBody);
  };
  TempDir dir;
  FetchStats stats;
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), h.Options(), stats).ok());
  ASSERT_EQ(h.sleeps.size(), 3u);
  // base * 2^attempt caps each draw: 500, 1000, 2000 ms.
  EXPECT_LE(h.sleeps[0], milliseconds(500));
  EXPECT_LE(h.sleeps[1], milliseconds(1000));
  EXPECT_LE(h.sleeps[2], milliseconds(2000));
  EXPECT_EQ(stats.retries, 3u);
}

TEST(ApiFetchTest, RetryAfterLongerThanMaxRetryAfterIsCapped) {
  Harness h;
  h.api.fault = [](const ReplayRequest&, size_t index) -> std::optional<ReplayAction> {
    if (index != 0) return std::nullopt;
    ReplayAction action = FakeOpenAlex::Error(429, kBurstBody);
    action.headers.emplace_back("Retry-After", "600");
    return action;
  };
  TempDir dir;
  FetchStats stats;
  FetchOptions options = h.Options();
  options.max_retry_after = std::chrono::seconds(120);
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), options, stats).ok());
  EXPECT_EQ(h.sleeps, std::vector<milliseconds>{milliseconds(120000)});
}

TEST(ApiFetchTest, IsBudgetExhaustedTellsASpentBudgetFromABurst) {
  HttpResult budget;
  budget.status = 429;
  budget.body = kBudgetBody;
  EXPECT_TRUE(IsBudgetExhausted(budget));
  HttpResult burst;
  burst.status = 429;
  burst.body = kBurstBody;
  burst.headers = {{"retry-after", "1"}, {"x-ratelimit-remaining", "4000"}};
  EXPECT_FALSE(IsBudgetExhausted(burst));
  // Headers alone, as the official CLI reads them.
  HttpResult headers;
  headers.status = 429;
  headers.headers = {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-credits-required", "1"}};
  EXPECT_TRUE(IsBudgetExhausted(headers));
  HttpResult far_reset;
  far_reset.status = 429;
  far_reset.headers = {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "30000"}};
  EXPECT_TRUE(IsBudgetExhausted(far_reset));
  far_reset.headers["x-ratelimit-reset"] = "2";
  EXPECT_FALSE(IsBudgetExhausted(far_reset));
  HttpResult not_429 = budget;
  not_429.status = 500;
  EXPECT_FALSE(IsBudgetExhausted(not_429));
}

TEST(ApiFetchTest, SpentBudgetStopsCleanlyThenResumesToTheCleanRunsCache) {
  Harness h;
  std::atomic<bool> budget_spent{true};
  h.api.fault = [&budget_spent](const ReplayRequest& request, size_t) -> std::optional<ReplayAction> {
    if (!budget_spent || request.query.at("cursor") != "c2") return std::nullopt;
    ReplayAction action = FakeOpenAlex::Error(429, kBudgetBody);
    action.headers = {{"Retry-After", "40000"}, {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Credits-Required", "1"}};
    return action;
  };
  TempDir dir;
  FetchStats stats;
  FetchResult result = FetchQuery(Query(), dir.path().string(), h.Options(), stats);
  EXPECT_EQ(result.outcome, FetchOutcome::kBudgetExhausted);
  EXPECT_STREQ(FetchOutcomeName(result.outcome), "budget_exhausted");
  EXPECT_TRUE(IsResumable(result.outcome));
  EXPECT_NE(result.message.find("midnight UTC"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("query q001, page 3"), std::string::npos) << result.message;
  EXPECT_GT(result.resume_after.count(), 0);
  EXPECT_LE(result.resume_after.count(), 86400);
  EXPECT_EQ(result.page, 3u);
  EXPECT_TRUE(h.sleeps.empty());  // no retry against a spent budget
  EXPECT_EQ(stats.requests, 3u);
  EXPECT_EQ(PageFiles(dir.path().string()).size(), 2u);

  budget_spent = false;
  FetchStats resumed;
  result = FetchQuery(Query(), dir.path().string(), h.Options(), resumed);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(resumed.requests, 3u);  // pages 3, 4, 5 only
  EXPECT_EQ(CountCursorRequests(*h.server, "%2A"), 1u);
  EXPECT_EQ(CountCursorRequests(*h.server, "c1"), 1u);
  std::map<std::string, std::string> files = PageFiles(dir.path().string());
  const std::map<std::string, std::string>& clean = CleanCache();
  EXPECT_TRUE(files == clean);
  EXPECT_EQ(WorkIds(files), WorkIds(clean));
  EXPECT_EQ(ReadJournal(dir.path().string())->queries["q001"].works, kWorks);
}

TEST(ApiFetchTest, ServerErrors500And503AreRetriedThenSucceed) {
  Harness h;
  h.api.fault = [](const ReplayRequest&, size_t index) -> std::optional<ReplayAction> {
    if (index == 1) return FakeOpenAlex::Error(500, "{\"error\":\"boom\"}");
    if (index == 2) return FakeOpenAlex::Error(503, "<html>unavailable</html>");
    return std::nullopt;
  };
  TempDir dir;
  FetchStats stats;
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), h.Options(), stats).ok());
  EXPECT_EQ(stats.retries, 2u);
  EXPECT_EQ(h.sleeps.size(), 2u);
  EXPECT_TRUE(PageFiles(dir.path().string()) == CleanCache());
}

TEST(ApiFetchTest, ConnectionResetMidBodyIsRetried) {
  Harness h;
  h.api.fault = [&h](const ReplayRequest& request, size_t index) -> std::optional<ReplayAction> {
    if (index != 1) return std::nullopt;
    ReplayAction action = FakeOpenAlex::Base(index);
    action.body = h.api.page(request.query.at("cursor"));
    action.fault = ReplayFault::kResetMidBody;
    return action;
  };
  TempDir dir;
  FetchStats stats;
  FetchResult result = FetchQuery(Query(), dir.path().string(), h.Options(), stats);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_GE(stats.retries, 1u);
  EXPECT_TRUE(PageFiles(dir.path().string()) == CleanCache());
}

TEST(ApiFetchTest, TruncatedBodyIsRetried) {
  Harness h;
  h.api.fault = [&h](const ReplayRequest& request, size_t index) -> std::optional<ReplayAction> {
    if (index != 0) return std::nullopt;
    ReplayAction action = FakeOpenAlex::Base(index);
    action.body = h.api.page(request.query.at("cursor"));
    action.fault = ReplayFault::kTruncateBody;
    return action;
  };
  TempDir dir;
  FetchStats stats;
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), h.Options(), stats).ok());
  EXPECT_EQ(stats.retries, 1u);
  EXPECT_TRUE(PageFiles(dir.path().string()) == CleanCache());
}

TEST(ApiFetchTest, BodyThatIsNotAJsonPageIsRetried) {
  Harness h;
  h.api.fault = [](const ReplayRequest&, size_t index) -> std::optional<ReplayAction> {
    if (index == 2) return FakeOpenAlex::Error(200, "<html>maintenance</html>");
    if (index == 3) return FakeOpenAlex::Error(200, "{\"meta\":{\"count\":1}}");
    return std::nullopt;
  };
  TempDir dir;
  FetchStats stats;
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), h.Options(), stats).ok());
  EXPECT_EQ(stats.retries, 2u);
  EXPECT_TRUE(PageFiles(dir.path().string()) == CleanCache());
}

TEST(ApiFetchTest, ResponseSlowerThanTheTimeoutIsRetried) {
  Harness h;
  h.api.fault = [&h](const ReplayRequest& request, size_t index) -> std::optional<ReplayAction> {
    if (index != 1) return std::nullopt;
    ReplayAction action = FakeOpenAlex::Base(index);
    action.body = h.api.page(request.query.at("cursor"));
    action.delay_ms = 1000;
    return action;
  };
  TempDir dir;
  FetchStats stats;
  FetchOptions options = h.Options();
  options.http.total_timeout_ms = 300;
  options.max_retries = 8;
  auto start = std::chrono::steady_clock::now();
  FetchResult result = FetchQuery(Query(), dir.path().string(), options, stats);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_GE(stats.retries, 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_TRUE(PageFiles(dir.path().string()) == CleanCache());
}

TEST(ApiFetchTest, RepeatedCursorStopsWithCursorRepeatedInsteadOfLooping) {
  Harness h;
  h.api.page("c3") = SyntheticPage(6, 5, "c2");  // page 4 points back at page 3's cursor
  TempDir dir;
  FetchStats stats;
  FetchResult result = FetchQuery(Query(), dir.path().string(), h.Options(), stats);
  EXPECT_EQ(result.outcome, FetchOutcome::kCursorRepeated);
  EXPECT_STREQ(FetchOutcomeName(result.outcome), "cursor_repeated");
  EXPECT_FALSE(IsResumable(result.outcome));
  EXPECT_EQ(result.page, 4u);
  EXPECT_NE(result.message.find("query q001, page 4"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("page 3"), std::string::npos) << result.message;
  EXPECT_EQ(stats.requests, 4u);
  // Run again: the journal already shows the repeat, so nothing is asked.
  FetchStats again;
  result = FetchQuery(Query(), dir.path().string(), h.Options(), again);
  EXPECT_EQ(result.outcome, FetchOutcome::kCursorRepeated);
  EXPECT_EQ(again.requests, 0u);
}

TEST(ApiFetchTest, RetriesExhaustedStopsResumablyAndRunAgainCompletes) {
  Harness h;
  std::atomic<int> failures{0};
  h.api.fault = [&failures](const ReplayRequest& request, size_t) -> std::optional<ReplayAction> {
    if (request.query.at("cursor") != "c2" || failures >= 3) return std::nullopt;
    ++failures;
    return FakeOpenAlex::Error(502, "bad gateway");
  };
  TempDir dir;
  FetchOptions options = h.Options();
  options.max_retries = 2;
  FetchStats stats;
  FetchResult result = FetchQuery(Query(), dir.path().string(), options, stats);
  EXPECT_EQ(result.outcome, FetchOutcome::kRetriesExhausted);
  EXPECT_TRUE(IsResumable(result.outcome));
  EXPECT_NE(result.message.find("query q001, page 3"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("run again to resume"), std::string::npos) << result.message;
  EXPECT_EQ(stats.requests, 2u + 3u);
  EXPECT_EQ(stats.retries, 2u);

  FetchStats resumed;
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), options, resumed).ok());
  EXPECT_EQ(resumed.requests, 3u);
  EXPECT_EQ(CountCursorRequests(*h.server, "%2A"), 1u);  // nothing journaled is fetched twice
  std::map<std::string, std::string> files = PageFiles(dir.path().string());
  EXPECT_TRUE(files == CleanCache());
  EXPECT_EQ(WorkIds(files).size(), kWorks);
}

TEST(ApiFetchTest, MaxRequestsStopsResumably) {
  Harness h;
  TempDir dir;
  FetchOptions options = h.Options();
  options.max_requests = 2;
  FetchStats stats;
  FetchResult result = FetchQuery(Query(), dir.path().string(), options, stats);
  EXPECT_EQ(result.outcome, FetchOutcome::kRequestLimit);
  EXPECT_TRUE(IsResumable(result.outcome));
  EXPECT_EQ(h.server->request_count(), 2u);
  options.max_requests = 0;
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), options, stats).ok());
  EXPECT_EQ(h.server->request_count(), kPages);
}

TEST(ApiFetchTest, TornJournalLineIsIgnoredCountedAndNotGluedToTheNextLine) {
  Harness h;
  TempDir dir;
  FetchOptions options = h.Options();
  options.max_requests = 2;
  FetchStats stats;
  ASSERT_EQ(FetchQuery(Query(), dir.path().string(), options, stats).outcome, FetchOutcome::kRequestLimit);
  // A crash mid-append leaves half a line (page 3's) without its '\n'.
  {
    std::ofstream journal(dir / "journal.jsonl", std::ios::app | std::ios::binary);
    journal << "{\"query\":\"q001\",\"page\":3,\"file\":\"pages/q0";
  }
  // And a crash between rename and append leaves an unjournaled page 3 file.
  dir.Write("pages/q001/000003.json.gz", "stale bytes");
  options.max_requests = 0;
  FetchStats resumed;
  FetchResult result = FetchQuery(Query(), dir.path().string(), options, resumed);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(resumed.journal_torn_lines, 1u);
  EXPECT_EQ(resumed.requests, 3u);
  Result<Journal> journal = ReadJournal(dir.path().string());
  ASSERT_TRUE(journal.ok());
  EXPECT_EQ(journal->torn_lines, 1u);
  EXPECT_TRUE(journal->queries["q001"].complete);
  EXPECT_EQ(journal->queries["q001"].pages.size(), kPages);
  EXPECT_TRUE(PageFiles(dir.path().string()) == CleanCache());
}

TEST(ApiFetchTest, GroupByCountsAreFetchedOnceAndReadBackFromTheCache) {
  Harness h;
  TempDir dir;
  FetchStats stats;
  Result<GroupCounts> counts =
      FetchGroupBy("g001", "publication_year:2021", "authorships.countries", dir.path().string(), h.Options(), stats);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->total, 110u);
  ASSERT_EQ(counts->groups.size(), 2u);
  EXPECT_EQ(counts->groups[0].key, "CN");
  EXPECT_EQ(counts->groups[0].key_display_name, "China");
  EXPECT_EQ(counts->groups[0].count, 70u);
  EXPECT_EQ(stats.requests, 1u);
  EXPECT_NE(h.server->targets()[0].find("group_by=authorships.countries"), std::string::npos);
  EXPECT_EQ(JournalLines(dir.path().string())[0]["group_by"], "authorships.countries");

  Result<GroupCounts> cached =
      FetchGroupBy("g001", "publication_year:2021", "authorships.countries", dir.path().string(), h.Options(), stats);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(cached->groups.size(), 2u);
  EXPECT_EQ(h.server->request_count(), 1u);
}

TEST(ApiFetchTest, RefusedKeyStopsWithAMessageWithoutTheKey) {
  Harness h;
  h.api.fault = [](const ReplayRequest& request, size_t) -> std::optional<ReplayAction> {
    return FakeOpenAlex::Error(401, "{\"error\":\"Invalid or missing API key\",\"message\":\"key " +
                                        request.query.at("api_key") + " unknown\"}");
  };
  TempDir dir;
  FetchOptions options = h.Options();
  options.api_key = kKey;
  FetchStats stats;
  FetchResult result = FetchQuery(Query(), dir.path().string(), options, stats);
  EXPECT_EQ(result.outcome, FetchOutcome::kKeyRefused);
  EXPECT_NE(result.message.find("the API key was refused"), std::string::npos) << result.message;
  EXPECT_EQ(result.message.find(kKey), std::string::npos) << result.message;
  EXPECT_EQ(stats.requests, 1u);
}

// Every file under `dir`, gunzipped when it is gzip, holds no `needle`.
void ExpectNoFileHolds(const std::filesystem::path& dir, const std::string& needle) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::string bytes = ReadFileText(entry.path());
    EXPECT_EQ(bytes.find(needle), std::string::npos) << entry.path();
    if (entry.path().extension() == ".gz") {
      Result<std::string> text = ReadCachedPage(entry.path().string());
      ASSERT_TRUE(text.ok()) << entry.path();
      EXPECT_EQ(text->find(needle), std::string::npos) << entry.path();
    }
  }
  EXPECT_GT(files, 0u);
}

TEST(ApiFetchTest, ApiKeyIsSentButNeverWrittenToTheCacheOrAnyMessage) {
  Harness h;
  TempDir dir;
  FetchOptions options = h.Options();
  options.api_key = kKey;
  FetchStats stats;
  ASSERT_TRUE(FetchQuery(Query(), dir.path().string(), options, stats).ok());
  EXPECT_EQ(h.api.keys(), std::set<std::string>{kKey});
  EXPECT_NE(ReadFileText(dir / "journal.jsonl").find("api_key=REDACTED"), std::string::npos);

  // Failures whose raw text would hold the key: a 400 echoing the request, a server that is gone.
  std::vector<std::string> messages;
  h.api.fault = [](const ReplayRequest& request, size_t) -> std::optional<ReplayAction> {
    return FakeOpenAlex::Error(400, "{\"error\":\"Invalid filter\",\"request\":\"" + request.target + "\"}");
  };
  messages.push_back(FetchQuery(Query("q002"), dir.path().string(), options, stats).message);
  h.api.fault = [](const ReplayRequest&, size_t) -> std::optional<ReplayAction> {
    return FakeOpenAlex::Error(500, std::string("{\"error\":\"echo ") + kKey + "\"}");
  };
  options.max_retries = 1;
  messages.push_back(FetchQuery(Query("q003"), dir.path().string(), options, stats).message);
  h.server.reset();  // nothing listens there now
  options.max_retries = 1;
  messages.push_back(FetchQuery(Query("q004"), dir.path().string(), options, stats).message);
  for (const std::string& message : messages) {
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find(kKey), std::string::npos) << message;
  }
  EXPECT_NE(messages[0].find("REDACTED"), std::string::npos) << messages[0];
  EXPECT_NE(messages[2].find("run again to resume"), std::string::npos) << messages[2];
  ExpectNoFileHolds(dir.path(), kKey);
}

// A child process fetches and is SIGKILLed after the server has seen `kill_after` of its requests (plus
// `extra_ms`); the parent then runs the same fetch to the end. The cache must equal an uninterrupted one.
TEST(ApiFetchTest, FetchKilledWithSigkillAndRunAgainEndsWithTheSameCache) {
  const std::map<std::string, std::string>& clean = CleanCache();
  ASSERT_EQ(clean.size(), kPages);
  const std::multiset<std::string> clean_ids = WorkIds(clean);
  Harness h;
  h.api.fault = [](const ReplayRequest&, size_t index) -> std::optional<ReplayAction> {
    // One transient fault early on, so some kills land in a retry.
    if (index == 2) return FakeOpenAlex::Error(503, "busy");
    return std::nullopt;
  };
  const std::vector<std::pair<size_t, int>> kill_points = {{1, 0}, {2, 15}, {3, 25}, {4, 5}, {5, 40}};
  int killed = 0, resumed_midway = 0;
  for (const auto& [kill_after, extra_ms] : kill_points) {
    SCOPED_TRACE("kill after " + std::to_string(kill_after) + " requests + " + std::to_string(extra_ms) + " ms");
    TempDir dir;
    FetchOptions options = h.Options();
    h.api.delay_ms = 30;  // each answer takes a moment, so kills land mid-request as well as mid-write
    size_t before = h.server->request_count();
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::alarm(10);  // never outlive the test
      FetchStats stats;
      FetchResult result = FetchQuery(Query(), dir.path().string(), options, stats);
      ::_exit(result.ok() ? 0 : 1);
    }
    h.server->WaitForRequests(before + kill_after, std::chrono::seconds(5));
    std::this_thread::sleep_for(milliseconds(extra_ms));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    h.api.delay_ms = 0;

    FetchStats stats;
    FetchResult result = FetchQuery(Query(), dir.path().string(), options, stats);
    ASSERT_TRUE(result.ok()) << result.message;
    resumed_midway += stats.requests > 0 && stats.requests < kPages;
    std::map<std::string, std::string> files = PageFiles(dir.path().string());
    EXPECT_TRUE(files == clean);
    EXPECT_EQ(WorkIds(files), clean_ids);
    Result<Journal> journal = ReadJournal(dir.path().string());
    ASSERT_TRUE(journal.ok());
    EXPECT_EQ(journal->queries["q001"].pages.size(), kPages);
    EXPECT_EQ(journal->queries["q001"].works, kWorks);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
      EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
    }
  }
  // The kills really cut runs short, and the runs after them really resumed rather than started over.
  EXPECT_GE(killed, 4);
  EXPECT_GE(resumed_midway, 3);
}

}  // namespace
}  // namespace entangle::source
