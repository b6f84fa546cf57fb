#pragma once
// The reading side of `entangle fetch`'s cache (layout and journal: source/api_fetch.h): the pages
// scan reads as works, and what the fetch has not finished. CACHE/fetch.json is the fetch's plan
// (written by the CLI): {"queries": [{"id": "q001", "filter": ...}, ...], ...}.
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace entangle::source {

// One total of Exhibit 3's denominators, as `entangle fetch` counted it with group_by queries
// (CACHE/totals.json): works in the field by country or group and year, whole counting only.
struct ApiTotal {
  std::string unit_kind;  // "country" or "group"
  std::string unit;       // "CN", or "a" / "b"
  int year = 0;
  uint64_t whole = 0;
};

struct ApiCacheContents {
  std::vector<std::string> work_pages;  // journaled pages of works queries (not group_by), in query and page order
  std::vector<std::string> problems;    // one sentence per planned query not complete, or a broken plan
  uint64_t torn_journal_lines = 0;
  bool has_totals = false;       // totals.json was there and readable
  std::vector<ApiTotal> totals;  // its rows
};

// A query of CACHE/fetch.json, the fetch's plan.
struct FetchPlanQuery {
  std::string id, filter;
};
// The plan's queries in order: none when there is no fetch.json; Corruption when it is no plan.
Result<std::vector<FetchPlanQuery>> ReadFetchPlan(const std::string& cache_dir);

// A missing journal is an empty cache; a missing fetch.json plans nothing (every journaled query counts).
ApiCacheContents ReadApiCache(const std::string& cache_dir);

}  // namespace entangle::source
