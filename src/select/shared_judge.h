#pragma once
// Judges each record for many studies at once (a tracker's areas × pairs), doing once what they
// share: the scope once per distinct scope, the field once per distinct field definition (the
// studies of one area share it), the sides once per distinct pair, and the keyword rules of every
// area in one Hyperscan scan per text. Each study's answers are those of its own WorkFilter.
// One judge per thread: it holds the current record's answers and a Hyperscan scratch.
#include <cstdint>
#include <memory>
#include <vector>

#include "extract/work_summary.h"
#include "select/keyword_matcher.h"
#include "select/work_filter.h"

namespace entangle::select {

class SharedJudge {
 public:
  // `filters` (one per study, in the studies' order) must outlive the judge. Their keyword lists
  // are scanned with the databases they share (WorkFilter::ShareKeywordLists, which a tracker
  // sets: each text scanned once per database), else with each list's own matcher.
  explicit SharedJudge(const std::vector<const WorkFilter*>& filters);
  SharedJudge(const SharedJudge&) = delete;
  SharedJudge& operator=(const SharedJudge&) = delete;

  // Whether any study has the work in scope (for ParseWorkSummary's early stop).
  bool AnyInScope(const extract::WorkSummary& work) const;

  // Starts on a parsed record: judges its scope for every distinct scope. The answers below are
  // about this record until the next Start.
  void Start(const extract::WorkSummary& work);
  bool InScope(size_t study) const { return scope_in_[study_scope_[study]] != 0; }
  bool ExcludesAsXpac(size_t study) const { return work_->is_xpac && !scope_xpac_[study_scope_[study]]; }
  // Assumes InScope. The first call of a record judges every field some study in scope (XPAC
  // apart) needs, with one keyword scan per text for all of them.
  bool FieldRelevant(size_t study);
  uint8_t GroupsOf(size_t study);

  size_t distinct_scopes() const { return scopes_.size(); }
  size_t distinct_fields() const { return fields_.size(); }
  size_t distinct_sides() const { return sides_.size(); }
  // Abstracts left unrebuilt because no wanted list had a term's word in the index (see
  // abstract_words_), over the judge's life.
  uint64_t abstracts_put_aside() const { return abstracts_put_aside_; }

 private:
  struct Field {
    const WorkFilter* filter = nullptr;
    int list = -1;                 // its keyword list among lists_, or -1: no keyword rules
    std::vector<uint32_t> scopes;  // the distinct scopes of the studies that use it
  };
  enum : uint8_t { kUnjudged = 0, kNo = 1, kYes = 2 };
  void JudgeFields();
  // Scans one kind of text (0 title, 1 abstract, 2 keywords) for the keyword lists of the fields
  // still pending, and marks the fields it satisfies.
  void ScanTexts(int source);

  std::vector<const WorkFilter*> scopes_, sides_;  // one filter standing for each distinct one
  std::vector<Field> fields_;
  std::vector<uint32_t> study_scope_, study_field_, study_sides_;
  std::vector<uint8_t> scope_xpac_;  // whether the scope includes XPAC works

  // A database the keyword scan runs: a KeywordLists database some filters share (term t is of
  // list list_of_term[t], numbered as the judge numbers its lists; an unused list is numbered
  // lists_), or one list's own matcher (list_of_term empty: every term is of list `list`).
  struct ScanUnit {
    std::shared_ptr<const KeywordMatcher> matcher;
    std::unique_ptr<KeywordMatcher::Scratch> scratch;
    std::vector<uint32_t> list_of_term;
    uint32_t list = 0;
    std::vector<uint32_t> lists;  // the lists it has terms of
    // Where each term is looked for (KeywordPlace bits, by the term's number in the database), or
    // empty when every term is looked for wherever its list's filters look.
    std::vector<uint8_t> place_of_term;
  };
  size_t lists_ = 0;
  std::vector<ScanUnit> units_;
  const ScanUnit* unit_ = nullptr;  // the one being scanned
  uint8_t place_ = 0;               // the kind of text being scanned (KeywordPlace)

  // One word of each term looked for in abstracts (its longest), and the lists of the terms it is
  // from. Rebuilding an abstract from its inverted index costs more than the keyword scan itself;
  // a term can only be in the rebuilt text if each of its words is in the index's raw JSON (the
  // words are its keys, joined by spaces), unless the JSON escapes something. So the index is
  // scanned for these words first, as substrings, and the abstract is rebuilt only for a list that
  // has one there.
  std::shared_ptr<const KeywordMatcher> abstract_words_;
  std::unique_ptr<KeywordMatcher::Scratch> abstract_words_scratch_;
  std::vector<std::vector<uint32_t>> lists_of_word_;
  std::vector<uint8_t> word_seen_in_list_;  // per list, for the current abstract
  std::vector<uint32_t> always_rebuild_;    // lists with a word the substring test cannot fold
  uint64_t abstracts_put_aside_ = 0;
  // Drops the wanted lists none of whose words is in the abstract's index; false when none is left.
  bool AnyWantedListMayBeInAbstract();

  // The current record's answers.
  const extract::WorkSummary* work_ = nullptr;
  std::vector<uint8_t> scope_in_;
  bool fields_judged_ = false;
  std::vector<uint8_t> field_;     // kUnjudged, kNo, kYes
  std::vector<uint32_t> pending_;  // fields the keyword rules decide
  std::vector<int16_t> groups_;    // -1 until asked
  // The keyword scan's state, per list (and one for lists no field uses): 0 not wanted, 1 wanted,
  // 2 found in the kind of text scanned, 3 wanted of the database being scanned.
  std::vector<uint8_t> list_state_;
  int lists_wanted_ = 0;  // of the unit being scanned
};

}  // namespace entangle::select
