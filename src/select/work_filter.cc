#include "select/work_filter.h"

#include <algorithm>

#include "extract/openalex_ids.h"

namespace entangle::select {
namespace {

template <typename T>
bool Contains(const std::vector<T>& sorted, T value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

template <typename T>
std::vector<T> SortedNumericIds(const std::vector<std::string>& ids) {
  std::vector<T> out;
  for (const std::string& id : ids) out.push_back(static_cast<T>(extract::NumericId(id)));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Result<WorkFilter> WorkFilter::Create(const StudyDefinition& study, MatcherCache* matchers) {
  WorkFilter f;
  for (const std::string& c : study.group_a.countries) {
    CountryIndex i = CountryIndexOf(c);
    if (i != kInvalidCountry) f.group_of_[i] |= kGroupA;
  }
  for (const std::string& c : study.group_b.countries) {
    CountryIndex i = CountryIndexOf(c);
    if (i != kInvalidCountry) f.group_of_[i] |= kGroupB;
  }
  f.year_from_ = study.year_from;
  f.year_to_ = study.year_to;
  f.languages_ = study.languages;
  f.include_unknown_language_ = study.include_unknown_language;
  f.include_xpac_ = study.include_xpac;
  f.work_types_ = study.work_types;
  const FieldDefinition& field = study.field;
  f.combine_all_ = field.combine == FieldDefinition::Combine::kAll;
  f.field_empty_ = field.empty();
  if (field.concepts) {
    f.has_concepts_ = true;
    f.concept_ids_ = SortedNumericIds<uint64_t>(field.concepts->ids);
    f.concept_min_score_ = field.concepts->min_score;
  }
  if (field.topics) {
    f.has_topics_ = true;
    f.topic_ids_ = SortedNumericIds<uint64_t>(field.topics->topic_ids);
    f.subfield_ids_ = SortedNumericIds<uint32_t>(field.topics->subfield_ids);
    f.field_ids_ = SortedNumericIds<uint32_t>(field.topics->field_ids);
    f.domain_ids_ = SortedNumericIds<uint32_t>(field.topics->domain_ids);
    f.topics_primary_only_ = field.topics->primary_only;
    f.topic_min_score_ = field.topics->min_score;
  }
  if (field.keywords) {
    if (matchers != nullptr && matchers->count(field.keywords->terms)) {
      f.keyword_matcher_ = matchers->at(field.keywords->terms);
    } else {
      auto matcher = KeywordMatcher::Compile(field.keywords->terms, KeywordMatcher::Reports::kAnyMatch);
      if (!matcher.ok()) return Status::InvalidArgument("field.keywords.terms: " + matcher.status().message());
      f.keyword_matcher_ = std::move(matcher).value();
      if (matchers != nullptr) (*matchers)[field.keywords->terms] = f.keyword_matcher_;
    }
    f.keywords_in_title_ = field.keywords->in_title;
    f.keywords_in_abstract_ = field.keywords->in_abstract;
    f.keywords_in_keywords_ = field.keywords->in_keywords;
    f.keyword_term_places_ = field.keywords->term_places;
  }
  if (field.work_ids_file) {
    f.has_work_ids_ = true;
    auto ids = std::make_shared<std::unordered_set<uint64_t>>();
    for (const std::string& id : field.work_ids) ids->insert(extract::NumericId(id));
    f.work_ids_ = std::move(ids);
  }
  return f;
}

bool WorkFilter::InScope(const extract::WorkSummary& work) const {
  if (work.year < year_from_ || work.year > year_to_) return false;
  if (!languages_.empty() || !include_unknown_language_) {
    if (!work.has_language || work.language.empty()) {
      if (!include_unknown_language_) return false;
    } else if (!languages_.empty() &&
               std::find(languages_.begin(), languages_.end(), work.language) == languages_.end()) {
      return false;
    }
  }
  if (!work_types_.empty() && std::find(work_types_.begin(), work_types_.end(), work.type) == work_types_.end()) {
    return false;
  }
  return true;
}

bool WorkFilter::ConceptsMatch(const extract::WorkSummary& work) const {
  for (const extract::ConceptLite& c : work.concepts) {
    if (c.score >= concept_min_score_ && Contains(concept_ids_, c.id)) return true;
  }
  return false;
}

bool WorkFilter::TopicMatches(const extract::TopicLite& t) const {
  if (t.score < topic_min_score_) return false;
  return Contains(topic_ids_, t.topic) || Contains(subfield_ids_, t.subfield) || Contains(field_ids_, t.field) ||
         Contains(domain_ids_, t.domain);
}

bool WorkFilter::TopicsMatch(const extract::WorkSummary& work) const {
  if (topics_primary_only_) return work.has_primary_topic && TopicMatches(work.primary_topic);
  for (const extract::TopicLite& t : work.topics) {
    if (TopicMatches(t)) return true;
  }
  return work.topics.empty() && work.has_primary_topic && TopicMatches(work.primary_topic);
}

bool WorkFilter::TextHasTerm(std::string_view text, uint8_t place, KeywordMatcher::Scratch* scratch) const {
  if (keyword_term_places_.empty()) return keyword_matcher_->AnyMatch(text, *scratch);
  struct Wanted {
    const std::vector<uint8_t>& places;
    uint8_t place;
    bool found = false;
  } wanted{keyword_term_places_, place};
  keyword_matcher_->ScanTerms(
      text, *scratch,
      [](unsigned term, void* context) -> int {
        Wanted& w = *static_cast<Wanted*>(context);
        w.found = (w.places[term] & w.place) != 0;  // a term looked for elsewhere does not count here
        return w.found ? 1 : 0;
      },
      &wanted);
  return wanted.found;
}

bool WorkFilter::KeywordsMatch(const extract::WorkSummary& work, KeywordMatcher::Scratch* scratch) const {
  if (keywords_in_title_ && TextHasTerm(work.title, kInTitle, scratch)) return true;
  if (keywords_in_abstract_ && TextHasTerm(work.Abstract(), kInAbstract, scratch)) return true;
  if (keywords_in_keywords_) {
    for (const std::string& k : work.keywords) {
      if (TextHasTerm(k, kInKeywords, scratch)) return true;
    }
  }
  return false;
}

bool WorkFilter::FieldRelevant(const extract::WorkSummary& work, KeywordMatcher::Scratch* scratch) const {
  FieldVerdict verdict = JudgeFieldWithoutKeywords(work);
  if (verdict == FieldVerdict::kKeywordsDecide) return KeywordsMatch(work, scratch);
  return verdict == FieldVerdict::kYes;
}

WorkFilter::FieldVerdict WorkFilter::JudgeFieldWithoutKeywords(const extract::WorkSummary& work) const {
  if (field_empty_) return FieldVerdict::kYes;
  // Cheap rules first; "any" stops at the first true one, "all" at the first false one.
  auto decide = [&](bool present, auto&& test) -> int {  // -1 undecided, 0 false, 1 true
    if (!present) return -1;
    bool result = test();
    if (combine_all_ && !result) return 0;
    if (!combine_all_ && result) return 1;
    return -1;
  };
  for (int step = 0; step < 3; ++step) {
    int d = -1;
    switch (step) {
      case 0: d = decide(has_concepts_, [&] { return ConceptsMatch(work); }); break;
      case 1: d = decide(has_topics_, [&] { return TopicsMatch(work); }); break;
      case 2: d = decide(has_work_ids_, [&] { return work_ids_->count(work.id_number) > 0; }); break;
    }
    if (d >= 0) return d == 1 ? FieldVerdict::kYes : FieldVerdict::kNo;
  }
  // The keyword rules are the last step: undecided so far, they decide ("any": every other rule
  // was false; "all": every other rule was true).
  if (keyword_matcher_ != nullptr) return FieldVerdict::kKeywordsDecide;
  return combine_all_ ? FieldVerdict::kYes : FieldVerdict::kNo;
}

bool WorkFilter::SameScope(const WorkFilter& o) const {
  return year_from_ == o.year_from_ && year_to_ == o.year_to_ && languages_ == o.languages_ &&
         include_unknown_language_ == o.include_unknown_language_ && include_xpac_ == o.include_xpac_ &&
         work_types_ == o.work_types_;
}

bool WorkFilter::SameField(const WorkFilter& o) const {
  if (field_empty_ != o.field_empty_) return false;
  if (field_empty_) return true;
  bool same_keywords =
      (keyword_matcher_ == nullptr) == (o.keyword_matcher_ == nullptr) &&
      (keyword_matcher_ == nullptr ||
       (keyword_matcher_->terms() == o.keyword_matcher_->terms() && keywords_in_title_ == o.keywords_in_title_ &&
        keywords_in_abstract_ == o.keywords_in_abstract_ && keywords_in_keywords_ == o.keywords_in_keywords_ &&
        keyword_term_places_ == o.keyword_term_places_));
  bool same_work_ids =
      has_work_ids_ == o.has_work_ids_ && (!has_work_ids_ || work_ids_ == o.work_ids_ || *work_ids_ == *o.work_ids_);
  return same_keywords && same_work_ids && combine_all_ == o.combine_all_ && has_concepts_ == o.has_concepts_ &&
         concept_ids_ == o.concept_ids_ && concept_min_score_ == o.concept_min_score_ && has_topics_ == o.has_topics_ &&
         topic_ids_ == o.topic_ids_ && subfield_ids_ == o.subfield_ids_ && field_ids_ == o.field_ids_ &&
         domain_ids_ == o.domain_ids_ && topics_primary_only_ == o.topics_primary_only_ &&
         topic_min_score_ == o.topic_min_score_;
}

uint8_t WorkFilter::GroupsOf(const extract::WorkSummary& work) const {
  uint8_t groups = 0;
  for (CountryIndex c : work.author_countries) groups |= GroupsOf(c);
  return groups;
}

}  // namespace entangle::select
