// The severity order of ties (docs/screening.md#severity).
#include <gtest/gtest.h>

#include "risk/risk.h"

namespace entangle::risk {
namespace {

TEST(SeverityTest, MilitaryAndSecurityFirstThenSevenSonsDefenceIndustryAndDefenceLinked) {
  for (const char* c : {"pla", "pap", "mps", "mss", "security"}) {
    EXPECT_EQ(SeverityOf("assessment", c, ""), TieSeverity::kMilitarySecurity) << c;
  }
  EXPECT_EQ(SeverityOf("assessment", "seven_sons", ""), TieSeverity::kSevenSons);
  EXPECT_EQ(SeverityOf("assessment", "defence_industry", ""), TieSeverity::kDefenceIndustry);
  EXPECT_EQ(SeverityOf("assessment", "defence_linked", ""), TieSeverity::kDefenceLinked);
  EXPECT_EQ(SeverityOf("assessment", "something_new", ""), TieSeverity::kOther);
  EXPECT_LT(TieSeverity::kMilitarySecurity, TieSeverity::kSevenSons);
  EXPECT_LT(TieSeverity::kSevenSons, TieSeverity::kDefenceIndustry);
  EXPECT_LT(TieSeverity::kDefenceIndustry, TieSeverity::kDefenceLinked);
  EXPECT_LT(TieSeverity::kDefenceLinked, TieSeverity::kOther);
}

TEST(SeverityTest, ADesignationInForceIsGravestAndADelistedOneLast) {
  EXPECT_EQ(SeverityOf("designation", "us_csl_el", ""), TieSeverity::kDesignation);
  EXPECT_LT(TieSeverity::kDesignation, TieSeverity::kMilitarySecurity);
  EXPECT_EQ(SeverityOf("designation", "us_1260h", "2024-01-31"), TieSeverity::kOther);
  EXPECT_EQ(SeverityName(TieSeverity::kSevenSons), "seven_sons");
  EXPECT_EQ(SeverityLabel(TieSeverity::kMilitarySecurity), "military or security organ");
}

}  // namespace
}  // namespace entangle::risk
