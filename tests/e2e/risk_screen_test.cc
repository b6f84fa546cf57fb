// `entangle screen` on a generated corpus: a partner by English name, Chinese name, ROR id and
// OpenAlex id; a home institution's tied partners; per-paper flags; candidates (never a guess)
// for ambiguous and unknown names; every tie with its evidence.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "screen/screen.h"
#include "screen_index/screen_index.h"
#include "support/real_records.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

constexpr const char* kBeihang = "I82880672";

class ScreenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string out, err, corpus = *dir_ / "corpus";
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
  // Runs screen with --format json; returns the parsed answer and the exit code.
  static json Screen(const std::string& args, int* code = nullptr, const std::string& database = "") {
    std::string out, err;
    int rc = RunEntangle(fmt::format("screen --db '{}' {} --format json", database.empty() ? db() : database, args),
                         &out, &err);
    if (code != nullptr) *code = rc;
    EXPECT_TRUE(rc == 0 || rc == 4) << err;
    return json::parse(out, nullptr, false);
  }
  static void ExpectEvidence(const json& tie) {
    for (const char* key : {"source", "source_date", "route", "matched_text", "registry_text", "kind", "entry_key"}) {
      EXPECT_FALSE(tie[key].get<std::string>().empty()) << key << " in " << tie.dump();
    }
  }
  // The sources of a list of tied entities (each entity once, with the entries that tie it).
  static std::vector<json> Sources(const json& entities) {
    std::vector<json> out;
    for (const auto& entity : entities) {
      EXPECT_FALSE(entity["entity_key"].get<std::string>().empty()) << entity.dump();
      EXPECT_FALSE(entity["sources"].empty()) << entity.dump();
      for (const auto& source : entity["sources"]) out.push_back(source);
    }
    return out;
  }
  static TempDir* dir_;
  static json* truth_;
};
TempDir* ScreenTest::dir_ = nullptr;
json* ScreenTest::truth_ = nullptr;

TEST_F(ScreenTest, PartnerByEnglishChineseRorAndOpenAlexId) {
  for (const std::string& query : {std::string("'Beihang University'"), std::string("'北京航空航天大学'"),
                                   std::string("00wk2mp56"), std::string("https://ror.org/00wk2mp56"),
                                   std::string(kBeihang), std::string("https://openalex.org/I82880672")}) {
    int code = 0;
    json answer = Screen("--partner " + query, &code);
    ASSERT_EQ(answer["kind"], "partner") << query << ": " << answer.dump().substr(0, 400);
    EXPECT_EQ(code, 0);
    EXPECT_EQ(answer["institution"]["id"], kBeihang) << query;
    ASSERT_FALSE(answer["ties"].empty()) << query;
    std::set<std::string> categories;
    for (const auto& tie : Sources(answer["ties"])) {
      ExpectEvidence(tie);
      categories.insert(tie["category"]);
    }
    EXPECT_TRUE(categories.count("seven_sons"));
    EXPECT_GT(answer["institution"]["joint_papers"].get<int>(), 0);
    EXPECT_FALSE(answer["papers"].empty());
    EXPECT_FALSE(answer["topics"].empty());
    EXPECT_FALSE(answer["co_institutions"].empty());
  }
}

TEST_F(ScreenTest, PartnerPapersMatchTheDatabaseCount) {
  json answer = Screen(fmt::format("--partner {} --limit 1000", kBeihang));
  int planted = 0;
  for (const auto& e : (*truth_)["planted"]["aspi_partners"]["entries"]) {
    if (e["openalex_id"] == kBeihang) planted = e["joint_works_direct"];
  }
  EXPECT_EQ(answer["institution"]["joint_papers"].get<int>(), planted);
  EXPECT_EQ(static_cast<int>(answer["papers"].size()), planted);
}

TEST_F(ScreenTest, UnknownNameGivesCandidatesNotAGuess) {
  int code = 0;
  json answer = Screen("--partner 'Beihang Institute of Nowhere'", &code);
  EXPECT_EQ(answer["kind"], "unknown");
  EXPECT_EQ(code, 4);
  EXPECT_FALSE(answer.contains("institution"));
  ASSERT_FALSE(answer["candidates"].empty());
  EXPECT_EQ(answer["candidates"][0]["institution"]["id"], kBeihang);
  EXPECT_NE(answer["candidates"][0]["why"].get<std::string>().find("shares words"), std::string::npos);
  json nothing = Screen("--partner 'Zzyzx Qwxv'", &code);
  EXPECT_EQ(nothing["kind"], "unknown");
  EXPECT_TRUE(nothing["candidates"].empty());
  json id = Screen("--partner I1", &code);
  EXPECT_EQ(id["kind"], "unknown");
}

TEST_F(ScreenTest, AmbiguousNameGivesExactCandidatesFirst) {
  // A second institution named "Beihang University" (in another country).
  std::string copy = *dir_ / "ambiguous.db";
  std::filesystem::copy_file(db(), copy, std::filesystem::copy_options::overwrite_existing);
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle,
                         "INSERT INTO institutions (id, display_name, country_code, lineage, works_count) "
                         "VALUES ('I999999', 'Beihang University', 'US', 'I999999', 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_TRUE(screen_index::BuildScreenIndex(handle).ok());
  sqlite3_close(handle);
  int code = 0;
  json answer = Screen("--partner 'beihang university'", &code, copy);
  EXPECT_EQ(answer["kind"], "ambiguous");
  EXPECT_EQ(code, 4);
  ASSERT_GE(answer["candidates"].size(), 2u);
  std::set<std::string> exact;
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(answer["candidates"][i]["why"].get<std::string>().rfind("exact name", 0), 0u);
    exact.insert(answer["candidates"][i]["institution"]["id"]);
  }
  EXPECT_EQ(exact, (std::set<std::string>{kBeihang, "I999999"}));
  std::string out;
  RunEntangle(fmt::format("screen --db {} --partner 'Beihang University'", copy), &out);
  EXPECT_NE(out.find("Candidates (not an answer"), std::string::npos) << out;
}

// The severity rank of a partner's gravest tie as docs/screening.md defines it: a designation in
// force, military and security organs, Seven Sons, defence industry, defence-linked, anything else.
int SeverityRank(const json& entities) {
  int rank = 5;
  for (const auto& entity : entities) {
    for (const auto& s : entity["sources"]) {
      const std::string category = s["category"];
      int r = 5;
      if (s["kind"] == "designation") {
        r = s["delisted_on"].get<std::string>().empty() ? 0 : 5;
      } else if (category == "pla" || category == "pap" || category == "mps" || category == "mss" ||
                 category == "security") {
        r = 1;
      } else if (category == "seven_sons") {
        r = 2;
      } else if (category == "defence_industry") {
        r = 3;
      } else if (category == "defence_linked") {
        r = 4;
      }
      rank = std::min(rank, r);
    }
  }
  return rank;
}

TEST_F(ScreenTest, HomeRanksTiedPartnersWithEvidence) {
  json partner = Screen(fmt::format("--partner {}", kBeihang));
  std::string home;
  for (const auto& c : partner["co_institutions"]) {
    if (c["country"] != "CN" && !c["id"].get<std::string>().empty()) {
      home = c["id"];
      break;
    }
  }
  ASSERT_FALSE(home.empty());
  json answer = Screen("--home " + home + " --limit 1000");
  ASSERT_EQ(answer["kind"], "home");
  ASSERT_FALSE(answer["partners"].empty());
  bool beihang = false;
  int previous = 1 << 30, previous_rank = -1;
  std::set<int> ranks;
  for (const auto& p : answer["partners"]) {
    // Gravest tie first (issue 18), then joint papers.
    int rank = SeverityRank(p["ties"]);
    ranks.insert(rank);
    EXPECT_GE(rank, previous_rank) << p["institution"]["name"] << ": ranked by the gravest tie first";
    if (rank == previous_rank) {
      EXPECT_LE(p["institution"]["joint_papers"].get<int>(), previous) << "then by joint papers";
    }
    previous_rank = rank;
    previous = p["institution"]["joint_papers"];
    EXPECT_EQ(p["institution"]["country"], "CN");
    ASSERT_FALSE(p["ties"].empty());
    for (const auto& t : Sources(p["ties"])) ExpectEvidence(t);
    EXPECT_FALSE(p["example_papers"].empty());
    for (const auto& paper : p["example_papers"]) {
      EXPECT_FALSE(paper["title"].get<std::string>().empty()) << "papers by title, not id";
      EXPECT_EQ(paper["id"].get<std::string>().rfind("W", 0), 0u);
    }
    beihang = beihang || p["institution"]["id"] == kBeihang;
  }
  EXPECT_TRUE(beihang);
  EXPECT_GE(ranks.size(), 2u) << "the home has partners of one severity only: the order is not tested";
}

TEST_F(ScreenTest, WorksListGivesPerPaperFlags) {
  const json& cases = (*truth_)["planted"]["cases"];
  std::string list = *dir_ / "works.txt";
  std::ofstream(list) << cases[0]["work_id"].get<std::string>() << "\n"
                      << "https://openalex.org/" << cases[1]["work_id"].get<std::string>() << "  # the second case\n"
                      << "W1 10.9999/not-there\n";
  json answer = Screen("--works " + list);
  ASSERT_EQ(answer["kind"], "works");
  ASSERT_EQ(answer["papers"].size(), 2u);
  EXPECT_EQ(answer["not_found"], json::array({"W1", "10.9999/not-there"}));
  for (const auto& p : answer["papers"]) {
    ASSERT_FALSE(p["ties"].empty()) << p["id"];
    for (const auto& t : Sources(p["ties"])) {
      ExpectEvidence(t);
      EXPECT_FALSE(t["listing_status"].get<std::string>().empty());
    }
  }
  EXPECT_FALSE(answer["papers"][1]["terms"].empty()) << "video surveillance";
  EXPECT_EQ(answer["papers"][1]["terms"][0]["field"], "title");
  // The same paper by DOI.
  std::string doi = answer["papers"][0]["doi"];
  if (!doi.empty()) {
    std::ofstream(list) << "https://doi.org/" << doi << "\n";
    json by_doi = Screen("--works " + list);
    ASSERT_EQ(by_doi["papers"].size(), 1u);
    EXPECT_EQ(by_doi["papers"][0]["id"], cases[0]["work_id"]);
  }
}

// Issue 18, item 10: ASPI and the curated list both list Harbin Institute of Technology. Screening it
// gave two ties that read like two partners; it is one entity with two sources, each with its own
// evidence, in every format, and a home institution lists it as one partner.
TEST_F(ScreenTest, AnEntityListedByTwoSourcesIsOneEntityWithTwoSources) {
  constexpr const char* kHit = "I204983213";
  json answer = Screen(fmt::format("--partner {}", kHit));
  ASSERT_EQ(answer["kind"], "partner");
  ASSERT_EQ(answer["ties"].size(), 1u) << answer["ties"].dump(1);
  const json& hit = answer["ties"][0];
  EXPECT_EQ(hit["entity_key"], "openalex:I204983213");
  EXPECT_EQ(hit["entity"], "Harbin Institute of Technology");
  EXPECT_EQ(hit["entity_zh"], "哈尔滨工业大学");
  EXPECT_EQ(hit["joined_by"], "same OpenAlex id I204983213; same ROR id 01yqg2h08");
  ASSERT_EQ(hit["sources"].size(), 2u);
  EXPECT_EQ(hit["sources"][0]["entry_key"], "aspi:harbin-institute-of-technology");
  EXPECT_EQ(hit["sources"][0]["source"], "ASPI China Defence Universities Tracker");
  EXPECT_EQ(hit["sources"][0]["source_date"], "2020-08");
  EXPECT_EQ(hit["sources"][1]["entry_key"], "entangle:harbin-institute-of-technology");
  EXPECT_EQ(hit["sources"][1]["source"], "entangle curation");
  EXPECT_EQ(hit["sources"][1]["source_date"], "2026-11-28");
  for (const auto& source : hit["sources"]) {
    ExpectEvidence(source);
    EXPECT_EQ(source["category"], "seven_sons");
    EXPECT_EQ(source["kind"], "assessment") << "an assessment stays an assessment";
    EXPECT_EQ(source["route"], "openalex_id");
    EXPECT_FALSE(source["reason"].get<std::string>().empty());
  }
  EXPECT_NE(hit["sources"][0]["reason"], hit["sources"][1]["reason"]) << "each source keeps its own reason";
  // Its papers: each paper's ties name HIT once.
  for (const auto& paper : answer["papers"]) {
    std::set<std::string> keys;
    for (const auto& entity : paper["ties"]) {
      EXPECT_TRUE(keys.insert(entity["entity_key"]).second) << paper["id"] << ": " << entity["entity_key"] << " twice";
    }
  }

  // Text, Markdown and HTML: one entity line with both sources under it.
  for (const char* format : {"text", "markdown", "html"}) {
    std::string out, err;
    ASSERT_EQ(RunEntangle(fmt::format("screen --db {} --partner {} --format {}", db(), kHit, format), &out, &err), 0)
        << err;
    size_t ties = out.find("Ties"), topics = out.find("Joint papers (");
    ASSERT_TRUE(ties != std::string::npos && topics != std::string::npos && ties < topics) << format;
    std::string section = out.substr(ties, topics - ties);
    const std::string entity = "Harbin Institute of Technology 哈尔滨工业大学 (entity openalex:I204983213): 2 sources";
    EXPECT_EQ(section.find(entity), section.rfind(entity)) << format << ": the entity twice\n" << section;
    EXPECT_NE(section.find(entity), std::string::npos) << format << "\n" << section;
    // Each source with its evidence in words and its record (entry, kind, category, route, date).
    size_t aspi = section.find(
        "Listed by the ASPI China Defence Universities Tracker (Aug 2020) as one of the Seven Sons of National "
        "Defence; matched by its OpenAlex id ");
    size_t curated = section.find(
        "Listed by the entangle curation (28 Nov 2026) as one of the Seven Sons of National Defence; matched by its "
        "OpenAlex id ");
    EXPECT_NE(section.find("Entry aspi:harbin-institute-of-technology; assessment; category seven_sons; route "
                           "openalex_id; source date 2020-08"),
              std::string::npos)
        << format << "\n"
        << section;
    EXPECT_NE(section.find("Entry entangle:harbin-institute-of-technology; assessment; category seven_sons; route "
                           "openalex_id; source date 2026-11-28"),
              std::string::npos)
        << format << "\n"
        << section;
    EXPECT_NE(aspi, std::string::npos) << format << "\n" << section;
    EXPECT_NE(curated, std::string::npos) << format << "\n" << section;
    EXPECT_LT(section.find(entity), aspi) << format << ": the sources are listed under the entity";
    // Each source is an item nested under the entity's item.
    std::string nested = std::string(format) == "text"       ? "\n      - "
                         : std::string(format) == "markdown" ? "\n  - "
                                                             : "<ul>\n<li>";
    EXPECT_NE(section.find(nested), std::string::npos) << format << "\n" << section;
  }

  // A home institution of HIT's: HIT is one partner with one tied entity of two sources.
  std::string home;
  for (const auto& c : answer["co_institutions"]) {
    if (c["country"] != "CN" && !c["id"].get<std::string>().empty()) {
      home = c["id"];
      break;
    }
  }
  ASSERT_FALSE(home.empty());
  json partners = Screen("--home " + home + " --limit 1000");
  ASSERT_EQ(partners["kind"], "home");
  std::set<std::string> ids;
  int hit_rows = 0;
  for (const auto& p : partners["partners"]) {
    EXPECT_TRUE(ids.insert(p["institution"]["id"]).second) << p["institution"]["id"] << " is listed twice";
    std::set<std::string> keys;
    for (const auto& entity : p["ties"]) {
      EXPECT_TRUE(keys.insert(entity["entity_key"]).second) << p["institution"]["id"] << ": an entity twice";
    }
    if (p["institution"]["id"] != kHit) continue;
    ++hit_rows;
    ASSERT_EQ(p["ties"].size(), 1u);
    EXPECT_EQ(p["ties"][0]["sources"].size(), 2u);
  }
  EXPECT_EQ(hit_rows, 1);
}

TEST_F(ScreenTest, EveryFormatShowsTheEvidenceAndTheCaveat) {
  for (const char* format : {"text", "markdown", "html"}) {
    std::string out, err;
    ASSERT_EQ(RunEntangle(fmt::format("screen --db {} --partner {} --format {}", db(), kBeihang, format), &out, &err), 0)
        << err;
    EXPECT_NE(out.find("ASPI China Defence Universities Tracker"), std::string::npos) << format;
    EXPECT_NE(out.find("2020-08"), std::string::npos) << format;
    EXPECT_NE(out.find("openalex_id"), std::string::npos) << format;
    EXPECT_NE(out.find("not a verdict"), std::string::npos) << format;
  }
  std::string out, err;
  EXPECT_EQ(RunEntangle(fmt::format("screen --db {}", db()), &out, &err), 2) << "one of --partner/--home/--works";
}

}  // namespace
}  // namespace entangle
