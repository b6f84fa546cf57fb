#pragma once
// A study definition compiled for the hot path: table lookups for countries, sorted id vectors
// for concepts and topics, a Hyperscan database for keyword rules.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/country_index.h"
#include "common/status.h"
#include "extract/work_summary.h"
#include "select/keyword_matcher.h"
#include "select/sides.h"
#include "select/study_definition.h"

namespace entangle::select {

class WorkFilter {
 public:
  // Compiled keyword matchers by their terms, shared by the filters of studies with the same
  // keyword rules (a tracker's areas × pairs): compiling one takes a tenth of a second. Compiled
  // with KeywordMatcher::Reports::kAnyMatch: the field rules ask only whether a term occurs.
  using MatcherCache = std::map<std::vector<std::string>, std::shared_ptr<const KeywordMatcher>>;
  static Result<WorkFilter> Create(const StudyDefinition& study, MatcherCache* matchers = nullptr);
  WorkFilter() = default;

  // Whether ParseWorkSummary must collect title, abstract and keywords.
  bool needs_text() const { return keyword_matcher_ != nullptr; }
  const std::shared_ptr<const KeywordMatcher>& keyword_matcher() const { return keyword_matcher_; }

  bool InScope(const extract::WorkSummary& work) const;
  // An XPAC work the study leaves out (scope.include_xpac = false). Known only once the whole record
  // was read, so apart from InScope (which may end the parse early).
  bool ExcludesAsXpac(const extract::WorkSummary& work) const { return work.is_xpac && !include_xpac_; }
  bool includes_xpac() const { return include_xpac_; }
  // Assumes InScope. `scratch` may be null when !needs_text().
  bool FieldRelevant(const extract::WorkSummary& work, KeywordMatcher::Scratch* scratch) const;

  // FieldRelevant in two halves, for judging many studies' fields at once (shared_judge.h): the
  // rules other than keywords decide, or leave it to the keyword rules (always the last step).
  enum class FieldVerdict : uint8_t { kNo, kYes, kKeywordsDecide };
  FieldVerdict JudgeFieldWithoutKeywords(const extract::WorkSummary& work) const;
  // Where the keyword rules look.
  bool keywords_in_title() const { return keywords_in_title_; }
  bool keywords_in_abstract() const { return keywords_in_abstract_; }
  bool keywords_in_keywords() const { return keywords_in_keywords_; }
  // Where each term is looked for (KeywordPlace bits, one per term of keyword_matcher()), or empty
  // when every term is looked for in every place above (KeywordRule::term_places).
  const std::vector<uint8_t>& keyword_term_places() const { return keyword_term_places_; }

  // Whether two filters judge every work alike on one count, by their content (not by the file
  // they came from): the scope (years, languages, types, XPAC), the field rules, the two sides.
  bool SameScope(const WorkFilter& other) const;
  bool SameField(const WorkFilter& other) const;
  bool SameSides(const WorkFilter& other) const { return group_of_ == other.group_of_; }

  // Several filters' keyword lists compiled into one database (a tracker's areas), set on each of
  // them so that the judge of all of them (shared_judge.h) scans a text once; null when not shared.
  void ShareKeywordLists(std::shared_ptr<const KeywordLists> lists) { keyword_lists_ = std::move(lists); }
  const std::shared_ptr<const KeywordLists>& keyword_lists() const { return keyword_lists_; }
  uint8_t GroupsOf(CountryIndex country) const { return country < kCountrySlots ? group_of_[country] : 0; }
  // Union of GroupsOf over the work's countries.
  uint8_t GroupsOf(const extract::WorkSummary& work) const;

 private:
  bool ConceptsMatch(const extract::WorkSummary& work) const;
  bool TopicsMatch(const extract::WorkSummary& work) const;
  bool TopicMatches(const extract::TopicLite& topic) const;
  bool KeywordsMatch(const extract::WorkSummary& work, KeywordMatcher::Scratch* scratch) const;
  // Whether `text`, a text of kind `place` (KeywordPlace), has a term looked for there.
  bool TextHasTerm(std::string_view text, uint8_t place, KeywordMatcher::Scratch* scratch) const;

  std::array<uint8_t, kCountrySlots> group_of_{};
  int year_from_ = 0;
  int year_to_ = 0;
  std::vector<std::string> languages_;
  bool include_unknown_language_ = false;
  bool include_xpac_ = false;
  std::vector<std::string> work_types_;
  bool combine_all_ = false;
  bool field_empty_ = true;
  bool has_concepts_ = false;
  std::vector<uint64_t> concept_ids_;
  double concept_min_score_ = 0;
  bool has_topics_ = false;
  std::vector<uint64_t> topic_ids_;
  std::vector<uint32_t> subfield_ids_, field_ids_, domain_ids_;
  bool topics_primary_only_ = false;
  double topic_min_score_ = 0;
  std::shared_ptr<const KeywordMatcher> keyword_matcher_;
  std::shared_ptr<const KeywordLists> keyword_lists_;
  bool keywords_in_title_ = false, keywords_in_abstract_ = false, keywords_in_keywords_ = false;
  std::vector<uint8_t> keyword_term_places_;
  bool has_work_ids_ = false;
  std::shared_ptr<const std::unordered_set<uint64_t>> work_ids_;
};

}  // namespace entangle::select
