// Writes exhibits out: <out_dir>/<id>.csv and .json (each to a temporary file renamed into
// place), and the tables exhibit_<id> plus the index table `exhibits` in the study database.
#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "analyze/exhibits.h"
#include "store/durable_file.h"

namespace entangle::analyze {
namespace {

using store::Statement;

std::string CsvCell(const std::string& cell) {
  bool quote = cell.find_first_of(",\"\r\n") != std::string::npos ||
               (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void AppendCsvLine(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvCell(cells[i]);
  }
  out += '\n';
}

// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`, so a
// reader sees the old file or the whole new one. The directory is synced once by the caller.
Status WriteFileAtomically(const std::string& path, const std::string& bytes) {
  std::string temp = fmt::format("{}.tmp-{}", path, ::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return Status::IOError(fmt::format("cannot write {}", temp));
    }
  }
  Status synced = store::FsyncPath(temp, /*directory=*/false);
  if (synced.ok() && std::rename(temp.c_str(), path.c_str()) != 0) {
    synced = Status::IOError(fmt::format("cannot rename {} to {}", temp, path));
  }
  if (!synced.ok()) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
  }
  return synced;
}

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Numbers are stored as numbers so that SQL can sum and sort them; id columns stay text even when
// they look numeric (subfield "1702").
Status BindCell(sqlite3_stmt* stmt, int index, const std::string& column, const std::string& cell) {
  bool id_column = column.size() >= 2 && column.compare(column.size() - 2, 2, "id") == 0;
  const char* begin = cell.data();
  const char* end = cell.data() + cell.size();
  int64_t integer = 0;
  double real = 0;
  auto parsed_whole = [end](std::from_chars_result result) { return result.ec == std::errc() && result.ptr == end; };
  int rc;
  if (cell.empty()) {
    rc = sqlite3_bind_null(stmt, index);
  } else if (!id_column && parsed_whole(std::from_chars(begin, end, integer))) {
    rc = sqlite3_bind_int64(stmt, index, integer);
  } else if (!id_column && cell.find_first_not_of("-0123456789.") == std::string::npos &&
             parsed_whole(std::from_chars(begin, end, real))) {
    rc = sqlite3_bind_double(stmt, index, real);
  } else {
    rc = sqlite3_bind_text64(stmt, index, cell.data(), cell.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  return rc == SQLITE_OK ? Status::OK() : Status::IOError(fmt::format("cannot bind exhibit cell '{}'", cell));
}

Status WriteTables(sqlite3* db, const Exhibits& exhibits) {
  std::vector<std::string> old_tables;
  {
    Result<Statement> list = Statement::Prepare(
        db, "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'exhibit\\_%' ESCAPE '\\' OR name = 'exhibits')");
    if (!list.ok()) return list.status();
    for (;;) {
      Result<bool> row = list->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      old_tables.push_back(list->ColumnText(0));
    }
  }
  for (const std::string& name : old_tables) ENTANGLE_RETURN_IF_ERROR(store::Exec(db, "DROP TABLE " + QuoteIdentifier(name)));
  ENTANGLE_RETURN_IF_ERROR(store::Exec(db, R"sql(
CREATE TABLE exhibits (
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, table_name TEXT NOT NULL, title TEXT, definition TEXT,
  counting TEXT, data_date TEXT, source TEXT, columns_json TEXT NOT NULL, incomplete_years_json TEXT NOT NULL,
  notes_json TEXT NOT NULL, row_count INTEGER NOT NULL
))sql"));
  Result<Statement> index = Statement::Prepare(db, "INSERT INTO exhibits VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!index.ok()) return index.status();
  for (size_t position = 0; position < exhibits.size(); ++position) {
    const ExhibitTable& table = exhibits[position];
    std::string table_name = "exhibit_" + table.id;
    auto json = [](const nlohmann::json& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
    ENTANGLE_RETURN_IF_ERROR(index->Run(table.id, static_cast<int64_t>(position), table_name, table.title, table.definition,
                                        table.counting, table.data_date, table.source, json(table.columns),
                                        json(table.incomplete_years), json(table.notes),
                                        static_cast<int64_t>(table.rows.size())));
    std::string columns, placeholders;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      columns += (i > 0 ? ", " : "") + QuoteIdentifier(table.columns[i]);
      placeholders += fmt::format("{}?{}", i > 0 ? ", " : "", i + 1);
    }
    // No declared types: every cell keeps the type it is bound with.
    ENTANGLE_RETURN_IF_ERROR(store::Exec(db, fmt::format("CREATE TABLE {} ({})", QuoteIdentifier(table_name), columns)));
    Result<Statement> insert = Statement::Prepare(
        db, fmt::format("INSERT INTO {} VALUES ({})", QuoteIdentifier(table_name), placeholders));
    if (!insert.ok()) return insert.status();
    for (const std::vector<std::string>& row : table.rows) {
      if (row.size() != table.columns.size()) {
        return Status::Corruption(fmt::format("exhibit {}: a row has {} cells for {} columns", table.id, row.size(),
                                              table.columns.size()));
      }
      sqlite3_reset(insert->handle());
      for (size_t i = 0; i < row.size(); ++i) {
        ENTANGLE_RETURN_IF_ERROR(BindCell(insert->handle(), static_cast<int>(i + 1), table.columns[i], row[i]));
      }
      ENTANGLE_RETURN_IF_ERROR(insert->Execute());
    }
  }
  return Status::OK();
}

}  // namespace

std::string ExhibitCsv(const ExhibitTable& table) {
  std::string out;
  AppendCsvLine(out, table.columns);
  for (const std::vector<std::string>& row : table.rows) AppendCsvLine(out, row);
  return out;
}

std::string ExhibitJson(const ExhibitTable& table) {
  nlohmann::ordered_json json;
  json["id"] = table.id;
  json["title"] = table.title;
  json["definition"] = table.definition;
  json["counting"] = table.counting;
  json["data_date"] = table.data_date;
  json["source"] = table.source;
  json["incomplete_years"] = table.incomplete_years;
  json["notes"] = table.notes;
  json["columns"] = table.columns;
  json["rows"] = table.rows;
  return json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Status WriteExhibitFiles(const std::string& out_dir, const Exhibits& exhibits) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Status::IOError(fmt::format("cannot create output directory {}: {}", out_dir, ec.message()));
  for (const ExhibitTable& table : exhibits) {
    std::string base = (std::filesystem::path(out_dir) / table.id).string();
    ENTANGLE_RETURN_IF_ERROR(WriteFileAtomically(base + ".csv", ExhibitCsv(table)));
    ENTANGLE_RETURN_IF_ERROR(WriteFileAtomically(base + ".json", ExhibitJson(table)));
  }
  return store::FsyncPath(out_dir, /*directory=*/true);
}

Status WriteExhibitTables(AnalysisDb& db, const Exhibits& exhibits) {
  // One transaction: readers see either the previous exhibits or all of the new ones.
  ENTANGLE_RETURN_IF_ERROR(store::Exec(db.handle(), "BEGIN IMMEDIATE"));
  Status written = WriteTables(db.handle(), exhibits);
  if (!written.ok()) {
    (void)store::Exec(db.handle(), "ROLLBACK");
    return written;
  }
  return store::Exec(db.handle(), "COMMIT");
}

}  // namespace entangle::analyze
