#pragma once
// A study definition as OpenAlex API queries (`entangle fetch`): filters that select a SUPERSET of
// the study's joint works — both groups' countries, the years, languages and types, and one query
// per alternative of the field definition — which the scan then narrows with the study's exact
// rules (scores, keyword matching, duplicates). What the API cannot express is listed as caveats.
#include <cstddef>
#include <string>
#include <vector>

#include "common/status.h"
#include "select/study_definition.h"

namespace entangle::select {

struct ApiFilterQuery {
  std::string id;           // "q001", in order; names the query's folder in the cache
  std::string covers;       // which part of the field: "concepts", "topics.subfield", "keywords", "work_ids", "all"
  std::string filter;       // the value of filter=, clauses joined by ','
  bool search = false;      // a *.search filter: the API prices its pages higher (docs/sources.md)
};

struct ApiFilterOptions {
  std::string institution;    // "I123", an OpenAlex institution URL, or a ROR id/URL: joint works of this one
  size_t max_or_values = 100; // values one filter clause may join with '|'
};

Result<std::vector<ApiFilterQuery>> StudyApiQueries(const StudyDefinition& study, const ApiFilterOptions& options);

// The group_by queries that give each side's total output in the field (Exhibit 3's denominators),
// which the fetched joint works cannot: per year, works by country (group_by=authorships.countries);
// per group, works by year (group_by=publication_year). A field of several alternatives is counted
// by inclusion–exclusion (a work matching two alternatives counts once): each query has a sign.
struct ApiTotalsQuery {
  std::string id;        // "t001"
  std::string filter;
  std::string group_by;  // "authorships.countries" or "publication_year"
  int sign = 1;          // +1 or -1: how its counts add up
  std::string unit_kind; // "country" (one year, the countries in `units`) or "group" (`units` = {"a"} or {"b"})
  std::vector<std::string> units;
  int year = 0;          // country queries: their year
};
// Unsupported (with the reason) when counting is not exact through the API: more than 4 field
// alternatives, or an alternative whose values must be split over several queries.
Result<std::vector<ApiTotalsQuery>> StudyApiTotalsQueries(const StudyDefinition& study, const ApiFilterOptions& options);

// Sentences on what the queries fetch beyond the study (the scan drops it) or cannot see.
std::vector<std::string> ApiFilterCaveats(const StudyDefinition& study);

}  // namespace entangle::select
