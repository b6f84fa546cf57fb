#pragma once
// Tally: what the ground truth counts, accumulated per works file from the plans written into it, then
// merged in file order (so sums, including long double fractional ones, do not depend on threads).
// GroundTruthJson renders the merged tally as ground_truth.json.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "synth/lab_dual_tally.h"
#include "synth/layout.h"
#include "synth/synth.h"
#include "synth/work_facts.h"
#include "synth/work_plan.h"

namespace entangle::synth {

struct YearCell {
  uint64_t whole = 0;
  long double fractional = 0;
};

struct CaseRecord {
  int case_study = 0;
  uint64_t id = 0;
  bool joint = false;
};

// A work's planted dual-use terms as (family, index of the planted term), sorted; at most one per family
// (PlanTerms); empty for a work with none.
using TermSet = std::vector<std::pair<uint8_t, uint8_t>>;

struct Tally {
  uint64_t records = 0, works = 0, in_scope = 0, field_relevant = 0, joint = 0, duplicates = 0, merged_away = 0;
  std::map<std::string, uint64_t> skipped;
  std::map<int, uint64_t> joint_by_year;
  std::map<CountryCode, std::map<int, uint64_t>> joint_by_country_year;
  std::map<CountryCode, std::map<int, YearCell>> country;  // includes kUnknownCountry
  std::map<int, YearCell> group_a, group_b;
  // Planted facts, over joint works.
  std::map<uint16_t, std::pair<uint64_t, uint64_t>> aspi;  // ASPI institution -> (via lineage, direct)
  uint64_t joint_with_aspi = 0, joint_with_aspi_non_civilian = 0;  // via lineage
  // Joint works with an ASPI entry (reached as joint_with_aspi counts them) per group-A (Europe) country of
  // the work's institutions and per group-A institution, by the institution's own country (the analyzer's
  // risk_by_country and risk_by_institution, ASPI rows).
  std::map<CountryCode, uint64_t> aspi_by_group_a_country;
  std::map<uint16_t, uint64_t> aspi_by_group_a_institution;
  // The set of ASPI institutions a joint work reaches (as joint_with_aspi counts them; sorted, non-empty)
  // -> joint works, so the sets sum to joint_with_aspi (the analyzer's risk_ties rows per category).
  std::map<std::vector<uint16_t>, uint64_t> aspi_entity_sets;
  uint64_t joint_with_military_tie = 0;  // the study's risky partners: Seven Sons, Xidian, NUDT and PLA
  std::map<uint8_t, uint64_t> families;                    // dual-use family -> joint works
  std::map<uint8_t, uint64_t> families_all;                // dual-use family -> distinct works (any)
  // (dual-use family, index of the planted term) -> joint works. A work carries at most one planted term
  // per family (PlanTerms), so a family's terms sum to families[family].
  std::map<std::pair<uint8_t, uint8_t>, uint64_t> family_terms;
  // (ASPI institution reached via lineage, as in aspi, the work's TermSet) -> joint works: the flagged list's
  // rows with that entry before the vocabulary decides which planted terms it finds (a set where it finds
  // none gives the end-user rows of a military or security entry).
  std::map<std::pair<uint16_t, TermSet>, uint64_t> aspi_term_sets;
  // The same for the rows of data/registry/entangle-curated.csv (indexes into CuratedEntries()), reached via
  // lineage from the institutions each row names; curated counts them (via lineage, direct) as aspi does.
  std::map<uint8_t, std::pair<uint64_t, uint64_t>> curated;
  std::map<std::pair<uint8_t, TermSet>, uint64_t> curated_term_sets;
  std::map<uint16_t, uint64_t> funders;                    // funder -> joint works
  uint64_t joint_with_funder = 0, joint_with_chinese_government_funder = 0;
  std::map<uint16_t, uint64_t> companies;                  // top company of the lineage -> joint works
  uint64_t joint_with_company = 0, joint_with_chinese_company = 0, joint_with_european_company = 0;
  std::map<std::pair<uint16_t, uint16_t>, uint64_t> pairs; // (European, Chinese) institution -> joint works
  std::vector<CaseRecord> cases;
  LabDualTally lab_dual;  // labs and researchers on both sides, over joint works

  void AddHome(const WorkPlan& plan, const WorkFacts& facts);
  void AddOlderCopy(const WorkFacts& facts);
  void AddMerged();
  void AddMalformed(const char* reason);
  void Merge(const Tally& other);
};

struct GroundTruthInputs {
  const SynthOptions* options = nullptr;
  const Layout* layout = nullptr;
  uint64_t works_files_bytes = 0;
};

// The ids of a space-separated list ("I1 I2", as InstitutionDef::parents and CuratedEntryDef::institution_ids
// hold them), as views into it.
std::vector<std::string_view> SplitIds(std::string_view list);

// The JSON text of ground_truth.json (nlohmann-json, keys in a fixed order).
std::string GroundTruthJson(const Tally& tally, const GroundTruthInputs& inputs);

}  // namespace entangle::synth
