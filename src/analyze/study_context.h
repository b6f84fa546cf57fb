#pragma once
// Internal: what every exhibit needs to know about the run it describes: the two groups, the
// data date and provenance, the years covered and which of them are incomplete, the options.
#include <set>
#include <string>
#include <vector>

#include "analyze/analysis_db.h"
#include "analyze/analyze.h"
#include "select/sides.h"

namespace entangle::analyze {

struct StudyContext {
  AnalyzeOptions options;
  std::string study_name, study_sha256, tool_version;
  std::string group_a_name, group_b_name;
  std::set<std::string> group_a, group_b;  // ISO codes; a country may be in both
  std::string data_date;                   // runs.snapshot_date, else the date the scan ran
  std::string source;
  std::vector<int> years;             // first to last year with field totals or joint works
  std::vector<int> incomplete_years;  // the last options.incomplete_years of `years`

  bool fractional() const { return options.counting == Counting::kFractional; }
  bool InA(const std::string& country) const { return group_a.count(country) != 0; }
  bool InB(const std::string& country) const { return group_b.count(country) != 0; }
  bool IsIncomplete(int year) const;
  // The groups a country is in (work_countries.in_group holds the same, as a label).
  select::Sides SideOf(const std::string& country) const;
  // The display name of a set of sides: "Europe", "China", "Europe+China", "" (neither).
  std::string SideName(select::Sides sides) const;

  // A new exhibit with the shared header fields filled in. `counting_applies` = false for
  // exhibits that count papers whole whatever the option says (the counting field says so).
  ExhibitTable NewExhibit(std::string id, std::string title, std::string definition,
                          bool counting_applies = true) const;
};

// Reads the `runs` row and the years present; fails when the database has no run.
Result<StudyContext> LoadStudyContext(store::StudyDb& db, const AnalyzeOptions& options);

}  // namespace entangle::analyze
