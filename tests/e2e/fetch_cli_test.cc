// End to end: `entangle fetch` against a local replay of the OpenAlex API (127.0.0.1 only), then
// `entangle scan` of its cache, compared with a scan of the same real records as JSON Lines. Faults
// (a 503, a reset connection, a truncated body, a spent daily budget) end in the same cache as a
// clean run, and the API key is nowhere in what the fetch and the scan wrote or printed.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "source/api_fetch.h"
#include "support/real_records.h"
#include "support/replay_server.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ReadFileText;
using testing::ReadLines;
using testing::ReplayAction;
using testing::ReplayFault;
using testing::ReplayRequest;
using testing::ReplayServer;
using testing::kEuropeChinaEveryFieldStudy;
using testing::RunEntangle;
using testing::SharedPath;
using testing::TempDir;
using testing::WriteFileBytes;

constexpr const char* kKey = "sk-TEST-e2e-SECRET-7f3a";


// A small API: /works serves `records` in cursor pages ("*", then "c<offset>"); `fault(n)` may turn
// the n-th request (from 1) into a fault.
class FakeApi {
 public:
  explicit FakeApi(std::vector<std::string> records) : records_(std::move(records)) {
    for (const std::string& r : records_) facts_.push_back(Facts::Of(json::parse(r)));
  }

  std::function<ReplayAction(int)> fault = [](int) { return ReplayAction{}; };

  ReplayAction Handle(const ReplayRequest& request) {
    int n = ++requests_;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto key = request.query.find("api_key");
      keys_seen_.insert(key == request.query.end() ? "" : key->second);
      filters_.insert(request.query.count("filter") ? request.query.at("filter") : "");
    }
    ReplayAction injected = fault(n);
    if (injected.status != 200 || injected.fault != ReplayFault::kNone) {
      if (injected.body.empty()) injected.body = Page(request);
      return injected;
    }
    ReplayAction page;
    page.headers = {{"Content-Type", "application/json"}, {"X-RateLimit-Remaining", "9000"}};
    page.body = request.query.count("group_by") ? GroupBy(request) : Page(request);
    return page;
  }

  std::set<std::string> keys_seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return keys_seen_;
  }
  std::set<std::string> filters() {
    std::lock_guard<std::mutex> lock(mutex_);
    return filters_;
  }

 private:
  std::string Page(const ReplayRequest& request) const {
    size_t per_page = request.query.count("per_page") ? std::stoul(request.query.at("per_page")) : 25;
    std::string cursor = request.query.count("cursor") ? request.query.at("cursor") : "*";
    size_t offset = cursor == "*" || cursor.empty() ? 0 : std::stoul(cursor.substr(1));
    size_t end = std::min(records_.size(), offset + per_page);
    std::string body = "{\"meta\":{\"count\":" + std::to_string(records_.size()) + ",\"per_page\":" +
                       std::to_string(per_page) + ",\"next_cursor\":" +
                       (end < records_.size() && request.query.count("cursor") ? "\"c" + std::to_string(end) + "\""
                                                                                : std::string("null")) +
                       "},\"results\":[";
    for (size_t i = offset; i < end; ++i) body += (i > offset ? "," : "") + records_[i];
    return body + "]}";
  }

  // What a group_by needs of a record: year, countries (authorships' and their institutions'), XPAC.
  struct Facts {
    int year = 0;
    std::set<std::string> countries;
    bool xpac = false;
    static Facts Of(const json& work) {
      Facts f;
      if (work.contains("publication_year") && work["publication_year"].is_number_integer()) {
        f.year = work["publication_year"].get<int>();
      }
      f.xpac = work.value("is_xpac", false);
      if (work.contains("authorships") && work["authorships"].is_array()) {
        for (const json& a : work["authorships"]) {
          if (a.contains("countries") && a["countries"].is_array()) {
            for (const json& c : a["countries"]) {
              if (c.is_string()) f.countries.insert(c.get<std::string>());
            }
          }
          if (a.contains("institutions") && a["institutions"].is_array()) {
            for (const json& i : a["institutions"]) {
              if (i.contains("country_code") && i["country_code"].is_string()) {
                f.countries.insert(i["country_code"].get<std::string>());
              }
            }
          }
        }
      }
      return f;
    }
  };

  // The clauses this test's study asks: publication_year (Y or Y1-Y2) and authorships.countries.
  static bool Matches(const Facts& f, const std::string& filter) {
    std::stringstream clauses(filter);
    std::string clause;
    while (std::getline(clauses, clause, ',')) {
      std::string key = clause.substr(0, clause.find(':'));
      std::string value = clause.substr(clause.find(':') + 1);
      if (key == "publication_year") {
        size_t dash = value.find('-');
        int from = std::stoi(value.substr(0, dash));
        int to = dash == std::string::npos ? from : std::stoi(value.substr(dash + 1));
        if (f.year < from || f.year > to) return false;
      } else if (key == "authorships.countries") {
        bool any = false;
        std::stringstream codes(value);
        std::string code;
        while (std::getline(codes, code, '|')) any |= f.countries.count(code) > 0;
        if (!any) return false;
      }
    }
    return true;
  }

  std::string GroupBy(const ReplayRequest& request) const {
    std::string field = request.query.at("group_by");
    std::string filter = request.query.count("filter") ? request.query.at("filter") : "";
    bool xpac = request.query.count("include_xpac") && request.query.at("include_xpac") == "true";
    std::map<std::string, uint64_t> groups;
    uint64_t count = 0;
    for (const Facts& f : facts_) {
      if ((f.xpac && !xpac) || !Matches(f, filter)) continue;
      ++count;
      if (field == "publication_year") ++groups[std::to_string(f.year)];
      if (field == "authorships.countries") {
        for (const std::string& c : f.countries) ++groups["https://openalex.org/countries/" + c];
      }
    }
    std::string body = "{\"meta\":{\"count\":" + std::to_string(count) + ",\"groups_count\":" +
                       std::to_string(groups.size()) + ",\"next_cursor\":null},\"results\":[],\"group_by\":[";
    bool first = true;
    for (const auto& [key, n] : groups) {
      body += (first ? "" : ",") + json({{"key", key}, {"key_display_name", key}, {"count", n}}).dump();
      first = false;
    }
    return body + "]}";
  }

  std::vector<std::string> records_;
  std::vector<Facts> facts_;
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  std::set<std::string> keys_seen_;
  std::set<std::string> filters_;
};

class FetchCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> lines = ReadLines(SharedPath("data/openalex/works-real.jsonl.gz"));
    ASSERT_GT(lines.size(), 400u);
    records_.assign(lines.begin(), lines.begin() + 400);
    study_ = dir_ / "study.toml";
    WriteFileBytes(study_, kEuropeChinaEveryFieldStudy);
    std::string all;
    for (const std::string& r : records_) all += r + "\n";
    WriteFileBytes(dir_.path() / "records.jsonl", all);
  }

  int Fetch(const std::string& base_url, const fs::path& cache, const std::string& extra, std::string* out,
            std::string* err) {
    return RunEntangle("fetch " + study_ + " --out " + cache.string() + " --api-url " + base_url +
                           " --per-page 50 --timeout 5 --progress json " + extra,
                       out, err, {{"OPENALEX_API_KEY", kKey}});
  }

  json Scan(const std::string& input, const std::string& db = "") {
    std::string out, err;
    std::string target = db.empty() ? " --dry-run" : " --db " + db;
    int rc = RunEntangle("scan " + input + " --study " + study_ + target + " --json --progress none", &out, &err);
    EXPECT_EQ(rc, 0) << err;
    return rc == 0 ? json::parse(out) : json();
  }

  static void ExpectSameCounts(const json& got, const json& want) {
    for (const char* key : {"records", "works", "in_scope", "field_relevant", "joint", "joint_by_year",
                            "joint_by_subfield", "skipped"}) {
      EXPECT_EQ(got[key], want[key]) << key;
    }
  }

  TempDir dir_;
  std::vector<std::string> records_;
  std::string study_;
};

TEST_F(FetchCliTest, AFetchedCacheScansLikeTheSameRecordsAsJsonLines) {
  FakeApi api(records_);
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 200);
  ASSERT_TRUE(server.ok());
  fs::path cache = dir_.path() / "cache";
  std::string out, err;
  ASSERT_EQ(Fetch(server.base_url(), cache, "", &out, &err), 0) << out << err;
  EXPECT_NE(out.find("q001"), std::string::npos) << out;
  EXPECT_NE(out.find("authorships.countries:CN|HK"), std::string::npos) << out;
  EXPECT_EQ(api.keys_seen(), std::set<std::string>{kKey});
  EXPECT_NE(err.find("\"pages_total\":41"), std::string::npos) << "JSON progress lines: " << err;
  EXPECT_TRUE(fs::exists(cache / "fetch.json"));

  json want = Scan((dir_.path() / "records.jsonl").string());
  json got = Scan(cache.string());
  ASSERT_FALSE(want.is_null());
  ASSERT_FALSE(got.is_null());
  ASSERT_GT(want["joint"].get<int>(), 0);
  ExpectSameCounts(got, want);
  EXPECT_EQ(got["layout"], "api-cache");
  EXPECT_EQ(got["issues"], json::array());
  EXPECT_EQ(got["files"], 8);

  // Run again: everything is cached, nothing is asked but nothing.
  size_t before = server.request_count();
  ASSERT_EQ(Fetch(server.base_url(), cache, "", &out, &err), 0) << err;
  EXPECT_EQ(server.request_count(), before) << "a complete cache costs no request";
}

std::vector<std::vector<std::string>> TotalsRows(const std::string& db, const std::string& where) {
  std::string out, err;
  std::vector<std::vector<std::string>> rows;
  std::string sql = "SELECT unit_kind, unit, year, whole FROM totals " + where + " ORDER BY 1, 2, 3";
  EXPECT_EQ(std::system(("sqlite3 -separator ' ' " + db + " \"" + sql + "\" > " + db + ".rows").c_str()), 0);
  std::ifstream in(db + ".rows");
  std::string line;
  while (std::getline(in, line)) rows.push_back({line});
  return rows;
}

// Exhibit 3 divides by each side's whole output in the field, which the fetched joint works do not
// hold: the fetch counts it with group_by queries, and the scan's totals table takes those counts.
TEST_F(FetchCliTest, EachSidesTotalsComeFromGroupByAndEqualASnapshots) {
  FakeApi api(records_);
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 400);
  ASSERT_TRUE(server.ok());
  fs::path cache = dir_.path() / "cache";
  std::string out, err;
  ASSERT_EQ(Fetch(server.base_url(), cache, "", &out, &err), 0) << out << err;
  EXPECT_NE(out.find("group_by requests"), std::string::npos) << out;
  ASSERT_TRUE(fs::exists(cache / "totals.json"));
  std::string from_api = dir_ / "api.db";
  std::string from_lines = dir_ / "lines.db";
  json summary = Scan(cache.string(), from_api);
  ASSERT_FALSE(Scan((dir_.path() / "records.jsonl").string(), from_lines).is_null());
  bool noted = false;
  for (const json& note : summary["notes"]) noted |= note["kind"] == "totals_from_api";
  EXPECT_TRUE(noted) << summary["notes"];
  // Group totals, and the totals of every country of the two groups, as a scan of the records has them.
  std::string in_groups = "WHERE unit_kind = 'group' OR unit IN ('CN','HK','DE','FR','GB','IT','ES','NL','SE','CH',"
                          "'AT','BE','DK','FI','NO','PL','PT','IE','CZ','GR','HU','RO')";
  std::vector<std::vector<std::string>> api_rows = TotalsRows(from_api, in_groups);
  EXPECT_GT(api_rows.size(), 10u);
  EXPECT_EQ(api_rows, TotalsRows(from_lines, in_groups));
}

// The API cannot OR across keys, so a field of two alternatives is two queries, and a work matching
// both comes back twice: the scan of the cache counts it once (the newest copy wins, as in a snapshot).
TEST_F(FetchCliTest, AWorkTwoQueriesReturnIsCountedOnce) {
  WriteFileBytes(study_, std::string(kEuropeChinaEveryFieldStudy) +
                             "[field.concepts]\nids = [\"C154945302\", \"C41008148\"]\n"
                             "[field.topics]\nfields = [\"17\"]\n");
  FakeApi api(records_);  // answers every query with all the records: both alternatives overlap fully
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 400);
  ASSERT_TRUE(server.ok());
  fs::path cache = dir_.path() / "cache";
  std::string out, err;
  ASSERT_EQ(Fetch(server.base_url(), cache, "", &out, &err), 0) << out << err;
  EXPECT_NE(out.find("q002"), std::string::npos) << out;
  json want = Scan((dir_.path() / "records.jsonl").string());
  json got = Scan(cache.string());
  ASSERT_FALSE(want.is_null());
  ASSERT_FALSE(got.is_null());
  EXPECT_EQ(got["records"].get<uint64_t>(), 2 * records_.size()) << "each record fetched by both queries";
  ASSERT_GT(want["joint"].get<int>(), 0);
  for (const char* key : {"field_relevant", "joint", "joint_by_year", "joint_by_subfield"}) {
    EXPECT_EQ(got[key], want[key]) << key;
  }
  EXPECT_EQ(got["duplicates"], want["field_relevant"]) << "one ignored copy per field-relevant work";
}

TEST_F(FetchCliTest, FaultsAndASpentBudgetEndInTheSameCacheAsACleanRun) {
  FakeApi api(records_);
  api.fault = [](int n) {
    ReplayAction a;
    if (n == 3) a.status = 503;
    if (n == 4) a.fault = ReplayFault::kResetMidBody;
    if (n == 6) a.fault = ReplayFault::kTruncateBody;
    if (n == 8) {
      a.status = 429;
      a.headers = {{"Retry-After", "57600"}, {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Credits-Required", "1"}};
      a.body = R"({"error":"Rate limit exceeded","message":"Insufficient budget. Resets at midnight UTC."})";
    }
    return a;
  };
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 200);
  ASSERT_TRUE(server.ok());
  fs::path cache = dir_.path() / "cache";
  std::string out, err;
  EXPECT_EQ(Fetch(server.base_url(), cache, "", &out, &err), 4) << "a resumable stop\n" << out << err;
  EXPECT_NE(err.find("midnight UTC"), std::string::npos) << err;
  EXPECT_NE(err.find("run the same command again"), std::string::npos) << err;
  json partial = Scan(cache.string());
  ASSERT_FALSE(partial.is_null());
  ASSERT_FALSE(partial["issues"].empty()) << "an unfinished fetch is an input issue";
  EXPECT_EQ(partial["issues"][0]["kind"], "fetch_incomplete");

  api.fault = [](int) { return ReplayAction{}; };
  ASSERT_EQ(Fetch(server.base_url(), cache, "", &out, &err), 0) << out << err;

  FakeApi clean_api(records_);
  ReplayServer clean_server([&](const ReplayRequest& r) { return clean_api.Handle(r); }, 200);
  fs::path clean = dir_.path() / "clean";
  ASSERT_EQ(Fetch(clean_server.base_url(), clean, "", &out, &err), 0) << err;
  for (int page = 1; page <= 8; ++page) {
    std::string name = "pages/q001/00000" + std::to_string(page) + ".json.gz";
    Result<std::string> a = source::ReadCachedPage((cache / name).string());
    Result<std::string> b = source::ReadCachedPage((clean / name).string());
    ASSERT_TRUE(a.ok() && b.ok()) << name;
    EXPECT_EQ(*a, *b) << name;
  }
  EXPECT_FALSE(fs::exists(cache / "pages/q001/000009.json.gz"));
  ExpectSameCounts(Scan(cache.string()), Scan((dir_.path() / "records.jsonl").string()));
}

TEST_F(FetchCliTest, TheKeyIsNowhereInWhatTheFetchAndScanWroteOrPrinted) {
  FakeApi api(records_);
  api.fault = [](int n) {
    ReplayAction a;
    if (n == 2) {  // an error page that echoes the request, key and all
      a.status = 500;
      a.body = std::string("{\"error\":\"boom\",\"url\":\"/works?api_key=") + kKey + "\"}";
    }
    return a;
  };
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 200);
  ASSERT_TRUE(server.ok());
  fs::path cache = dir_.path() / "cache";
  std::string out, err, scan_out, scan_err;
  ASSERT_EQ(Fetch(server.base_url(), cache, "", &out, &err), 0) << err;
  std::string db = dir_ / "study.db";
  ASSERT_EQ(RunEntangle("scan " + cache.string() + " --study " + study_ + " --db " + db + " --progress json",
                        &scan_out, &scan_err),
            0)
      << scan_err;
  EXPECT_EQ(api.keys_seen(), std::set<std::string>{kKey}) << "the key was sent";
  std::string printed = out + err + scan_out + scan_err;
  EXPECT_EQ(printed.find(kKey), std::string::npos) << printed;
  size_t files = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir_.path())) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::string bytes = ReadFileText(entry.path());
    if (entry.path().string().ends_with(".gz")) {
      Result<std::string> page = source::ReadCachedPage(entry.path().string());
      if (page.ok()) bytes = *page;
    }
    EXPECT_EQ(bytes.find(kKey), std::string::npos) << entry.path();
  }
  EXPECT_GT(files, 10u) << "pages, journal, plan and database were looked at";
}

TEST_F(FetchCliTest, ADryRunPrintsQueriesCountsAndCostAndWritesNothing) {
  FakeApi api(records_);
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 50);
  ASSERT_TRUE(server.ok());
  fs::path cache = dir_.path() / "cache";
  std::string out, err;
  ASSERT_EQ(Fetch(server.base_url(), cache, "--dry-run", &out, &err), 0) << err;
  EXPECT_NE(out.find("q001"), std::string::npos) << out;
  EXPECT_NE(out.find("400 works"), std::string::npos) << out;
  EXPECT_NE(out.find("42 requests, 42 credits (US$ 0.00; 0.4 % of a day's 10000 credits)"), std::string::npos) << out;
  EXPECT_EQ(server.request_count(), 1u) << "one count per query";
  EXPECT_FALSE(fs::exists(cache));
}

TEST_F(FetchCliTest, ARejectedKeyAndAnUnknownInstitutionAreClearErrors) {
  FakeApi api(records_);
  api.fault = [](int) {
    ReplayAction a;
    a.status = 401;
    a.body = R"({"error":"Invalid API key"})";
    return a;
  };
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 20);
  std::string out, err;
  EXPECT_EQ(Fetch(server.base_url(), dir_.path() / "cache", "", &out, &err), 1);
  EXPECT_NE(err.find("refused the key"), std::string::npos) << err;
  EXPECT_EQ(err.find(kKey), std::string::npos) << err;
  EXPECT_EQ(Fetch(server.base_url(), dir_.path() / "cache", "--institution Beihang", &out, &err), 2);
  EXPECT_NE(err.find("ROR id"), std::string::npos) << err;
}

// An error body may echo the request, and so the key, also outside an api_key= parameter.
TEST_F(FetchCliTest, ARejectedQueryWhoseAnswerEchoesTheKeyDoesNotPrintIt) {
  FakeApi api(records_);
  api.fault = [](int) {
    ReplayAction a;
    a.status = 400;
    a.body = std::string(R"({"error":"Invalid query","message":"bad filter for key )") + kKey + " in /works?api_key=" +
             kKey + R"("})";
    return a;
  };
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 20);
  ASSERT_TRUE(server.ok());
  std::string out, err;
  EXPECT_EQ(Fetch(server.base_url(), dir_.path() / "cache", "", &out, &err), 1);
  EXPECT_NE(err.find("rejected the query"), std::string::npos) << err;
  EXPECT_EQ((out + err).find(kKey), std::string::npos) << out << err;
}

TEST_F(FetchCliTest, RunWithApiFetchesScansAnalysesAndReports) {
  FakeApi api(records_);
  ReplayServer server([&](const ReplayRequest& r) { return api.Handle(r); }, 100);
  ASSERT_TRUE(server.ok());
  fs::path out_dir = dir_.path() / "out";
  std::string out, err;
  ASSERT_EQ(RunEntangle("run " + study_ + " --api --api-url " + server.base_url() + " --per-page 100 --out " +
                            out_dir.string() + " --progress none",
                        &out, &err, {{"OPENALEX_API_KEY", kKey}}),
            0)
      << out << err;
  EXPECT_TRUE(fs::exists(out_dir / "api-cache/journal.jsonl"));
  EXPECT_TRUE(fs::exists(out_dir / "study.db"));
  EXPECT_TRUE(fs::exists(out_dir / "report.html"));
  EXPECT_NE(out.find("OpenAlex API pages fetched by `entangle fetch`"), std::string::npos) << out;
  EXPECT_EQ((out + err).find(kKey), std::string::npos);
  EXPECT_EQ(RunEntangle("run " + study_ + " --out " + out_dir.string(), &out, &err), 2) << "neither input given";
  EXPECT_NE(err.find("--snapshot DIR or --api"), std::string::npos) << err;
}

}  // namespace
}  // namespace entangle
