// The legal effect of each government list is evidence: the shipped sentences each name the
// notice they paraphrase, and a file that does not is refused with its line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "risk/risk.h"
#include "support/temp_dir.h"

namespace entangle::risk {
namespace {

using entangle::testing::TempDir;

constexpr const char* kHeader = "category,effect,notice,notice_url,read_at,checked_on,licence\n";

TEST(LegalEffectsTest, EveryShippedSentenceNamesTheNoticeItParaphrases) {
  Result<std::vector<LegalEffect>> effects = LoadLegalEffects(DefaultLegalEffectsPath());
  ASSERT_TRUE(effects.ok()) << effects.status().message();
  size_t sentences = 0;
  for (const LegalEffect& e : *effects) {
    EXPECT_FALSE(e.notice.empty()) << e.origin;
    EXPECT_EQ(e.notice_url.rfind("https://", 0), 0u) << e.origin;
    EXPECT_FALSE(e.checked_on.empty()) << e.origin;
    EXPECT_FALSE(e.licence.empty()) << e.origin;
    sentences += !e.effect.empty();
  }
  EXPECT_GE(sentences, 3u) << "Entity List, Military End-User List and SDN List have checked sentences";
  // Where no notice text could be read, no sentence: only the notice is cited.
  for (const char* unread : {"us_1260h", "us_ndaa_1286", "us_csl_cmic"}) {
    const LegalEffect* e = FindLegalEffect(*effects, unread);
    ASSERT_NE(e, nullptr) << unread;
    EXPECT_TRUE(e->effect.empty()) << unread << ": " << e->effect;
  }
  const LegalEffect* el = FindLegalEffect(*effects, "us_csl_el");
  ASSERT_NE(el, nullptr);
  EXPECT_NE(el->notice.find("744.16"), std::string::npos) << el->notice;
}

TEST(LegalEffectsTest, AListWithoutARowOfItsOwnTakesTheRowOfItsPrefix) {
  TempDir dir;
  std::string path = dir.Write("effects.csv", std::string(kHeader) +
                                                  "us_csl_el,Own sentence.,15 CFR 744.16,https://a.example/el,,"
                                                  "2026-12-07,PD\n"
                                                  "us_csl_*,,the CSL,https://a.example/csl,,2026-12-07,PD\n");
  Result<std::vector<LegalEffect>> effects = LoadLegalEffects(path);
  ASSERT_TRUE(effects.ok()) << effects.status().message();
  ASSERT_NE(FindLegalEffect(*effects, "us_csl_el"), nullptr);
  EXPECT_EQ(FindLegalEffect(*effects, "us_csl_el")->effect, "Own sentence.");
  ASSERT_NE(FindLegalEffect(*effects, "us_csl_dpl"), nullptr);
  EXPECT_EQ(FindLegalEffect(*effects, "us_csl_dpl")->notice_url, "https://a.example/csl");
  EXPECT_EQ(FindLegalEffect(*effects, "us_1260h"), nullptr);
}

TEST(LegalEffectsTest, ARowWithoutItsNoticeIsRefusedWithItsLine) {
  TempDir dir;
  struct Case {
    const char* name;
    std::string row;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"no notice", "us_1260h,A sentence.,,https://a.example/n,,2026-12-07,PD\n", "notice"},
      {"not a web address", "us_1260h,A sentence.,NDAA,javascript:alert(1),,2026-12-07,PD\n", "http(s)"},
      {"no date", "us_1260h,A sentence.,NDAA,https://a.example/n,,,PD\n", "checked_on"},
      {"twice",
       "us_1260h,,NDAA,https://a.example/n,,2026-12-07,PD\nus_1260h,,NDAA,https://a.example/n,,2026-12-07,PD\n",
       "twice"},
  };
  for (const Case& c : cases) {
    std::string path = dir.Write(std::string(c.name) + ".csv", std::string(kHeader) + c.row);
    Result<std::vector<LegalEffect>> effects = LoadLegalEffects(path);
    ASSERT_FALSE(effects.ok()) << c.name;
    EXPECT_NE(effects.status().message().find(c.says), std::string::npos)
        << c.name << ": " << effects.status().message();
    EXPECT_NE(effects.status().message().find(".csv:"), std::string::npos) << c.name << ": the line";
  }
}

}  // namespace
}  // namespace entangle::risk
