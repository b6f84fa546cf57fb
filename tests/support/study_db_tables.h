#pragma once
// Test support: every table of a study database as sorted text rows, to compare two databases
// table by table (a tracker's study against the same study scanned alone, a Parquet scan against
// the JSON one). Each row is "column=value" cells joined by '\x1f', NULL as "NULL"; rows are
// sorted, so the order the threads wrote them in does not matter. SQLite's own tables
// (sqlite_stat1: sampled planner statistics that follow the rows' physical order) are left out.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace entangle::testing {

// What to keep of a cell: its value, rewritten or not, or nullopt to leave the column out.
using CellFilter =
    std::function<std::optional<std::string>(const std::string& table, const std::string& column, std::string value)>;

inline std::map<std::string, std::vector<std::string>> StudyDbTables(
    const std::string& path, const std::function<bool(const std::string& table)>& keep_table, const CellFilter& cell) {
  std::map<std::string, std::vector<std::string>> tables;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return tables;
  }
  std::vector<std::string> names;
  sqlite3_stmt* list = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &list, nullptr);
  while (sqlite3_step(list) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
  }
  sqlite3_finalize(list);
  for (const std::string& name : names) {
    if (name.rfind("sqlite_", 0) == 0 || !keep_table(name)) continue;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, ("SELECT * FROM \"" + name + "\"").c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << name << ": " << sqlite3_errmsg(db);
      continue;
    }
    std::vector<std::string>& rows = tables[name];
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        std::string column = sqlite3_column_name(st, c);
        const unsigned char* text = sqlite3_column_text(st, c);
        std::optional<std::string> value = cell(name, column, text ? reinterpret_cast<const char*>(text) : "NULL");
        if (value) row += column + "=" + *value + '\x1f';
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    std::sort(rows.begin(), rows.end());
  }
  sqlite3_close(db);
  return tables;
}

}  // namespace entangle::testing
