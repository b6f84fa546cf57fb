#include "risk/registry_format.h"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <set>

#include <fmt/format.h>

#include "common/ascii.h"
#include "risk/name_normalize.h"
#include "select/countries.h"

namespace entangle::risk {
namespace {

// Country names that lists use but the country table spells otherwise.
struct CountryAlias {
  std::string_view name, code;
};
constexpr CountryAlias kCountryAliases[] = {
    {"china", "CN"},         {"prc", "CN"},        {"people s republic of china", "CN"},
    {"russia", "RU"},        {"iran", "IR"},       {"north korea", "KP"},
    {"south korea", "KR"},   {"hong kong", "HK"},  {"macau", "MO"},
    {"taiwan", "TW"},        {"syria", "SY"},      {"burma", "MM"},
    {"united states", "US"}, {"usa", "US"},        {"uk", "GB"},
    {"united kingdom", "GB"}, {"vietnam", "VN"},   {"belarus", "BY"},
};

void Dedupe(std::vector<std::string>& items, std::set<std::string>& seen_normal) {
  std::vector<std::string> kept;
  for (auto& item : items) {
    std::string trimmed = TrimCopy(item);
    if (trimmed.empty()) continue;
    std::string key = NormalizeName(trimmed);
    if (key.empty()) key = trimmed;
    if (!seen_normal.insert(key).second) continue;
    kept.push_back(std::move(trimmed));
  }
  items = std::move(kept);
}

void DedupeExact(std::vector<std::string>& items) {
  std::vector<std::string> kept;
  for (auto& item : items) {
    if (item.empty() || std::find(kept.begin(), kept.end(), item) != kept.end()) continue;
    kept.push_back(std::move(item));
  }
  items = std::move(kept);
}

}  // namespace

std::string TrimCopy(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> SplitList(std::string_view cell, char separator) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find(separator, start);
    if (end == std::string_view::npos) end = cell.size();
    std::string item = TrimCopy(cell.substr(start, end - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = end + 1;
  }
  return items;
}

std::string NormalizeOpenAlexId(std::string_view id) {
  std::string s = TrimCopy(id);
  if (size_t slash = s.rfind('/'); slash != std::string::npos) s = s.substr(slash + 1);
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string NormalizeRorId(std::string_view id) {
  std::string s = TrimCopy(id);
  if (size_t slash = s.rfind('/'); slash != std::string::npos) s = s.substr(slash + 1);
  return AsciiLower(s);
}

std::string CountryCodeFromName(std::string_view name) {
  std::string trimmed = TrimCopy(name);
  if (trimmed.size() == 2) {
    std::string code = trimmed;
    for (char& c : code) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    if (!select::CountryName(code).empty()) return code;
  }
  const std::string normal = NormalizeName(trimmed);
  if (normal.empty()) return "";
  for (const auto& alias : kCountryAliases) {
    if (normal == alias.name) return std::string(alias.code);
  }
  for (const select::CountryInfo& country : select::AllCountries()) {
    if (NormalizeName(country.name) == normal) return std::string(country.code);
  }
  return "";
}

Status FinalizeEntry(RegistryEntry& e) {
  for (std::string* field : {&e.key, &e.kind, &e.category, &e.name_en, &e.name_zh, &e.listed_on, &e.delisted_on,
                             &e.reason, &e.source, &e.source_date, &e.source_url, &e.licence}) {
    *field = TrimCopy(*field);
  }
  const std::string where = e.origin.empty() ? e.key : e.origin;
  if (e.key.empty()) return Status::InvalidArgument(fmt::format("{}: entry without a key", where));
  if (e.kind != "assessment" && e.kind != "designation") {
    return Status::InvalidArgument(
        fmt::format("{}: kind must be \"assessment\" or \"designation\", not \"{}\"", where, e.kind));
  }
  if (e.name_en.empty() && e.name_zh.empty()) {
    return Status::InvalidArgument(fmt::format("{}: entry {} has no name", where, e.key));
  }
  if (e.source.empty() || e.source_date.empty() || e.licence.empty()) {
    return Status::InvalidArgument(
        fmt::format("{}: entry {} lacks its provenance (source, source_date, licence)", where, e.key));
  }

  std::string countries;
  for (const std::string& token : SplitList(e.country, ' ')) {
    std::string code = CountryCodeFromName(token);
    if (code.empty()) {
      return Status::InvalidArgument(fmt::format("{}: entry {}: \"{}\" is not an ISO country code", where, e.key, token));
    }
    if (countries.find(code) == std::string::npos) countries += (countries.empty() ? "" : " ") + code;
  }
  e.country = countries;

  for (auto& id : e.ror_ids) id = NormalizeRorId(id);
  for (auto& id : e.openalex_ids) id = NormalizeOpenAlexId(id);
  DedupeExact(e.ror_ids);
  DedupeExact(e.openalex_ids);

  // Names: each distinct normal form once, canonical names first; abbreviations never match.
  std::set<std::string> seen;
  for (const std::string* name : {&e.name_en, &e.name_zh}) {
    std::string key = NormalizeName(*name);
    if (!key.empty()) seen.insert(key);
  }
  std::vector<std::string> aliases;
  for (auto& alias : e.aliases) {
    if (IsAbbreviation(alias)) {
      e.other_names.push_back(std::move(alias));
    } else {
      aliases.push_back(std::move(alias));
    }
  }
  e.aliases = std::move(aliases);
  Dedupe(e.aliases, seen);
  Dedupe(e.other_names, seen);
  for (auto* list : {&e.supervising_agencies, &e.defence_labs}) {
    for (auto& item : *list) item = TrimCopy(item);
    DedupeExact(*list);
  }
  return Status::OK();
}

Result<std::vector<RegistryEntry>> ParseRegistryTable(const CsvTable& table) {
  for (const char* required : {"key", "kind", "category", "name_en", "name_zh", "source", "source_date", "licence"}) {
    if (table.Column(required) < 0) {
      return Status::InvalidArgument(fmt::format("{}: registry table lacks the column \"{}\"", table.path, required));
    }
  }
  const int key = table.Column("key"), kind = table.Column("kind"), category = table.Column("category");
  const int name_en = table.Column("name_en"), name_zh = table.Column("name_zh");
  const int aliases = table.Column("aliases"), other_names = table.Column("other_names");
  const int country = table.Column("country"), ror = table.Column("ror_ids"), openalex = table.Column("openalex_ids");
  const int agencies = table.Column("supervising_agencies"), labs = table.Column("defence_labs");
  const int listed = table.Column("listed_on"), delisted = table.Column("delisted_on");
  const int reason = table.Column("reason"), source = table.Column("source"), date = table.Column("source_date");
  const int url = table.Column("source_url"), licence = table.Column("licence");

  std::vector<RegistryEntry> entries;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    RegistryEntry e;
    e.origin = table.Where(r);
    e.key = table.Cell(r, key);
    e.kind = table.Cell(r, kind);
    e.category = table.Cell(r, category);
    e.name_en = table.Cell(r, name_en);
    e.name_zh = table.Cell(r, name_zh);
    e.aliases = SplitList(table.Cell(r, aliases));
    e.other_names = SplitList(table.Cell(r, other_names));
    e.country = table.Cell(r, country);
    e.ror_ids = SplitList(table.Cell(r, ror));
    e.openalex_ids = SplitList(table.Cell(r, openalex));
    e.supervising_agencies = SplitList(table.Cell(r, agencies));
    e.defence_labs = SplitList(table.Cell(r, labs));
    e.listed_on = table.Cell(r, listed);
    e.delisted_on = table.Cell(r, delisted);
    e.reason = table.Cell(r, reason);
    e.source = table.Cell(r, source);
    e.source_date = table.Cell(r, date);
    e.source_url = table.Cell(r, url);
    e.licence = table.Cell(r, licence);
    ENTANGLE_RETURN_IF_ERROR(FinalizeEntry(e));
    entries.push_back(std::move(e));
  }
  return entries;
}

std::string FileDate(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  std::tm utc{};
  if (::gmtime_r(&info.st_mtime, &utc) == nullptr) return "";
  return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

}  // namespace entangle::risk
