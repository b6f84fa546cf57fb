// NameWords(): the words "did you mean" candidates share (screen_index.h says which).
#include "screen_index/screen_index.h"

#include <set>

namespace entangle::screen_index {
namespace {

size_t CodePointLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

// Words too common to tell institutions apart; they never make a candidate on their own.
const std::set<std::string>& Stopwords() {
  static const std::set<std::string> kWords = {"of", "the", "and", "for", "de", "di", "la", "le", "der", "des", "du",
                                               "und", "at", "in", "y", "e"};
  return kWords;
}

}  // namespace

std::vector<std::string> NameWords(const std::string& normalized) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < normalized.size()) {
    size_t end = normalized.find(' ', start);
    if (end == std::string::npos) end = normalized.size();
    std::string token = normalized.substr(start, end - start);
    start = end + 1;
    if (token.empty()) continue;
    std::vector<std::string> chars;
    bool wide = false;
    for (size_t i = 0; i < token.size();) {
      size_t n = CodePointLength(static_cast<unsigned char>(token[i]));
      wide = wide || n >= 3;
      chars.push_back(token.substr(i, n));
      i += n;
    }
    if (!wide) {
      if (token.size() >= 2 && Stopwords().count(token) == 0) words.push_back(token);
      continue;
    }
    if (chars.size() == 1) words.push_back(token);
    for (size_t i = 0; i + 1 < chars.size(); ++i) words.push_back(chars[i] + chars[i + 1]);
  }
  return words;
}

}  // namespace entangle::screen_index
