#include "analyze/study_context.h"

#include <fmt/format.h>

#include <algorithm>

namespace entangle::analyze {

bool StudyContext::IsIncomplete(int year) const {
  return std::find(incomplete_years.begin(), incomplete_years.end(), year) != incomplete_years.end();
}

select::Sides StudyContext::SideOf(const std::string& country) const {
  return select::Sides(
      static_cast<uint8_t>((InA(country) ? select::kGroupA : 0) | (InB(country) ? select::kGroupB : 0)));
}

std::string StudyContext::SideName(select::Sides sides) const {
  if (sides.both()) return group_a_name + "+" + group_b_name;
  if (sides == select::kSideA) return group_a_name;
  if (sides == select::kSideB) return group_b_name;
  return "";
}

ExhibitTable StudyContext::NewExhibit(std::string id, std::string title, std::string definition,
                                      bool counting_applies) const {
  ExhibitTable table;
  table.id = std::move(id);
  table.title = std::move(title);
  table.definition = std::move(definition);
  if (counting_applies) {
    table.counting = CountingName(options.counting);
  } else {
    table.counting = "whole";
    if (fractional()) table.notes.push_back("Fractional counting does not apply to this exhibit; papers are counted whole.");
  }
  table.data_date = data_date;
  table.source = source;
  table.incomplete_years = incomplete_years;
  if (!incomplete_years.empty()) {
    std::string years;
    for (int year : incomplete_years) years += (years.empty() ? "" : ", ") + std::to_string(year);
    table.notes.push_back(fmt::format("Incomplete year(s) (indexing delay): {}; counts for them will still grow.", years));
  }
  return table;
}

Result<StudyContext> LoadStudyContext(store::StudyDb& db, const AnalyzeOptions& options) {
  Result<store::StoredRun> run = store::ReadStoredRun(db, store::StoredDefinition::kSkip);
  if (!run.ok()) return run.status();
  const store::RunInfo& info = run->info;
  StudyContext ctx;
  ctx.options = options;
  ctx.study_name = info.study_name;
  ctx.study_sha256 = info.study_sha256;
  ctx.tool_version = info.tool_version;
  ctx.group_a_name = info.group_a_name.empty() ? "group A" : info.group_a_name;
  ctx.group_b_name = info.group_b_name.empty() ? "group B" : info.group_b_name;
  ctx.group_a.insert(info.group_a_countries.begin(), info.group_a_countries.end());
  ctx.group_b.insert(info.group_b_countries.begin(), info.group_b_countries.end());
  ctx.data_date = run->data_date;
  std::string data = !info.snapshot_date.empty()
                         ? fmt::format("OpenAlex snapshot {}", info.snapshot_date)
                         : fmt::format("OpenAlex data read {} (no snapshot date)", run->data_date);
  ctx.source = fmt::format("{} via entangle {}; study {} (sha256 {})", data,
                           ctx.tool_version.empty() ? "?" : ctx.tool_version, ctx.study_name, ctx.study_sha256);

  std::set<int> years;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT DISTINCT year FROM totals UNION SELECT DISTINCT publication_year FROM works "
      "WHERE publication_year IS NOT NULL",
      [&](const Row& row) { years.insert(static_cast<int>(row.Int(0))); }));
  // Every calendar year from the first to the last, so that a year without papers shows as 0
  // rather than vanishing from the time series.
  // (A span of centuries means a bogus year in the data: then only the years present are listed.)
  if (!years.empty() && *years.rbegin() - *years.begin() <= 300) {
    for (int year = *years.begin(); year <= *years.rbegin(); ++year) ctx.years.push_back(year);
  } else {
    ctx.years.assign(years.begin(), years.end());
  }
  // Indexing lags publication: a year is not final until about `incomplete_years` years after
  // it ended, judged from the data date (a 2023 snapshot leaves 2022 incomplete; a 2025 snapshot
  // leaves a study that ends in 2022 complete).
  int data_year = std::atoi(ctx.data_date.substr(0, 4).c_str());
  if (data_year > 0 && options.incomplete_years > 0) {
    for (int year : ctx.years) {
      if (year >= data_year - options.incomplete_years) ctx.incomplete_years.push_back(year);
    }
  }
  return ctx;
}

}  // namespace entangle::analyze
