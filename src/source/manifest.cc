// ParseManifest: the JSON manifest OpenAlex writes beside each entity's partitions.
#include <simdjson.h>

#include <filesystem>

#include "source/snapshot.h"

namespace entangle {
namespace {

// "s3://openalex/data/works/updated_date=2023-05-16/part_000.gz" → "updated_date=2023-05-16/part_000.gz".
// Without a "/data/<entity>/" part, the last two segments (partition folder and file) are kept.
std::string RelativePathFromUrl(std::string_view url) {
  constexpr std::string_view kDataFolder = "/data/";
  size_t data = url.find(kDataFolder);
  if (data != std::string_view::npos) {
    size_t entity_end = url.find('/', data + kDataFolder.size());
    if (entity_end != std::string_view::npos) return std::string(url.substr(entity_end + 1));
  }
  size_t last = url.rfind('/');
  if (last == std::string_view::npos || last == 0) return std::string(url);
  size_t before = url.rfind('/', last - 1);
  return std::string(before == std::string_view::npos ? url : url.substr(before + 1));
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
  out.relative_path = RelativePathFromUrl(url);
  return Status::OK();
}

// Totals as written under "meta"; when a manifest has none, the entries' sums stand in.
Status ParseTotals(simdjson::dom::element root, Manifest& manifest) {
  simdjson::dom::element meta;
  if (root["meta"].get(meta) != simdjson::SUCCESS) {
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

Status ParseManifestDocument(simdjson::dom::element root, Manifest& manifest) {
  simdjson::dom::array entries;
  if (auto error = root["entries"].get_array().get(entries)) {
    return Status::Corruption(std::string("entries: ") + simdjson::error_message(error));
  }
  for (simdjson::dom::element entry : entries) {
    ManifestEntry parsed;
    ENTANGLE_RETURN_IF_ERROR(ParseEntry(entry, parsed));
    manifest.entries.push_back(std::move(parsed));
  }
  return ParseTotals(root, manifest);
}

}  // namespace

Result<Manifest> ParseManifest(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound("manifest not found: " + path);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.load(path).get(root)) {
    std::string message = path + ": " + simdjson::error_message(error);
    return error == simdjson::IO_ERROR ? Status::IOError(message) : Status::Corruption(message);
  }
  Manifest manifest;
  manifest.path = path;
  Status status = ParseManifestDocument(root, manifest);
  if (!status.ok()) return Status::Corruption(path + ": " + status.message());
  return manifest;
}

}  // namespace entangle
