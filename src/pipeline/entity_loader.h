#pragma once
// Loads the snapshot's institution and funder entities into the study database, from JSON Lines
// or Parquet files (each file as its format says: InputFile::format).
#include <cstdint>
#include <functional>
#include <vector>

#include "common/status.h"
#include "pipeline/work_scanner.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle::pipeline {

struct EntityCounts {
  uint64_t institutions = 0;
  uint64_t funders = 0;
};

// Reads each entity once and writes it to every one of `writers` (a tracker's study databases).
Result<EntityCounts> LoadEntities(const source::InputPlan& plan, const std::vector<store::StudyDbWriter*>& writers,
                                  const std::function<void(SkippedRecord&&)>& skip);
inline Result<EntityCounts> LoadEntities(const source::InputPlan& plan, store::StudyDbWriter& writer,
                                         const std::function<void(SkippedRecord&&)>& skip) {
  return LoadEntities(plan, std::vector<store::StudyDbWriter*>{&writer}, skip);
}

}  // namespace entangle::pipeline
