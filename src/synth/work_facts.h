#pragma once
// What docs/counting.md decides about a planned work under the default study (Europe = EU27 + GB + NO + CH
// vs China = CN + HK, 2017-2022, English, the study's work types, AI concepts >= 0.3 or primary topic in
// subfield 1702/1707). Computed from the plan, never from the written JSON.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "synth/work_plan.h"

namespace entangle::synth {

// A country code packed in 16 bits ('G' << 8 | 'B'); kUnknownCountry stands for "??".
using CountryCode = uint16_t;
inline constexpr CountryCode kUnknownCountry = ('?' << 8) | '?';
inline CountryCode PackCountry(char a, char b) { return static_cast<CountryCode>((a << 8) | b); }
inline std::string CountryString(CountryCode c) { return std::string{static_cast<char>(c >> 8), static_cast<char>(c & 0xff)}; }

bool InGroupA(CountryCode c);  // Europe
bool InGroupB(CountryCode c);  // China

struct WorkFacts {
  bool in_scope = false;
  bool field = false;  // field-relevant (implies in_scope)
  bool joint = false;
  std::vector<CountryCode> countries;  // distinct, sorted: the work's countries
  // Fractional shares per country (and kUnknownCountry), sorted by code; they sum to 1 for a work with
  // authors. long double keeps the ground truth's sums exact to far more than the 9 decimals written.
  std::vector<std::pair<CountryCode, long double>> fractional;
};

// Evaluates `plan`. `scratch` is reused between calls.
void EvaluateWork(const WorkPlan& plan, WorkFacts& facts);

// Normalizes one written country value: upper-cases two ASCII letters, returns 0 for anything else.
CountryCode NormalizeCountry(std::string_view written);

// The country codes one authorship yields (institutions' written codes ∪ written countries[]), sorted.
void AuthorCountries(const PlannedAuthor& author, std::vector<CountryCode>& out);

bool IsAiConcept(uint16_t concept_index);
bool IsAiTopic(uint16_t topic_index);  // subfield 1702 or 1707
bool TypeInScope(const char* type);

}  // namespace entangle::synth
