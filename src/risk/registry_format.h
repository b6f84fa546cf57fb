#pragma once
// Internal: the registry table format (data/registry/README.md) and the clean-up every entry goes
// through, whether read from a registry file or imported from a government list.
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/csv_table.h"
#include "risk/risk.h"

namespace entangle::risk {

// Cells holding lists separate items with '|' (names contain commas and semicolons).
std::vector<std::string> SplitList(std::string_view cell, char separator = '|');
std::string TrimCopy(std::string_view text);

// "https://openalex.org/i82880672" / "I82880672" -> "I82880672"; "https://ror.org/00WK2MP56" -> "00wk2mp56".
std::string NormalizeOpenAlexId(std::string_view id);
std::string NormalizeRorId(std::string_view id);

// ISO code for a country name or code ("China", "Russia", "cn" -> "CN"); "" when unknown.
std::string CountryCodeFromName(std::string_view name);

// Trims every field, normalises ids and country codes, drops repeated names, and moves
// abbreviations out of the matched aliases into other_names (they must never match, whatever the
// file says). Fails when the entry lacks a key, a valid kind, a name or its provenance.
Status FinalizeEntry(RegistryEntry& entry);

// A registry table -> entries (each finalised, origin set to "path:line").
Result<std::vector<RegistryEntry>> ParseRegistryTable(const CsvTable& table);

// The file's last modification date, "YYYY-MM-DD" (UTC); "" when unknown.
std::string FileDate(const std::string& path);

}  // namespace entangle::risk
