#pragma once
// The works step of a scan: schedules the input plan's works files over the threads, one
// WorkScanner each, reads every file in chunks, and writes each file's input_files row. Which
// thread reads which chunk changes no result: copies are ranked by their plan index and line.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "pipeline/field_copy.h"
#include "pipeline/progress.h"
#include "pipeline/scan.h"
#include "pipeline/scan_state.h"
#include "pipeline/seen_log.h"
#include "pipeline/work_scanner.h"
#include "select/work_filter.h"
#include "source/chunk_reader.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle::pipeline {

// One study a works pass serves: its filter, its scan state and its database writer, and what its
// field rules need of a work (SummaryNeeds, scan_setup.h; by default everything is read).
struct PassStudy {
  const select::WorkFilter* filter = nullptr;
  ScanState* state = nullptr;
  store::StudyDbWriter* writer = nullptr;
  extract::SummaryOptions needs;
};

class WorksPass {
 public:
  // One scanner per seen log (one per thread), each serving every study. What concerns the inputs
  // (skipped files, reader issues, input_files rows) goes to every study.
  WorksPass(const ScanOptions& options, const source::InputPlan& plan, std::vector<PassStudy> studies,
            const std::unordered_set<uint64_t>& merged, ProgressReporter& progress,
            std::vector<std::unique_ptr<SeenLog>>& seen_logs);
  WorksPass(const ScanOptions& options, const source::InputPlan& plan, const select::WorkFilter& filter,
            const std::unordered_set<uint64_t>& merged, ScanState& state, store::StudyDbWriter& writer,
            ProgressReporter& progress, std::vector<std::unique_ptr<SeenLog>>& seen_logs,
            extract::SummaryOptions needs = {})
      : WorksPass(options, plan, {PassStudy{&filter, &state, &writer, std::move(needs)}}, merged, progress, seen_logs) {
  }

  // Reads every works file, one thread per scanner; returns when all are read or the scan failed.
  void Run();

  std::vector<std::unique_ptr<WorkScanner>>& scanners() { return scanners_; }
  // A study's field-relevant copies (each scanner's), for DuplicateResolver (duplicate_rules.h).
  std::vector<std::deque<FieldCopy>*> field_copies(size_t study = 0);
  // A study's country shares, by scanner (thread), for WriteTotals (scan_totals.h).
  std::vector<const std::deque<CountryShare>*> shares(size_t study = 0) const;

  uint64_t uncompressed_bytes = 0;

 private:
  // One works file of the plan, and how far the threads got with it.
  struct FileSlot {
    source::InputFile input;
    FileContext context;
    std::unique_ptr<source::ChunkReader> reader;
    bool opened = false, busy = false, done = false;
    uint64_t bytes_reported = 0;
    // A Parquet file: its row groups are dealt out to the threads one at a time (busy is set only
    // while the file is opened); the thread that finishes the last one writes the file's row.
    bool parquet = false;
    std::unique_ptr<parquet::ParquetFile> parquet_file;
    std::vector<uint64_t> first_rows;  // per row group, the 1-based file row of its first row
    int next_group = 0, groups_done = 0;
    uint64_t rows_read = 0;
  };

  // Takes a file slot to work on; for a Parquet file also the row group to read (`row_group`), or
  // -1 when the slot is to be opened.
  FileSlot* Acquire(FileSlot* last, int* row_group);
  bool OpenParquet(FileSlot& slot);
  void ScanRowGroup(WorkScanner& scanner, FileSlot& slot, int row_group);
  void Release(FileSlot& slot, bool done);
  void Work(WorkScanner& scanner);
  bool OpenReader(FileSlot& slot);
  void FinishFile(FileSlot& slot);
  bool Aborted() const;
  void Skip(const SkippedRecord& r);
  void Issue(const ScanIssue& issue);

  const ScanOptions& options_;
  std::vector<PassStudy> studies_;
  const std::unordered_set<uint64_t>& merged_;
  ProgressReporter& progress_;
  std::vector<FileSlot> slots_;
  std::vector<size_t> open_order_;  // indexes into slots_, largest file first
  size_t next_unopened_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<WorkScanner>> scanners_;
};

}  // namespace entangle::pipeline
