// ParseManifest: the JSON manifest OpenAlex wrote beside each entity's partitions (2023 layout);
// ParseCombinedManifest: the one manifest.json of the 2026 layout, for all entities of a format.
#include <simdjson.h>

#include <filesystem>
#include <map>
#include <tuple>
#include <utility>

#include "source/snapshot.h"

namespace entangle::source {
namespace {

// The URL's path segments after the entity folder, and that folder's name: the partition folder
// ("updated_date=…") and the file. Works for the 2023 layout ("s3://openalex/data/works/updated_date=
// 2023-05-16/part_000.gz") and the 2026 one ("s3://openalex/data/jsonl/works/updated_date=…/part_0000.gz").
// Without a partition segment, the last two segments are kept and the entity is unknown.
std::pair<std::string, std::string> EntityAndRelativePath(std::string_view url) {
  constexpr std::string_view kPartition = "/updated_date=";
  size_t partition = url.find(kPartition);
  if (partition != std::string_view::npos) {
    size_t entity_start = url.rfind('/', partition == 0 ? 0 : partition - 1);
    std::string entity = entity_start == std::string_view::npos || partition == 0
                             ? std::string()
                             : std::string(url.substr(entity_start + 1, partition - entity_start - 1));
    return {entity, std::string(url.substr(partition + 1))};
  }
  size_t last = url.rfind('/');
  if (last == std::string_view::npos || last == 0) return {"", std::string(url)};
  size_t before = url.rfind('/', last - 1);
  return {"", std::string(before == std::string_view::npos ? url : url.substr(before + 1))};
}

Status ParseEntry(simdjson::dom::element entry, ManifestEntry& out) {
  std::string_view url;
  if (auto error = entry["url"].get_string().get(url)) {
    return Status::Corruption(std::string("entry url: ") + simdjson::error_message(error));
  }
  simdjson::dom::element meta;
  if (entry["meta"].get(meta) != simdjson::SUCCESS ||
      meta["content_length"].get_uint64().get(out.content_length) != simdjson::SUCCESS ||
      meta["record_count"].get_uint64().get(out.record_count) != simdjson::SUCCESS) {
    return Status::Corruption("entry " + std::string(url) + " lacks meta.content_length or meta.record_count");
  }
  out.url = std::string(url);
  std::tie(out.entity, out.relative_path) = EntityAndRelativePath(url);
  return Status::OK();
}

// Totals as written under "meta" (Redshift manifests, 2023) or at the top level (2026 per-entity
// manifests); when a manifest has neither, the entries' sums stand in.
Status ParseTotals(simdjson::dom::element root, Manifest& manifest) {
  simdjson::dom::element meta;
  if (root["meta"].get(meta) != simdjson::SUCCESS) {
    if (root["record_count"].get_uint64().get(manifest.record_count) == simdjson::SUCCESS &&
        root["content_length"].get_uint64().get(manifest.content_length) == simdjson::SUCCESS) {
      return Status::OK();
    }
    manifest.record_count = manifest.content_length = 0;
    for (const ManifestEntry& entry : manifest.entries) {
      manifest.content_length += entry.content_length;
      manifest.record_count += entry.record_count;
    }
    return Status::OK();
  }
  if (meta["content_length"].get_uint64().get(manifest.content_length) != simdjson::SUCCESS ||
      meta["record_count"].get_uint64().get(manifest.record_count) != simdjson::SUCCESS) {
    return Status::Corruption("meta lacks content_length or record_count");
  }
  return Status::OK();
}

// The list of files: "entries" in the Redshift manifests of 2023, "files" in those of 2026.
bool FindFileList(simdjson::dom::element root, simdjson::dom::array& files) {
  return root["entries"].get_array().get(files) == simdjson::SUCCESS ||
         root["files"].get_array().get(files) == simdjson::SUCCESS;
}

Status ParseManifestDocument(simdjson::dom::element root, Manifest& manifest) {
  simdjson::dom::array entries;
  if (!FindFileList(root, entries)) return Status::Corruption("no \"entries\" or \"files\" list");
  for (simdjson::dom::element entry : entries) {
    ManifestEntry parsed;
    ENTANGLE_RETURN_IF_ERROR(ParseEntry(entry, parsed));
    manifest.entries.push_back(std::move(parsed));
  }
  return ParseTotals(root, manifest);
}

// One element of a combined manifest's "entities": a whole per-entity manifest, or only its name
// and totals (then the entity folder's own manifest.json lists the files).
Status ParseEntityElement(simdjson::dom::element element, std::string fallback_name, CombinedManifest& combined) {
  std::string_view name;
  if (element["entity"].get_string().get(name) == simdjson::SUCCESS) fallback_name = std::string(name);
  simdjson::dom::array files;
  Manifest part;
  part.path = combined.path;
  if (FindFileList(element, files)) {
    ENTANGLE_RETURN_IF_ERROR(ParseManifestDocument(element, part));
  } else {
    part.lists_files = false;
    ENTANGLE_RETURN_IF_ERROR(ParseTotals(element, part));
  }
  for (ManifestEntry& entry : part.entries) {
    if (entry.entity.empty()) entry.entity = fallback_name;
  }
  if (fallback_name.empty()) return Status::Corruption("an entity without a name (\"entity\")");
  combined.entities[fallback_name] = std::move(part);
  return Status::OK();
}

Status LoadJson(const std::string& path, simdjson::dom::parser& parser, simdjson::dom::element& root) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound("manifest not found: " + path);
  if (auto error = parser.load(path).get(root)) {
    std::string message = path + ": " + simdjson::error_message(error);
    return error == simdjson::IO_ERROR ? Status::IOError(message) : Status::Corruption(message);
  }
  return Status::OK();
}

}  // namespace

Result<Manifest> ParseManifest(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ENTANGLE_RETURN_IF_ERROR(LoadJson(path, parser, root));
  Manifest manifest;
  manifest.path = path;
  Status status = ParseManifestDocument(root, manifest);
  if (!status.ok()) return Status::Corruption(path + ": " + status.message());
  return manifest;
}

Result<CombinedManifest> ParseCombinedManifest(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ENTANGLE_RETURN_IF_ERROR(LoadJson(path, parser, root));
  CombinedManifest combined;
  combined.path = path;
  std::string_view date;
  if (root["date"].get_string().get(date) == simdjson::SUCCESS) combined.date = std::string(date);
  auto fail = [&](const Status& status) { return Status::Corruption(path + ": " + status.message()); };
  simdjson::dom::array list;
  simdjson::dom::object by_name;
  if (FindFileList(root, list)) {
    // One list for every entity: each entry's URL names its entity folder.
    Manifest all;
    Status status = ParseManifestDocument(root, all);
    if (!status.ok()) return fail(status);
    for (ManifestEntry& entry : all.entries) {
      Manifest& part = combined.entities[entry.entity];
      part.path = path;
      part.content_length += entry.content_length;
      part.record_count += entry.record_count;
      part.entries.push_back(std::move(entry));
    }
  } else if (root["entities"].get_array().get(list) == simdjson::SUCCESS) {  // as OpenAlex documents it
    for (simdjson::dom::element element : list) {
      Status status = ParseEntityElement(element, "", combined);
      if (!status.ok()) return fail(status);
    }
  } else if (root["entities"].get_object().get(by_name) == simdjson::SUCCESS ||
             root.get_object().get(by_name) == simdjson::SUCCESS) {  // or keyed by entity name
    for (auto [key, value] : by_name) {
      if (!value.is_object() || key == "meta") continue;
      Status status = ParseEntityElement(value, std::string(key), combined);
      if (!status.ok()) return fail(status);
    }
  }
  if (combined.entities.empty()) {
    return Status::Corruption(path + ": no entities: neither an \"entities\" list nor a list of files");
  }
  // The document's totals; the entities' sums when it writes none.
  Manifest totals;
  uint64_t bytes = 0, records = 0;
  for (const auto& [name, part] : combined.entities) {
    bytes += part.content_length;
    records += part.record_count;
  }
  bool written = ParseTotals(root, totals).ok() && (totals.record_count != 0 || totals.content_length != 0);
  combined.content_length = written ? totals.content_length : bytes;
  combined.record_count = written ? totals.record_count : records;
  return combined;
}

}  // namespace entangle::source
