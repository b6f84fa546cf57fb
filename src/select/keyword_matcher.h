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

  static Result<std::shared_ptr<const KeywordMatcher>> Compile(const std::vector<std::string>& terms);
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
  // Every hit, in order of end offset; overlapping terms each report.
  std::vector<Hit> FindAll(std::string_view text, Scratch& scratch) const;
  const std::vector<std::string>& terms() const { return terms_; }

 private:
  KeywordMatcher() = default;
  std::vector<std::string> terms_;
  hs_database* database_ = nullptr;
};

// The regular expression used for one term (exposed for tests).
std::string KeywordPattern(std::string_view term);

}  // namespace entangle::select
