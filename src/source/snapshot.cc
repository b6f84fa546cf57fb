// PlanInputs: finds the files of a scan and checks a snapshot's works files against its manifest.
#include "source/snapshot.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace entangle {
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

class Planner {
 public:
  Status AddPath(const std::string& path) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return Status::NotFound("input not found: " + path);
    fs::path normal = Normalized(path);
    if (fs::is_regular_file(status)) return AddLooseFile(normal);
    if (!fs::is_directory(status)) return Status::InvalidArgument("not a file or folder: " + path);
    if (IsFolder(normal / "data")) {
      AddSnapshot(normal, normal / "data");
    } else if (IsDataFolder(normal)) {
      fs::path root = normal.parent_path();
      AddSnapshot(root.empty() ? fs::path(".") : root, normal);
    } else {
      NoteSnapshotsInside(normal);
      AddEntityFolder(normal, EntityNamed(normal.filename().string()));
    }
    return Status::OK();
  }

  InputPlan Finish() && {
    for (const InputFile& file : plan_.works) plan_.snapshot_date = std::max(plan_.snapshot_date, file.updated_date);
    return std::move(plan_);
  }

 private:
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
                 sub.string() + " holds an OpenAlex snapshot; give that folder to read it (here only the files "
                 "directly in " + dir.string() + " are read, as JSON Lines)");
      }
    }
  }

  void AddSnapshot(const fs::path& root, const fs::path& data) {
    if (plan_.snapshot_root.empty()) plan_.snapshot_root = root.string();
    for (std::string_view name : {"works", "institutions", "funders"}) {
      fs::path dir = data / name;
      if (IsFolder(dir)) AddEntityFolder(dir, EntityNamed(name));
    }
    for (const fs::directory_entry& entry : ListFolder(data / "merged_ids" / "works")) {
      if (IsRegularFile(entry) && IsMergedIdsFileName(entry.path().filename().string())) {
        AddMergedIdsFile(entry.path());
      }
    }
  }

  Status AddLooseFile(const fs::path& path) {
    if (IsMergedIdsFileName(path.filename().string())) {
      AddMergedIdsFile(path);
      return Status::OK();
    }
    InputFile file = DescribeFile(path);
    // A file inside a partition folder belongs to the entity that folder sits in.
    Entity entity = file.updated_date.empty() ? Entity::kWorks
                                               : EntityNamed(path.parent_path().parent_path().filename().string());
    AddInputFile(std::move(file), entity);
    return Status::OK();
  }

  void AddEntityFolder(const fs::path& dir, Entity entity) {
    if (!IsSnapshotEntityFolder(dir)) return AddLooseFilesIn(dir, entity);
    std::vector<FoundFile> found = ListPartitionFiles(dir);
    std::optional<Manifest> manifest = LoadManifest(dir, entity == Entity::kWorks);
    if (manifest) ApplyManifest(dir, *manifest, found, entity == Entity::kWorks);
    if (manifest && entity == Entity::kWorks && !plan_.works_manifest) plan_.works_manifest = std::move(manifest);
    for (FoundFile& f : found) AddInputFile(std::move(f.file), entity);
  }

  void AddLooseFilesIn(const fs::path& dir, Entity entity) {
    for (const fs::directory_entry& entry : ListFolder(dir)) {
      if (IsRegularFile(entry) && IsInputFileName(entry.path().filename().string())) {
        AddInputFile(DescribeFile(entry.path()), entity);
      }
    }
  }

  // A folder laid out like a snapshot's (partitions and a manifest), as opposed to loose files.
  static bool IsSnapshotEntityFolder(const fs::path& dir) {
    if (Exists(dir / "manifest")) return true;
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
        if (!IsRegularFile(entry) || !name.starts_with("part_") || !name.ends_with(".gz")) continue;
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
    if (bytes != manifest.content_length || records != manifest.record_count) {
      AddIssue(manifest.path, "manifest_total_mismatch",
               "entries sum to " + std::to_string(bytes) + " bytes and " + std::to_string(records) +
                   " records; meta says " + std::to_string(manifest.content_length) + " bytes and " +
                   std::to_string(manifest.record_count) + " records");
    }
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

Result<InputPlan> PlanInputs(const std::vector<std::string>& paths) {
  Planner planner;
  for (const std::string& path : paths) ENTANGLE_RETURN_IF_ERROR(planner.AddPath(path));
  return std::move(planner).Finish();
}

}  // namespace entangle
