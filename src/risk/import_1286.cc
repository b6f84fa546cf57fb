// DoD lists of foreign institutions of concern under Section 1286 of the FY2019 NDAA, published
// yearly since 2022. Two tabular forms are read: one row per institution and report year
// (report-date, country columns), or one row per institution with listed_in_report_years.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "common/csv_table.h"
#include "risk/import_util.h"
#include "risk/name_normalize.h"
#include "risk/registry_format.h"
#include "risk/risk.h"

namespace entangle::risk {
namespace {

constexpr std::string_view kSource =
    "US DoD list of foreign institutions of concern (NDAA FY2019 Section 1286)";
constexpr std::string_view kLicence =
    "US government publication (public domain); the licence of the transcription loaded applies to it";

// One institution, gathered over its rows.
struct Institution {
  std::string name;       // as written in its latest report year
  std::string latest_year;
  std::vector<std::string> aliases, ror_ids, notes;
  std::set<std::string> years;
  std::string start_date, end_date, country, country_text, source_url, where;
};

std::string FirstYear(const std::set<std::string>& years) { return years.empty() ? "" : *years.begin(); }

}  // namespace

Result<std::vector<RegistryEntry>> ImportNdaa1286(const std::string& path, const ImportOptions& options) {
  Result<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) return table.status();
  const CsvTable& t = *table;
  const int name = t.Column("name");
  const int report_date = t.Column("report-date"), report_years = t.Column("listed_in_report_years");
  if (name < 0 || (report_date < 0 && report_years < 0)) {
    return Status::InvalidArgument(fmt::format(
        "{}: not a Section 1286 table: needs \"name\" and \"report-date\" or \"listed_in_report_years\"", path));
  }
  const int aliases = t.Column("aliases"), start = t.Column("start-date"), end = t.Column("end-date");
  const int country = t.Column("country"), notes = t.Column("notes"), ror = t.Column("ror_ids");
  const int url = t.Column("source_url");

  // Rows of one institution share the normal form of its name; its first row fixes its order.
  std::map<std::string, size_t> index;
  std::vector<Institution> institutions;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string row_name = TrimCopy(t.Cell(r, name));
    const std::string key = NormalizeName(row_name);
    if (key.empty()) continue;
    auto [it, inserted] = index.emplace(key, institutions.size());
    if (inserted) {
      institutions.emplace_back();
      institutions.back().where = t.Where(r);
    }
    Institution& inst = institutions[it->second];
    std::vector<std::string> row_years = SplitList(t.Cell(r, report_date), ';');
    for (std::string& y : SplitList(t.Cell(r, report_years), ';')) row_years.push_back(std::move(y));
    const std::string row_latest = row_years.empty() ? "" : *std::max_element(row_years.begin(), row_years.end());
    if (inst.name.empty() || row_latest >= inst.latest_year) {
      inst.name = row_name;
      inst.latest_year = row_latest;
      if (!t.Cell(r, url).empty()) inst.source_url = TrimCopy(t.Cell(r, url));
      inst.end_date = TrimCopy(t.Cell(r, end));  // the latest listing decides removal
    }
    inst.years.insert(row_years.begin(), row_years.end());
    for (std::string& a : SplitList(t.Cell(r, aliases), ';')) inst.aliases.push_back(std::move(a));
    for (std::string& id : SplitList(t.Cell(r, ror), ';')) inst.ror_ids.push_back(std::move(id));
    if (const std::string n = TrimCopy(t.Cell(r, notes));
        !n.empty() && std::find(inst.notes.begin(), inst.notes.end(), n) == inst.notes.end()) {
      inst.notes.push_back(n);
    }
    const std::string s = TrimCopy(t.Cell(r, start));
    if (!s.empty() && (inst.start_date.empty() || s < inst.start_date)) inst.start_date = s;
    if (const std::string c = TrimCopy(t.Cell(r, country)); !c.empty() && inst.country_text.empty()) {
      inst.country_text = c;
      inst.country = CountryCodeFromName(c);
    }
  }

  const std::string date = ImportDate(path, options);
  std::vector<RegistryEntry> entries;
  for (Institution& inst : institutions) {
    RegistryEntry e;
    e.origin = inst.where;
    e.key = "us_ndaa1286:" + Slug(inst.name);
    e.kind = "designation";
    e.category = "us_ndaa_1286";
    e.name_en = inst.name;
    e.aliases = std::move(inst.aliases);
    e.ror_ids = std::move(inst.ror_ids);
    e.country = !inst.country.empty() ? inst.country : options.default_country.value_or("");
    e.listed_on = !inst.start_date.empty() ? inst.start_date : FirstYear(inst.years);
    e.delisted_on = inst.end_date;
    std::vector<std::string> fy;
    for (const std::string& y : inst.years) fy.push_back("FY" + y);
    AddReason(e.reason, "",
              fy.empty() ? "Listed under Section 1286"
                         : fmt::format("Listed in the Section 1286 lists of {}", fmt::join(fy, ", ")));
    if (!inst.country_text.empty() && inst.country.empty()) {
      AddReason(e.reason, "country as given (not recognised)", inst.country_text);
    }
    for (const std::string& n : inst.notes) AddReason(e.reason, "note", n);
    e.source = std::string(kSource);
    e.source_date = date;
    e.source_url = inst.source_url;
    e.licence = std::string(kLicence);
    entries.push_back(std::move(e));
  }
  ENTANGLE_RETURN_IF_ERROR(FinishImport(entries));
  return entries;
}

}  // namespace entangle::risk
