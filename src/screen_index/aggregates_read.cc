// Reading and interning for BuildScreenAggregates() (aggregates.cc): the SQLite
// thread copies the rows of work_institutions, works and primary work_topics out in batches, and
// the computing thread interns them into a Study.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "screen_index/aggregates_internal.h"
#include "store/sqlite_util.h"

namespace entangle::screen_index::aggregates_internal {

using store::Statement;

// Reading, on the SQLite thread: rows are copied out of SQLite in batches of text cells.

namespace {

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

// Only the columns used: works rows carry the abstracts. The cell positions are used below.
constexpr std::array<QuerySpec, 3> kQueries = {{
    {Query::kListings, 7,
     "SELECT work_id, institution_key, institution_id, display_name, country_code, ror, lineage "
     "FROM work_institutions"},
    {Query::kWorks, 2, "SELECT id, publication_year FROM works"},
    {Query::kTopics, 3, "SELECT work_id, topic_id, display_name FROM work_topics WHERE is_primary = 1"},
}};

}  // namespace

void RowBatch::Add(sqlite3_stmt* st) {
  for (int c = 0; c < spec_->columns; ++c) {
    std::optional<std::string_view> text = Column(st, c);
    if (text) bytes_.append(*text);
    ends_.push_back(static_cast<uint32_t>(bytes_.size()) | (text ? 0 : kNullBit));
  }
  ++rows_;
}

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

namespace {

constexpr int kFirstAttrColumn = 2;  // where Attrs' columns start in a kListings row

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

}  // namespace

void Intern(Channel<RowBatch>& in, Study& study) {
  StudyBuilder builder(study);
  while (std::optional<RowBatch> batch = in.Pop()) builder.Add(*batch);
  builder.Finish();
}

}  // namespace entangle::screen_index::aggregates_internal
