// What a study's field rules need of each work (SummaryNeeds): the Parquet scan reads the topic,
// concept and text columns only for the rules that use them.
#include "pipeline/scan_setup.h"

#include <gtest/gtest.h>

#include "select/study_definition.h"

namespace entangle::pipeline {
namespace {

struct Needs {
  bool text, topics, concepts;
};

Needs NeedsOf(const select::FieldDefinition& field) {
  select::StudyDefinition study;
  study.field = field;
  extract::SummaryOptions needs = SummaryNeeds(study);
  EXPECT_FALSE(needs.in_scope) << "the scope test is the filter's, not set here";
  return {needs.want_text, needs.want_topics, needs.want_concepts};
}

TEST(ScanSetupTest, SummaryNeedsFollowTheFieldRules) {
  select::FieldDefinition field;
  Needs every_work = NeedsOf(field);  // no rule: every work is in the field
  EXPECT_FALSE(every_work.text);
  EXPECT_FALSE(every_work.topics);
  EXPECT_FALSE(every_work.concepts);

  field.keywords = select::KeywordRule{{"quantum"}};
  Needs keywords = NeedsOf(field);
  EXPECT_TRUE(keywords.text);
  EXPECT_FALSE(keywords.topics);
  EXPECT_FALSE(keywords.concepts);

  field = select::FieldDefinition{};
  field.topics = select::TopicRule{};
  Needs topics = NeedsOf(field);
  EXPECT_FALSE(topics.text);
  EXPECT_TRUE(topics.topics);
  EXPECT_FALSE(topics.concepts);

  field = select::FieldDefinition{};
  field.concepts = select::ConceptRule{};
  Needs concepts = NeedsOf(field);
  EXPECT_FALSE(concepts.text);
  EXPECT_FALSE(concepts.topics);
  EXPECT_TRUE(concepts.concepts);

  field.topics = select::TopicRule{};
  field.keywords = select::KeywordRule{{"ai"}};
  field.combine = select::FieldDefinition::Combine::kAll;
  Needs all = NeedsOf(field);
  EXPECT_TRUE(all.text);
  EXPECT_TRUE(all.topics);
  EXPECT_TRUE(all.concepts);
}

TEST(ScanSetupTest, OptionsThatSayNothingReadEverything) {
  // Callers that do not ask (PassStudy::needs left alone, other readers of works) keep reading the
  // topics and concepts, as before the needs existed.
  extract::SummaryOptions options;
  EXPECT_TRUE(options.want_topics);
  EXPECT_TRUE(options.want_concepts);
  EXPECT_FALSE(options.want_text);
}

}  // namespace
}  // namespace entangle::pipeline
