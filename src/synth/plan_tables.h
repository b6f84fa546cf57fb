#pragma once
// Distributions the planner draws from, derived once from the name tables: institutions per country,
// countries of teams, concepts, topics, sources, funders per country, dual-use families. Built on first use
// (thread-safe static) and read-only afterwards.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "synth/rng.h"
#include "synth/work_facts.h"

namespace entangle::synth {

struct Pool {
  std::vector<uint16_t> items;
  WeightedPicker picker;
  uint16_t Pick(Rng& rng) const { return items[picker.Pick(rng)]; }
  bool empty() const { return items.empty(); }
};

struct PlanTables {
  std::unordered_map<CountryCode, Pool> institutions_by_country;  // pool country: table country, CN for ""
  std::vector<CountryCode> lead_countries;      // any team
  WeightedPicker lead_picker;
  std::vector<CountryCode> europe_countries;    // the European side of a joint team
  WeightedPicker europe_picker;
  std::vector<CountryCode> third_countries;     // a third country on a joint team
  WeightedPicker third_picker;
  Pool ai_concepts, other_concepts;
  Pool ai_topics, cs_topics, other_topics;
  Pool ai_sources, other_sources;
  std::unordered_map<CountryCode, Pool> funders_by_country;
  Pool eu_funders;       // EU-level programmes, for any EU27 country without its own
  Pool family_picker;    // dual-use families
  uint16_t taiwan_institution = 0;
  uint16_t case_institutions[4] = {};  // Bundeswehr, PLA IEU, Huddersfield, XUPT
  uint16_t case_topic = 0;             // an AI topic (subfield 1707)
  uint16_t cs_concept = 0;             // "Computer science": on most works, and not an AI concept

  CountryCode PoolCountry(uint16_t institution) const;
  const Pool& InstitutionsOf(CountryCode c) const;
};

const PlanTables& GetPlanTables();

// Index of the institution whose name or ASPI name is `name`; -1 if none.
int FindInstitution(std::string_view name);

}  // namespace entangle::synth
