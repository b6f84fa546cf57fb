#pragma once
// Internal: text as it goes into the report: escaped for HTML (text and attribute values alike),
// numbers parsed from exhibit cells and written back with thousands separators.
#include <optional>
#include <string>
#include <string_view>

namespace entangle::report {

// Escapes & < > " ' so the result is safe in element content and in quoted attribute values.
// Invalid UTF-8 and control characters (other than tab and newline) become U+FFFD, so a broken
// name in the data cannot break the page.
std::string Escape(std::string_view text);

// A cell that is a plain decimal number ("1234", "-3.5", "0.3333"); nullopt otherwise ("", "all").
std::optional<double> ParseNumber(std::string_view cell);

// "36951" -> "36,951", "-1234.5" -> "-1,234.5"; anything that is not a number is returned as is.
std::string WithThousands(std::string_view cell);

// A cell as displayed in its column: ids, years and ranks stay as they are, other numbers get
// thousands separators.
std::string DisplayCell(std::string_view column, std::string_view cell);

// Where a cell's record lives on the web, by column: a `doi` at https://doi.org/, an OpenAlex id
// ("W…", "I…", "F…", "A…", "T…") in an `…id`, `…_key` or `…_work` column, or an `entity_key` "openalex:I…", at
// https://openalex.org/, a `ror` or `entity_key` "ror:…" at https://ror.org/. "" when the cell is
// not such a record (or is empty).
std::string RecordUrl(std::string_view column, std::string_view cell);

// A list column of records ("work_ids": OpenAlex ids separated by spaces, perhaps ending "… (3 more)")
// as HTML, each id a link to its record and the rest escaped; "" when the column is no such list
// or the cell names no record.
std::string RecordListHtml(std::string_view column, std::string_view cell);

// A `sources` cell with its `source_urls` cell (analyze's risk tables and investment_flagged: one
// item per source, both "; "-separated in the same order, a source's URLs separated by spaces) as
// HTML: each source a link to its list entry, a second URL of the same source as "[2]". Only
// http(s) URLs become links; "" when the cells do not line up (then the cell is shown as text).
std::string SourceLinksHtml(std::string_view sources, std::string_view source_urls);

// A number as a plain cell: integers without decimals, others with at most `decimals` decimals,
// trailing zeros dropped, no separators ("12", "0.3571").
std::string PlainValue(double value, int decimals);

// A number for chart labels: integers with separators, others with at most `decimals` decimals.
std::string FormatValue(double value, int decimals = 2);

// A string usable as (part of) an HTML id: [A-Za-z0-9_-], others replaced by '-'.
std::string IdSafe(std::string_view text);

}  // namespace entangle::report
