#pragma once
// Work spread over a tracker's studies (tracker_scan.cc): each study has its own database, and a
// SQLite connection is used by one thread at a time, so the per-study steps run on the scan's
// threads, one study per thread at a time. Set-up, totals and commits cost the same for every
// study whatever the input's size; on the threads, twenty of them take the time of ten (2 threads).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/work_record.h"
#include "store/study_db.h"

namespace entangle::pipeline {

// Runs `step` for studies 0..count-1 on up to `threads` threads (the calling one included), each
// study once. Every study's step runs even when another fails; the lowest-numbered study's error
// is returned, as a loop over the studies in order would have met it first.
Status ForEachStudy(size_t count, int threads, const std::function<Status(size_t)>& step);

// A StudyDbWriter that takes the institutions and funders LoadEntities reads (once) and writes
// them to every study's database, `batch` entities at a time, the databases in parallel. Each
// database gets the same rows in the same order as when written to one by one, so its rowids are
// what a scan of that study alone gives. Memory: one batch. Only PutInstitution and PutFunder are
// for it; the other calls fail.
class EntityFanOut : public store::StudyDbWriter {
 public:
  EntityFanOut(std::vector<store::StudyDbWriter*> writers, int threads, size_t batch = 4096);

  Status PutInstitution(const extract::InstitutionEntity& entity) override;
  Status PutFunder(const extract::FunderEntity& entity) override;
  // Writes what is still held; call once LoadEntities is done. The first failing study's error.
  Status Flush();

  Status PutRun(const store::RunInfo&) override { return NotForEntities("PutRun"); }
  Result<bool> PutJointWork(const extract::WorkRecord&, const std::vector<store::WorkCountryShare>&, const std::string&,
                            uint64_t) override {
    return NotForEntities("PutJointWork");
  }
  Status DeleteWork(const std::string&) override { return NotForEntities("DeleteWork"); }
  Status PutTotals(const std::vector<store::TotalRow>&) override { return NotForEntities("PutTotals"); }
  Status PutFieldWork(const store::FieldWorkRow&) override { return NotForEntities("PutFieldWork"); }
  Status PutInputFile(const store::InputFileRow&) override { return NotForEntities("PutInputFile"); }
  Status PutSkip(const store::SkipRow&) override { return NotForEntities("PutSkip"); }
  Status FinishRun(const store::RunCounts&) override { return NotForEntities("FinishRun"); }
  Status Commit() override { return NotForEntities("Commit"); }
  const std::string& temp_path() const override { return no_path_; }

 private:
  // One entity, in the order LoadEntities gave them (institutions and funders interleaved as read).
  struct Entity {
    bool is_funder = false;
    extract::InstitutionEntity institution;
    extract::FunderEntity funder;
  };
  Status MaybeFlush();
  static Status NotForEntities(const char* call);

  std::vector<store::StudyDbWriter*> writers_;
  int threads_;
  size_t batch_;
  std::vector<Entity> held_;
  std::string no_path_;
};

}  // namespace entangle::pipeline
