#pragma once
// WorkPlan: every decision about one synthetic work that matters for counting (year, language, type,
// concepts, topics, authorships with their written country codes, funders, planted dual-use terms),
// drawn from an RNG seeded by (seed, work index). The record writer serializes a plan; the ground truth is
// computed from the same plan. Nothing is re-parsed.
#include <cstdint>
#include <string>
#include <vector>

namespace entangle::synth {

// The three record formats mixed in the corpus.
enum class Style : uint8_t {
  kSnapshot2023,  // host_venue, concepts, no topics, grants; authorships often without "countries"
  kApi2025,       // topics + primary_topic, keywords, fwci, counts_by_year, grants with funder/award_id
  kWalden2025,    // compact separators, topics without primary_topic, awards + funders, no updated_date
};

// What a record is: the winning copy of a work, an older superseded copy, a work whose id is merged away.
enum class WorkKind : uint8_t { kHome, kOlderCopy, kMerged };

struct PlannedAffiliation {
  uint16_t institution = 0;       // index into Institutions()
  bool lower_case_country = false;  // country_code written in lower case ("cn")
  bool type_as_funder = false;      // type written "funder" (OpenAlex says so for some universities)
};

struct PlannedAuthor {
  PlannedAffiliation affiliations[3];
  uint8_t affiliation_count = 0;  // 0 = institutions []
  // The "countries" array exactly as written (codes as strings, possibly lower case or malformed).
  bool countries_key = true;      // false: no "countries" key (2023 records)
  char countries[4][4] = {};
  uint8_t country_count = 0;
  uint8_t name_region = 0;
  uint8_t given = 0, family = 0;
  bool corresponding = false;
  bool orcid = false;
  uint64_t author_id = 0;  // A5xxxxxxxxx; 0 = an authorship without an author id ("id": null)
  // The author's only raw affiliation string, written instead of "department, institution, country"
  // (planted lab names without an institution, lab_dual_plan.h); nullptr = the usual strings.
  const char* raw_affiliation = nullptr;
};

struct PlannedConcept {
  uint16_t index = 0;     // into Concepts()
  uint32_t score_e6 = 0;  // score in millionths, written as 0.dddddd
};

struct PlannedTopic {
  uint16_t topic = 0;     // index into Topics()
  uint32_t score_e4 = 0;  // written as 0.dddd
};

struct PlannedGrant {
  uint16_t funder = 0;    // index into Funders()
  char award_id[32] = {};  // "" = null; a fixed array keeps plans free of per-work allocations
};

struct PlannedTerm {
  uint8_t family = 0;     // index into DualUseFamilies()
  uint8_t term = 0;       // index into the family's planted terms
  bool in_title = false;  // else in the abstract
};

struct WorkPlan {
  uint64_t index = 0;
  uint64_t id = 0;  // the W number
  WorkKind kind = WorkKind::kHome;
  Style style = Style::kApi2025;
  uint8_t key_order = 0;
  int case_study = -1;  // >= 0: one of the study's named cases, planted verbatim
  int lab_dual = -1;    // >= 0: one of the works planted for the labs and dual-affiliation exhibits

  int year = 2020, month = 1, day = 1;
  const char* language = "en";  // nullptr = null
  bool language_key = true;     // false: no "language" key at all
  const char* type = "article";
  uint16_t source = 0;          // index into Sources()

  std::vector<PlannedConcept> concepts;
  std::vector<PlannedTopic> topics;  // the first is the primary topic
  bool primary_topic_key = true;     // write "primary_topic" (else readers use topics[0])

  std::vector<PlannedAuthor> authors;
  std::vector<PlannedGrant> grants;
  std::vector<PlannedTerm> terms;    // planted dual-use application terms

  int64_t cited_by_count = 0;
  bool ai_text = false;                // AI vocabulary in title and abstract
  bool has_abstract = true;
  bool wrong_distinct_counts = false;  // *_distinct_count fields deliberately off
  std::string updated_date;            // "" = no updated_date key

  void Clear();
};

// Where a work is written, which shapes its format (older partitions hold more 2023-style records).
struct PlanContext {
  uint64_t seed = 1;
  double partition_position = 0.5;  // 0 = oldest partition, 1 = newest
};

// Fills `plan` for work `index` (0-based; indexes >= options.works are merged-away works). Reuses the
// plan's buffers.
void PlanWork(const PlanContext& ctx, uint64_t index, WorkKind kind, WorkPlan& plan);

// Turns a plan into the older copy of the same work: same id, same field relevance and in-scope status,
// but a change that would alter the counts if it won (another publication year, an author dropped or
// moved to Taiwan).
void MakeOlderCopy(uint64_t seed, WorkPlan& plan);

// The OpenAlex W number of work `index`: a bijection onto [2e9, 2e9 + 2^32), so ids are distinct.
uint64_t WorkIdNumber(uint64_t seed, uint64_t index);

// The study's named cases: 0 = Bundeswehr University Munich with PLA Information Engineering University on
// remote-sensing image information extraction (2022); 1 = University of Huddersfield with Xi'an University
// of Posts and Telecommunications on abnormal behaviour in video surveillance (2021).
inline constexpr int kCaseStudyCount = 2;

}  // namespace entangle::synth
