#include "select/shared_judge.h"

#include <algorithm>

namespace entangle::select {
namespace {

// Index of the first item alike to `filter` (by `same`), added if there is none.
template <typename Same>
uint32_t Distinct(std::vector<const WorkFilter*>& distinct, const WorkFilter* filter, Same same) {
  for (size_t i = 0; i < distinct.size(); ++i) {
    if (same(*distinct[i], *filter)) return static_cast<uint32_t>(i);
  }
  distinct.push_back(filter);
  return static_cast<uint32_t>(distinct.size() - 1);
}

}  // namespace

SharedJudge::SharedJudge(const std::vector<const WorkFilter*>& filters) {
  std::vector<const WorkFilter*> field_filters;
  for (const WorkFilter* filter : filters) {
    study_scope_.push_back(
        Distinct(scopes_, filter, [](const WorkFilter& a, const WorkFilter& b) { return a.SameScope(b); }));
    study_sides_.push_back(
        Distinct(sides_, filter, [](const WorkFilter& a, const WorkFilter& b) { return a.SameSides(b); }));
    uint32_t field =
        Distinct(field_filters, filter, [](const WorkFilter& a, const WorkFilter& b) { return a.SameField(b); });
    study_field_.push_back(field);
    if (field == fields_.size()) fields_.push_back({filter, -1, {}});
    std::vector<uint32_t>& scopes = fields_[field].scopes;
    if (std::find(scopes.begin(), scopes.end(), study_scope_.back()) == scopes.end())
      scopes.push_back(study_scope_.back());
  }
  for (const WorkFilter* scope : scopes_) scope_xpac_.push_back(scope->includes_xpac() ? 1 : 0);

  // The distinct keyword lists (terms, and where each is looked for), and the databases that hold
  // them: shared ones first.
  std::vector<std::vector<std::string>> lists;
  std::vector<std::vector<uint8_t>> places;  // per list: WorkFilter::keyword_term_places
  for (Field& field : fields_) {
    const auto& matcher = field.filter->keyword_matcher();
    if (!matcher) continue;
    size_t at = 0;
    while (at < lists.size() && !(lists[at] == matcher->terms() && places[at] == field.filter->keyword_term_places())) {
      ++at;
    }
    field.list = static_cast<int>(at);
    if (at == lists.size()) {
      lists.push_back(matcher->terms());
      places.push_back(field.filter->keyword_term_places());
    }
  }
  lists_ = lists.size();
  std::vector<bool> covered(lists.size(), false);
  std::vector<const KeywordLists*> seen;
  for (const Field& field : fields_) {
    const KeywordLists* shared = field.filter->keyword_lists().get();
    if (field.list < 0 || !shared || covered[size_t(field.list)]) continue;
    if (std::find(seen.begin(), seen.end(), shared) != seen.end() || shared->IndexOf(lists[size_t(field.list)]) < 0) {
      continue;
    }
    seen.push_back(shared);
    ScanUnit unit;
    unit.matcher = shared->matcher;
    // The database's list i is the judge's list numbered[i] (lists_ when unused). The database
    // holds terms only: of two judge lists with the same terms and different places, it answers
    // for the first; the other is scanned with its own matcher below.
    std::vector<uint32_t> numbered;
    for (const std::vector<std::string>& list : shared->lists) {
      size_t at = 0;
      while (at < lists.size() && (lists[at] != list || covered[at])) ++at;
      numbered.push_back(static_cast<uint32_t>(at));
      if (at < lists.size()) {
        covered[at] = true;
        unit.lists.push_back(numbered.back());
      }
    }
    std::vector<uint32_t> first_term(shared->lists.size(), 0);  // of each database list
    for (size_t t = shared->list_of_term.size(); t-- > 0;) first_term[shared->list_of_term[t]] = uint32_t(t);
    bool any_places = false;
    for (size_t t = 0; t < shared->list_of_term.size(); ++t) {
      uint32_t list = numbered[shared->list_of_term[t]];
      unit.list_of_term.push_back(list);
      uint8_t place = kInTitle | kInAbstract | kInKeywords;
      if (list < lists_ && !places[list].empty()) {
        place = places[list][t - first_term[shared->list_of_term[t]]];
        any_places = true;
      }
      unit.place_of_term.push_back(place);
    }
    if (!any_places) unit.place_of_term.clear();
    units_.push_back(std::move(unit));
  }
  for (const Field& field : fields_) {
    if (field.list < 0 || covered[size_t(field.list)]) continue;
    covered[size_t(field.list)] = true;
    ScanUnit unit;
    unit.matcher = field.filter->keyword_matcher();
    unit.list = static_cast<uint32_t>(field.list);
    unit.lists = {unit.list};
    unit.place_of_term = places[unit.list];
    units_.push_back(std::move(unit));
  }
  list_state_.assign(lists.size() + 1, 0);
  // The longest word of each term looked for in abstracts (any word would do: the longest is
  // likely the rarest).
  std::vector<std::string> words;
  for (size_t list = 0; list < lists.size(); ++list) {
    for (size_t t = 0; t < lists[list].size(); ++t) {
      if (!places[list].empty() && !(places[list][t] & kInAbstract)) continue;
      std::string_view term = lists[list][t], longest;
      for (size_t begin = 0; begin < term.size();) {
        size_t end = std::min(term.find(' ', begin), term.size());
        if (end - begin > longest.size()) longest = term.substr(begin, end - begin);
        begin = end + 1;
      }
      auto at = std::find(words.begin(), words.end(), longest);
      if (at == words.end()) {
        words.emplace_back(longest);
        lists_of_word_.emplace_back();
        at = words.end() - 1;
      }
      std::vector<uint32_t>& of = lists_of_word_[size_t(at - words.begin())];
      if (std::find(of.begin(), of.end(), uint32_t(list)) == of.end()) of.push_back(uint32_t(list));
    }
  }
  if (!words.empty()) {
    // As substrings, case-insensitive in ASCII only: a list with a word of other bytes (which
    // the terms' caseless match may fold) is always rebuilt for. Failing that, every abstract is.
    for (size_t w = 0; w < words.size(); ++w) {
      if (std::any_of(words[w].begin(), words[w].end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        for (uint32_t list : lists_of_word_[w]) always_rebuild_.push_back(list);
      }
    }
    if (auto matcher = KeywordMatcher::CompileSubstrings(words); matcher.ok()) {
      abstract_words_ = std::move(matcher).value();
      abstract_words_scratch_ = std::make_unique<KeywordMatcher::Scratch>(*abstract_words_);
    }
  }
  word_seen_in_list_.assign(lists.size(), 0);
  for (ScanUnit& unit : units_) unit.scratch = std::make_unique<KeywordMatcher::Scratch>(*unit.matcher);
  scope_in_.assign(scopes_.size(), 0);
  field_.assign(fields_.size(), kUnjudged);
  groups_.assign(sides_.size(), -1);
}

bool SharedJudge::AnyInScope(const extract::WorkSummary& work) const {
  for (const WorkFilter* scope : scopes_) {
    if (scope->InScope(work)) return true;
  }
  return false;
}

void SharedJudge::Start(const extract::WorkSummary& work) {
  work_ = &work;
  for (size_t s = 0; s < scopes_.size(); ++s) scope_in_[s] = scopes_[s]->InScope(work) ? 1 : 0;
  fields_judged_ = false;
  std::fill(groups_.begin(), groups_.end(), int16_t{-1});
}

bool SharedJudge::FieldRelevant(size_t study) {
  if (!fields_judged_) JudgeFields();
  return field_[study_field_[study]] == kYes;
}

uint8_t SharedJudge::GroupsOf(size_t study) {
  int16_t& groups = groups_[study_sides_[study]];
  if (groups < 0) groups = sides_[study_sides_[study]]->GroupsOf(*work_);
  return static_cast<uint8_t>(groups);
}

void SharedJudge::JudgeFields() {
  fields_judged_ = true;
  pending_.clear();
  for (size_t f = 0; f < fields_.size(); ++f) {
    field_[f] = kUnjudged;
    // Judged only for a study that asks: one with the work in scope, and not left out as XPAC.
    bool wanted = false;
    for (uint32_t s : fields_[f].scopes) wanted |= scope_in_[s] && !(work_->is_xpac && !scope_xpac_[s]);
    if (!wanted) continue;
    switch (fields_[f].filter->JudgeFieldWithoutKeywords(*work_)) {
      case WorkFilter::FieldVerdict::kNo: field_[f] = kNo; break;
      case WorkFilter::FieldVerdict::kYes: field_[f] = kYes; break;
      case WorkFilter::FieldVerdict::kKeywordsDecide:
        field_[f] = kNo;  // until a text of a kind it reads has a term of its list
        pending_.push_back(static_cast<uint32_t>(f));
        break;
    }
  }
  if (pending_.empty()) return;
  // As WorkFilter::KeywordsMatch: title, then abstract, then each keyword; a field is relevant once
  // a text of a kind it reads has one of its terms.
  for (int source = 0; source < 3; ++source) ScanTexts(source);
}

void SharedJudge::ScanTexts(int source) {
  constexpr uint8_t kWantedHere = 3;  // wanted, and asked of the unit being scanned
  auto reads = [source](const WorkFilter& filter) {
    return source == 0   ? filter.keywords_in_title()
           : source == 1 ? filter.keywords_in_abstract()
                         : filter.keywords_in_keywords();
  };
  std::fill(list_state_.begin(), list_state_.end(), uint8_t{0});
  lists_wanted_ = 0;
  for (uint32_t f : pending_) {
    const Field& field = fields_[f];
    if (field_[f] == kYes || !reads(*field.filter)) continue;
    uint8_t& state = list_state_[size_t(field.list)];
    if (state == 0) {
      state = 1;
      ++lists_wanted_;
    }
  }
  if (lists_wanted_ == 0) return;
  if (source == 1 && !AnyWantedListMayBeInAbstract()) return;
  place_ = source == 0 ? kInTitle : source == 1 ? kInAbstract : kInKeywords;
  auto on_term = [](unsigned term, void* context) -> int {
    SharedJudge& j = *static_cast<SharedJudge*>(context);
    // A term looked for in other kinds of text only (KeywordRule::term_places) does not count here.
    if (!j.unit_->place_of_term.empty() && !(j.unit_->place_of_term[term] & j.place_)) return 0;
    uint8_t& state = j.list_state_[j.unit_->list_of_term.empty() ? j.unit_->list : j.unit_->list_of_term[term]];
    if (state == kWantedHere) {
      state = 2;
      --j.lists_wanted_;
    }
    return j.lists_wanted_ == 0 ? 1 : 0;  // every list the unit is asked for is found: no need to read on
  };
  for (const ScanUnit& unit : units_) {
    // The unit answers for its own lists only (another database may hold a list too).
    lists_wanted_ = 0;
    for (uint32_t list : unit.lists) {
      if (list_state_[list] != 1) continue;
      list_state_[list] = kWantedHere;
      ++lists_wanted_;
    }
    if (lists_wanted_ == 0) continue;
    unit_ = &unit;
    if (source == 0) {
      unit.matcher->ScanTerms(work_->title, *unit.scratch, on_term, this);
    } else if (source == 1) {
      unit.matcher->ScanTerms(work_->Abstract(), *unit.scratch, on_term, this);
    } else {
      for (const std::string& keyword : work_->keywords) {
        if (lists_wanted_ == 0) break;
        unit.matcher->ScanTerms(keyword, *unit.scratch, on_term, this);
      }
    }
    for (uint32_t list : unit.lists) {
      if (list_state_[list] == kWantedHere) list_state_[list] = 1;
    }
  }
  for (uint32_t f : pending_) {
    const Field& field = fields_[f];
    if (field_[f] != kYes && reads(*field.filter) && list_state_[size_t(field.list)] == 2) field_[f] = kYes;
  }
}

bool SharedJudge::AnyWantedListMayBeInAbstract() {
  const std::string_view index = work_->abstract_index;  // empty once rebuilt (or never JSON)
  if (!abstract_words_ || index.empty() || index.find('\\') != std::string_view::npos) return true;
  std::fill(word_seen_in_list_.begin(), word_seen_in_list_.end(), uint8_t{0});
  abstract_words_->ScanTerms(
      index, *abstract_words_scratch_,
      [](unsigned word, void* context) -> int {
        SharedJudge& j = *static_cast<SharedJudge*>(context);
        for (uint32_t list : j.lists_of_word_[word]) j.word_seen_in_list_[list] = 1;
        return 0;
      },
      this);
  for (uint32_t list : always_rebuild_) word_seen_in_list_[list] = 1;
  for (size_t list = 0; list < word_seen_in_list_.size(); ++list) {
    if (list_state_[list] == 1 && !word_seen_in_list_[list]) {
      list_state_[list] = 0;  // no term of it can be in the rebuilt abstract
      --lists_wanted_;
    }
  }
  if (lists_wanted_ > 0) return true;
  ++abstracts_put_aside_;
  return false;
}

}  // namespace entangle::select
