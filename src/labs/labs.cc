// Reading and checking the labs registry (data/labs/labs.csv; columns in data/labs/README.md).
#include "labs/labs.h"

#include <array>
#include <map>

#include <fmt/format.h>

#include "common/csv_table.h"
#include "common/shipped_file.h"
#include "risk/name_normalize.h"
#include "select/countries.h"

namespace entangle::labs {
namespace {

constexpr std::array<std::string_view, 18> kColumns = {
    "key",    "name_en",     "name_zh",    "kind",         "owners",  "partners",          "host_country",
    "city",   "opened",      "closed",     "openalex_ids", "ror_ids", "affiliation_names", "note",
    "source", "source_date", "source_url", "licence"};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A '|'-separated list: items trimmed, empty items dropped.
std::vector<std::string> SplitList(std::string_view cell) {
  std::vector<std::string> items;
  while (true) {
    size_t bar = cell.find('|');
    std::string_view item = Trim(cell.substr(0, bar));
    if (!item.empty()) items.emplace_back(item);
    if (bar == std::string_view::npos) break;
    cell.remove_prefix(bar + 1);
  }
  return items;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// "I" followed by digits: an OpenAlex institution id in its short form.
bool LooksLikeOpenAlexId(std::string_view id) { return id.size() >= 2 && id[0] == 'I' && AllDigits(id.substr(1)); }

// A ROR id: "0", six characters of Crockford base 32 (lower case, no i, l, o, u), two digits.
bool LooksLikeRorId(std::string_view id) {
  if (id.size() != 9 || id[0] != '0' || !IsDigit(id[7]) || !IsDigit(id[8])) return false;
  for (char c : id.substr(1, 6)) {
    bool digit = IsDigit(c);
    bool letter = c >= 'a' && c <= 'z' && c != 'i' && c != 'l' && c != 'o' && c != 'u';
    if (!digit && !letter) return false;
  }
  return true;
}

// YYYY, YYYY-MM or YYYY-MM-DD.
bool LooksLikeDate(std::string_view d) {
  auto digits = [&](size_t at, size_t n) { return d.size() >= at + n && AllDigits(d.substr(at, n)); };
  if (d.size() == 4) return digits(0, 4);
  if (d.size() == 7) return digits(0, 4) && d[4] == '-' && digits(5, 2);
  if (d.size() == 10) return digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' && digits(8, 2);
  return false;
}

bool LooksLikeUrl(std::string_view url) {
  return (url.starts_with("https://") && url.size() > 8) || (url.starts_with("http://") && url.size() > 7);
}

class RowChecker {
 public:
  RowChecker(const CsvTable& table, size_t row) : table_(table), row_(row) {}

  std::string Cell(std::string_view column) const {
    return std::string(Trim(table_.Cell(row_, table_.Column(column))));
  }
  Status Error(std::string_view column, const std::string& what) const {
    return Status::InvalidArgument(fmt::format("{}: column {}: {}", table_.Where(row_), column, what));
  }
  Result<std::optional<int>> Year(std::string_view column) const {
    std::string text = Cell(column);
    if (text.empty()) return std::optional<int>();
    if (text.size() != 4 || !AllDigits(text)) {
      return Error(column, fmt::format("\"{}\" is not a year (YYYY)", text));
    }
    return std::optional<int>(std::stoi(text));
  }

 private:
  const CsvTable& table_;
  size_t row_;
};

Result<Lab> ParseRow(const CsvTable& table, size_t row) {
  RowChecker check(table, row);
  Lab lab;
  lab.origin = table.Where(row);
  lab.key = check.Cell("key");
  if (lab.key.empty()) return check.Error("key", "empty key");
  if (!lab.key.starts_with("lab:") || lab.key.size() == 4) {
    return check.Error("key", fmt::format("key \"{}\" does not start with \"lab:\" and a name", lab.key));
  }
  lab.name_en = check.Cell("name_en");
  if (lab.name_en.empty()) return check.Error("name_en", "empty English name");
  lab.name_zh = check.Cell("name_zh");

  std::string kind = check.Cell("kind");
  std::optional<LabKind> parsed_kind = ParseLabKind(kind);
  if (!parsed_kind) {
    return check.Error("kind", fmt::format("unknown kind \"{}\" (joint_public_lab, corporate_lab_abroad, "
                                           "corporate_lab_home or joint_company_university_lab)",
                                           kind));
  }
  lab.kind = *parsed_kind;
  lab.owners = SplitList(check.Cell("owners"));
  if (lab.owners.empty()) return check.Error("owners", "no owner");
  lab.partners = SplitList(check.Cell("partners"));

  lab.host_country = check.Cell("host_country");
  const std::string& code = lab.host_country;
  bool upper = code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
  if (!upper || select::CountryName(code).empty()) {
    return check.Error("host_country",
                       fmt::format("unknown country code \"{}\" (ISO 3166-1 alpha-2, upper case)", code));
  }
  lab.city = check.Cell("city");

  Result<std::optional<int>> opened = check.Year("opened");
  if (!opened.ok()) return opened.status();
  Result<std::optional<int>> closed = check.Year("closed");
  if (!closed.ok()) return closed.status();
  lab.opened = *opened;
  lab.closed = *closed;
  if (lab.opened && lab.closed && *lab.closed < *lab.opened) {
    return check.Error("closed", fmt::format("closed in {} before it opened in {}", *lab.closed, *lab.opened));
  }

  lab.openalex_ids = SplitList(check.Cell("openalex_ids"));
  for (const std::string& id : lab.openalex_ids) {
    if (!LooksLikeOpenAlexId(id)) {
      return check.Error("openalex_ids",
                         fmt::format("\"{}\" does not look like an OpenAlex institution id (I and digits)", id));
    }
  }
  lab.ror_ids = SplitList(check.Cell("ror_ids"));
  for (const std::string& id : lab.ror_ids) {
    if (!LooksLikeRorId(id)) {
      return check.Error("ror_ids",
                         fmt::format("\"{}\" does not look like a ROR id (0, six base-32 characters, two digits)", id));
    }
  }
  if (table.Column("owner_openalex_ids") >= 0) {  // optional: registries from before it have none
    lab.owner_openalex_ids = SplitList(check.Cell("owner_openalex_ids"));
    for (const std::string& id : lab.owner_openalex_ids) {
      if (!LooksLikeOpenAlexId(id)) {
        return check.Error("owner_openalex_ids",
                           fmt::format("\"{}\" does not look like an OpenAlex institution id (I and digits)", id));
      }
    }
  }
  lab.affiliation_names = SplitList(check.Cell("affiliation_names"));
  for (const std::string& name : lab.affiliation_names) {
    if (risk::NormalizeName(name).empty()) {
      return check.Error("affiliation_names", fmt::format("\"{}\" has no letters or digits", name));
    }
    if (risk::IsAbbreviation(name)) {
      return check.Error("affiliation_names",
                         fmt::format("\"{}\" is an abbreviation; abbreviations are never matched alone, put it in "
                                     "the note",
                                     name));
    }
  }
  lab.note = check.Cell("note");

  lab.source = check.Cell("source");
  if (lab.source.empty()) return check.Error("source", "missing provenance: no source");
  lab.source_date = check.Cell("source_date");
  if (lab.source_date.empty()) return check.Error("source_date", "missing provenance: no source_date");
  if (!LooksLikeDate(lab.source_date)) {
    return check.Error("source_date",
                       fmt::format("\"{}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", lab.source_date));
  }
  lab.source_url = check.Cell("source_url");
  if (lab.source_url.empty()) return check.Error("source_url", "missing provenance: no source_url");
  if (!LooksLikeUrl(lab.source_url)) {
    return check.Error("source_url", fmt::format("\"{}\" is not an http(s) URL", lab.source_url));
  }
  lab.licence = check.Cell("licence");
  if (lab.licence.empty()) return check.Error("licence", "missing provenance: no licence");
  return lab;
}

// An owner id names the company, not one of its labs, and one company only: "Huawei Technologies"
// and "Huawei" with one id would split one company in two rows of the owners exhibit.
Result<LabRegistry> CheckOwnerIds(LabRegistry registry) {
  std::map<std::string, const Lab*, std::less<>> lab_of_id, owner_of_id;
  for (const Lab& lab : registry.labs) {
    for (const std::string& id : lab.openalex_ids) lab_of_id.emplace(id, &lab);
  }
  for (const Lab& lab : registry.labs) {
    for (const std::string& id : lab.owner_openalex_ids) {
      if (auto found = lab_of_id.find(id); found != lab_of_id.end()) {
        return Status::InvalidArgument(
            fmt::format("{}: column owner_openalex_ids: \"{}\" is the id of the lab {} itself, not of its owner",
                        lab.origin, id, found->second->key));
      }
      auto [owner, fresh] = owner_of_id.emplace(id, &lab);
      if (!fresh && owner->second->owners.front() != lab.owners.front()) {
        return Status::InvalidArgument(
            fmt::format("{}: column owner_openalex_ids: \"{}\" is already the id of owner \"{}\" ({}), not of \"{}\"",
                        lab.origin, id, owner->second->owners.front(), owner->second->key, lab.owners.front()));
      }
    }
  }
  return registry;
}

Result<LabRegistry> FromTable(const CsvTable& table) {
  for (std::string_view column : kColumns) {
    if (table.Column(column) < 0) {
      return Status::InvalidArgument(fmt::format("{}:1: missing column {}", table.path, column));
    }
  }
  LabRegistry registry;
  std::map<std::string, std::string, std::less<>> key_origin;
  std::map<std::string, std::string, std::less<>> name_owner;  // normal form → "key (path:line)"
  for (size_t row = 0; row < table.rows.size(); ++row) {
    Result<Lab> lab = ParseRow(table, row);
    if (!lab.ok()) return lab.status();
    auto [it, inserted] = key_origin.emplace(lab->key, lab->origin);
    if (!inserted) {
      return Status::InvalidArgument(
          fmt::format("{}: column key: duplicate key \"{}\" (first at {})", lab->origin, lab->key, it->second));
    }
    for (const std::string& name : lab->affiliation_names) {
      auto [owner, fresh] = name_owner.emplace(risk::NormalizeName(name), lab->key);
      if (!fresh && owner->second != lab->key) {
        return Status::InvalidArgument(
            fmt::format("{}: column affiliation_names: \"{}\" is already an affiliation name of {}", lab->origin, name,
                        owner->second));
      }
    }
    registry.labs.push_back(std::move(*lab));
  }
  return CheckOwnerIds(std::move(registry));
}

}  // namespace

std::string_view LabKindName(LabKind kind) {
  switch (kind) {
    case LabKind::kJointPublicLab: return "joint_public_lab";
    case LabKind::kCorporateLabAbroad: return "corporate_lab_abroad";
    case LabKind::kCorporateLabHome: return "corporate_lab_home";
    case LabKind::kJointCompanyUniversityLab: return "joint_company_university_lab";
  }
  return "";
}

std::optional<LabKind> ParseLabKind(std::string_view name) {
  for (LabKind kind : {LabKind::kJointPublicLab, LabKind::kCorporateLabAbroad, LabKind::kCorporateLabHome,
                       LabKind::kJointCompanyUniversityLab}) {
    if (LabKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

const Lab* LabRegistry::Find(std::string_view key) const {
  for (const Lab& lab : labs) {
    if (lab.key == key) return &lab;
  }
  return nullptr;
}

Result<LabRegistry> ParseLabs(std::string_view csv_text, const std::string& path) {
  Result<CsvTable> table = ParseCsv(csv_text, CsvOptions{}, path);
  if (!table.ok()) return table.status();
  return FromTable(*table);
}

Result<LabRegistry> LoadLabs(const std::string& path) {
  Result<CsvTable> table = ReadCsvFile(path, CsvOptions{});
  if (!table.ok()) return table.status();
  return FromTable(*table);
}

std::string DefaultLabsPath() { return ShippedFile("data/labs/labs.csv"); }

}  // namespace entangle::labs
