// Exhibit 8 and the flagged list on a generated corpus equal what the generator planted
// (ground_truth.json: aspi_partners, curated_partners, dual_use_families, cases), every flag carries its
// evidence, and designations count only from their listing date.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyze/analyze.h"
#include "risk/risk.h"
#include "store/study_db.h"
#include "support/real_records.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;
using Rows = std::vector<std::map<std::string, std::string>>;

constexpr const char* kAspi = "ASPI China Defence Universities Tracker";
constexpr const char* kCurated = "entangle curation";

Rows RowsOf(const json& exhibit) {
  Rows rows;
  for (const auto& row : exhibit["rows"]) {
    std::map<std::string, std::string> m;
    for (size_t i = 0; i < row.size(); ++i) m[exhibit["columns"][i]] = row[i];
    rows.push_back(std::move(m));
  }
  return rows;
}

std::set<std::string> Split(const std::string& text, char sep = ' ') {
  std::set<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    if (!item.empty()) out.insert(item);
    start = end + 1;
  }
  return out;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The registry entry of `prefix` ("aspi:", "entangle:") among a row's entry_keys; "" when none.
std::string EntryKeyOf(const std::map<std::string, std::string>& row, const std::string& prefix) {
  for (const std::string& key : Split(row.at("entry_keys"))) {
    if (key.rfind(prefix, 0) == 0) return key;
  }
  return "";
}

// The military or security end-user family of the flagged list (exhibit_risk_flagged.cc).
constexpr const char* kEndUserFamily = "(any application: military or security end user)";

// The vocabulary's view of the generator's planted terms. The generator's families (categories of another
// keyword list) are not ours, so each planted term is run through our vocabulary: the hits it produces
// ("family/term", as risk_papers writes them) belong to the planted term's generator family, and the term
// is covered when it produces any (some planted terms were dropped from the vocabulary on purpose,
// data/vocab/README.md).
struct PlantedCoverage {
  std::map<std::string, std::string> family_of_hit;       // "our family/term" -> generator family
  std::set<std::pair<std::string, std::string>> covered;  // (generator family, planted term) it finds
  std::set<std::string> uncovered;                         // planted terms it does not find
};

PlantedCoverage CoverageOf(const json& families) {
  PlantedCoverage c;
  auto vocabulary = risk::DualUseVocabulary::Load(SourcePath("data/vocab/dual-use-ai.tsv"));
  EXPECT_TRUE(vocabulary.ok());
  if (!vocabulary.ok()) return c;
  for (const auto& [family, f] : families.items()) {
    for (const auto& [term, n] : f["joint_works_by_term"].items()) {
      std::vector<risk::VocabularyHit> hits = vocabulary->Find(term, "", {});
      if (hits.empty()) {
        c.uncovered.insert(term);
        continue;
      }
      c.covered.insert({family, term});
      for (const risk::VocabularyHit& hit : hits) {
        auto [it, inserted] = c.family_of_hit.emplace(hit.family + "/" + hit.term, family);
        EXPECT_EQ(it->second, family) << "'" << hit.term << "' is found in planted terms of two generator families";
      }
    }
  }
  return c;
}

// Flagged rows are compared per (registry entity, generator family), end-user rows under kEndUserFamily.
using Pair = std::pair<std::string, std::string>;
using ExpectedRows = std::map<Pair, int>;                 // -> joint works
using FoundRows = std::map<Pair, std::set<std::string>>;  // -> distinct work ids

// What one ground-truth (entity, planted term set) -> joint works entry puts in the flagged list: its
// works under the generator family of every planted term the vocabulary covers (a work carries at most
// one planted term per generator family, so this is exact), or, when it covers none and the entity is a
// military or security organ, one end-user row per work.
void AddExpectedRows(const std::string& entity, bool end_user, const json& term_set, const PlantedCoverage& coverage,
                     ExpectedRows& expected) {
  const int n = term_set["joint_works"].get<int>();
  bool any_covered = false;
  for (const auto& t : term_set["terms"]) {
    if (!coverage.covered.count({t["family"], t["term"]})) continue;
    expected[{entity, t["family"]}] += n;
    any_covered = true;
  }
  if (!any_covered && end_user) expected[{entity, kEndUserFamily}] += n;
}

// The flagged list's rows of one source as distinct works per (entity, generator family), the entity named
// by `entity_of` ("" for rows that source has no entry in); each term of a row is mapped back to the
// generator family of its planted term. A row is one entity with the sources that tie it to the paper.
using EntityOf = std::function<std::string(const std::map<std::string, std::string>&)>;
FoundRows FlaggedRows(const Rows& flagged, const EntityOf& entity_of, const PlantedCoverage& coverage) {
  FoundRows found;
  for (const auto& row : flagged) {
    const std::string entity = entity_of(row);
    if (entity.empty()) continue;
    if (row.at("family") == kEndUserFamily) {
      found[{entity, kEndUserFamily}].insert(row.at("work_id"));
      continue;
    }
    for (const std::string& described : Split(row.at("terms"), ';')) {
      size_t bracket = described.find(" [");
      if (bracket == std::string::npos) continue;  // a piece of a quoted text that held a ';'
      auto it = coverage.family_of_hit.find(row.at("family") + "/" + described.substr(0, bracket));
      if (it == coverage.family_of_hit.end()) {
        ADD_FAILURE() << row.at("work_id") << ": term '" << described << "' comes from no planted term";
        continue;
      }
      found[{entity, it->second}].insert(row.at("work_id"));
    }
  }
  return found;
}

bool IsEndUserPair(const Pair& pair) { return pair.second == kEndUserFamily; }

// Flagged rows by the ASPI entry's name (the entity's name: ASPI's file loads first), and by the curated key.
std::string AspiEntity(const std::map<std::string, std::string>& row) {
  return EntryKeyOf(row, "aspi:").empty() ? "" : row.at("entity");
}
std::string CuratedEntry(const std::map<std::string, std::string>& row) { return EntryKeyOf(row, "entangle:"); }

struct Compared {
  int pairs = 0;
  std::set<std::string> entities;
  std::string figures;  // "entity / family: found/expected; "
};

// Expects the found works to equal the expected count for every pair `keep` selects, flagged or planted.
Compared ComparePairs(const ExpectedRows& expected, const FoundRows& found, bool (*keep)(const Pair&)) {
  std::set<Pair> pairs;
  for (const auto& [pair, n] : expected) {
    if (n > 0 && keep(pair)) pairs.insert(pair);
  }
  for (const auto& [pair, works] : found) {
    if (!keep(pair)) continue;
    EXPECT_TRUE(expected.count(pair)) << pair.first << " / " << pair.second << ": flagged, not planted";
    pairs.insert(pair);
  }
  Compared c;
  for (const Pair& pair : pairs) {
    auto f = found.find(pair);
    auto e = expected.find(pair);
    int n = f == found.end() ? 0 : static_cast<int>(f->second.size());
    int want = e == expected.end() ? 0 : e->second;
    EXPECT_EQ(n, want) << pair.first << " / " << pair.second;
    c.figures += fmt::format("{} / {}: {}/{}; ", pair.first, pair.second, n, want);
    c.entities.insert(pair.first);
  }
  c.pairs = static_cast<int>(pairs.size());
  return c;
}

// The curated registry's end users, as IsEndUser in exhibit_risk_flagged.cc reads categories.
bool IsEndUserCategory(const std::string& category) {
  return category == "pla" || category == "pap" || category == "mps" || category == "mss" || category == "security";
}

class RiskExhibitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string out, err;
    std::string corpus = *dir_ / "corpus";
    ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works 20000 --seed 11", corpus), &out, &err), 0) << err;
    ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --progress none", corpus,
                                      SourcePath("studies/ai-europe-china.toml"), db()),
                          &out, &err),
              0)
        << err;
    ASSERT_EQ(RunEntangle(fmt::format("analyze --db {} --out {}", db(), *dir_ / "exhibits"), &out, &err), 0) << err;
    truth_ = new json(json::parse(std::ifstream(corpus + "/ground_truth.json")));
  }
  static void TearDownTestSuite() {
    delete truth_;
    delete dir_;
  }
  static std::string db() { return *dir_ / "study.db"; }
  static Rows Exhibit(const std::string& id, const std::string& dir = "exhibits") {
    return RowsOf(json::parse(std::ifstream(*dir_ / (dir + "/" + id + ".json"))));
  }
  static const json& Planted(const std::string& key) { return (*truth_)["planted"][key]; }
  static PlantedCoverage Coverage() { return CoverageOf(Planted("dual_use_families")["families"]); }

  // The ASPI entities with ties: registry name -> registry category.
  static std::map<std::string, std::string> AspiRegistryCategories() {
    std::map<std::string, std::string> out;
    for (const auto& row : Exhibit("risk_by_entity")) {
      if (Contains(row.at("sources"), kAspi)) out[row.at("entity")] = row.at("categories");
    }
    return out;
  }
  // The registry's name of an ASPI entry: it names a few entries more precisely than the generator
  // ("... (Wuhan)").
  static std::string RegistryName(const std::map<std::string, std::string>& registry, const std::string& aspi_name) {
    if (registry.count(aspi_name)) return aspi_name;
    auto r = registry.lower_bound(aspi_name + " (");
    if (r != registry.end() && r->first.rfind(aspi_name, 0) == 0) return r->first;
    return aspi_name;
  }

  // The flagged list's ASPI rows expected from aspi_partners, under the registry's entity names (it names
  // a few entries more precisely than the generator: "... (Wuhan)"); ASPI's Military and Security entries
  // are the end users (the registry maps them to pla/pap and mps/mss/security).
  static ExpectedRows ExpectedAspiRows(const PlantedCoverage& coverage) {
    std::map<std::string, std::string> registry = AspiRegistryCategories();
    const json& aspi = Planted("aspi_partners");
    std::map<std::string, std::string> category;  // aspi_name -> ASPI category
    for (const auto& e : aspi["entries"]) category[e["aspi_name"]] = e["aspi_category"];
    ExpectedRows expected;
    for (const auto& set : aspi["joint_works_by_entity_term_set"]) {
      const std::string name = set["aspi_name"];
      EXPECT_TRUE(category.count(name)) << name << " has term sets but no entry";
      bool end_user = category[name] == "Military" || category[name] == "Security";
      AddExpectedRows(RegistryName(registry, name), end_user, set, coverage, expected);
    }
    return expected;
  }

  // The flagged list's curated rows expected from curated_partners, by registry key.
  static ExpectedRows ExpectedCuratedRows(const PlantedCoverage& coverage) {
    const json& curated = Planted("curated_partners");
    std::map<std::string, std::string> category;  // registry key -> category
    for (const auto& e : curated["entries"]) category[e["registry_key"]] = e["category"];
    ExpectedRows expected;
    for (const auto& set : curated["joint_works_by_entity_term_set"]) {
      const std::string key = set["registry_key"];
      EXPECT_TRUE(category.count(key)) << key << " has term sets but no entry";
      AddExpectedRows(key, IsEndUserCategory(category[key]), set, coverage, expected);
    }
    return expected;
  }
  static TempDir* dir_;
  static json* truth_;
};
TempDir* RiskExhibitTest::dir_ = nullptr;
json* RiskExhibitTest::truth_ = nullptr;

TEST_F(RiskExhibitTest, EveryFlagCarriesSourceDateRouteAndMatchedText) {
  Rows flagged = Exhibit("risk_flagged");
  ASSERT_FALSE(flagged.empty());
  for (const auto& row : flagged) {
    for (const char* column : {"sources", "entry_keys", "route", "matched_text", "registry_text", "entity_key", "kinds",
                               "categories", "family", "listing_status", "authors", "affiliations", "title"}) {
      EXPECT_FALSE(row.at(column).empty()) << column << " of " << row.at("work_id");
    }
    if (row.at("family")[0] != '(') {  // not the end-user row of a military or security organ
      EXPECT_NE(row.at("terms").find("["), std::string::npos) << "terms must show field and span";
    } else {
      bool end_user = false;
      for (const std::string& category : Split(row.at("categories"))) {
        end_user = end_user || IsEndUserCategory(category);
      }
      EXPECT_TRUE(end_user) << row.at("categories");
    }
    for (const std::string& source : Split(row.at("sources"), ';')) {
      EXPECT_NE(source.find(" ("), std::string::npos) << "each source with its date: " << source;
    }
    if (Contains(row.at("route"), "lineage")) {
      EXPECT_FALSE(row.at("inherited_from").empty());
    }
  }
  for (const auto& row : Exhibit("risk_by_entity")) {
    EXPECT_FALSE(row.at("sources").empty());
    EXPECT_FALSE(row.at("entry_keys").empty());
    for (const std::string& source : Split(row.at("sources"), ';')) {
      EXPECT_NE(source.find(" ("), std::string::npos) << "each source with its date: " << source;
    }
    EXPECT_NE(row.at("matched_as").find(": "), std::string::npos) << "route and matched text: " << row.at("entity");
  }
  for (const auto& row : Exhibit("risk_ties")) {
    EXPECT_FALSE(row.at("source").empty());
    EXPECT_FALSE(row.at("source_date").empty());
    EXPECT_FALSE(row.at("kind").empty());
  }
}

TEST_F(RiskExhibitTest, AspiPartnersEqualGroundTruth) {
  const json& aspi = Planted("aspi_partners");
  std::map<std::string, const std::map<std::string, std::string>*> rows;  // entity name -> row
  Rows entities = Exhibit("risk_by_entity");
  for (const auto& row : entities) {
    if (Contains(row.at("sources"), kAspi)) rows[row.at("entity")] = &row;
  }
  ASSERT_GT(aspi["entries"].size(), 20u);
  for (const auto& e : aspi["entries"]) {
    auto it = rows.find(e["aspi_name"]);
    // The registry names a few entries more precisely than the generator ("... (Wuhan)").
    for (auto r = rows.lower_bound(e["aspi_name"].get<std::string>() + " ("); it == rows.end() && r != rows.end() &&
                                                                            r->first.rfind(e["aspi_name"], 0) == 0;
         ++r) {
      it = r;
    }
    ASSERT_NE(it, rows.end()) << e["aspi_name"];
    EXPECT_EQ(std::stoi(it->second->at("joint_papers")), e["joint_works"].get<int>()) << e["aspi_name"];
    EXPECT_EQ(std::stoi(it->second->at("papers_direct")), e["joint_works_direct"].get<int>()) << e["aspi_name"];
  }
  EXPECT_EQ(rows.size(), aspi["entries"].size()) << "ASPI entries matched that the generator did not plant";

  bool found = false;
  for (const auto& row : Exhibit("risk_ties")) {
    if (row.at("source") == kAspi && row.at("category") == "all categories") {
      EXPECT_EQ(std::stoi(row.at("joint_papers")), aspi["joint_works_any"].get<int>());
      found = true;
    }
    EXPECT_NE(row.at("kind") + row.at("source"), "") << "no row may mix sources";
  }
  EXPECT_TRUE(found);

  // The study's "risky partners" and the non-civilian count, from the per-paper list.
  std::set<std::string> military, non_civilian;  // ASPI entry names
  for (const auto& e : aspi["entries"]) {
    std::string category = e["aspi_category"];
    if (category != "Civilian") non_civilian.insert(e["aspi_name"]);
    if (category == "Military" || category == "Seven sons of national defence" ||
        e["aspi_name"] == "Xidian University") {
      military.insert(e["aspi_name"]);
    }
  }
  std::map<std::string, std::string> name_of;  // registry entry key -> name
  auto registry = risk::LoadRegistry({SourcePath("data/registry/aspi-unitracker-2020.csv")});
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  for (const risk::RegistryEntry& e : registry->entries) name_of[e.key] = e.name_en;
  int military_papers = 0, non_civilian_papers = 0;
  for (const auto& row : Exhibit("risk_papers")) {
    bool m = false, n = false;
    for (const std::string& key : Split(row.at("entry_keys"))) {
      if (key.rfind("aspi:", 0) != 0) continue;
      m = m || military.count(name_of[key]) != 0;
      n = n || non_civilian.count(name_of[key]) != 0;
    }
    military_papers += m;
    non_civilian_papers += n;
  }
  EXPECT_EQ(military_papers, aspi["joint_works_military_tied"]["joint_works"].get<int>());
  EXPECT_EQ(non_civilian_papers, aspi["joint_works_non_civilian"].get<int>());
}

TEST_F(RiskExhibitTest, DualUseFamiliesEqualGroundTruth) {
  // Planted terms map to our hits as PlantedCoverage says. A work carries at most one planted term per
  // generator family, so the family's expected count is the sum of joint_works_by_term over its covered
  // terms, exactly, partly covered families included.
  const json& families = Planted("dual_use_families")["families"];
  const PlantedCoverage coverage = Coverage();
  std::map<std::string, int> expected;
  int partly_covered = 0;
  for (const auto& [family, f] : families.items()) {
    ASSERT_TRUE(f.contains("joint_works_by_term")) << family;
    int sum = 0, covered = 0;
    expected[family] = 0;
    for (const auto& [term, n] : f["joint_works_by_term"].items()) {
      sum += n.get<int>();
      if (!coverage.covered.count({family, term})) continue;
      ++covered;
      expected[family] += n.get<int>();
    }
    EXPECT_EQ(sum, f["joint_works"].get<int>()) << family << ": joint_works_by_term must sum to joint_works";
    partly_covered += covered > 0 && covered < static_cast<int>(f["joint_works_by_term"].size());
  }

  std::map<std::string, int> found;
  for (const auto& row : Exhibit("risk_papers")) {
    std::set<std::string> in, hit_families;
    for (const std::string& hit : Split(row.at("terms"), ';')) {
      hit_families.insert(hit.substr(0, hit.find('/')));
      auto it = coverage.family_of_hit.find(hit);
      if (it == coverage.family_of_hit.end()) {
        ADD_FAILURE() << row.at("work_id") << ": hit '" << hit << "' comes from no planted term";
        continue;
      }
      in.insert(it->second);
    }
    EXPECT_EQ(hit_families, Split(row.at("families"))) << row.at("work_id");
    for (const std::string& family : in) ++found[family];
  }
  int nonzero = 0;
  std::string figures;  // family: found / expected (planted joint works)
  for (const auto& [family, n] : expected) {
    EXPECT_EQ(found[family], n) << family << " (planted joint works: " << families[family]["joint_works"] << ")";
    nonzero += n > 0;
    figures += fmt::format("{}: {}/{} ({}); ", family, found[family], n, families[family]["joint_works"].get<int>());
  }
  RecordProperty("found_expected_planted", figures);
  EXPECT_GE(nonzero, 6) << "too few generator families are found by the vocabulary";
  EXPECT_GE(partly_covered, 2) << "the partly covered families are what this test is for";
  std::string list;
  for (const std::string& t : coverage.uncovered) list += t + "; ";
  RecordProperty("planted_terms_outside_vocabulary", list);
}

// The flagged list's ASPI rows of vocabulary families, per (entity, generator family): the distinct joint
// papers equal the planted joint works with that entry (institution or lineage) and a planted term of that
// family that the vocabulary covers (AddExpectedRows).
TEST_F(RiskExhibitTest, FlaggedListEqualsGroundTruth) {
  ASSERT_TRUE(Planted("aspi_partners").contains("joint_works_by_entity_term_set"));
  const PlantedCoverage coverage = Coverage();
  Compared c = ComparePairs(ExpectedAspiRows(coverage), FlaggedRows(Exhibit("risk_flagged"), AspiEntity, coverage),
                            [](const Pair& pair) { return !IsEndUserPair(pair); });
  RecordProperty("pairs_compared", c.pairs);
  RecordProperty("found_expected", c.figures);
  EXPECT_GE(c.pairs, 5) << "too few (entity, family) pairs to compare";
}

// The flagged list's ASPI end-user rows, per entity: one per joint paper with a Military or Security entry
// whose planted terms (if any) the vocabulary finds none of; no other entry has any.
TEST_F(RiskExhibitTest, FlaggedEndUserRowsEqualGroundTruth) {
  // ASPI's categories map to the registry's as data/registry/README.md says, so the end users
  // (pla, pap, mps, mss, security) are exactly the Military and Security entries.
  const std::map<std::string, std::set<std::string>> registry_categories = {
      {"Military", {"pla", "pap"}},
      {"Security", {"mps", "mss", "security"}},
      {"Seven sons of national defence", {"seven_sons"}},
      {"Defence industry conglomerate", {"defence_industry"}},
      {"Civilian", {"defence_linked"}}};
  const std::map<std::string, std::string> registry = AspiRegistryCategories();
  for (const auto& e : Planted("aspi_partners")["entries"]) {
    auto it = registry.find(RegistryName(registry, e["aspi_name"]));
    ASSERT_NE(it, registry.end()) << e["aspi_name"];
    EXPECT_TRUE(registry_categories.at(e["aspi_category"]).count(it->second))
        << e["aspi_name"] << ": ASPI " << e["aspi_category"] << ", registry " << it->second;
  }

  const PlantedCoverage coverage = Coverage();
  Compared c = ComparePairs(ExpectedAspiRows(coverage), FlaggedRows(Exhibit("risk_flagged"), AspiEntity, coverage),
                            IsEndUserPair);
  RecordProperty("entities_compared", c.pairs);
  RecordProperty("found_expected", c.figures);
  EXPECT_GE(c.pairs, 8) << "too few military or security entries to compare";
}

// The flagged list's rows from the curated registry (Seven Sons, PLA, MPS, MSS, defence conglomerates,
// Xidian, XUPT), per (registry key, generator family or end user), equal curated_partners: the generator
// states by hand which synthetic institutions each curated row names (src/synth/curated_table.cc).
TEST_F(RiskExhibitTest, FlaggedCuratedRowsEqualGroundTruth) {
  ASSERT_TRUE(Planted("curated_partners").contains("joint_works_by_entity_term_set"));
  const PlantedCoverage coverage = Coverage();
  const ExpectedRows expected = ExpectedCuratedRows(coverage);
  const FoundRows found = FlaggedRows(Exhibit("risk_flagged"), CuratedEntry, coverage);
  Compared families = ComparePairs(expected, found, [](const Pair& pair) { return !IsEndUserPair(pair); });
  Compared end_users = ComparePairs(expected, found, IsEndUserPair);
  RecordProperty("family_pairs_compared", families.pairs);
  RecordProperty("end_user_entities_compared", end_users.pairs);
  RecordProperty("found_expected", families.figures + end_users.figures);
  EXPECT_GE(families.pairs, 5) << "too few (curated entity, family) pairs to compare";
  EXPECT_GE(families.entities.size(), 3u) << "too few curated entities with vocabulary-family rows";
  EXPECT_GE(end_users.pairs, 4) << "too few curated military or security entities to compare";

  // Each curated row's category in the flagged list is the one the generator's table states.
  std::map<std::string, std::string> category;
  for (const auto& e : Planted("curated_partners")["entries"]) category[e["registry_key"]] = e["category"];
  for (const auto& row : Exhibit("risk_flagged")) {
    const std::string key = CuratedEntry(row);
    if (key.empty()) continue;
    EXPECT_TRUE(Split(row.at("categories")).count(category[key])) << key << ": " << row.at("categories");
  }
}

// The generator's curated table covers the curated registry row for row, with its categories, and every
// curated entity's tie counts (risk_by_entity) equal the planted ones.
TEST_F(RiskExhibitTest, CuratedPartnersEqualGroundTruth) {
  auto registry = risk::LoadRegistry({SourcePath("data/registry/entangle-curated.csv")});
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  std::map<std::string, std::string> registry_category, planted_category;
  for (const risk::RegistryEntry& e : registry->entries) registry_category[e.key] = e.category;
  const json& curated = Planted("curated_partners");
  for (const auto& e : curated["entries"]) planted_category[e["registry_key"]] = e["category"];
  EXPECT_EQ(planted_category, registry_category);

  std::map<std::string, std::pair<int, int>> found, expected;  // key -> (joint papers, direct)
  for (const auto& row : Exhibit("risk_by_entity")) {
    const std::string key = EntryKeyOf(row, "entangle:");
    if (key.empty()) continue;
    EXPECT_TRUE(Contains(row.at("sources"), kCurated)) << key;
    found[key] = {std::stoi(row.at("joint_papers")), std::stoi(row.at("papers_direct"))};
  }
  for (const auto& e : curated["entries"]) {
    if (e["joint_works"].get<int>() == 0) continue;  // risk_by_entity lists entities with ties only
    expected[e["registry_key"]] = {e["joint_works"].get<int>(), e["joint_works_direct"].get<int>()};
  }
  EXPECT_EQ(found, expected);
  int inherited = 0;
  for (const auto& [key, counts] : expected) inherited += counts.first > counts.second;
  RecordProperty("entities_compared", static_cast<int>(expected.size()));
  EXPECT_GE(expected.size(), 10u);
  EXPECT_GE(inherited, 1) << "no curated tie reached through the lineage";
}

// The group-A side of the ASPI ties: risk_by_country's "all categories" rows (a paper once per group-A
// country of its institutions) and risk_by_institution's rows (once per group-A institution) equal
// aspi_partners' joint_works_by_group_a_country and joint_works_by_group_a_institution, both ways.
TEST_F(RiskExhibitTest, RiskByCountryAndInstitutionEqualGroundTruth) {
  const json& aspi = Planted("aspi_partners");
  std::map<std::string, int> expected_countries, found_countries;
  for (const auto& [country, n] : aspi["joint_works_by_group_a_country"].items()) {
    expected_countries[country] = n.get<int>();
  }
  for (const auto& row : Exhibit("risk_by_country")) {
    if (row.at("source") != kAspi || row.at("category") != "all categories") continue;
    EXPECT_TRUE(found_countries.emplace(row.at("country"), std::stoi(row.at("joint_papers"))).second)
        << "two ASPI rows for " << row.at("country");
  }
  EXPECT_EQ(found_countries, expected_countries);

  std::map<std::string, int> expected_insts, found_insts;  // OpenAlex id -> joint papers
  for (const auto& e : aspi["joint_works_by_group_a_institution"]) {
    EXPECT_TRUE(expected_insts.emplace(e["id"].get<std::string>(), e["joint_works"].get<int>()).second) << e["id"];
  }
  for (const auto& row : Exhibit("risk_by_institution")) {
    if (row.at("source") != kAspi) continue;
    EXPECT_TRUE(found_insts.emplace(row.at("institution_id"), std::stoi(row.at("joint_papers"))).second)
        << "two ASPI rows for " << row.at("institution_id");
  }
  EXPECT_EQ(found_insts, expected_insts);

  int country_papers = 0, inst_papers = 0;
  for (const auto& [country, n] : expected_countries) country_papers += n;
  for (const auto& [id, n] : expected_insts) inst_papers += n;
  RecordProperty("countries_compared", static_cast<int>(expected_countries.size()));
  RecordProperty("country_papers_compared", country_papers);
  RecordProperty("institutions_compared", static_cast<int>(expected_insts.size()));
  RecordProperty("institution_papers_compared", inst_papers);
  EXPECT_GE(expected_countries.size(), 10u);
  EXPECT_GE(expected_insts.size(), 30u);
  EXPECT_GE(country_papers, aspi["joint_works_any"].get<int>()) << "every ASPI-tied joint work has a European side";
}

// risk_ties' ASPI rows per registry category: a category's joint papers are the planted joint works whose
// set of ASPI entries (aspi_partners' joint_works_by_entity_set) holds an entry of that category, each
// entry's category read from data/registry/aspi-unitracker-2020.csv (not the product's matcher), both ways.
// risk_by_country's per-category rows are not compared: the ground truth has no per-(set, country) tally.
TEST_F(RiskExhibitTest, RiskTiesPerCategoryEqualGroundTruth) {
  const json& aspi = Planted("aspi_partners");
  ASSERT_TRUE(aspi.contains("joint_works_by_entity_set"));
  auto registry = risk::LoadRegistry({SourcePath("data/registry/aspi-unitracker-2020.csv")});
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  std::map<std::string, std::string> category_of;  // registry name_en -> registry category
  for (const risk::RegistryEntry& e : registry->entries) {
    EXPECT_TRUE(category_of.emplace(e.name_en, e.category).second) << "two registry rows named " << e.name_en;
  }

  std::map<std::string, int> expected, found;  // registry category -> joint works / papers
  int sum = 0;
  for (const auto& set : aspi["joint_works_by_entity_set"]) {
    const int n = set["joint_works"].get<int>();
    EXPECT_GT(n, 0);
    sum += n;
    std::set<std::string> categories;
    for (const auto& name : set["aspi_names"]) {
      auto it = category_of.find(RegistryName(category_of, name.get<std::string>()));
      if (it == category_of.end()) {
        ADD_FAILURE() << name << " is not in the ASPI registry";
        continue;
      }
      categories.insert(it->second);
    }
    for (const std::string& c : categories) expected[c] += n;  // a work counts once per category
  }
  EXPECT_EQ(sum, aspi["joint_works_any"].get<int>()) << "the entity sets must sum to joint_works_any";

  for (const auto& row : Exhibit("risk_ties")) {
    if (row.at("source") != kAspi || row.at("category") == "all categories") continue;
    const int n = std::stoi(row.at("joint_papers"));
    if (n == 0) continue;
    EXPECT_TRUE(found.emplace(row.at("category"), n).second) << "two ASPI rows for " << row.at("category");
  }
  std::set<std::string> categories;
  for (const auto& [c, n] : expected) categories.insert(c);
  for (const auto& [c, n] : found) categories.insert(c);
  std::string figures;  // category: found/expected
  for (const std::string& c : categories) {
    EXPECT_EQ(found[c], expected[c]) << c;
    figures += fmt::format("{}: {}/{}; ", c, found[c], expected[c]);
  }
  EXPECT_EQ(found.size(), expected.size()) << "categories found and planted differ";
  RecordProperty("categories_compared", static_cast<int>(categories.size()));
  RecordProperty("found_expected", figures);
  EXPECT_GE(expected.size(), 3u) << "too few categories to compare";
}

TEST_F(RiskExhibitTest, BothNamedCasesAreInTheFlaggedList) {
  const json& cases = (*truth_)["planted"]["cases"];
  ASSERT_EQ(cases.size(), 2u);
  Rows flagged = Exhibit("risk_flagged");
  std::map<std::string, std::set<std::string>> entities, families;
  for (const auto& row : flagged) {
    entities[row.at("work_id")].insert(row.at("entity"));
    families[row.at("work_id")].insert(row.at("family"));
  }
  std::string pla = cases[0]["work_id"], xupt = cases[1]["work_id"];
  ASSERT_TRUE(entities.count(pla)) << pla;
  ASSERT_TRUE(entities.count(xupt)) << xupt;
  EXPECT_TRUE(entities[pla].count("PLA Information Engineering University") ||
              entities[pla].count("Information Engineering University"));
  EXPECT_TRUE(entities[xupt].count("Xi'an University of Posts and Telecommunications"));
  EXPECT_EQ(*families[pla].begin(), "(any application: military or security end user)");
  EXPECT_TRUE(families[xupt].count("biometric_surveillance") || families[xupt].count("security_end_use"));
}

// Issue 18, item 10: Harbin Institute of Technology, which ASPI and the curated list both list, was two
// rows of risk_by_entity (and two flags per paper) that looked like two partners. It is one entity with
// both sources, its papers counted once; no entity or registry entry is in two rows.
TEST_F(RiskExhibitTest, AnEntityListedByTwoSourcesIsOneRowWithBothSources) {
  constexpr const char* kHit = "Harbin Institute of Technology";
  const std::string aspi_key = "aspi:harbin-institute-of-technology",
                    curated_key = "entangle:harbin-institute-of-technology";
  int planted = -1, planted_direct = -1;
  for (const auto& e : Planted("aspi_partners")["entries"]) {
    if (e["aspi_name"] != kHit) continue;
    planted = e["joint_works"];
    planted_direct = e["joint_works_direct"];
  }
  ASSERT_GT(planted, 0) << "the generator plants joint works with HIT";
  for (const auto& e : Planted("curated_partners")["entries"]) {
    if (e["registry_key"] != curated_key) continue;
    EXPECT_EQ(e["joint_works"].get<int>(), planted) << "the same institution";
  }

  std::set<std::string> names, entry_keys;
  const std::map<std::string, std::string>* hit = nullptr;
  Rows entities = Exhibit("risk_by_entity");
  for (const auto& row : entities) {
    EXPECT_TRUE(names.insert(row.at("entity")).second) << row.at("entity") << " is in two rows";
    for (const std::string& key : Split(row.at("entry_keys"))) {
      EXPECT_TRUE(entry_keys.insert(key).second) << key << " is in two rows";
    }
    if (row.at("entity") == kHit || Contains(row.at("entry_keys"), "harbin-institute-of-technology")) {
      EXPECT_EQ(hit, nullptr) << "a second row for HIT: " << row.at("entity_key");
      hit = &row;
    }
  }
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->at("entity"), kHit);
  EXPECT_EQ(hit->at("entity_zh"), "哈尔滨工业大学");
  EXPECT_EQ(hit->at("entity_key"), "openalex:I204983213");
  EXPECT_EQ(hit->at("sources"), "ASPI China Defence Universities Tracker (2020-08); entangle curation (2026-11-28)");
  EXPECT_EQ(hit->at("entry_keys"), aspi_key + " " + curated_key);
  EXPECT_EQ(hit->at("kinds"), "assessment");
  EXPECT_EQ(hit->at("categories"), "seven_sons");
  EXPECT_EQ(std::stoi(hit->at("joint_papers")), planted) << "each paper once, not once per source";
  EXPECT_EQ(std::stoi(hit->at("papers_direct")), planted_direct);
  EXPECT_EQ(hit->at("papers_by_entry"), fmt::format("{}={} {}={}", aspi_key, planted, curated_key, planted));
  EXPECT_TRUE(Contains(hit->at("reasons"), aspi_key + ": ASPI category: Seven sons of national defence"));
  EXPECT_TRUE(Contains(hit->at("reasons"), curated_key + ": One of the Seven Sons"));

  // The flagged list: one row per (paper, entity, family), HIT's with both sources.
  std::set<std::string> flagged_keys;
  int hit_rows = 0;
  for (const auto& row : Exhibit("risk_flagged")) {
    EXPECT_TRUE(flagged_keys.insert(row.at("work_id") + "|" + row.at("entity") + "|" + row.at("family")).second)
        << row.at("work_id") << ": " << row.at("entity") << " twice under " << row.at("family");
    if (row.at("entity_key") != "openalex:I204983213") continue;
    ++hit_rows;
    EXPECT_EQ(row.at("entry_keys"), aspi_key + " " + curated_key);
    EXPECT_EQ(row.at("sources"), hit->at("sources"));
    EXPECT_EQ(row.at("listing_status"), "not_a_designation");
  }
  EXPECT_GT(hit_rows, 0) << "no flagged paper with HIT to check";
  // The per-paper list names the entity once and both entries.
  int hit_papers = 0;
  for (const auto& row : Exhibit("risk_papers")) {
    if (!Split(row.at("entity_keys")).count("openalex:I204983213")) continue;
    ++hit_papers;
    EXPECT_TRUE(Split(row.at("entry_keys")).count(aspi_key)) << row.at("work_id");
    EXPECT_TRUE(Split(row.at("entry_keys")).count(curated_key)) << row.at("work_id");
  }
  EXPECT_EQ(hit_papers, planted);
  // risk_ties counts HIT as one entity of each source (it is one of each); no source's category row
  // counts more entities than risk_by_entity has rows of that source and category.
  for (const auto& row : Exhibit("risk_ties")) {
    if (row.at("category") == "all categories") continue;
    int rows_of = 0;
    for (const auto& e : entities) {
      rows_of += Contains(e.at("sources"), row.at("source") + " (") &&
                 Split(e.at("categories")).count(row.at("category")) && std::stoi(e.at("joint_papers")) > 0;
    }
    EXPECT_LE(std::stoi(row.at("entities")), rows_of) << row.at("source") << " / " << row.at("category");
  }
}

// The reader must be able to open the list entry that is the evidence of each source (issue 18):
// every table that names registry sources gives, per source and in the same order, the URL of the
// entry in that list (source_urls), which the report turns into links.
TEST_F(RiskExhibitTest, EveryRiskTableGivesTheListEntryUrlOfEachSource) {
  auto items = [](const std::string& text) {
    std::vector<std::string> out;
    for (size_t at = 0;;) {
      size_t end = text.find("; ", at);
      out.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
      if (end == std::string::npos) return out;
      at = end + 2;
    }
  };
  int hit_rows = 0;
  for (const char* id : {"risk_by_entity", "risk_flagged", "risk_papers"}) {
    Rows rows = Exhibit(id);
    ASSERT_FALSE(rows.empty()) << id;
    int aspi = 0;
    for (const auto& row : rows) {
      ASSERT_TRUE(row.count("source_urls")) << id << " has no source_urls column";
      std::vector<std::string> sources = items(row.at("sources")), urls = items(row.at("source_urls"));
      ASSERT_EQ(sources.size(), urls.size()) << id << ": " << row.at("sources") << " | " << row.at("source_urls");
      for (size_t i = 0; i < sources.size(); ++i) {
        if (sources[i].rfind(kAspi, 0) != 0) continue;
        ++aspi;
        EXPECT_EQ(urls[i].rfind("https://unitracker.aspi.org.au/universities/", 0), 0u) << id << ": " << urls[i];
      }
      if (row.count("entity_key") && row.at("entity_key") == "openalex:I204983213") {
        ++hit_rows;
        EXPECT_EQ(row.at("source_urls"),
                  "https://unitracker.aspi.org.au/universities/harbin-institute-of-technology; "
                  "https://en.wikipedia.org/wiki/Seven_Sons_of_National_Defence")
            << id;
      }
    }
    EXPECT_GT(aspi, 0) << id << ": no ASPI source to check";
  }
  EXPECT_GT(hit_rows, 1) << "HIT in risk_by_entity and the flagged list";
}

// A designation of Beihang (by ROR id) listed mid-2020 and removed at the end of 2022: papers of
// earlier years are "listed later", later ones "after delisting", neither counted as ties.
TEST_F(RiskExhibitTest, DesignationsCountOnlyWhileListed) {
  std::string registry = *dir_ / "designation.csv";
  std::ofstream(registry)
      << "key,kind,category,name_en,name_zh,aliases,other_names,country,ror_ids,openalex_ids,supervising_agencies,"
         "defence_labs,listed_on,delisted_on,reason,source,source_date,source_url,licence\n"
         "test:beihang,designation,us_csl_el,Beihang University,,,,CN,00wk2mp56,,,,2020-06-05,2022-12-31,"
         "test listing,Test List,2024-01-01,https://example.org,CC0-1.0\n";
  std::string copy = *dir_ / "designation.db";
  std::filesystem::copy_file(db(), copy);
  analyze::AnalyzeOptions options;
  options.database_path = copy;
  options.out_dir = *dir_ / "designation";
  options.registry_paths = {registry};
  auto analyzed = analyze::Analyze(options);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().ToString();

  auto reader = store::StudyDb::Open(db());
  ASSERT_TRUE(reader.ok());
  auto count = [&](const std::string& where) {
    auto rows = (*reader)->Query(
        "SELECT count(DISTINCT w.id) FROM works w JOIN work_institutions wi ON wi.work_id = w.id "
        "LEFT JOIN institutions i ON i.id = wi.institution_id WHERE coalesce(wi.ror, i.ror) = '00wk2mp56' AND " +
        where);
    return std::stoi((*rows)[0][0]);
  };
  int before = count("w.publication_year < 2020"), during = count("w.publication_year BETWEEN 2020 AND 2022"),
      after = count("w.publication_year > 2022");
  ASSERT_GT(before + during + after, 0);
  Rows entity = Exhibit("risk_by_entity", "designation");
  ASSERT_EQ(entity.size(), 1u);
  EXPECT_EQ(std::stoi(entity[0].at("joint_papers")), during);
  EXPECT_EQ(std::stoi(entity[0].at("papers_listed_later")), before);
  EXPECT_EQ(std::stoi(entity[0].at("papers_after_delisting")), after);
  EXPECT_EQ(entity[0].at("kinds"), "designation");
  EXPECT_EQ(entity[0].at("entry_keys"), "test:beihang");
  EXPECT_EQ(entity[0].at("listings"), "test:beihang: listed 2020-06-05, removed 2022-12-31");
  for (const auto& row : Exhibit("risk_flagged", "designation")) {
    int year = std::stoi(row.at("year"));
    std::string want = year < 2020 ? "not_yet_listed" : year > 2022 ? "delisted" : "listed";
    EXPECT_EQ(row.at("listing_status"), want) << row.at("work_id");
  }
}

}  // namespace
}  // namespace entangle
