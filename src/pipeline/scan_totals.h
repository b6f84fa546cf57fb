#pragma once
// The totals step of a scan: from the winning copies (duplicate_rules.h), the field_works rows,
// the per-country and per-group totals (docs/counting.md, "Totals"; or an API cache's own), the
// summary's work counts, and the removal of stored joint copies that lost.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/country_index.h"
#include "common/status.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/field_copy.h"
#include "pipeline/scan.h"
#include "pipeline/scan_state.h"
#include "pipeline/work_scanner.h"
#include "select/work_filter.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle::pipeline {

// Adds field-relevant works up per country and per group, per year: whole counting (1 for each of
// the work's countries, and for each group it has a country in) and fractional counting (the
// authors' shares; authors without a country give theirs to "??").
class TotalsTally {
 public:
  explicit TotalsTally(const select::WorkFilter& filter) : filter_(filter) {}
  // `shares` holds the copy's country shares (from c.shares_begin, c.shares_count of them).
  void Add(const FieldCopy& c, const std::deque<CountryShare>& shares);
  // The totals table's rows, sorted by unit kind, unit and year.
  std::vector<store::TotalRow> Rows() const;

 private:
  struct Key {
    CountryIndex unit;
    int year;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return std::hash<uint64_t>()((uint64_t(k.unit) << 32) | uint32_t(k.year)); }
  };
  struct Cell {
    uint64_t whole = 0;
    double fractional = 0;
  };

  const select::WorkFilter& filter_;
  std::unordered_map<Key, Cell, KeyHash> countries_;
  std::map<std::pair<int, int>, Cell> groups_;  // (group 0/1, year)
};

// The field_works row of a winning copy: its category ("ab", "a", "b", ""), its countries sorted
// (without "??"), citations, FWCI and primary topic ids.
store::FieldWorkRow MakeFieldWorkRow(const FieldCopy& c, const std::deque<CountryShare>& shares);

// An API cache's totals as the totals table's rows. The API counts whole works only: the
// fractional column is NaN, which SQLite stores as NULL (unknown).
std::vector<store::TotalRow> ApiTotalRows(const source::InputPlan& plan);

// Writes the field_works rows of the works that count, and the totals (an API cache's own when
// the plan has them, with a note saying so); counts field_relevant, duplicates and the joint works
// in `summary`; drops the stored joint copies that lost (ScanState::DropSuperseded).
// `shares_by_thread`: the study's country shares kept by each thread (FieldCopy::thread).
Status WriteTotals(const Winners& winners, const std::vector<const std::deque<CountryShare>*>& shares_by_thread,
                   const select::WorkFilter& filter, const source::InputPlan& plan, ScanState& state,
                   store::StudyDbWriter& writer, ScanSummary& summary);

}  // namespace entangle::pipeline
