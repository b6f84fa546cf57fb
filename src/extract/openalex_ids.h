#pragma once
// OpenAlex ids come as URLs ("https://openalex.org/W2741809807",
// "https://openalex.org/subfields/1702") or short forms ("W2741809807", "1702").
#include <cstdint>
#include <string>
#include <string_view>

namespace entangle::extract {

// The part after the last '/' ("W2741809807", "1702"); the input itself when there is none.
inline std::string_view LastPathSegment(std::string_view s) {
  size_t slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

// The numeric part of an id ("W123" → 123, "1702" → 1702, URL forms too); 0 when there is none
// or it does not fit.
inline uint64_t NumericId(std::string_view s) {
  s = LastPathSegment(s);
  size_t i = 0;
  while (i < s.size() && (s[i] < '0' || s[i] > '9')) ++i;
  if (i == s.size() || s.size() - i > 19) return 0;
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + uint64_t(s[i] - '0');
  }
  return v;
}

// Short form of an entity id: "https://openalex.org/I123" → "I123".
inline std::string ShortId(std::string_view s) { return std::string(LastPathSegment(s)); }

// Bare ROR id: "https://ror.org/033vjfk17" → "033vjfk17"; "" when not a well-formed ROR id
// (9 characters: '0', 6 base-32 characters, 2 check digits).
std::string NormalizeRor(std::string_view s);

// DOI without resolver prefix, lower-cased: "https://doi.org/10.1/ABC" → "10.1/abc".
std::string NormalizeDoi(std::string_view s);

// Packs a date or timestamp ("2023-05-16", "2025-10-17T21:24:32.232833") into a number that
// orders like the text: its first 17 digits, right-padded with zeros. 0 for "".
uint64_t PackTimestamp(std::string_view s);

}  // namespace entangle::extract
