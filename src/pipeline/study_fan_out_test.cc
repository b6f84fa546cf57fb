// ForEachStudy and EntityFanOut: every study gets every step and every entity, in order, and the
// first study's error is the one reported.
#include "pipeline/study_fan_out.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace entangle::pipeline {
namespace {

// Records the entities it is given, in order; fails from the `fail_at`-th one on (1-based; 0: never).
class EntityRecorder : public store::StudyDbWriter {
 public:
  Status PutRun(const store::RunInfo&) override { return Status::OK(); }
  Result<bool> PutJointWork(const extract::WorkRecord&, const std::vector<store::WorkCountryShare>&, const std::string&,
                            uint64_t) override {
    return true;
  }
  Status DeleteWork(const std::string&) override { return Status::OK(); }
  Status PutInstitution(const extract::InstitutionEntity& e) override { return Record(e.id); }
  Status PutFunder(const extract::FunderEntity& e) override { return Record(e.id); }
  Status PutTotals(const std::vector<store::TotalRow>&) override { return Status::OK(); }
  Status PutFieldWork(const store::FieldWorkRow&) override { return Status::OK(); }
  Status PutInputFile(const store::InputFileRow&) override { return Status::OK(); }
  Status PutSkip(const store::SkipRow&) override { return Status::OK(); }
  Status FinishRun(const store::RunCounts&) override { return Status::OK(); }
  Status Commit() override { return Status::OK(); }
  const std::string& temp_path() const override { return path_; }

  std::vector<std::string> ids;
  size_t fail_at = 0;
  std::string name;

 private:
  Status Record(const std::string& id) {
    if (fail_at > 0 && ids.size() + 1 >= fail_at) return Status::IOError(name + " is full");
    ids.push_back(id);
    return Status::OK();
  }
  std::string path_ = "unused";
};

TEST(ForEachStudyTest, RunsEveryStudyOnceAndReportsTheFirstStudysError) {
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(threads);
    std::vector<std::atomic<int>> runs(7);
    Status s = ForEachStudy(runs.size(), threads, [&](size_t i) {
      runs[i]++;
      return i == 5 || i == 3 ? Status::IOError("study " + std::to_string(i)) : Status::OK();
    });
    for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i], 1) << "study " << i;
    EXPECT_EQ(s.message(), "study 3");
  }
  EXPECT_TRUE(ForEachStudy(0, 2, [](size_t) { return Status::IOError("no study to run"); }).ok());
}

TEST(EntityFanOutTest, EveryDatabaseGetsEveryEntityInTheOrderRead) {
  // Batches of 3 for 10 entities: three full batches and a rest at Flush().
  std::vector<std::unique_ptr<EntityRecorder>> dbs;
  std::vector<store::StudyDbWriter*> writers;
  for (int i = 0; i < 5; ++i) writers.push_back(dbs.emplace_back(std::make_unique<EntityRecorder>()).get());
  EntityFanOut fan_out(writers, 2, 3);
  std::vector<std::string> expected;
  for (int i = 0; i < 10; ++i) {
    if (i % 4 == 3) {
      extract::FunderEntity f;
      f.id = "F" + std::to_string(i);
      ASSERT_TRUE(fan_out.PutFunder(f).ok());
      expected.push_back(f.id);
    } else {
      extract::InstitutionEntity e;
      e.id = "I" + std::to_string(i);
      ASSERT_TRUE(fan_out.PutInstitution(e).ok());
      expected.push_back(e.id);
    }
  }
  EXPECT_EQ(dbs[0]->ids.size(), 9u) << "full batches are written as they fill";
  ASSERT_TRUE(fan_out.Flush().ok());
  for (const auto& db : dbs) EXPECT_EQ(db->ids, expected);
  ASSERT_TRUE(fan_out.Flush().ok());
  EXPECT_EQ(dbs[4]->ids, expected) << "a second Flush writes nothing twice";
}

TEST(EntityFanOutTest, ADatabaseThatFailsFailsTheLoadWithTheFirstStudysError) {
  std::vector<std::unique_ptr<EntityRecorder>> dbs;
  std::vector<store::StudyDbWriter*> writers;
  for (int i = 0; i < 4; ++i) {
    auto& db = dbs.emplace_back(std::make_unique<EntityRecorder>());
    db->name = "study " + std::to_string(i);
    writers.push_back(db.get());
  }
  dbs[2]->fail_at = 2;
  dbs[3]->fail_at = 1;
  EntityFanOut fan_out(writers, 2, 2);
  extract::InstitutionEntity e;
  e.id = "I1";
  ASSERT_TRUE(fan_out.PutInstitution(e).ok());
  Status s = fan_out.PutInstitution(e);  // the batch is full: written, and two studies fail
  EXPECT_EQ(s.message(), "study 2 is full");
  EXPECT_EQ(dbs[0]->ids.size(), 2u);
  EXPECT_FALSE(fan_out.PutRun(store::RunInfo{}).ok()) << "the fan-out only takes entities";
}

}  // namespace
}  // namespace entangle::pipeline
