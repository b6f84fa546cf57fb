// The hot-path parser on real records of every format in ../shared/data/openalex.
#include "extract/work_summary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "support/real_records.h"

namespace entangle::extract {
namespace {

using testing::PaddedLine;
using testing::RealWork;

std::set<std::string> WorkCountries(const WorkSummary& w) {
  std::set<std::string> out;
  for (CountryIndex c : w.author_countries) out.insert(CountryCodeOf(c));
  return out;
}

RecordError Parse(const std::string& text, WorkSummary& out, bool want_text = false) {
  simdjson::ondemand::parser parser;
  PaddedLine line(text);
  std::string detail;
  SummaryOptions options;
  options.want_text = want_text;
  return ParseWorkSummary(parser, line.data(), line.size(), line.capacity(), options, out, detail);
}

struct CountryCase {
  const char* work_id;
  const char* why;
  std::set<std::string> countries;
};

class RealCountriesTest : public ::testing::TestWithParam<CountryCase> {};

TEST_P(RealCountriesTest, CountriesComeFromAuthorshipsNotDistinctCounts) {
  WorkSummary w;
  ASSERT_EQ(Parse(RealWork(GetParam().work_id), w), RecordError::kNone) << GetParam().why;
  EXPECT_EQ(WorkCountries(w), GetParam().countries) << GetParam().why;
}

INSTANTIATE_TEST_SUITE_P(
    FormatQuirks, RealCountriesTest,
    ::testing::Values(
        // countries_distinct_count says 8; the authorships name 6 countries.
        CountryCase{"W4317390883", "wrong countries_distinct_count", {"DE", "EE", "FI", "GB", "SE", "US"}},
        CountryCase{"W2988916019", "HK stays HK", {"AU", "CA", "CN", "FI", "HK"}},
        CountryCase{"W4386076325", "TW stays TW", {"TW"}},
        CountryCase{"W2104549677", "MO stays MO",
                    {"CA", "CN", "DE", "DK", "GB", "HK", "KR", "MO", "NL", "SA", "US"}},
        // Countries given in countries[] with no institutions at all.
        CountryCase{"W4320013936", "countries[] without institutions", {"DE"}}));

TEST(WorkSummaryTest, TopicIdsGivenAsUrlsAreNumbers) {
  WorkSummary w;
  ASSERT_EQ(Parse(RealWork("W4322718191"), w), RecordError::kNone);
  ASSERT_TRUE(w.has_primary_topic);
  EXPECT_EQ(w.primary_topic.subfield, 1702u);
  EXPECT_NEAR(w.primary_topic.score, 0.9984, 1e-9);
  EXPECT_EQ(w.id, "W4322718191");
  EXPECT_EQ(w.id_number, 4322718191u);
}

TEST(WorkSummaryTest, NullLanguageIsUnknownNotEmptyString) {
  WorkSummary w;
  ASSERT_EQ(Parse(RealWork("W4395539049"), w), RecordError::kNone);
  EXPECT_FALSE(w.has_language);
}

// The abstract is rebuilt from the record's text when first asked, so the record must outlive it.
std::string ParsedAbstract(const std::string& text) {
  simdjson::ondemand::parser parser;
  PaddedLine line(text);
  std::string detail;
  WorkSummary w;
  if (ParseWorkSummary(parser, line.data(), line.size(), line.capacity(), {true}, w, detail) != RecordError::kNone) {
    return "(parse failed: " + detail + ")";
  }
  return w.Abstract();
}

// The abstract as the eager rebuild made it before it was put off: every word sorted by (position, word).
std::string SortedAbstract(const std::string& text) {
  simdjson::dom::parser parser;
  simdjson::dom::object index;
  if (parser.parse(text)["abstract_inverted_index"].get_object().get(index)) return "";
  std::vector<std::pair<uint32_t, std::string_view>> words;
  for (auto [word, positions] : index) {
    simdjson::dom::array list;
    if (positions.get_array().get(list)) continue;
    for (auto p : list) {
      int64_t position = 0;
      if (!p.get_int64().get(position) && position >= 0) words.emplace_back(uint32_t(position), word);
    }
  }
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& word : words) out.append(out.empty() ? "" : " ").append(word.second);
  return out;
}

TEST(WorkSummaryTest, AbstractRebuiltFromInvertedIndex) {
  WorkSummary w;
  PaddedLine line(RealWork("W3140854437"));
  simdjson::ondemand::parser parser;
  std::string detail;
  ASSERT_EQ(ParseWorkSummary(parser, line.data(), line.size(), line.capacity(), {true}, w, detail), RecordError::kNone);
  EXPECT_FALSE(w.abstract_index.empty()) << "the abstract is put off until asked";
  EXPECT_EQ(w.Abstract().rfind("In the last few years, the deep learning (DL) computing paradigm has been deemed", 0),
            0u);
  EXPECT_TRUE(w.abstract_index.empty());
  EXPECT_FALSE(w.title.empty());
}

TEST(WorkSummaryTest, EveryRealAbstractIsItsWordsInPositionOrder) {
  size_t with_abstract = 0;
  for (const std::string& text : testing::ReadLines(testing::SharedPath("data/openalex/works-real.jsonl.gz"))) {
    std::string expected = SortedAbstract(text);
    with_abstract += !expected.empty();
    ASSERT_EQ(ParsedAbstract(text), expected) << text.substr(0, 80);
  }
  EXPECT_GT(with_abstract, 1000u);
}

// Positions that repeat or leave gaps wider than the words are placed by the sort; ties by word.
TEST(WorkSummaryTest, AbstractWithSharedOrSparsePositionsIsSorted) {
  EXPECT_EQ(ParsedAbstract(R"({"id":"W1","abstract_inverted_index":{"b":[0],"a":[0,2],"c":[1]}})"), "a b c a");
  EXPECT_EQ(ParsedAbstract(R"({"id":"W1","abstract_inverted_index":{"late":[900000],"early":[3]}})"), "early late");
  EXPECT_EQ(ParsedAbstract(R"({"id":"W1","abstract_inverted_index":{"x":[2,-1,"a"],"y":[0],"z":null}})"), "y x");
  EXPECT_EQ(ParsedAbstract(R"({"id":"W1","abstract_inverted_index":{"two":[1],"one":[0]},"title":"t"})"), "one two");
}

TEST(WorkSummaryTest, EveryRealRecordParses) {
  simdjson::ondemand::parser parser;
  std::string detail;
  size_t n = 0;
  for (const std::string& text : testing::ReadLines(testing::SharedPath("data/openalex/works-real.jsonl.gz"))) {
    WorkSummary w;
    PaddedLine line(text);
    ASSERT_EQ(ParseWorkSummary(parser, line.data(), line.size(), line.capacity(), {true}, w, detail),
              RecordError::kNone)
        << detail << " in line " << n + 1;
    ++n;
  }
  EXPECT_EQ(n, 1864u);
}

TEST(WorkSummaryTest, WaldenRecordsParse) {
  simdjson::ondemand::parser parser;
  std::string detail;
  auto lines = testing::ReadLines(testing::SharedPath("data/openalex/walden-2025/works_schema_2025-11-11.jsonl"));
  ASSERT_EQ(lines.size(), 10u);
  for (const std::string& text : lines) {
    WorkSummary w;
    PaddedLine line(text);
    EXPECT_EQ(ParseWorkSummary(parser, line.data(), line.size(), line.capacity(), {}, w, detail), RecordError::kNone)
        << detail;
    EXPECT_FALSE(w.id.empty());
    EXPECT_GE(w.year, 2014);
  }
}

struct BadCase {
  const char* name;
  std::string text;
  RecordError expected;
};

class BadRecordTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadRecordTest, IsClassified) {
  WorkSummary w;
  EXPECT_EQ(Parse(GetParam().text, w), GetParam().expected) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, BadRecordTest,
    ::testing::Values(BadCase{"truncated", R"({"id":"W1","authorships":[{"countries":["DE"])", RecordError::kMalformedJson},
                      BadCase{"unclosed string", R"({"id":"W1","title":"abc)", RecordError::kMalformedJson},
                      BadCase{"invalid utf8", std::string("{\"id\":\"W1\",\"title\":\"\xff\xfe\"}"),
                              RecordError::kInvalidUtf8},
                      BadCase{"array", R"([1,2,3])", RecordError::kNotAnObject},
                      BadCase{"no id", R"({"title":"x","publication_year":2020})", RecordError::kMissingId},
                      BadCase{"null id", R"({"id":null})", RecordError::kMissingId}),
    [](const auto& info) {
      std::string n = info.param.name;
      std::replace(n.begin(), n.end(), ' ', '_');
      return n;
    });

TEST(WorkSummaryTest, LowerCaseAndMalformedCountryCodes) {
  WorkSummary w;
  ASSERT_EQ(Parse(R"({"id":"https://openalex.org/W9","authorships":[
      {"institutions":[{"country_code":"cn"},{"country_code":"CHN"},{"country_code":null}],"countries":["gb","CN"]},
      {"institutions":[],"countries":[]}]})",
                  w),
            RecordError::kNone);
  EXPECT_EQ(WorkCountries(w), (std::set<std::string>{"CN", "GB"}));
  EXPECT_EQ(w.bad_country_codes, 1u);
  ASSERT_EQ(w.author_count(), 2u);
  EXPECT_EQ(w.author_end[0], 2u);  // CN once, GB once
  EXPECT_EQ(w.author_end[1], 2u);  // second author has none
}

TEST(WorkSummaryTest, KeysInAnyOrderAndNulls) {
  WorkSummary w;
  ASSERT_EQ(Parse(R"({"concepts":[{"score":0.5,"id":"https://openalex.org/C154945302"}],"authorships":null,
      "primary_topic":null,"topics":[{"subfield":{"id":"https://openalex.org/subfields/1707"},"score":1,"id":"T1"}],
      "language":"en","type":null,"publication_year":2021,"id":"W5"})",
                  w),
            RecordError::kNone);
  EXPECT_EQ(w.year, 2021);
  EXPECT_EQ(w.language, "en");
  EXPECT_TRUE(w.type.empty());
  ASSERT_EQ(w.concepts.size(), 1u);
  EXPECT_EQ(w.concepts[0].id, 154945302u);
  ASSERT_TRUE(w.has_primary_topic);  // falls back to topics[0]
  EXPECT_EQ(w.primary_topic.subfield, 1707u);
  EXPECT_EQ(w.primary_topic.score, 1.0);
}

}  // namespace
}  // namespace entangle::extract
