#pragma once
// The snapshot layout of a synthetic corpus: partition dates, works files and which records each file
// holds (its own works in index order, plus older copies of later works, merged-away works and malformed
// lines at fixed slots). Planned up front from the seed alone, so any thread can write any file.
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "synth/synth.h"

namespace entangle::synth {

enum class MalformedReason : uint8_t { kMalformedJson, kInvalidUtf8, kNotAnObject, kMissingId };
const char* MalformedReasonName(MalformedReason r);  // "malformed_json", ...

struct ExtraRecord {
  enum class Kind : uint8_t { kOlderCopy, kMerged, kMalformed };
  uint64_t slot = 0;   // written just before the file's slot-th own work (slot == own count: at the end)
  Kind kind = Kind::kOlderCopy;
  uint64_t index = 0;  // work index (older copy), merged ordinal, or malformed ordinal
};

struct WorksFile {
  int partition = 0;
  int part = 0;                 // part_NNN within the partition
  uint64_t first_work = 0;      // own works [first_work, end_work)
  uint64_t end_work = 0;
  std::vector<ExtraRecord> extras;  // sorted by slot
  std::string relative_path;    // "updated_date=2025-11-11/part_000.gz"
};

struct Layout {
  uint64_t works = 0;
  int partitions = 0;
  std::vector<std::string> dates;  // partition dates, oldest first
  std::vector<WorksFile> files;
  uint64_t merged = 0;             // merged-away works (indexes works .. works + merged - 1)
  uint64_t malformed = 0;
  uint64_t older_copies = 0;

  size_t FileOfWork(uint64_t work) const;
  int PartitionOfWork(uint64_t work) const { return files[FileOfWork(work)].partition; }
  // 0 for the oldest partition, 1 for the newest (0.5 with one partition).
  double Position(int partition) const;
  uint64_t MergedIndex(uint64_t m) const { return works + m; }
  uint64_t MalformedIndex(uint64_t k) const { return works + merged + k; }
  // The partition date of merged work m's merged_ids file.
  const std::string& MergeDate(uint64_t seed, uint64_t m) const;
  // The work a merged work was merged into.
  uint64_t MergeTarget(uint64_t seed, uint64_t m) const;
  MalformedReason ReasonOf(uint64_t seed, uint64_t k) const;
};

Status ValidateOptions(const SynthOptions& options);
Layout PlanLayout(const SynthOptions& options);

// "YYYY-MM-DD" of the day `days` after 1970-01-01.
std::string CivilDate(int64_t days);
int64_t DaysFromCivil(int y, int m, int d);

}  // namespace entangle::synth
