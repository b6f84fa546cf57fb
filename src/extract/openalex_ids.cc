#include "extract/openalex_ids.h"

#include <cctype>

#include "common/ascii.h"

namespace entangle::extract {

std::string NormalizeRor(std::string_view s) {
  std::string_view id = LastPathSegment(s);
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.remove_suffix(1);
  if (id.size() != 9 || id[0] != '0') return "";
  std::string out;
  out.reserve(9);
  for (char c : id) {
    char lower = AsciiLowerChar(c);
    // ROR's alphabet is Crockford base 32: digits and lower-case letters without i, l, o, u.
    bool ok = (lower >= '0' && lower <= '9') ||
              (lower >= 'a' && lower <= 'z' && lower != 'i' && lower != 'l' && lower != 'o' && lower != 'u');
    if (!ok) return "";
    out.push_back(lower);
  }
  return out;
}

std::string NormalizeDoi(std::string_view s) {
  static constexpr std::string_view kPrefixes[] = {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                                   "http://dx.doi.org/", "doi:"};
  for (std::string_view prefix : kPrefixes) {
    if (s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix) {
      s.remove_prefix(prefix.size());
      break;
    }
  }
  return AsciiLower(s);
}

uint64_t PackTimestamp(std::string_view s) {
  uint64_t v = 0;
  int digits = 0;
  for (char c : s) {
    if (c < '0' || c > '9') continue;
    if (digits == 17) break;
    v = v * 10 + uint64_t(c - '0');
    ++digits;
  }
  if (digits == 0) return 0;
  for (; digits < 17; ++digits) v *= 10;
  return v;
}

}  // namespace entangle::extract
