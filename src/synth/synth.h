#pragma once
// entangle synth: writes a synthetic OpenAlex snapshot (works, institutions, funders, merged ids, manifests)
// whose records mix the real formats, plus out_dir/ground_truth.json: the counts docs/counting.md yields
// for the default study (Europe vs China, AI, 2017-2022), computed from what was planted, and facts for
// later features (risky partners, dual-use application terms, funders, companies, institution pairs).
// Output depends only on the options (not on the thread count): each work, file and malformed line is a
// pure function of the seed and its index.
#include <cstdint>
#include <string>

#include "common/status.h"

namespace entangle::synth {

struct SynthOptions {
  uint64_t works = 100000;      // distinct works
  uint64_t seed = 1;
  std::string out_dir;          // snapshot root: out_dir/data/works/..., out_dir/ground_truth.json
  int partitions = 3;           // updated_date=... partitions
  uint64_t works_per_file = 100000;
  double malformed_rate = 0.0;  // fraction of extra malformed lines (truncated JSON, invalid UTF-8, non-object)
  double duplicate_rate = 0.01; // fraction of works also written as an older copy in an older partition
  double merged_rate = 0.001;   // fraction of extra works whose ids go to merged_ids (and must be dropped)
  int threads = 0;              // 0 = all cores
  int compression_level = 1;    // ISA-L levels 0..3
};

struct SynthResult {
  uint64_t works = 0;               // distinct works (options.works)
  uint64_t lines = 0;               // lines in the works files (all records, malformed ones included)
  uint64_t files = 0;               // .gz files written (works, institutions, funders, merged ids)
  uint64_t compressed_bytes = 0;    // of those files
  uint64_t uncompressed_bytes = 0;
};

Result<SynthResult> WriteSyntheticSnapshot(const SynthOptions& options);

}  // namespace entangle::synth
