#pragma once
// The country table (ISO 3166-1 alpha-2 plus XK for Kosovo) and the named presets that study
// definitions may use for their country groups. See docs/study-definition.md for the list.
#include <span>
#include <string_view>

namespace entangle {

struct CountryInfo {
  std::string_view code;  // upper-case alpha-2, "DE"
  std::string_view name;  // short English name, "Germany"
};

struct CountryPreset {
  std::string_view name;                      // upper-case, "EUROPE"
  std::string_view description;               // one line, for docs and `--help`
  std::span<const std::string_view> members;  // upper-case codes, sorted, distinct
};

std::span<const CountryInfo> AllCountries();  // sorted by code
// Short English name of a code (any case); "" when the code is unknown.
std::string_view CountryName(std::string_view code);

std::span<const CountryPreset> CountryPresets();
// The preset of that name (any case), or nullptr.
const CountryPreset* FindCountryPreset(std::string_view name);

}  // namespace entangle
