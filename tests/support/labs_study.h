#pragma once
// Test support: a study with known labs and researchers on both sides, for the screen and report
// tests of issue 20: the hand-made study (analyze_hand_study.h) plus the works below, a labs
// registry of three labs, and titles and DOIs ("Paper W101", 10.1234/w101) set after writing.
//
//   W101 2020  Test Lab London (I70, GB) | Tsinghua | HKU   lab:london by OpenAlex id; Tsinghua its partner
//   W102 2021  Tsinghua | TUM   A203 at Tsinghua writes "Noah Test Lab, Tsinghua University, ..."
//   W103 2021  Tsinghua | Oxford  "Noah Test Lab Annex" is not Noah; nothing names the Tsinghua joint lab
//   W201 2020  Tsinghua | Oxford   A100 "Li Wei" holds both
//   W202 2020  Tsinghua | TUM      A101 "Li Wei" CN, A102 "Li Wei" DE: two people, neither holds both
//   W205 2021  Tsinghua | TUM      A100 holds both, A103 DE
//   W207 2019  Tsinghua | TUM      A105 listed twice, once per side: one person holding both
//   W208 2021  Tsinghua | TUM      an authorship without an id holding both: a person of its own
#include <fstream>
#include <string>
#include <vector>

#include "support/analyze_hand_study.h"

namespace entangle::testing {

inline const std::string kLabStudyLabsCsv =
    "key,name_en,name_zh,kind,owners,partners,host_country,city,opened,closed,openalex_ids,ror_ids,"
    "affiliation_names,note,source,source_date,source_url,licence\n"
    "lab:london,Test Lab London,,corporate_lab_abroad,Test Co,,GB,London,2018,,I70,,,,entangle curation,2026-12-07,"
    "https://example.org/london,CC0-1.0\n"
    "lab:noah,Noah Test Lab,诺亚测试实验室,corporate_lab_home,Test Co|Other Owner,,CN,Shenzhen,2012,,,,Noah Test Lab,,"
    "entangle curation,2026-12-07,https://example.org/noah,CC0-1.0\n"
    "lab:thu-joint,Tsinghua University Joint AI Lab,,joint_company_university_lab,Tsinghua University|Test Co,,CN,"
    "Beijing,2019,,,,Tsinghua University Joint AI Lab,,entangle curation,2026-12-07,https://example.org/thu,CC0-1.0\n";

inline const extract::InstitutionRef kLabStudyLondon = Inst("I70", "Test Lab London", "GB", "company", {"I70"});

inline std::vector<WorkSpec> LabStudyWorks() {
  auto author = [](std::vector<int> institutions, std::string id, std::string name, std::vector<std::string> raw = {}) {
    return AuthorSpec{std::move(institutions), std::move(id), std::move(name), std::move(raw)};
  };
  return {
      {"W101",
       2020,
       {kLabStudyLondon, kTsinghua, kHku},
       {author({0}, "A200", "Ann Lab"), author({1}, "A201", "Bo Thu"), author({2}, "A202", "Cy Hku")},
       "1702",
       "Artificial Intelligence"},
      {"W102",
       2021,
       {kTsinghua, kTum},
       {author({0}, "A203", "Dee Noah", {"Noah Test Lab, Tsinghua University, Beijing, China"}),
        author({1}, "A204", "Eve Tum")},
       "1707",
       "Computer Vision"},
      {"W103",
       2021,
       {kTsinghua, kOxford},
       {author({0}, "A205", "Fay Thu", {"Tsinghua University, Beijing, China", "Noah Test Lab Annex, Shenzhen, China"}),
        author({1}, "A206", "Gil Ox")},
       "1707",
       "Computer Vision"},
      {"W201", 2020, {kTsinghua, kOxford}, {author({0, 1}, "A100", "Li Wei")}, "1702", "Artificial Intelligence"},
      {"W202",
       2020,
       {kTsinghua, kTum},
       {author({0}, "A101", "Li Wei"), author({1}, "A102", "Li Wei")},
       "1702",
       "Artificial Intelligence"},
      {"W205",
       2021,
       {kTsinghua, kTum},
       {author({0, 1}, "A100", "Li Wei"), author({1}, "A103", "Anna Schmidt")},
       "1707",
       "Computer Vision"},
      {"W207",
       2019,
       {kTsinghua, kTum},
       {author({0}, "A105", "Zhang San"), author({1}, "A105", "San Zhang")},
       "1707",
       "Computer Vision"},
      {"W208",
       2021,
       {kTsinghua, kTum},
       {author({0, 1}, "", "Wang Fang"), author({1}, "A106", "Hal Tum")},
       "1707",
       "Computer Vision"},
  };
}

// Writes the study database (titles "Paper <id>", DOIs 10.1234/<id>) and the labs registry.
inline void WriteLabStudy(const std::string& db_path, const std::string& labs_path) {
  StudyOptions study;
  study.extra_works = LabStudyWorks();
  WriteStudy(db_path, study);
  Exec(db_path, "UPDATE works SET title = 'Paper ' || id, doi = '10.1234/' || lower(id)");
  std::ofstream(labs_path) << kLabStudyLabsCsv;
}

}  // namespace entangle::testing
