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
#include "extract/record_parser.h"
#include "extract/work_summary.h"
#include "select/work_filter.h"
#include "source/chunk_reader.h"
#include "store/study_db.h"

namespace entangle {

// Orders copies of one work: the greater key wins (docs/counting.md, "Duplicates").
struct CopyKey {
  uint64_t updated = 0;  // PackTimestamp(updated_date or partition date)
  uint32_t file = 0;     // index in the (sorted) input plan
  uint32_t line = 0;
  auto operator<=>(const CopyKey&) const = default;
};

struct CountryShare {
  CountryIndex country = 0;
  bool whole = false;  // counts in whole counting
  double fractional = 0;
};

// One field-relevant copy of a work, kept until the duplicates are resolved: there is one per
// field-relevant work of the corpus, so every byte counts (48 bytes, no padding).
struct FieldCopy {
  uint64_t id = 0;
  CopyKey key;
  uint32_t cited_by_count = 0;
  float fwci = -1;  // -1: absent
  uint32_t primary_subfield = 0;
  uint32_t shares_begin = 0;
  uint16_t primary_field = 0;
  uint16_t shares_count = 0;
  uint16_t year = 0;
  uint8_t groups = 0;
  uint8_t thread = 0;
  bool joint() const { return (groups & kGroupA) && (groups & kGroupB); }
};
static_assert(sizeof(FieldCopy) == 48);

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
  // Extracts and hands on the joint works still held back (see HandleJoint); call when the thread
  // has no more chunks to scan.
  void FlushJoint();
  // Frees the parsers (sized for the largest record seen: megabytes) once the scan is done, before
  // the copies are tallied.
  void ReleaseParsers();

  uint64_t records = 0, works = 0, in_scope = 0, merged_away = 0;
  // XPAC copies in scope by year, language and type, and those the study keeps (scope.include_xpac).
  uint64_t xpac_in_scope = 0, xpac_kept = 0;
  std::deque<FieldCopy> field_copies;  // grows by blocks: no doubling slack, no copy on growth
  std::deque<CountryShare> shares;  // blocks, like field_copies

 private:
  void ScanLine(const char* data, size_t len, size_t capacity, const FileContext& file, uint64_t line);
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
};

}  // namespace entangle
