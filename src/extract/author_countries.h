#pragma once
// Internal to extract: the one rule by which a work's authors' country codes enter its
// WorkSummary, shared by the JSON walk (work_summary.cc) and the Parquet reader (parquet_work.cc)
// so that both paths count countries, duplicates and bad codes alike.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "common/country_index.h"
#include "extract/work_summary.h"

namespace entangle::extract {

// Adds a country to the current author's list (from `author_start` on) unless already there. An
// empty code adds nothing; a code that is not a known country is counted in bad_country_codes.
inline void AddAuthorCountry(std::string_view code, uint32_t author_start, WorkSummary& out) {
  if (code.empty()) return;
  CountryIndex index = CountryIndexOf(code);
  if (index == kInvalidCountry) {
    ++out.bad_country_codes;
    return;
  }
  auto begin = out.author_countries.begin() + author_start;
  if (std::find(begin, out.author_countries.end(), index) == out.author_countries.end()) {
    out.author_countries.push_back(index);
  }
}

}  // namespace entangle::extract
