// Matching study institutions to registry entries: every route, inheritance through lineage,
// and the names that must not match.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "risk/risk.h"

namespace entangle::risk {
namespace {

const std::string kSourceDir = ENTANGLE_SOURCE_DIR;

// A small registry built in code, so each case names exactly what it relies on.
Registry MakeRegistry() {
  Registry r;
  auto add = [&](std::string key, std::string kind, std::string category, std::string en, std::string zh,
                 std::vector<std::string> aliases, std::string country, std::vector<std::string> ror,
                 std::vector<std::string> openalex, std::string source) {
    RegistryEntry e;
    e.key = std::move(key);
    e.kind = std::move(kind);
    e.category = std::move(category);
    e.name_en = std::move(en);
    e.name_zh = std::move(zh);
    e.aliases = std::move(aliases);
    e.country = std::move(country);
    e.ror_ids = std::move(ror);
    e.openalex_ids = std::move(openalex);
    e.source = std::move(source);
    e.source_date = "2026-01-01";
    e.licence = "CC0-1.0";
    r.entries.push_back(std::move(e));
  };
  add("t:beihang", "assessment", "seven_sons", "Beihang University", "北京航空航天大学",
      {"Beijing University of Aeronautics and Astronautics", "BUAA", "北航"}, "CN", {"00wk2mp56"}, {"I82880672"}, "T");
  add("t:nuaa", "assessment", "seven_sons", "Nanjing University of Aeronautics and Astronautics", "南京航空航天大学",
      {"NUAA", "南航"}, "CN", {"01scyh794"}, {}, "T");
  add("t:njust", "assessment", "seven_sons", "Nanjing University of Science and Technology", "南京理工大学",
      {"NUST", "NJUST"}, "CN", {"00xp9wg62"}, {"I36399199"}, "T");
  add("t:hit", "assessment", "seven_sons", "Harbin Institute of Technology", "哈尔滨工业大学", {"HIT"}, "CN",
      {"01yqg2h08"}, {"https://openalex.org/I204983213"}, "T");
  add("t:ndu", "assessment", "pla", "National Defense University", "中国人民解放军国防大学", {"NDU"}, "CN", {}, {}, "T");
  add("t:cast", "assessment", "defence_industry", "China Academy of Space Technology (CAST)", "", {}, "CN", {}, {},
      "T");
  add("d:hikvision", "designation", "us_1260h", "Hangzhou Hikvision Digital Technology Co., Ltd.", "",
      {"Hikvision"}, "CN", {}, {}, "D");
  add("d:nocountry", "designation", "us_ndaa_1286", "Institute Without Country", "", {}, "", {"0nocountr"}, {},
      "D");
  return r;
}

InstitutionFacts Facts(std::string id, std::string ror, std::string name, std::string country,
                       std::vector<std::string> alternatives = {}, std::vector<std::string> lineage = {}) {
  InstitutionFacts f;
  f.id = std::move(id);
  f.ror = std::move(ror);
  f.display_name = std::move(name);
  f.country_code = std::move(country);
  f.alternative_names = std::move(alternatives);
  f.lineage = std::move(lineage);
  return f;
}

std::vector<std::string> Keys(const std::vector<RiskMatch>& matches) {
  std::vector<std::string> keys;
  for (const RiskMatch& m : matches) keys.push_back(m.entry->key);
  return keys;
}

const RiskMatch* FindKey(const std::vector<RiskMatch>& matches, const std::string& key) {
  for (const RiskMatch& m : matches) {
    if (m.entry->key == key) return &m;
  }
  return nullptr;
}

class RegistryMatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_ = MakeRegistry();
    Result<RegistryMatcher> m = RegistryMatcher::Create(registry_);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    matcher_ = *m;
  }
  Registry registry_;
  RegistryMatcher matcher_;
};

// ---- Routes ------------------------------------------------------------------------------------

struct RouteCase {
  const char* name;
  InstitutionFacts facts;
  std::string key, route, matched_text, registry_text;
};

void PrintTo(const RouteCase& c, std::ostream* os) { *os << c.name; }

class RegistryMatcherRouteTest : public RegistryMatcherTest, public ::testing::WithParamInterface<RouteCase> {};

TEST_P(RegistryMatcherRouteTest, MatchesByTheExpectedRoute) {
  const RouteCase& c = GetParam();
  std::vector<RiskMatch> matches = matcher_.Match(c.facts);
  ASSERT_EQ(matches.size(), 1u) << c.name;
  EXPECT_EQ(matches[0].entry->key, c.key);
  EXPECT_EQ(matches[0].route, c.route);
  EXPECT_EQ(matches[0].matched_text, c.matched_text);
  EXPECT_EQ(matches[0].registry_text, c.registry_text);
  EXPECT_FALSE(matches[0].inherited);
  EXPECT_TRUE(matches[0].inherited_from.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Registry, RegistryMatcherRouteTest,
    ::testing::Values(
        RouteCase{"openalex_id", Facts("I82880672", "", "Renamed Somehow", ""), "t:beihang", "openalex_id", "I82880672",
                  "I82880672"},
        RouteCase{"openalex_id_url_form", Facts("https://openalex.org/I204983213", "", "", ""), "t:hit",
                  "openalex_id", "https://openalex.org/I204983213", "I204983213"},
        RouteCase{"ror", Facts("I1", "01scyh794", "", ""), "t:nuaa", "ror", "01scyh794", "01scyh794"},
        RouteCase{"ror_url_form", Facts("", "https://ror.org/01SCYH794", "", ""), "t:nuaa", "ror",
                  "https://ror.org/01SCYH794", "01scyh794"},
        RouteCase{"name_en", Facts("I2", "", "Harbin Institute of Technology", "CN"), "t:hit", "name",
                  "Harbin Institute of Technology", "Harbin Institute of Technology"},
        RouteCase{"name_case_and_punctuation", Facts("I2", "", "HARBIN  Institute of Technology.", "cn"), "t:hit",
                  "name", "HARBIN  Institute of Technology.", "Harbin Institute of Technology"},
        RouteCase{"name_zh_display", Facts("I3", "", "北京航空航天大学", "CN"), "t:beihang", "name",
                  "北京航空航天大学", "北京航空航天大学"},
        RouteCase{"name_zh_alternative", Facts("I3", "", "Some English Rendering", "CN", {"北京航空航天大学"}),
                  "t:beihang", "name", "北京航空航天大学", "北京航空航天大学"},
        RouteCase{"alias", Facts("I4", "", "Beijing University of Aeronautics and Astronautics", "CN"), "t:beihang",
                  "alias", "Beijing University of Aeronautics and Astronautics",
                  "Beijing University of Aeronautics and Astronautics"},
        RouteCase{"alias_company", Facts("I5", "", "Hikvision (China)", "CN"), "d:hikvision", "alias",
                  "Hikvision (China)", "Hikvision"},
        RouteCase{"name_without_registry_annotation", Facts("I6", "", "China Academy of Space Technology", "CN"),
                  "t:cast", "name", "China Academy of Space Technology", "China Academy of Space Technology (CAST)"},
        RouteCase{"ror_without_country", Facts("", "0nocountr", "x", ""), "d:nocountry", "ror", "0nocountr",
                  "0nocountr"}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- Names that must not match ------------------------------------------------------------------

struct NoMatchCase {
  const char* name;
  InstitutionFacts facts;
};

void PrintTo(const NoMatchCase& c, std::ostream* os) { *os << c.name; }

class RegistryMatcherNoMatchTest : public RegistryMatcherTest, public ::testing::WithParamInterface<NoMatchCase> {};

TEST_P(RegistryMatcherNoMatchTest, MatchesNothing) {
  std::vector<RiskMatch> matches = matcher_.Match(GetParam().facts);
  EXPECT_TRUE(matches.empty()) << GetParam().name << ": matched " << (matches.empty() ? "" : matches[0].entry->key)
                               << " by " << (matches.empty() ? "" : matches[0].route);
}

INSTANTIATE_TEST_SUITE_P(
    Registry, RegistryMatcherNoMatchTest,
    ::testing::Values(
        // A prefix of a registered name is another institution.
        NoMatchCase{"nanjing_university_is_not_nuaa", Facts("I881766915", "01rxvg760", "Nanjing University", "CN",
                                                            {"南京大学", "NJU"})},
        NoMatchCase{"longer_name_is_not_contained", Facts("I7", "", "Harbin Institute of Technology at Weihai", "CN")},
        NoMatchCase{"shorter_name", Facts("I8", "", "Beihang", "CN")},
        // Acronyms are shared by unrelated institutions (NUST: Nanjing, and Islamabad in Pakistan).
        NoMatchCase{"nust_pakistan", Facts("I9", "", "National University of Sciences and Technology", "PK", {"NUST"})},
        NoMatchCase{"acronym_only_in_china", Facts("I10", "", "NUST", "CN", {"NJUST"})},
        NoMatchCase{"chinese_abbreviation", Facts("I11", "", "南航", "CN")},
        // The same name in another country is another institution.
        NoMatchCase{"same_name_other_country", Facts("I12", "", "National Defense University", "US")},
        NoMatchCase{"same_name_taiwan", Facts("I13", "", "National Defense University", "TW")},
        NoMatchCase{"name_without_country", Facts("I14", "", "Harbin Institute of Technology", "")},
        NoMatchCase{"entry_without_country_never_by_name", Facts("I15", "", "Institute Without Country", "CN")},
        NoMatchCase{"unrelated_ids", Facts("I99999", "099999999", "Somewhere", "CN")},
        NoMatchCase{"empty", InstitutionFacts{}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(RegistryMatcherTest, SameNameInChinaMatchesWhereTheUsOneDoesNot) {
  EXPECT_EQ(Keys(matcher_.Match(Facts("I12", "", "National Defense University", "CN"))),
            std::vector<std::string>{"t:ndu"});
}

// ---- Lineage ------------------------------------------------------------------------------------

TEST_F(RegistryMatcherTest, CampusInheritsItsParentsEntriesMarkedInherited) {
  const InstitutionFacts parent = Facts("I204983213", "01yqg2h08", "Harbin Institute of Technology", "CN");
  const InstitutionFacts campus =
      Facts("I55", "", "Harbin Institute of Technology, Weihai Campus", "CN", {}, {"I55", "I204983213"});
  auto lookup = [&](const std::string& id) -> const InstitutionFacts* {
    return id == "I204983213" ? &parent : nullptr;
  };
  std::vector<RiskMatch> matches = matcher_.Match(campus, lookup);
  ASSERT_EQ(matches.size(), 1u);
  const RiskMatch& m = matches[0];
  EXPECT_EQ(m.entry->key, "t:hit");
  EXPECT_EQ(m.route, "lineage");
  EXPECT_TRUE(m.inherited);
  EXPECT_EQ(m.inherited_from, "Harbin Institute of Technology");
  EXPECT_EQ(m.inherited_from_id, "I204983213");
  EXPECT_EQ(m.ancestor_route, "openalex_id");
}

TEST_F(RegistryMatcherTest, AncestorMatchedByNameWhenItsFactsAreKnown) {
  // The parent's id is not in the registry: it matches through its own (Chinese) name.
  const InstitutionFacts parent = Facts("I777", "", "南京航空航天大学", "CN");
  const InstitutionFacts lab = Facts("I778", "", "Key Laboratory of Something", "CN", {}, {"I778", "I777"});
  std::vector<RiskMatch> matches =
      matcher_.Match(lab, [&](const std::string& id) { return id == "I777" ? &parent : nullptr; });
  ASSERT_EQ(Keys(matches), std::vector<std::string>{"t:nuaa"});
  EXPECT_EQ(matches[0].ancestor_route, "name");
  EXPECT_EQ(matches[0].matched_text, "南京航空航天大学");
  EXPECT_EQ(matches[0].inherited_from, "南京航空航天大学");
}

TEST_F(RegistryMatcherTest, WithoutLookupAncestorsMatchByIdOnly) {
  const InstitutionFacts lab = Facts("I56", "", "Some Lab", "CN", {}, {"https://openalex.org/I82880672", "I56"});
  std::vector<RiskMatch> matches = matcher_.Match(lab);
  ASSERT_EQ(Keys(matches), std::vector<std::string>{"t:beihang"});
  EXPECT_TRUE(matches[0].inherited);
  EXPECT_EQ(matches[0].inherited_from, "I82880672");  // no name known
}

TEST_F(RegistryMatcherTest, DirectMatchWinsOverInheritedForTheSameEntry) {
  const InstitutionFacts self = Facts("I82880672", "", "Beihang University", "CN", {}, {"I82880672", "I82880672"});
  std::vector<RiskMatch> matches = matcher_.Match(self);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_FALSE(matches[0].inherited);
  EXPECT_EQ(matches[0].route, "openalex_id");  // best route of several (id, name)
}

TEST_F(RegistryMatcherTest, LineageCanBeSwitchedOff) {
  MatchOptions options;
  options.lineage = false;
  Result<RegistryMatcher> m = RegistryMatcher::Create(registry_, options);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->Match(Facts("I56", "", "Some Lab", "CN", {}, {"I56", "I82880672"})).empty());
}

// ---- Which entries count -----------------------------------------------------------------------

TEST_F(RegistryMatcherTest, OptionsChooseKindsSourcesAndCategories) {
  const InstitutionFacts hik = Facts("I5", "", "Hikvision", "CN");
  const InstitutionFacts beihang = Facts("I82880672", "", "", "");
  struct Case {
    MatchOptions options;
    size_t entries;
    bool hik, beihang;
  };
  std::vector<Case> cases = {
      {{}, 8, true, true},
      {{{"assessment"}, {}, {}, true}, 6, false, true},
      {{{"designation"}, {}, {}, true}, 2, true, false},
      {{{}, {"D"}, {}, true}, 2, true, false},
      {{{}, {}, {"seven_sons"}, true}, 4, false, true},
      {{{}, {}, {"pla", "us_1260h"}, true}, 2, true, false},
  };
  for (const Case& c : cases) {
    Result<RegistryMatcher> m = RegistryMatcher::Create(registry_, c.options);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_EQ(m->entry_count(), c.entries);
    EXPECT_EQ(!m->Match(hik).empty(), c.hik);
    EXPECT_EQ(!m->Match(beihang).empty(), c.beihang);
  }
}

TEST_F(RegistryMatcherTest, AFilterValueThatSelectsNothingIsAnError) {
  MatchOptions options;
  options.sources = {"ASPI"};  // the source is called "T" here
  Result<RegistryMatcher> m = RegistryMatcher::Create(registry_, options);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("\"ASPI\""), std::string::npos);
}

TEST(RegistryMatcherEmptyTest, DefaultMatcherMatchesNothing) {
  RegistryMatcher matcher;
  EXPECT_EQ(matcher.entry_count(), 0u);
  EXPECT_TRUE(matcher.Match(Facts("I82880672", "00wk2mp56", "Beihang University", "CN")).empty());
}

// ---- On the shipped registry --------------------------------------------------------------------

class RegistryShippedMatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<Registry> r = LoadRegistryDir(kSourceDir + "/data/registry");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = new Registry(std::move(*r));
    Result<RegistryMatcher> m = RegistryMatcher::Create(*registry_);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    matcher_ = new RegistryMatcher(*m);
  }
  static void TearDownTestSuite() {
    delete matcher_;
    delete registry_;
  }
  static Registry* registry_;
  static RegistryMatcher* matcher_;
};
Registry* RegistryShippedMatchTest::registry_ = nullptr;
RegistryMatcher* RegistryShippedMatchTest::matcher_ = nullptr;

TEST_F(RegistryShippedMatchTest, BeihangByIdAndByChineseNameFromBothSources) {
  auto by_id = matcher_->Match(Facts("I82880672", "00wk2mp56", "Beihang University", "CN"));
  EXPECT_NE(FindKey(by_id, "aspi:beihang-university"), nullptr);
  EXPECT_NE(FindKey(by_id, "entangle:beihang-university"), nullptr);
  for (const RiskMatch& m : by_id) EXPECT_EQ(m.route, "openalex_id");

  auto by_name = matcher_->Match(Facts("", "", "北京航空航天大学", "CN"));
  ASSERT_NE(FindKey(by_name, "aspi:beihang-university"), nullptr);
  EXPECT_EQ(FindKey(by_name, "aspi:beihang-university")->route, "name");
  EXPECT_EQ(FindKey(by_name, "aspi:beihang-university")->entry->source, "ASPI China Defence Universities Tracker");
  EXPECT_EQ(FindKey(by_name, "aspi:beihang-university")->entry->source_date, "2020-08");
}

TEST_F(RegistryShippedMatchTest, NanjingUniversityIsNotASevenSon) {
  auto matches = matcher_->Match(Facts("I881766915", "01rxvg760", "Nanjing University", "CN", {"南京大学", "NJU"}));
  for (const RiskMatch& m : matches) {
    EXPECT_NE(m.entry->category, "seven_sons") << m.entry->key;
  }
  // It is in ASPI's tracker as a civilian university, and only as that.
  EXPECT_EQ(Keys(matches), std::vector<std::string>{"aspi:nanjing-university"});
  EXPECT_EQ(matches[0].entry->category, "defence_linked");
}

TEST_F(RegistryShippedMatchTest, NustInPakistanMatchesNothing) {
  EXPECT_TRUE(matcher_->Match(Facts("I1", "", "National University of Sciences and Technology", "PK", {"NUST"})).empty());
  EXPECT_TRUE(matcher_->Match(Facts("I1", "", "NUST", "CN")).empty());
}

TEST_F(RegistryShippedMatchTest, PlaInformationEngineeringUniversityByRor) {
  auto matches = matcher_->Match(Facts("I1", "00mm1qk40", "Information Engineering University", "CN"));
  const RiskMatch* m = FindKey(matches, "entangle:information-engineering-university");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->route, "ror");
  EXPECT_EQ(m->entry->category, "pla");
}

}  // namespace
}  // namespace entangle::risk
