// What "the same name" means: the normal form, and which names never match on their own.
#include "risk/name_normalize.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace entangle::risk {
namespace {

struct NormalCase {
  std::string input, expected;
};

void PrintTo(const NormalCase& c, std::ostream* os) { *os << c.input; }

class RiskNormalFormTest : public ::testing::TestWithParam<NormalCase> {};

TEST_P(RiskNormalFormTest, NormalForm) { EXPECT_EQ(NormalizeName(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Risk, RiskNormalFormTest,
    ::testing::Values(
        NormalCase{"Beihang University", "beihang university"},
        NormalCase{"  BEIHANG   University ", "beihang university"},
        NormalCase{"Xi’an Jiaotong University", "xian jiaotong university"},
        NormalCase{"Xi'an Jiaotong University", "xian jiaotong university"},
        NormalCase{"People’s Public Security University of China", "peoples public security university of china"},
        NormalCase{"China Aerospace Science & Industry Corp", "china aerospace science and industry corp"},
        NormalCase{"R&D Center", "r and d center"},
        NormalCase{"Harbin Institute of Technology, Weihai", "harbin institute of technology weihai"},
        NormalCase{"Sun Yat-sen University", "sun yat sen university"},
        NormalCase{"ＢＥＩＨＡＮＧ　Ｕｎｉｖｅｒｓｉｔｙ", "beihang university"},  // full-width (NFKC)
        NormalCase{"Straße", "strasse"},                                                 // case folding
        NormalCase{"北京航空航天大学", "北京航空航天大学"},
        NormalCase{"中国地质大学（武汉）", "中国地质大学武汉"},
        NormalCase{"中国地质大学(武汉)", "中国地质大学武汉"},
        NormalCase{"北京 航空 航天 大学", "北京航空航天大学"},
        NormalCase{"南京841研究所", "南京841研究所"},
        NormalCase{"---", ""},
        NormalCase{"\xC3\x28", ""}));

struct AbbreviationCase {
  std::string name;
  bool abbreviation;
};

void PrintTo(const AbbreviationCase& c, std::ostream* os) { *os << c.name; }

class RiskAbbreviationTest : public ::testing::TestWithParam<AbbreviationCase> {};

TEST_P(RiskAbbreviationTest, Classifies) {
  EXPECT_EQ(IsAbbreviation(GetParam().name), GetParam().abbreviation) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Risk, RiskAbbreviationTest,
    ::testing::Values(AbbreviationCase{"NUST", true}, AbbreviationCase{"NUDT", true},
                      AbbreviationCase{"A/SEU", true}, AbbreviationCase{"NJTech", true},
                      AbbreviationCase{"北航", true}, AbbreviationCase{"国防科大", true},
                      AbbreviationCase{"哈工大", true}, AbbreviationCase{"123", true},
                      AbbreviationCase{"Beihang", false}, AbbreviationCase{"Norinco", false},
                      AbbreviationCase{"Megvii", false}, AbbreviationCase{"Unit 63820", false},
                      AbbreviationCase{"Nanjing University", false}, AbbreviationCase{"北京航空航天大学", false},
                      AbbreviationCase{"63820部队", false}, AbbreviationCase{"国防科技大学", false}));

TEST(RiskNormalizeTest, CountryQualifierIsStrippedOnlyForTheInstitutionsOwnCountry) {
  EXPECT_EQ(StripCountryQualifier("Baidu (China)", "CN"), "Baidu");
  EXPECT_EQ(StripCountryQualifier("Baidu (China)", "DE"), "Baidu (China)");
  EXPECT_EQ(StripCountryQualifier("IBM Research (China)", "cn"), "IBM Research");
  EXPECT_EQ(StripCountryQualifier("China University of Geosciences (Wuhan)", "CN"),
            "China University of Geosciences (Wuhan)");
  EXPECT_EQ(StripCountryQualifier("Tsinghua University", ""), "Tsinghua University");
}

TEST(RiskNormalizeTest, TrailingAbbreviationOrChineseNameIsAnAnnotation) {
  EXPECT_EQ(StripTrailingAnnotation("China Academy of Space Technology (CAST)"), "China Academy of Space Technology");
  EXPECT_EQ(StripTrailingAnnotation("Beihang University (北京航空航天大学)"), "Beihang University");
  EXPECT_EQ(StripTrailingAnnotation("China University of Geosciences (Wuhan)"), "");
  EXPECT_EQ(StripTrailingAnnotation("Plain name"), "");
  EXPECT_EQ(StripTrailingAnnotation("(CAST)"), "");
}

TEST(RiskNormalizeTest, SlugIsTheNormalFormWithDashes) {
  EXPECT_EQ(Slug("Aviation Industry Corporation of China Ltd."), "aviation-industry-corporation-of-china-ltd");
}

}  // namespace
}  // namespace entangle::risk
