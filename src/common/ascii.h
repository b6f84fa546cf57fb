#pragma once
// Small ASCII text helpers shared by the readers of hand-written and exported files (study
// definitions, Crunchbase exports, funder names). Bytes >= 0x80 (UTF-8) pass through unchanged.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace entangle {

// Case mapping of A-Z / a-z only, whatever the C locale says: identifiers, codes and keys are
// ASCII, and a locale must not change what matches.
constexpr char AsciiLowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char AsciiUpperChar(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLowerChar(c);
  return out;
}

inline std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiUpperChar(c);
  return out;
}

inline bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return AsciiLowerChar(x) == AsciiLowerChar(y); });
}

// Whether `needle` occurs in `haystack`, A-Z and a-z compared without case.
inline bool ContainsIgnoreAsciiCase(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char x, char y) { return AsciiLowerChar(x) == AsciiLowerChar(y); }) != haystack.end();
}

// `text` without leading and trailing whitespace (a view into it).
inline std::string_view TrimWhitespace(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// True for a non-empty run of '0'..'9'.
inline bool IsAllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The items of `items` (strings or string views) with `separator` between them.
template <typename Range>
std::string Join(const Range& items, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += separator;
    out += item;
    first = false;
  }
  return out;
}

// The words of `text` between runs of whitespace: the storage form of the study database's list
// columns (countries, lineage) and of space-separated registry cells.
inline std::vector<std::string> SplitWords(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  std::vector<std::string> words;
  for (size_t start = text.find_first_not_of(kSpace); start != std::string_view::npos;) {
    size_t end = std::min(text.find_first_of(kSpace, start), text.size());
    words.emplace_back(text.substr(start, end - start));
    start = text.find_first_not_of(kSpace, end);
  }
  return words;
}

}  // namespace entangle
