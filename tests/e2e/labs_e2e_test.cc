// The labs exhibits and the researchers-on-both-sides exhibits on a generated corpus equal what the
// generator planted (ground_truth.json "planted.labs" and "planted.researchers_on_both_sides"):
// synth -> scan -> analyze, then every table compared whole, traps included (docs/labs.md, "Testing").
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "labs/labs.h"
#include "support/real_records.h"
#include "synth/lab_dual_plan.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;
using Row = std::map<std::string, std::string>;

class LabsE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string out, err;
    std::string corpus = *dir_ / "corpus", db = *dir_ / "study.db";
    ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works 8000 --seed 11", corpus), &out, &err), 0) << err;
    ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --progress none", corpus,
                                      SourcePath("studies/ai-europe-china.toml"), db),
                          &out, &err),
              0)
        << err;
    ASSERT_EQ(RunEntangle(fmt::format("analyze --db {} --out {} --top 1000", db, *dir_ / "exhibits"), &out, &err), 0)
        << err;
    json truth = json::parse(std::ifstream(corpus + "/ground_truth.json"));
    labs_ = new json(truth["planted"]["labs"]);
    dual_ = new json(truth["planted"]["researchers_on_both_sides"]);
  }
  static void TearDownTestSuite() {
    delete labs_;
    delete dual_;
    delete dir_;
  }
  static std::vector<Row> Rows(const std::string& exhibit_id) {
    json exhibit = json::parse(std::ifstream(*dir_ / ("exhibits/" + exhibit_id + ".json")));
    std::vector<Row> rows;
    for (const auto& row : exhibit["rows"]) {
      Row m;
      for (size_t i = 0; i < row.size(); ++i) m[exhibit["columns"][i]] = row[i];
      rows.push_back(std::move(m));
    }
    return rows;
  }
  static std::string Group(const std::string& planted) { return planted == "a" ? "Europe" : "China"; }
  static std::string PlantedWork(const std::string& purpose_start) {
    for (const auto& w : (*dual_)["planted_works"]) {
      if (w["purpose"].get<std::string>().rfind(purpose_start, 0) == 0) return w["work_id"];
    }
    ADD_FAILURE() << "no planted work for " << purpose_start;
    return "";
  }
  static TempDir* dir_;
  static json* labs_;
  static json* dual_;
};
TempDir* LabsE2eTest::dir_ = nullptr;
json* LabsE2eTest::labs_ = nullptr;
json* LabsE2eTest::dual_ = nullptr;

// The generator's hand-written lab table must be the registry's: same host, ids and names.
TEST_F(LabsE2eTest, GeneratorLabsAreTheRegistrys) {
  Result<labs::LabRegistry> registry = labs::LoadLabs(labs::DefaultLabsPath());
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  for (const synth::SynthLabDef& def : synth::SynthLabs()) {
    const labs::Lab* lab = registry->Find(def.key);
    ASSERT_NE(lab, nullptr) << def.key;
    EXPECT_EQ(lab->host_country, def.host_country) << def.key;
    std::string ids;
    for (const std::string& id : lab->openalex_ids) ids += (ids.empty() ? "" : " ") + id;
    EXPECT_EQ(ids, def.institution_ids) << def.key;
    std::string names;
    for (const std::string& name : lab->affiliation_names) names += (names.empty() ? "" : "|") + name;
    EXPECT_EQ(names, def.affiliation_names) << def.key;
    EXPECT_EQ(lab->owner_openalex_ids.empty() ? "" : lab->owners.front(), def.owner) << def.key;
    std::string owner_ids;
    for (const std::string& id : lab->owner_openalex_ids) owner_ids += (owner_ids.empty() ? "" : " ") + id;
    EXPECT_EQ(owner_ids, def.owner_ids) << def.key;
  }
}

TEST_F(LabsE2eTest, LabsEqualTheTruth) {
  std::map<std::string, json> planted;
  for (const auto& lab : (*labs_)["labs"]) planted[lab["lab_key"]] = lab;
  size_t seen = 0, with_papers = 0;
  for (const Row& row : Rows("labs")) {
    auto found = planted.find(row.at("lab_key"));
    if (found == planted.end()) {
      EXPECT_EQ(row.at("joint_papers"), "0") << row.at("lab_key") << ": the corpus reaches no other lab";
      continue;
    }
    ++seen;
    const json& want = found->second;
    EXPECT_EQ(std::stoi(row.at("joint_papers")), want["joint_works"].get<int>()) << row.at("lab_key");
    EXPECT_EQ(std::stoi(row.at("papers_by_id")), want["joint_works_by_id"].get<int>()) << row.at("lab_key");
    EXPECT_EQ(std::stoi(row.at("papers_by_name")), want["joint_works_by_name_only"].get<int>()) << row.at("lab_key");
    EXPECT_EQ(std::stoi(row.at("partner_institutions")), static_cast<int>(want["partners"].size()))
        << row.at("lab_key");
    with_papers += want["joint_works"].get<int>() > 0;
  }
  EXPECT_EQ(seen, planted.size());
  // Planted: Microsoft Research Asia by id, Huawei Zurich and Tencent AI Lab by raw string only.
  EXPECT_GE(with_papers, 3u);
  EXPECT_GE(planted.at("lab:huawei-zurich-research-center")["joint_works_by_name_only"].get<int>(), 1);
  EXPECT_GE(planted.at("lab:tencent-ai-lab")["joint_works_by_name_only"].get<int>(), 1);
  EXPECT_GE(planted.at("lab:microsoft-research-asia")["joint_works_by_id"].get<int>(), 1);
}

TEST_F(LabsE2eTest, LabsByYearEqualTheTruth) {
  std::map<std::pair<std::string, std::string>, int> want, got;
  for (const auto& lab : (*labs_)["labs"]) {
    for (const auto& [year, n] : lab["by_year"].items()) want[{lab["lab_key"], year}] = n;
  }
  for (const Row& row : Rows("labs_by_year")) {
    for (const auto& [column, value] : row) {
      if (column.size() == 4 && std::isdigit(static_cast<unsigned char>(column[0])) && value != "0") {
        got[{row.at("lab_key"), column}] = std::stoi(value);
      }
    }
  }
  EXPECT_EQ(got, want);
  EXPECT_FALSE(want.empty());
}

TEST_F(LabsE2eTest, LabsPartnersEqualTheTruth) {
  std::map<std::pair<std::string, std::string>, int> want, got;
  for (const auto& lab : (*labs_)["labs"]) {
    for (const auto& p : lab["partners"]) want[{lab["lab_key"], p["id"]}] = p["joint_works"];
  }
  for (const Row& row : Rows("labs_partners"))
    got[{row.at("lab_key"), row.at("partner_key")}] = std::stoi(row.at("papers"));
  EXPECT_EQ(got, want);
  // The raw-string lab's partners are the Chinese institutions of its paper (Tsinghua, Zhejiang).
  EXPECT_TRUE(want.count({"lab:huawei-zurich-research-center", "I99065089"}));
  EXPECT_TRUE(want.count({"lab:huawei-zurich-research-center", "I76130692"}));
}

// labs_owners: per company, side and year, its papers through its labs beside those through its other
// institutions, with their partners, for the owners of the labs the corpus reaches (the owners of
// other labs have no truth: their labs match nothing, their institutions are the same code path).
TEST_F(LabsE2eTest, LabOwnersEqualTheTruth) {
  using Counts = std::map<std::vector<std::string>, std::vector<int>>;  // (owner, side, year) -> counts
  Counts want, got;
  std::set<std::string> owners;
  auto side = [](const std::string& planted) {
    return planted == "a" ? "Europe" : planted == "b" ? "China" : planted.empty() ? "neither" : "Europe+China";
  };
  for (const auto& o : (*labs_)["owners"]) {
    owners.insert(o["owner"]);
    want[{o["owner"], side(o["side"]), o["year"]}] = {o["joint_works"], o["lab_works"], o["other_works"],
                                                      o["lab_partners"], o["other_partners"]};
  }
  for (const Row& row : Rows("labs_owners")) {
    if (owners.count(row.at("owner")) == 0) continue;
    got[{row.at("owner"), row.at("side"), row.at("year")}] = {
        std::stoi(row.at("papers")), std::stoi(row.at("lab_papers")), std::stoi(row.at("other_papers")),
        std::stoi(row.at("lab_partner_institutions")), std::stoi(row.at("other_partner_institutions"))};
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(owners, (std::set<std::string>{"Huawei Technologies", "Microsoft", "Tencent"}));
  // Planted: Huawei's Zurich lab (Europe) and Huawei in China on one 2019 paper; the author filed under
  // Huawei Technologies (Switzerland) who wrote the lab's name is the lab, not Huawei in Europe.
  const std::string planted = PlantedWork("a company's lab beside its other institutions");
  bool seen = false;
  for (const Row& row : Rows("labs_owners")) {
    if (row.at("owner") != "Huawei Technologies" || row.at("year") != "2019") continue;
    if (row.at("side") == "Europe") {
      EXPECT_GE(std::stoi(row.at("lab_papers")), 1);
    }
    if (row.at("side") == "China") {
      seen = true;
      EXPECT_NE(row.at("other_institutions").find("Huawei Technologies (China) [CN]"), std::string::npos);
    }
  }
  EXPECT_TRUE(seen) << planted;
  EXPECT_GE((want[{"Huawei Technologies", "Europe", "all"}])[1], 2) << "two planted Zurich papers";
}

// A name inside another name never matches: the institution "Tencent AI Lab Foundation", the raw string
// "Huawei Zurich Research Center Liaison Office", Zhejiang University with Edinburgh (not their institute).
TEST_F(LabsE2eTest, LabNameTrapsDoNotMatch) {
  const std::string traps = PlantedWork("traps, no lab");
  const std::string by_raw = PlantedWork("lab by raw affiliation string only: 'Huawei Zurich");
  bool raw_seen = false;
  for (const Row& row : Rows("labs_papers")) {
    EXPECT_NE(row.at("work_id"), traps) << row.at("lab_key") << " " << row.at("matched_text");
    if (row.at("work_id") == by_raw) {
      raw_seen = true;
      EXPECT_EQ(row.at("lab_key"), "lab:huawei-zurich-research-center");
      EXPECT_EQ(row.at("route"), "affiliation_name");
      EXPECT_EQ(row.at("evidence"), "raw_affiliation");
      EXPECT_EQ(row.at("matched_text"), "Huawei Zurich Research Center");
    }
  }
  EXPECT_TRUE(raw_seen);
}

TEST_F(LabsE2eTest, JointPapersSplitEqualTheTruth) {
  for (const Row& row : Rows("dual_joint_by_year")) {
    if (row.at("year") == "all") continue;
    const json& want = (*dual_)["joint_by_year"][row.at("year")];
    EXPECT_EQ(std::stoi(row.at("via_separate_people")), want["via_separate_people"].get<int>()) << row.at("year");
    EXPECT_EQ(std::stoi(row.at("only_via_dual_affiliation")), want["only_via_dual_affiliation"].get<int>())
        << row.at("year");
    EXPECT_EQ(std::stoi(row.at("not_in_authorships")), want["not_in_authorships"].get<int>()) << row.at("year");
  }
  std::map<std::pair<std::string, std::string>, std::vector<int>> want, got;
  for (const auto& c : (*dual_)["joint_by_country"]) {
    want[{Group(c["group"]), c["country"]}] = {c["via_separate_people"], c["only_via_dual_affiliation"],
                                               c["not_in_authorships"]};
  }
  for (const Row& row : Rows("dual_joint_by_country")) {
    got[{row.at("group"), row.at("country")}] = {std::stoi(row.at("via_separate_people")),
                                                 std::stoi(row.at("only_via_dual_affiliation")),
                                                 std::stoi(row.at("not_in_authorships"))};
  }
  EXPECT_EQ(got, want);
  // Planted: two papers joint only through one person (one with an id, one without).
  int only_dual = 0;
  for (const auto& [year, split] : (*dual_)["joint_by_year"].items())
    only_dual += split["only_via_dual_affiliation"].get<int>();
  EXPECT_GE(only_dual, 2);
}

TEST_F(LabsE2eTest, DualAffiliationsByYearEqualTheTruth) {
  size_t years = 0;
  for (const Row& row : Rows("dual_affiliations_by_year")) {
    const json& want = (*dual_)["by_year"][row.at("year")];
    EXPECT_EQ(std::stoi(row.at("dual_authors")), want["dual_authors"].get<int>()) << row.at("year");
    EXPECT_EQ(std::stoi(row.at("dual_authorships_without_id")), want["dual_authorships_without_id"].get<int>())
        << row.at("year");
    EXPECT_EQ(std::stoi(row.at("papers")), want["papers"].get<int>()) << row.at("year");
    ++years;
  }
  EXPECT_EQ(years, 6u);
}

TEST_F(LabsE2eTest, PairsEqualTheTruth) {
  using Counts = std::map<std::pair<std::string, std::string>, std::pair<int, int>>;
  Counts want_countries, got_countries, want_institutions, got_institutions;
  for (const auto& p : (*dual_)["by_country_pair"]) {
    want_countries[{p["group_a_country"], p["group_b_country"]}] = {p["people"], p["papers"]};
  }
  for (const Row& row : Rows("dual_affiliations_by_country_pair")) {
    got_countries[{row.at("group_a_country"), row.at("group_b_country")}] = {std::stoi(row.at("people")),
                                                                             std::stoi(row.at("papers"))};
  }
  EXPECT_EQ(got_countries, want_countries);
  for (const auto& p : (*dual_)["by_institution_pair"]) {
    want_institutions[{p["group_a_institution"], p["group_b_institution"]}] = {p["people"], p["papers"]};
  }
  for (const Row& row : Rows("dual_affiliations_by_institution_pair")) {
    got_institutions[{row.at("group_a_institution_key"), row.at("group_b_institution_key")}] = {
        std::stoi(row.at("people")), std::stoi(row.at("papers"))};
  }
  EXPECT_EQ(got_institutions, want_institutions);
  // Planted: TUM-Tsinghua is held by two people (A5000000212 and "Wei Wang" A5000000224).
  EXPECT_GE(want_institutions[std::make_pair(std::string("I62916508"), std::string("I99065089"))].first, 2);
}

// One row per person: author ids told apart whatever the names, an authorship without an id alone.
TEST_F(LabsE2eTest, DualAffiliatedPeopleEqualTheTruth) {
  std::multiset<std::pair<std::string, std::string>> want, got;  // (author id, work ids)
  for (const auto& p : (*dual_)["people"]) {
    std::string works;
    for (const auto& w : p["work_ids"]) works += (works.empty() ? "" : " ") + w.get<std::string>();
    want.insert({p["author_id"], works});
  }
  std::map<std::string, std::string> names;
  for (const Row& row : Rows("dual_affiliations")) {
    got.insert({row.at("author_id"), row.at("work_ids")});
    names[row.at("author_id")] = row.at("author_name");
  }
  EXPECT_EQ(got, want);
  // Two people named "Wei Wang" with different ids: two rows, never merged.
  EXPECT_EQ(names["A5000000224"], "Wei Wang");
  EXPECT_EQ(names["A5000000225"], "Wei Wang");
  // The authorship without an id that holds both groups is a row of its own (empty author id).
  EXPECT_TRUE(got.count({"", PlantedWork("joint only via a dual affiliation without an author id")}));
}

TEST_F(LabsE2eTest, MovingAuthorsEqualTheTruth) {
  std::set<std::vector<std::string>> want, got;
  for (const auto& m : (*dual_)["moving"]) {
    std::string both;
    for (const auto& y : m["both_groups_years"]) both += (both.empty() ? "" : " ") + std::to_string(y.get<int>());
    want.insert({m["author_id"], Group(m["from_group"]), Group(m["to_group"]),
                 std::to_string(m["from_year"].get<int>()), std::to_string(m["to_year"].get<int>()), m["from_work"],
                 m["to_work"], both});
  }
  for (const Row& row : Rows("dual_affiliations_moving")) {
    got.insert({row.at("author_id"), row.at("from_group"), row.at("to_group"), row.at("from_year"), row.at("to_year"),
                row.at("from_work"), row.at("to_work"), row.at("both_groups_years")});
  }
  EXPECT_EQ(got, want);
  std::set<std::string> movers;
  for (const auto& m : got) movers.insert(m[0]);
  EXPECT_EQ(movers, (std::set<std::string>{"A5000000216", "A5000000221"}));
}

}  // namespace
}  // namespace entangle
