// RegistryEntities: which registry entries are one entity (shared OpenAlex or ROR id; exact name in
// the same country for entries without ids) and which are not (another country, an acronym, a
// substring, ids that differ), and that every entry stays its own source.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "risk/risk.h"

namespace entangle::risk {
namespace {

RegistryEntry Entry(std::string key, std::string name_en, std::string country = "CN",
                    std::vector<std::string> ror_ids = {}, std::vector<std::string> openalex_ids = {}) {
  RegistryEntry e;
  e.key = std::move(key);
  e.kind = "assessment";
  e.category = "seven_sons";
  e.name_en = std::move(name_en);
  e.country = std::move(country);
  e.ror_ids = std::move(ror_ids);
  e.openalex_ids = std::move(openalex_ids);
  e.source = "Source of " + e.key;
  e.source_date = "2020-08";
  e.reason = "reason of " + e.key;
  return e;
}

std::vector<std::string> KeysOf(const RegistryEntity& entity) {
  std::vector<std::string> keys;
  for (const RegistryEntry* e : entity.entries) keys.push_back(e->key);
  return keys;
}

// The entity of each entry, by entry key, as the keys of its entries.
std::vector<std::vector<std::string>> Grouped(const Registry& registry) {
  RegistryEntities entities(registry);
  std::vector<std::vector<std::string>> out;
  for (const RegistryEntity& entity : entities.all()) out.push_back(KeysOf(entity));
  return out;
}

using Groups = std::vector<std::vector<std::string>>;

TEST(RegistryEntitiesTest, EntriesSharingAnOpenAlexIdAreOneEntity) {
  Registry registry;
  registry.entries = {Entry("aspi:hit", "Harbin Institute of Technology", "CN", {}, {"I204983213"}),
                      Entry("other:x", "Unrelated University", "CN", {}, {"I1"}),
                      Entry("entangle:hit", "Harbin Inst. of Technology (HIT)", "CN", {}, {"I999", "I204983213"})};
  RegistryEntities entities(registry);
  ASSERT_EQ(entities.all().size(), 2u);
  const RegistryEntity* hit = entities.Of(registry.entries[2]);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(KeysOf(*hit), (std::vector<std::string>{"aspi:hit", "entangle:hit"}));
  EXPECT_EQ(hit->key, "openalex:I204983213");
  EXPECT_EQ(hit->name_en, "Harbin Institute of Technology") << "the first entry's name";
  EXPECT_EQ(hit->joined_by, "same OpenAlex id I204983213");
  EXPECT_EQ(entities.Of(registry.entries[0]), hit);
  EXPECT_EQ(entities.OfEntryKey("entangle:hit"), hit);
  EXPECT_EQ(entities.Find("openalex:I204983213"), hit);
  EXPECT_NE(entities.Of(registry.entries[1]), hit);
  EXPECT_EQ(entities.Of(registry.entries[1])->joined_by, "");
}

TEST(RegistryEntitiesTest, EntriesSharingARorIdAreOneEntityWhateverTheirNames) {
  Registry registry;
  registry.entries = {
      Entry("aspi:information-engineering-university-2", "Information Engineering University", "CN", {"00mm1qk40"}),
      Entry("entangle:information-engineering-university", "PLA Information Engineering University", "CN",
            {"00mm1qk40"}),
      Entry("aspi:other", "Information Engineering University", "CN", {"0aaaaaa11"})};
  EXPECT_EQ(Grouped(registry),
            (Groups{{"aspi:information-engineering-university-2", "entangle:information-engineering-university"},
                    {"aspi:other"}}))
      << "the same name with another ROR id is another entity";
  RegistryEntities entities(registry);
  EXPECT_EQ(entities.all()[0].key, "ror:00mm1qk40");
  EXPECT_EQ(entities.all()[0].joined_by, "same ROR id 00mm1qk40");
}

TEST(RegistryEntitiesTest, EntriesWithoutIdsAndTheSameNameInTheSameCountryAreOneEntity) {
  Registry registry;
  registry.entries = {Entry("aspi:xupt", "Xi'an University of Posts and Telecommunications"),
                      Entry("aspi:railway", "Railway Police College"),
                      Entry("entangle:xupt", "XI’AN UNIVERSITY OF POSTS & TELECOMMUNICATIONS"),
                      Entry("entangle:railway", "Railway Police College")};
  EXPECT_EQ(Grouped(registry), (Groups{{"aspi:xupt", "entangle:xupt"}, {"aspi:railway", "entangle:railway"}}));
  RegistryEntities entities(registry);
  EXPECT_EQ(entities.all()[1].key, "aspi:railway") << "no id: the first entry's key";
  EXPECT_EQ(entities.all()[1].joined_by, "same name and country: Railway Police College (CN)");
}

TEST(RegistryEntitiesTest, AFullAliasIsAnEnglishNameButAnAbbreviationOrChineseFormIsNot) {
  Registry registry;
  registry.entries = {Entry("aspi:ams", "Academy of Military Science"),
                      Entry("entangle:ams", "Academy of Military Sciences"),
                      Entry("aspi:csgc", "China South Industries Group"),
                      Entry("entangle:csgc", "China South Industries Group Corporation"),
                      Entry("x:ams", "Advanced Materials School"),
                      Entry("y:zh", "China Ordnance Equipment Group")};
  registry.entries[0].aliases = {"Academy of Military Sciences", "AMS"};  // acronyms a file left among the aliases
  registry.entries[2].aliases = {"China South Industries Group Corporation", "中国兵器装备集团有限公司"};
  registry.entries[4].aliases = {"AMS"};
  registry.entries[1].other_names = {"AMS"};
  registry.entries[5].aliases = {"中国兵器装备集团有限公司"};
  EXPECT_EQ(Grouped(registry),
            (Groups{{"aspi:ams", "entangle:ams"}, {"aspi:csgc", "entangle:csgc"}, {"x:ams"}, {"y:zh"}}));
  RegistryEntities entities(registry);
  EXPECT_EQ(entities.all()[0].joined_by, "same name and country: Academy of Military Sciences (CN)");
  EXPECT_EQ(entities.all()[0].name_en, "Academy of Military Science");
}

TEST(RegistryEntitiesTest, AnEntryWithoutIdsJoinsTheOneEntityWithIdsOfItsName) {
  Registry registry;
  registry.entries = {Entry("aspi:beihang", "Beihang University", "CN", {"00wk2mp56"}, {"I82880672"}),
                      Entry("us_csl:beihang", "Beihang University", "CN")};
  registry.entries[1].kind = "designation";
  registry.entries[1].category = "us_csl_el";
  registry.entries[1].listed_on = "2020-06-05";
  RegistryEntities entities(registry);
  ASSERT_EQ(entities.all().size(), 1u);
  const RegistryEntity& beihang = entities.all()[0];
  EXPECT_EQ(beihang.key, "openalex:I82880672");
  // One entity, two sources: each entry keeps its kind, category, source, date and reason.
  ASSERT_EQ(beihang.entries.size(), 2u);
  EXPECT_EQ(beihang.entries[0]->kind, "assessment");
  EXPECT_EQ(beihang.entries[1]->kind, "designation");
  EXPECT_EQ(beihang.entries[1]->category, "us_csl_el");
  EXPECT_EQ(beihang.entries[1]->listed_on, "2020-06-05");
  EXPECT_EQ(beihang.entries[1]->source, "Source of us_csl:beihang");
  EXPECT_EQ(beihang.entries[1]->reason, "reason of us_csl:beihang");
}

TEST(RegistryEntitiesTest, TheSameNameInAnotherCountryOrWithoutACountryIsAnotherEntity) {
  Registry registry;
  registry.entries = {Entry("a:ndu-cn", "National Defense University", "CN"),
                      Entry("b:ndu-us", "National Defense University", "US"),
                      Entry("c:ndu-tw", "National Defense University", "TW"),
                      Entry("d:ndu-unknown", "National Defense University", ""),
                      Entry("e:ndu-unknown", "National Defense University", ""),
                      Entry("f:ndu-cn", "National Defense University", "CN")};
  EXPECT_EQ(Grouped(registry),
            (Groups{{"a:ndu-cn", "f:ndu-cn"}, {"b:ndu-us"}, {"c:ndu-tw"}, {"d:ndu-unknown"}, {"e:ndu-unknown"}}));
}

TEST(RegistryEntitiesTest, AnAcronymOrASubstringAloneIsAnotherEntity) {
  Registry registry;
  registry.entries = {Entry("aspi:nust", "Nanjing University of Science and Technology", "CN"),
                      Entry("x:nust-pk", "National University of Sciences and Technology", "PK"),
                      Entry("y:nust", "NUST", "CN"),
                      Entry("aspi:nuaa", "Nanjing University of Aeronautics and Astronautics", "CN"),
                      Entry("z:nju", "Nanjing University", "CN")};
  registry.entries[0].other_names = {"NUST"};
  registry.entries[1].other_names = {"NUST"};
  registry.entries[1].aliases = {"NUST Pakistan"};
  EXPECT_EQ(Grouped(registry), (Groups{{"aspi:nust"}, {"x:nust-pk"}, {"y:nust"}, {"aspi:nuaa"}, {"z:nju"}}));
}

TEST(RegistryEntitiesTest, AnEntryWithoutIdsJoinsNeitherOfTwoEntitiesOfItsName) {
  // Two institutions of one name told apart by their ROR ids: a third entry of that name without
  // ids could be either, so it is its own entity (with the other id-less entries of its name).
  Registry registry;
  registry.entries = {Entry("a:one", "Institute of Physics", "CN", {"0aaaaaa11"}),
                      Entry("b:two", "Institute of Physics", "CN", {"0bbbbbb22"}),
                      Entry("c:which", "Institute of Physics", "CN"), Entry("d:which", "Institute of Physics", "CN")};
  EXPECT_EQ(Grouped(registry), (Groups{{"a:one"}, {"b:two"}, {"c:which", "d:which"}}));
}

TEST(RegistryEntitiesTest, IdsJoinAcrossTransitiveLinks) {
  Registry registry;
  registry.entries = {Entry("a", "A", "CN", {"0aaaaaa11"}), Entry("b", "B", "CN", {"0aaaaaa11"}, {"I5"}),
                      Entry("c", "C", "CN", {}, {"I5"}), Entry("d", "D", "CN")};
  EXPECT_EQ(Grouped(registry), (Groups{{"a", "b", "c"}, {"d"}}));
  RegistryEntities entities(registry);
  EXPECT_EQ(entities.all()[0].key, "openalex:I5") << "an OpenAlex id wins over the first entry's ROR id";
  EXPECT_EQ(entities.Of(Entry("a", "A")), nullptr) << "an entry of another registry";
}

TEST(RegistryEntitiesTest, TheShippedSourcesOverlapAsOneEntityPerInstitution) {
  Result<Registry> registry = LoadRegistryDir(std::string(ENTANGLE_SOURCE_DIR) + "/data/registry");
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  RegistryEntities entities(*registry);
  const RegistryEntity* hit = entities.OfEntryKey("aspi:harbin-institute-of-technology");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(KeysOf(*hit), (std::vector<std::string>{"aspi:harbin-institute-of-technology",
                                                    "entangle:harbin-institute-of-technology"}));
  EXPECT_EQ(hit->key, "openalex:I204983213");
  EXPECT_EQ(hit->name_en, "Harbin Institute of Technology");
  EXPECT_EQ(hit->name_zh, "哈尔滨工业大学");
  EXPECT_EQ(hit->joined_by, "same OpenAlex id I204983213; same ROR id 01yqg2h08");
  // Harbin Engineering University shares HIT's city, not its ids: another entity.
  EXPECT_NE(entities.OfEntryKey("aspi:harbin-engineering-university"), hit);
  // Renamed PLA universities are joined by their ROR id, entries without ids by their exact name.
  EXPECT_EQ(entities.OfEntryKey("aspi:fourth-military-medical-university"),
            entities.OfEntryKey("entangle:air-force-medical-university"));
  EXPECT_EQ(entities.OfEntryKey("aspi:railway-police-college"), entities.OfEntryKey("entangle:railway-police-college"));
  // ... or one's registered full alias: ASPI's "Academy of Military Science" has the alias
  // "Academy of Military Sciences", the curated name.
  EXPECT_EQ(entities.OfEntryKey("aspi:academy-of-military-science"),
            entities.OfEntryKey("entangle:academy-of-military-sciences"));

  size_t both = 0, entries = 0;
  std::set<std::string> keys;
  for (const RegistryEntity& entity : entities.all()) {
    EXPECT_TRUE(keys.insert(entity.key).second) << "two entities keyed " << entity.key;
    std::set<std::string> sources;
    for (const RegistryEntry* e : entity.entries) sources.insert(e->source);
    both += sources.size() == 2;
    entries += entity.entries.size();
    EXPECT_EQ(sources.size(), entity.entries.size()) << entity.key << ": one source lists it twice";
  }
  EXPECT_EQ(entries, registry->entries.size());
  EXPECT_EQ(both, 35u) << "entities listed by both ASPI and the curated file";
  EXPECT_EQ(entities.all().size(), registry->entries.size() - 35);
}

}  // namespace
}  // namespace entangle::risk
