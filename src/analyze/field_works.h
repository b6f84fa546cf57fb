#pragma once
// Reads table field_works (every field-relevant work, joint or not; docs/schema.md) for the
// exhibits that compare joint papers with the rest of the field: citations and top_cited.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "select/sides.h"
#include "store/study_db.h"

namespace entangle::analyze {

struct FieldWork {
  int year = 0;
  select::Sides sides;  // field_works.category: the groups among the work's countries
  std::set<std::string> countries;
  int64_t cited = 0;
  std::optional<double> fwci;
  std::string subfield;  // primary_subfield_id; empty without topics
};

// Calls `on_work` for every row of field_works (the caller checks that the table exists).
Status ForEachFieldWork(store::StudyDb& db, const std::function<void(FieldWork&&)>& on_work);

// The share of each work in its bucket's 10 % most-cited, for the citation counts of one bucket
// (subfield and year) in descending order: 1 above the boundary, 0 below it, and for the works
// tied at the boundary an equal part of the places left, so that the weights add up to exactly
// 10 % of the bucket however many ties there are.
std::vector<double> TopTenPercentWeights(const std::vector<int64_t>& cited_descending);

}  // namespace entangle::analyze
