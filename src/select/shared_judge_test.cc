// SharedJudge: a tracker's studies judged together give, study by study, what each study's own
// WorkFilter gives (scope, XPAC, field, sides), whether the areas' keyword lists share one database
// or are scanned one by one; two areas' lists overlap, and one term matches in both; two areas
// have the same terms with different places per term.
#include "select/shared_judge.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <simdjson.h>

#include "common/country_index.h"
#include "select/keyword_matcher.h"
#include "select/work_filter.h"
#include "support/real_records.h"

namespace entangle::select {
namespace {

StudyDefinition Study(std::vector<std::string> a, std::vector<std::string> b) {
  StudyDefinition study;
  study.group_a.countries = std::move(a);
  study.group_b.countries = std::move(b);
  study.year_from = 2017;
  study.year_to = 2022;
  study.languages = {"en"};
  study.work_types = {"article"};
  return study;
}

KeywordRule Keywords(std::vector<std::string> terms, bool title, bool abstract, bool keywords) {
  KeywordRule rule;
  rule.terms = std::move(terms);
  rule.in_title = title;
  rule.in_abstract = abstract;
  rule.in_keywords = keywords;
  return rule;
}

// Four areas × two pairs. "photonic chip" is a term of areas A and B; "qubit" of A and C.
std::vector<StudyDefinition> Studies() {
  std::vector<StudyDefinition> areas;
  StudyDefinition a = Study({}, {});  // topics or keywords in title and abstract
  a.field.topics = TopicRule{{"T1"}, {}, {}, {}, true, 0.0};
  a.field.keywords = Keywords({"quantum computing", "qubit", "photonic chip"}, true, true, false);
  areas.push_back(a);
  StudyDefinition b = Study({}, {});  // keywords anywhere
  b.field.keywords = Keywords({"photonic chip", "transistor", "C++"}, true, true, true);
  areas.push_back(b);
  StudyDefinition c = Study({}, {});  // topic T2 and, as well, a keyword among the work's keywords
  c.field.combine = FieldDefinition::Combine::kAll;
  c.field.topics = TopicRule{{"T2"}, {}, {}, {}, false, 0.0};
  c.field.keywords = Keywords({"qubit", "ion trap"}, false, false, true);
  areas.push_back(c);
  // Places per term. D: area B's terms, "transistor" in titles only (same terms as B, other
  // places: a shared database answers for B's list, D's is scanned on its own). E: a list of its
  // own, "ion trap" in abstracts only.
  StudyDefinition d = Study({}, {});
  d.field.keywords = Keywords({"photonic chip", "transistor", "C++"}, true, true, true);
  d.field.keywords->term_places = {kInTitle | kInAbstract | kInKeywords, kInTitle,
                                   kInTitle | kInAbstract | kInKeywords};
  areas.push_back(d);
  StudyDefinition e = Study({}, {});
  e.field.keywords = Keywords({"transistor", "ion trap"}, true, true, false);
  e.field.keywords->term_places = {kInTitle | kInAbstract, kInAbstract};
  areas.push_back(e);
  StudyDefinition wide = Study({}, {});  // every field, another scope, XPAC included
  wide.year_from = 1990;
  wide.year_to = 2030;
  wide.languages.clear();
  wide.include_unknown_language = true;
  wide.work_types.clear();
  wide.include_xpac = true;
  areas.push_back(wide);
  std::vector<StudyDefinition> studies;
  for (const StudyDefinition& area : areas) {
    for (auto [group_a, group_b] : {std::pair<std::vector<std::string>, std::vector<std::string>>{{"DE", "FR"}, {"CN"}},
                                    {{"DE"}, {"CN", "HK"}}}) {
      StudyDefinition study = area;
      study.group_a.countries = group_a;
      study.group_b.countries = group_b;
      studies.push_back(study);
    }
  }
  return studies;
}

// Works over every combination that matters: scope, XPAC, topics, texts of each kind, countries.
std::vector<extract::WorkSummary> Works() {
  const std::vector<std::string> texts = {"",
                                          "A qubit array",
                                          "Photonic   chip design",  // any run of spaces
                                          "TRANSISTOR scaling and photonic chips",
                                          "Programs in C++ for qubits",
                                          "an ion trap and a photonic chip"};
  std::vector<extract::WorkSummary> works;
  uint64_t id = 1;
  for (int year : {2016, 2018}) {
    for (bool xpac : {false, true}) {
      for (int topic : {0, 1, 2}) {
        for (size_t title = 0; title < texts.size(); ++title) {
          for (size_t abstract = 0; abstract < texts.size(); abstract += 2) {
            for (size_t keyword = 0; keyword < texts.size(); ++keyword) {
              for (int countries = 0; countries < 3; ++countries) {
                extract::WorkSummary w;
                w.id_number = id;
                w.id = "W" + std::to_string(id++);
                w.year = year;
                w.has_language = true;
                w.language = "en";
                w.type = (id % 7 == 0) ? "dataset" : "article";
                w.is_xpac = xpac;
                if (topic > 0) {
                  w.has_primary_topic = true;
                  w.primary_topic.topic = uint64_t(topic);
                  w.topics.push_back(w.primary_topic);
                }
                w.title = texts[title];
                w.abstract_text = texts[(abstract + title) % texts.size()];
                if (keyword > 0) w.keywords = {"unrelated", texts[keyword]};
                std::vector<const char*> codes = countries == 0   ? std::vector<const char*>{"DE", "CN"}
                                                 : countries == 1 ? std::vector<const char*>{"FR", "HK"}
                                                                  : std::vector<const char*>{"US"};
                for (const char* code : codes) {
                  w.author_countries.push_back(CountryIndexOf(code));
                  w.author_end.push_back(uint32_t(w.author_countries.size()));
                }
                works.push_back(std::move(w));
              }
            }
          }
        }
      }
    }
  }
  return works;
}

// A term with places of its own counts only there; the rule's other terms count wherever it looks.
TEST(WorkFilterTest, ATermWithPlacesOfItsOwnCountsOnlyThere) {
  StudyDefinition study = Study({"DE"}, {"CN"});
  study.field.keywords = Keywords({"drone", "robotics"}, true, true, true);
  study.field.keywords->term_places = {kInTitle | kInAbstract | kInKeywords, kInTitle | kInKeywords};
  Result<WorkFilter> filter = WorkFilter::Create(study);
  ASSERT_TRUE(filter.ok()) << filter.status().ToString();
  KeywordMatcher::Scratch scratch(*filter->keyword_matcher());
  std::vector<const WorkFilter*> one = {&*filter};
  SharedJudge judge(one);
  struct Case {
    std::string title, abstract, keyword;
    bool relevant;
  };
  const Case cases[] = {
      {"Robotics for care", "", "", true},
      {"Care", "Robotics as one application among many.", "", false},
      {"Care", "", "Robotics", true},
      {"Care", "A drone survey.", "", true},
      {"Care", "Robotics and drones.", "", false},  // "drones" is not "drone"
      {"Care", "Robotics and a drone.", "", true},
  };
  for (const Case& c : cases) {
    extract::WorkSummary work;
    work.id = "W1";
    work.id_number = 1;
    work.year = 2020;
    work.has_language = true;
    work.language = "en";
    work.type = "article";
    work.title = c.title;
    work.abstract_text = c.abstract;
    if (!c.keyword.empty()) work.keywords = {c.keyword};
    EXPECT_EQ(filter->FieldRelevant(work, &scratch), c.relevant) << c.title << " / " << c.abstract;
    judge.Start(work);
    EXPECT_EQ(judge.FieldRelevant(0), c.relevant) << c.title << " / " << c.abstract;
  }
}

// The judge rebuilds an abstract from its inverted index only when a word of a wanted list's terms
// is in the index's raw JSON. On every real record, and on made-up ones whose index escapes a word
// or shouts it, its answers are those of the filters, which always rebuild it.
TEST(SharedJudgeTest, AnAbstractIsPutAsideOnlyWhenNoTermCanBeInIt) {
  const std::vector<std::vector<std::string>> lists = {
      {"machine learning", "neural network", "deep learning"},
      {"quantum computing", "qubit", "photonic chip"},
      {"data", "model", "C++"},  // words most abstracts have
      {"CRISPR", "genome editing", "gene"},
      {"climate change", "carbon dioxide", "graphene"},
  };
  std::vector<WorkFilter> filters;
  for (size_t i = 0; i < lists.size(); ++i) {
    StudyDefinition study = Study({"DE"}, {"CN"});
    study.year_from = 1900;
    study.year_to = 2100;
    study.languages.clear();
    study.include_unknown_language = true;
    study.work_types.clear();
    study.field.keywords = Keywords(lists[i], false, true, false);  // abstracts only
    if (i == 4) {  // "carbon dioxide" in titles only: the rule reads titles too
      study.field.keywords->in_title = true;
      study.field.keywords->term_places = {kInAbstract, kInTitle, kInAbstract};
    }
    Result<WorkFilter> filter = WorkFilter::Create(study);
    ASSERT_TRUE(filter.ok()) << filter.status().ToString();
    filters.push_back(std::move(filter).value());
  }
  std::vector<const WorkFilter*> pointers;
  for (const WorkFilter& filter : filters) pointers.push_back(&filter);
  SharedJudge judge(pointers);
  std::vector<std::unique_ptr<KeywordMatcher::Scratch>> scratches;
  for (const WorkFilter& filter : filters)
    scratches.push_back(std::make_unique<KeywordMatcher::Scratch>(*filter.keyword_matcher()));

  std::vector<std::string> records = testing::ReadLines(testing::SharedPath("data/openalex/works-real.jsonl.gz"));
  // An index that escapes a letter of "computing" (the word looked for, of "quantum computing"), one
  // that writes the term in capitals, one whose keys hold words with punctuation.
  records.push_back(R"({"id": "https://openalex.org/W1", "publication_year": 2020, "abstract_inverted_index": )"
                    R"({"Fast": [0], "quantum": [1], "comp\u0075ting": [2]}})");
  records.push_back(R"({"id": "https://openalex.org/W2", "publication_year": 2020, "abstract_inverted_index": )"
                    R"({"QUANTUM": [1], "Computing": [2], "Fast": [0]}})");
  records.push_back(R"({"id": "https://openalex.org/W3", "publication_year": 2020, "abstract_inverted_index": )"
                    R"({"a": [0, 3], "graphene-based": [1], "gene.": [4], "sensor": [2]}})");
  simdjson::ondemand::parser parser;
  extract::SummaryOptions options;
  options.want_text = true;
  std::vector<int> relevant(lists.size(), 0);
  int with_index = 0;
  for (const std::string& record : records) {
    testing::PaddedLine line(record);
    extract::WorkSummary work;
    std::string detail;
    if (extract::ParseWorkSummary(parser, line.data(), line.size(), line.capacity(), options, work, detail) !=
        extract::RecordError::kNone) {
      continue;
    }
    SCOPED_TRACE(work.id);
    judge.Start(work);
    // As the scan asks (pipeline/duplicate_rules.h, JudgeCopy): the field only of a work in scope
    // and not left out as XPAC (the same for every list here).
    if (!judge.InScope(0) || judge.ExcludesAsXpac(0)) continue;
    with_index += work.abstract_index.empty() ? 0 : 1;
    std::vector<bool> judged(lists.size());
    for (size_t i = 0; i < lists.size(); ++i) judged[i] = judge.FieldRelevant(i);  // before the rebuild
    for (size_t i = 0; i < lists.size(); ++i) {
      bool own = filters[i].FieldRelevant(work, scratches[i].get());
      ASSERT_EQ(judged[i], own) << "list " << i << ", abstract \"" << work.Abstract() << "\"";
      relevant[i] += own ? 1 : 0;
    }
  }
  for (size_t i = 0; i < lists.size(); ++i) EXPECT_GT(relevant[i], 0) << "list " << i;
  EXPECT_GT(with_index, 1000);
  // The test means something: most abstracts have a common word, yet some have none of any list.
  EXPECT_GT(judge.abstracts_put_aside(), 0u);
  EXPECT_LT(judge.abstracts_put_aside(), uint64_t(with_index) / 2);
}

// How the areas' keyword lists are compiled: each alone, all in one database, or in two databases.
class SharedJudgeTest : public ::testing::TestWithParam<int> {};

TEST_P(SharedJudgeTest, EachStudysAnswersAreItsOwnFiltersAnswers) {
  const int databases = GetParam();
  std::vector<StudyDefinition> studies = Studies();
  // As a tracker does (pipeline/tracker_scan.cc): the lists in one database, each filter with its
  // list's view of it; or else each list compiled alone.
  WorkFilter::MatcherCache matchers;
  std::map<std::vector<std::string>, std::shared_ptr<const KeywordLists>> shared;
  if (databases > 0) {
    std::vector<std::vector<std::vector<std::string>>> parts(static_cast<size_t>(databases));
    for (const StudyDefinition& study : studies) {
      if (!study.field.keywords) continue;
      auto& part = parts[study.field.keywords->terms.size() == 2 ? parts.size() - 1 : 0];  // areas C, E apart
      part.push_back(study.field.keywords->terms);
    }
    for (const auto& part : parts) {
      Result<std::shared_ptr<const KeywordLists>> compiled = KeywordLists::Compile(part);
      ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
      for (size_t i = 0; i < (*compiled)->lists.size(); ++i) {
        matchers[(*compiled)->lists[i]] = (*compiled)->list_matchers[i];
        shared[(*compiled)->lists[i]] = *compiled;
      }
    }
    EXPECT_EQ(shared.size(), 4u);
  }
  std::vector<WorkFilter> filters;
  for (const StudyDefinition& study : studies) {
    Result<WorkFilter> filter = WorkFilter::Create(study, &matchers);
    ASSERT_TRUE(filter.ok()) << filter.status().ToString();
    filters.push_back(std::move(filter).value());
    if (study.field.keywords) {
      if (auto at = shared.find(study.field.keywords->terms); at != shared.end()) {
        filters.back().ShareKeywordLists(at->second);
      }
    }
  }
  std::vector<const WorkFilter*> pointers;
  for (const WorkFilter& filter : filters) pointers.push_back(&filter);
  SharedJudge judge(pointers);
  EXPECT_EQ(judge.distinct_scopes(), 2u);
  EXPECT_EQ(judge.distinct_fields(), 6u);
  EXPECT_EQ(judge.distinct_sides(), 2u);

  std::vector<std::unique_ptr<KeywordMatcher::Scratch>> scratches;
  for (const WorkFilter& filter : filters) {
    scratches.push_back(filter.keyword_matcher() ? std::make_unique<KeywordMatcher::Scratch>(*filter.keyword_matcher())
                                                 : nullptr);
  }
  // How often each study found a work relevant: the comparison must cover both answers.
  std::vector<int> relevant(filters.size(), 0), judged(filters.size(), 0);
  int in_a_and_b_by_one_term = 0, b_not_d = 0;
  for (const extract::WorkSummary& work : Works()) {
    SCOPED_TRACE(work.id + " title \"" + work.title + "\" abstract \"" + work.abstract_text + "\"");
    judge.Start(work);
    std::vector<bool> answers(filters.size());
    for (size_t i = 0; i < filters.size(); ++i) {
      const WorkFilter& own = filters[i];
      ASSERT_EQ(judge.InScope(i), own.InScope(work)) << "study " << i;
      if (!own.InScope(work)) continue;
      ASSERT_EQ(judge.ExcludesAsXpac(i), own.ExcludesAsXpac(work)) << "study " << i;
      if (own.ExcludesAsXpac(work)) continue;
      bool field = own.FieldRelevant(work, scratches[i].get());
      ASSERT_EQ(judge.FieldRelevant(i), field) << "study " << i;
      ASSERT_EQ(judge.GroupsOf(i), own.GroupsOf(work)) << "study " << i;
      answers[i] = field;
      ++judged[i];
      relevant[i] += field ? 1 : 0;
    }
    // Areas A (studies 0, 1) and B (2, 3) both relevant through "photonic chip" alone.
    if (answers[0] && answers[2] && work.topics.empty() && work.title.find("hotonic") != std::string::npos &&
        work.title.find("TRANSISTOR") == std::string::npos) {
      ++in_a_and_b_by_one_term;
    }
    if (answers[2] && !answers[6]) ++b_not_d;
  }
  for (size_t i = 0; i < filters.size(); ++i) {
    EXPECT_GT(relevant[i], 0) << "study " << i;
    if (i < 10) {
      EXPECT_LT(relevant[i], judged[i]) << "study " << i;  // the wide area keeps every work
    }
  }
  EXPECT_GT(in_a_and_b_by_one_term, 0);
  // Area D's places per term told apart from area B's same terms: "transistor" only in an abstract.
  EXPECT_GT(b_not_d, 0);
}

INSTANTIATE_TEST_SUITE_P(Lists, SharedJudgeTest, ::testing::Values(0, 1, 2),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return info.param == 0 ? std::string("OneScanPerList")
                                                  : std::to_string(info.param) + std::string("SharedDatabases");
                         });

}  // namespace
}  // namespace entangle::select
