// Loading and checking the labs registry: the shipped file, and each bad input located by file,
// line and column.
#include "labs/labs.h"

#include <gtest/gtest.h>

#include <string>

namespace entangle::labs {
namespace {

const std::string kHeader =
    "key,name_en,name_zh,kind,owners,partners,host_country,city,opened,closed,openalex_ids,ror_ids,"
    "affiliation_names,note,source,source_date,source_url,licence\n";

// One good row; tests replace one field at a time.
struct Row {
  std::string key = "lab:test";
  std::string name_en = "Test Lab";
  std::string name_zh;
  std::string kind = "corporate_lab_abroad";
  std::string owners = "Huawei Technologies";
  std::string partners;
  std::string host_country = "CH";
  std::string city = "Zurich";
  std::string opened = "2019";
  std::string closed;
  std::string openalex_ids = "I4210113369";
  std::string ror_ids = "0300m5276";
  std::string affiliation_names = "Test Lab Research Center|Test Lab Zurich";
  std::string note;
  std::string source = "entangle curation";
  std::string source_date = "2026-12-07";
  std::string source_url = "https://example.org/test-lab";
  std::string licence = "CC0-1.0";

  std::string Csv() const {
    auto q = [](const std::string& s) { return "\"" + s + "\""; };
    return key + "," + q(name_en) + "," + name_zh + "," + kind + "," + q(owners) + "," + q(partners) + "," +
           host_country + "," + city + "," + opened + "," + closed + "," + openalex_ids + "," + ror_ids + "," +
           q(affiliation_names) + "," + q(note) + "," + source + "," + source_date + "," + source_url + "," + licence +
           "\n";
  }
};

std::string ErrorOf(const std::string& csv) {
  Result<LabRegistry> r = ParseLabs(csv, "labs.csv");
  return r.ok() ? std::string("(loaded)") : r.status().message();
}

TEST(LabsLoader, ReadsAGoodRowWithItsLists) {
  Row row;
  row.partners = "ETH Zurich| EPFL |";
  Result<LabRegistry> r = ParseLabs(kHeader + row.Csv(), "labs.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->labs.size(), 1u);
  const Lab& lab = r->labs[0];
  EXPECT_EQ(lab.key, "lab:test");
  EXPECT_EQ(lab.kind, LabKind::kCorporateLabAbroad);
  EXPECT_EQ(lab.partners, (std::vector<std::string>{"ETH Zurich", "EPFL"}));
  EXPECT_EQ(lab.opened, 2019);
  EXPECT_FALSE(lab.closed.has_value());
  EXPECT_EQ(lab.affiliation_names, (std::vector<std::string>{"Test Lab Research Center", "Test Lab Zurich"}));
  EXPECT_EQ(lab.origin, "labs.csv:2");
  EXPECT_EQ(r->Find("lab:test"), &lab);
  EXPECT_EQ(r->Find("lab:other"), nullptr);
}

TEST(LabsLoader, ShippedRegistryLoadsAndEveryRowHasProvenance) {
  Result<LabRegistry> r = LoadLabs(DefaultLabsPath());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_GE(r->labs.size(), 20u);
  for (const Lab& lab : r->labs) {
    EXPECT_FALSE(lab.source_url.empty()) << lab.key;
    EXPECT_EQ(lab.licence, "CC0-1.0 (entangle curation from public sources)") << lab.key;
  }
  const Lab* liama = r->Find("lab:liama");
  ASSERT_NE(liama, nullptr);
  EXPECT_EQ(liama->kind, LabKind::kJointPublicLab);
  EXPECT_EQ(liama->opened, 1997);
  const Lab* msra = r->Find("lab:microsoft-research-asia");
  ASSERT_NE(msra, nullptr);
  EXPECT_EQ(msra->openalex_ids, std::vector<std::string>{"I4210113369"});
  EXPECT_EQ(msra->owner_openalex_ids, std::vector<std::string>{"I1290206253"}) << "Microsoft (United States)";
  const Lab* zurich = r->Find("lab:huawei-zurich-research-center");
  ASSERT_NE(zurich, nullptr);
  EXPECT_EQ(zurich->owner_openalex_ids, (std::vector<std::string>{"I2250955327", "I4210159102", "I4210160618"}));
}

TEST(LabsLoader, UnknownCountryIsLocated) {
  Row row;
  row.host_country = "XX";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()),
            "labs.csv:2: column host_country: unknown country code \"XX\" (ISO 3166-1 alpha-2, upper case)");
  row.host_country = "ch";
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("column host_country: unknown country code \"ch\""), std::string::npos);
}

TEST(LabsLoader, DuplicateKeyNamesBothLines) {
  Row a, b;
  b.affiliation_names = "Another Name";
  EXPECT_EQ(ErrorOf(kHeader + a.Csv() + b.Csv()),
            "labs.csv:3: column key: duplicate key \"lab:test\" (first at labs.csv:2)");
}

TEST(LabsLoader, EmptyOrUnprefixedKey) {
  Row row;
  row.key = "";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()), "labs.csv:2: column key: empty key");
  row.key = "liama";
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("labs.csv:2: column key: key \"liama\" does not start"),
            std::string::npos);
}

TEST(LabsLoader, IdsThatDoNotLookLikeIds) {
  Row row;
  row.openalex_ids = "I4210113369|https://openalex.org/I123";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()),
            "labs.csv:2: column openalex_ids: \"https://openalex.org/I123\" does not look like an OpenAlex "
            "institution id (I and digits)");
  row = Row();
  row.openalex_ids = "W3035022492";  // a work, not an institution
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("column openalex_ids: \"W3035022492\""), std::string::npos);
  row = Row();
  row.ror_ids = "0300m527";  // one character short
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()),
            "labs.csv:2: column ror_ids: \"0300m527\" does not look like a ROR id (0, six base-32 characters, "
            "two digits)");
  row.ror_ids = "0300l5276";  // 'l' is not Crockford base 32
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("column ror_ids: \"0300l5276\""), std::string::npos);
  row.ror_ids = "1300m5276";  // must start with 0
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("column ror_ids"), std::string::npos);
}

// owner_openalex_ids is an optional last column: the company's own records, checked like the lab's ids.
TEST(LabsLoader, OwnerIdsAreCheckedLikeIdsAndNameOneOwner) {
  const std::string header = kHeader.substr(0, kHeader.size() - 1) + ",owner_openalex_ids\n";
  auto with_owner = [](const Row& row, const std::string& ids) {
    return row.Csv().substr(0, row.Csv().size() - 1) + "," + ids + "\n";
  };
  Row a;
  Result<LabRegistry> r = ParseLabs(header + with_owner(a, "I2250955327|I4210159102"), "labs.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->labs[0].owner_openalex_ids, (std::vector<std::string>{"I2250955327", "I4210159102"}));
  EXPECT_TRUE(ParseLabs(kHeader + a.Csv(), "labs.csv")->labs[0].owner_openalex_ids.empty()) << "column optional";
  EXPECT_EQ(ErrorOf(header + with_owner(a, "huawei")),
            "labs.csv:2: column owner_openalex_ids: \"huawei\" does not look like an OpenAlex institution id (I and "
            "digits)");
  // The lab's own id is not its owner's.
  EXPECT_EQ(ErrorOf(header + with_owner(a, "I4210113369")),
            "labs.csv:2: column owner_openalex_ids: \"I4210113369\" is the id of the lab lab:test itself, not of its "
            "owner");
  // One id, two owners.
  Row b;
  b.key = "lab:other";
  b.owners = "Tencent";
  b.openalex_ids = "";
  b.ror_ids = "";
  b.affiliation_names = "Other Lab";
  EXPECT_EQ(ErrorOf(header + with_owner(a, "I2250955327") + with_owner(b, "I2250955327")),
            "labs.csv:3: column owner_openalex_ids: \"I2250955327\" is already the id of owner \"Huawei "
            "Technologies\" (lab:test), not of \"Tencent\"");
  b.owners = "Huawei Technologies|University of Edinburgh";  // the first owner decides
  EXPECT_EQ(ErrorOf(header + with_owner(a, "I2250955327") + with_owner(b, "I2250955327")), "(loaded)");
}

TEST(LabsLoader, UnknownKind) {
  Row row;
  row.kind = "corporate_lab";
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("labs.csv:2: column kind: unknown kind \"corporate_lab\""),
            std::string::npos);
}

TEST(LabsLoader, YearsMustBeYearsAndInOrder) {
  Row row;
  row.opened = "2019";
  row.closed = "2015";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()), "labs.csv:2: column closed: closed in 2015 before it opened in 2019");
  row.closed = "";
  row.opened = "c. 2019";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()), "labs.csv:2: column opened: \"c. 2019\" is not a year (YYYY)");
}

TEST(LabsLoader, MissingProvenance) {
  Row row;
  row.source = "";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()), "labs.csv:2: column source: missing provenance: no source");
  row = Row();
  row.source_date = "";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()), "labs.csv:2: column source_date: missing provenance: no source_date");
  row.source_date = "7 Dec 2026";
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("column source_date: \"7 Dec 2026\" is not a date"), std::string::npos);
  row = Row();
  row.source_url = "";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()), "labs.csv:2: column source_url: missing provenance: no source_url");
  row.source_url = "example.org/lab";
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("column source_url: \"example.org/lab\" is not an http(s) URL"),
            std::string::npos);
  row = Row();
  row.licence = "";
  EXPECT_EQ(ErrorOf(kHeader + row.Csv()), "labs.csv:2: column licence: missing provenance: no licence");
}

TEST(LabsLoader, AbbreviationsAndSharedNamesAreRefused) {
  Row row;
  row.affiliation_names = "Test Lab Research Center|LIAMA";
  EXPECT_NE(ErrorOf(kHeader + row.Csv()).find("labs.csv:2: column affiliation_names: \"LIAMA\" is an abbreviation"),
            std::string::npos);
  Row a, b;
  b.key = "lab:other";
  b.affiliation_names = "test lab  research center";  // the same normal form as a's first name
  EXPECT_EQ(ErrorOf(kHeader + a.Csv() + b.Csv()),
            "labs.csv:3: column affiliation_names: \"test lab  research center\" is already an affiliation name "
            "of lab:test");
}

TEST(LabsLoader, ErrorLineCountsQuotedLineBreaks) {
  Row a, b;
  a.note = "first line\nsecond line";  // a quoted field spanning two lines
  b.key = "lab:other";
  b.affiliation_names = "Other Lab";
  b.kind = "lab";
  EXPECT_NE(ErrorOf(kHeader + a.Csv() + b.Csv()).find("labs.csv:4: column kind"), std::string::npos);
}

TEST(LabsLoader, MissingColumnAndMissingFile) {
  EXPECT_EQ(ErrorOf("key,name_en\nlab:x,X\n"), "labs.csv:1: missing column name_zh");
  Result<LabRegistry> r = LoadLabs("/nonexistent/labs.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/labs.csv"), std::string::npos);
}

}  // namespace
}  // namespace entangle::labs
