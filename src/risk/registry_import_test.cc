// Importers of government lists, on the transcriptions in ../shared (test fixtures only: the
// OpenSanctions copies are CC-BY-NC and are never shipped in data/).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "risk/risk.h"
#include "support/temp_dir.h"

namespace entangle::risk {
namespace {

namespace fs = std::filesystem;

const std::string kLists = std::string(ENTANGLE_SHARED_DIR) + "/data/reference/us-lists/";
const std::string kCsl = kLists + "us_trade_csl_format_sample_moov_watchman.csv";
const std::string k1260H = kLists + "us_dod_1260h_chinese_military_companies.csv";
const std::string k1286 = kLists + "us_ndaa_section1286_foreign_institutions.csv";
const std::string k1286Ror = kLists + "us_ndaa_section1286_china_with_ror.csv";

using entangle::testing::TempDir;

const RegistryEntry* ByName(const std::vector<RegistryEntry>& entries, const std::string& name,
                            const std::string& listed_on = "") {
  for (const RegistryEntry& e : entries) {
    if (e.name_en == name && (listed_on.empty() || e.listed_on == listed_on)) return &e;
  }
  return nullptr;
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// ---- Consolidated Screening List ---------------------------------------------------------------

TEST(RegistryImportTest, ConsolidatedScreeningListCsvKeepsEntitiesWithListAndDates) {
  Result<std::vector<RegistryEntry>> r = ImportConsolidatedScreeningList(kCsl, {"2026-11-01", {}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 9u);  // 13 rows, 4 individuals
  for (const RegistryEntry& e : *r) {
    EXPECT_EQ(e.kind, "designation");
    EXPECT_EQ(e.source_date, "2026-11-01");
    EXPECT_FALSE(e.licence.empty());
    EXPECT_EQ(e.key.rfind("us_csl:", 0), 0u) << e.key;
  }
  const RegistryEntry* cetc = ByName(*r, "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)");
  ASSERT_NE(cetc, nullptr);
  EXPECT_EQ(cetc->category, "us_csl_el");
  EXPECT_EQ(cetc->source, "US Consolidated Screening List: Entity List (EL) - Bureau of Industry and Security");
  EXPECT_EQ(cetc->country, "CN");
  EXPECT_EQ(cetc->listed_on, "2018-08-01");
  EXPECT_TRUE(cetc->delisted_on.empty());
  EXPECT_TRUE(Contains(cetc->aliases, "Hebei Semiconductor Research Institute"));
  EXPECT_TRUE(Contains(cetc->aliases, "CETC Research Institute 13"));  // "and CETC Research Institute 13"
  EXPECT_TRUE(Contains(cetc->other_names, "HSRI"));                    // acronyms never match
  EXPECT_NE(cetc->reason.find("83 FR 37423"), std::string::npos);
  EXPECT_EQ(cetc->source_url, "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list");

  const RegistryEntry* sinobright = ByName(*r, "Sinobright Import and Export Company");
  ASSERT_NE(sinobright, nullptr) << "the 'and any successor' clause is not part of the name";
  EXPECT_EQ(sinobright->category, "us_csl_isn");
  EXPECT_EQ(ByName(*r, "SME BANK")->country, "RU");
  EXPECT_EQ(ByName(*r, "Academy of Aerospace Solid Propulsion Technology (AASPT)")->category, "us_csl_meu");
}

TEST(RegistryImportTest, ConsolidatedScreeningListJson) {
  TempDir dir;
  const std::string path = dir.Write("consolidated.json", R"json({"total": 2, "results": [
    {"id": "99ed1b05", "source": "Entity List (EL) - Bureau of Industry and Security", "type": null,
     "name": "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)",
     "addresses": [{"address": "113 Hezuo Road", "city": "Shijiazhuang", "country": "CN"}],
     "alt_names": ["Hebei Semiconductor Research Institute", "HSRI"], "programs": [],
     "start_date": "2018-08-01", "end_date": null, "federal_register_notice": "83 FR 37423",
     "source_list_url": "https://www.bis.doc.gov/"},
    {"id": "1", "source": "Specially Designated Nationals (SDN) - Treasury Department", "type": "Individual",
     "name": "RIM, Ryong Nam", "addresses": [], "alt_names": []}]})json");
  Result<std::vector<RegistryEntry>> r = ImportConsolidatedScreeningList(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  const RegistryEntry& e = (*r)[0];
  EXPECT_EQ(e.key, "us_csl:99ed1b05");
  EXPECT_EQ(e.country, "CN");
  EXPECT_EQ(e.listed_on, "2018-08-01");
  EXPECT_EQ(e.aliases, std::vector<std::string>{"Hebei Semiconductor Research Institute"});
  EXPECT_EQ(e.source_date.size(), 10u);  // the file's date, YYYY-MM-DD
}

TEST(RegistryImportTest, ConsolidatedScreeningListWithBomCrlfAndQuotedLineBreak) {
  TempDir dir;
  const std::string path = dir.Write(
      "csl.csv",
      "\xEF\xBB\xBF_id,source,type,name,addresses,start_date,end_date,alt_names,source_list_url\r\n"
      "a1,\"Military End User (MEU) List - Bureau of Industry and Security\",,\"Test Institute, \"\"Number 1\"\"\","
      "\"Road 1,\r\nXian, CN\",2020-12-23,,Another Test Institute; and Third Name,https://x\r\n");
  Result<std::vector<RegistryEntry>> r = ImportConsolidatedScreeningList(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].name_en, "Test Institute, \"Number 1\"");
  EXPECT_EQ((*r)[0].country, "CN");
  EXPECT_EQ((*r)[0].aliases, (std::vector<std::string>{"Another Test Institute", "Third Name"}));
}

// ---- DoD 1260H ---------------------------------------------------------------------------------

TEST(RegistryImportTest, Dod1260HOneEntryPerListingWithDates) {
  Result<std::vector<RegistryEntry>> r = Import1260H(k1260H);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 397u);
  const RegistryEntry* megvii = ByName(*r, "Beijing Megvii Technology Co., Ltd.");
  ASSERT_NE(megvii, nullptr);
  EXPECT_EQ(megvii->listed_on, "2024-01-31");
  EXPECT_EQ(megvii->delisted_on, "2025-01-07");
  EXPECT_EQ(megvii->country, "CN");
  EXPECT_EQ(megvii->category, "us_1260h");
  EXPECT_TRUE(Contains(megvii->aliases, "Megvii"));
  EXPECT_EQ(megvii->key, "us_1260h:beijing-megvii-technology-co-ltd:2024-01-31");

  int hikvision = 0;
  for (const RegistryEntry& e : *r) hikvision += e.name_en == "Hangzhou Hikvision Digital Technology Co., Ltd.";
  EXPECT_EQ(hikvision, 3);  // listed in 2021, and identified again in 2025 and 2026
  const RegistryEntry* avic = ByName(*r, "AVIC Heavy Machinery Company Limited", "2021-06-03");
  ASSERT_NE(avic, nullptr);
  EXPECT_NE(avic->reason.find("parent: Aviation Industry Corporation of China Ltd."), std::string::npos);
  EXPECT_TRUE(Contains(avic->other_names, "AVIC Heavy Machinery") || Contains(avic->aliases, "AVIC Heavy Machinery"));
}

TEST(RegistryImportTest, Dod1260HDatesPlaceAPaperBeforeDuringOrAfterTheListing) {
  Result<std::vector<RegistryEntry>> r = Import1260H(k1260H);
  ASSERT_TRUE(r.ok());
  const RegistryEntry* megvii = ByName(*r, "Beijing Megvii Technology Co., Ltd.");
  ASSERT_NE(megvii, nullptr);
  EXPECT_EQ(ListingStatusIn(*megvii, 2023), ListingStatus::kNotYetListed);  // paper before the listing
  EXPECT_EQ(ListingStatusIn(*megvii, 2024), ListingStatus::kListed);
  EXPECT_EQ(ListingStatusIn(*megvii, 2026), ListingStatus::kDelisted);      // paper after the delisting
  const RegistryEntry* avic = ByName(*r, "Aviation Industry Corporation of China Ltd.", "2021-06-03");
  ASSERT_NE(avic, nullptr);
  EXPECT_FALSE(DesignationActiveIn(*avic, 2020));
  EXPECT_TRUE(DesignationActiveIn(*avic, 2022));
}

TEST(RegistryImportTest, Dod1260HCountryCanBeOverridden) {
  ImportOptions options;
  options.default_country = "";
  Result<std::vector<RegistryEntry>> r = Import1260H(k1260H, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].country, "");
}

// ---- NDAA §1286 --------------------------------------------------------------------------------

TEST(RegistryImportTest, Ndaa1286RowsPerYearAreMergedPerInstitution) {
  Result<std::vector<RegistryEntry>> r = ImportNdaa1286(k1286);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const RegistryEntry* hit = ByName(*r, "Harbin Institute of Technology");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->listed_on, "2022");  // its first report year
  EXPECT_EQ(hit->country, "CN");      // given in the 2025 row only, carried to the institution
  EXPECT_NE(hit->reason.find("FY2022, FY2023, FY2024, FY2025"), std::string::npos) << hit->reason;
  EXPECT_EQ(hit->category, "us_ndaa_1286");

  const RegistryEntry* mabna = ByName(*r, "Mabna Institute");
  ASSERT_NE(mabna, nullptr);
  EXPECT_EQ(mabna->delisted_on, "2026-07-23");

  const RegistryEntry* beihang = ByName(*r, "Beihang University");
  ASSERT_NE(beihang, nullptr);
  EXPECT_EQ(beihang->listed_on, "2025");

  std::vector<std::string> keys;
  for (const RegistryEntry& e : *r) keys.push_back(e.key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end()) << "keys are unique";
  EXPECT_LT(r->size(), 443u);  // fewer entries than rows
}

TEST(RegistryImportTest, Ndaa1286WithRorIds) {
  ImportOptions options;
  options.default_country = "CN";  // this table lists Chinese institutions only and has no country column
  Result<std::vector<RegistryEntry>> r = ImportNdaa1286(k1286Ror, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 108u);
  const RegistryEntry* amms = ByName(*r, "Academy of Military Medical Sciences");
  ASSERT_NE(amms, nullptr);
  EXPECT_EQ(amms->ror_ids, std::vector<std::string>{"02bv3c993"});
  EXPECT_EQ(amms->listed_on, "2022");
  EXPECT_EQ(amms->country, "CN");
}

// ---- Loading lists as registry files -----------------------------------------------------------

TEST(RegistryImportTest, LoadRegistryRecognisesEachFormat) {
  Result<Registry> r = LoadRegistry({kCsl, k1260H, k1286});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  size_t csl = 0, h = 0, n = 0;
  for (const RegistryEntry& e : r->entries) {
    csl += e.category.rfind("us_csl", 0) == 0;
    h += e.category == "us_1260h";
    n += e.category == "us_ndaa_1286";
  }
  EXPECT_EQ(csl, 9u);
  EXPECT_EQ(h, 397u);
  EXPECT_GT(n, 100u);
}

TEST(RegistryImportTest, ImportedDesignationMatchesAStudyInstitution) {
  Result<Registry> r = LoadRegistry({k1286});
  ASSERT_TRUE(r.ok());
  Result<RegistryMatcher> m = RegistryMatcher::Create(*r);
  ASSERT_TRUE(m.ok());
  InstitutionFacts hit;
  hit.id = "I204983213";
  hit.display_name = "Harbin Institute of Technology";
  hit.country_code = "CN";
  std::vector<RiskMatch> matches = m->Match(hit);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].route, "name");
  EXPECT_EQ(matches[0].entry->kind, "designation");
  EXPECT_TRUE(DesignationActiveIn(*matches[0].entry, 2022));
  EXPECT_FALSE(DesignationActiveIn(*matches[0].entry, 2021));
}

struct BadFileCase {
  const char* name;
  std::string file, content;
  const char* message_part;
};

void PrintTo(const BadFileCase& c, std::ostream* os) { *os << c.name; }

class RegistryImportErrorTest : public ::testing::TestWithParam<BadFileCase> {};

TEST_P(RegistryImportErrorTest, Rejects) {
  TempDir dir;
  const std::string path = dir.Write(GetParam().file, GetParam().content);
  Result<Registry> r = LoadRegistry({path});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(GetParam().message_part), std::string::npos) << r.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Registry, RegistryImportErrorTest,
    ::testing::Values(
        BadFileCase{"unknown_format", "x.csv", "a,b\n1,2\n", "not a registry table"},
        BadFileCase{"bad_json", "x.json", "{\"results\": [", "not valid JSON"},
        BadFileCase{"json_not_list", "x.json", "{\"results\": 3}", "expected a JSON array"},
        BadFileCase{"registry_without_provenance", "r.csv",
                    "key,kind,category,name_en,name_zh,source,source_date,licence\nk,assessment,pla,X,,S,,CC0\n",
                    "lacks its provenance"},
        BadFileCase{"registry_bad_kind", "r.csv",
                    "key,kind,category,name_en,name_zh,source,source_date,licence\nk,score,pla,X,,S,2026,CC0\n",
                    "kind must be"},
        BadFileCase{"registry_missing_column", "r.csv", "key,kind,name_en,source\nk,assessment,X,S\n",
                    "lacks the column"},
        BadFileCase{"registry_duplicate_key", "r.csv",
                    "key,kind,category,name_en,name_zh,source,source_date,licence\n"
                    "k,assessment,pla,X,,S,2026,CC0\nk,assessment,pla,Y,,S,2026,CC0\n",
                    "already used"},
        BadFileCase{"registry_bad_country", "r.csv",
                    "key,kind,category,name_en,name_zh,country,source,source_date,licence\n"
                    "k,assessment,pla,X,,Atlantis,S,2026,CC0\n",
                    "not an ISO country code"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace entangle::risk
