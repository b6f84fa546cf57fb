// The shipped registry (data/registry/) and designation dates.
#include "risk/risk.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <ostream>
#include <string>
#include <vector>

namespace entangle::risk {
namespace {

const std::string kRegistryDir = std::string(ENTANGLE_SOURCE_DIR) + "/data/registry";

const Registry& Shipped() {
  static const Registry* registry = [] {
    Result<Registry> r = LoadRegistryDir(kRegistryDir);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new Registry(r.ok() ? std::move(*r) : Registry{});
  }();
  return *registry;
}

TEST(RegistryShippedTest, LoadsWithProvenanceOnEveryRow) {
  const Registry& r = Shipped();
  ASSERT_GT(r.entries.size(), 190u);
  std::set<std::string> keys;
  for (const RegistryEntry& e : r.entries) {
    EXPECT_TRUE(keys.insert(e.key).second) << e.key;
    EXPECT_EQ(e.kind, "assessment") << e.key << ": designations are imported by users, not shipped";
    EXPECT_FALSE(e.source.empty()) << e.key;
    EXPECT_FALSE(e.source_date.empty()) << e.key;
    EXPECT_FALSE(e.licence.empty()) << e.key;
    EXPECT_FALSE(e.reason.empty()) << e.key;
    EXPECT_EQ(e.country, "CN") << e.key;
    EXPECT_FALSE(e.origin.empty());
  }
}

TEST(RegistryShippedTest, CategoriesComeFromTheDocumentedVocabulary) {
  const std::set<std::string> known = {"seven_sons", "pla",      "pap",           "mps",
                                       "mss",        "security", "defence_industry", "defence_linked"};
  std::map<std::string, int> by_category;
  for (const RegistryEntry& e : Shipped().entries) {
    EXPECT_TRUE(known.count(e.category)) << e.key << ": " << e.category;
    ++by_category[e.category];
  }
  EXPECT_EQ(by_category["seven_sons"], 14);  // 7 from ASPI, 7 curated
  EXPECT_GT(by_category["pla"], 50);
  EXPECT_GT(by_category["mps"], 4);
  EXPECT_GT(by_category["mss"], 3);
  EXPECT_GT(by_category["defence_industry"], 20);
}

TEST(RegistryShippedTest, HasTheSevenSonsWithRorIdsInBothSources) {
  const std::map<std::string, std::string> seven_sons = {
      {"beihang-university", "00wk2mp56"},
      {"beijing-institute-of-technology", "01skt4w74"},
      {"harbin-institute-of-technology", "01yqg2h08"},
      {"harbin-engineering-university", "03x80pn82"},
      {"northwestern-polytechnical-university", "01y0j0j86"},
      {"nanjing-university-of-aeronautics-and-astronautics", "01scyh794"},
      {"nanjing-university-of-science-and-technology", "00xp9wg62"},
  };
  for (const auto& [slug, ror] : seven_sons) {
    for (const std::string prefix : {"aspi:", "entangle:"}) {
      const RegistryEntry* e = Shipped().Find(prefix + slug);
      ASSERT_NE(e, nullptr) << prefix << slug;
      EXPECT_EQ(e->category, "seven_sons") << e->key;
      EXPECT_EQ(e->ror_ids, std::vector<std::string>{ror}) << e->key;
      EXPECT_FALSE(e->name_zh.empty()) << e->key;
    }
  }
  const RegistryEntry* beihang = Shipped().Find("aspi:beihang-university");
  EXPECT_EQ(beihang->name_zh, "北京航空航天大学");
  EXPECT_EQ(beihang->openalex_ids, std::vector<std::string>{"I82880672"});
  EXPECT_EQ(beihang->source_url, "https://unitracker.aspi.org.au/universities/beihang-university");
}

TEST(RegistryShippedTest, AspiEntriesCiteAspiAndCarryNoInferredRating) {
  int aspi = 0;
  for (const RegistryEntry& e : Shipped().entries) {
    if (e.key.rfind("aspi:", 0) != 0) continue;
    ++aspi;
    EXPECT_EQ(e.source, "ASPI China Defence Universities Tracker");
    EXPECT_NE(e.licence.find("cite ASPI"), std::string::npos);
    // The derived CSV's rating column ("very high (inferred: ...)") is not ASPI's and not shipped;
    // ASPI's own descriptions may say "very high levels of defence research", which is fine.
    EXPECT_EQ(e.reason.find("inferred"), std::string::npos) << e.key;
    EXPECT_EQ(e.reason.find(" rating"), std::string::npos) << e.key;
  }
  EXPECT_EQ(aspi, 159);
  std::ifstream in(kRegistryDir + "/aspi-unitracker-2020.csv");
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header.find("rating"), std::string::npos);
}

TEST(RegistryShippedTest, AcronymsAndShortChineseFormsAreNeverMatchable) {
  for (const RegistryEntry& e : Shipped().entries) {
    for (const std::string& alias : e.aliases) {
      EXPECT_NE(alias, "NUST") << e.key;
      EXPECT_NE(alias, "NUDT") << e.key;
      EXPECT_NE(alias, "北航") << e.key;
    }
  }
  const RegistryEntry* nudt = Shipped().Find("aspi:national-university-of-defense-technology");
  ASSERT_NE(nudt, nullptr);
  EXPECT_NE(std::find(nudt->other_names.begin(), nudt->other_names.end(), "NUDT"), nudt->other_names.end());
}

// ---- Designation dates -------------------------------------------------------------------------

struct ListingCase {
  const char* name;
  std::string kind, listed_on, delisted_on;
  int year;
  ListingStatus expected;
};

void PrintTo(const ListingCase& c, std::ostream* os) { *os << c.name; }

class RiskDesignationTest : public ::testing::TestWithParam<ListingCase> {};

TEST_P(RiskDesignationTest, StatusInYear) {
  const ListingCase& c = GetParam();
  RegistryEntry e;
  e.kind = c.kind;
  e.listed_on = c.listed_on;
  e.delisted_on = c.delisted_on;
  EXPECT_EQ(ListingStatusIn(e, c.year), c.expected)
      << c.name << ": got " << ListingStatusName(ListingStatusIn(e, c.year));
  EXPECT_EQ(DesignationActiveIn(e, c.year), c.expected == ListingStatus::kListed);
}

INSTANTIATE_TEST_SUITE_P(
    Risk, RiskDesignationTest,
    ::testing::Values(
        ListingCase{"paper_before_listing", "designation", "2021-06-03", "", 2020, ListingStatus::kNotYetListed},
        ListingCase{"paper_in_listing_year", "designation", "2021-06-03", "", 2021, ListingStatus::kListed},
        ListingCase{"paper_after_listing", "designation", "2021-06-03", "", 2023, ListingStatus::kListed},
        ListingCase{"listed_until_early_in_year", "designation", "2024-01-31", "2025-01-07", 2025, ListingStatus::kListed},
        ListingCase{"paper_after_delisting", "designation", "2024-01-31", "2025-01-07", 2026, ListingStatus::kDelisted},
        ListingCase{"delisted_on_new_year", "designation", "2020-05-01", "2022-01-01", 2022, ListingStatus::kDelisted},
        ListingCase{"year_precision_listing", "designation", "2022", "", 2022, ListingStatus::kListed},
        ListingCase{"year_precision_before", "designation", "2022", "", 2021, ListingStatus::kNotYetListed},
        ListingCase{"year_precision_delisting", "designation", "2022", "2026", 2026, ListingStatus::kListed},
        ListingCase{"month_precision", "designation", "2023-11", "", 2023, ListingStatus::kListed},
        ListingCase{"timestamp", "designation", "2023-11-02T00:00:00", "", 2022, ListingStatus::kNotYetListed},
        ListingCase{"undated", "designation", "", "", 2022, ListingStatus::kUndated},
        ListingCase{"unreadable_listing", "designation", "June 2021", "", 2022, ListingStatus::kUndated},
        ListingCase{"unreadable_delisting", "designation", "2021-06-03", "soon", 2022, ListingStatus::kUndated},
        ListingCase{"assessment", "assessment", "", "", 2022, ListingStatus::kNotADesignation}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace entangle::risk
