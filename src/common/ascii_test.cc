// The ASCII helpers map A-Z and a-z only: UTF-8 bytes pass through, and the C locale plays no part.
#include "common/ascii.h"

#include <gtest/gtest.h>

#include <clocale>
#include <string>
#include <string_view>
#include <vector>

namespace entangle {
namespace {

TEST(AsciiTest, CaseMappingTouchesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("ROR 00F7HPC57 Ü"), "ror 00f7hpc57 Ü");
  EXPECT_EQ(AsciiUpper("cn-Beijing é"), "CN-BEIJING é");
  EXPECT_EQ(AsciiLowerChar('\xC3'), '\xC3');
  EXPECT_EQ(AsciiUpperChar('['), '[') << "the byte after 'Z' is not a letter";
  EXPECT_EQ(AsciiLowerChar('@'), '@') << "the byte before 'A' is not a letter";
}

TEST(AsciiTest, ALatin1LocaleDoesNotChangeWhatMatches) {
  // In a Latin-1 locale tolower(0xC9) is 0xE9; a UTF-8 lead byte must never be changed.
  const char* old = std::setlocale(LC_CTYPE, nullptr);
  std::string saved = old ? old : "C";
  std::setlocale(LC_CTYPE, "en_US.ISO-8859-1");
  EXPECT_EQ(AsciiLower("\xC9"), "\xC9");
  std::setlocale(LC_CTYPE, saved.c_str());
}

TEST(AsciiTest, ComparisonsIgnoreAsciiCaseOnly) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("chn", "CHN"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("chn", "CHNA"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("é", "É"));
  EXPECT_TRUE(ContainsIgnoreAsciiCase("National Natural Science Foundation", "natural science"));
  EXPECT_FALSE(ContainsIgnoreAsciiCase("Horizon", "horizon 2020"));
  EXPECT_TRUE(ContainsIgnoreAsciiCase("anything", ""));
}

TEST(AsciiTest, JoinPutsTheSeparatorBetweenItemsOnly) {
  EXPECT_EQ(Join(std::vector<std::string>{}, ", "), "");
  EXPECT_EQ(Join(std::vector<std::string>{"DE"}, ", "), "DE");
  EXPECT_EQ(Join(std::vector<std::string_view>{"DE", "", "FR"}, " "), "DE  FR") << "empty items are kept";
  EXPECT_EQ(Join(SplitWords("  CN\tHK  MO "), " "), "CN HK MO");
}

}  // namespace
}  // namespace entangle
