// Screening latency on a large study database: partner by OpenAlex id, ROR id, English and
// Chinese name; a home institution's tied partners; a list of DOIs; an unknown name. The target
// is < 100 ms per query at 1 million joint works.
//
// The database is generated once with StudyDbWriter and cached at
// $TMPDIR/entangle-screen-bench-<works>.db. Size: ENTANGLE_SCREEN_BENCH_WORKS (default 200000;
// 1000000 for the target, ~1-2 min to generate). Run: build/entangle_bench --benchmark_filter=Screen
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "screen/screen.h"
#include "screen_index/screen_index.h"
#include "store/study_db.h"

namespace entangle {
namespace {

constexpr int kEuropean = 6000, kChinese = 4000;
const std::vector<std::string> kEuropeCountries = {"DE", "FR", "GB", "IT", "ES", "NL", "SE", "CH", "BE", "AT", "PL", "DK"};

size_t BenchWorks() {
  const char* env = std::getenv("ENTANGLE_SCREEN_BENCH_WORKS");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 200000;
}

extract::InstitutionEntity Pool(int i) {
  extract::InstitutionEntity e;
  e.type = "education";
  e.works_count = 1000;
  if (i == kEuropean) {  // a real registry entity, with its Chinese name
    e = {"I82880672", "00wk2mp56", "Beihang University", "CN", "education", {"I82880672"},
         {"Beijing University of Aeronautics and Astronautics", "BUAA", "北京航空航天大学"}, {}, {}, 1000};
    return e;
  }
  bool china = i >= kEuropean;
  e.id = fmt::format("I{}", 100000 + i);
  e.ror = fmt::format("0{:06d}{:02d}", i, i % 100);
  e.display_name = china ? fmt::format("Chinese University of Applied Science {}", i)
                         : fmt::format("European Institute of Technology {}", i);
  e.country_code = china ? "CN" : kEuropeCountries[i % kEuropeCountries.size()];
  e.lineage = {e.id};
  if (china) e.alternative_names = {fmt::format("中国应用科学大学{}", i)};
  return e;
}

// A skewed pick (a few institutions write most papers, as in the real data).
int Pick(std::mt19937_64& rng, int base, int n) {
  std::uniform_real_distribution<double> u(0, 1);
  return base + static_cast<int>(std::pow(u(rng), 3.0) * n);
}

std::string BuildDb(size_t works) {
  std::string path = (std::filesystem::temp_directory_path() / fmt::format("entangle-screen-bench-{}.db", works)).string();
  if (std::filesystem::exists(path)) return path;
  auto writer = store::StudyDbWriter::Create(path);
  if (!writer.ok()) std::abort();
  store::RunInfo run;
  run.study_name = "screen bench";
  run.group_a_name = "Europe";
  run.group_a_countries = kEuropeCountries;
  run.group_b_name = "China";
  run.group_b_countries = {"CN"};
  run.snapshot_date = "2025-11-11";
  if (!(*writer)->PutRun(run).ok()) std::abort();
  std::vector<extract::InstitutionEntity> pool;
  for (int i = 0; i < kEuropean + kChinese; ++i) {
    pool.push_back(Pool(i));
    if (!(*writer)->PutInstitution(pool.back()).ok()) std::abort();
  }
  std::mt19937_64 rng(42);
  for (size_t w = 0; w < works; ++w) {
    extract::WorkRecord r;
    r.id = fmt::format("W{}", 1000000 + w);
    r.doi = fmt::format("10.5555/bench.{}", w);
    r.title = w % 50 == 0 ? "Person re-identification in video surveillance" : "Graph neural networks for molecules";
    r.publication_year = 2015 + static_cast<int>(w % 10);
    r.updated_date = "2025-11-01";
    int europe = 1 + static_cast<int>(rng() % 2), china = 1 + static_cast<int>(rng() % 2);
    std::vector<int> picks;
    for (int k = 0; k < europe; ++k) picks.push_back(Pick(rng, 0, kEuropean));
    for (int k = 0; k < china; ++k) picks.push_back(w % 40 == 0 ? kEuropean : Pick(rng, kEuropean, kChinese));
    std::sort(picks.begin(), picks.end());
    picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
    std::vector<store::WorkCountryShare> shares;
    for (int p : picks) {
      const extract::InstitutionEntity& e = pool[p];
      r.institutions.push_back({e.id, e.ror, e.display_name, e.country_code, e.type, e.lineage});
      extract::Authorship a;
      a.order = static_cast<int>(r.authorships.size());
      a.author_name = fmt::format("Author {}", rng() % 100000);
      a.institutions = {static_cast<int>(r.institutions.size()) - 1};
      a.countries = {e.country_code};
      r.authorships.push_back(a);
      r.countries.push_back(e.country_code);
    }
    std::sort(r.countries.begin(), r.countries.end());
    r.countries.erase(std::unique(r.countries.begin(), r.countries.end()), r.countries.end());
    for (const std::string& c : r.countries) shares.push_back({c, 1.0 / static_cast<double>(r.countries.size())});
    r.topics.push_back({fmt::format("T{}", 10000 + rng() % 300), "Some topic", 0.9, true, "1702", "AI", "17", "CS", "3", "PS"});
    if (!(*writer)->PutJointWork(r, shares, "bench", w).ok()) std::abort();
  }
  if (!(*writer)->Commit().ok()) std::abort();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  if (!screen_index::BuildScreenIndex(db).ok()) std::abort();
  sqlite3_close(db);
  return path;
}

screen::Screener& Shared() {
  static std::unique_ptr<screen::Screener> screener = [] {
    screen::ScreenOptions o;
    o.database_path = BuildDb(BenchWorks());
    auto s = screen::Screener::Open(o);
    if (!s.ok()) {
      fmt::print(stderr, "{}\n", s.status().ToString());
      std::abort();
    }
    (void)(*s)->Works({"W1000000"});  // compiles the vocabulary once, as a long-running screener would
    return std::move(s).value();
  }();
  return *screener;
}

void BM_ScreenOpen(benchmark::State& state) {
  screen::ScreenOptions o;
  o.database_path = BuildDb(BenchWorks());
  for (auto _ : state) benchmark::DoNotOptimize(screen::Screener::Open(o).ok());
}

void Partner(benchmark::State& state, const std::string& query) {
  screen::Screener& s = Shared();
  for (auto _ : state) {
    auto r = s.Partner(query);
    if (!r.ok() || r->kind != screen::Report::Kind::kPartner) state.SkipWithError("no partner");
  }
  state.counters["works"] = static_cast<double>(BenchWorks());
}

void BM_ScreenPartnerId(benchmark::State& state) { Partner(state, "I82880672"); }
void BM_ScreenPartnerRor(benchmark::State& state) { Partner(state, "https://ror.org/00wk2mp56"); }
void BM_ScreenPartnerEnglish(benchmark::State& state) { Partner(state, "Beihang University"); }
void BM_ScreenPartnerChinese(benchmark::State& state) { Partner(state, "北京航空航天大学"); }
void BM_ScreenPartnerBusiest(benchmark::State& state) { Partner(state, "Chinese University of Applied Science 6001"); }

void BM_ScreenHome(benchmark::State& state) {
  screen::Screener& s = Shared();
  for (auto _ : state) {
    auto r = s.Home("I100000");  // the busiest European institution of the skewed pool
    if (!r.ok() || r->kind != screen::Report::Kind::kHome) state.SkipWithError("no home");
  }
}

void BM_ScreenWorks(benchmark::State& state) {
  screen::Screener& s = Shared();
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(fmt::format("https://doi.org/10.5555/bench.{}", i * 997));
  for (auto _ : state) {
    auto r = s.Works(ids);
    if (!r.ok() || r->papers.size() != ids.size()) state.SkipWithError("works missing");
  }
}

void BM_ScreenUnknownName(benchmark::State& state) {
  screen::Screener& s = Shared();
  for (auto _ : state) {
    auto r = s.Partner("Beihang Institute of Nowhere");
    if (!r.ok() || r->candidates.empty()) state.SkipWithError("no candidates");
  }
}

BENCHMARK(BM_ScreenOpen)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenPartnerId)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenPartnerRor)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenPartnerEnglish)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenPartnerChinese)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenPartnerBusiest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenHome)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenWorks)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenUnknownName)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace entangle
