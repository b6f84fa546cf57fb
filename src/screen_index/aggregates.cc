// BuildScreenAggregates(): the per-institution tables of the screening index, computed in memory
// from one read of work_institutions, works and primary work_topics. The equivalent SQL (a GROUP
// BY self-join of work_institutions with count(DISTINCT) per group) took minutes on a million works.
//
// The tables hold exactly the rows and values (NULL stays NULL, '' stays '') of these statements:
//   screen_inst_works: SELECT DISTINCT wi.institution_id, w.publication_year AS year, w.id AS work_id
//     FROM work_institutions wi JOIN works w ON w.id = wi.work_id WHERE wi.institution_id IS NOT NULL
//   screen_counts: SELECT institution_id, count(*) AS papers FROM screen_inst_works GROUP BY institution_id
//   screen_pairs: SELECT wi.institution_id, o.institution_key AS other_key, max(o.institution_id) AS other_id,
//     max(o.display_name) AS other_name, max(o.country_code) AS other_country, max(o.ror) AS other_ror,
//     max(o.lineage) AS other_lineage, count(DISTINCT o.work_id) AS papers
//     FROM work_institutions wi JOIN work_institutions o ON o.work_id = wi.work_id
//     AND o.institution_key <> wi.institution_key WHERE wi.institution_id IS NOT NULL
//     GROUP BY wi.institution_id, o.institution_key
//   screen_topics: SELECT wi.institution_id, t.topic_id, max(t.display_name) AS name,
//     count(DISTINCT t.work_id) AS papers FROM work_institutions wi JOIN work_topics t
//     ON t.work_id = wi.work_id AND t.is_primary = 1 WHERE wi.institution_id IS NOT NULL
//     GROUP BY wi.institution_id, t.topic_id
// Rows of screen_counts, screen_pairs and screen_topics are in GROUP BY order (as those statements
// wrote them), so ties in `ORDER BY papers DESC` come back as before. screen_inst_works rows are
// in the order of their index, which makes that index cheap to fill; its queries order by a
// unique key, so its row order is never seen.
//
// What is left is mostly SQLite's own work (stepping the reads, filling the tables and indexes),
// so it runs on one thread and the interning and grouping on another, which hands the rows of
// screen_inst_works back as it produces them.
//
// The work is split over aggregates_read.cc (reading, interning), aggregates_layout.cc
// and aggregates_group.cc (grouping) and this file (writing); aggregates_internal.h
// holds what they share.
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "screen_index/aggregates_internal.h"
#include "screen_index/screen_index.h"
#include "store/batched_insert.h"
#include "store/sqlite_util.h"

namespace entangle::screen_index {

using store::BatchedInsert;
using store::Exec;
using store::Statement;

namespace aggregates_internal {
namespace {

// Writing, on the SQLite thread.

// Declared types as CREATE TABLE ... AS SELECT gave them, in the text SQLite stored for it.
// screen_inst_works_order exists before its rows arrive in its order (cheaper than sorting them
// again for CREATE INDEX); the small tables are indexed after their rows.
constexpr std::string_view kCreateTables =
    "DROP TABLE IF EXISTS screen_inst_works; DROP TABLE IF EXISTS screen_pairs;"
    "DROP TABLE IF EXISTS screen_topics; DROP TABLE IF EXISTS screen_counts;"
    "CREATE TABLE screen_inst_works(\n  institution_id TEXT,\n  year INT,\n  work_id TEXT\n);"
    "CREATE INDEX screen_inst_works_order ON screen_inst_works(institution_id, year DESC, work_id);"
    "CREATE TABLE screen_counts(institution_id TEXT,papers);"
    "CREATE TABLE screen_pairs(\n  institution_id TEXT,\n  other_key TEXT,\n  other_id,\n  other_name,\n"
    "  other_country,\n  other_ror,\n  other_lineage,\n  papers\n);"
    "CREATE TABLE screen_topics(\n  institution_id TEXT,\n  topic_id TEXT,\n  name,\n  papers\n);";

constexpr std::string_view kCreateIndexes =
    "CREATE UNIQUE INDEX screen_counts_id ON screen_counts(institution_id);"
    "CREATE INDEX screen_pairs_order ON screen_pairs(institution_id, papers DESC);"
    "CREATE INDEX screen_topics_order ON screen_topics(institution_id, papers DESC);";

// Binds row r of `batch` to parameters first, first + 1 and first + 2; the batch outlives the
// statement's execution, so its bytes are bound in place.
int BindInstWork(sqlite3_stmt* st, int first, const InstWorkBatch& batch, size_t r) {
  const std::string_view id = batch.Id(r), work_id = batch.WorkId(r);
  const std::optional<int64_t> year = batch.Year(r);
  int rc = sqlite3_bind_text64(st, first, id.data(), id.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc == SQLITE_OK) rc = year ? sqlite3_bind_int64(st, first + 1, *year) : sqlite3_bind_null(st, first + 1);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_bind_text64(st, first + 2, work_id.data(), work_id.size(), SQLITE_STATIC, SQLITE_UTF8);
}

// screen_inst_works gets a row per listing, kRows per INSERT: that spreads the statement's own
// cost (and the index seek for its first row) over many rows.
Status WriteInstWorks(sqlite3* db, Channel<InstWorkBatch>& in) {
  constexpr size_t kRows = 256;
  std::string sql = "INSERT INTO screen_inst_works (institution_id, year, work_id) VALUES (?, ?, ?)";
  Result<Statement> single = Statement::Prepare(db, sql);
  for (size_t r = 1; r < kRows; ++r) sql += ", (?, ?, ?)";
  Result<Statement> full = Statement::Prepare(db, sql);
  if (!single.ok()) return single.status();
  if (!full.ok()) return full.status();
  while (std::optional<InstWorkBatch> batch = in.Pop()) {
    size_t done = 0;
    for (; batch->size() - done >= kRows; done += kRows) {
      for (size_t r = 0; r < kRows; ++r) {
        const int rc = BindInstWork(full->handle(), static_cast<int>(3 * r + 1), *batch, done + r);
        if (rc != SQLITE_OK) return full->Error(rc);
      }
      ENTANGLE_RETURN_IF_ERROR(full->Execute());
    }
    for (; done < batch->size(); ++done) {
      const int rc = BindInstWork(single->handle(), 1, *batch, done);
      if (rc != SQLITE_OK) return single->Error(rc);
      ENTANGLE_RETURN_IF_ERROR(single->Execute());
    }
  }
  return Status::OK();
}

// The small tables, through the store's batched multi-row INSERT.
Status WriteGroups(sqlite3* db, const Study& s, const Groups& g) {
  const Interner& str = s.strings;
  Result<BatchedInsert> counts = BatchedInsert::Prepare(db, "screen_counts", "institution_id, papers", 2);
  if (!counts.ok()) return counts.status();
  for (const auto& [inst, papers] : g.counts) ENTANGLE_RETURN_IF_ERROR(counts->Add(str.Str(inst), papers));
  ENTANGLE_RETURN_IF_ERROR(counts->Flush());
  Result<BatchedInsert> pairs = BatchedInsert::Prepare(
      db, "screen_pairs",
      "institution_id, other_key, other_id, other_name, other_country, other_ror, other_lineage, papers", 8);
  if (!pairs.ok()) return pairs.status();
  for (const auto& [inst, key, acc] : g.pairs) {
    ENTANGLE_RETURN_IF_ERROR(pairs->Add(str.Str(inst), str.Str(key), str.Value(acc.max[0]), str.Value(acc.max[1]),
                                        str.Value(acc.max[2]), str.Value(acc.max[3]), str.Value(acc.max[4]),
                                        acc.papers));
  }
  ENTANGLE_RETURN_IF_ERROR(pairs->Flush());
  Result<BatchedInsert> topics =
      BatchedInsert::Prepare(db, "screen_topics", "institution_id, topic_id, name, papers", 4);
  if (!topics.ok()) return topics.status();
  for (const auto& [inst, topic, acc] : g.topics) {
    ENTANGLE_RETURN_IF_ERROR(topics->Add(str.Str(inst), str.Value(topic), str.Value(acc.name), acc.papers));
  }
  return topics->Flush();
}

}  // namespace
}  // namespace aggregates_internal

Status BuildScreenAggregates(sqlite3* db, NamePairs& work_names, const std::function<Status()>& before_writing) {
  using namespace aggregates_internal;
  Channel<RowBatch> rows;
  Channel<InstWorkBatch> inst_works;
  std::future<Computed> computing =
      std::async(std::launch::async, [&rows, &inst_works] { return Compute(rows, inst_works); });
  const CloseOnExit close_on_exit{rows, inst_works};  // destroyed before `computing` waits for the thread
  Status status = ReadTables(db, rows);
  rows.Close();
  if (status.ok()) status = before_writing();
  if (status.ok()) status = Exec(db, kCreateTables);
  if (status.ok()) status = WriteInstWorks(db, inst_works);
  inst_works.Close();  // after a failure, stops the computing thread at its next batch
  Computed computed = computing.get();
  ENTANGLE_RETURN_IF_ERROR(status);
  ENTANGLE_RETURN_IF_ERROR(WriteGroups(db, computed.study, computed.groups));
  work_names = std::move(computed.work_names);
  return Exec(db, kCreateIndexes);
}

}  // namespace entangle::screen_index
