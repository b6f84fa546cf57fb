#pragma once
// Per-thread state of the works scan: parses each line of a chunk, applies the study's filter,
// and keeps (a) a compact copy of every field-relevant work for the totals, resolved for
// duplicates after the scan, and (b) the full record of joint works, handed to a sink.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <simdjson.h>

#include "common/country_index.h"
#include "extract/parquet_work.h"
#include "extract/record_parser.h"
#include "extract/work_summary.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/field_copy.h"
#include "select/work_filter.h"
#include "source/chunk_reader.h"
#include "store/study_db.h"

namespace entangle {

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
  using JointSink = std::function<void(const WorkRecord&, const std::vector<WorkCountryShare>&, const CopyKey&,
                                       const FileContext&, uint64_t line)>;
  using SkipSink = std::function<void(SkippedRecord&&)>;

  // `seen` receives every parsed work that is not field-relevant (see seen_log.h); may be null.
  // Without a joint sink (dry runs), joint works are counted but not extracted. Joint works are
  // extracted and handed to the sink in bursts of about `joint_batch_bytes` of their JSON.
  WorkScanner(const WorkFilter& filter, const std::unordered_set<uint64_t>& merged_ids, uint8_t thread_index,
              JointSink joint_sink, SkipSink skip_sink, class SeenLog* seen, size_t joint_batch_bytes = 4 << 20);

  void ScanChunk(const LineChunk& chunk, size_t buffer_capacity_after, const FileContext& file);
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

  uint64_t records = 0, works = 0;
  // The copies merged away, in scope, XPAC (duplicate_rules.h): records, before deduplication.
  CopyCounts copy_counts;
  std::deque<FieldCopy> field_copies;  // grows by blocks: no doubling slack, no copy on growth
  std::deque<CountryShare> shares;  // blocks, like field_copies

 private:
  void ScanLine(const char* data, size_t len, size_t capacity, const FileContext& file, uint64_t line);
  // The copy of the parsed summary_ (of `file`, at `line`) kept for the totals: judged against the
  // filter, logged as seen when it is not in the field, else recorded with its shares. nullptr
  // when merged away or not in the field. Both input formats go through it.
  const FieldCopy* KeepCopy(const FileContext& file, uint64_t line);
  void RecordShares(FieldCopy& copy);
  void HandleJoint(const char* data, size_t len, const FieldCopy& copy, const FileContext& file, uint64_t line);
  void ExtractJoint(const char* data, size_t len, const FieldCopy& copy, const FileContext& file, uint64_t line);

  // A joint work held back for extraction: its line (in held_text_), its copy and where it came from.
  struct HeldJoint {
    size_t offset = 0, len = 0;
    FieldCopy copy;
    const FileContext* file = nullptr;  // the pass's file slots outlive the scanners' work
    uint64_t line = 0;
  };

  const WorkFilter& filter_;
  const std::unordered_set<uint64_t>& merged_ids_;
  uint8_t thread_index_;
  JointSink joint_sink_;
  SkipSink skip_sink_;
  class SeenLog* seen_;
  size_t joint_batch_bytes_;
  simdjson::ondemand::parser parser_;
  simdjson::dom::parser dom_parser_;
  std::unique_ptr<KeywordMatcher::Scratch> scratch_;
  SummaryOptions summary_options_;
  WorkSummary summary_;
  WorkRecord record_;
  std::string detail_;
  std::vector<WorkCountryShare> joint_shares_;
  std::string held_text_;
  std::vector<HeldJoint> held_;
  std::unique_ptr<ParquetWorkReader> parquet_;                // made on the first row group
  std::vector<std::pair<int64_t, FieldCopy>> parquet_joint_;  // a row group's joint rows
};

}  // namespace entangle
