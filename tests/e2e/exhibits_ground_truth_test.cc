// Exhibits on a generated corpus equal what the generator planted (ground_truth.json):
// Exhibits 1-2 (joint papers by country and year), Exhibit 7 (funders), companies and the
// institution pairs of Exhibit 6.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/real_records.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

class ExhibitsGroundTruthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string out, err;
    std::string corpus = *dir_ / "corpus", db = *dir_ / "study.db";
    ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works 15000 --seed 5", corpus), &out, &err), 0) << err;
    ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --progress none", corpus,
                                      SourcePath("studies/ai-europe-china.toml"), db),
                          &out, &err),
              0)
        << err;
    ASSERT_EQ(RunEntangle(fmt::format("analyze --db {} --out {} --top 1000", db, *dir_ / "exhibits"), &out, &err), 0)
        << err;
    truth_ = new json(json::parse(std::ifstream(corpus + "/ground_truth.json")));
  }
  static void TearDownTestSuite() {
    delete truth_;
    delete dir_;
  }
  static json Exhibit(const std::string& id) { return json::parse(std::ifstream(*dir_ / ("exhibits/" + id + ".json"))); }
  // Rows of an exhibit as maps column -> cell.
  static std::vector<std::map<std::string, std::string>> Rows(const json& exhibit) {
    std::vector<std::map<std::string, std::string>> rows;
    for (const auto& row : exhibit["rows"]) {
      std::map<std::string, std::string> m;
      for (size_t i = 0; i < row.size(); ++i) m[exhibit["columns"][i]] = row[i];
      rows.push_back(std::move(m));
    }
    return rows;
  }
  static TempDir* dir_;
  static json* truth_;
};
TempDir* ExhibitsGroundTruthTest::dir_ = nullptr;
json* ExhibitsGroundTruthTest::truth_ = nullptr;

TEST_F(ExhibitsGroundTruthTest, JointPapersByCountryAndYear) {
  size_t cells = 0;
  for (const auto& row : Rows(Exhibit("joint_by_country_year"))) {
    const std::string& country = row.at("country");
    for (const auto& [column, value] : row) {
      if (column.size() != 4 || !std::isdigit(static_cast<unsigned char>(column[0]))) continue;
      const json& planted = (*truth_)["joint_by_country_year"];
      int want = planted.contains(country) && planted[country].contains(column) ? planted[country][column].get<int>() : 0;
      EXPECT_EQ(std::stoi(value), want) << country << " " << column;
      ++cells;
    }
  }
  EXPECT_GT(cells, 60u);
  for (const auto& row : Rows(Exhibit("joint_by_year"))) {
    EXPECT_EQ(std::stoi(row.at("joint_papers")), (*truth_)["joint_by_year"][row.at("year")].get<int>()) << row.at("year");
  }
}

TEST_F(ExhibitsGroundTruthTest, FundersOfJointPapers) {
  const json& planted = (*truth_)["planted"]["funders"];
  auto funding = Rows(Exhibit("funding"));
  ASSERT_FALSE(funding.empty());
  EXPECT_EQ(funding[0].at("year"), "all");
  EXPECT_EQ(std::stoi(funding[0].at("with_funder")), planted["joint_works_with_funder"].get<int>());
  std::map<std::string, int> by_funder;
  for (const auto& f : planted["by_funder"]) by_funder[f["id"]] = f["joint_works"];
  size_t checked = 0;
  for (const auto& row : Rows(Exhibit("top_funders"))) {
    auto it = by_funder.find(row.at("funder_id"));
    ASSERT_NE(it, by_funder.end()) << row.at("funder_id");
    EXPECT_EQ(std::stoi(row.at("papers")), it->second) << row.at("funder");
    ++checked;
  }
  EXPECT_EQ(checked, by_funder.size());
}

TEST_F(ExhibitsGroundTruthTest, CompaniesRolledUpAlongLineage) {
  const json& planted = (*truth_)["planted"]["companies"];
  std::map<std::string, int> by_company;
  for (const auto& c : planted["by_company"]) by_company[c["id"]] = c["joint_works"];
  size_t checked = 0;
  for (const auto& row : Rows(Exhibit("top_companies"))) {
    auto it = by_company.find(row.at("company_id"));
    ASSERT_NE(it, by_company.end()) << row.at("company");
    EXPECT_EQ(std::stoi(row.at("papers")), it->second) << row.at("company");
    ++checked;
  }
  EXPECT_EQ(checked, by_company.size());
  for (const auto& row : Rows(Exhibit("companies"))) {
    if (row.at("company_affiliation") == "in Europe") {
      EXPECT_EQ(std::stoi(row.at("papers")), planted["joint_works_with_european_company"].get<int>());
    }
  }
}

TEST_F(ExhibitsGroundTruthTest, TopInstitutionPairs) {
  std::map<std::pair<std::string, std::string>, int> pairs;
  for (const auto& row : Rows(Exhibit("institution_pairs"))) {
    if (row.at("group") == "Europe") pairs[{row.at("institution_id"), row.at("partner_id")}] = std::stoi(row.at("joint_papers"));
  }
  size_t checked = 0;
  for (const auto& p : (*truth_)["planted"]["institution_pairs"]["pairs"]) {
    auto it = pairs.find({p["europe"]["id"], p["china"]["id"]});
    ASSERT_NE(it, pairs.end()) << p.dump();
    EXPECT_EQ(it->second, p["joint_works"].get<int>()) << p.dump();
    ++checked;
  }
  EXPECT_GT(checked, 10u);
}

// `entangle network` writes its four exports, says where, and links each planted pair with as
// many joint works as the generator planted.
TEST_F(ExhibitsGroundTruthTest, NetworkCommandLinksThePlantedPairs) {
  std::string out, err, dir = *dir_ / "network";
  ASSERT_EQ(RunEntangle(fmt::format("network --db {} --out {}", *dir_ / "study.db", dir), &out, &err), 0) << err;
  for (const char* name : {"institutions.gexf", "institutions.graphml", "institutions.vosviewer.json",
                           "institutions.network.json"}) {
    EXPECT_NE(out.find(dir + "/" + name), std::string::npos) << name << " not reported in:\n" << out;
  }
  json net = json::parse(std::ifstream(dir + "/institutions.network.json"));
  std::map<std::string, size_t> node_of;
  for (const auto& n : net["nodes"]) node_of[n["key"]] = n["index"];
  std::map<std::pair<size_t, size_t>, int> weight;
  for (const auto& e : net["edges"]) {
    size_t a = e["source"], b = e["target"];
    weight[{std::min(a, b), std::max(a, b)}] = e["weight"];
  }
  size_t checked = 0;
  for (const auto& p : (*truth_)["planted"]["institution_pairs"]["pairs"]) {
    auto europe = node_of.find(p["europe"]["id"]), china = node_of.find(p["china"]["id"]);
    ASSERT_TRUE(europe != node_of.end() && china != node_of.end()) << p.dump();
    auto link = weight.find({std::min(europe->second, china->second), std::max(europe->second, china->second)});
    ASSERT_NE(link, weight.end()) << p.dump();
    EXPECT_EQ(link->second, p["joint_works"].get<int>()) << p.dump();
    ++checked;
  }
  EXPECT_GT(checked, 10u);
  EXPECT_NE(RunEntangle(fmt::format("network --db {} --out {}", *dir_ / "missing.db", *dir_ / "n2"), &out, &err), 0);
  EXPECT_NE(err.find("missing.db"), std::string::npos) << err;
}

}  // namespace
}  // namespace entangle
