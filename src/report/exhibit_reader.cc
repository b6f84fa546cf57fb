// ReadExhibits: the exhibits `entangle analyze` stored in a study database, back as ExhibitTables
// (cells as text, NULL as ""), so a report can be made without recomputing them.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "report/report.h"
#include "store/study_db.h"

namespace entangle::report {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

template <typename T>
std::vector<T> JsonList(const std::string& text) {
  std::vector<T> out;
  nlohmann::json list = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if constexpr (std::is_same_v<T, int>) {
      if (item.is_number_integer()) out.push_back(item.get<int>());
    } else {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

}  // namespace

Result<std::vector<analyze::ExhibitTable>> ReadExhibits(const std::string& database_path) {
  Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(database_path);
  if (!db.ok()) return db.status();
  std::vector<analyze::ExhibitTable> exhibits;
  Result<Rows> has_index = (*db)->Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exhibits'");
  if (!has_index.ok()) return has_index.status();
  if (has_index->empty()) return exhibits;
  Result<Rows> index = (*db)->Query(
      "SELECT id, table_name, title, definition, counting, data_date, source, columns_json, incomplete_years_json, "
      "notes_json FROM exhibits ORDER BY position");
  if (!index.ok()) return index.status();
  for (const std::vector<std::string>& entry : *index) {
    analyze::ExhibitTable& table = exhibits.emplace_back();
    table.id = entry[0];
    table.title = entry[2];
    table.definition = entry[3];
    table.counting = entry[4];
    table.data_date = entry[5];
    table.source = entry[6];
    table.columns = JsonList<std::string>(entry[7]);
    table.incomplete_years = JsonList<int>(entry[8]);
    table.notes = JsonList<std::string>(entry[9]);
    // Columns are selected by name, in the index's order, whatever order the table has them in.
    std::string select;
    for (const std::string& column : table.columns) select += (select.empty() ? "" : ", ") + QuoteIdentifier(column);
    if (select.empty()) continue;
    Result<Rows> rows =
        (*db)->Query(fmt::format("SELECT {} FROM {} ORDER BY rowid", select, QuoteIdentifier(entry[1])));
    if (!rows.ok()) {
      return Status::Corruption(fmt::format("exhibit {}: {}", table.id, rows.status().message()));
    }
    table.rows = std::move(rows).value();
  }
  return exhibits;
}

}  // namespace entangle::report
