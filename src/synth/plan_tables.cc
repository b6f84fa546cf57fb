#include "synth/plan_tables.h"

#include <cstring>
#include <utility>

#include "synth/tables.h"

namespace entangle::synth {
namespace {

struct Weighted {
  const char* key;
  double weight;
};

// Lead country of a team (any work): a world-wide shape with China and the US largest.
constexpr Weighted kLeadCountries[] = {
    {"CN", 26},  {"US", 15},  {"GB", 4.5}, {"DE", 4.5}, {"FR", 2.5}, {"IT", 2.5},  {"ES", 2},    {"NL", 1.3},
    {"CH", 1},   {"SE", 1},   {"DK", 0.6}, {"FI", 0.5}, {"BE", 0.7}, {"AT", 0.5},  {"IE", 0.4},  {"NO", 0.5},
    {"PT", 0.5}, {"PL", 1},   {"GR", 0.4}, {"CZ", 0.4}, {"HU", 0.2}, {"RO", 0.3},  {"BG", 0.1},  {"HR", 0.1},
    {"SI", 0.1}, {"SK", 0.1}, {"EE", 0.05}, {"LV", 0.05}, {"LT", 0.05}, {"LU", 0.05}, {"MT", 0.03}, {"CY", 0.05},
    {"JP", 3},   {"KR", 2.5}, {"IN", 4},   {"CA", 2},   {"AU", 2},   {"SG", 1},    {"TW", 1.2},  {"HK", 1.2},
    {"MO", 0.15}, {"BR", 1.5}, {"SA", 0.5}, {"AE", 0.3}, {"IL", 0.5},
};
// The European side of a Europe-China team (Exhibit 1: UK ~47%, Germany ~12%, then France, Italy, Spain).
constexpr Weighted kEuropeCountries[] = {
    {"GB", 52},  {"DE", 11},  {"FR", 7},   {"IT", 6},   {"ES", 4.5}, {"NL", 4.5}, {"CH", 4},   {"SE", 3},
    {"DK", 2.5}, {"BE", 1.8}, {"AT", 1.2}, {"FI", 1.2}, {"IE", 1.2}, {"NO", 1.2}, {"PT", 1},   {"PL", 1},
    {"GR", 0.8}, {"CZ", 0.5}, {"HU", 0.3}, {"RO", 0.3}, {"SI", 0.2}, {"HR", 0.1}, {"BG", 0.1}, {"SK", 0.1},
    {"EE", 0.1}, {"LV", 0.05}, {"LT", 0.1}, {"LU", 0.2}, {"MT", 0.05}, {"CY", 0.15},
};
constexpr Weighted kThirdCountries[] = {{"US", 45}, {"AU", 15}, {"SG", 10}, {"CA", 10}, {"JP", 5},
                                        {"TW", 8},  {"MO", 3},  {"KR", 4}};
constexpr Weighted kAiConceptWeights[] = {{"C154945302", 35}, {"C119857082", 30}, {"C31972630", 15},
                                          {"C108583219", 12}, {"C204321447", 8}};
// Funders per country (weights); EU27 countries without an entry use the EU-level programmes.
constexpr std::pair<const char*, Weighted> kCountryFunders[] = {
    {"CN", {"F4320321001", 45}}, {"CN", {"F4320335777", 15}}, {"CN", {"F9100000002", 15}},
    {"CN", {"F9100000003", 6}},  {"CN", {"F4320321921", 5}},  {"CN", {"F9100000004", 4}},
    {"CN", {"F9100000005", 4}},  {"CN", {"F4320316314", 1}},  {"CN", {"F9100000001", 0.3}},
    {"CN", {"F9100000007", 2}},  {"CN", {"F9100000008", 2}},  {"CN", {"F9100000009", 1.5}},
    {"HK", {"F9100000006", 10}},
    {"DE", {"F4320320879", 6}},  {"DE", {"F4320321114", 3}},  {"DE", {"F4320338335", 1.5}}, {"DE", {"F4320332999", 1.5}},
    {"GB", {"F4320334627", 6}},  {"GB", {"F9100000010", 3}},  {"GB", {"F4320320006", 2}},   {"GB", {"F4320319993", 1}},
    {"GB", {"F4320338335", 1}},  {"GB", {"F4320332999", 1}},
    {"FR", {"F9100000012", 5}},  {"FR", {"F4320338335", 1.5}}, {"FR", {"F4320332999", 1.5}}, {"FR", {"F4320320300", 1}},
    {"CH", {"F9100000011", 5}},  {"CH", {"F4320332999", 1}},
    {"NL", {"F9100000013", 5}},  {"NL", {"F4320338335", 1}},  {"NL", {"F4320332999", 1}},
    {"SE", {"F9100000014", 4}},  {"SE", {"F4320332999", 1}},
    {"DK", {"F9100000015", 3}},  {"DK", {"F4320332999", 1}},
    {"FI", {"F4320321108", 4}},  {"FI", {"F4320332999", 1}},
    {"NO", {"F4320323299", 4}},  {"NO", {"F4320332999", 1}},
    {"ES", {"F4320321837", 4}},  {"ES", {"F4320335322", 1}},  {"ES", {"F4320332999", 1}},
    {"US", {"F4320306076", 6}},  {"US", {"F4320332180", 1}},
    {"CA", {"F4320334593", 5}},
};
constexpr Weighted kEuFunders[] = {{"F4320332999", 3}, {"F4320320300", 2}, {"F4320338335", 1}, {"F4320335322", 1}};
constexpr double kFamilyWeights[] = {20, 12, 15, 20, 8, 10, 10, 5};

CountryCode Code(const char* s) { return PackCountry(s[0], s[1]); }

template <size_t N>
void BuildCountries(const Weighted (&table)[N], std::vector<CountryCode>& codes, WeightedPicker& picker) {
  std::vector<double> weights;
  for (const auto& w : table) {
    codes.push_back(Code(w.key));
    weights.push_back(w.weight);
  }
  picker = WeightedPicker(weights);
}

void Finish(Pool& pool, const std::vector<double>& weights) { pool.picker = WeightedPicker(weights); }

int FindFunder(const char* id) {
  const auto& funders = Funders();
  for (size_t i = 0; i < funders.size(); ++i) {
    if (std::strcmp(funders[i].id, id) == 0) return static_cast<int>(i);
  }
  return -1;
}

PlanTables Build() {
  PlanTables t;
  const auto& institutions = Institutions();
  std::unordered_map<CountryCode, std::vector<double>> weights;
  for (size_t i = 0; i < institutions.size(); ++i) {
    CountryCode c = t.PoolCountry(static_cast<uint16_t>(i));
    t.institutions_by_country[c].items.push_back(static_cast<uint16_t>(i));
    weights[c].push_back(institutions[i].weight);
  }
  for (auto& [c, pool] : t.institutions_by_country) Finish(pool, weights[c]);

  BuildCountries(kLeadCountries, t.lead_countries, t.lead_picker);
  BuildCountries(kEuropeCountries, t.europe_countries, t.europe_picker);
  BuildCountries(kThirdCountries, t.third_countries, t.third_picker);

  const auto& concepts = Concepts();
  std::vector<double> ai_w, other_w;
  for (size_t i = 0; i < concepts.size(); ++i) {
    if (i < static_cast<size_t>(kAiConceptCount)) {
      for (const auto& w : kAiConceptWeights) {
        if (std::strcmp(w.key, concepts[i].id) == 0) {
          t.ai_concepts.items.push_back(static_cast<uint16_t>(i));
          ai_w.push_back(w.weight);
        }
      }
    } else {
      if (std::strcmp(concepts[i].id, "C41008148") == 0) t.cs_concept = static_cast<uint16_t>(i);
      t.other_concepts.items.push_back(static_cast<uint16_t>(i));
      other_w.push_back(concepts[i].level == 0 ? 3.0 : 1.0);  // level-0 concepts are on most works
    }
  }
  Finish(t.ai_concepts, ai_w);
  Finish(t.other_concepts, other_w);

  const auto& topics = Topics();
  std::vector<double> ai_tw, cs_tw, other_tw;
  for (size_t i = 0; i < topics.size(); ++i) {
    const bool ai = IsAiTopic(static_cast<uint16_t>(i));
    const bool cs = std::strcmp(topics[i].field_id, "17") == 0 || std::strcmp(topics[i].field_id, "22") == 0;
    // Computer vision leads the AI subfields (Exhibit 4).
    if (ai) {
      t.ai_topics.items.push_back(static_cast<uint16_t>(i));
      ai_tw.push_back(std::strcmp(topics[i].subfield_id, "1707") == 0 ? 2.0 : 1.0);
      if (t.case_topic == 0 && std::strcmp(topics[i].subfield_id, "1707") == 0) t.case_topic = static_cast<uint16_t>(i);
    } else if (cs) {
      t.cs_topics.items.push_back(static_cast<uint16_t>(i));
      cs_tw.push_back(1.0);
    } else {
      t.other_topics.items.push_back(static_cast<uint16_t>(i));
      other_tw.push_back(1.0);
    }
  }
  Finish(t.ai_topics, ai_tw);
  Finish(t.cs_topics, cs_tw);
  Finish(t.other_topics, other_tw);

  const auto& sources = Sources();
  std::vector<double> ai_sw, other_sw;
  for (size_t i = 0; i < sources.size(); ++i) {
    (sources[i].ai ? t.ai_sources : t.other_sources).items.push_back(static_cast<uint16_t>(i));
    (sources[i].ai ? ai_sw : other_sw).push_back(1.0);
  }
  Finish(t.ai_sources, ai_sw);
  Finish(t.other_sources, other_sw);

  std::unordered_map<CountryCode, std::vector<double>> funder_w;
  for (const auto& [country, w] : kCountryFunders) {
    int f = FindFunder(w.key);
    if (f < 0) continue;
    t.funders_by_country[Code(country)].items.push_back(static_cast<uint16_t>(f));
    funder_w[Code(country)].push_back(w.weight);
  }
  for (auto& [c, pool] : t.funders_by_country) Finish(pool, funder_w[c]);
  std::vector<double> eu_w;
  for (const auto& w : kEuFunders) {
    int f = FindFunder(w.key);
    if (f < 0) continue;
    t.eu_funders.items.push_back(static_cast<uint16_t>(f));
    eu_w.push_back(w.weight);
  }
  Finish(t.eu_funders, eu_w);

  std::vector<double> fam_w(std::begin(kFamilyWeights), std::end(kFamilyWeights));
  for (size_t i = 0; i < DualUseFamilies().size(); ++i) t.family_picker.items.push_back(static_cast<uint16_t>(i));
  fam_w.resize(DualUseFamilies().size(), 1.0);
  Finish(t.family_picker, fam_w);

  auto must = [](const char* name) {
    int i = FindInstitution(name);
    return static_cast<uint16_t>(i < 0 ? 0 : i);
  };
  t.taiwan_institution = must("National Taiwan University");
  t.case_institutions[0] = must("Bundeswehr University Munich");
  t.case_institutions[1] = must("Information Engineering University");
  t.case_institutions[2] = must("University of Huddersfield");
  t.case_institutions[3] = must("Xi'an University of Posts and Telecommunications");
  return t;
}

}  // namespace

CountryCode PlanTables::PoolCountry(uint16_t institution) const {
  const char* c = Institutions()[institution].country;
  // An institution without a country in OpenAlex (Shanghai AI Laboratory) is picked for Chinese authors.
  return c[0] == '\0' ? PackCountry('C', 'N') : PackCountry(c[0], c[1]);
}

const Pool& PlanTables::InstitutionsOf(CountryCode c) const {
  auto it = institutions_by_country.find(c);
  if (it != institutions_by_country.end()) return it->second;
  return institutions_by_country.at(PackCountry('U', 'S'));
}

const PlanTables& GetPlanTables() {
  static const PlanTables kTables = Build();
  return kTables;
}

int FindInstitution(std::string_view name) {
  const auto& institutions = Institutions();
  for (size_t i = 0; i < institutions.size(); ++i) {
    if (name == institutions[i].name || name == institutions[i].aspi_name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace entangle::synth
