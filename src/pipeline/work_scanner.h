#pragma once
// Per-thread state of the works scan: parses each line of a chunk once, applies each study's
// filter (one study for `scan --study`, many for `scan --tracker`), and keeps per study (a) a
// compact copy of every field-relevant work for the totals, resolved for duplicates after the
// scan, and (b) the full record of joint works, handed to the study's sink.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "common/country_index.h"
#include "extract/parquet_work.h"
#include "extract/record_parser.h"
#include "extract/work_summary.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/field_copy.h"
#include "select/shared_judge.h"
#include "select/work_filter.h"
#include "source/chunk_reader.h"
#include "store/study_db.h"

namespace entangle::pipeline {

struct SkippedRecord {
  std::string reason, file, work_id, message;
  uint64_t line = 0;
};

struct FileContext {
  uint32_t index = 0;
  std::string path;
  std::string partition_date;
};

// The work id of a record that failed to parse, read from its text ("W123"), or "".
std::string GuessWorkId(std::string_view line);

class WorkScanner {
 public:
  using JointSink = std::function<void(const extract::WorkRecord&, const std::vector<store::WorkCountryShare>&,
                                       const CopyKey&, const FileContext&, uint64_t line)>;
  using SkipSink = std::function<void(SkippedRecord&&)>;

  // One study the scanner serves: its filter, and where its joint works and skipped records go.
  // Without a joint sink (dry runs), joint works are counted but not extracted. `needs`: whether its
  // field rules read topics and concepts (SummaryOptions, from SummaryNeeds in scan_setup.h; its
  // want_text and in_scope are the filter's and not read from here).
  struct Study {
    const select::WorkFilter* filter = nullptr;
    JointSink joint_sink;
    SkipSink skip_sink;
    extract::SummaryOptions needs;
  };

  // What the scanner keeps of one study's copies.
  struct Kept {
    uint64_t works = 0;  // records parsed for this study
    // The copies merged away, in scope, XPAC (duplicate_rules.h): records, before deduplication.
    CopyCounts copy_counts;
    std::deque<FieldCopy> field_copies;  // grows by blocks: no doubling slack, no copy on growth
    std::deque<CountryShare> shares;     // blocks, like field_copies
    // Copies this study parsed when the shared parse of their record failed (see ScanLine): they
    // are not in the seen log, so the study's duplicates step is shown them from here.
    std::vector<std::pair<uint64_t, CopyKey>> seen_apart;
  };

  // Each record is parsed once for all `studies` (with the union of what they need: any study's
  // scope, any study's text) and then judged and kept per study. `seen` receives every parsed copy
  // that is not merged away (see seen_log.h); may be null. Joint works are extracted once for all
  // the studies they are joint in, in bursts of about `joint_batch_bytes` of their JSON.
  WorkScanner(std::vector<Study> studies, const std::unordered_set<uint64_t>& merged_ids, uint8_t thread_index,
              class SeenLog* seen, size_t joint_batch_bytes = 4 << 20);
  // A scanner for one study.
  WorkScanner(const select::WorkFilter& filter, const std::unordered_set<uint64_t>& merged_ids, uint8_t thread_index,
              JointSink joint_sink, SkipSink skip_sink, class SeenLog* seen, size_t joint_batch_bytes = 4 << 20);

  void ScanChunk(const source::LineChunk& chunk, size_t buffer_capacity_after, const FileContext& file);
  // Scans one row group of a Parquet works file (extract/parquet_work.h): its rows are the records,
  // numbered through the file from `first_row` (1-based; the copy keys' "line"). A row group that
  // cannot be read (a corrupt page, an unexpected column type) is skipped as `parquet_row_group`,
  // located by file, row group and column; returns the rows scanned (0 then).
  uint64_t ScanRowGroup(const parquet::ParquetFile& file, int row_group, uint64_t first_row,
                        const FileContext& context);
  // Extracts and hands on the joint works still held back (see HandleJoint); call when the thread
  // has no more chunks to scan.
  void FlushJoint();
  // Frees the parsers (sized for the largest record seen: megabytes) once the scan is done, before
  // the copies are tallied.
  void ReleaseParsers();

  size_t study_count() const { return lanes_.size(); }
  Kept& kept(size_t study = 0) { return lanes_[study].kept; }
  const Kept& kept(size_t study = 0) const { return lanes_[study].kept; }

  uint64_t records = 0;

 private:
  struct Lane {
    Study study;
    extract::SummaryOptions own_options;  // what this study alone needs of a record
    Kept kept;
  };
  // A study in which the current record is a joint work, and its copy.
  struct JointCopy {
    uint32_t lane = 0;
    FieldCopy copy;
  };

  void ScanLine(const char* data, size_t len, size_t capacity, const FileContext& file, uint64_t line);
  // Judges the parsed summary_ (of `file`, at `line`) for every study; the joint copies go to joint_.
  void JudgeForEveryStudy(const FileContext& file, uint64_t line);
  // The copy of the parsed summary_ kept for one study's totals: judged against its filter (by
  // judge_, started on summary_), and recorded with its shares when field-relevant. nullptr when
  // merged away or not in the field (a copy not in the seen log then goes to seen_apart). Both
  // input formats go through it.
  const FieldCopy* KeepCopy(uint32_t study, const CopyKey& key, bool logged);
  void RecordShares(Lane& lane, FieldCopy& copy);
  void HandleJoint(const char* data, size_t len, const FileContext& file, uint64_t line);
  void ExtractJoint(const char* data, size_t len, const JointCopy* copies, size_t count, const FileContext& file,
                    uint64_t line);
  void HandOn(const JointCopy& joint, const FileContext& file, uint64_t line);

  // A joint work held back for extraction: its line (in held_text_), the studies it is joint in
  // (held_copies_[copies_begin, +copies_count)) and where it came from.
  struct HeldJoint {
    size_t offset = 0, len = 0;
    size_t copies_begin = 0, copies_count = 0;
    const FileContext* file = nullptr;  // the pass's file slots outlive the scanners' work
    uint64_t line = 0;
  };
  // A Parquet row group's joint row, for one study.
  struct ParquetJoint {
    int64_t row = 0;
    JointCopy joint;
  };

  std::vector<Lane> lanes_;
  // Judges each record for every study, once per distinct scope, field and pair (shared_judge.h).
  std::unique_ptr<select::SharedJudge> judge_;
  const std::unordered_set<uint64_t>& merged_ids_;
  uint8_t thread_index_;
  class SeenLog* seen_;
  size_t joint_batch_bytes_;
  simdjson::ondemand::parser parser_;
  simdjson::dom::parser dom_parser_;
  extract::SummaryOptions summary_options_;  // the union of the studies' own
  extract::WorkSummary summary_;
  extract::WorkRecord record_;
  std::string detail_;
  std::vector<store::WorkCountryShare> joint_shares_;
  std::vector<JointCopy> joint_;  // the current record's
  std::string held_text_;
  std::vector<HeldJoint> held_;
  std::vector<JointCopy> held_copies_;
  std::unique_ptr<extract::ParquetWorkReader> parquet_;  // made on the first row group
  std::vector<ParquetJoint> parquet_joint_;     // a row group's joint rows
};

}  // namespace entangle::pipeline
