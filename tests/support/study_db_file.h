#pragma once
// Study database files for unit tests that fill or alter tables with SQL: made and opened through
// the store's own writer and connection, as every stage opens them.
#include <memory>
#include <string>

#include "common/status.h"
#include "store/sqlite_util.h"
#include "store/study_db.h"

namespace entangle::testing {

// A committed study database at `path` with the schema, no run, and `sql` applied; open read-write.
inline Result<std::unique_ptr<store::StudyDb>> NewStudyDbFile(const std::string& path, const std::string& sql = "") {
  Result<std::unique_ptr<store::StudyDbWriter>> writer = store::StudyDbWriter::Create(path);
  if (!writer.ok()) return writer.status();
  ENTANGLE_RETURN_IF_ERROR((*writer)->Commit());
  Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(path, store::StudyDbAccess::kReadWrite);
  if (!db.ok() || sql.empty()) return db;
  ENTANGLE_RETURN_IF_ERROR(store::Exec((*db)->handle(), sql));
  return db;
}

// Applies `sql` to the study database at `path` (e.g. to plant a defect an analysis must report).
inline Status ExecOnStudyDb(const std::string& path, const std::string& sql) {
  Result<std::unique_ptr<store::StudyDb>> db = store::StudyDb::Open(path, store::StudyDbAccess::kReadWrite);
  if (!db.ok()) return db.status();
  return store::Exec((*db)->handle(), sql);
}

}  // namespace entangle::testing
