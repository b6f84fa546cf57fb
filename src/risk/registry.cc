// Loading registry files and government lists into one Registry, recognising each file's format
// from its header so users can pass the lists exactly as they downloaded them.
#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "common/csv_table.h"
#include "common/shipped_file.h"
#include "risk/registry_format.h"
#include "risk/risk.h"

namespace entangle::risk {
namespace {

enum class FileFormat { kRegistry, kCsl, k1260H, k1286, kUnknown };

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

FileFormat FormatOf(const CsvTable& table) {
  auto has = [&](const char* column) { return table.Column(column) >= 0; };
  if (has("key") && has("kind") && has("source")) return FileFormat::kRegistry;
  if (has("source") && has("alt_names") && has("name")) return FileFormat::kCsl;
  if (has("clean name") || (has("name") && has("parent name"))) return FileFormat::k1260H;
  if (has("name") && (has("report-date") || has("listed_in_report_years"))) return FileFormat::k1286;
  return FileFormat::kUnknown;
}

Result<std::vector<RegistryEntry>> LoadOne(const std::string& path) {
  if (EndsWith(path, ".json")) return ImportConsolidatedScreeningList(path);
  CsvOptions options;
  if (EndsWith(path, ".tsv")) options.delimiter = '\t';
  Result<CsvTable> table = ReadCsvFile(path, options);
  if (!table.ok()) return table.status();
  switch (FormatOf(*table)) {
    case FileFormat::kRegistry: return ParseRegistryTable(*table);
    case FileFormat::kCsl: return ImportConsolidatedScreeningList(path);
    case FileFormat::k1260H: return Import1260H(path);
    case FileFormat::k1286: return ImportNdaa1286(path);
    case FileFormat::kUnknown: break;
  }
  return Status::InvalidArgument(fmt::format(
      "{}: not a registry table, Consolidated Screening List, 1260H or §1286 table (header: {})", path,
      fmt::join(table->header, ",")));
}

}  // namespace

const RegistryEntry* Registry::Find(std::string_view key) const {
  for (const RegistryEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

Result<Registry> LoadRegistry(const std::vector<std::string>& paths) {
  Registry registry;
  std::map<std::string, std::string, std::less<>> origin_of_key;
  for (const std::string& path : paths) {
    Result<std::vector<RegistryEntry>> entries = LoadOne(path);
    if (!entries.ok()) return entries.status();
    for (RegistryEntry& e : *entries) {
      auto [it, inserted] = origin_of_key.emplace(e.key, e.origin);
      if (!inserted) {
        return Status::InvalidArgument(
            fmt::format("{}: key \"{}\" is already used at {}", e.origin, e.key, it->second));
      }
      registry.entries.push_back(std::move(e));
    }
  }
  return registry;
}

namespace {

Result<std::vector<std::string>> RegistryFilesIn(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    const std::string path = item.path().string();
    if (item.is_regular_file() && (EndsWith(path, ".csv") || EndsWith(path, ".tsv"))) paths.push_back(path);
  }
  if (ec) return Status::IOError(fmt::format("{}: {}", dir, ec.message()));
  if (paths.empty()) return Status::NotFound(fmt::format("{}: no registry files (*.csv, *.tsv)", dir));
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

Result<Registry> LoadRegistryDir(const std::string& dir) {
  Result<std::vector<std::string>> paths = RegistryFilesIn(dir);
  if (!paths.ok()) return paths.status();
  return LoadRegistry(*paths);
}

std::string DefaultRegistryDir() { return ShippedFile("data/registry"); }

std::string DefaultVocabularyPath() { return ShippedFile("data/vocab/dual-use-ai.tsv"); }

Result<Registry> LoadRegistryOrDefault(const std::vector<std::string>& paths, std::vector<std::string>* files) {
  std::vector<std::string> chosen = paths;
  if (chosen.empty()) {
    Result<std::vector<std::string>> found = RegistryFilesIn(DefaultRegistryDir());
    if (!found.ok()) return found.status();
    chosen = std::move(found).value();
  }
  if (files) *files = chosen;
  return LoadRegistry(chosen);
}

}  // namespace entangle::risk
