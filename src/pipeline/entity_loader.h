#pragma once
// Loads the snapshot's institution and funder entities into the study database.
#include <cstdint>
#include <functional>

#include "common/status.h"
#include "pipeline/work_scanner.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle {

struct EntityCounts {
  uint64_t institutions = 0;
  uint64_t funders = 0;
};

Result<EntityCounts> LoadEntities(const InputPlan& plan, StudyDbWriter& writer,
                                  const std::function<void(SkippedRecord&&)>& skip);

}  // namespace entangle
