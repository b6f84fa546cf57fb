#pragma once
// The country table (ISO 3166-1 alpha-2 plus XK for Kosovo) and the named presets that study
// definitions may use for their country groups. See docs/study-definition.md for the list.
#include <span>
#include <string_view>

namespace entangle::select {

struct CountryInfo {
  std::string_view code;  // upper-case alpha-2, "DE"
  std::string_view name;  // short English name, "Germany"
  std::string_view alpha3;  // ISO 3166-1 alpha-3, "DEU" (XKX for Kosovo)
};

struct CountryPreset {
  std::string_view name;                      // upper-case, "EUROPE"
  std::string_view description;               // one line, for docs and `--help`
  std::span<const std::string_view> members;  // upper-case codes, sorted, distinct
};

std::span<const CountryInfo> AllCountries();  // sorted by code
// Short English name of a code (any case); "" when the code is unknown.
std::string_view CountryName(std::string_view code);

// The alpha-2 code of an alpha-3 code (any case), as data exports such as Crunchbase write them:
// "DEU" -> "DE". Also a few retired or non-ISO codes still found in such exports: ROM (Romania
// before 2002), ZAR (Zaire), TMP (East Timor), BUR (Burma), KOS (Kosovo). "" when unknown.
std::string_view CountryCodeFromAlpha3(std::string_view alpha3);

std::span<const CountryPreset> CountryPresets();
// The preset of that name (any case), or nullptr.
const CountryPreset* FindCountryPreset(std::string_view name);

}  // namespace entangle::select
