#include "analyze/analyze.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>


#include <nlohmann/json.hpp>

#include "analyze/exhibits.h"
#include "analyze/funder_type.h"
#include "pipeline/scan.h"
#include "store/study_db.h"
#include "support/study_db_file.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;

using entangle::testing::TempDir;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// ---------------------------------------------------------------------------------------------
// A hand-made study: Europe = DE FR GB, China = CN HK, years 2019-2021, four joint works.
//
//   W1 2019  Tsinghua (CN) | TU Munich (DE)                               topic 1707, cited 10
//   W2 2020  Huawei (CN) | Huawei UK (GB) | Oxford (GB) | Tsinghua (CN)    topic 1702, cited 20
//   W3 2021  Inst. of Automation (CN) | TUM (DE) | TUM + Inria (DE, FR) | MIT (US)   topic 1707, cited 0
//   W4 2021  HKU (HK) | TUM + Siemens (DE, DE)                            no topic,   cited 5
//
// Institution ids are chosen so that OpenAlex's id-sorted lineage is NOT hierarchical:
// Institute of Automation I10 has lineage [I10, I20 (CAS, the root), I30 (CAS Beijing branch)].
// ---------------------------------------------------------------------------------------------

InstitutionRef Inst(const std::string& id, const std::string& name, const std::string& country,
                    const std::string& type, std::vector<std::string> lineage, const std::string& ror = "") {
  return {id, ror, name, country, type, std::move(lineage)};
}

const InstitutionRef kTsinghua = Inst("I1", "Tsinghua University", "CN", "education", {"I1"}, "03cve4549");
const InstitutionRef kTum = Inst("I2", "Technical University of Munich", "DE", "education", {"I2"});
const InstitutionRef kAutomation = Inst("I10", "Institute of Automation", "CN", "facility", {"I10", "I20", "I30"});
const InstitutionRef kHuawei = Inst("I40", "Huawei", "CN", "company", {"I40"});
const InstitutionRef kHuaweiUk = Inst("I41", "Huawei Technologies (United Kingdom)", "GB", "company", {"I40", "I41"});
const InstitutionRef kOxford = Inst("I7", "University of Oxford", "GB", "education", {"I7"});
const InstitutionRef kInria = Inst("I9", "Inria, Paris", "FR", "facility", {"I9"});  // a comma: CSV quoting
const InstitutionRef kMit = Inst("I8", "MIT", "US", "education", {"I8"});
const InstitutionRef kHku = Inst("I60", "University of Hong Kong", "HK", "education", {"I60"});
// The work does not say Siemens is a company; its entity does.
const InstitutionRef kSiemens = Inst("I50", "Siemens", "DE", "", {"I50"});

struct AuthorSpec {
  std::vector<int> institutions;  // indexes into the work's institution list
};

// Countries and author shares follow docs/counting.md: each author 1/N, split over its countries.
struct WorkSpec {
  std::string id;
  int year;
  std::vector<InstitutionRef> institutions;
  std::vector<AuthorSpec> authors;
  std::string subfield_id, subfield_name;
  int64_t cited = 0;
  std::vector<ConceptRef> concepts;
  std::vector<GrantRef> grants;
  std::optional<double> fwci;
};

std::pair<WorkRecord, std::vector<WorkCountryShare>> Build(const WorkSpec& spec) {
  WorkRecord w;
  w.id = spec.id;
  w.publication_year = spec.year;
  w.language = "en";
  w.type = "article";
  w.cited_by_count = spec.cited;
  w.fwci = spec.fwci;
  w.institutions = spec.institutions;
  std::map<std::string, double> shares;
  std::set<std::string> countries;
  for (size_t i = 0; i < spec.authors.size(); ++i) {
    Authorship a;
    a.order = static_cast<int>(i);
    a.author_name = "Author " + std::to_string(i);
    a.institutions = spec.authors[i].institutions;
    std::set<std::string> own;
    for (int index : a.institutions) own.insert(spec.institutions[static_cast<size_t>(index)].country_code);
    a.countries.assign(own.begin(), own.end());
    for (const std::string& c : own) {
      shares[c] += 1.0 / static_cast<double>(spec.authors.size()) / static_cast<double>(own.size());
      countries.insert(c);
    }
    w.authorships.push_back(a);
  }
  w.countries.assign(countries.begin(), countries.end());
  if (!spec.subfield_id.empty()) {
    w.topics.push_back({"T" + spec.subfield_id, "Topic", 0.9, true, spec.subfield_id, spec.subfield_name, "17",
                        "Computer Science", "3", "Physical Sciences"});
    w.topics.push_back({"T1", "Secondary", 0.5, false, "2207", "Control", "22", "Engineering", "3", "Physical Sciences"});
  }
  w.concepts = spec.concepts;
  w.grants = spec.grants;
  std::vector<WorkCountryShare> share_rows;
  for (const auto& [country, share] : shares) share_rows.push_back({country, share});
  return {w, share_rows};
}

std::vector<WorkSpec> HandMadeWorks() {
  const ConceptRef cv{"C31972630", "Computer vision", 2, 0.8};
  const ConceptRef ai{"C154945302", "Artificial intelligence", 1, 0.6};
  const ConceptRef too_deep{"C999", "Object detection", 3, 0.9};  // level 3: left out
  const ConceptRef too_weak{"C119857082", "Machine learning", 1, 0.2};  // score < 0.3: left out
  return {
      {"W1", 2019, {kTsinghua, kTum}, {{{0}}, {{1}}}, "1707", "Computer Vision", 10, {cv, ai, too_deep, too_weak},
       {{"F1", "NSFC", "62276000"}}, 1.0},
      {"W2", 2020, {kHuawei, kHuaweiUk, kOxford, kTsinghua}, {{{0}}, {{1}}, {{2}}, {{3}}}, "1702",
       "Artificial Intelligence", 20, {{"C154945302", "Artificial intelligence", 1, 0.7}},
       {{"F2", "National Key R&D Program of China", ""},
        {"F3", "EPSRC", "EP/1"},
        {"F2", "National Key R&D Program of China", "2019YFB1"},  // the same funder twice counts once
        {"", "Acme Robotics Ltd", ""}}},
      {"W3", 2021, {kAutomation, kTum, kInria, kMit}, {{{0}}, {{1}}, {{1, 2}}, {{3}}}, "1707", "Computer Vision", 0,
       {}, {}},
      {"W4", 2021, {kHku, kTum, kSiemens}, {{{0}}, {{1, 2}}}, "", "", 5, {}, {{"F4", "Tsinghua University", "2018YFB1004600"}}},
  };
}

// Every field-relevant work: the four joint ones plus four others.
std::vector<FieldWorkRow> HandMadeFieldWorks() {
  return {
      {"W1", 2019, "ab", "CN DE", 10, 1.0, "1707", "17"},
      {"W2", 2020, "ab", "CN GB", 20, std::nullopt, "1702", "17"},
      {"W3", 2021, "ab", "CN DE FR US", 0, std::nullopt, "1707", "17"},
      {"W4", 2021, "ab", "DE HK", 5, std::nullopt, "", ""},
      {"X1", 2019, "a", "DE", 30, 2.0, "1707", "17"},
      {"X2", 2019, "b", "CN", 2, std::nullopt, "1707", "17"},
      {"X3", 2021, "a", "DE US", 8, std::nullopt, "1707", "17"},
      {"X4", 2021, "", "US", 4, std::nullopt, "1707", "17"},
  };
}

struct StudyOptions {
  std::string snapshot_date = "2022-03-01";
  bool field_works = true;
  std::vector<TotalRow> extra_totals;
  std::vector<WorkSpec> extra_works;
};

void Exec(const std::string& db_path, const std::string& sql) {
  Status done = testing::ExecOnStudyDb(db_path, sql);
  ASSERT_TRUE(done.ok()) << sql << ": " << done.ToString();
}

void WriteStudy(const std::string& path, const StudyOptions& study = {}) {
  auto created = StudyDbWriter::Create(path);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  StudyDbWriter& writer = **created;
  RunInfo run;
  run.study_name = "Test";
  run.study_sha256 = "abc";
  run.group_a_name = "Europe";
  run.group_a_countries = {"DE", "FR", "GB"};
  run.group_b_name = "China";
  run.group_b_countries = {"CN", "HK"};
  run.snapshot_date = study.snapshot_date;
  run.tool_version = "0.1.0";
  run.started_at = "2022-04-05T10:00:00Z";
  ASSERT_TRUE(writer.PutRun(run).ok());
  std::vector<WorkSpec> specs = HandMadeWorks();
  specs.insert(specs.end(), study.extra_works.begin(), study.extra_works.end());
  for (const WorkSpec& spec : specs) {
    auto [work, shares] = Build(spec);
    auto stored = writer.PutJointWork(work, shares, "works.jsonl", 1);
    ASSERT_TRUE(stored.ok() && *stored) << spec.id;
  }
  auto entity = [](const std::string& id, const std::string& name, const std::string& country, const std::string& type,
                   std::vector<std::string> lineage, const std::string& ror = "") {
    InstitutionEntity e;
    e.id = id;
    e.display_name = name;
    e.country_code = country;
    e.type = type;
    e.lineage = std::move(lineage);
    e.ror = ror;
    return e;
  };
  for (const InstitutionEntity& e : {
           entity("I20", "Chinese Academy of Sciences", "CN", "government", {"I20"}),
           entity("I30", "CAS Beijing Branch", "CN", "government", {"I20", "I30"}),
           entity("I50", "Siemens", "DE", "company", {"I50"}),
           entity("I1", "Tsinghua University", "CN", "education", {"I1"}, "03cve4549"),
           entity("I99", "NSFC", "CN", "funder", {"I99"}, "01h0zpd94"),  // type "funder" does not decide
       }) {
    ASSERT_TRUE(writer.PutInstitution(e).ok());
  }
  auto funder = [](const std::string& id, const std::string& name, const std::string& country, const std::string& ror,
                   std::vector<std::string> alternatives = {}) {
    FunderEntity f;
    f.id = id;
    f.display_name = name;
    f.country_code = country;
    f.ror = ror;
    f.alternative_names = std::move(alternatives);
    return f;
  };
  for (const FunderEntity& f : {
           funder("F1", "National Natural Science Foundation of China", "CN", "01h0zpd94", {"NSFC"}),
           funder("F2", "National Key Research and Development Program of China", "CN", "",
                  {"National Key R&D Program of China"}),
           funder("F3", "Engineering and Physical Sciences Research Council", "GB", ""),
           funder("F4", "Tsinghua University", "CN", "03cve4549"),
       }) {
    ASSERT_TRUE(writer.PutFunder(f).ok());
  }
  std::vector<TotalRow> totals = {
      {"group", "a", 2019, 10, 8},  {"group", "a", 2020, 20, 15},  {"group", "a", 2021, 40, 30},
      {"group", "b", 2019, 5, 4},   {"group", "b", 2020, 10, 8},   {"group", "b", 2021, 20, 16},
      {"country", "DE", 2019, 4, 3}, {"country", "DE", 2021, 10, 8}, {"country", "GB", 2020, 8, 6},
      {"country", "FR", 2021, 2, 1}, {"country", "CN", 2019, 5, 4}, {"country", "CN", 2020, 10, 8},
      {"country", "CN", 2021, 16, 12}, {"country", "HK", 2021, 4, 4},
  };
  totals.insert(totals.end(), study.extra_totals.begin(), study.extra_totals.end());
  ASSERT_TRUE(writer.PutTotals(totals).ok());
  for (const FieldWorkRow& row : HandMadeFieldWorks()) ASSERT_TRUE(writer.PutFieldWork(row).ok());
  RunCounts counts;
  counts.joint = 4;
  ASSERT_TRUE(writer.FinishRun(counts).ok());
  ASSERT_TRUE(writer.Commit().ok());
  if (!study.field_works) {
    // Databases of scans before field_works existed (same schema version) lack the table.
    Exec(path, "DROP TABLE field_works");
  }
}

// --- Looking things up in exhibits ------------------------------------------------------------

const ExhibitTable* Find(const std::vector<ExhibitTable>& exhibits, const std::string& id) {
  for (const ExhibitTable& t : exhibits) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

int Column(const ExhibitTable& table, const std::string& name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i] == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << table.id << " has no column " << name;
  return -1;
}

// The row whose leading cells are `key` (""s in `key` match anything); nullptr when absent.
const std::vector<std::string>* RowWith(const ExhibitTable& table, const std::vector<std::string>& key) {
  for (const std::vector<std::string>& row : table.rows) {
    bool match = true;
    for (size_t i = 0; i < key.size() && match; ++i) match = key[i].empty() || row[i] == key[i];
    if (match) return &row;
  }
  return nullptr;
}

// A cell of the row with the given leading cells, or "<no row>".
std::string Cell(const ExhibitTable& table, const std::vector<std::string>& key, const std::string& column) {
  const std::vector<std::string>* row = RowWith(table, key);
  int c = Column(table, column);
  if (row == nullptr || c < 0) return "<no row>";
  return (*row)[static_cast<size_t>(c)];
}

// Cells holding fractional values are compared numerically (they are rounded to 4 decimals).
double Num(const std::string& cell) {
  if (cell.empty() || cell == "<no row>") return std::nan("");
  return std::stod(cell);
}

class AnalyzeTest : public ::testing::Test {
 protected:
  std::vector<ExhibitTable> Run(Counting counting, const StudyOptions& study = {},
                                const std::function<void(AnalyzeOptions&)>& adjust = nullptr) {
    WriteStudy(db_path(), study);
    return AnalyzeWritten(counting, adjust);
  }
  // Analyses the study database as it is (after WriteStudy and any changes a test makes).
  std::vector<ExhibitTable> AnalyzeWritten(Counting counting,
                                           const std::function<void(AnalyzeOptions&)>& adjust = nullptr) {
    AnalyzeOptions options;
    options.database_path = db_path();
    options.out_dir = out_dir();
    options.counting = counting;
    options.institution_threshold = 2;
    options.top_n = 10;
    if (adjust) adjust(options);
    auto exhibits = Analyze(options);
    EXPECT_TRUE(exhibits.ok()) << exhibits.status().ToString();
    return exhibits.ok() ? *exhibits : std::vector<ExhibitTable>{};
  }
  const ExhibitTable& Get(const std::vector<ExhibitTable>& exhibits, const std::string& id) {
    const ExhibitTable* table = Find(exhibits, id);
    EXPECT_NE(table, nullptr) << id;
    static const ExhibitTable empty;
    return table != nullptr ? *table : empty;
  }
  std::string db_path() const { return dir_ / "study.db"; }
  std::string out_dir() const { return dir_ / "out"; }

  TempDir dir_;
};

// --- Exhibits 1-3 ----------------------------------------------------------------------------

TEST_F(AnalyzeTest, JointByCountryWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string group, country, papers, share;
  };
  const std::vector<Case> cases = {
      // Whole: a paper counts once per country; shares are of the 4 joint papers.
      {Counting::kWhole, "Europe", "all", "4", "100"},
      {Counting::kWhole, "Europe", "DE", "3", "75"},
      {Counting::kWhole, "Europe", "GB", "1", "25"},
      {Counting::kWhole, "Europe", "FR", "1", "25"},
      {Counting::kWhole, "China", "all", "4", "100"},
      {Counting::kWhole, "China", "CN", "3", "75"},
      {Counting::kWhole, "China", "HK", "1", "25"},
      // Fractional: DE = W1 1/2 + W3 (1/4 + 1/8) + W4 1/2 = 1.375 of Europe's 2.0.
      {Counting::kFractional, "Europe", "all", "2", "100"},
      {Counting::kFractional, "Europe", "DE", "1.375", "68.75"},
      {Counting::kFractional, "Europe", "GB", "0.5", "25"},
      {Counting::kFractional, "Europe", "FR", "0.125", "6.25"},
      // CN = 1/2 + 1/2 + 1/4 = 1.25 of China's 1.75.
      {Counting::kFractional, "China", "all", "1.75", "100"},
      {Counting::kFractional, "China", "CN", "1.25", "71.43"},
      {Counting::kFractional, "China", "HK", "0.5", "28.57"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "joint_by_country");
    EXPECT_EQ(t.counting, CountingName(counting));
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      EXPECT_EQ(Cell(t, {c.group, c.country}, "joint_papers"), c.papers) << c.group << " " << c.country;
      EXPECT_EQ(Cell(t, {c.group, c.country}, "share_pct"), c.share) << c.group << " " << c.country;
    }
    // Largest first, ties in country order: DE, then FR before GB.
    ASSERT_GE(t.rows.size(), 4u);
    EXPECT_EQ(t.rows[1][1], "DE");
    if (counting == Counting::kWhole) {
      EXPECT_EQ(t.rows[2][1], "FR");
    }
  }
}

TEST_F(AnalyzeTest, JointByYearMarksTheIncompleteYear) {
  auto exhibits = Run(Counting::kFractional);
  const ExhibitTable& t = Get(exhibits, "joint_by_year");
  ASSERT_EQ(t.rows.size(), 3u);
  struct Case {
    std::string year, joint, a, b, change, incomplete;
  };
  const std::vector<Case> cases = {
      {"2019", "1", "0.5", "0.5", "", ""},
      {"2020", "1", "0.5", "0.5", "0", ""},
      {"2021", "2", "1", "0.75", "100", "yes"},  // W3: CN 1/4; W4: HK 1/2
  };
  for (const Case& c : cases) {
    EXPECT_EQ(*RowWith(t, {c.year}), (std::vector<std::string>{c.year, c.joint, c.a, c.b, c.change, c.incomplete}));
  }
  EXPECT_EQ(t.incomplete_years, std::vector<int>{2021});
  const ExhibitTable& by_country = Get(exhibits, "joint_by_country_year");
  EXPECT_EQ(by_country.columns, (std::vector<std::string>{"group", "country", "2019", "2020", "2021", "total"}));
}

TEST_F(AnalyzeTest, YearsWithoutJointPapersStillShowInTheSeries) {
  StudyOptions study;
  study.extra_totals = {{"group", "a", 2016, 3, 3}};  // field output in 2016, nothing in 2017-2018
  auto exhibits = Run(Counting::kWhole, study);
  const ExhibitTable& t = Get(exhibits, "joint_by_year");
  std::vector<std::string> years;
  for (const auto& row : t.rows) years.push_back(row[0] + ":" + row[1]);
  EXPECT_EQ(years, (std::vector<std::string>{"2016:0", "2017:0", "2018:0", "2019:1", "2020:1", "2021:2"}));
  EXPECT_EQ(Cell(Get(exhibits, "shares"), {"Europe", "Europe", "China", "2016"}, "share_pct"), "0");
  EXPECT_EQ(Cell(Get(exhibits, "shares"), {"Europe", "Europe", "China", "2017"}, "share_pct"), "");
}

TEST_F(AnalyzeTest, JointByCountryYearWhole) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "joint_by_country_year");
  EXPECT_EQ(*RowWith(t, {"Europe", "DE"}), (std::vector<std::string>{"Europe", "DE", "1", "0", "2", "3"}));
  EXPECT_EQ(*RowWith(t, {"Europe", "GB"}), (std::vector<std::string>{"Europe", "GB", "0", "1", "0", "1"}));
  EXPECT_EQ(*RowWith(t, {"China", "CN"}), (std::vector<std::string>{"China", "CN", "1", "1", "1", "3"}));
}

TEST_F(AnalyzeTest, SharesOfEachSidesOutput) {
  struct Case {
    Counting counting;
    std::string output_of, with, year;
    double joint, total, share;  // NaN share: no total
  };
  const double none = std::nan("");
  const std::vector<Case> cases = {
      {Counting::kWhole, "Europe", "China", "2019", 1, 10, 10},
      {Counting::kWhole, "Europe", "China", "2021", 2, 40, 5},
      {Counting::kWhole, "China", "Europe", "2019", 1, 5, 20},
      {Counting::kWhole, "DE", "China", "2019", 1, 4, 25},
      {Counting::kWhole, "DE", "China", "2020", 0, 0, none},
      {Counting::kWhole, "DE", "China", "2021", 2, 10, 20},
      {Counting::kWhole, "China", "DE", "2021", 2, 20, 10},  // China's papers co-authored with Germany
      {Counting::kWhole, "GB", "China", "2020", 1, 8, 12.5},
      {Counting::kWhole, "HK", "Europe", "2021", 1, 4, 25},
      {Counting::kWhole, "Europe", "HK", "2021", 1, 40, 2.5},
      {Counting::kFractional, "Europe", "China", "2021", 1, 30, 100.0 / 30},
      {Counting::kFractional, "DE", "China", "2021", 0.875, 8, 10.9375},
      // China's share of the joint papers with Germany in 2021: W3 1/4 + W4 1/2, of 16.
      {Counting::kFractional, "China", "DE", "2021", 0.75, 16, 4.6875},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "shares");
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      std::vector<std::string> key = {c.output_of, "", c.with, c.year};
      std::string label = c.output_of + " with " + c.with + " " + c.year;
      EXPECT_NEAR(Num(Cell(t, key, "joint_papers")), c.joint, 1e-4) << label;
      EXPECT_NEAR(Num(Cell(t, key, "total_papers")), c.total, 1e-4) << label;
      if (std::isnan(c.share)) {
        EXPECT_EQ(Cell(t, key, "share_pct"), "") << label;
      } else {
        EXPECT_NEAR(Num(Cell(t, key, "share_pct")), c.share, 0.006) << label;
      }
      EXPECT_EQ(Cell(t, key, "incomplete"), c.year == "2021" ? "yes" : "") << label;
    }
  }
}

// --- Exhibit 4 ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, SubfieldsByPrimaryTopic) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "subfields");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"17", "Computer Science", "1707", "Computer Vision", "2", "50"}));
  EXPECT_EQ(Cell(t, {"17", "", "1702"}, "joint_papers"), "1");
  EXPECT_EQ(Cell(t, {"", "(no primary topic)"}, "share_pct"), "25");
  const ExhibitTable& fields = Get(exhibits, "fields");
  EXPECT_EQ(fields.rows[0], (std::vector<std::string>{"17", "Computer Science", "3", "75"}));
}

TEST_F(AnalyzeTest, SubfieldsByConceptWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string concept_id, papers;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "C154945302", "2"},  // W1 and W2
      {Counting::kWhole, "C31972630", "1"},
      {Counting::kWhole, "", "2"},            // W3, W4: no qualifying concept
      {Counting::kFractional, "C154945302", "1.5"},  // W1 1/2 + W2 1
      {Counting::kFractional, "C31972630", "0.5"},
      {Counting::kFractional, "", "2"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting, {}, [](AnalyzeOptions& o) { o.subfield_scheme = "concepts"; });
    const ExhibitTable& t = Get(exhibits, "subfields");
    EXPECT_EQ(Find(exhibits, "fields"), nullptr);
    EXPECT_EQ(RowWith(t, {"C999"}), nullptr) << "level 3 concepts are left out";
    EXPECT_EQ(RowWith(t, {"C119857082"}), nullptr) << "concepts scored below 0.3 are left out";
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      std::vector<std::string> key = {c.concept_id, c.concept_id.empty() ? "(no qualifying concept)" : ""};
      EXPECT_EQ(Cell(t, key, "joint_papers"), c.papers) << c.concept_id;
    }
  }
}

// --- Exhibits 5-6 ------------------------------------------------------------------------------

TEST_F(AnalyzeTest, InstitutionsAsGivenWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string id, papers;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "I2", "3"},   {Counting::kWhole, "I1", "2"},   {Counting::kWhole, "I50", "1"},
      // TUM: W1 1/2 + W3 (1/4 + 1/8) + W4 1/4 (its author shares it with Siemens).
      {Counting::kFractional, "I2", "1.125"}, {Counting::kFractional, "I1", "0.75"},
      {Counting::kFractional, "I50", "0.25"}, {Counting::kFractional, "I9", "0.125"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "institutions");
    EXPECT_EQ(t.rows.size(), 10u);
    EXPECT_EQ(t.rows[0][0], "I2");
    for (const Case& c : cases) {
      if (c.counting == counting) {
        EXPECT_EQ(Cell(t, {c.id}, "joint_papers"), c.papers) << c.id;
      }
    }
    EXPECT_EQ(Cell(t, {"I50"}, "type"), "company") << "the entity fills in what the work leaves out";
    EXPECT_EQ(Cell(t, {"I10"}, "root_id"), "I20");
  }
}


// The scan stores each institution's author share; databases written before that column existed,
// or with a share missing, get the same shares derived from the authorships.
TEST_F(AnalyzeTest, InstitutionSharesWithoutStoredAuthorSharesAreDerived) {
  for (const char* change : {"ALTER TABLE work_institutions DROP COLUMN author_share",
                                    "UPDATE work_institutions SET author_share = NULL WHERE rowid = 2"}) {
    WriteStudy(db_path(), {});
    Exec(db_path(), change);
    auto exhibits = AnalyzeWritten(Counting::kFractional);
    const ExhibitTable& t = Get(exhibits, "institutions");
    EXPECT_EQ(Cell(t, {"I2"}, "joint_papers"), "1.125") << change;
    EXPECT_EQ(Cell(t, {"I1"}, "joint_papers"), "0.75") << change;
    EXPECT_EQ(Cell(t, {"I9"}, "joint_papers"), "0.125") << change;
  }
}

TEST_F(AnalyzeTest, StoredAuthorSharesAreWhatFractionalCountingUses) {
  WriteStudy(db_path(), {});
  Exec(db_path(), "UPDATE work_institutions SET author_share = 2 * author_share WHERE institution_id = 'I2'");
  auto exhibits = AnalyzeWritten(Counting::kFractional);
  const ExhibitTable& t = Get(exhibits, "institutions");
  EXPECT_EQ(Cell(t, {"I2"}, "joint_papers"), "2.25");
  EXPECT_EQ(Cell(t, {"I1"}, "joint_papers"), "0.75");
}

TEST_F(AnalyzeTest, LineageRollUpFindsTheTopMostAncestor) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "institutions_rolled_up");
  // Institute of Automation (lineage [I10, I20, I30]) rolls up to CAS I20, not to I30 (the last
  // element, but itself below I20) and not to itself.
  EXPECT_EQ(Cell(t, {"I20"}, "institution"), "Chinese Academy of Sciences");
  EXPECT_EQ(Cell(t, {"I20"}, "joint_papers"), "1");
  EXPECT_EQ(RowWith(t, {"I30"}), nullptr);
  EXPECT_EQ(RowWith(t, {"I10"}), nullptr);
  // Huawei's UK unit stays a UK institution, named as Huawei's.
  EXPECT_EQ(Cell(t, {"I40", "Huawei", "CN"}, "joint_papers"), "1");
  EXPECT_EQ(Cell(t, {"I40", "Huawei (GB units)", "GB"}, "group"), "Europe");
}

TEST_F(AnalyzeTest, LineageRollUpCountsAPaperOnceAndSumsShares) {
  // W5: two British Huawei units and Tsinghua, one author each.
  const InstitutionRef edinburgh = Inst("I42", "Huawei Research Edinburgh", "GB", "company", {"I40", "I42"});
  StudyOptions study;
  study.extra_works = {{"W5", 2021, {kHuaweiUk, edinburgh, kTsinghua}, {{{0}}, {{1}}, {{2}}}, "", "", 0, {}, {}}};
  struct Case {
    Counting counting;
    std::string gb_units, company;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "2", "2"},  // W2 and W5, W5 once although it lists two units
      // (Huawei, GB): W2 1/4 + W5 2/3; Huawei as a company adds its Chinese unit's 1/4 on W2.
      {Counting::kFractional, "0.9167", "1.1667"},
  };
  for (const Case& c : cases) {
    auto exhibits = Run(c.counting, study);
    const ExhibitTable& t = Get(exhibits, "institutions_rolled_up");
    EXPECT_EQ(Cell(t, {"I40", "", "GB"}, "joint_papers"), c.gb_units) << CountingName(c.counting);
    EXPECT_EQ(Cell(t, {"I40", "", "GB"}, "members"), "2");
    EXPECT_EQ(Cell(t, {"I40", "", "CN"}, "members"), "1");
    const ExhibitTable& top = Get(exhibits, "top_companies");
    EXPECT_EQ(Cell(top, {"", "I40"}, "papers"), c.company) << CountingName(c.counting);
    EXPECT_EQ(Cell(top, {"", "I40"}, "units"), "3");
  }
}

TEST_F(AnalyzeTest, InstitutionsAboveThresholdAndPerCountry) {
  auto exhibits = Run(Counting::kWhole);  // threshold 2
  const ExhibitTable& above = Get(exhibits, "institutions_above_threshold");
  ASSERT_EQ(above.rows.size(), 1u) << "strictly more than the threshold: Tsinghua's 2 is not above 2";
  EXPECT_EQ(above.rows[0], (std::vector<std::string>{"1", "I2", "Technical University of Munich", "DE", "Europe", "3"}));

  const ExhibitTable& t = Get(exhibits, "institutions_by_country");
  struct Case {
    std::string group, country, institutions, under_10, half, above, top, top_papers, second;
  };
  const std::vector<Case> cases = {
      {"Europe", "DE", "2", "2", "0", "1", "Technical University of Munich", "3", "Siemens"},
      {"Europe", "GB", "2", "2", "0", "0", "Huawei Technologies (United Kingdom)", "1", "University of Oxford"},
      {"Europe", "FR", "1", "1", "0", "0", "Inria, Paris", "1", ""},
      {"China", "CN", "3", "3", "1", "0", "Tsinghua University", "2", "Huawei"},
      {"China", "HK", "1", "1", "0", "0", "University of Hong Kong", "1", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(*RowWith(t, {c.group, c.country}),
              (std::vector<std::string>{c.group, c.country, c.institutions, c.under_10, c.half, c.above, c.top,
                                        c.top_papers, c.second, c.second.empty() ? "" : "1"}))
        << c.country;
  }
  EXPECT_EQ(RowWith(t, {"", "US"}), nullptr) << "only the two groups' countries";
}

TEST_F(AnalyzeTest, InstitutionPairsPerCountry) {
  auto exhibits = Run(Counting::kFractional);
  const ExhibitTable& t = Get(exhibits, "institution_pairs");
  EXPECT_EQ(t.counting, "whole");
  auto papers = [&](const std::string& country, const std::string& a, const std::string& b) {
    for (const auto& row : t.rows) {
      if (row[1] == country && row[3] == a && row[5] == b) return row[8];
    }
    return std::string("<none>");
  };
  EXPECT_EQ(papers("DE", "I2", "I1"), "1");
  EXPECT_EQ(papers("DE", "I2", "I10"), "1");
  EXPECT_EQ(papers("DE", "I50", "I60"), "1");
  EXPECT_EQ(papers("CN", "I1", "I2"), "1") << "each pair under both countries";
  EXPECT_EQ(papers("DE", "I2", "I8"), "<none>") << "MIT is in neither group";
  EXPECT_EQ(papers("DE", "I2", "I9"), "<none>") << "Inria is in the same group";
  int de_rows = 0;
  for (const auto& row : t.rows) de_rows += row[1] == "DE" ? 1 : 0;
  EXPECT_EQ(de_rows, 4);  // TUM-Tsinghua, TUM-Automation, TUM-HKU, Siemens-HKU
}

TEST_F(AnalyzeTest, InstitutionPairsAreCappedAtTopN) {
  auto exhibits = Run(Counting::kWhole, {}, [](AnalyzeOptions& o) { o.top_n = 2; });
  const ExhibitTable& t = Get(exhibits, "institution_pairs");
  int de_rows = 0;
  for (const auto& row : t.rows) de_rows += row[1] == "DE" ? 1 : 0;
  EXPECT_EQ(de_rows, 2);
}

// --- Citations ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, CitationsNormalisedByFieldAndYear) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "citations");
  // Bucket means: (1707, 2019) = (10 + 30 + 2) / 3 = 14; (1702, 2020) = 20; (1707, 2021) = (0 + 8 + 4) / 3 = 4;
  // (none, 2021) = 5.
  struct Case {
    std::string unit, subset;
    int papers;
    double mean, median, normalised;
    int with_fwci;
    double fwci;  // NaN: none
  };
  const double none = std::nan("");
  const std::vector<Case> cases = {
      {"Europe and China", "joint", 4, 8.75, 7.5, (10.0 / 14 + 1 + 0 + 1) / 4, 1, 1.0},
      {"Europe", "without China", 2, 19, 19, (30.0 / 14 + 2) / 2, 1, 2.0},
      {"Europe", "only_own_group", 1, 30, 30, 30.0 / 14, 1, 2.0},
      {"China", "without Europe", 1, 2, 2, 2.0 / 14, 0, none},
      {"neither group", "all", 1, 4, 4, 1, 0, none},
      {"all field works", "all", 8, 79.0 / 8, 6.5, (10.0 / 14 + 1 + 0 + 1 + 30.0 / 14 + 2.0 / 14 + 2 + 1) / 8, 2, 1.5},
      {"DE", "all", 5, 53.0 / 5, 8, (10.0 / 14 + 0 + 1 + 30.0 / 14 + 2) / 5, 2, 1.5},
      {"DE", "with China", 3, 5, 5, (10.0 / 14 + 0 + 1) / 3, 1, 1.0},
      {"DE", "without China", 2, 19, 19, (30.0 / 14 + 2) / 2, 1, 2.0},
      {"DE", "single_country", 1, 30, 30, 30.0 / 14, 1, 2.0},
      {"CN", "single_country", 1, 2, 2, 2.0 / 14, 0, none},
  };
  for (const Case& c : cases) {
    std::vector<std::string> key = {c.unit, c.subset};
    std::string label = c.unit + " / " + c.subset;
    ASSERT_NE(RowWith(t, key), nullptr) << label;
    EXPECT_EQ(Cell(t, key, "papers"), std::to_string(c.papers)) << label;
    EXPECT_NEAR(Num(Cell(t, key, "mean_citations")), c.mean, 1e-4) << label;
    EXPECT_NEAR(Num(Cell(t, key, "median_citations")), c.median, 1e-4) << label;
    EXPECT_NEAR(Num(Cell(t, key, "mean_normalised_citations")), c.normalised, 1e-4) << label;
    EXPECT_EQ(Cell(t, key, "papers_with_fwci"), std::to_string(c.with_fwci)) << label;
    if (std::isnan(c.fwci)) {
      EXPECT_EQ(Cell(t, key, "mean_fwci"), "") << label;
    } else {
      EXPECT_NEAR(Num(Cell(t, key, "mean_fwci")), c.fwci, 1e-4) << label;
    }
  }
  const ExhibitTable& by_year = Get(exhibits, "citations_by_year");
  EXPECT_EQ(Cell(by_year, {"Europe and China", "joint", "2021"}, "papers"), "2");
  EXPECT_EQ(Cell(by_year, {"Europe and China", "joint", "2021"}, "incomplete"), "yes");
  EXPECT_NEAR(Num(Cell(by_year, {"Europe and China", "joint", "2021"}, "mean_normalised_citations")), 0.5, 1e-4);
}

TEST_F(AnalyzeTest, CitationsAreSkippedWithANoteWithoutFieldWorks) {
  StudyOptions study;
  study.field_works = false;
  auto exhibits = Run(Counting::kWhole, study);
  for (const std::string id : {"citations", "citations_by_year"}) {
    const ExhibitTable& t = Get(exhibits, id);
    EXPECT_TRUE(t.rows.empty()) << id;
    bool noted = false;
    for (const std::string& note : t.notes) noted = noted || note.find("field_works") != std::string::npos;
    EXPECT_TRUE(noted) << id;
  }
  EXPECT_NE(Find(exhibits, "joint_by_country"), nullptr) << "the other exhibits are still made";
}

// --- Exhibit 7 ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, FundingDisclosure) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& t = Get(exhibits, "funding");
  // W1 (NSFC), W2 (Key R&D, EPSRC, Acme), W4 (Tsinghua) disclose; China-funded: all three.
  EXPECT_EQ(*RowWith(t, {"all"}), (std::vector<std::string>{"all", "4", "3", "75", "3", "100", "1", "33.33", ""}));
  EXPECT_EQ(*RowWith(t, {"2021"}), (std::vector<std::string>{"2021", "2", "1", "50", "1", "100", "0", "0", "yes"}));
}

TEST_F(AnalyzeTest, FundersByCountryAndTypeWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string group, country, type, funders;
    double papers, share;
  };
  const std::vector<Case> cases = {
      // Whole: a paper counts once per category. NSFC: ROR matches an institution of type "funder",
      // which does not decide, so its name ("national") makes it government; F4's ROR is Tsinghua's.
      {Counting::kWhole, "China", "all", "government", "2", 2, 66.67},
      {Counting::kWhole, "China", "all", "education", "1", 1, 33.33},
      {Counting::kWhole, "Europe", "GB", "government", "1", 1, 33.33},  // "council"
      {Counting::kWhole, "country unknown", "all", "company", "1", 1, 33.33},  // "Ltd", no funder id
      // Fractional: W2's 1 is split over its three distinct funders.
      {Counting::kFractional, "China", "all", "government", "2", 1 + 1.0 / 3, 44.44},
      {Counting::kFractional, "China", "CN", "education", "1", 1, 33.33},
      {Counting::kFractional, "Europe", "all", "government", "1", 1.0 / 3, 11.11},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "funders_by_country_type");
    EXPECT_EQ(t.counting, CountingName(counting));
    for (const Case& c : cases) {
      if (c.counting != counting) continue;
      std::vector<std::string> key = {c.group, c.country, c.type};
      std::string label = c.group + " " + c.country + " " + c.type;
      ASSERT_NE(RowWith(t, key), nullptr) << label;
      EXPECT_EQ(Cell(t, key, "funders"), c.funders) << label;
      EXPECT_NEAR(Num(Cell(t, key, "papers")), c.papers, 1e-4) << label;
      EXPECT_NEAR(Num(Cell(t, key, "share_pct")), c.share, 0.006) << label;
    }
    const ExhibitTable& top = Get(exhibits, "top_funders");
    EXPECT_EQ(top.rows.size(), 5u);
    if (counting == Counting::kWhole) {
      EXPECT_EQ(top.rows[0][1], "F1");  // ties in key order
      EXPECT_EQ(top.rows[0][2], "National Natural Science Foundation of China");
    } else {
      EXPECT_EQ(top.rows[1][1], "F4");  // 1 paper each for F1 and F4, 1/3 for the rest
      EXPECT_EQ(Cell(top, {"", "F2"}, "papers"), "0.3333");
    }
  }
}

TEST_F(AnalyzeTest, ProgrammesMatchFunderNamesAlternativesAndAwardIds) {
  auto exhibits = Run(Counting::kWhole, {}, [](AnalyzeOptions& o) {
    o.programmes = {"National Key R&D Program", "National Defense Basic Scientific Research Program", "2018yfb",
                    "nsfc"};
  });
  const ExhibitTable& t = Get(exhibits, "programmes");
  struct Case {
    std::string programme, papers, share, grants;
  };
  const std::vector<Case> cases = {
      {"National Key R&D Program", "1", "25", "2"},  // W2's two grant rows, via the alternative name
      {"National Defense Basic Scientific Research Program", "0", "0", "0"},
      {"2018yfb", "1", "25", "1"},  // award id of W4, case-insensitive
      {"nsfc", "1", "25", "1"},
  };
  ASSERT_EQ(t.rows.size(), cases.size());
  for (const Case& c : cases) {
    EXPECT_EQ(*RowWith(t, {c.programme}), (std::vector<std::string>{c.programme, c.papers, c.share, c.grants}));
  }
}

TEST(AnalyzeFunderTypeTest, RorThenKeywordsThenOther) {
  const std::unordered_map<std::string, std::string> by_ror = {
      {"ror-edu", "education"}, {"ror-fund", "funder"}, {"ror-co", "company"}};
  struct Case {
    std::string ror, name, type;
  };
  const std::vector<Case> cases = {
      {"ror-edu", "Some Foundation", "education"},
      {"ror-co", "National Something", "company"},
      {"ror-fund", "National Natural Science Foundation of China", "government"},
      {"", "Fundamental Research Funds for the Central Universities", "government"},
      {"", "Natural Science Foundation of Jiangsu Province", "government"},
      {"", "Huawei Technologies Co., Ltd.", "company"},
      {"", "Peking University", "education"},
      {"", "Technische Universität München", "education"},
      {"", "China Postdoctoral Science Foundation", "other"},
      {"", "Royal Society", "other"},
      {"", "Statens vegvesen", "other"},  // whole words only: "state" is not in "statens"
  };
  for (const Case& c : cases) EXPECT_EQ(analyze::FunderType(c.ror, c.name, by_ror), c.type) << c.name;
}

// --- Companies ---------------------------------------------------------------------------------

TEST_F(AnalyzeTest, CompaniesWholeAndFractional) {
  struct Case {
    Counting counting;
    std::string where, papers, share;
  };
  const std::vector<Case> cases = {
      {Counting::kWhole, "in Europe or China", "2", "50"},
      {Counting::kWhole, "in Europe", "2", "50"},  // Huawei UK (W2), Siemens by its entity type (W4)
      {Counting::kWhole, "in China", "1", "25"},
      {Counting::kWhole, "anywhere", "2", "50"},
      {Counting::kFractional, "in Europe", "0.5", "12.5"},  // W2 1/4 + W4 1/4
      {Counting::kFractional, "in China", "0.25", "6.25"},
  };
  for (Counting counting : {Counting::kWhole, Counting::kFractional}) {
    auto exhibits = Run(counting);
    const ExhibitTable& t = Get(exhibits, "companies");
    for (const Case& c : cases) {
      if (c.counting == counting) {
        EXPECT_EQ(*RowWith(t, {c.where}), (std::vector<std::string>{c.where, c.papers, c.share})) << c.where;
      }
    }
  }
}

TEST_F(AnalyzeTest, TopCompaniesRollUpSubsidiariesAndListPartners) {
  auto exhibits = Run(Counting::kWhole);
  const ExhibitTable& top = Get(exhibits, "top_companies");
  ASSERT_EQ(top.rows.size(), 2u);
  EXPECT_EQ(top.rows[0], (std::vector<std::string>{"1", "I40", "Huawei", "CN", "China", "1", "1", "1", "2", "CN GB"}));
  EXPECT_EQ(top.rows[1][1], "I50");
  const ExhibitTable& partners = Get(exhibits, "company_partners");
  // Huawei (China) works with Oxford; Huawei UK with Tsinghua; its own units are not partners.
  EXPECT_EQ(Cell(partners, {"I40", "", "", "I7"}, "papers"), "1");
  EXPECT_EQ(Cell(partners, {"I40", "", "", "I1"}, "papers"), "1");
  EXPECT_EQ(RowWith(partners, {"I40", "", "", "I41"}), nullptr);
  EXPECT_EQ(Cell(partners, {"I50", "", "", "I60"}, "partner_group"), "China");
  EXPECT_EQ(RowWith(partners, {"I50", "", "", "I2"}), nullptr) << "TU Munich is on Siemens' own side";

  auto fractional = Run(Counting::kFractional);
  const ExhibitTable& top_fractional = Get(fractional, "top_companies");
  EXPECT_EQ(*RowWith(top_fractional, {"", "I40"}),
            (std::vector<std::string>{"1", "I40", "Huawei", "CN", "China", "0.5", "0.25", "0.25", "2", "CN GB"}));
}

// --- Header fields, incomplete years, files and tables -----------------------------------------

TEST_F(AnalyzeTest, EveryExhibitCarriesDefinitionCountingDateAndIncompleteYears) {
  auto exhibits = Run(Counting::kFractional);
  ASSERT_EQ(exhibits.size(), 26u);
  std::set<std::string> ids;
  for (const ExhibitTable& t : exhibits) {
    ids.insert(t.id);
    EXPECT_FALSE(t.title.empty()) << t.id;
    EXPECT_FALSE(t.definition.empty()) << t.id;
    EXPECT_TRUE(t.counting == "fractional" || t.counting == "whole") << t.id;
    EXPECT_EQ(t.data_date, "2022-03-01") << t.id;
    EXPECT_EQ(t.source, "OpenAlex snapshot 2022-03-01 via entangle 0.1.0; study Test (sha256 abc)") << t.id;
    EXPECT_EQ(t.incomplete_years, std::vector<int>{2021}) << t.id;
    for (const auto& row : t.rows) ASSERT_EQ(row.size(), t.columns.size()) << t.id;
  }
  EXPECT_EQ(ids.size(), exhibits.size()) << "ids are unique";
}

TEST_F(AnalyzeTest, IncompleteYearsAndDataDateFollowTheOptionsAndRun) {
  struct Case {
    int incomplete;
    std::vector<int> years;
    std::vector<std::string> flags;  // joint_by_year's incomplete column, 2019..2021
  };
  const std::vector<Case> cases = {
      {0, {}, {"", "", ""}},
      {1, {2021}, {"", "", "yes"}},
      {2, {2020, 2021}, {"", "yes", "yes"}},
  };
  for (const Case& c : cases) {
    StudyOptions study;
    study.snapshot_date = "";  // falls back to the date the scan ran
    auto exhibits = Run(Counting::kWhole, study, [&](AnalyzeOptions& o) { o.incomplete_years = c.incomplete; });
    const ExhibitTable& t = Get(exhibits, "joint_by_year");
    EXPECT_EQ(t.incomplete_years, c.years) << c.incomplete;
    for (size_t i = 0; i < 3 && i < t.rows.size(); ++i) EXPECT_EQ(t.rows[i].back(), c.flags[i]) << c.incomplete;
    EXPECT_EQ(t.data_date, "2022-04-05");
    EXPECT_NE(t.source.find("no snapshot date"), std::string::npos) << t.source;
    bool noted = false;
    for (const std::string& note : t.notes) noted = noted || note.find("Incomplete year") != std::string::npos;
    EXPECT_EQ(noted, c.incomplete > 0);
  }
}

TEST_F(AnalyzeTest, WritesCsvAndJsonFiles) {
  auto exhibits = Run(Counting::kWhole);
  for (const ExhibitTable& t : exhibits) {
    std::string csv = ReadFile(out_dir() + "/" + t.id + ".csv");
    EXPECT_EQ(csv, analyze::ExhibitCsv(t)) << t.id;
    auto json = nlohmann::json::parse(ReadFile(out_dir() + "/" + t.id + ".json"));
    EXPECT_EQ(json["id"], t.id);
    EXPECT_EQ(json["counting"], t.counting);
    EXPECT_EQ(json["data_date"], "2022-03-01");
    EXPECT_EQ(json["incomplete_years"], nlohmann::json(t.incomplete_years));
    EXPECT_EQ(json["columns"], nlohmann::json(t.columns));
    EXPECT_EQ(json["rows"], nlohmann::json(t.rows));
    EXPECT_EQ(json["notes"], nlohmann::json(t.notes));
  }
  std::string csv = ReadFile(out_dir() + "/joint_by_country.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "group,country,joint_papers,share_pct");
  EXPECT_NE(csv.find("Europe,DE,3,75\n"), std::string::npos) << csv;
  std::string institutions = ReadFile(out_dir() + "/institutions.csv");
  EXPECT_NE(institutions.find("I9,\"Inria, Paris\",FR,Europe,facility,1,I9\n"), std::string::npos) << institutions;
  // No temporary files are left behind.
  for (const auto& entry : fs::directory_iterator(out_dir())) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST(AnalyzeExhibitCsvTest, QuotesOnlyWhatNeedsIt) {
  ExhibitTable t;
  t.columns = {"a", "b"};
  t.rows = {{"plain", "with, comma"}, {"with \"quote\"", "line\nbreak"}, {" padded", ""}};
  EXPECT_EQ(analyze::ExhibitCsv(t), "a,b\nplain,\"with, comma\"\n\"with \"\"quote\"\"\",\"line\nbreak\"\n\" padded\",\n");
}

// Cells are copied as they are unless JSON needs them escaped; what comes back must be the cell.
TEST(AnalyzeExhibitJsonTest, EveryCellParsesBackToItself) {
  struct Case {
    std::string cell, parsed;
  };
  const std::vector<Case> cases = {
      {"plain", "plain"},
      {"", ""},
      {"with \"quote\" and \\ backslash", "with \"quote\" and \\ backslash"},
      {"tab\tnew\nline\x01", "tab\tnew\nline\x01"},
      {"北京航空航天大学 (Beihang) – Zürich", "北京航空航天大学 (Beihang) – Zürich"},
      {"cut \xe5\x8c", "cut \xef\xbf\xbd"},  // invalid UTF-8: replaced with U+FFFD, as nlohmann does
      {"/ slash \x7f", "/ slash \x7f"},
  };
  ExhibitTable t;
  t.id = "cells";
  t.columns = {"cell"};
  for (const Case& c : cases) t.rows.push_back({c.cell});
  auto json = nlohmann::json::parse(analyze::ExhibitJson(t));
  ASSERT_EQ(json["rows"].size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(json["rows"][i][0], cases[i].parsed) << i;
  EXPECT_EQ(json["id"], "cells");

  t.rows.clear();
  EXPECT_EQ(nlohmann::json::parse(analyze::ExhibitJson(t))["rows"], nlohmann::json::array());
}

TEST_F(AnalyzeTest, WritesExhibitTablesIntoTheDatabaseAndReplacesThem) {
  auto first = Run(Counting::kWhole);
  // A stale exhibit of an earlier run must disappear when the exhibits are rewritten.
  Exec(db_path(), "CREATE TABLE exhibit_stale (x)");
  AnalyzeOptions options;
  options.database_path = db_path();
  options.out_dir = out_dir();
  options.institution_threshold = 2;
  auto second = Analyze(options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  auto reader = StudyDb::Open(db_path());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto q = [&](const std::string& sql) {
    auto rows = (*reader)->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<std::vector<std::string>>{};
  };
  EXPECT_EQ(q("SELECT count(*) FROM exhibits"), (std::vector<std::vector<std::string>>{{std::to_string(second->size())}}));
  EXPECT_EQ(q("SELECT count(*) FROM sqlite_master WHERE name = 'exhibit_stale'"),
            (std::vector<std::vector<std::string>>{{"0"}}));
  for (const ExhibitTable& t : *second) {
    EXPECT_EQ(q("SELECT count(*) FROM exhibit_" + t.id), (std::vector<std::vector<std::string>>{{std::to_string(t.rows.size())}}))
        << t.id;
  }
  EXPECT_EQ(q("SELECT country, joint_papers, typeof(joint_papers), typeof(share_pct) FROM exhibit_joint_by_country "
              "WHERE \"group\" = 'Europe' AND country = 'DE'"),
            (std::vector<std::vector<std::string>>{{"DE", "3", "integer", "integer"}}));
  EXPECT_EQ(q("SELECT subfield_id, typeof(subfield_id) FROM exhibit_subfields WHERE joint_papers = 2"),
            (std::vector<std::vector<std::string>>{{"1707", "text"}}))
      << "id columns stay text";
  EXPECT_EQ(q("SELECT counting, data_date, incomplete_years_json, row_count FROM exhibits WHERE id = 'joint_by_year'"),
            (std::vector<std::vector<std::string>>{{"whole", "2022-03-01", "[2021]", "3"}}));
  EXPECT_EQ(q("SELECT sum(\"2021\") FROM exhibit_joint_by_country_year WHERE \"group\" = 'China'"),
            (std::vector<std::vector<std::string>>{{"2"}}));
}

// The files and the tables are written at the same time; the tables commit only once the files
// are written, so a run whose files fail leaves the previous exhibits in the database.
TEST_F(AnalyzeTest, ADatabaseKeepsItsPreviousExhibitsWhenTheFilesCannotBeWritten) {
  Run(Counting::kWhole);
  std::ofstream(dir_ / "a-file") << "not a directory";
  AnalyzeOptions options;
  options.database_path = db_path();
  options.out_dir = dir_ / "a-file/out";
  options.counting = Counting::kFractional;
  auto failed = Analyze(options);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("a-file"), std::string::npos) << failed.status().ToString();
  auto reader = StudyDb::Open(db_path());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto counting = (*reader)->Query("SELECT DISTINCT counting FROM exhibits WHERE counting <> ''");
  ASSERT_TRUE(counting.ok());
  EXPECT_EQ(*counting, (std::vector<std::vector<std::string>>{{"whole"}}));
  auto staged = (*reader)->Query("SELECT count(*) FROM sqlite_master WHERE name LIKE 'staged%'");
  ASSERT_TRUE(staged.ok());
  EXPECT_EQ(*staged, (std::vector<std::vector<std::string>>{{"0"}}));
}

TEST_F(AnalyzeTest, RejectsBadOptionsAndDatabases) {
  WriteStudy(db_path());
  struct Case {
    std::string name;
    std::function<void(AnalyzeOptions&)> adjust;
    Status::Code code;
  };
  const std::vector<Case> cases = {
      {"missing database", [&](AnalyzeOptions& o) { o.database_path = dir_ / "missing.db"; }, Status::Code::kNotFound},
      {"bad scheme", [](AnalyzeOptions& o) { o.subfield_scheme = "keywords"; }, Status::Code::kInvalidArgument},
      {"no output dir", [](AnalyzeOptions& o) { o.out_dir = ""; }, Status::Code::kInvalidArgument},
      {"top 0", [](AnalyzeOptions& o) { o.top_n = 0; }, Status::Code::kInvalidArgument},
      {"not a study database",
       [&](AnalyzeOptions& o) {
         std::ofstream(dir_ / "other.db") << "hello";
         o.database_path = dir_ / "other.db";
       },
       Status::Code::kInvalidArgument},
  };
  for (const Case& c : cases) {
    AnalyzeOptions options;
    options.database_path = db_path();
    options.out_dir = out_dir();
    c.adjust(options);
    auto result = Analyze(options);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.status().code(), c.code) << c.name << ": " << result.status().ToString();
  }
  EXPECT_FALSE(fs::exists(out_dir())) << "nothing is written on failure";
}

TEST_F(AnalyzeTest, ADatabaseWithoutARunIsRejected) {
  auto created = StudyDbWriter::Create(db_path());
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE((*created)->Commit().ok());
  AnalyzeOptions options;
  options.database_path = db_path();
  options.out_dir = out_dir();
  auto result = Analyze(options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("no run"), std::string::npos) << result.status().ToString();
}

// --- The bundled sample (data/sample/openalex, 6 joint works: data/sample/expected.json) -------

class AnalyzeSampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ScanOptions scan;
    scan.inputs = {std::string(ENTANGLE_SOURCE_DIR) + "/data/sample/openalex"};
    scan.study_path = std::string(ENTANGLE_SOURCE_DIR) + "/studies/ai-europe-china.toml";
    scan.database_path = *dir_ / "sample.db";
    scan.threads = 2;
    scan.progress = ProgressMode::kNone;
    auto summary = RunScan(scan);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    ASSERT_EQ(summary->joint, 6u);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::vector<ExhibitTable> Run(Counting counting, const std::string& scheme = "topics") {
    AnalyzeOptions options;
    options.database_path = *dir_ / "sample.db";
    options.out_dir = *dir_ / ("out-" + CountingName(counting) + "-" + scheme);
    options.counting = counting;
    options.subfield_scheme = scheme;
    auto exhibits = Analyze(options);
    EXPECT_TRUE(exhibits.ok()) << exhibits.status().ToString();
    return exhibits.ok() ? *exhibits : std::vector<ExhibitTable>{};
  }
  static TempDir* dir_;
};

TempDir* AnalyzeSampleTest::dir_ = nullptr;

TEST_F(AnalyzeSampleTest, HandCheckedExhibits) {
  auto exhibits = Run(Counting::kWhole);
  ASSERT_FALSE(exhibits.empty());
  const ExhibitTable& by_year = *Find(exhibits, "joint_by_year");
  // expected.json: joint_by_year 2019: 1, 2020: 1, 2021: 2, 2022: 2. The sample's snapshot is of
  // 2025, so no study year (2017-2022) is still being indexed.
  std::map<std::string, std::string> joint;
  for (const auto& row : by_year.rows) joint[row[0]] = row[1];
  EXPECT_EQ(joint, (std::map<std::string, std::string>{
                       {"2017", "0"}, {"2018", "0"}, {"2019", "1"}, {"2020", "1"}, {"2021", "2"}, {"2022", "2"}}));
  EXPECT_TRUE(by_year.incomplete_years.empty());
  EXPECT_EQ(by_year.data_date, "2025-11-11");

  const ExhibitTable& by_country = *Find(exhibits, "joint_by_country");
  // GB is on W3105966348, W3111535274, W3170841864 and W3212386989; CN on all six; HK on two.
  EXPECT_EQ(Cell(by_country, {"Europe", "all"}, "joint_papers"), "6");
  EXPECT_EQ(Cell(by_country, {"Europe", "GB"}, "joint_papers"), "4");
  EXPECT_EQ(Cell(by_country, {"Europe", "GB"}, "share_pct"), "66.67");
  EXPECT_EQ(Cell(by_country, {"Europe", "CH"}, "joint_papers"), "1");
  EXPECT_EQ(Cell(by_country, {"China", "CN"}, "joint_papers"), "6");
  EXPECT_EQ(Cell(by_country, {"China", "HK"}, "joint_papers"), "2");

  const ExhibitTable& shares = *Find(exhibits, "shares");
  // Europe 2019: 1 joint of 10 field works (expected.json totals.group.a.2019.whole);
  // GB 2021: 2 of 8; China 2022: 2 of 6.
  EXPECT_EQ(Cell(shares, {"Europe", "Europe", "China", "2019"}, "share_pct"), "10");
  EXPECT_EQ(Cell(shares, {"GB", "Europe", "China", "2021"}, "share_pct"), "25");
  EXPECT_EQ(Cell(shares, {"China", "China", "Europe", "2022"}, "share_pct"), "33.33");

  const ExhibitTable& institutions = *Find(exhibits, "institutions");
  EXPECT_EQ(Cell(institutions, {"I79510175"}, "joint_papers"), "2");  // Cardiff University
  EXPECT_EQ(Cell(institutions, {"I99065089"}, "joint_papers"), "2");  // Tsinghua University

  const ExhibitTable& companies = *Find(exhibits, "companies");
  // Huawei Sweden/UK (W3105966348); Tencent + Meta Israel (W3170841864); Group Sense + Sensimetrics (W3175515048).
  EXPECT_EQ(Cell(companies, {"in Europe"}, "papers"), "1");
  EXPECT_EQ(Cell(companies, {"in China"}, "papers"), "2");
  EXPECT_EQ(Cell(companies, {"anywhere"}, "papers"), "3");
  const ExhibitTable& top = *Find(exhibits, "top_companies");
  // Huawei's Swedish and British units roll up to Huawei (I2250955327) on one paper.
  EXPECT_EQ(Cell(top, {"", "I2250955327"}, "papers"), "1");
  EXPECT_EQ(Cell(top, {"", "I2250955327"}, "units"), "2");
  EXPECT_EQ(Cell(top, {"", "I2250955327"}, "unit_countries"), "GB SE");

  const ExhibitTable& citations = *Find(exhibits, "citations");
  // expected.json: 123 field-relevant works, 6 of them joint.
  EXPECT_EQ(Cell(citations, {"all field works", "all"}, "papers"), "123");
  EXPECT_EQ(Cell(citations, {"Europe and China", "joint"}, "papers"), "6");
}

TEST_F(AnalyzeSampleTest, FractionalAndConcepts) {
  auto exhibits = Run(Counting::kFractional, "concepts");
  ASSERT_FALSE(exhibits.empty());
  const ExhibitTable& by_country = *Find(exhibits, "joint_by_country");
  // GB's author shares: 1/8 + 7/22 + 1/10 + 1/6 (work_countries of the four papers).
  EXPECT_NEAR(Num(Cell(by_country, {"Europe", "GB"}, "joint_papers")), 0.125 + 7.0 / 22 + 0.1 + 1.0 / 6, 1e-4);
  EXPECT_EQ(by_country.counting, "fractional");
  const ExhibitTable& subfields = *Find(exhibits, "subfields");
  // Every sample joint paper carries "Artificial intelligence" (C154945302, level 1) at score >= 0.3;
  // fractional shares of one paper add up to 1 over its concepts, so the column sums to 6.
  double sum = 0;
  for (const auto& row : subfields.rows) sum += Num(row[3]);
  EXPECT_NEAR(sum, 6, 1e-3);
  EXPECT_NE(RowWith(subfields, {"C154945302"}), nullptr);
}

}  // namespace
}  // namespace entangle
