#pragma once
// Pieces of a work record shared by the field writers of work_fields.cc: the per-record cosmetic choices
// and the writers of the larger sub-objects (locations, open access, grants/awards/funders, keywords,
// work lists, counts by year).
#include <cstdint>
#include <string>
#include <vector>

#include "synth/json_writer.h"
#include "synth/rng.h"
#include "synth/work_plan.h"

namespace entangle::synth {

// Per-record cosmetic choices, drawn once so fields that repeat them agree.
struct Cosmetics {
  bool doi = true, is_oa = false, arxiv = false, lineage_2023 = true, retracted = false;
  int oa_status = 0, n_refs = 0, n_related = 10, volume = 0, issue = 0, first_page = 1, pages = 10;
  int64_t fwci_e3 = -1;  // -1 = null
  int apc = 0;           // 0 = null
  int created_year = 2016, created_month = 6, created_day = 24;
  uint32_t ref_seed = 0;
  int keywords[6] = {};
  int n_keywords = 0;
  bool planted_keyword = false;
  int sdg = -1;
};

struct RecordContext {
  const WorkPlan& plan;
  Rng& rng;
  Cosmetics c;
  const std::vector<uint32_t>& abstract;
  bool compact;
};

Cosmetics DrawCosmetics(Rng& rng, const WorkPlan& p);
const char* TypeCrossref(const WorkPlan& p);
void AppendWorkUrl(std::string& out, uint64_t id);
void AppendDoi(std::string& out, const WorkPlan& p);
void AppendDate(std::string& out, int y, int m, int d);
void WriteLocation(JsonWriter& w, RecordContext& x, bool arxiv);
void WriteOpenAccess(JsonWriter& w, RecordContext& x);
void WriteSdgs(JsonWriter& w, RecordContext& x);
void WriteTopic(JsonWriter& w, const PlannedTopic& t, bool compact);
void WriteGrants(JsonWriter& w, const WorkPlan& p);   // "grants" (empty in Walden records)
void WriteAwards(JsonWriter& w, const WorkPlan& p);   // Walden "awards"
void WriteFunders(JsonWriter& w, const WorkPlan& p);  // Walden "funders", distinct
void WriteKeywords(JsonWriter& w, RecordContext& x);
void WriteWorkList(JsonWriter& w, uint32_t seed, int n);  // referenced or related works
void WriteCountsByYear(JsonWriter& w, const WorkPlan& p);
int CountDistinctCountries(const WorkPlan& p);
int CountDistinctInstitutions(const WorkPlan& p);

}  // namespace entangle::synth
