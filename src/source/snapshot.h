#pragma once
// Finds the input files of a scan: an OpenAlex snapshot directory in the 2026 layout
// (data/jsonl/<entity>/updated_date=*/part_*.gz with one data/jsonl/manifest.json for all entities,
// a Parquet copy under data/parquet/ and the older layout under legacy-data/) or the 2023 one
// (data/<entity>/updated_date=*/part_*.gz with a manifest per entity, data/merged_ids/works/*.csv.gz),
// a folder of one-work JSON documents (the official OpenAlex CLI's download), or plain files
// (.jsonl, .jsonl.gz, .json API pages). Checks each works file against the manifest.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "source/api_cache.h"
#include "source/chunk_reader.h"

namespace entangle::source {

struct ManifestEntry {
  std::string url;
  std::string entity;         // the folder before the partition: "works", "institutions"; "" when the URL has none            // as written, e.g. s3://openalex/data/works/updated_date=2023-05-16/part_000.gz
  std::string relative_path;  // "updated_date=2023-05-16/part_000.gz" (relative to the entity folder)
  uint64_t content_length = 0;
  uint64_t record_count = 0;
};

struct Manifest {
  std::string path;
  std::vector<ManifestEntry> entries;
  uint64_t content_length = 0;  // totals as written (meta.* in 2023, top level in 2026; else the entries' sums)
  uint64_t record_count = 0;
  bool lists_files = true;  // false: an entity of a combined manifest that gives only its totals
};

Result<Manifest> ParseManifest(const std::string& path);

// The 2026 layout's data/jsonl/manifest.json, for every entity: as OpenAlex documents it, an
// "entities" list of per-entity manifests (or of their totals only) with the totals under "meta";
// also read: one list of files whose URLs name their entity, or an object keyed by entity name.
struct CombinedManifest {
  std::string path;
  std::string date;  // the release's date, to cite
  std::map<std::string, Manifest> entities;  // "works" → its entries, totals summed (or as written per entity)
  uint64_t content_length = 0;               // totals as written (summed when not written)
  uint64_t record_count = 0;
};
Result<CombinedManifest> ParseCombinedManifest(const std::string& path);

struct InputFile {
  std::string path;
  InputFormat format = InputFormat::kJsonLines;
  std::string updated_date;  // partition date ("2023-05-16") or empty outside a snapshot
  uint64_t size_bytes = 0;
  std::optional<uint64_t> expected_records;  // from the manifest, when listed there
};

// A problem with the set of inputs: a file missing from the manifest or vice versa, a size that
// disagrees, an unreadable manifest, an empty file...
struct PlanIssue {
  std::string path;
  std::string kind;  // "manifest_missing", "manifest_size_mismatch", "not_in_manifest",
                     // "missing_file", "manifest_total_mismatch", "manifest_unreadable", "empty_file",
                     // "snapshot_in_subfolder" (a loose folder given one level above a snapshot)
  std::string message;
};

// Something the plan left out on purpose, which the summary names so that nothing is silently
// ignored: "legacy_data_not_read", "parquet_not_read". Not a problem: --strict does not fail on it.
struct PlanNote {
  std::string path;
  std::string kind;
  std::string message;
};

struct InputPlan {
  std::string snapshot_root;   // the directory holding data/, empty for plain files
  std::string snapshot_date;   // newest works updated_date partition, or empty
  std::vector<InputFile> works;
  std::vector<InputFile> institutions;
  std::vector<InputFile> funders;
  std::vector<std::string> merged_work_id_files;
  std::optional<Manifest> works_manifest;
  std::vector<PlanIssue> issues;
  std::vector<PlanNote> notes;
  std::string layout;  // "openalex-2026", "openalex-2023", "openalex-cli", "api-cache", "files"
  // An API cache's own totals (group_by counts of each side's output): the scan's totals table takes
  // them, since the fetched works are only the joint ones.
  bool has_api_totals = false;
  std::vector<ApiTotal> api_totals;
  uint64_t total_bytes() const;
};

// Which copy of the works a scan reads (`scan --format`). kAuto: JSON Lines wherever there are
// any (a 2026 snapshot's data/jsonl/works/, .gz or .jsonl files in a folder), Parquet where there
// are none (a snapshot with data/parquet/works/ only, a folder of .parquet files) and for .parquet
// files named as inputs. kJsonLines: Parquet files are named in notes, never read (the behaviour
// before issue 22). kParquet: works come from .parquet files only (data/parquet/works/ of a 2026
// snapshot), JSON Lines works files are named in notes. Institutions and funders follow the works:
// from data/parquet/ when the works are read from there and it has them, else from data/jsonl/; a
// folder of institutions or funders with only Parquet files (or with --format parquet) is read as
// Parquet (InputFile::format kParquet). Manifests describe the JSON Lines copy and are not checked
// against Parquet files.
enum class WorksFormat { kAuto, kJsonLines, kParquet };
const char* WorksFormatName(WorksFormat format);  // "auto", "jsonl", "parquet"
bool ParseWorksFormat(std::string_view name, WorksFormat* out);

struct PlanOptions {
  WorksFormat works_format = WorksFormat::kAuto;
};

// Each path is a snapshot root (containing data/), its data/ folder, a works folder, or a file.
Result<InputPlan> PlanInputs(const std::vector<std::string>& paths, const PlanOptions& options = {});

// Reads merged_ids CSV(.gz) files (merge_date,id,merge_into_id) and adds the numeric part of each
// merged-away work id ("W123" → 123) to `out`. Malformed rows are reported in `issues`.
Status LoadMergedWorkIds(const std::vector<std::string>& files, std::unordered_set<uint64_t>& out,
                         std::vector<PlanIssue>& issues);

}  // namespace entangle::source
