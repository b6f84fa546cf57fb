// ReadApiCache: which cached pages hold works, and how far the fetch got, from its plan and journal.
#include "source/api_cache.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "source/api_fetch.h"

namespace entangle::source {
namespace {

namespace fs = std::filesystem;

// CACHE/totals.json: {"rows": [{"unit_kind", "unit", "year", "whole"}, ...], ...}.
void ReadTotals(const fs::path& path, ApiCacheContents& contents) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return;
  std::ifstream in(path, std::ios::binary);
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("rows") || !doc["rows"].is_array()) {
    contents.problems.push_back(path.string() + ": not a totals file (no \"rows\" list)");
    return;
  }
  for (const nlohmann::json& row : doc["rows"]) {
    if (!row.is_object() || !row.contains("unit_kind") || !row.contains("unit") || !row.contains("year") ||
        !row.contains("whole") || !row["year"].is_number_integer() || !row["whole"].is_number_unsigned()) {
      contents.problems.push_back(path.string() + ": a row without unit_kind, unit, year and whole: " + row.dump());
      return;
    }
    contents.totals.push_back({row["unit_kind"].get<std::string>(), row["unit"].get<std::string>(),
                               row["year"].get<int>(), row["whole"].get<uint64_t>()});
  }
  contents.has_totals = true;
}

}  // namespace

Result<std::vector<FetchPlanQuery>> ReadFetchPlan(const std::string& cache_dir) {
  fs::path path = fs::path(cache_dir) / "fetch.json";
  std::vector<FetchPlanQuery> queries;
  std::error_code ec;
  if (!fs::exists(path, ec)) return queries;
  std::ifstream in(path, std::ios::binary);
  nlohmann::json plan = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  const nlohmann::json* list = plan.is_object() && plan.contains("queries") ? &plan["queries"] : nullptr;
  if (list == nullptr || !list->is_array()) {
    return Status::Corruption(path.string() + ": not a fetch plan (no \"queries\" list)");
  }
  for (const nlohmann::json& query : *list) {
    if (!query.is_object() || !query.contains("id") || !query["id"].is_string()) {
      return Status::Corruption(path.string() + ": a query without an \"id\"");
    }
    std::string filter = query.contains("filter") && query["filter"].is_string() ? query["filter"].get<std::string>()
                                                                                 : std::string();
    queries.push_back({query["id"].get<std::string>(), std::move(filter)});
  }
  return queries;
}

ApiCacheContents ReadApiCache(const std::string& cache_dir) {
  ApiCacheContents contents;
  Result<std::vector<FetchPlanQuery>> plan = ReadFetchPlan(cache_dir);
  if (!plan.ok()) contents.problems.push_back(plan.status().message());
  Result<Journal> journal = ReadJournal(cache_dir);
  if (!journal.ok()) {
    contents.problems.push_back(journal.status().message());
    return contents;
  }
  contents.torn_journal_lines = journal->torn_lines;
  ReadTotals(fs::path(cache_dir) / "totals.json", contents);
  for (const auto& [id, query] : journal->queries) {
    for (const JournalPage& page : query.pages) {
      if (page.group_by.empty()) contents.work_pages.push_back((fs::path(cache_dir) / page.file).string());
    }
  }
  for (const FetchPlanQuery& planned : plan.ok() ? *plan : std::vector<FetchPlanQuery>{}) {
    const std::string& id = planned.id;
    auto it = journal->queries.find(id);
    if (it == journal->queries.end()) {
      contents.problems.push_back("query " + id + ": not fetched");
    } else if (!it->second.complete) {
      uint64_t count = it->second.pages.empty() ? 0 : it->second.pages.back().count;
      contents.problems.push_back("query " + id + ": " + std::to_string(it->second.works) + " of " +
                                  std::to_string(count) + " works fetched (" +
                                  std::to_string(it->second.pages.size()) + " pages)");
    }
  }
  return contents;
}

}  // namespace entangle::source
