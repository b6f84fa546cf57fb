#include "common/csv_table.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <utf8proc.h>

#include "common/text_file.h"

namespace entangle {
namespace {

std::string ColumnKey(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '_') {
      key.push_back('_');
    } else if (c >= 'A' && c <= 'Z') {
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      key.push_back(c);
    }
  }
  return key;
}

// Line of the first invalid UTF-8 sequence, or 0 when the text is valid.
size_t FirstInvalidUtf8Line(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  size_t line = 1;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return line;
    if (cp == '\n') ++line;
    p += n;
    left -= n;
  }
  return 0;
}

bool CsvNeedsQuotes(std::string_view cell) {
  if (!cell.empty() && (cell.front() == ' ' || cell.back() == ' ')) return true;
  for (char c : cell) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

void AppendCsvCell(std::string& out, std::string_view cell) {
  if (!CsvNeedsQuotes(cell)) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void AppendCsvRecord(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    AppendCsvCell(out, cells[i]);
  }
  out += '\n';
}

int CsvTable::Column(std::string_view name) const {
  const std::string key = ColumnKey(name);
  for (size_t i = 0; i < header.size(); ++i) {
    if (ColumnKey(header[i]) == key) return static_cast<int>(i);
  }
  return -1;
}

const std::string& CsvTable::Cell(size_t row, int column) const {
  static const std::string kEmpty;
  if (column < 0) return kEmpty;
  return rows[row][static_cast<size_t>(column)];
}

std::string CsvTable::Where(size_t row) const { return fmt::format("{}:{}", path, lines[row]); }

Result<CsvTable> ParseCsv(std::string_view text, const CsvOptions& options, std::string path) {
  CsvTable table;
  table.path = std::move(path);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!options.keep_going) {
    if (size_t bad = FirstInvalidUtf8Line(text)) {
      return Status::Corruption(fmt::format("{}:{}: invalid UTF-8", table.path, bad));
    }
  }

  std::vector<std::vector<std::string>> records;
  std::vector<size_t> record_lines;
  std::vector<std::string> record;
  std::string record_problem;  // why the record being read is bad, when it is
  std::string field;
  size_t line = 1, record_line = 1;
  size_t i = 0;
  const size_t n = text.size();
  bool at_record_start = true;

  // Fatal without keep_going; else the record is set aside with its reason.
  auto fail_record = [&](std::string message) -> Status {
    if (!options.keep_going) return Status::Corruption(fmt::format("{}:{}: {}", table.path, line, message));
    if (record_problem.empty()) record_problem = std::move(message);
    return Status::OK();
  };
  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    if (options.keep_going && record_problem.empty()) {
      for (const std::string& f : record) {
        if (FirstInvalidUtf8Line(f)) {
          record_problem = "invalid UTF-8";
          break;
        }
      }
    }
    if (!record_problem.empty()) {
      table.bad_rows.push_back({record_line, std::move(record_problem)});
      record_problem.clear();
    } else if (!(record.size() == 1 && record[0].empty())) {  // a blank line is not a record
      records.push_back(std::move(record));
      record_lines.push_back(record_line);
    }
    record.clear();
    at_record_start = true;
  };
  auto skip_line_end = [&] {  // at '\r' or '\n': consume CRLF, LF or CR
    if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
    ++i;
    ++line;
  };

  while (i < n) {
    if (at_record_start) {
      record_line = line;
      at_record_start = false;
      if (options.comments && text[i] == '#') {
        while (i < n && text[i] != '\n' && text[i] != '\r') ++i;
        if (i < n) skip_line_end();
        at_record_start = true;
        continue;
      }
    }
    char c = text[i];
    if (c == '"' && field.empty() && options.quoting) {
      // Quoted field: runs to the closing quote; "" inside is one quote.
      const size_t open_line = line;
      const size_t open_at = i;
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (text[i] == '\n') ++line;
        if (text[i] == '\r' && !(i + 1 < n && text[i + 1] == '\n')) ++line;
        field.push_back(text[i++]);
      }
      if (!closed) {
        if (!options.keep_going) {
          return Status::Corruption(fmt::format("{}:{}: quoted field is not closed", table.path, open_line));
        }
        // Nothing after an unclosed quote can be told apart from the field: the rest of the file
        // is one bad record.
        table.bad_rows.push_back(
            {record_line, fmt::format("quoted field opened on line {} is not closed: the rest of the file "
                                      "({} bytes) is not read", open_line, n - open_at)});
        record.clear();
        field.clear();
        record_problem.clear();
        at_record_start = true;
        break;
      }
      if (i < n && text[i] != options.delimiter && text[i] != '\n' && text[i] != '\r') {
        ENTANGLE_RETURN_IF_ERROR(fail_record("text after the closing quote of a field"));
      }
      continue;
    }
    if (c == options.delimiter) {
      record.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\n' || c == '\r') {
      skip_line_end();
      end_record();
    } else {
      field.push_back(c);  // a quote inside an unquoted field is kept as it is
      ++i;
    }
  }
  if (!at_record_start || !field.empty() || !record.empty()) end_record();

  if (records.empty()) return Status::InvalidArgument(fmt::format("{}: no header row", table.path));
  table.header = std::move(records[0]);
  for (auto& h : table.header) {
    while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.pop_back();
  }
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() > table.header.size()) {
      std::string message = fmt::format("{} fields, the header has {}", records[r].size(), table.header.size());
      if (!options.keep_going) {
        return Status::Corruption(fmt::format("{}:{}: {}", table.path, record_lines[r], message));
      }
      table.bad_rows.push_back({record_lines[r], std::move(message)});
      continue;
    }
    records[r].resize(table.header.size());  // trailing empty fields may be left out
    table.rows.push_back(std::move(records[r]));
    table.lines.push_back(record_lines[r]);
  }
  std::stable_sort(table.bad_rows.begin(), table.bad_rows.end(),
                   [](const CsvBadRow& a, const CsvBadRow& b) { return a.line < b.line; });
  return table;
}

Result<CsvTable> ReadCsvFile(const std::string& path, const CsvOptions& options) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseCsv(*text, options, path);
}

}  // namespace entangle
