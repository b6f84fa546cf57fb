#pragma once
// Internal to extract: how a record's values are normalised, the same for the JSON parse
// (record_parser.cc) and the Parquet readers (parquet_work.cc, parquet_entities.cc), so that a work
// or an entity read from either format is stored alike.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/country_index.h"

namespace entangle::extract {

// A country code in upper case when it is one ("cn" → "CN"), else "".
inline std::string UpperCountry(std::string_view code) {
  CountryIndex index = CountryIndexOf(code);
  return index == kInvalidCountry ? "" : CountryCodeOf(index);
}

// Appends `s` unless it is empty or already in `v` (names, countries: first occurrence kept).
inline void AddDistinct(std::vector<std::string>& v, std::string s) {
  if (s.empty()) return;
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

}  // namespace entangle::extract
