// The US Consolidated Screening List (trade.gov): every export-control and sanctions list of the
// Departments of Commerce, State and the Treasury in one file, as CSV (29 columns) or JSON.
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/ascii.h"
#include "common/csv_table.h"
#include "common/text_file.h"
#include "risk/import_util.h"
#include "risk/name_normalize.h"
#include "risk/registry_format.h"
#include "risk/risk.h"

namespace entangle::risk {
namespace {

constexpr std::string_view kLicence =
    "US government work (public domain); Consolidated Screening List, International Trade Administration";

// One CSL row with list cells already split.
struct CslRow {
  std::string id, source, type, name, start_date, end_date, source_url, programs, federal_register,
      license_policy, remarks;
  std::vector<std::string> alt_names;
  std::vector<std::string> address_countries;  // ISO codes, in order of the addresses
  std::string where;
};

// "Entity List (EL) - Bureau of Industry and Security" -> "el".
std::string ListAbbreviation(std::string_view source) {
  size_t open = source.find('('), close = source.find(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open + 2) return "";
  std::string abbr;
  for (char c : source.substr(open + 1, close - open - 1)) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) abbr.push_back(c);
  }
  return AsciiLower(abbr);
}

// Federal Register style clutter around names: "X; and any successor, sub-unit, or subsidiary
// thereof" and a last alias written "and Y".
std::string CleanName(std::string name) {
  std::string lower = AsciiLower(name);
  for (std::string_view tail : {"; and any successor", ", and any successor"}) {
    if (size_t at = lower.find(tail); at != std::string::npos) name = name.substr(0, at);
  }
  name = TrimCopy(name);
  if (AsciiLower(name.substr(0, 4)) == "and ") name = TrimCopy(name.substr(4));
  return name;
}

// "…, Shijiazhuang, Hebei Province, CN" -> "CN": CSL addresses end with the country code.
std::string CountryOfAddress(std::string_view address) {
  size_t comma = address.rfind(',');
  std::string last = TrimCopy(comma == std::string_view::npos ? address : address.substr(comma + 1));
  if (last.size() != 2) return "";
  return CountryCodeFromName(last);
}

bool IsPerson(const std::string& type) {
  const std::string t = AsciiLower(type);
  return t == "individual" || t == "vessel" || t == "aircraft";
}

RegistryEntry ToEntry(const CslRow& row, const std::string& date, const ImportOptions& options) {
  RegistryEntry e;
  e.origin = row.where;
  const std::string abbr = ListAbbreviation(row.source);
  e.key = "us_csl:" + (row.id.empty() ? abbr + ":" + Slug(row.name) : row.id);
  e.kind = "designation";
  e.category = abbr.empty() ? "us_csl" : "us_csl_" + abbr;
  e.name_en = CleanName(row.name);
  for (const std::string& alias : row.alt_names) {
    std::string clean = CleanName(alias);
    if (!clean.empty()) e.aliases.push_back(clean);
  }
  std::string countries;
  for (const std::string& code : row.address_countries) {
    if (!code.empty() && countries.find(code) == std::string::npos) countries += (countries.empty() ? "" : " ") + code;
  }
  e.country = countries.empty() ? options.default_country.value_or("") : countries;
  e.listed_on = row.start_date;
  e.delisted_on = row.end_date;
  AddReason(e.reason, "", row.source.empty() ? "" : "Listed on the " + row.source);
  AddReason(e.reason, "programs", row.programs);
  AddReason(e.reason, "Federal Register", row.federal_register);
  AddReason(e.reason, "licence policy", row.license_policy);
  AddReason(e.reason, "remarks", row.remarks);
  e.source = "US Consolidated Screening List: " + (row.source.empty() ? std::string("unknown list") : row.source);
  e.source_date = date;
  e.source_url = row.source_url;
  e.licence = std::string(kLicence);
  return e;
}

Result<std::vector<CslRow>> ReadCsv(const std::string& path) {
  Result<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) return table.status();
  const CsvTable& t = *table;
  for (const char* required : {"name", "source"}) {
    if (t.Column(required) < 0) {
      return Status::InvalidArgument(fmt::format("{}: not a Consolidated Screening List: no \"{}\" column", path, required));
    }
  }
  const int id = t.Column("_id") >= 0 ? t.Column("_id") : t.Column("id");
  const int source = t.Column("source"), type = t.Column("type"), name = t.Column("name");
  const int start = t.Column("start_date"), end = t.Column("end_date"), addresses = t.Column("addresses");
  const int alt = t.Column("alt_names"), list_url = t.Column("source_list_url"), info_url = t.Column("source_information_url");
  const int programs = t.Column("programs"), fr = t.Column("federal_register_notice");
  const int policy = t.Column("license_policy"), remarks = t.Column("remarks");
  std::vector<CslRow> rows;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    CslRow row;
    row.where = t.Where(r);
    row.id = t.Cell(r, id);
    row.source = t.Cell(r, source);
    row.type = t.Cell(r, type);
    row.name = t.Cell(r, name);
    row.start_date = t.Cell(r, start);
    row.end_date = t.Cell(r, end);
    row.source_url = !t.Cell(r, list_url).empty() ? t.Cell(r, list_url) : t.Cell(r, info_url);
    row.programs = t.Cell(r, programs);
    row.federal_register = t.Cell(r, fr);
    row.license_policy = t.Cell(r, policy);
    row.remarks = t.Cell(r, remarks);
    row.alt_names = SplitList(t.Cell(r, alt), ';');
    for (const std::string& address : SplitList(t.Cell(r, addresses), ';')) {
      row.address_countries.push_back(CountryOfAddress(address));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// A JSON value as text: strings as they are, arrays joined with "; ", numbers printed.
std::string Text(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array()) {
    std::string joined;
    for (const auto& item : *it) {
      if (!item.is_string()) continue;
      if (!joined.empty()) joined += "; ";
      joined += item.get<std::string>();
    }
    return joined;
  }
  return it->dump();
}

Result<std::vector<CslRow>> ReadJson(const std::string& path) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::Corruption(fmt::format("{}: not valid JSON", path));
  const nlohmann::json* results = &doc;
  if (doc.is_object() && doc.contains("results")) results = &doc["results"];
  if (!results->is_array()) {
    return Status::InvalidArgument(fmt::format("{}: expected a JSON array or {{\"results\": [...]}}", path));
  }
  std::vector<CslRow> rows;
  size_t n = 0;
  for (const auto& item : *results) {
    ++n;
    if (!item.is_object()) return Status::Corruption(fmt::format("{}: result {} is not an object", path, n));
    CslRow row;
    row.where = fmt::format("{}:result {}", path, n);
    row.id = !Text(item, "_id").empty() ? Text(item, "_id") : Text(item, "id");
    row.source = Text(item, "source");
    row.type = Text(item, "type");
    row.name = Text(item, "name");
    row.start_date = Text(item, "start_date");
    row.end_date = Text(item, "end_date");
    row.source_url = !Text(item, "source_list_url").empty() ? Text(item, "source_list_url")
                                                            : Text(item, "source_information_url");
    row.programs = Text(item, "programs");
    row.federal_register = Text(item, "federal_register_notice");
    row.license_policy = Text(item, "license_policy");
    row.remarks = Text(item, "remarks");
    if (auto alt = item.find("alt_names"); alt != item.end() && alt->is_array()) {
      for (const auto& a : *alt) {
        if (a.is_string()) row.alt_names.push_back(a.get<std::string>());
      }
    } else {
      row.alt_names = SplitList(Text(item, "alt_names"), ';');
    }
    if (auto addresses = item.find("addresses"); addresses != item.end() && addresses->is_array()) {
      for (const auto& address : *addresses) {
        if (address.is_object()) {
          row.address_countries.push_back(CountryCodeFromName(Text(address, "country")));
        } else if (address.is_string()) {
          row.address_countries.push_back(CountryOfAddress(address.get<std::string>()));
        }
      }
    } else {
      for (const std::string& address : SplitList(Text(item, "addresses"), ';')) {
        row.address_countries.push_back(CountryOfAddress(address));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<std::vector<RegistryEntry>> ImportConsolidatedScreeningList(const std::string& path,
                                                                   const ImportOptions& options) {
  const bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  Result<std::vector<CslRow>> rows = json ? ReadJson(path) : ReadCsv(path);
  if (!rows.ok()) return rows.status();
  const std::string date = ImportDate(path, options);
  std::vector<RegistryEntry> entries;
  for (const CslRow& row : *rows) {
    if (IsPerson(row.type) || TrimCopy(row.name).empty()) continue;
    entries.push_back(ToEntry(row, date, options));
  }
  ENTANGLE_RETURN_IF_ERROR(FinishImport(entries));
  return entries;
}

}  // namespace entangle::risk
