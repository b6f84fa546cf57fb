#pragma once
// Internal: one exhibit's section of the report: heading, what it counts, its charts, its notes
// and its table (sortable in the browser, first rows only for very long tables).
#include <cstddef>
#include <string>

#include "analyze/analyze.h"
#include "report/exhibit_charts.h"

namespace entangle::report {

// The id of an exhibit's section: "exhibit-<id>" (the table of contents links to it).
std::string ExhibitAnchor(const std::string& exhibit_id);

// `link_records`: DOIs and OpenAlex/ROR ids in the table link to their records (html_text.h
// RecordUrl); off for synthetic data, whose ids name no real record.
std::string ExhibitSection(const analyze::ExhibitTable& table, const ChartContext& ctx, size_t max_rows,
                           bool link_records);

// A data table: header from `columns`, cells escaped and shown with thousands separators, the
// raw value kept in data-v for sorting. Rows whose `incomplete` column says "yes" are greyed.
// With `link_records`, a cell that names a record (RecordUrl) is a link to it. A table with
// `sources` and `source_urls` (the risk tables) shows each source as a link to its list entry,
// whatever `link_records` says, and leaves the URL column out.
std::string DataTable(const std::string& table_id, const std::vector<std::string>& columns,
                      const std::vector<std::vector<std::string>>& rows, size_t max_rows, bool link_records = false);

}  // namespace entangle::report
