#pragma once
// A small RFC 4180 reader for the registry, importer, vocabulary and Crunchbase files: quoted
// fields (with doubled quotes and embedded line breaks), CRLF / LF / CR line ends, a UTF-8 byte-order mark,
// blank lines, and an optional '#' comment line syntax for hand-written tables. Files must be
// valid UTF-8: a bad byte is reported with its line, not passed on to the matchers.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace entangle {

struct CsvOptions {
  char delimiter = ',';
  bool comments = false;  // a record whose first byte is '#' is skipped (to the end of its line)
  bool quoting = true;    // false: '"' is an ordinary character (plain TSV, no field has a line break)
  // false: the first bad record fails the whole file (hand-written tables must be right).
  // true: a bad record (too many fields, invalid UTF-8, text after a closing quote, a quote never
  // closed) is left out and described in CsvTable::bad_rows; the other records are read (data
  // exports, where one broken row must not cost the rest).
  bool keep_going = false;
};

struct CsvBadRow {
  size_t line = 0;  // 1-based line where the record starts
  std::string message;
};

struct CsvTable {
  std::string path;                               // for messages; may be empty
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;     // each padded to header.size()
  std::vector<size_t> lines;                      // 1-based line where each row starts
  std::vector<CsvBadRow> bad_rows;                // only with CsvOptions::keep_going

  // Index of a header column, or -1. Names compare case-insensitively with ' ', '-' and '_'
  // treated alike, so "Start date", "start_date" and "start-date" are the same column.
  int Column(std::string_view name) const;
  // The cell, or "" when the column is absent (column < 0).
  const std::string& Cell(size_t row, int column) const;
  std::string Where(size_t row) const;  // "path:line"
};

Result<CsvTable> ParseCsv(std::string_view text, const CsvOptions& options = {}, std::string path = "");
Result<CsvTable> ReadCsvFile(const std::string& path, const CsvOptions& options = {});

// Appends one CSV record and its '\n' to `out`. A cell is quoted (with doubled quotes inside) when
// it holds a comma, a quote or a line break, or starts or ends with a space.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& cells);

}  // namespace entangle
