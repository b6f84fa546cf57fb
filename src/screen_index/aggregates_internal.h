#pragma once
// Internal to BuildScreenAggregates() (aggregates.cc): what its files share. The
// SQLite thread reads (aggregates_read.cc) and writes (aggregates.cc); the
// computing thread interns (aggregates_read.cc), lays the study out by work and by
// institution (aggregates_layout.cc) and groups (aggregates_group.cc).
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "screen_index/aggregates_util.h"

namespace entangle::screen_index {

using NamePairs = std::vector<std::pair<std::string, std::string>>;

namespace aggregates_internal {

// Reading, on the SQLite thread: rows are copied out of SQLite in batches of text cells.

enum class Query { kListings, kWorks, kTopics };
struct QuerySpec {
  Query query;
  int columns;
  std::string_view sql;
};

class RowBatch {
 public:
  static constexpr size_t kRows = 8192;
  static constexpr size_t kBytes = size_t{1} << 26;  // far below what the 31-bit ends can address

  explicit RowBatch(const QuerySpec& spec) : spec_(&spec) {}
  void Add(sqlite3_stmt* st);  // the statement's current row (aggregates_read.cc)
  std::optional<std::string_view> Cell(size_t row, int column) const {
    const size_t i = row * static_cast<size_t>(spec_->columns) + static_cast<size_t>(column);
    if (ends_[i] & kNullBit) return std::nullopt;
    const uint32_t begin = i == 0 ? 0 : ends_[i - 1] & ~kNullBit;
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  Query query() const { return spec_->query; }
  size_t rows() const { return rows_; }
  bool full() const { return rows_ == kRows || bytes_.size() >= kBytes; }

 private:
  static constexpr uint32_t kNullBit = 0x80000000;

  const QuerySpec* spec_;
  std::string bytes_;           // every cell's text, back to back
  std::vector<uint32_t> ends_;  // by cell: where its text ends, kNullBit for NULL
  size_t rows_ = 0;
};

// Steps the queries the study is read from, handing their rows over in batches.
Status ReadTables(sqlite3* db, Channel<RowBatch>& out);

// Interning, on the computing thread.

// The columns of a work_institutions row that screen_pairs takes max() of, interned: institution_id,
// display_name, country_code, ror, lineage. Rows of one institution key nearly always agree on
// them, so each distinct combination is stored once.
using Attrs = std::array<uint32_t, 5>;

struct Listing {  // one work_institutions row
  uint32_t work, key, attrs;
};
struct WorkYear {
  bool in_works = false;  // the inner join with works drops listings of absent works
  std::optional<int64_t> year;
};
struct TopicRow {  // one primary work_topics row
  uint32_t work, topic, name;
  auto operator<=>(const TopicRow&) const = default;
};

struct Study {
  Interner works;    // work ids
  Interner strings;  // every other text: keys, institution ids, names, topics
  std::vector<Attrs> attrs;
  std::vector<Listing> listings;  // grouped by work, in table order within a work
  std::vector<WorkYear> years;    // by work
  std::vector<TopicRow> topics;   // sorted, distinct
};

// Builds `study` from the rows of `in`, until the channel ends (aggregates_read.cc).
void Intern(Channel<RowBatch>& in, Study& study);

// Grouping, on the computing thread.

// Sort keys of interned strings in SQLite's BINARY order (memcmp, then length); NULL first.
class Ranks {
 public:
  explicit Ranks(const Interner& strings) : rank_(strings.size()) {
    std::vector<uint32_t> ids(strings.size());
    for (uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return strings.Str(a) < strings.Str(b); });
    for (uint32_t r = 0; r < ids.size(); ++r) rank_[ids[r]] = r + 1;
  }
  uint32_t operator()(uint32_t id) const { return id == kNull ? 0 : rank_[id]; }

 private:
  std::vector<uint32_t> rank_;
};

// Per work, in one run of cells (visiting a work then costs one cache miss, not one per table):
// its distinct (key, attrs) sorted by key, then its distinct primary (topic, name) sorted by topic.
// And per work its distinct institutions (ids not NULL), each with the one key it has on the
// work (kNull when it has several).
struct WorkShapes {
  std::vector<uint32_t> begin, topics_begin;  // by work (begin also has an end)
  std::vector<uint32_t> cells;
  std::vector<uint32_t> inst_begin;                  // by work, plus an end
  std::vector<std::pair<uint32_t, uint32_t>> insts;  // (institution, own key)
};
WorkShapes Shapes(const Study& s);

// Every institution's (work, own key) entries, institutions in BINARY order of their ids and each
// one's works by recency: a bucket sort over works taken in recency order.
struct InstBuckets {
  std::vector<uint32_t> insts;                         // sorted by id
  std::vector<uint32_t> begin;                         // by bucket, plus an end
  std::vector<std::pair<uint32_t, uint32_t>> entries;  // (work, own key)
};
InstBuckets Bucket(const Study& s, const WorkShapes& w, const Ranks& rank);

// screen_inst_works rows for the SQLite thread, the ids copied next to each other (binding them
// from a million scattered strings costs as much as inserting them).
class InstWorkBatch {
 public:
  static constexpr size_t kRows = 16384;
  static constexpr size_t kBytes = size_t{1} << 26;  // far below what the 32-bit ends can address

  void Add(std::string_view id, std::optional<int64_t> year, std::string_view work_id) {
    bytes_.append(id);
    const auto id_end = static_cast<uint32_t>(bytes_.size());
    bytes_.append(work_id);
    rows_.push_back({id_end, static_cast<uint32_t>(bytes_.size()), year});
  }
  size_t size() const { return rows_.size(); }
  bool full() const { return rows_.size() == kRows || bytes_.size() >= kBytes; }
  std::string_view Id(size_t r) const { return Bytes(r == 0 ? 0 : rows_[r - 1].work_end, rows_[r].id_end); }
  std::string_view WorkId(size_t r) const { return Bytes(rows_[r].id_end, rows_[r].work_end); }
  std::optional<int64_t> Year(size_t r) const { return rows_[r].year; }

 private:
  struct Row {
    uint32_t id_end, work_end;
    std::optional<int64_t> year;
  };
  std::string_view Bytes(uint32_t begin, uint32_t end) const {
    return std::string_view(bytes_).substr(begin, end - begin);
  }

  std::string bytes_;
  std::vector<Row> rows_;
};

struct PairAcc {
  uint32_t papers = 0, last_attrs = kNull;
  Attrs max{kNull, kNull, kNull, kNull, kNull};
};
struct TopicAcc {
  uint32_t papers = 0, name = kNull;
};
struct PairRow {
  uint32_t inst, key;
  PairAcc acc;
};
struct TopicOut {
  uint32_t inst, topic;
  TopicAcc acc;
};
// The rows of the small tables, as interned ids, in the order they are written.
struct Groups {
  std::vector<std::pair<uint32_t, int64_t>> counts;
  std::vector<PairRow> pairs;
  std::vector<TopicOut> topics;
};

struct Computed {
  Study study;
  Groups groups;
  NamePairs work_names;
};

// Closes both channels when either thread leaves, however it leaves, so that the other one never
// waits for it forever.
struct CloseOnExit {
  Channel<RowBatch>& rows;
  Channel<InstWorkBatch>& inst_works;
  ~CloseOnExit() {
    rows.Close();
    inst_works.Close();
  }
};

// The computing thread: interns the rows from `in`, then sends screen_inst_works rows to `out`
// and returns the rest.
Computed Compute(Channel<RowBatch>& in, Channel<InstWorkBatch>& out);

}  // namespace aggregates_internal
}  // namespace entangle::screen_index
