#pragma once
// Multi-pattern, case-insensitive whole-word matching of a term list over text, with Hyperscan
// (vectorscan). A term edge that is a letter or digit must sit at a word boundary; an edge that is
// not (e.g. "C++", or a Chinese character) needs none, since Chinese text has no word breaks.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct hs_database;
struct hs_scratch;

namespace entangle::select {

class KeywordMatcher {
 public:
  struct Hit {
    size_t term = 0;   // index into terms()
    size_t begin = 0;  // byte span in the text
    size_t end = 0;
  };

  // What a match must tell. kSpans: where it is (FindAll's spans; Hyperscan's start-of-match
  // tracking). kAnyMatch: only which terms occur (AnyMatch, ScanTerms; FindAll's begin offsets are
  // then 0): a study's field rules need no more, and such a database scans about 40 % faster.
  enum class Reports { kSpans, kAnyMatch };

  static Result<std::shared_ptr<const KeywordMatcher>> Compile(const std::vector<std::string>& terms,
                                                               Reports reports = Reports::kSpans);
  // Case-insensitive (ASCII) byte strings anywhere, word boundaries or not, for AnyMatch and
  // ScanTerms: a quick test that can only say too much. Compiles in milliseconds where whole-word
  // patterns of the same strings take a quarter of a second.
  static Result<std::shared_ptr<const KeywordMatcher>> CompileSubstrings(const std::vector<std::string>& strings);
  ~KeywordMatcher();

  // Per-thread scratch space: one per thread that scans.
  class Scratch {
   public:
    explicit Scratch(const KeywordMatcher& matcher);
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    hs_scratch* get() const { return scratch_; }

   private:
    hs_scratch* scratch_ = nullptr;
  };

  bool AnyMatch(std::string_view text, Scratch& scratch) const;
  // Every hit, in order of end offset; overlapping terms each report. Needs Reports::kSpans.
  std::vector<Hit> FindAll(std::string_view text, Scratch& scratch) const;
  // Calls on_term(term, context) for each match, in order of end offset; a nonzero return stops
  // the scan.
  using OnTerm = int (*)(unsigned term, void* context);
  void ScanTerms(std::string_view text, Scratch& scratch, OnTerm on_term, void* context) const;
  const std::vector<std::string>& terms() const { return terms_; }

 private:
  friend struct KeywordLists;
  KeywordMatcher() = default;
  std::vector<std::string> terms_;
  hs_database* database_ = nullptr;
  // A view of one list in a KeywordLists database: its terms are the database's terms
  // [first_term_, first_term_ + terms_.size()); the database belongs to `whole_`.
  std::shared_ptr<const KeywordMatcher> whole_;
  unsigned first_term_ = 0;
};

// Several term lists (a tracker's areas' keyword rules) in one database, so that a text is scanned
// once for all of them: term t of the database is a term of list list_of_term[t]. A term in two
// lists is in the database twice, once per list.
struct KeywordLists {
  std::vector<std::vector<std::string>> lists;  // distinct
  std::vector<uint32_t> list_of_term;
  std::shared_ptr<const KeywordMatcher> matcher;  // Reports::kAnyMatch
  // Per list, a matcher of that list alone that scans the shared database (and ignores the other
  // lists' terms): a study's own filter takes it instead of compiling its list again.
  std::vector<std::shared_ptr<const KeywordMatcher>> list_matchers;

  static Result<std::shared_ptr<const KeywordLists>> Compile(std::vector<std::vector<std::string>> lists);
  // The index of `terms` among `lists`, or -1.
  int IndexOf(const std::vector<std::string>& terms) const;
};

// The regular expression used for one term (exposed for tests).
std::string KeywordPattern(std::string_view term);

}  // namespace entangle::select
