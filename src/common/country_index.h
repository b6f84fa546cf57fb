#pragma once
// Two-letter country codes packed into a small integer, so per-record country sets are arrays of
// uint16_t and group membership is a table lookup.
#include <cstdint>
#include <string>
#include <string_view>

namespace entangle {

using CountryIndex = uint16_t;
inline constexpr CountryIndex kCountrySlots = 26 * 26;
inline constexpr CountryIndex kUnknownCountry = kCountrySlots;  // the "??" unit: no country given
inline constexpr CountryIndex kInvalidCountry = 0xFFFF;

// "cn"/"CN" → index; anything that is not exactly two ASCII letters → kInvalidCountry.
inline CountryIndex CountryIndexOf(std::string_view code) {
  if (code.size() != 2) return kInvalidCountry;
  auto letter = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    return -1;
  };
  int a = letter(code[0]), b = letter(code[1]);
  if (a < 0 || b < 0) return kInvalidCountry;
  return static_cast<CountryIndex>(a * 26 + b);
}

inline std::string CountryCodeOf(CountryIndex index) {
  if (index >= kCountrySlots) return "??";
  return std::string{static_cast<char>('A' + index / 26), static_cast<char>('A' + index % 26)};
}

}  // namespace entangle
