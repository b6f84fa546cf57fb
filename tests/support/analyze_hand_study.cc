#include "support/analyze_hand_study.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "support/study_db_file.h"

namespace entangle::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::pair<extract::WorkRecord, std::vector<store::WorkCountryShare>> Build(const WorkSpec& spec) {
  extract::WorkRecord w;
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
    extract::Authorship a;
    a.order = static_cast<int>(i);
    a.author_id = spec.authors[i].author_id;
    a.author_name = spec.authors[i].name.empty() ? "Author " + std::to_string(i) : spec.authors[i].name;
    a.raw_affiliations = spec.authors[i].raw_affiliations;
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
    w.topics.push_back(
        {"T1", "Secondary", 0.5, false, "2207", "Control", "22", "Engineering", "3", "Physical Sciences"});
  }
  w.concepts = spec.concepts;
  w.grants = spec.grants;
  std::vector<store::WorkCountryShare> share_rows;
  for (const auto& [country, share] : shares) share_rows.push_back({country, share});
  return {w, share_rows};
}

std::vector<WorkSpec> HandMadeWorks() {
  const extract::ConceptRef cv{"C31972630", "Computer vision", 2, 0.8};
  const extract::ConceptRef ai{"C154945302", "Artificial intelligence", 1, 0.6};
  const extract::ConceptRef too_deep{"C999", "Object detection", 3, 0.9};        // level 3: left out
  const extract::ConceptRef too_weak{"C119857082", "Machine learning", 1, 0.2};  // score < 0.3: left out
  return {
      {"W1",
       2019,
       {kTsinghua, kTum},
       {{{0}}, {{1}}},
       "1707",
       "Computer Vision",
       10,
       {cv, ai, too_deep, too_weak},
       {{"F1", "NSFC", "62276000"}},
       1.0},
      {"W2",
       2020,
       {kHuawei, kHuaweiUk, kOxford, kTsinghua},
       {{{0}}, {{1}}, {{2}}, {{3}}},
       "1702",
       "Artificial Intelligence",
       20,
       {{"C154945302", "Artificial intelligence", 1, 0.7}},
       {{"F2", "National Key R&D Program of China", ""},
        {"F3", "EPSRC", "EP/1"},
        {"F2", "National Key R&D Program of China", "2019YFB1"},  // the same funder twice counts once
        {"", "Acme Robotics Ltd", ""}}},
      {"W3",
       2021,
       {kAutomation, kTum, kInria, kMit},
       {{{0}}, {{1}}, {{1, 2}}, {{3}}},
       "1707",
       "Computer Vision",
       0,
       {},
       {}},
      {"W4",
       2021,
       {kHku, kTum, kSiemens},
       {{{0}}, {{1, 2}}},
       "",
       "",
       5,
       {},
       {{"F4", "Tsinghua University", "2018YFB1004600"}}},
  };
}

std::vector<store::FieldWorkRow> HandMadeFieldWorks() {
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

void Exec(const std::string& db_path, const std::string& sql) {
  Status done = ExecOnStudyDb(db_path, sql);
  ASSERT_TRUE(done.ok()) << sql << ": " << done.ToString();
}

void WriteStudy(const std::string& path, const StudyOptions& study) {
  auto created = store::StudyDbWriter::Create(path);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  store::StudyDbWriter& writer = **created;
  store::RunInfo run;
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
    extract::InstitutionEntity e;
    e.id = id;
    e.display_name = name;
    e.country_code = country;
    e.type = type;
    e.lineage = std::move(lineage);
    e.ror = ror;
    return e;
  };
  for (const extract::InstitutionEntity& e : {
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
    extract::FunderEntity f;
    f.id = id;
    f.display_name = name;
    f.country_code = country;
    f.ror = ror;
    f.alternative_names = std::move(alternatives);
    return f;
  };
  for (const extract::FunderEntity& f : {
           funder("F1", "National Natural Science Foundation of China", "CN", "01h0zpd94", {"NSFC"}),
           funder("F2", "National Key Research and Development Program of China", "CN", "",
                  {"National Key R&D Program of China"}),
           funder("F3", "Engineering and Physical Sciences Research Council", "GB", ""),
           funder("F4", "Tsinghua University", "CN", "03cve4549"),
       }) {
    ASSERT_TRUE(writer.PutFunder(f).ok());
  }
  std::vector<store::TotalRow> totals = {
      {"group", "a", 2019, 10, 8},     {"group", "a", 2020, 20, 15},   {"group", "a", 2021, 40, 30},
      {"group", "b", 2019, 5, 4},      {"group", "b", 2020, 10, 8},    {"group", "b", 2021, 20, 16},
      {"country", "DE", 2019, 4, 3},   {"country", "DE", 2021, 10, 8}, {"country", "GB", 2020, 8, 6},
      {"country", "FR", 2021, 2, 1},   {"country", "CN", 2019, 5, 4},  {"country", "CN", 2020, 10, 8},
      {"country", "CN", 2021, 16, 12}, {"country", "HK", 2021, 4, 4},
  };
  totals.insert(totals.end(), study.extra_totals.begin(), study.extra_totals.end());
  ASSERT_TRUE(writer.PutTotals(totals).ok());
  for (const store::FieldWorkRow& row : HandMadeFieldWorks()) ASSERT_TRUE(writer.PutFieldWork(row).ok());
  store::RunCounts counts;
  counts.joint = 4;
  ASSERT_TRUE(writer.FinishRun(counts).ok());
  ASSERT_TRUE(writer.Commit().ok());
  if (!study.field_works) {
    // Databases of scans before field_works existed (same schema version) lack the table.
    Exec(path, "DROP TABLE field_works");
  }
}

const analyze::ExhibitTable* Find(const std::vector<analyze::ExhibitTable>& exhibits, const std::string& id) {
  for (const analyze::ExhibitTable& t : exhibits) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

int Column(const analyze::ExhibitTable& table, const std::string& name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i] == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << table.id << " has no column " << name;
  return -1;
}

const std::vector<std::string>* RowWith(const analyze::ExhibitTable& table, const std::vector<std::string>& key) {
  for (const std::vector<std::string>& row : table.rows) {
    bool match = true;
    for (size_t i = 0; i < key.size() && match; ++i) match = key[i].empty() || row[i] == key[i];
    if (match) return &row;
  }
  return nullptr;
}

std::string Cell(const analyze::ExhibitTable& table, const std::vector<std::string>& key, const std::string& column) {
  const std::vector<std::string>* row = RowWith(table, key);
  int c = Column(table, column);
  if (row == nullptr || c < 0) return "<no row>";
  return (*row)[static_cast<size_t>(c)];
}

double Num(const std::string& cell) {
  if (cell.empty() || cell == "<no row>") return std::nan("");
  return std::stod(cell);
}

}  // namespace entangle::testing
