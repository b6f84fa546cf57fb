#include "select/keyword_matcher.h"

#include <hs/hs.h>

#include <fmt/format.h>

namespace entangle::select {
namespace {

bool IsWordByte(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::string KeywordPattern(std::string_view term) {
  std::string pattern;
  if (!term.empty() && IsWordByte(static_cast<unsigned char>(term.front()))) pattern += "\\b";
  for (char c : term) {
    unsigned char u = static_cast<unsigned char>(c);
    if (IsWordByte(u) || u >= 0x80) {
      pattern.push_back(c);
    } else if (c == ' ') {
      pattern += "\\s+";  // abstracts and titles break lines and double spaces unpredictably
    } else {
      pattern += fmt::format("\\x{:02x}", u);
    }
  }
  if (!term.empty() && IsWordByte(static_cast<unsigned char>(term.back()))) pattern += "\\b";
  return pattern;
}

Result<std::shared_ptr<const KeywordMatcher>> KeywordMatcher::Compile(const std::vector<std::string>& terms) {
  if (terms.empty()) return Status::InvalidArgument("keyword list is empty");
  std::vector<std::string> patterns;
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].empty()) return Status::InvalidArgument(fmt::format("keyword {} is empty", i + 1));
    patterns.push_back(KeywordPattern(terms[i]));
  }
  for (size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    flags.push_back(HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(expressions.size()),
                       HS_MODE_BLOCK, nullptr, &database, &error) != HS_SUCCESS) {
    std::string message = error && error->message ? error->message : "unknown error";
    int index = error ? error->expression : -1;
    hs_free_compile_error(error);
    return Status::InvalidArgument(fmt::format("keyword \"{}\" cannot be compiled: {}",
                                               index >= 0 ? terms[static_cast<size_t>(index)] : "?", message));
  }
  std::shared_ptr<KeywordMatcher> matcher(new KeywordMatcher());
  matcher->terms_ = terms;
  matcher->database_ = database;
  return std::shared_ptr<const KeywordMatcher>(std::move(matcher));
}

KeywordMatcher::~KeywordMatcher() { hs_free_database(database_); }

KeywordMatcher::Scratch::Scratch(const KeywordMatcher& matcher) { hs_alloc_scratch(matcher.database_, &scratch_); }
KeywordMatcher::Scratch::~Scratch() { hs_free_scratch(scratch_); }

bool KeywordMatcher::AnyMatch(std::string_view text, Scratch& scratch) const {
  if (text.empty()) return false;
  bool found = false;
  auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* context) -> int {
    *static_cast<bool*>(context) = true;
    return 1;  // stop scanning
  };
  hs_scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(), on_match, &found);
  return found;
}

std::vector<KeywordMatcher::Hit> KeywordMatcher::FindAll(std::string_view text, Scratch& scratch) const {
  std::vector<Hit> hits;
  if (text.empty()) return hits;
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* context) -> int {
    static_cast<std::vector<Hit>*>(context)->push_back({id, static_cast<size_t>(from), static_cast<size_t>(to)});
    return 0;
  };
  hs_scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(), on_match, &hits);
  return hits;
}

}  // namespace entangle::select
