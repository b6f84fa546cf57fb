// Full extraction of joint-work records and entities, on real records.
#include "extract/record_parser.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "extract/openalex_ids.h"
#include "support/real_records.h"

namespace entangle::extract {
namespace {

using testing::PaddedLine;
using testing::RealWork;

WorkRecord ParseReal(const std::string& id) {
  simdjson::dom::parser parser;
  PaddedLine line(RealWork(id));
  WorkRecord w;
  Status s = ParseWorkRecord(parser, line.data(), line.size(), w);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return w;
}

const InstitutionRef* FindInstitution(const WorkRecord& w, const std::string& name) {
  for (const auto& i : w.institutions) {
    if (i.display_name == name) return &i;
  }
  return nullptr;
}

TEST(RecordParserTest, MalformedRorRepairedFromDoubledPrefix) {
  // The record writes "https://ror.org/https://ror.org/01t3wyv61".
  WorkRecord w = ParseReal("W7104686906");
  const InstitutionRef* nifs = FindInstitution(w, "National Institute for Fusion Science");
  ASSERT_NE(nifs, nullptr);
  EXPECT_EQ(nifs->ror, "01t3wyv61");
  EXPECT_EQ(nifs->country_code, "JP");
  // Three authorships name the same institution: it is stored once.
  EXPECT_EQ(std::count_if(w.institutions.begin(), w.institutions.end(),
                          [](const InstitutionRef& i) { return i.display_name == "National Institute for Fusion Science"; }),
            1);
}

TEST(RecordParserTest, RorValidation) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {{"https://ror.org/033vjfk17", "033vjfk17"}, {"033VJFK17", "033vjfk17"}, {"https://ror.org/", ""},
               {"not-a-ror", ""}, {"https://ror.org/133vjfk17", ""}, {"https://ror.org/033vjfk1", ""},
               {"https://ror.org/033vjfki7", ""}};
  for (const Case& c : cases) EXPECT_EQ(NormalizeRor(c.in), c.out) << c.in;
}

TEST(RecordParserTest, LineageKeptAndMissingLineageTolerated) {
  WorkRecord w = ParseReal("W2302501749");
  const InstitutionRef* cbgp = FindInstitution(w, "Centre for Plant Biotechnology and Genomics");
  ASSERT_NE(cbgp, nullptr);
  EXPECT_EQ(cbgp->lineage, (std::vector<std::string>{"I134820265", "I4210162265"}));
  WorkRecord mock = ParseReal("W1000000000");  // an institution without a lineage key
  ASSERT_FALSE(mock.institutions.empty());
  EXPECT_TRUE(mock.institutions[0].lineage.empty());
}

TEST(RecordParserTest, FunderTypeOnUniversityIsKeptAsGiven) {
  // OpenAlex sometimes types a university "funder"; the entity table, not this copy, decides.
  WorkRecord w = ParseReal("W2302501749");
  const InstitutionRef* lumc = FindInstitution(w, "Leiden University Medical Center");
  ASSERT_NE(lumc, nullptr);
  EXPECT_EQ(lumc->type, "funder");
  EXPECT_EQ(lumc->country_code, "NL");
  EXPECT_FALSE(lumc->id.empty());
  WorkRecord hk = ParseReal("W2988916019");
  EXPECT_EQ(hk.countries, (std::vector<std::string>{"AU", "CA", "CN", "FI", "HK"}));
}

TEST(RecordParserTest, WaldenAwardsAndFundersBecomeGrants) {
  WorkRecord w = ParseReal("W2014817911");
  ASSERT_FALSE(w.grants.empty());
  EXPECT_EQ(w.grants[0].funder_id, "F4320334629");
  EXPECT_EQ(w.grants[0].award_id, "BB/C50289X/1");
  // Four funders, one of them already named by the award.
  EXPECT_EQ(w.grants.size(), 4u);
}

TEST(RecordParserTest, ApiGrantsTopicsAndCitations) {
  WorkRecord w = ParseReal("W4322718191");
  ASSERT_FALSE(w.topics.empty());
  auto primary = std::find_if(w.topics.begin(), w.topics.end(), [](const TopicRef& t) { return t.is_primary; });
  ASSERT_NE(primary, w.topics.end());
  EXPECT_EQ(primary->subfield_id, "1702");
  EXPECT_EQ(w.id, "W4322718191");
  EXPECT_GT(w.publication_year, 2000);
}

TEST(RecordParserTest, EveryRealRecordExtracts) {
  simdjson::dom::parser parser;
  size_t n = 0, with_authors = 0;
  for (const std::string& text : testing::ReadLines(testing::SharedPath("data/openalex/works-real.jsonl.gz"))) {
    PaddedLine line(text);
    WorkRecord w;
    ASSERT_TRUE(ParseWorkRecord(parser, line.data(), line.size(), w).ok()) << "line " << n + 1;
    ++n;
    if (!w.authorships.empty()) ++with_authors;
    for (const Authorship& a : w.authorships) {
      for (int i : a.institutions) ASSERT_LT(size_t(i), w.institutions.size());
    }
  }
  EXPECT_EQ(n, 1864u);
  EXPECT_GT(with_authors, 1700u);
}

TEST(RecordParserTest, InstitutionEntitiesFromSnapshot) {
  simdjson::dom::parser parser;
  auto lines = testing::ReadLines(
      testing::SharedPath("data/openalex/snapshot-2023/data/institutions/updated_date=2023-09-04/part_000.gz"));
  ASSERT_EQ(lines.size(), 678u);
  size_t with_lineage = 0;
  for (const std::string& text : lines) {
    PaddedLine line(text);
    InstitutionEntity e;
    ASSERT_TRUE(ParseInstitutionEntity(parser, line.data(), line.size(), e).ok());
    EXPECT_EQ(e.id[0], 'I');
    if (!e.lineage.empty()) ++with_lineage;
  }
  EXPECT_EQ(with_lineage, 678u);
}

TEST(RecordParserTest, FunderEntities) {
  simdjson::dom::parser parser;
  for (const std::string& text :
       testing::ReadLines(testing::SharedPath("data/openalex/walden-2025/funders_schema_2023-02-13.jsonl"))) {
    PaddedLine line(text);
    FunderEntity f;
    ASSERT_TRUE(ParseFunderEntity(parser, line.data(), line.size(), f).ok());
    EXPECT_EQ(f.id[0], 'F');
    EXPECT_FALSE(f.display_name.empty());
  }
}

}  // namespace
}  // namespace entangle::extract
