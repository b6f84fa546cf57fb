// The typo rule shared by study definitions and the CLI.
#include "common/did_you_mean.h"

#include <gtest/gtest.h>

namespace entangle {
namespace {

const std::vector<std::string_view> kSubcommands = {"scan",   "synth",  "analyze", "network", "report",
                                                    "run",    "screen", "invest",  "fetch"};

TEST(DidYouMeanTest, SwappedNeighboursAndOneEditAreHints) {
  EXPECT_EQ(DidYouMean("scna", kSubcommands), "scan");
  EXPECT_EQ(DidYouMean("analyse", kSubcommands), "analyze");
  EXPECT_EQ(DidYouMean("REPORT", kSubcommands), "report");
  EXPECT_EQ(DidYouMean("dbb", {"db", "out", "threads"}), "db");
}

TEST(DidYouMeanTest, PrefixOfFourOrMoreIsAHint) {
  EXPECT_EQ(DidYouMean("thread", {"db", "threads"}), "threads");
  EXPECT_EQ(DidYouMean("network-max", {"network-max-nodes", "out"}), "network-max-nodes");
}

TEST(DidYouMeanTest, FarOrShortWordsGetNoGuess) {
  EXPECT_EQ(DidYouMean("xyzzy", kSubcommands), "");
  EXPECT_EQ(DidYouMean("ru", kSubcommands), "") << "under three characters";
  EXPECT_EQ(DidYouMean("anything", {}), "");
}

TEST(DidYouMeanTest, EditDistanceCountsASwapAsOneAndIgnoresCase) {
  EXPECT_EQ(EditDistance("nmae", "name"), 1u);
  EXPECT_EQ(EditDistance("NAME", "name"), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace entangle
