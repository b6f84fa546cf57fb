// Exhibit 8 and the flagged list on a generated corpus equal what the generator planted
// (ground_truth.json: aspi_partners, dual_use_families, cases), every flag carries its evidence,
// and designations count only from their listing date.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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
  static TempDir* dir_;
  static json* truth_;
};
TempDir* RiskExhibitTest::dir_ = nullptr;
json* RiskExhibitTest::truth_ = nullptr;

TEST_F(RiskExhibitTest, EveryFlagCarriesSourceDateRouteAndMatchedText) {
  Rows flagged = Exhibit("risk_flagged");
  ASSERT_FALSE(flagged.empty());
  for (const auto& row : flagged) {
    for (const char* column : {"source", "source_date", "route", "matched_text", "registry_text", "entity_key", "kind",
                               "family", "listing_status", "authors", "affiliations", "title"}) {
      EXPECT_FALSE(row.at(column).empty()) << column << " of " << row.at("work_id");
    }
    if (row.at("family")[0] != '(') {  // not the end-user row of a military or security organ
      EXPECT_NE(row.at("terms").find("["), std::string::npos) << "terms must show field and span";
    } else {
      EXPECT_TRUE(row.at("category") == "pla" || row.at("category") == "pap" || row.at("category") == "mps" ||
                  row.at("category") == "mss" || row.at("category") == "security")
          << row.at("category");
    }
    if (row.at("route") == "lineage") {
      EXPECT_FALSE(row.at("inherited_from").empty());
    }
  }
  for (const auto& row : Exhibit("risk_by_entity")) {
    EXPECT_FALSE(row.at("source").empty());
    EXPECT_FALSE(row.at("source_date").empty());
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
    if (row.at("source") == kAspi) rows[row.at("entity")] = &row;
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
    if (category == "Military" || category == "Seven sons of national defence" || e["aspi_name"] == "Xidian University") {
      military.insert(e["aspi_name"]);
    }
  }
  std::map<std::string, std::string> name_of;  // entity key -> name
  for (const auto& row : entities) name_of[row.at("entity_key")] = row.at("entity");
  int military_papers = 0, non_civilian_papers = 0;
  for (const auto& row : Exhibit("risk_papers")) {
    bool m = false, n = false;
    for (const std::string& key : Split(row.at("entity_keys"))) {
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
  // The generator's families (categories of another keyword list) are not ours, so each planted term
  // is run through our vocabulary: the hits it produces ("family/term", as risk_papers writes them)
  // belong to the planted term's generator family, and the term is covered when it produces any (some
  // planted terms were dropped from the vocabulary on purpose, data/vocab/README.md). A work carries at
  // most one planted term per generator family, so the family's expected count is the sum of
  // joint_works_by_term over its covered terms, exactly, partly covered families included.
  const json& families = Planted("dual_use_families")["families"];
  auto vocabulary = DualUseVocabulary::Load(SourcePath("data/vocab/dual-use-ai.tsv"));
  ASSERT_TRUE(vocabulary.ok());
  std::map<std::string, std::string> family_of_hit;  // "our family/term" -> generator family
  std::map<std::string, int> expected;
  std::set<std::string> uncovered;  // planted terms the vocabulary does not find
  int partly_covered = 0;
  for (const auto& [family, f] : families.items()) {
    ASSERT_TRUE(f.contains("joint_works_by_term")) << family;
    int sum = 0, covered = 0;
    expected[family] = 0;
    for (const auto& [term, n] : f["joint_works_by_term"].items()) {
      sum += n.get<int>();
      std::vector<VocabularyHit> hits = vocabulary->Find(term, "", {});
      if (hits.empty()) {
        uncovered.insert(term);
        continue;
      }
      ++covered;
      expected[family] += n.get<int>();
      for (const VocabularyHit& hit : hits) {
        auto [it, inserted] = family_of_hit.emplace(hit.family + "/" + hit.term, family);
        EXPECT_EQ(it->second, family) << "'" << hit.term << "' is found in planted terms of two generator families";
      }
    }
    EXPECT_EQ(sum, f["joint_works"].get<int>()) << family << ": joint_works_by_term must sum to joint_works";
    partly_covered += covered > 0 && covered < static_cast<int>(f["joint_works_by_term"].size());
  }

  std::map<std::string, int> found;
  for (const auto& row : Exhibit("risk_papers")) {
    std::set<std::string> in, hit_families;
    for (const std::string& hit : Split(row.at("terms"), ';')) {
      hit_families.insert(hit.substr(0, hit.find('/')));
      auto it = family_of_hit.find(hit);
      if (it == family_of_hit.end()) {
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
  for (const std::string& t : uncovered) list += t + "; ";
  RecordProperty("planted_terms_outside_vocabulary", list);
}

// The flagged list's ASPI rows, per (entity, generator family): the distinct joint papers equal the
// planted joint works with that entry (institution or lineage) and a planted term of that family that
// the vocabulary covers. Terms are mapped back to generator families as in DualUseFamiliesEqualGroundTruth;
// a work carries at most one planted term per generator family, so summing flagged_by_entity_term over
// the covered terms is exact.
TEST_F(RiskExhibitTest, FlaggedListEqualsGroundTruth) {
  const json& aspi = Planted("aspi_partners");
  const json& families = Planted("dual_use_families")["families"];
  ASSERT_TRUE(aspi.contains("flagged_by_entity_term"));
  auto vocabulary = DualUseVocabulary::Load(SourcePath("data/vocab/dual-use-ai.tsv"));
  ASSERT_TRUE(vocabulary.ok());
  std::map<std::string, std::string> family_of_hit;  // "our family/term" -> generator family
  std::set<std::pair<std::string, std::string>> covered;  // (generator family, planted term)
  for (const auto& [family, f] : families.items()) {
    for (const auto& [term, n] : f["joint_works_by_term"].items()) {
      std::vector<VocabularyHit> hits = vocabulary->Find(term, "", {});
      if (hits.empty()) continue;
      covered.insert({family, term});
      for (const VocabularyHit& hit : hits) family_of_hit.emplace(hit.family + "/" + hit.term, family);
    }
  }

  // The registry names a few entries more precisely than the generator ("... (Wuhan)").
  std::set<std::string> registry_names;
  for (const auto& row : Exhibit("risk_by_entity")) {
    if (row.at("source") == kAspi) registry_names.insert(row.at("entity"));
  }
  auto registry_name = [&](const std::string& aspi_name) {
    if (registry_names.count(aspi_name)) return aspi_name;
    auto r = registry_names.lower_bound(aspi_name + " (");
    if (r != registry_names.end() && r->rfind(aspi_name, 0) == 0) return *r;
    return aspi_name;
  };

  using Pair = std::pair<std::string, std::string>;  // (registry entity name, generator family)
  std::map<Pair, int> expected;
  int entries = 0;
  for (const auto& e : aspi["flagged_by_entity_term"]) {
    ++entries;
    const json& by_term = families[e["family"].get<std::string>()]["joint_works_by_term"];
    EXPECT_LE(e["joint_works"].get<int>(), by_term[e["term"].get<std::string>()].get<int>()) << e.dump();
    if (!covered.count({e["family"], e["term"]})) continue;
    expected[{registry_name(e["aspi_name"]), e["family"]}] += e["joint_works"].get<int>();
  }
  ASSERT_GT(entries, 0);

  std::map<Pair, std::set<std::string>> found;  // -> work ids
  for (const auto& row : Exhibit("risk_flagged")) {
    if (row.at("source") != kAspi || row.at("family")[0] == '(') continue;
    for (const std::string& described : Split(row.at("terms"), ';')) {
      size_t bracket = described.find(" [");
      if (bracket == std::string::npos) continue;  // a piece of a quoted text that held a ';'
      auto it = family_of_hit.find(row.at("family") + "/" + described.substr(0, bracket));
      if (it == family_of_hit.end()) {
        ADD_FAILURE() << row.at("work_id") << ": term '" << described << "' comes from no planted term";
        continue;
      }
      found[{row.at("entity"), it->second}].insert(row.at("work_id"));
    }
  }

  std::set<Pair> pairs;
  for (const auto& [pair, n] : expected) {
    if (n > 0) pairs.insert(pair);
  }
  for (const auto& [pair, works] : found) {
    EXPECT_TRUE(expected.count(pair)) << pair.first << " / " << pair.second << ": flagged, not planted";
    pairs.insert(pair);
  }
  std::string figures;  // entity / family: found / expected
  for (const Pair& pair : pairs) {
    int n = found.count(pair) ? static_cast<int>(found[pair].size()) : 0;
    EXPECT_EQ(n, expected[pair]) << pair.first << " / " << pair.second;
    figures += fmt::format("{} / {}: {}/{}; ", pair.first, pair.second, n, expected[pair]);
  }
  RecordProperty("pairs_compared", static_cast<int>(pairs.size()));
  RecordProperty("found_expected", figures);
  EXPECT_GE(pairs.size(), 5u) << "too few (entity, family) pairs to compare";
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
  AnalyzeOptions options;
  options.database_path = copy;
  options.out_dir = *dir_ / "designation";
  options.registry_paths = {registry};
  auto analyzed = Analyze(options);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().ToString();

  auto reader = StudyDbReader::Open(db());
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
  EXPECT_EQ(entity[0].at("kind"), "designation");
  for (const auto& row : Exhibit("risk_flagged", "designation")) {
    int year = std::stoi(row.at("year"));
    std::string want = year < 2020 ? "not_yet_listed" : year > 2022 ? "delisted" : "listed";
    EXPECT_EQ(row.at("listing_status"), want) << row.at("work_id");
  }
}

}  // namespace
}  // namespace entangle
