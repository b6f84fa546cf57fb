#pragma once
// The hand-made study the analyze tests share: Europe = DE FR GB, China = CN HK, 2019-2021, four
// joint works with known exhibits, written into a study database by WriteStudy(); helpers that
// look cells up in exhibit tables; and the AnalyzeTest fixture that writes and analyses it.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyze/analyze.h"
#include "extract/work_record.h"
#include "store/study_db.h"
#include "support/temp_dir.h"

namespace entangle::testing {

std::string ReadFile(const std::string& path);

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

inline extract::InstitutionRef Inst(const std::string& id, const std::string& name, const std::string& country,
                                    const std::string& type, std::vector<std::string> lineage,
                                    const std::string& ror = "") {
  return {id, ror, name, country, type, std::move(lineage)};
}

inline const extract::InstitutionRef kTsinghua =
    Inst("I1", "Tsinghua University", "CN", "education", {"I1"}, "03cve4549");
inline const extract::InstitutionRef kTum = Inst("I2", "Technical University of Munich", "DE", "education", {"I2"});
inline const extract::InstitutionRef kAutomation =
    Inst("I10", "Institute of Automation", "CN", "facility", {"I10", "I20", "I30"});
inline const extract::InstitutionRef kHuawei = Inst("I40", "Huawei", "CN", "company", {"I40"});
inline const extract::InstitutionRef kHuaweiUk =
    Inst("I41", "Huawei Technologies (United Kingdom)", "GB", "company", {"I40", "I41"});
inline const extract::InstitutionRef kOxford = Inst("I7", "University of Oxford", "GB", "education", {"I7"});
inline const extract::InstitutionRef kInria =
    Inst("I9", "Inria, Paris", "FR", "facility", {"I9"});  // a comma: CSV quoting
inline const extract::InstitutionRef kMit = Inst("I8", "MIT", "US", "education", {"I8"});
inline const extract::InstitutionRef kHku = Inst("I60", "University of Hong Kong", "HK", "education", {"I60"});
// The work does not say Siemens is a company; its entity does.
inline const extract::InstitutionRef kSiemens = Inst("I50", "Siemens", "DE", "", {"I50"});

struct AuthorSpec {
  std::vector<int> institutions;  // indexes into the work's institution list
  // Optional (the four hand-made works leave them empty): OpenAlex author id, display name
  // (default "Author <i>") and raw affiliation strings.
  std::string author_id = {};
  std::string name = {};
  std::vector<std::string> raw_affiliations = {};
};

// Countries and author shares follow docs/counting.md: each author 1/N, split over its countries.
struct WorkSpec {
  std::string id;
  int year;
  std::vector<extract::InstitutionRef> institutions;
  std::vector<AuthorSpec> authors;
  std::string subfield_id, subfield_name;
  int64_t cited = 0;
  std::vector<extract::ConceptRef> concepts;
  std::vector<extract::GrantRef> grants;
  std::optional<double> fwci;
};

std::pair<extract::WorkRecord, std::vector<store::WorkCountryShare>> Build(const WorkSpec& spec);
std::vector<WorkSpec> HandMadeWorks();
// Every field-relevant work: the four joint ones plus four others.
std::vector<store::FieldWorkRow> HandMadeFieldWorks();

struct StudyOptions {
  std::string snapshot_date = "2022-03-01";
  bool field_works = true;
  std::vector<store::TotalRow> extra_totals;
  std::vector<WorkSpec> extra_works;
};

void Exec(const std::string& db_path, const std::string& sql);
void WriteStudy(const std::string& path, const StudyOptions& study = {});

// --- Looking things up in exhibits ------------------------------------------------------------

const analyze::ExhibitTable* Find(const std::vector<analyze::ExhibitTable>& exhibits, const std::string& id);
int Column(const analyze::ExhibitTable& table, const std::string& name);
// The row whose leading cells are `key` (""s in `key` match anything); nullptr when absent.
const std::vector<std::string>* RowWith(const analyze::ExhibitTable& table, const std::vector<std::string>& key);
// A cell of the row with the given leading cells, or "<no row>".
std::string Cell(const analyze::ExhibitTable& table, const std::vector<std::string>& key, const std::string& column);
// Cells holding fractional values are compared numerically (they are rounded to 4 decimals).
double Num(const std::string& cell);

class AnalyzeTest : public ::testing::Test {
 protected:
  std::vector<analyze::ExhibitTable> Run(analyze::Counting counting, const StudyOptions& study = {},
                                         const std::function<void(analyze::AnalyzeOptions&)>& adjust = nullptr) {
    WriteStudy(db_path(), study);
    return AnalyzeWritten(counting, adjust);
  }
  // Analyses the study database as it is (after WriteStudy and any changes a test makes).
  std::vector<analyze::ExhibitTable> AnalyzeWritten(
      analyze::Counting counting, const std::function<void(analyze::AnalyzeOptions&)>& adjust = nullptr) {
    analyze::AnalyzeOptions options;
    options.database_path = db_path();
    options.out_dir = out_dir();
    options.counting = counting;
    options.institution_threshold = 2;
    options.top_n = 10;
    if (adjust) adjust(options);
    auto exhibits = analyze::Analyze(options);
    EXPECT_TRUE(exhibits.ok()) << exhibits.status().ToString();
    return exhibits.ok() ? *exhibits : std::vector<analyze::ExhibitTable>{};
  }
  const analyze::ExhibitTable& Get(const std::vector<analyze::ExhibitTable>& exhibits, const std::string& id) {
    const analyze::ExhibitTable* table = Find(exhibits, id);
    EXPECT_NE(table, nullptr) << id;
    static const analyze::ExhibitTable empty;
    return table != nullptr ? *table : empty;
  }
  std::string db_path() const { return dir_ / "study.db"; }
  std::string out_dir() const { return dir_ / "out"; }

  TempDir dir_;
};

}  // namespace entangle::testing
