// SummaryOptions::in_scope: an out-of-scope record stops at its scope fields and reads only its
// updated_date from its tail, and the result is what a full walk gives for those fields.
#include <gtest/gtest.h>

#include <algorithm>

#include "extract/work_summary.h"
#include "support/real_records.h"

namespace entangle::extract {
namespace {

using testing::PaddedLine;

bool StudyYears(const WorkSummary& w) { return w.year >= 2017 && w.year <= 2022; }
bool Never(const WorkSummary&) { return false; }

RecordError Parse(const std::string& text, std::function<bool(const WorkSummary&)> in_scope, WorkSummary& out,
                  std::string* detail = nullptr) {
  simdjson::ondemand::parser parser;
  PaddedLine line(text);
  std::string message;
  SummaryOptions options;
  options.in_scope = std::move(in_scope);
  RecordError e = ParseWorkSummary(parser, line.data(), line.size(), line.capacity(), options, out, message);
  if (detail) *detail = message;
  return e;
}

void ExpectSameScopeFields(const WorkSummary& fast, const WorkSummary& full, const std::string& where) {
  EXPECT_EQ(fast.id, full.id) << where;
  EXPECT_EQ(fast.id_number, full.id_number) << where;
  EXPECT_EQ(fast.year, full.year) << where;
  EXPECT_EQ(fast.has_language, full.has_language) << where;
  EXPECT_EQ(fast.language, full.language) << where;
  EXPECT_EQ(fast.type, full.type) << where;
  EXPECT_EQ(fast.updated_date, full.updated_date) << where;
}

TEST(WorkSummaryScopeTest, EarlyExitAgreesWithAFullWalkOnEveryRealRecord) {
  std::vector<std::string> lines = testing::ReadLines(testing::SharedPath("data/openalex/works-real.jsonl.gz"));
  for (const std::string& l :
       testing::ReadLines(testing::SharedPath("data/openalex/walden-2025/works_schema_2025-11-11.jsonl"))) {
    lines.push_back(l);
  }
  ASSERT_EQ(lines.size(), 1874u);
  size_t early = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string where = "line " + std::to_string(i + 1);
    WorkSummary full, fast, kept;
    ASSERT_EQ(Parse(lines[i], nullptr, full), RecordError::kNone) << where;
    ASSERT_EQ(Parse(lines[i], Never, fast), RecordError::kNone) << where;
    ExpectSameScopeFields(fast, full, where);
    if (fast.out_of_scope_early) {
      ++early;
      EXPECT_EQ(fast.author_count(), 0u) << where << ": authorships are not read after the exit";
    }
    // A work in scope is walked in full whatever the test says.
    ASSERT_EQ(Parse(lines[i], [](const WorkSummary&) { return true; }, kept), RecordError::kNone) << where;
    EXPECT_FALSE(kept.out_of_scope_early) << where;
    EXPECT_EQ(kept.author_countries, full.author_countries) << where;
    EXPECT_EQ(kept.author_end, full.author_end) << where;
    EXPECT_EQ(kept.concepts.size(), full.concepts.size()) << where;
    EXPECT_EQ(kept.topics.size(), full.topics.size()) << where;
  }
  RecordProperty("early_exits", static_cast<int>(early));
  // Snapshot records end with updated_date and created_date (1,379 of the sample's 1,874 records stop
  // early; records of formats that put updated_date elsewhere, or lack language or type, are walked).
  EXPECT_GT(early, lines.size() * 7 / 10);
}

struct ScopeCase {
  const char* name;
  std::string text;
  RecordError error;
  bool early;
  const char* updated_date;
};

class ScopeExitTest : public ::testing::TestWithParam<ScopeCase> {};

TEST_P(ScopeExitTest, StopsOnlyWhenTheTailClosesTheRecord) {
  const ScopeCase& c = GetParam();
  WorkSummary w;
  std::string detail;
  ASSERT_EQ(Parse(c.text, StudyYears, w, &detail), c.error) << c.name << ": " << detail;
  if (c.error != RecordError::kNone) return;
  EXPECT_EQ(w.out_of_scope_early, c.early) << c.name;
  EXPECT_EQ(w.updated_date, c.updated_date) << c.name;
  EXPECT_EQ(w.id, "W1") << c.name;
  if (!c.early) {  // walked in full: the authorship was read
    EXPECT_EQ(w.author_count(), 1u) << c.name;
  }
}

const std::string kOld = R"({"id":"https://openalex.org/W1","publication_year":1990,"language":"en","type":"article",)"
                         R"("authorships":[{"countries":["DE"]}])";
const std::string kNew = R"({"id":"https://openalex.org/W1","publication_year":2020,"language":"en","type":"article",)"
                         R"("authorships":[{"countries":["DE"]}])";

INSTANTIATE_TEST_SUITE_P(
    Tails, ScopeExitTest,
    ::testing::Values(
        ScopeCase{"tail read", kOld + R"(,"updated_date":"2024-01-02T00:00:00","created_date":"2020-01-01"})",
                  RecordError::kNone, true, "2024-01-02T00:00:00"},
        ScopeCase{"in scope walks on", kNew + R"(,"updated_date":"2024-01-02"})", RecordError::kNone, false,
                  "2024-01-02"},
        ScopeCase{"null updated_date", kOld + R"(,"updated_date":null})", RecordError::kNone, true, ""},
        ScopeCase{"no updated_date", kOld + R"(,"cited_by_count":3})", RecordError::kNone, false, ""},
        // Far from the end, an early updated_date says nothing about how the record ends: walk on.
        ScopeCase{"updated_date early only",
                  R"({"updated_date":"2023-05-05","abstract":")" + std::string(600, 'x') + "\"," + kOld.substr(1) + "}",
                  RecordError::kNone, false, "2023-05-05"},
        // In a short record the tail read covers it all, so the whole record was checked.
        ScopeCase{"short record with updated_date first", R"({"updated_date":"2023-05-05",)" + kOld.substr(1) + "}",
                  RecordError::kNone, true, "2023-05-05"},
        // A repeated key: the walk keeps the last value, and so must the tail read.
        ScopeCase{"updated_date twice", kOld + R"(,"updated_date":"2024-01-01","updated_date":"2024-02-02"})",
                  RecordError::kNone, true, "2024-02-02"},
        ScopeCase{"nested updated_date at the end", kOld + R"(,"x":{"updated_date":"2020-01-01"}})",
                  RecordError::kNone, false, ""},
        ScopeCase{"quoted key text in a later string",
                  kOld + R"(,"updated_date":"2024-01-02","note":"\"updated_date\":\"1999\""})", RecordError::kNone,
                  true, "2024-01-02"},
        ScopeCase{"truncated after the scope fields", kOld.substr(0, kOld.size() - 3), RecordError::kMalformedJson,
                  false, ""},
        ScopeCase{"truncated in the tail", kOld + R"(,"updated_date":"2024-01-02","created_da)",
                  RecordError::kMalformedJson, false, ""},
        ScopeCase{"trailing comma", kOld + R"(,"updated_date":"2024-01-02"},)", RecordError::kMalformedJson, false,
                  ""},
        ScopeCase{"two records on a line", kOld + R"(,"updated_date":"2024-01-02"}{"id":"W2"})",
                  RecordError::kMalformedJson, false, ""},
        ScopeCase{"two records on a line, in scope", kNew + R"(,"updated_date":"2024-01-02"}{"id":"W2"})",
                  RecordError::kMalformedJson, false, ""}),
    [](const auto& info) {
      std::string n = info.param.name;
      std::replace_if(n.begin(), n.end(), [](char c) { return c == ' ' || c == ','; }, '_');
      return n;
    });

}  // namespace
}  // namespace entangle::extract
