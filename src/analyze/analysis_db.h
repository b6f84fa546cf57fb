#pragma once
// Internal: the analyses read every table of the study database and write the exhibit tables back
// through the store's connection (opened read-write by Analyze).
#include "store/sqlite_util.h"
#include "store/study_db.h"

namespace entangle::analyze {

using store::Row;
using store::StudyDb;

}  // namespace entangle::analyze
