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
#include <algorithm>
#include <array>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "screen/screen.h"
#include "store/batched_insert.h"
#include "store/sqlite_util.h"

namespace entangle::screen {

using NamePairs = std::vector<std::pair<std::string, std::string>>;
using store::BatchedInsert;
using store::Exec;
using store::Statement;

namespace {

constexpr uint32_t kNull = std::numeric_limits<uint32_t>::max();  // an interned SQL NULL

// Dense ids for distinct strings, so that grouping works on integers instead of text. Open
// addressing over one flat array: a million work ids cost a fraction of std::unordered_map's
// node allocations and pointer chasing.
class Interner {
 public:
  uint32_t Id(std::string_view s) {
    const uint64_t hash = Hash(s);
    uint64_t& slot = slots_[Probe(s, hash)];
    if (slot != 0) return static_cast<uint32_t>(slot) - 1;
    const auto id = static_cast<uint32_t>(strings_.size());
    strings_.emplace_back(s);
    slot = Tag(hash) | (uint64_t{id} + 1);
    if (strings_.size() * 2 > slots_.size()) Grow();
    return id;
  }
  uint32_t Find(std::string_view s) const {
    const uint64_t slot = slots_[Probe(s, Hash(s))];
    return slot == 0 ? kNull : static_cast<uint32_t>(slot) - 1;
  }
  const std::string& Str(uint32_t id) const { return strings_[id]; }
  std::optional<std::string_view> Value(uint32_t id) const {  // kNull as NULL
    if (id == kNull) return std::nullopt;
    return strings_[id];
  }
  size_t size() const { return strings_.size(); }

 private:
  // A slot holds the hash's high half (compared before the string) and id + 1; 0 is empty.
  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  static uint64_t Tag(uint64_t hash) { return hash & 0xffffffff00000000; }

  size_t Probe(std::string_view s, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint64_t slot = slots_[i];
      if (slot == 0 || (Tag(slot) == Tag(hash) && strings_[static_cast<uint32_t>(slot) - 1] == s)) return i;
    }
  }
  void Grow() {
    std::vector<uint64_t> old = std::exchange(slots_, std::vector<uint64_t>(slots_.size() * 2));
    for (uint64_t slot : old) {
      if (slot == 0) continue;
      const std::string& s = strings_[static_cast<uint32_t>(slot) - 1];
      slots_[Probe(s, Hash(s))] = slot;
    }
  }

  std::deque<std::string> strings_;  // stable: views of them are kept while more are added
  std::vector<uint64_t> slots_ = std::vector<uint64_t>(1024);
};

// A bounded queue between the two threads. Close() from either side ends it: Push() then returns
// false, and Pop() returns what is left, then nullopt.
template <typename T>
class Channel {
 public:
  bool Push(T item) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || items_.size() < kCapacity; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    changed_.notify_all();
    return true;
  }
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    changed_.notify_all();
    return item;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

 private:
  static constexpr size_t kCapacity = 4;  // batches: enough to keep both threads busy
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<T> items_;
  bool closed_ = false;
};

// Reading, on the SQLite thread: rows are copied out of SQLite in batches of text cells.

// Text of a column; nullopt for NULL (sqlite3_value_text() gives NULL only for NULL, '' for '').
// Read through sqlite3_column_value(): each sqlite3_column_*() call takes the connection's mutex,
// which on millions of rows costs as much as copying them. The value is unprotected, which is
// safe because no other thread uses the connection meanwhile.
std::optional<std::string_view> Column(sqlite3_stmt* st, int column) {
  sqlite3_value* value = sqlite3_column_value(st, column);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
  if (text == nullptr) return std::nullopt;
  return std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(value)));
}

enum class Query { kListings, kWorks, kTopics };
struct QuerySpec {
  Query query;
  int columns;
  std::string_view sql;
};
// Only the columns used: works rows carry the abstracts. The cell positions are used below.
constexpr std::array<QuerySpec, 3> kQueries = {{
    {Query::kListings, 7,
     "SELECT work_id, institution_key, institution_id, display_name, country_code, ror, lineage "
     "FROM work_institutions"},
    {Query::kWorks, 2, "SELECT id, publication_year FROM works"},
    {Query::kTopics, 3, "SELECT work_id, topic_id, display_name FROM work_topics WHERE is_primary = 1"},
}};

class RowBatch {
 public:
  static constexpr size_t kRows = 8192;
  static constexpr size_t kBytes = size_t{1} << 26;  // far below what the 31-bit ends can address

  explicit RowBatch(const QuerySpec& spec) : spec_(&spec) {}
  void Add(sqlite3_stmt* st) {
    for (int c = 0; c < spec_->columns; ++c) {
      std::optional<std::string_view> text = Column(st, c);
      if (text) bytes_.append(*text);
      ends_.push_back(static_cast<uint32_t>(bytes_.size()) | (text ? 0 : kNullBit));
    }
    ++rows_;
  }
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
Status ReadTables(sqlite3* db, Channel<RowBatch>& out) {
  for (const QuerySpec& spec : kQueries) {
    Result<Statement> st = Statement::Prepare(db, spec.sql);
    if (!st.ok()) return st.status();
    RowBatch batch(spec);
    for (bool more = true; more;) {
      Result<bool> row = st->Step();
      if (!row.ok()) return row.status();
      more = *row;
      if (more) batch.Add(st->handle());
      const bool send = batch.full() || (!more && batch.rows() > 0);
      if (send && !out.Push(std::exchange(batch, RowBatch(spec)))) return Status::Aborted("screen index: no consumer");
    }
  }
  return Status::OK();
}

// Interning, on the computing thread.

// The columns of a work_institutions row that screen_pairs takes max() of, interned: institution_id,
// display_name, country_code, ror, lineage. Rows of one institution key nearly always agree on
// them, so each distinct combination is stored once.
using Attrs = std::array<uint32_t, 5>;
constexpr int kFirstAttrColumn = 2;

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

// Finds work ids of a table written in the same work order as work_institutions (works and
// work_topics are): usually the current or the next work, without hashing.
class WorkCursor {
 public:
  explicit WorkCursor(const Interner& works) : works_(works) {}
  uint32_t Find(std::optional<std::string_view> id) {
    if (!id) return kNull;
    for (uint32_t candidate : {current_, current_ + 1}) {
      if (candidate < works_.size() && works_.Str(candidate) == *id) return current_ = candidate;
    }
    const uint32_t found = works_.Find(*id);
    if (found != kNull) current_ = found;
    return found;
  }

 private:
  const Interner& works_;
  uint32_t current_ = 0;
};

// publication_year as sqlite3_column_int64() would read it (the scan stores integers or NULL).
std::optional<int64_t> ParseYear(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  int64_t year = 0;
  std::from_chars(text->data(), text->data() + text->size(), year);
  return year;
}

class StudyBuilder {
 public:
  explicit StudyBuilder(Study& study) : s_(study), in_works_(study.works), in_topics_(study.works) {}

  void Add(const RowBatch& batch) {
    for (size_t r = 0; r < batch.rows(); ++r) {
      switch (batch.query()) {
        case Query::kListings: AddListing(batch, r); break;
        case Query::kWorks: AddWork(batch, r); break;
        case Query::kTopics: AddTopic(batch, r); break;
      }
    }
  }

  void Finish() {
    // Work ids are numbered in order of first appearance, so the rows of each work are adjacent
    // exactly when the ids are sorted (the usual case: a work's rows are written together).
    auto by_work = [](const Listing& a, const Listing& b) { return a.work < b.work; };
    if (!std::is_sorted(s_.listings.begin(), s_.listings.end(), by_work)) {
      std::stable_sort(s_.listings.begin(), s_.listings.end(), by_work);
    }
    s_.years.resize(s_.works.size());
    std::sort(s_.topics.begin(), s_.topics.end());
    s_.topics.erase(std::unique(s_.topics.begin(), s_.topics.end()), s_.topics.end());
  }

 private:
  // The attribute columns are compared with the key's previous combination before anything is hashed.
  void AddListing(const RowBatch& b, size_t r) {
    const std::string_view work = b.Cell(r, 0).value_or("");
    if (s_.listings.empty() || work != last_work_) {
      last_work_id_ = s_.works.Id(work);
      last_work_ = s_.works.Str(last_work_id_);
    }
    const uint32_t key = s_.strings.Id(b.Cell(r, 1).value_or(""));
    if (key >= last_attrs_.size()) last_attrs_.resize(s_.strings.size(), kNull);
    uint32_t& attrs = last_attrs_[key];
    if (attrs == kNull || !Same(b, r, s_.attrs[attrs])) attrs = InternAttrs(b, r);
    s_.listings.push_back({last_work_id_, key, attrs});
  }
  bool Same(const RowBatch& b, size_t r, const Attrs& attrs) const {
    for (size_t i = 0; i < attrs.size(); ++i) {
      std::optional<std::string_view> text = b.Cell(r, kFirstAttrColumn + static_cast<int>(i));
      if (text.has_value() != (attrs[i] != kNull)) return false;
      if (text && *text != s_.strings.Str(attrs[i])) return false;
    }
    return true;
  }
  uint32_t InternAttrs(const RowBatch& b, size_t r) {
    Attrs attrs;
    for (size_t i = 0; i < attrs.size(); ++i) attrs[i] = TextId(b.Cell(r, kFirstAttrColumn + static_cast<int>(i)));
    auto [it, added] = attrs_index_.try_emplace(attrs, static_cast<uint32_t>(s_.attrs.size()));
    if (added) s_.attrs.push_back(attrs);
    return it->second;
  }
  uint32_t TextId(std::optional<std::string_view> text) { return text ? s_.strings.Id(*text) : kNull; }

  void AddWork(const RowBatch& b, size_t r) {
    const uint32_t work = in_works_.Find(b.Cell(r, 0));
    if (work == kNull) return;
    if (s_.years.size() < s_.works.size()) s_.years.resize(s_.works.size());
    s_.years[work] = {true, ParseYear(b.Cell(r, 1))};
  }
  void AddTopic(const RowBatch& b, size_t r) {
    const uint32_t work = in_topics_.Find(b.Cell(r, 0));
    if (work != kNull) s_.topics.push_back({work, TextId(b.Cell(r, 1)), TextId(b.Cell(r, 2))});
  }

  Study& s_;
  std::string_view last_work_;
  uint32_t last_work_id_ = 0;
  std::vector<uint32_t> last_attrs_;  // by key: the key's most recent combination
  std::map<Attrs, uint32_t> attrs_index_;
  WorkCursor in_works_, in_topics_;
};

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

void AddCells(std::span<const Listing> listings, std::span<const TopicRow> topics, WorkShapes& w,
              std::vector<std::pair<uint32_t, uint32_t>>& scratch) {
  w.begin.push_back(static_cast<uint32_t>(w.cells.size()));
  scratch.clear();
  for (const Listing& l : listings) scratch.emplace_back(l.key, l.attrs);
  std::sort(scratch.begin(), scratch.end());
  scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
  for (const auto& [key, attrs] : scratch) w.cells.insert(w.cells.end(), {key, attrs});
  w.topics_begin.push_back(static_cast<uint32_t>(w.cells.size()));
  for (const TopicRow& t : topics) w.cells.insert(w.cells.end(), {t.topic, t.name});
}

void AddInsts(const Study& s, std::span<const Listing> listings, WorkShapes& w,
              std::vector<std::pair<uint32_t, uint32_t>>& scratch) {
  w.inst_begin.push_back(static_cast<uint32_t>(w.insts.size()));
  scratch.clear();
  for (const Listing& l : listings) {
    if (s.attrs[l.attrs][0] != kNull) scratch.emplace_back(s.attrs[l.attrs][0], l.key);
  }
  std::sort(scratch.begin(), scratch.end());
  for (size_t i = 0, end = 0; i < scratch.size(); i = end) {
    for (end = i; end < scratch.size() && scratch[end].first == scratch[i].first; ++end) {
    }
    // With a single key of its own on the work, the institution is not paired with that key
    // (o.institution_key <> wi.institution_key); with several, every key pairs with another row.
    const bool one_key = scratch[i].second == scratch[end - 1].second;
    w.insts.emplace_back(scratch[i].first, one_key ? scratch[i].second : kNull);
  }
}

WorkShapes Shapes(const Study& s) {
  WorkShapes w;
  w.cells.reserve(2 * (s.listings.size() + s.topics.size()));
  std::vector<std::pair<uint32_t, uint32_t>> scratch;
  auto topic = s.topics.begin();
  for (size_t i = 0, end = 0; i < s.listings.size(); i = end) {
    const uint32_t work = s.listings[i].work;
    for (end = i; end < s.listings.size() && s.listings[end].work == work; ++end) {
    }
    while (topic != s.topics.end() && topic->work < work) ++topic;
    auto topic_end = topic;
    while (topic_end != s.topics.end() && topic_end->work == work) ++topic_end;
    const auto listings = std::span(s.listings).subspan(i, end - i);
    AddCells(listings, std::span(topic, topic_end), w, scratch);
    AddInsts(s, listings, w, scratch);
  }
  w.begin.push_back(static_cast<uint32_t>(w.cells.size()));
  w.inst_begin.push_back(static_cast<uint32_t>(w.insts.size()));
  return w;
}

// Works in screen_inst_works_order's order: newest first (NULL years last), then by id.
std::vector<uint32_t> WorksByRecency(const Study& s) {
  struct Entry {
    std::optional<int64_t> year;
    std::string_view id;
    uint32_t work;
  };
  std::vector<Entry> entries;  // flat, so that the sort does not chase the study's tables
  entries.reserve(s.works.size());
  for (uint32_t w = 0; w < s.works.size(); ++w) entries.push_back({s.years[w].year, s.works.Str(w), w});
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.year != b.year) return a.year > b.year;  // nullopt compares below every year
    return a.id < b.id;
  });
  std::vector<uint32_t> order;
  order.reserve(entries.size());
  for (const Entry& e : entries) order.push_back(e.work);
  return order;
}

// Every institution's (work, own key) entries, institutions in BINARY order of their ids and each
// one's works by recency: a bucket sort over works taken in recency order.
struct InstBuckets {
  std::vector<uint32_t> insts;                         // sorted by id
  std::vector<uint32_t> begin;                         // by bucket, plus an end
  std::vector<std::pair<uint32_t, uint32_t>> entries;  // (work, own key)
};

InstBuckets Bucket(const Study& s, const WorkShapes& w, const Ranks& rank) {
  InstBuckets b;
  std::vector<bool> seen(s.strings.size());
  for (const auto& [inst, key] : w.insts) {
    if (!seen[inst]) b.insts.push_back(inst);
    seen[inst] = true;
  }
  std::sort(b.insts.begin(), b.insts.end(), [&](uint32_t x, uint32_t y) { return rank(x) < rank(y); });
  std::vector<uint32_t> bucket_of(s.strings.size(), kNull);
  for (uint32_t i = 0; i < b.insts.size(); ++i) bucket_of[b.insts[i]] = i;
  b.begin.assign(b.insts.size() + 1, 0);
  for (const auto& [inst, key] : w.insts) ++b.begin[bucket_of[inst] + 1];
  for (size_t i = 1; i < b.begin.size(); ++i) b.begin[i] += b.begin[i - 1];
  std::vector<uint32_t> next(b.begin.begin(), b.begin.end() - 1);
  b.entries.resize(w.insts.size());
  for (uint32_t work : WorksByRecency(s)) {
    for (uint32_t i = w.inst_begin[work]; i < w.inst_begin[work + 1]; ++i) {
      b.entries[next[bucket_of[w.insts[i].first]]++] = {work, w.insts[i].second};
    }
  }
  return b;
}

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

// Walks one institution at a time, accumulating its partner keys and topics in arrays indexed
// by interned id, and emits its rows of every table.
class Aggregator {
 public:
  Aggregator(const Study& s, const WorkShapes& w, const Ranks& rank, Channel<InstWorkBatch>& out)
      : s_(s), w_(w), rank_(rank), out_(out), pair_acc_(s.strings.size()), topic_acc_(s.strings.size() + 1) {}

  // False when the SQLite thread has stopped taking rows.
  bool AddInstitution(uint32_t inst, std::span<const std::pair<uint32_t, uint32_t>> entries) {
    const std::string& id = s_.strings.Str(inst);
    int64_t papers = 0;
    for (const auto& [work, own_key] : entries) {
      if (s_.years[work].in_works) {
        ++papers;
        batch_.Add(id, s_.years[work].year, s_.works.Str(work));
        if (batch_.full() && !out_.Push(std::exchange(batch_, {}))) return false;
      }
      AccumulatePairs(w_.begin[work], w_.topics_begin[work], own_key);
      AccumulateTopics(w_.topics_begin[work], w_.begin[work + 1]);
    }
    if (papers > 0) groups_.counts.emplace_back(inst, papers);
    EmitPairs(inst);
    EmitTopics(inst);
    return true;
  }

  Groups Finish() {
    if (batch_.size() > 0) out_.Push(std::exchange(batch_, {}));
    return std::move(groups_);
  }

 private:
  // SQLite's max(): NULLs ignored, text compared bytewise (BINARY), NULL when all are NULL.
  void Max(uint32_t& current, uint32_t value) const {
    if (value == kNull || value == current) return;
    if (current == kNull || s_.strings.Str(value) > s_.strings.Str(current)) current = value;
  }

  // cells [first, end): (key, attrs) pairs of one work, by key.
  void AccumulatePairs(uint32_t first, uint32_t end, uint32_t own_key) {
    for (uint32_t i = first; i < end; i += 2) {
      const uint32_t key = w_.cells[i], attrs = w_.cells[i + 1];
      if (key == own_key) continue;
      PairAcc& acc = pair_acc_[key];
      // The work counts once however many combinations the key has on it.
      const bool first_of_key = i == first || w_.cells[i - 2] != key;
      if (first_of_key && acc.papers++ == 0) touched_keys_.push_back(key);
      if (attrs == acc.last_attrs) continue;  // the usual case: nothing new to compare
      acc.last_attrs = attrs;
      for (size_t c = 0; c < acc.max.size(); ++c) Max(acc.max[c], s_.attrs[attrs][c]);
    }
  }

  // cells [first, end): (topic, name) pairs of one work, by topic.
  void AccumulateTopics(uint32_t first, uint32_t end) {
    for (uint32_t i = first; i < end; i += 2) {
      const uint32_t topic = w_.cells[i];
      TopicAcc& acc = topic_acc_[TopicSlot(topic)];
      const bool first_of_topic = i == first || w_.cells[i - 2] != topic;
      if (first_of_topic && acc.papers++ == 0) touched_topics_.push_back(topic);
      Max(acc.name, w_.cells[i + 1]);
    }
  }
  size_t TopicSlot(uint32_t topic) const { return topic == kNull ? s_.strings.size() : topic; }

  // In GROUP BY order within the institution: by key, by topic (NULL first).
  void EmitPairs(uint32_t inst) {
    std::sort(touched_keys_.begin(), touched_keys_.end(), [&](uint32_t a, uint32_t b) { return rank_(a) < rank_(b); });
    for (uint32_t key : touched_keys_) groups_.pairs.push_back({inst, key, std::exchange(pair_acc_[key], {})});
    touched_keys_.clear();
  }
  void EmitTopics(uint32_t inst) {
    std::sort(touched_topics_.begin(), touched_topics_.end(),
              [&](uint32_t a, uint32_t b) { return rank_(a) < rank_(b); });
    for (uint32_t topic : touched_topics_) {
      groups_.topics.push_back({inst, topic, std::exchange(topic_acc_[TopicSlot(topic)], {})});
    }
    touched_topics_.clear();
  }

  const Study& s_;
  const WorkShapes& w_;
  const Ranks& rank_;
  Channel<InstWorkBatch>& out_;
  std::vector<PairAcc> pair_acc_;    // by key
  std::vector<TopicAcc> topic_acc_;  // by topic, NULL last
  std::vector<uint32_t> touched_keys_, touched_topics_;
  InstWorkBatch batch_;
  Groups groups_;
};

NamePairs WorkNames(const Study& s) {
  std::vector<std::pair<uint32_t, uint32_t>> ids;
  for (const Attrs& a : s.attrs) {
    if (a[0] != kNull && a[1] != kNull) ids.emplace_back(a[0], a[1]);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  NamePairs names;
  for (const auto& [id, name] : ids) names.emplace_back(s.strings.Str(id), s.strings.Str(name));
  return names;
}

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
Computed Compute(Channel<RowBatch>& in, Channel<InstWorkBatch>& out) {
  const CloseOnExit close_on_exit{in, out};
  Computed c;
  StudyBuilder builder(c.study);
  while (std::optional<RowBatch> batch = in.Pop()) builder.Add(*batch);
  builder.Finish();
  c.work_names = WorkNames(c.study);
  const WorkShapes shapes = Shapes(c.study);
  const Ranks rank(c.study.strings);
  const InstBuckets buckets = Bucket(c.study, shapes, rank);
  Aggregator aggregator(c.study, shapes, rank, out);
  for (size_t b = 0; b < buckets.insts.size(); ++b) {
    auto entries = std::span(buckets.entries).subspan(buckets.begin[b], buckets.begin[b + 1] - buckets.begin[b]);
    if (!aggregator.AddInstitution(buckets.insts[b], entries)) break;
  }
  c.groups = aggregator.Finish();
  return c;
}

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

Status BuildScreenAggregates(sqlite3* db, NamePairs& work_names, const std::function<Status()>& before_writing) {
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

}  // namespace entangle::screen
