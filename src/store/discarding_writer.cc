// The writer behind dry runs: the scan does all its counting, and nothing reaches a disk.
#include "store/study_db.h"

namespace entangle::store {
namespace {

class DiscardingStudyDbWriter final : public StudyDbWriter {
 public:
  explicit DiscardingStudyDbWriter(std::string scratch_path) : scratch_path_(std::move(scratch_path)) {}

  Status PutRun(const RunInfo&) override { return Status::OK(); }
  Result<bool> PutJointWork(const extract::WorkRecord&, const std::vector<WorkCountryShare>&, const std::string&,
                            uint64_t) override {
    return false;
  }
  Status DeleteWork(const std::string&) override { return Status::OK(); }
  Status PutInstitution(const extract::InstitutionEntity&) override { return Status::OK(); }
  Status PutFunder(const extract::FunderEntity&) override { return Status::OK(); }
  Status PutTotals(const std::vector<TotalRow>&) override { return Status::OK(); }
  Status PutFieldWork(const FieldWorkRow&) override { return Status::OK(); }
  Status PutInputFile(const InputFileRow&) override { return Status::OK(); }
  Status PutSkip(const SkipRow&) override { return Status::OK(); }
  Status FinishRun(const RunCounts&) override { return Status::OK(); }
  Status Commit() override { return Status::OK(); }
  const std::string& temp_path() const override { return scratch_path_; }

 private:
  std::string scratch_path_;
};

}  // namespace

std::unique_ptr<StudyDbWriter> StudyDbWriter::CreateDiscarding(std::string scratch_path) {
  return std::make_unique<DiscardingStudyDbWriter>(std::move(scratch_path));
}

}  // namespace entangle::store
