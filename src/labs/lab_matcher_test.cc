// Matching affiliations to labs: each route with its evidence on both sides, the strongest route
// winning, and the traps (a name inside another name, an acronym alone, a part of a part).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "labs/labs.h"

namespace entangle::labs {
namespace {

LabRegistry MakeRegistry() {
  LabRegistry r;
  auto add = [&](std::string key, std::vector<std::string> openalex, std::vector<std::string> ror,
                 std::vector<std::string> names) {
    Lab lab;
    lab.key = std::move(key);
    lab.name_en = lab.key;
    lab.openalex_ids = std::move(openalex);
    lab.ror_ids = std::move(ror);
    lab.affiliation_names = std::move(names);
    r.labs.push_back(std::move(lab));
  };
  add("lab:msra", {"I4210113369"}, {"0300m5276"}, {"Microsoft Research Asia", "微软亚洲研究院"});
  add("lab:huawei-zurich", {}, {}, {"Huawei Technologies Zurich Research Center"});
  add("lab:liama", {}, {}, {"Sino-European Laboratory in Computer Science, Automation and Applied Mathematics"});
  add("lab:nju", {}, {}, {"Nanjing University"});  // a made-up lab named like a university, for the trap
  add("lab:noah", {}, {}, {"Huawei Noah's Ark Lab"});
  add("lab:acronym-in-code", {}, {}, {"LIAMA"});  // only a registry built in code can hold one
  return r;
}

std::vector<std::string> Describe(const std::vector<LabMatch>& matches) {
  std::vector<std::string> out;
  for (const LabMatch& m : matches) {
    out.push_back(m.lab->key + " " + std::string(LabRouteName(m.route)) + " " + m.evidence + " [" + m.matched_text +
                  "] = [" + m.lab_text + "]");
  }
  return out;
}

TEST(LabMatcher, OpenAlexIdRoute) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  f.openalex_id = "I4210113369";
  f.ror_id = "0300m5276";
  f.display_name = "Microsoft Research Asia (China)";
  f.country_code = "CN";
  // One match per lab, by its strongest route: the id, not the ROR id or the display name.
  EXPECT_EQ(Describe(matcher.Match(f)),
            std::vector<std::string>{"lab:msra openalex_id openalex_id [I4210113369] = [I4210113369]"});
}

TEST(LabMatcher, RorIdRoute) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  f.openalex_id = "I999";
  f.ror_id = "0300m5276";
  EXPECT_EQ(Describe(matcher.Match(f)), std::vector<std::string>{"lab:msra ror_id ror_id [0300m5276] = [0300m5276]"});
}

TEST(LabMatcher, LineageRoute) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  f.openalex_id = "I1";  // a group inside the lab, with the lab as its parent
  f.lineage = {"I1", "I1290206253", "I4210113369"};
  EXPECT_EQ(Describe(matcher.Match(f)),
            std::vector<std::string>{"lab:msra lineage lineage [I4210113369] = [I4210113369]"});
  // The institution's own id in its lineage is the id route, not lineage.
  f.openalex_id = "I4210113369";
  f.lineage = {"I1290206253", "I4210113369"};
  EXPECT_EQ(matcher.Match(f).at(0).route, LabRoute::kOpenAlexId);
}

TEST(LabMatcher, DisplayNameRouteDropsTheOwnCountryQualifier) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  f.display_name = "Microsoft Research Asia (China)";
  f.country_code = "CN";
  EXPECT_EQ(Describe(matcher.Match(f)),
            std::vector<std::string>{
                "lab:msra affiliation_name display_name [Microsoft Research Asia] = [Microsoft Research Asia]"});
  f.country_code = "US";  // "(China)" is not the institution's own country: the name is not the lab's
  EXPECT_TRUE(matcher.Match(f).empty());
}

TEST(LabMatcher, RawAffiliationPartsMatchExactly) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  f.raw_affiliations = {"Huawei Technologies Zurich Research Center, Zurich, Switzerland"};
  std::vector<LabMatch> m = matcher.Match(f);
  EXPECT_EQ(Describe(m), std::vector<std::string>{"lab:huawei-zurich affiliation_name raw_affiliation [Huawei "
                                                  "Technologies Zurich Research Center] = [Huawei Technologies Zurich "
                                                  "Research Center]"});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].raw_affiliation, f.raw_affiliations[0]);
  // Normalisation: case, punctuation, spacing, full-width forms.
  f.raw_affiliations = {"  HUAWEI TECHNOLOGIES  Zurich Research-Center ; Zürich"};
  EXPECT_EQ(matcher.Match(f).size(), 1u);
  f.raw_affiliations = {"微软亚洲研究院，北京"};  // a full-width comma separates parts too
  EXPECT_EQ(Describe(matcher.Match(f)),
            std::vector<std::string>{"lab:msra affiliation_name raw_affiliation [微软亚洲研究院] = [微软亚洲研究院]"});
}

TEST(LabMatcher, ANameWithACommaMatchesARunOfWholeParts) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  f.raw_affiliations = {
      "LIAMA, Sino-European Laboratory in Computer Science, Automation and Applied Mathematics, Beijing, China"};
  EXPECT_EQ(Describe(matcher.Match(f)),
            std::vector<std::string>{"lab:liama affiliation_name raw_affiliation [Sino-European Laboratory in "
                                     "Computer Science, Automation and Applied Mathematics] = [Sino-European "
                                     "Laboratory in Computer Science, Automation and Applied Mathematics]"});
  // Only the first of its two parts: no match.
  f.raw_affiliations = {"Sino-European Laboratory in Computer Science, Beijing"};
  EXPECT_TRUE(matcher.Match(f).empty());
}

TEST(LabMatcher, TrapANameInsideAnotherNameIsNotAMatch) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  // "Nanjing University" is not "Nanjing University of Aeronautics and Astronautics".
  f.raw_affiliations = {"College of Computer Science, Nanjing University of Aeronautics and Astronautics, Nanjing"};
  f.display_name = "Nanjing University of Aeronautics and Astronautics";
  EXPECT_TRUE(matcher.Match(f).empty());
  // The lab's name holds the company's name: the company alone is not the lab.
  f = AffiliationFacts();
  f.raw_affiliations = {"Huawei Technologies Co., Ltd, Shenzhen, China"};
  f.display_name = "Huawei Technologies (China)";
  f.country_code = "CN";
  EXPECT_TRUE(matcher.Match(f).empty());
  // A part that holds the name and more is not the name.
  f.raw_affiliations = {"Visual Computing Group, Microsoft Research Asia Beijing Lab, China"};
  EXPECT_TRUE(matcher.Match(f).empty());
  // The positive control: the name as a whole part does match.
  f.raw_affiliations = {"Nanjing University, Nanjing, China"};
  EXPECT_EQ(matcher.Match(f).size(), 1u);
}

TEST(LabMatcher, TrapAnAcronymAloneNeverMatches) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  AffiliationFacts f;
  f.raw_affiliations = {"LIAMA, Beijing, China", "MSRA"};
  f.display_name = "LIAMA";
  EXPECT_TRUE(matcher.Match(f).empty());
}

TEST(LabMatcher, AffiliationWithoutFactsMatchesNothing) {
  LabRegistry registry = MakeRegistry();
  LabMatcher matcher(registry);
  EXPECT_TRUE(matcher.Match(AffiliationFacts()).empty());
  AffiliationFacts f;
  f.raw_affiliations = {"", " , ; ", "#"};
  EXPECT_TRUE(matcher.Match(f).empty());
}

TEST(LabMatcher, SplitAffiliationKeepsWholeTrimmedParts) {
  std::string raw = " Huawei Technologies Zurich Research Center,Zurich ;; Switzerland ";
  std::vector<std::string> parts;
  for (const AffiliationPart& p : SplitAffiliation(raw)) parts.push_back(raw.substr(p.begin, p.end - p.begin));
  EXPECT_EQ(parts, (std::vector<std::string>{"Huawei Technologies Zurich Research Center", "Zurich", "Switzerland"}));
}

}  // namespace
}  // namespace entangle::labs
