#include "common/did_you_mean.h"

#include <algorithm>
#include <cstdint>

#include "common/ascii.h"

namespace entangle {
namespace {

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin(),
                                                 [](char a, char b) { return AsciiLowerChar(a) == AsciiLowerChar(b); });
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = AsciiLowerChar(a[i - 1]) == AsciiLowerChar(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && AsciiLowerChar(a[i - 1]) == AsciiLowerChar(b[j - 2]) &&
          AsciiLowerChar(a[i - 2]) == AsciiLowerChar(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string_view DidYouMean(std::string_view word, const std::vector<std::string_view>& candidates) {
  if (word.size() < 3) return {};
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view c : candidates) {
    const size_t shorter = std::min(word.size(), c.size());
    const bool prefix = shorter >= 4 && (StartsWithIgnoreCase(c, word) || StartsWithIgnoreCase(word, c));
    size_t d = EditDistance(word, c);
    if (d > std::max<size_t>(1, shorter / 3) && !prefix) continue;
    if (prefix) d = std::min<size_t>(d, 1);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace entangle
