#pragma once
// Writes one works file of the layout: its own works in index order with older copies, merged-away works
// and malformed lines at their planned slots, streaming through a gzip writer, and tallies the ground truth
// of exactly what it wrote.
#include <cstddef>

#include "common/status.h"
#include "synth/entity_writer.h"
#include "synth/ground_truth.h"
#include "synth/layout.h"
#include "synth/synth.h"

namespace entangle::synth {

struct WorksFileOutcome {
  Status status;
  WrittenFile file;
  Tally tally;
};

void WriteWorksFile(const SynthOptions& options, const Layout& layout, size_t file_index, WorksFileOutcome& out);

}  // namespace entangle::synth
