// ScanState: what a skipped record, an input issue and a joint copy do to the summary, the
// database and the run (--strict), against a writer that records the calls.
#include "pipeline/scan_state.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace entangle::pipeline {
namespace {

class RecordingWriter : public store::StudyDbWriter {
 public:
  Status PutRun(const store::RunInfo&) override { return Status::OK(); }
  Result<bool> PutJointWork(const extract::WorkRecord& work, const std::vector<store::WorkCountryShare>&,
                            const std::string& file, uint64_t line) override {
    calls.push_back(fmt::format("put {} {}:{}", work.id, file, line));
    return true;
  }
  Status DeleteWork(const std::string& id) override {
    calls.push_back("delete " + id);
    return Status::OK();
  }
  Status PutInstitution(const extract::InstitutionEntity&) override { return Status::OK(); }
  Status PutFunder(const extract::FunderEntity&) override { return Status::OK(); }
  Status PutTotals(const std::vector<store::TotalRow>&) override { return Status::OK(); }
  Status PutFieldWork(const store::FieldWorkRow&) override { return Status::OK(); }
  Status PutInputFile(const store::InputFileRow&) override { return Status::OK(); }
  Status PutSkip(const store::SkipRow& row) override {
    skips.push_back(row);
    return skip_status;
  }
  Status FinishRun(const store::RunCounts&) override { return Status::OK(); }
  Status Commit() override { return Status::OK(); }
  const std::string& temp_path() const override { return temp_path_; }

  std::vector<std::string> calls;
  std::vector<store::SkipRow> skips;
  Status skip_status;

 private:
  std::string temp_path_ = "unused";
};

struct StateFixture {
  ScanOptions options;
  ScanSummary summary;
  RecordingWriter writer;
  ScanState state{options, writer, summary};
};

SkippedRecord Skipped(const std::string& reason, uint64_t line, const std::string& work_id = "W1") {
  return {reason, "a.jsonl", work_id, "bad", line};
}

extract::WorkRecord Work(const std::string& id) {
  extract::WorkRecord w;
  w.id = id;
  return w;
}

CopyKey Key(uint64_t updated, uint32_t line = 1) { return {updated, 0, line}; }

TEST(ScanStateTest, SkipCountsEveryRecordAndKeepsTheFirstTenAsExamples) {
  StateFixture f;
  for (uint64_t line = 1; line <= 12; ++line) f.state.Skip(Skipped("malformed_json", line));
  f.state.Skip(Skipped("missing_id", 13, ""));
  EXPECT_EQ(f.summary.skipped["malformed_json"], 12u);
  EXPECT_EQ(f.summary.skipped["missing_id"], 1u);
  ASSERT_EQ(f.summary.skip_examples.size(), 10u);
  EXPECT_EQ(f.summary.skip_examples[0], "malformed_json: a.jsonl:1 (W1): bad");
  EXPECT_EQ(f.summary.skip_examples[9], "malformed_json: a.jsonl:10 (W1): bad");
  EXPECT_FALSE(f.state.aborted());
  EXPECT_TRUE(f.state.first_error().ok());
}

TEST(ScanStateTest, SkipWritesDetailRowsUpToMaxSkipDetailsPerReason) {
  StateFixture f;
  f.options.max_skip_details = 2;
  for (uint64_t line = 1; line <= 3; ++line) f.state.Skip(Skipped("malformed_json", line));
  f.state.Skip(Skipped("invalid_utf8", 4, ""));
  ASSERT_EQ(f.writer.skips.size(), 3u);
  EXPECT_EQ(f.writer.skips[1].line, 2u);
  EXPECT_EQ(f.writer.skips[2].reason, "invalid_utf8");
  EXPECT_EQ(f.writer.skips[2].work_id, "");
  EXPECT_EQ(f.summary.skipped["malformed_json"], 3u);  // the count is complete
}

TEST(ScanStateTest, StrictFailsTheScanAtTheFirstSkippedRecord) {
  StateFixture f;
  f.options.strict = true;
  f.state.Skip(Skipped("malformed_json", 3));
  f.state.Skip(Skipped("invalid_utf8", 4));
  EXPECT_TRUE(f.state.aborted());
  Status error = f.state.first_error();
  EXPECT_EQ(error.code(), Status::Code::kAborted);
  EXPECT_EQ(error.message(), "--strict: malformed_json at a.jsonl:3 (W1): bad");
}

TEST(ScanStateTest, StrictFailsTheScanAtAnInputIssueWhichIsStillReported) {
  StateFixture f;
  f.state.Issue({"manifest_count_mismatch", "part_000.gz", "3 records, 2 lines"});
  EXPECT_FALSE(f.state.aborted());
  f.options.strict = true;
  f.state.Issue({"snapshot_in_subfolder", "in/", "a snapshot one level down"});
  EXPECT_TRUE(f.state.aborted());
  EXPECT_EQ(f.state.first_error().message(), "--strict: snapshot_in_subfolder: in/: a snapshot one level down");
  ASSERT_EQ(f.summary.issues.size(), 2u);
  EXPECT_EQ(f.summary.issues[1].kind, "snapshot_in_subfolder");
}

TEST(ScanStateTest, TheFirstErrorIsKeptAndStopsTheScan) {
  StateFixture f;
  f.state.Fail(Status::OK());
  EXPECT_FALSE(f.state.aborted());
  f.state.Fail(Status::IOError("disk full"));
  f.state.Fail(Status::IOError("later"));
  f.state.FailLocked(Status::OK());
  EXPECT_TRUE(f.state.aborted());
  EXPECT_EQ(f.state.first_error().message(), "disk full");
}

TEST(ScanStateTest, AWriterErrorOnASkipRowFailsTheScan) {
  StateFixture f;
  f.writer.skip_status = Status::IOError("cannot insert");
  f.state.Skip(Skipped("malformed_json", 1));
  EXPECT_TRUE(f.state.aborted());
  EXPECT_EQ(f.state.first_error().message(), "cannot insert");
}

TEST(ScanStateTest, JointStoresOnlyTheGreatestCopyOfAWork) {
  StateFixture f;
  FileContext file{0, "part_0.gz", ""};
  f.state.Joint(Work("W7"), {}, Key(20230101, 5), file, 5);
  f.state.Joint(Work("W7"), {}, Key(20220101, 9), file, 9);  // older: left out
  f.state.Joint(Work("W8"), {}, Key(20220101, 10), file, 10);
  f.state.Joint(Work("W7"), {}, Key(20240101, 11), file, 11);  // newer: replaces
  EXPECT_EQ(f.writer.calls, (std::vector<std::string>{"put W7 part_0.gz:5", "put W8 part_0.gz:10", "delete W7",
                                                      "put W7 part_0.gz:11"}));
}

TEST(ScanStateTest, DropSupersededDeletesTheStoredCopiesThatLost) {
  StateFixture f;
  FileContext file{0, "part_0.gz", ""};
  f.state.Joint(Work("W7"), {}, Key(20230101), file, 1);
  f.state.Joint(Work("W8"), {}, Key(20230101), file, 2);
  Winners w;
  FieldCopy joint_winner, one_side_winner;
  joint_winner.id = 7;
  joint_winner.key = Key(20230101);
  joint_winner.groups = select::kGroupA | select::kGroupB;
  one_side_winner.id = 8;
  one_side_winner.key = Key(20240101);
  one_side_winner.groups = select::kGroupB;
  w.copies = {joint_winner, one_side_winner};
  w.losing_copies = {0, 1};
  w.superseded = {false, false};
  f.writer.calls.clear();
  ASSERT_TRUE(f.state.DropSuperseded(w).ok());
  EXPECT_EQ(f.writer.calls, std::vector<std::string>{"delete W8"});
}

}  // namespace
}  // namespace entangle::pipeline
