// DoD list of "Chinese military companies" under Section 1260H of the FY2021 NDAA, in the
// tabular form it is transcribed in (one row per company and listing: a company re-listed in a
// later edition, or delisted, appears in several rows).
#include <fmt/format.h>

#include "common/csv_table.h"
#include "risk/import_util.h"
#include "risk/name_normalize.h"
#include "risk/registry_format.h"
#include "risk/risk.h"

namespace entangle::risk {
namespace {

constexpr std::string_view kSource = "US DoD Section 1260H list of Chinese military companies";
constexpr std::string_view kLicence =
    "US government publication (public domain); the licence of the transcription loaded applies to it";

// "Aviation Industry Corporation of China Ltd. (AVIC)*" -> "Aviation Industry Corporation of China Ltd.":
// used only when the table has no clean-name column.
std::string CleanName(std::string name) {
  name = TrimCopy(name);
  while (!name.empty() && name.back() == '*') name.pop_back();
  std::string stripped = StripTrailingAnnotation(name);
  return TrimCopy(stripped.empty() ? name : stripped);
}

}  // namespace

Result<std::vector<RegistryEntry>> Import1260H(const std::string& path, const ImportOptions& options) {
  Result<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) return table.status();
  const CsvTable& t = *table;
  const int name = t.Column("name"), clean = t.Column("clean name");
  if (name < 0 && clean < 0) {
    return Status::InvalidArgument(fmt::format("{}: not a 1260H table: no \"Name\" or \"Clean Name\" column", path));
  }
  const int alias = t.Column("alias"), previous = t.Column("previous name"), parent = t.Column("parent name");
  const int note = t.Column("note"), start = t.Column("start date"), end = t.Column("end date");
  const int url = t.Column("source url");
  const std::string date = ImportDate(path, options);
  const std::string country = options.default_country.value_or("CN");  // the statute's scope

  std::vector<RegistryEntry> entries;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    RegistryEntry e;
    e.origin = t.Where(r);
    e.name_en = TrimCopy(t.Cell(r, clean));
    if (e.name_en.empty()) e.name_en = CleanName(t.Cell(r, name));
    if (e.name_en.empty()) continue;
    e.listed_on = TrimCopy(t.Cell(r, start));
    e.delisted_on = TrimCopy(t.Cell(r, end));
    e.key = fmt::format("us_1260h:{}:{}", Slug(e.name_en), e.listed_on.empty() ? "undated" : e.listed_on);
    e.kind = "designation";
    e.category = "us_1260h";
    e.aliases = SplitList(t.Cell(r, alias), ';');
    for (std::string& p : SplitList(t.Cell(r, previous), ';')) e.aliases.push_back(std::move(p));
    e.country = country;
    AddReason(e.reason, "", "Identified as a Chinese military company under Section 1260H");
    AddReason(e.reason, "parent", t.Cell(r, parent));
    AddReason(e.reason, "note", t.Cell(r, note));
    e.source = std::string(kSource);
    e.source_date = date;
    e.source_url = TrimCopy(t.Cell(r, url));
    e.licence = std::string(kLicence);
    entries.push_back(std::move(e));
  }
  ENTANGLE_RETURN_IF_ERROR(FinishImport(entries));
  return entries;
}

}  // namespace entangle::risk
