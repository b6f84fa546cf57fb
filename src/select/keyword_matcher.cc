#include "select/keyword_matcher.h"

#include <hs/hs.h>

#include <algorithm>

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

Result<std::shared_ptr<const KeywordMatcher>> KeywordMatcher::Compile(const std::vector<std::string>& terms,
                                                                      Reports reports) {
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
    // Start-of-match tracking only where the spans are wanted. (HS_FLAG_SINGLEMATCH, a report per
    // term, made the database of the critical-technology areas' terms slower to compile and to
    // scan: the callers stop the scan themselves.)
    unsigned report = reports == Reports::kSpans ? HS_FLAG_SOM_LEFTMOST : 0;
    flags.push_back(HS_FLAG_CASELESS | HS_FLAG_UTF8 | report);
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

Result<std::shared_ptr<const KeywordMatcher>> KeywordMatcher::CompileSubstrings(
    const std::vector<std::string>& strings) {
  if (strings.empty()) return Status::InvalidArgument("list of strings is empty");
  std::vector<const char*> expressions;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < strings.size(); ++i) {
    if (strings[i].empty()) return Status::InvalidArgument(fmt::format("string {} is empty", i + 1));
    expressions.push_back(strings[i].data());
    lengths.push_back(strings[i].size());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &database,
                           &error) != HS_SUCCESS) {
    std::string message = error && error->message ? error->message : "unknown error";
    hs_free_compile_error(error);
    return Status::InvalidArgument("strings cannot be compiled: " + message);
  }
  std::shared_ptr<KeywordMatcher> matcher(new KeywordMatcher());
  matcher->terms_ = strings;
  matcher->database_ = database;
  return std::shared_ptr<const KeywordMatcher>(std::move(matcher));
}

KeywordMatcher::~KeywordMatcher() {
  if (!whole_) hs_free_database(database_);
}

KeywordMatcher::Scratch::Scratch(const KeywordMatcher& matcher) { hs_alloc_scratch(matcher.database_, &scratch_); }
KeywordMatcher::Scratch::~Scratch() { hs_free_scratch(scratch_); }

bool KeywordMatcher::AnyMatch(std::string_view text, Scratch& scratch) const {
  if (text.empty()) return false;
  struct Found {
    unsigned first, count;
    bool found = false;
  } found{first_term_, static_cast<unsigned>(terms_.size())};
  auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned, void* context) -> int {
    Found& f = *static_cast<Found*>(context);
    if (id - f.first >= f.count) return 0;  // another list's term (a view of a shared database)
    f.found = true;
    return 1;  // stop scanning
  };
  hs_scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(), on_match, &found);
  return found.found;
}

std::vector<KeywordMatcher::Hit> KeywordMatcher::FindAll(std::string_view text, Scratch& scratch) const {
  struct Found {
    unsigned first, count;
    std::vector<Hit> hits;
  } found{first_term_, static_cast<unsigned>(terms_.size()), {}};
  if (text.empty()) return found.hits;
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* context) -> int {
    Found& f = *static_cast<Found*>(context);
    if (id - f.first < f.count) f.hits.push_back({id - f.first, static_cast<size_t>(from), static_cast<size_t>(to)});
    return 0;
  };
  hs_scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(), on_match, &found);
  return std::move(found.hits);
}

Result<std::shared_ptr<const KeywordLists>> KeywordLists::Compile(std::vector<std::vector<std::string>> lists) {
  auto out = std::make_shared<KeywordLists>();
  std::vector<std::string> terms;
  for (const std::vector<std::string>& list : lists) {
    if (std::find(out->lists.begin(), out->lists.end(), list) != out->lists.end()) continue;
    for (const std::string& term : list) {
      terms.push_back(term);
      out->list_of_term.push_back(static_cast<uint32_t>(out->lists.size()));
    }
    out->lists.push_back(list);
  }
  auto matcher = KeywordMatcher::Compile(terms, KeywordMatcher::Reports::kAnyMatch);
  if (!matcher.ok()) return matcher.status();
  out->matcher = std::move(matcher).value();
  unsigned first = 0;
  for (const std::vector<std::string>& list : out->lists) {
    std::shared_ptr<KeywordMatcher> view(new KeywordMatcher());
    view->terms_ = list;
    view->database_ = out->matcher->database_;
    view->whole_ = out->matcher;
    view->first_term_ = first;
    first += static_cast<unsigned>(list.size());
    out->list_matchers.push_back(std::move(view));
  }
  return std::shared_ptr<const KeywordLists>(std::move(out));
}

int KeywordLists::IndexOf(const std::vector<std::string>& terms) const {
  auto at = std::find(lists.begin(), lists.end(), terms);
  return at == lists.end() ? -1 : static_cast<int>(at - lists.begin());
}

void KeywordMatcher::ScanTerms(std::string_view text, Scratch& scratch, OnTerm on_term, void* context) const {
  if (text.empty()) return;
  struct Call {
    OnTerm on_term;
    void* context;
    unsigned first, count;
  } call{on_term, context, first_term_, static_cast<unsigned>(terms_.size())};
  auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned, void* c) -> int {
    Call* call = static_cast<Call*>(c);
    if (id - call->first >= call->count) return 0;  // another list's term (a view of a shared database)
    return call->on_term(id - call->first, call->context);
  };
  hs_scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(), on_match, &call);
}

}  // namespace entangle::select
