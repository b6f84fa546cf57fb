// Sides: the group bits and the labels the study database stores them under.
#include "select/sides.h"

#include <gtest/gtest.h>

#include <string>

namespace entangle::select {
namespace {

TEST(SidesTest, LabelsRoundTripAndTheOrderOfLettersDoesNotMatter) {
  for (const char* label : {"", "a", "b", "ab"}) EXPECT_EQ(Sides::FromLabel(label).Label(), label);
  EXPECT_EQ(Sides::FromLabel("ba"), Sides::FromLabel("ab"));
  EXPECT_TRUE(Sides::FromLabel("ab").both());
  EXPECT_TRUE(Sides::FromLabel("").none());
  EXPECT_TRUE(Sides::FromLabel("x").none()) << "a letter that is not a group is no group";
}

TEST(SidesTest, TheScansGroupBitsAreTheSides) {
  EXPECT_EQ(Sides(kGroupA), kSideA);
  EXPECT_EQ(Sides(kGroupB), kSideB);
  EXPECT_TRUE(Sides(kGroupA | kGroupB).both());
  EXPECT_EQ(Sides(0xFF).bits(), kGroupA | kGroupB) << "bits beyond the two groups are dropped";
}

TEST(SidesTest, HasAndOther) {
  const Sides both = Sides::FromLabel("ab");
  EXPECT_TRUE(both.Has(kSideA));
  EXPECT_TRUE(both.Has(kSideB));
  EXPECT_TRUE(kSideA.Has(kSideA));
  EXPECT_FALSE(kSideA.Has(kSideB));
  EXPECT_FALSE(Sides().Has(kSideA));
  EXPECT_EQ(kSideA.Other(), kSideB);
  EXPECT_EQ(kSideB.Other(), kSideA);
  EXPECT_EQ(std::string(kEachSide[0].Label()) + std::string(kEachSide[1].Label()), "ab");
}

}  // namespace
}  // namespace entangle::select
