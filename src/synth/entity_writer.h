#pragma once
// The snapshot's other entities: institutions and funders (one partition each, with manifests), the
// merged_ids CSV files, and manifest writing shared with the works files.
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "synth/layout.h"
#include "synth/synth.h"

namespace entangle::synth {

struct WrittenFile {
  std::string relative_path;  // within the entity folder: "updated_date=2025-11-11/part_000.gz"
  uint64_t compressed_bytes = 0;
  uint64_t uncompressed_bytes = 0;
  uint64_t records = 0;
};

// Writes data/<entity>/manifest in the snapshot's format (url s3://openalex/data/<entity>/..., sizes, counts).
Status WriteManifest(const std::string& entity_dir, const std::string& entity, const std::vector<WrittenFile>& files);

// Writes data/institutions/updated_date=<newest>/part_000.gz with every institution of the name table
// (entity records with lineage, ROR, alternative names, Chinese names, associated institutions) and its
// manifest. Same for funders.
Result<WrittenFile> WriteInstitutions(const SynthOptions& options, const Layout& layout);
Result<WrittenFile> WriteFunders(const SynthOptions& options, const Layout& layout);

// Writes data/merged_ids/works/<date>.csv.gz (merge_date,id,merge_into_id) for the merged-away works.
Result<std::vector<WrittenFile>> WriteMergedIds(const SynthOptions& options, const Layout& layout);

}  // namespace entangle::synth
