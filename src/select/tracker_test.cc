#include "select/tracker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.h"

namespace entangle::select {
namespace {

using testing::TempDir;
const std::string kSourceDir = ENTANGLE_SOURCE_DIR;

// The shipped tracker: the ten areas of Recommendation (EU) 2023/2113 for Europe–China, each the
// area's own field and scope, with the pair's groups, as a standalone study text that parses back
// to the same definition.
TEST(TrackerTest, ShippedTrackerIsEveryAreaForEuropeChina) {
  Result<TrackerDefinition> tracker = LoadTrackerDefinition(kSourceDir + "/studies/critical-tech/tracker.toml");
  ASSERT_TRUE(tracker.ok()) << tracker.status().ToString();
  ASSERT_EQ(tracker->studies.size(), 10u);
  std::vector<std::string> keys;
  for (const TrackerStudy& s : tracker->studies) keys.push_back(s.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"semiconductors.europe-china", "ai.europe-china", "quantum.europe-china",
                                            "biotech.europe-china", "connectivity.europe-china", "sensing.europe-china",
                                            "space.europe-china", "energy.europe-china", "robotics.europe-china",
                                            "materials.europe-china"}));
  for (const TrackerStudy& s : tracker->studies) {
    SCOPED_TRACE(s.key);
    Result<StudyDefinition> area = LoadStudyDefinition(kSourceDir + "/studies/critical-tech/" + s.area + ".toml");
    ASSERT_TRUE(area.ok());
    EXPECT_EQ(s.study.group_a.countries, area->group_a.countries);
    EXPECT_EQ(s.study.group_b.countries, area->group_b.countries);
    EXPECT_EQ(s.study.year_from, area->year_from);
    EXPECT_EQ(s.study.year_to, area->year_to);
    EXPECT_EQ(s.study.work_types, area->work_types);
    ASSERT_EQ(s.study.field.topics.has_value(), area->field.topics.has_value());
    if (area->field.topics) {
      EXPECT_EQ(s.study.field.topics->topic_ids, area->field.topics->topic_ids);
    }
    ASSERT_EQ(s.study.field.keywords.has_value(), area->field.keywords.has_value());
    if (area->field.keywords) {
      EXPECT_EQ(s.study.field.keywords->terms, area->field.keywords->terms);
    }
    // The stored text is a study of its own: parsing it again gives the same study.
    Result<StudyDefinition> again = ParseStudyDefinition(s.study.source_text, s.study.source_path);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->name, s.study.name);
    EXPECT_EQ(again->group_a.countries, s.study.group_a.countries);
    EXPECT_EQ(again->sha256, s.study.sha256);
  }
  EXPECT_EQ(tracker->studies[2].study.name, "Quantum entanglements: Europe–China");
}

TEST(TrackerTest, PairPresetsAndWrittenPairsGiveTheGroups) {
  TempDir dir;
  dir.Write("area.toml",
            "name = \"Quantum entanglements: Europe–China\"\n"
            "[groups.a]\nname = \"Europe\"\ncountries = [\"EUROPE\"]\n"
            "[groups.b]\nname = \"China\"\ncountries = [\"CHINA\"]\n"
            "[scope]\nyears = [2019, 2021]\n"
            "[field.keywords]\nterms = [\"qubit\"]\n");
  Result<TrackerDefinition> tracker = ParseTrackerDefinition(
      "name = \"T\"\nareas = [\"area.toml\"]\n"
      "pairs = [\"germany-china\", \"UK-China\", { key = \"nordics-china\", a = { name = \"Nordics\", countries = "
      "[\"NORDICS\"] }, b = { countries = [\"CN\"] } }]\n",
      dir / "tracker.toml");
  ASSERT_TRUE(tracker.ok()) << tracker.status().ToString();
  ASSERT_EQ(tracker->studies.size(), 3u);
  const StudyDefinition& germany = tracker->studies[0].study;
  EXPECT_EQ(tracker->studies[0].key, "area.germany-china");
  EXPECT_EQ(germany.name, "Quantum entanglements: Germany–China");
  EXPECT_EQ(germany.group_a.countries, (std::vector<std::string>{"DE"}));
  EXPECT_EQ(germany.group_b.countries, (std::vector<std::string>{"CN", "HK"}));
  EXPECT_EQ(germany.year_from, 2019);
  EXPECT_EQ(tracker->studies[1].key, "area.uk-china");  // presets by key in any case
  EXPECT_EQ(tracker->studies[1].study.group_a.countries, (std::vector<std::string>{"GB"}));
  const StudyDefinition& nordics = tracker->studies[2].study;
  EXPECT_EQ(nordics.group_a.name, "Nordics");
  EXPECT_EQ(nordics.group_a.countries, (std::vector<std::string>{"DK", "FI", "IS", "NO", "SE"}));
  EXPECT_EQ(nordics.group_b.name, "CN");  // no name: built from the countries as written
}

TEST(TrackerTest, EveryPairPresetExpands) {
  TempDir dir;
  dir.Write("area.toml",
            "name = \"A\"\n[groups.a]\ncountries = [\"DE\"]\n[groups.b]\ncountries = [\"CN\"]\n"
            "[scope]\nyears = [2020, 2020]\n");
  std::string pairs;
  for (const PairPreset& p : PairPresets()) pairs += (pairs.empty() ? "\"" : ", \"") + std::string(p.key) + "\"";
  Result<TrackerDefinition> tracker =
      ParseTrackerDefinition("name = \"T\"\nareas = [\"area.toml\"]\npairs = [" + pairs + "]\n", dir / "t.toml");
  ASSERT_TRUE(tracker.ok()) << tracker.status().ToString();
  EXPECT_EQ(tracker->studies.size(), PairPresets().size());
  for (const TrackerStudy& s : tracker->studies) {
    EXPECT_FALSE(s.study.group_a.countries.empty()) << s.key;
    EXPECT_FALSE(s.study.group_b.countries.empty()) << s.key;
  }
}

TEST(TrackerTest, WithoutPairsEachAreaKeepsItsOwnGroups) {
  Result<TrackerDefinition> tracker = ParseTrackerDefinition("name = \"T\"\nareas = [\"ai.toml\", \"quantum.toml\"]\n",
                                                             kSourceDir + "/studies/critical-tech/t.toml");
  ASSERT_TRUE(tracker.ok()) << tracker.status().ToString();
  ASSERT_EQ(tracker->studies.size(), 2u);
  EXPECT_EQ(tracker->studies[0].key, "ai");
  EXPECT_EQ(tracker->studies[0].study.name, "AI entanglements: Europe–China");
}

struct BadTracker {
  const char* name;
  const char* text;
  const char* message;  // the error's text after "<origin>: "
};

class TrackerErrorTest : public ::testing::TestWithParam<BadTracker> {};

TEST_P(TrackerErrorTest, NamesTheKeyAndTheProblem) {
  TempDir dir;
  dir.Write("area.toml",
            "name = \"A\"\n[groups.a]\ncountries = [\"DE\"]\n[groups.b]\ncountries = [\"CN\"]\n"
            "[scope]\nyears = [2020, 2020]\n");
  dir.Write("bad-area.toml", "name = \"A\"\n[groups.a]\ncountries = [\"DE\"]\n");
  const std::string origin = dir / "tracker.toml";
  Result<TrackerDefinition> tracker = ParseTrackerDefinition(GetParam().text, origin);
  ASSERT_FALSE(tracker.ok());
  std::string message = tracker.status().message();
  ASSERT_EQ(message.rfind(origin + ": ", 0), 0u) << message;
  std::string expected = GetParam().message;
  for (size_t at = expected.find("{dir}"); at != std::string::npos; at = expected.find("{dir}")) {
    expected.replace(at, 5, dir.path().string());
  }
  EXPECT_NE(message.find(expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Bad, TrackerErrorTest,
    ::testing::Values(
        BadTracker{"NoName", "areas = [\"area.toml\"]\n", "name: required"},
        BadTracker{"NoAreas", "name = \"T\"\n", "areas: required"},
        BadTracker{"EmptyAreas", "name = \"T\"\nareas = []\n", "areas: must name at least one study file"},
        BadTracker{"UnknownKey", "name = \"T\"\nareas = [\"area.toml\"]\npair = [\"europe-china\"]\n",
                   "pair: unknown key (did you mean \"pairs\"?)"},
        BadTracker{"MisspeltPreset", "name = \"T\"\nareas = [\"area.toml\"]\npairs = [\"germny-china\"]\n",
                   "pairs[0]: unknown pair preset \"germny-china\" (did you mean \"germany-china\"?)"},
        BadTracker{"PairTwice", "name = \"T\"\nareas = [\"area.toml\"]\npairs = [\"uk-china\", \"uk-china\"]\n",
                   "pairs[1]: pair \"uk-china\" is listed twice"},
        BadTracker{"AreaTwice", "name = \"T\"\nareas = [\"area.toml\", \"./area.toml\"]\n",
                   "areas[1]: a second area named \"area\""},
        BadTracker{"MissingArea", "name = \"T\"\nareas = [\"nowhere.toml\"]\n", "area {dir}/nowhere.toml: "},
        BadTracker{"BadArea", "name = \"T\"\nareas = [\"bad-area.toml\"]\n", "area {dir}/bad-area.toml: "},
        BadTracker{"BadCountry",
                   "name = \"T\"\nareas = [\"area.toml\"]\npairs = [{ key = \"x\", a = { countries = [\"XX\"] }, b = "
                   "{ countries = [\"CN\"] } }]\n",
                   "pairs[0].a.countries: "},
        BadTracker{"KeyNotAFileName",
                   "name = \"T\"\nareas = [\"area.toml\"]\npairs = [{ key = \"A/B\", a = { countries = [\"DE\"] }, b = "
                   "{ countries = [\"CN\"] } }]\n",
                   "pairs[0].key: \"A/B\": use lower-case letters"}),
    [](const ::testing::TestParamInfo<BadTracker>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace entangle::select
