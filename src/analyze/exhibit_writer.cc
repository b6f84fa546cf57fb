// Writes exhibits out: <out_dir>/<id>.csv and .json (each to a temporary file renamed into
// place), and the tables exhibit_<id> plus the index table `exhibits` in the study database.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "analyze/exhibits.h"
#include "common/csv_table.h"
#include "common/atomic_file.h"

namespace entangle::analyze {
namespace {

using store::Statement;

// A JSON string as nlohmann::json writes it (UTF-8 kept, invalid bytes replaced). Most cells need
// no escaping, and copying those directly is what keeps a million-row exhibit fast.
void AppendJsonString(std::string& out, std::string_view text) {
  bool plain = simdjson::validate_utf8(text.data(), text.size());
  for (size_t i = 0; plain && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    plain = c >= 0x20 && c != '"' && c != '\\';
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

Status WriteCsvFile(const std::string& path, const ExhibitTable& table) {
  AtomicFileWriter out(path);
  ENTANGLE_RETURN_IF_ERROR(out.Open());
  std::string line;
  AppendCsvRecord(line, table.columns);
  for (const std::vector<std::string>& row : table.rows) {
    AppendCsvRecord(line, row);
    if (line.size() >= 64 * 1024) {
      ENTANGLE_RETURN_IF_ERROR(out.Append(line));
      line.clear();
    }
  }
  ENTANGLE_RETURN_IF_ERROR(out.Append(line));
  return out.Commit();
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

constexpr const char* kStaged = "staged_";  // prefix of the new tables until they replace the old

// Index positions: each family has its own range, so a report lists co-authorship first whichever
// command wrote last.
int64_t FirstPosition(ExhibitFamily family) { return family == ExhibitFamily::kInvestment ? 1000 : 0; }

// Creates and fills staged_exhibits and staged_exhibit_<id>; returns the final names.
Result<std::vector<std::string>> FillStagedTables(sqlite3* db, const Exhibits& exhibits, ExhibitFamily family) {
  const std::string staged = kStaged;
  ENTANGLE_RETURN_IF_ERROR(store::Exec(db, R"sql(
CREATE TABLE staged_exhibits (
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, table_name TEXT NOT NULL, title TEXT, definition TEXT,
  counting TEXT, data_date TEXT, source TEXT, columns_json TEXT NOT NULL, incomplete_years_json TEXT NOT NULL,
  notes_json TEXT NOT NULL, row_count INTEGER NOT NULL
))sql"));
  Result<Statement> index =
      Statement::Prepare(db, "INSERT INTO staged_exhibits VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!index.ok()) return index.status();
  std::vector<std::string> names = {"exhibits"};
  for (size_t position = 0; position < exhibits.size(); ++position) {
    const ExhibitTable& table = exhibits[position];
    std::string table_name = "exhibit_" + table.id;
    names.push_back(table_name);
    auto json = [](const nlohmann::json& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
    ENTANGLE_RETURN_IF_ERROR(index->Run(table.id, FirstPosition(family) + static_cast<int64_t>(position), table_name, table.title, table.definition,
                                        table.counting, table.data_date, table.source, json(table.columns),
                                        json(table.incomplete_years), json(table.notes),
                                        static_cast<int64_t>(table.rows.size())));
    std::string columns, placeholders;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      columns += (i > 0 ? ", " : "") + QuoteIdentifier(table.columns[i]);
      placeholders += fmt::format("{}?{}", i > 0 ? ", " : "", i + 1);
    }
    // No declared types: every cell keeps the type it is bound with.
    ENTANGLE_RETURN_IF_ERROR(
        store::Exec(db, fmt::format("CREATE TABLE {} ({})", QuoteIdentifier(staged + table_name), columns)));
    Result<Statement> insert = Statement::Prepare(
        db, fmt::format("INSERT INTO {} VALUES ({})", QuoteIdentifier(staged + table_name), placeholders));
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
  return names;
}

Result<std::vector<std::string>> Names(sqlite3* db, const char* sql) {
  Result<Statement> list = Statement::Prepare(db, sql);
  if (!list.ok()) return list.status();
  std::vector<std::string> names;
  for (;;) {
    Result<bool> row = list->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    names.push_back(list->ColumnText(0));
  }
  return names;
}

Status WriteTables(sqlite3* db, const Exhibits& exhibits, ExhibitFamily family) {
  for (const ExhibitTable& table : exhibits) {
    if (FamilyOf(table.id) != family) {
      return Status::InvalidArgument(fmt::format("exhibit {} does not belong to the family being written", table.id));
    }
  }
  Result<std::vector<std::string>> old_tables = Names(
      db, "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'exhibit\\_%' ESCAPE '\\' OR name = 'exhibits')");
  if (!old_tables.ok()) return old_tables.status();
  // The new tables are filled under staged names before the old ones are dropped: their pages then
  // come from the file's free list (or its end), which needs no journal, instead of reusing pages
  // freed in this transaction, each of which would first be copied to the rollback journal.
  Result<std::vector<std::string>> new_tables = FillStagedTables(db, exhibits, family);
  if (!new_tables.ok()) return new_tables.status();
  const bool has_index = std::find(old_tables->begin(), old_tables->end(), "exhibits") != old_tables->end();
  if (has_index) {  // the other family's index rows stay
    Result<std::vector<std::string>> indexed = Names(db, "SELECT id FROM exhibits");
    if (!indexed.ok()) return indexed.status();
    Result<Statement> keep = Statement::Prepare(db, "INSERT INTO staged_exhibits SELECT * FROM exhibits WHERE id = ?1");
    if (!keep.ok()) return keep.status();
    for (const std::string& id : *indexed) {
      if (FamilyOf(id) != family) ENTANGLE_RETURN_IF_ERROR(keep->Run(id));
    }
  }
  for (const std::string& name : *old_tables) {
    const bool replaced = name == "exhibits" || FamilyOf(name.substr(std::string_view("exhibit_").size())) == family;
    if (replaced) ENTANGLE_RETURN_IF_ERROR(store::Exec(db, "DROP TABLE " + QuoteIdentifier(name)));
  }
  for (const std::string& name : *new_tables) {
    ENTANGLE_RETURN_IF_ERROR(store::Exec(
        db, fmt::format("ALTER TABLE {} RENAME TO {}", QuoteIdentifier(kStaged + name), QuoteIdentifier(name))));
  }
  return Status::OK();
}

}  // namespace

std::string ExhibitCsv(const ExhibitTable& table) {
  std::string out;
  AppendCsvRecord(out, table.columns);
  for (const std::vector<std::string>& row : table.rows) AppendCsvRecord(out, row);
  return out;
}

namespace {
// Streams the JSON document to `sink` in pieces of about 64 KB.
Status WriteExhibitJson(const ExhibitTable& table, const std::function<Status(std::string_view)>& sink) {
  nlohmann::ordered_json head;
  head["id"] = table.id;
  head["title"] = table.title;
  head["definition"] = table.definition;
  head["counting"] = table.counting;
  head["data_date"] = table.data_date;
  head["source"] = table.source;
  head["incomplete_years"] = table.incomplete_years;
  head["notes"] = table.notes;
  head["columns"] = table.columns;
  std::string text = head.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.resize(text.size() - 2);  // "\n}": the rows follow, one per line
  text += table.rows.empty() ? ",\n \"rows\": []" : ",\n \"rows\": [";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    text += r == 0 ? "\n  [" : ",\n  [";
    const std::vector<std::string>& row = table.rows[r];
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) text += ", ";
      AppendJsonString(text, row[i]);
    }
    text += ']';
    if (text.size() >= 64 * 1024) {
      ENTANGLE_RETURN_IF_ERROR(sink(text));
      text.clear();
    }
  }
  text += table.rows.empty() ? "\n}\n" : "\n ]\n}\n";
  return sink(text);
}
}  // namespace

std::string ExhibitJson(const ExhibitTable& table) {
  std::string out;
  (void)WriteExhibitJson(table, [&](std::string_view piece) {
    out += piece;
    return Status::OK();
  });
  return out;
}

Status WriteExhibitTables(store::StudyDb& db, const Exhibits& exhibits, const std::function<Status()>& before_commit,
                          ExhibitFamily family) {
  // One transaction: readers see either the previous exhibits or all of the new ones.
  ENTANGLE_RETURN_IF_ERROR(store::Exec(db.handle(), "BEGIN IMMEDIATE"));
  Status written = WriteTables(db.handle(), exhibits, family);
  Status ready = before_commit ? before_commit() : Status::OK();  // called on every path: it may be joining a thread
  if (written.ok()) written = ready;
  if (!written.ok()) {
    (void)store::Exec(db.handle(), "ROLLBACK");
    return written;
  }
  return store::Exec(db.handle(), "COMMIT");
}

}  // namespace entangle::analyze

namespace entangle::analyze {

ExhibitFamily FamilyOf(const std::string& exhibit_id) {
  return exhibit_id.rfind("investment_", 0) == 0 ? ExhibitFamily::kInvestment : ExhibitFamily::kCoauthorship;
}

Status WriteExhibitFiles(const std::string& out_dir, const std::vector<ExhibitTable>& exhibits) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Status::IOError(fmt::format("cannot create output directory {}: {}", out_dir, ec.message()));
  for (const ExhibitTable& table : exhibits) {
    std::string base = (std::filesystem::path(out_dir) / table.id).string();
    ENTANGLE_RETURN_IF_ERROR(WriteCsvFile(base + ".csv", table));
    AtomicFileWriter json(base + ".json");
    ENTANGLE_RETURN_IF_ERROR(json.Open());
    ENTANGLE_RETURN_IF_ERROR(WriteExhibitJson(table, [&](std::string_view piece) { return json.Append(piece); }));
    ENTANGLE_RETURN_IF_ERROR(json.Commit());
  }
  return Status::OK();
}

Status StoreExhibits(const std::string& database_path, const std::vector<ExhibitTable>& exhibits,
                     ExhibitFamily family) {
  auto db = store::StudyDb::Open(database_path, store::StudyDbAccess::kReadWrite);
  if (!db.ok()) return db.status();
  return WriteExhibitTables(**db, exhibits, nullptr, family);
}

}  // namespace entangle::analyze
