// PlanInputs: finds the files of a scan and checks a snapshot's works files against its manifest.
#include "source/snapshot.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "parquet/parquet_file.h"

namespace entangle::source {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPartitionPrefix = "updated_date=";

enum class Entity { kWorks, kInstitutions, kFunders };

// A file found in an entity folder, with its path relative to that folder as manifests write it.
struct FoundFile {
  std::string relative_path;
  InputFile file;
};

Entity EntityNamed(std::string_view name) {
  if (name == "institutions") return Entity::kInstitutions;
  if (name == "funders") return Entity::kFunders;
  return Entity::kWorks;  // works, or any folder of loose work files
}

bool IsInputFileName(std::string_view name) {
  return name.ends_with(".jsonl") || name.ends_with(".gz") || name.ends_with(".json") || name.ends_with(".ndjson");
}

bool IsMergedIdsFileName(std::string_view name) { return name.ends_with(".csv") || name.ends_with(".csv.gz"); }

// Entries of a folder sorted by name; errors end the listing (the caller reports what is missing).
std::vector<fs::directory_entry> ListFolder(const fs::path& dir) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
  return entries;
}

bool IsFolder(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool IsFolder(const fs::directory_entry& entry) {
  std::error_code ec;
  return entry.is_directory(ec);
}

bool IsRegularFile(const fs::directory_entry& entry) {
  std::error_code ec;
  return entry.is_regular_file(ec);
}

bool Exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// "x/data/" and "x/data" name the same folder; only the latter has a filename.
fs::path Normalized(const std::string& path) {
  fs::path normal = fs::path(path).lexically_normal();
  if (normal.has_parent_path() && normal.filename().empty()) normal = normal.parent_path();
  return normal;
}

std::string PartitionDate(const fs::path& folder) {
  std::string name = folder.filename().string();
  return name.starts_with(kPartitionPrefix) ? name.substr(kPartitionPrefix.size()) : "";
}

InputFile DescribeFile(const fs::path& path) {
  InputFile file;
  file.path = path.string();
  file.format = DetectInputFormat(file.path);
  file.updated_date = PartitionDate(path.parent_path());
  std::error_code ec;
  file.size_bytes = fs::file_size(path, ec);
  if (ec) file.size_bytes = 0;
  return file;
}

bool IsParquetFileName(std::string_view name) { return name.ends_with(".parquet"); }

// The entity of a Parquet file named as an input: the entity folder it sits in (`institutions/`,
// or `institutions/updated_date=…/`), else the letter of its first id (a snapshot's institutions
// are https://openalex.org/I…, funders F…). Works when neither says otherwise, and when the file
// cannot be read here: the works pass then reports it (unreadable, or each row not a work).
Entity LooseParquetEntity(const fs::path& path) {
  fs::path folder = path.parent_path();
  if (!PartitionDate(folder).empty()) folder = folder.parent_path();
  if (Entity named = EntityNamed(folder.filename().string()); named != Entity::kWorks) return named;
  auto file = parquet::ParquetFile::Open(path.string());
  if (!file.ok() || (*file)->num_row_groups() == 0) return Entity::kWorks;
  const int id = (*file)->schema().FindColumn("id");
  if (id < 0 || (*file)->schema().column(id).type != parquet::PhysicalType::kByteArray) return Entity::kWorks;
  parquet::ColumnData ids;
  if (!(*file)->ReadColumn(0, id, &ids).ok() || ids.binary_values().empty()) return Entity::kWorks;
  std::string_view first = ids.binary_values()[0];
  if (size_t slash = first.rfind('/'); slash != std::string_view::npos) first.remove_prefix(slash + 1);
  if (first.size() < 2 || first[1] < '0' || first[1] > '9') return Entity::kWorks;
  if (first[0] == 'I') return Entity::kInstitutions;
  if (first[0] == 'F') return Entity::kFunders;
  return Entity::kWorks;
}

class Planner {
 public:
  explicit Planner(WorksFormat format) : format_(format) {}

  Status AddPath(const std::string& path) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return Status::NotFound("input not found: " + path);
    fs::path normal = Normalized(path);
    if (fs::is_regular_file(status)) return AddLooseFile(normal);
    if (!fs::is_directory(status)) return Status::InvalidArgument("not a file or folder: " + path);
    if (IsApiCache(normal)) {
      AddApiCache(normal);
    } else if (IsCurrentFormatFolder(normal / "data" / "jsonl")) {  // the bucket root, 2026 layout
      AddCurrentSnapshot(normal, normal / "data");
    } else if (IsCurrentFormatFolder(normal / "jsonl")) {  // its data/ folder
      fs::path root = normal.parent_path();
      AddCurrentSnapshot(root.empty() ? fs::path(".") : root, normal);
    } else if (normal.filename() == "jsonl" && IsCurrentFormatFolder(normal)) {  // its data/jsonl/ folder
      fs::path data = normal.parent_path();
      fs::path root = data.parent_path();
      AddCurrentSnapshot(root.empty() ? fs::path(".") : root, data.empty() ? fs::path(".") : data);
    } else if (IsFolder(normal / "data" / "parquet" / "works")) {  // a 2026 root with the Parquet copy only
      AddCurrentSnapshot(normal, normal / "data");
    } else if (IsFolder(normal / "parquet" / "works")) {  // its data/ folder
      fs::path root = normal.parent_path();
      AddCurrentSnapshot(root.empty() ? fs::path(".") : root, normal);
    } else if (normal.filename() == "parquet" && IsFolder(normal / "works")) {  // its data/parquet/ folder
      fs::path data = normal.parent_path();
      fs::path root = data.parent_path();
      AddCurrentSnapshot(root.empty() ? fs::path(".") : root, data.empty() ? fs::path(".") : data);
    } else if (IsFolder(normal / "data")) {
      AddSnapshot(normal, normal / "data");
    } else if (IsDataFolder(normal / "legacy-data")) {  // a bucket root holding only the older layout
      AddSnapshot(normal, normal / "legacy-data");
    } else if (IsDataFolder(normal)) {
      fs::path root = normal.parent_path();
      AddSnapshot(root.empty() ? fs::path(".") : root, normal);
    } else if (IsCliDownload(normal)) {
      AddCliDownload(normal);
    } else {
      NoteSnapshotsInside(normal);
      AddEntityFolder(normal, EntityNamed(normal.filename().string()));
    }
    return Status::OK();
  }

  // `openalex download --output DIR` (the official CLI): one pretty-printed W….json per work, flat
  // or (--nested) in W27/41/ subfolders, beside its checkpoint and log.
  static bool IsCliDownload(const fs::path& dir) {
    return Exists(dir / ".openalex-checkpoint.json") || Exists(dir / "openalex-download.log");
  }

  void AddCliDownload(const fs::path& dir) {
    if (plan_.layout.empty()) plan_.layout = "openalex-cli";
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.starts_with(".")) {  // the checkpoint, and nothing a download writes as a work
        if (IsFolder(it->path())) it.disable_recursion_pending();
        continue;
      }
      if (IsRegularFile(*it) && name.ends_with(".json")) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) AddInputFile(DescribeFile(file), Entity::kWorks);
  }

  InputPlan Finish() && {
    if (plan_.layout.empty()) plan_.layout = "files";
    for (const InputFile& file : plan_.works) plan_.snapshot_date = std::max(plan_.snapshot_date, file.updated_date);
    return std::move(plan_);
  }

 private:
  // What `entangle fetch` writes: pages/<query>/<page>.json.gz and the journal of finished pages.
  static bool IsApiCache(const fs::path& dir) {
    return IsFolder(dir / "pages") && (Exists(dir / "journal.jsonl") || Exists(dir / "fetch.json"));
  }

  // Every journaled page of works is read (a work found by two queries is one work: the scan keeps
  // one copy). Queries the journal does not mark complete are input issues: the counts would fall short.
  void AddApiCache(const fs::path& dir) {
    if (plan_.snapshot_root.empty()) plan_.snapshot_root = dir.string();
    plan_.layout = "api-cache";
    ApiCacheContents cache = ReadApiCache(dir.string());
    for (const std::string& page : cache.work_pages) AddInputFile(DescribeFile(page), Entity::kWorks);
    for (const std::string& problem : cache.problems) {
      AddIssue(dir.string(), "fetch_incomplete", problem + "; run `entangle fetch` again to complete it");
    }
    if (cache.has_totals) {
      plan_.has_api_totals = true;
      plan_.api_totals = std::move(cache.totals);
    } else {
      AddNote((dir / "totals.json").string(), "api_totals_missing",
              "the fetch counted no totals of each side's output (see `entangle fetch`): the totals table and "
              "Exhibit 3's shares are those of the fetched joint works only");
    }
    if (cache.torn_journal_lines > 0) {
      AddNote((dir / "journal.jsonl").string(), "journal_torn_lines",
              std::to_string(cache.torn_journal_lines) +
                  " journal lines cut short by an interrupted fetch (their "
                  "pages were fetched again)");
    }
  }

  // A 2026 format folder (data/jsonl/): the combined manifest or entity folders.
  static bool IsCurrentFormatFolder(const fs::path& dir) {
    return IsFolder(dir) && (Exists(dir / "manifest.json") || IsDataFolder(dir));
  }

  // Judged by content, not name: a folder called "data" may just hold loose files.
  static bool IsDataFolder(const fs::path& dir) {
    return IsFolder(dir / "works") || IsFolder(dir / "institutions") || IsFolder(dir / "funders") ||
           IsFolder(dir / "merged_ids");
  }

  // A folder of loose files that holds a snapshot one level down was most likely meant to be that
  // snapshot: say so, beside whatever its loose files give.
  void NoteSnapshotsInside(const fs::path& dir) {
    for (const fs::directory_entry& entry : ListFolder(dir)) {
      if (!IsFolder(entry)) continue;
      const fs::path& sub = entry.path();
      if ((IsFolder(sub / "data") && IsDataFolder(sub / "data")) || IsDataFolder(sub)) {
        AddIssue(dir.string(), "snapshot_in_subfolder",
                 sub.string() +
                     " holds an OpenAlex snapshot; give that folder to read it (here only the files "
                     "directly in " +
                     dir.string() + " are read, as JSON Lines)");
      }
    }
  }

  void AddSnapshot(const fs::path& root, const fs::path& data) {
    if (plan_.snapshot_root.empty()) plan_.snapshot_root = root.string();
    if (plan_.layout.empty()) plan_.layout = "openalex-2023";
    for (std::string_view name : {"works", "institutions", "funders"}) {
      fs::path dir = data / name;
      if (IsFolder(dir)) AddEntityFolder(dir, EntityNamed(name));
    }
    AddMergedIdsIn(data / "merged_ids" / "works");
  }

  // The 2026 layout: data/jsonl/ is read; data/parquet/ (the same records again) and legacy-data/
  // (the older layout of the same works) are named in the summary and left out, so each work is
  // read once. Merged ids come from wherever the release keeps them.
  // Its works come from data/parquet/works/ instead when asked (kParquet), or when there are no
  // JSON Lines works (kAuto); institutions and funders then come from data/parquet/ too where it has
  // them (else from data/jsonl/), and from data/jsonl/ when the works do.
  void AddCurrentSnapshot(const fs::path& root, const fs::path& data) {
    const fs::path jsonl = data / "jsonl";
    const fs::path parquet_works = data / "parquet" / "works";
    if (plan_.snapshot_root.empty()) plan_.snapshot_root = root.string();
    plan_.layout = "openalex-2026";
    const bool parquet = format_ == WorksFormat::kParquet ||
                         (format_ == WorksFormat::kAuto && !IsFolder(jsonl / "works") && IsFolder(parquet_works));
    std::optional<CombinedManifest> combined = LoadCombinedManifest(jsonl);
    for (std::string_view name : {"works", "institutions", "funders"}) {
      fs::path dir = jsonl / name;
      const fs::path parquet_dir = data / "parquet" / name;
      const bool parquet_entity = parquet && name != "works" && !WorksFilesIn(parquet_dir, true).empty();
      if (parquet_entity) AddParquetEntitiesIn(parquet_dir, EntityNamed(name));
      if (!IsFolder(dir)) continue;
      if ((parquet && name == "works") || parquet_entity) {
        AddDeletedIdsIn(dir);
        AddNote(dir.string(), "jsonl_not_read",
                "the JSON Lines copy of the " + std::string(name) + "; the Parquet copy (" +
                    (name == "works" ? parquet_works : parquet_dir).string() + ") is read");
        continue;
      }
      std::optional<Manifest> manifest = EntityManifest(dir, combined ? &*combined : nullptr);
      AddEntityFolder(dir, EntityNamed(name), manifest ? &*manifest : nullptr, /*manifest_expected=*/false);
      AddDeletedIdsIn(dir);
    }
    if (combined) CheckCombinedTotals(*combined);
    AddMergedIdsIn(jsonl / "merged_ids" / "works");
    AddMergedIdsIn(data / "merged_ids" / "works");
    AddMergedIdsIn(root / "legacy-data" / "merged_ids" / "works");
    AddMergedIdsIn(root / "legacy-data" / "data" / "merged_ids" / "works");
    if (parquet) {
      AddDeletedIdsIn(parquet_works);
      if (IsFolder(parquet_works)) AddParquetWorksIn(parquet_works);
    } else if (IsFolder(data / "parquet")) {
      NoteParquet(data / "parquet");
    }
    if (IsFolder(root / "legacy-data")) {
      AddNote((root / "legacy-data").string(), "legacy_data_not_read",
              "the pre-2026 layout of the same works; only " + jsonl.string() +
                  " is read, so that each work is counted once (its merged ids are applied)");
    }
  }

  // A 2026 entity folder's files: its own manifest.json, else its part of the combined one. Where
  // both exist, the totals the combined one gives the entity must be those of its own.
  std::optional<Manifest> EntityManifest(const fs::path& dir, const CombinedManifest* combined) {
    const Manifest* part = nullptr;
    if (combined) {
      auto it = combined->entities.find(dir.filename().string());
      if (it != combined->entities.end()) part = &it->second;
    }
    fs::path own_path = dir / "manifest.json";
    if (Exists(own_path)) {
      Result<Manifest> own = ParseManifest(own_path.string());
      if (!own.ok()) {
        AddIssue(own_path.string(), "manifest_unreadable", own.status().message());
        return std::nullopt;
      }
      if (part && (part->record_count != own->record_count || part->content_length != own->content_length)) {
        AddIssue(own_path.string(), "manifest_total_mismatch",
                 "says " + std::to_string(own->record_count) + " records and " + std::to_string(own->content_length) +
                     " bytes; " + combined->path + " says " + std::to_string(part->record_count) + " and " +
                     std::to_string(part->content_length));
      }
      return std::move(own).value();
    }
    if (part && part->lists_files) return *part;
    if (dir.filename() == "works") {
      AddIssue(dir.string(), "manifest_missing",
               "no manifest.json in " + dir.string() +
                   (combined ? " and no file list for works in " + combined->path : ""));
    }
    return std::nullopt;
  }

  // The works OpenAlex deleted or merged away since 2026 (works/deleted_ids.csv: work_id,deleted_date).
  void AddDeletedIdsIn(const fs::path& dir) {
    for (const char* name : {"deleted_ids.csv", "deleted_ids.csv.gz"}) {
      if (Exists(dir / name)) AddMergedIdsFile(dir / name);
    }
  }

  std::optional<CombinedManifest> LoadCombinedManifest(const fs::path& jsonl) {
    fs::path path = jsonl / "manifest.json";
    if (!Exists(path)) return std::nullopt;  // each entity folder's own manifest.json still counts
    Result<CombinedManifest> manifest = ParseCombinedManifest(path.string());
    if (!manifest.ok()) {
      AddIssue(path.string(), "manifest_unreadable", manifest.status().message());
      return std::nullopt;
    }
    return std::move(manifest).value();
  }

  void CheckCombinedTotals(const CombinedManifest& manifest) {
    uint64_t bytes = 0;
    uint64_t records = 0;
    for (const auto& [entity, part] : manifest.entities) {
      bytes += part.content_length;
      records += part.record_count;
    }
    CheckSums(manifest.path, "entities", bytes, records, manifest.content_length, manifest.record_count);
  }

  // A manifest's parts (entries, or entities) must add up to the totals it writes.
  void CheckSums(const std::string& path, const char* parts, uint64_t bytes, uint64_t records, uint64_t written_bytes,
                 uint64_t written_records) {
    if (bytes == written_bytes && records == written_records) return;
    AddIssue(path, "manifest_total_mismatch",
             std::string(parts) + " sum to " + std::to_string(bytes) + " bytes and " + std::to_string(records) +
                 " records; meta says " + std::to_string(written_bytes) + " bytes and " +
                 std::to_string(written_records) + " records");
  }

  void AddMergedIdsIn(const fs::path& dir) {
    for (const fs::directory_entry& entry : ListFolder(dir)) {
      if (IsRegularFile(entry) && IsMergedIdsFileName(entry.path().filename().string())) {
        AddMergedIdsFile(entry.path());
      }
    }
  }

  // Parquet is a second copy of the JSON Lines data, and not read (yet): say so, with a count.
  void NoteParquet(const fs::path& dir) {
    uint64_t files = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".parquet") ++files;
    }
    if (files == 0) return;
    AddNote(dir.string(), "parquet_not_read",
            std::to_string(files) + " Parquet file" + (files == 1 ? "" : "s") +
                " not read: entangle reads the JSON Lines copy of the snapshot (data/jsonl/), which holds the "
                "same records");
  }

  Status AddLooseFile(const fs::path& path) {
    if (path.extension() == ".parquet" && format_ != WorksFormat::kJsonLines) {
      // A Parquet file named as an input is read, as the entity its folder or its ids say.
      Entity entity = LooseParquetEntity(path);
      if (entity != Entity::kWorks) {
        const char* name = entity == Entity::kInstitutions ? "institutions" : "funders";
        AddNote(path.string(), std::string("read_as_") + name,
                std::string("a Parquet file of OpenAlex ") + name + ", read as such (not as works)");
      }
      AddInputFile(DescribeFile(path), entity);
      if (plan_.layout.empty()) plan_.layout = "files";
      return Status::OK();
    }
    if (path.extension() == ".parquet") {
      AddNote(path.string(), "parquet_not_read", "a Parquet file: entangle reads JSON Lines, gzipped or not");
      return Status::OK();
    }
    if (IsMergedIdsFileName(path.filename().string())) {
      AddMergedIdsFile(path);
      return Status::OK();
    }
    InputFile file = DescribeFile(path);
    // A file inside a partition folder belongs to the entity that folder sits in.
    Entity entity =
        file.updated_date.empty() ? Entity::kWorks : EntityNamed(path.parent_path().parent_path().filename().string());
    AddInputFile(std::move(file), entity);
    return Status::OK();
  }

  // `manifest`: the entity's part of a combined manifest.json, or null to look for the folder's own
  // manifest (2023 layout) or, failing that, a manifest.json one level up (a 2026 entity folder).
  void AddEntityFolder(const fs::path& dir, Entity entity, const Manifest* manifest = nullptr,
                       bool manifest_expected = true) {
    if (entity == Entity::kWorks && ReadsParquetIn(dir)) return AddParquetWorksIn(dir);
    // Institutions or funders as Parquet only (or --format parquet and Parquet files): read those.
    if (entity != Entity::kWorks && !WorksFilesIn(dir, true).empty() &&
        (format_ == WorksFormat::kParquet || WorksFilesIn(dir, false).empty())) {
      return AddParquetEntitiesIn(dir, entity);
    }
    if (!IsSnapshotEntityFolder(dir)) return AddLooseFilesIn(dir, entity);
    std::vector<FoundFile> found = ListPartitionFiles(dir);
    const bool works = entity == Entity::kWorks;
    std::optional<Manifest> own;
    if (!manifest && manifest_expected) {
      if (Exists(dir / "manifest.json") || Exists(dir.parent_path() / "manifest.json")) {
        if (plan_.layout.empty()) plan_.layout = "openalex-2026";
        std::optional<CombinedManifest> combined = LoadCombinedManifest(dir.parent_path());
        own = EntityManifest(dir, combined ? &*combined : nullptr);
        AddDeletedIdsIn(dir);
      } else {
        own = LoadManifest(dir, works);
      }
      if (own) manifest = &*own;
    }
    if (manifest) ApplyManifest(dir, *manifest, found, works);
    if (manifest && works && !plan_.works_manifest) plan_.works_manifest = *manifest;
    for (FoundFile& f : found) AddInputFile(std::move(f.file), entity);
    if (plan_.layout.empty()) plan_.layout = "openalex-2023";
    NoteParquetFilesIn(dir);
  }

  // The works files of a folder (directly or in updated_date=* partitions) by name: .parquet, or
  // the JSON Lines ones.
  static std::vector<FoundFile> WorksFilesIn(const fs::path& dir, bool parquet) {
    std::vector<FoundFile> found;
    auto consider = [&](const fs::directory_entry& entry, const std::string& relative) {
      std::string name = entry.path().filename().string();
      if (!IsRegularFile(entry)) return;
      if (parquet ? IsParquetFileName(name) : IsInputFileName(name)) {
        found.push_back(FoundFile{relative, DescribeFile(entry.path())});
      }
    };
    for (const fs::directory_entry& entry : ListFolder(dir)) {
      std::string name = entry.path().filename().string();
      if (IsFolder(entry) && name.starts_with(kPartitionPrefix)) {
        for (const fs::directory_entry& inner : ListFolder(entry.path())) {
          consider(inner, name + "/" + inner.path().filename().string());
        }
      } else {
        consider(entry, name);
      }
    }
    std::sort(found.begin(), found.end(),
              [](const FoundFile& a, const FoundFile& b) { return a.relative_path < b.relative_path; });
    return found;
  }

  // Whether a works folder's works are read from its Parquet files (see WorksFormat).
  bool ReadsParquetIn(const fs::path& dir) const {
    if (format_ == WorksFormat::kParquet) return true;
    if (format_ == WorksFormat::kJsonLines) return false;
    return WorksFilesIn(dir, false).empty() && !WorksFilesIn(dir, true).empty();
  }

  // A folder of Parquet works files, flat or in updated_date=* partitions (sorted as the JSON Lines
  // part files are: by partition, then name). No manifest is checked: it lists the JSON Lines copy.
  void AddParquetWorksIn(const fs::path& dir) {
    std::vector<FoundFile> found = WorksFilesIn(dir, true);
    bool partitioned = std::any_of(found.begin(), found.end(), [](const FoundFile& f) {
      return std::string_view(f.relative_path).starts_with(kPartitionPrefix);
    });
    if (plan_.layout.empty()) plan_.layout = partitioned ? "openalex-2026" : "files";
    if (found.empty()) {
      AddNote(dir.string(), "no_parquet_works", "no .parquet works files in " + dir.string());
    }
    size_t json_files = WorksFilesIn(dir, false).size();
    if (json_files > 0) {
      AddNote(dir.string(), "jsonl_not_read",
              std::to_string(json_files) + " JSON Lines file" + (json_files == 1 ? "" : "s") +
                  " not read: the works are read from the Parquet files (--format parquet)");
    }
    for (FoundFile& f : found) AddInputFile(std::move(f.file), Entity::kWorks);
  }

  // A folder of Parquet institutions or funders, flat or in updated_date=* partitions; its JSON Lines
  // files, if any, are named as not read (manifests list the JSON Lines copy: not checked).
  void AddParquetEntitiesIn(const fs::path& dir, Entity entity) {
    for (FoundFile& f : WorksFilesIn(dir, true)) AddInputFile(std::move(f.file), entity);
    size_t json_files = WorksFilesIn(dir, false).size();
    if (json_files > 0) {
      AddNote(dir.string(), "jsonl_not_read",
              std::to_string(json_files) + " JSON Lines file" + (json_files == 1 ? "" : "s") +
                  " not read: the entities are read from the Parquet files");
    }
  }

  void NoteParquetFilesIn(const fs::path& dir) {
    uint64_t files = 0;
    for (const fs::directory_entry& entry : ListFolder(dir)) {
      if (IsRegularFile(entry) && entry.path().extension() == ".parquet") ++files;
      if (IsFolder(entry) && entry.path().filename().string().starts_with(kPartitionPrefix)) {
        for (const fs::directory_entry& inner : ListFolder(entry.path())) {
          if (IsRegularFile(inner) && inner.path().extension() == ".parquet") ++files;
        }
      }
    }
    if (files == 0) return;
    AddNote(dir.string(), "parquet_not_read",
            std::to_string(files) + " Parquet file" + (files == 1 ? "" : "s") +
                " not read: entangle reads JSON Lines, gzipped or not (the snapshot's data/jsonl/ copy)");
  }

  void AddLooseFilesIn(const fs::path& dir, Entity entity) {
    for (const fs::directory_entry& entry : ListFolder(dir)) {
      if (IsRegularFile(entry) && IsInputFileName(entry.path().filename().string())) {
        AddInputFile(DescribeFile(entry.path()), entity);
      }
    }
    if (plan_.layout.empty()) plan_.layout = "files";
    NoteParquetFilesIn(dir);
  }

  // A folder laid out like a snapshot's (partitions and a manifest), as opposed to loose files.
  static bool IsSnapshotEntityFolder(const fs::path& dir) {
    if (Exists(dir / "manifest") || Exists(dir / "manifest.json")) return true;
    std::vector<fs::directory_entry> entries = ListFolder(dir);
    return std::any_of(entries.begin(), entries.end(), [](const fs::directory_entry& entry) {
      return IsFolder(entry) && entry.path().filename().string().starts_with(kPartitionPrefix);
    });
  }

  // updated_date=*/part_*.gz, sorted by relative path (so by date, then part number).
  static std::vector<FoundFile> ListPartitionFiles(const fs::path& dir) {
    std::vector<FoundFile> found;
    for (const fs::directory_entry& partition : ListFolder(dir)) {
      std::string partition_name = partition.path().filename().string();
      if (!IsFolder(partition) || !partition_name.starts_with(kPartitionPrefix)) continue;
      for (const fs::directory_entry& entry : ListFolder(partition.path())) {
        std::string name = entry.path().filename().string();
        if (!IsRegularFile(entry) || !name.ends_with(".gz")) continue;  // part_0000.gz, 0000_part_00.gz
        found.push_back(FoundFile{partition_name + "/" + name, DescribeFile(entry.path())});
      }
    }
    return found;
  }

  std::optional<Manifest> LoadManifest(const fs::path& dir, bool report) {
    fs::path path = dir / "manifest";
    if (!Exists(path)) {
      if (report) AddIssue(dir.string(), "manifest_missing", "no manifest in " + dir.string());
      return std::nullopt;
    }
    Result<Manifest> manifest = ParseManifest(path.string());
    if (!manifest.ok()) {
      if (report) AddIssue(path.string(), "manifest_unreadable", manifest.status().message());
      return std::nullopt;
    }
    return std::move(manifest).value();
  }

  // Sets each file's expected record count; for works also reports every disagreement.
  void ApplyManifest(const fs::path& dir, const Manifest& manifest, std::vector<FoundFile>& found, bool check) {
    std::unordered_map<std::string_view, const ManifestEntry*> listed;
    for (const ManifestEntry& entry : manifest.entries) listed.emplace(entry.relative_path, &entry);
    std::unordered_set<std::string_view> present;
    for (FoundFile& f : found) {
      auto it = listed.find(f.relative_path);
      if (it == listed.end()) {
        if (check) AddIssue(f.file.path, "not_in_manifest", "not listed in " + manifest.path);
        continue;
      }
      present.insert(it->first);
      f.file.expected_records = it->second->record_count;
      if (check && f.file.size_bytes != it->second->content_length) {
        AddIssue(f.file.path, "manifest_size_mismatch",
                 std::to_string(f.file.size_bytes) + " bytes, manifest says " +
                     std::to_string(it->second->content_length));
      }
    }
    if (!check) return;
    for (const ManifestEntry& entry : manifest.entries) {
      if (!present.contains(entry.relative_path)) {
        AddIssue((dir / entry.relative_path).string(), "missing_file",
                 "listed in the manifest (" + std::to_string(entry.record_count) + " records) but absent");
      }
    }
    CheckTotals(manifest);
  }

  void CheckTotals(const Manifest& manifest) {
    uint64_t bytes = 0;
    uint64_t records = 0;
    for (const ManifestEntry& entry : manifest.entries) {
      bytes += entry.content_length;
      records += entry.record_count;
    }
    CheckSums(manifest.path, "entries", bytes, records, manifest.content_length, manifest.record_count);
  }

  // Empty files are reported and left out: there is nothing to read in them.
  void AddInputFile(InputFile file, Entity entity) {
    if (!FirstTimeSeen(file.path)) return;
    if (file.size_bytes == 0) return AddIssue(file.path, "empty_file", "the file is empty");
    switch (entity) {
      case Entity::kWorks: plan_.works.push_back(std::move(file)); break;
      case Entity::kInstitutions: plan_.institutions.push_back(std::move(file)); break;
      case Entity::kFunders: plan_.funders.push_back(std::move(file)); break;
    }
  }

  void AddMergedIdsFile(const fs::path& path) {
    if (FirstTimeSeen(path.string())) plan_.merged_work_id_files.push_back(path.string());
  }

  // The same file named twice (say, a snapshot and one of its files) is planned once.
  bool FirstTimeSeen(const std::string& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return seen_.insert(ec ? path : canonical.string()).second;
  }

  void AddIssue(std::string path, std::string kind, std::string message) {
    plan_.issues.push_back(PlanIssue{std::move(path), std::move(kind), std::move(message)});
  }

  void AddNote(std::string path, std::string kind, std::string message) {
    plan_.notes.push_back(PlanNote{std::move(path), std::move(kind), std::move(message)});
  }

  WorksFormat format_;
  InputPlan plan_;
  std::set<std::string> seen_;
};

}  // namespace

uint64_t InputPlan::total_bytes() const {
  uint64_t total = 0;
  for (const auto* files : {&works, &institutions, &funders}) {
    for (const InputFile& file : *files) total += file.size_bytes;
  }
  return total;
}

const char* WorksFormatName(WorksFormat format) {
  switch (format) {
    case WorksFormat::kAuto: return "auto";
    case WorksFormat::kJsonLines: return "jsonl";
    case WorksFormat::kParquet: return "parquet";
  }
  return "?";
}

bool ParseWorksFormat(std::string_view name, WorksFormat* out) {
  for (WorksFormat f : {WorksFormat::kAuto, WorksFormat::kJsonLines, WorksFormat::kParquet}) {
    if (name == WorksFormatName(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

Result<InputPlan> PlanInputs(const std::vector<std::string>& paths, const PlanOptions& options) {
  Planner planner(options.works_format);
  for (const std::string& path : paths) ENTANGLE_RETURN_IF_ERROR(planner.AddPath(path));
  return std::move(planner).Finish();
}

}  // namespace entangle::source
