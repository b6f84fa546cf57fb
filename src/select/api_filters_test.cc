#include "select/api_filters.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace entangle::select {
namespace {

StudyDefinition Parse(const std::string& toml) {
  Result<StudyDefinition> study = ParseStudyDefinition(toml, "test.toml");
  EXPECT_TRUE(study.ok()) << study.status().ToString();
  return study.ok() ? *study : StudyDefinition{};
}

std::string ReadStudy(const std::string& name) {
  std::ifstream in(std::string(ENTANGLE_SOURCE_DIR) + "/studies/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr const char* kGroups = R"(
name = "t"
[groups.a]
countries = ["DE", "FR"]
[groups.b]
countries = ["CHINA"]
)";

TEST(ApiFiltersTest, TheStudysDefinitionIsOneQueryPerFieldAlternative) {
  StudyDefinition study = Parse(ReadStudy("ai-europe-china.toml"));
  Result<std::vector<ApiFilterQuery>> queries = StudyApiQueries(study, {});
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 2u);  // concepts OR primary-topic subfields: the API cannot OR across keys
  const std::string scope =
      "publication_year:2017-2022,language:en,type:article|review|preprint|book-chapter|letter,"
      "authorships.countries:" ;
  EXPECT_EQ((*queries)[0].id, "q001");
  EXPECT_EQ((*queries)[0].covers, "concepts");
  EXPECT_TRUE((*queries)[0].filter.starts_with(scope)) << (*queries)[0].filter;
  EXPECT_TRUE((*queries)[0].filter.ends_with(",concepts.id:C154945302|C119857082|C31972630|C108583219|C204321447"))
      << (*queries)[0].filter;
  EXPECT_NE((*queries)[0].filter.find(",authorships.countries:CN|HK,"), std::string::npos) << (*queries)[0].filter;
  EXPECT_EQ((*queries)[1].id, "q002");
  EXPECT_TRUE((*queries)[1].filter.ends_with(",primary_topic.subfield.id:1702|1707")) << (*queries)[1].filter;
  EXPECT_FALSE((*queries)[1].search);
}

TEST(ApiFiltersTest, LongValueListsAreSplitToTheApisLimit) {
  StudyDefinition study = Parse(std::string(kGroups) + R"(
[scope]
years = [2020, 2020]
[field.concepts]
ids = ["C1", "C2", "C3", "C4", "C5"]
)");
  ApiFilterOptions options;
  options.max_or_values = 2;
  Result<std::vector<ApiFilterQuery>> queries = StudyApiQueries(study, options);
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  // Concepts in 3 chunks; each group's two codes fit in one.
  ASSERT_EQ(queries->size(), 3u);
  EXPECT_EQ((*queries)[0].filter,
            "publication_year:2020-2020,authorships.countries:DE|FR,authorships.countries:CN|HK,concepts.id:C1|C2");
  EXPECT_TRUE((*queries)[2].filter.ends_with("concepts.id:C5"));
  EXPECT_EQ((*queries)[2].id, "q003");
}

TEST(ApiFiltersTest, KeywordsAreOneSearch) {
  StudyDefinition study = Parse(std::string(kGroups) + R"(
[scope]
years = [2019, 2021]
languages = ["en"]
include_unknown_language = true
[field.keywords]
terms = ["deep learning", "neural, network"]
)");
  Result<std::vector<ApiFilterQuery>> queries = StudyApiQueries(study, {});
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 1u);
  EXPECT_TRUE((*queries)[0].search);
  EXPECT_TRUE((*queries)[0].filter.ends_with("title_and_abstract.search:\"deep learning\" OR \"neural  network\""))
      << (*queries)[0].filter;
  EXPECT_EQ((*queries)[0].filter.find("language:"), std::string::npos) << "unknown languages are in scope";
}

TEST(ApiFiltersTest, AnInstitutionScopesEveryQuery) {
  StudyDefinition study = Parse(std::string(kGroups) + "[scope]\nyears = [2020, 2021]\n");
  ApiFilterOptions options;
  options.institution = "https://openalex.org/I82880672";
  Result<std::vector<ApiFilterQuery>> queries = StudyApiQueries(study, options);
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  ASSERT_EQ(queries->size(), 1u);
  EXPECT_TRUE((*queries)[0].filter.ends_with(",authorships.institutions.lineage:I82880672")) << (*queries)[0].filter;
  options.institution = "https://ror.org/00wk2mp56";
  queries = StudyApiQueries(study, options);
  ASSERT_TRUE(queries.ok());
  EXPECT_TRUE((*queries)[0].filter.ends_with(",authorships.institutions.ror:https://ror.org/00wk2mp56"));
  options.institution = "Beihang";
  EXPECT_EQ(StudyApiQueries(study, options).status().code(), Status::Code::kInvalidArgument);
}

TEST(ApiFiltersTest, AllRulesTogetherAreOneQuery) {
  StudyDefinition study = Parse(std::string(kGroups) + R"(
[scope]
years = [2020, 2021]
[field]
combine = "all"
[field.concepts]
ids = ["C1"]
[field.topics]
subfields = ["1702"]
)");
  Result<std::vector<ApiFilterQuery>> queries = StudyApiQueries(study, {});
  ASSERT_TRUE(queries.ok());
  ASSERT_EQ(queries->size(), 1u);
  EXPECT_TRUE((*queries)[0].filter.ends_with(",concepts.id:C1,topics.subfield.id:1702")) << (*queries)[0].filter;
}

TEST(ApiFiltersTest, CaveatsSayWhatTheScanStillDecides) {
  StudyDefinition study = Parse(ReadStudy("ai-europe-china.toml"));
  std::vector<std::string> caveats = ApiFilterCaveats(study);
  std::string all;
  for (const std::string& c : caveats) all += c + "\n";
  EXPECT_NE(all.find("at least 0.3"), std::string::npos) << all;
  EXPECT_NE(all.find("Crossref work types"), std::string::npos) << all;
  EXPECT_NE(all.find("XPAC works are left out"), std::string::npos) << all;
}

TEST(ApiFiltersTest, TotalsCountEachWorkOnceByInclusionExclusion) {
  StudyDefinition study = Parse(ReadStudy("ai-europe-china.toml"));
  Result<std::vector<ApiTotalsQuery>> totals = StudyApiTotalsQueries(study, {});
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  // Concepts, topics, and both (subtracted): each with 6 years of countries and 2 groups' years.
  ASSERT_EQ(totals->size(), 3u * (6 + 2));
  int plus = 0, minus = 0;
  for (const ApiTotalsQuery& t : *totals) {
    (t.sign > 0 ? plus : minus) += 1;
    EXPECT_EQ(t.filter.find("authorships.countries:CN|HK,authorships.countries:"), std::string::npos)
        << "one countries clause per totals query: " << t.filter;
    if (t.sign < 0) {
      EXPECT_NE(t.filter.find("concepts.id:"), std::string::npos) << t.filter;
      EXPECT_NE(t.filter.find("primary_topic.subfield.id:"), std::string::npos) << t.filter;
    }
  }
  EXPECT_EQ(plus, 16);
  EXPECT_EQ(minus, 8);
  const ApiTotalsQuery& first = totals->front();
  EXPECT_EQ(first.id, "t001");
  EXPECT_EQ(first.group_by, "authorships.countries");
  EXPECT_EQ(first.year, 2017);
  EXPECT_TRUE(first.filter.starts_with("publication_year:2017,language:en,")) << first.filter;
  EXPECT_EQ(first.units.size(), 32u) << "EUROPE's 30 countries and CN, HK";
  const ApiTotalsQuery& group = (*totals)[6];
  EXPECT_EQ(group.group_by, "publication_year");
  EXPECT_EQ(group.units, std::vector<std::string>{"a"});
  EXPECT_TRUE(group.filter.starts_with("publication_year:2017-2022,")) << group.filter;
}

TEST(ApiFiltersTest, TotalsThatCannotBeCountedOnceAreRefusedWithTheReason) {
  StudyDefinition study = Parse(std::string(kGroups) + R"(
[scope]
years = [2020, 2020]
[field.concepts]
ids = ["C1", "C2", "C3"]
)");
  ApiFilterOptions options;
  options.max_or_values = 2;
  Result<std::vector<ApiTotalsQuery>> totals = StudyApiTotalsQueries(study, options);
  EXPECT_EQ(totals.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(totals.status().message().find("3 values"), std::string::npos) << totals.status().message();
}

}  // namespace
}  // namespace entangle::select
