#include "synth/author_plan.h"

#include <cctype>
#include <cstdio>
#include <cstring>

#include "synth/tables.h"

namespace entangle::synth {
namespace {

constexpr const char* kBadCountryValues[] = {"", "GBR", "C1", "N/A"};

// Writes the "countries" array as OpenAlex derives it (the affiliations' countries), with its quirks:
// a lower-case code, a malformed extra value, a country known only from the raw affiliation string.
void FillCountries(Rng& rng, CountryCode home, CountryCode other, PlannedAuthor& a) {
  a.country_count = 0;
  const auto& institutions = Institutions();
  for (int i = 0; i < a.affiliation_count; ++i) {
    const char* c = institutions[a.affiliations[i].institution].country;
    if (c[0] != '\0') {
      AddCountry(a, c);
    } else if (rng.Chance(0.5)) {
      AddCountry(a, CountryString(home).c_str());
    }
  }
  if (a.affiliation_count == 0 && rng.Chance(0.6)) AddCountry(a, CountryString(home).c_str());
  if (a.country_count > 0 && rng.Chance(0.01)) {
    for (char& ch : a.countries[0]) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (rng.Chance(0.005)) AddCountry(a, kBadCountryValues[rng.Below(std::size(kBadCountryValues))]);
  if (other != 0 && rng.Chance(0.005)) AddCountry(a, CountryString(other).c_str());
}

void PickTeamInstitutions(Rng& rng, const PlanTables& t, TeamCountry& tc) {
  const Pool& pool = t.InstitutionsOf(tc.code);
  double u = rng.Uniform();
  tc.institution_count = u < 0.6 ? 1 : (u < 0.88 ? 2 : 3);
  for (int i = 0; i < tc.institution_count; ++i) tc.institutions[i] = pool.Pick(rng);
}

}  // namespace

void AddCountry(PlannedAuthor& a, const char* code) {
  if (a.country_count >= 4) return;
  for (int i = 0; i < a.country_count; ++i) {
    if (std::strcmp(a.countries[i], code) == 0) return;
  }
  std::snprintf(a.countries[a.country_count++], sizeof(a.countries[0]), "%s", code);
}

int PickAuthorCount(Rng& rng) {
  double u = rng.Uniform();
  if (u < 0.10) return 1;
  if (u < 0.22) return 2;
  if (u < 0.37) return 3;
  if (u < 0.52) return 4;
  if (u < 0.64) return 5;
  if (u < 0.74) return 6;
  if (u < 0.90) return rng.Range(7, 12);
  if (u < 0.975) return rng.Range(13, 40);
  if (u < 0.995) return rng.Range(41, 120);
  if (u < 0.999) return rng.Range(121, 299);
  return rng.Range(300, 700);
}

void PlanTeam(Rng& rng, const PlanTables& t, bool joint_intent, std::vector<TeamCountry>& team) {
  team.clear();
  auto add = [&](CountryCode c) {
    for (const auto& tc : team) {
      if (tc.code == c) return;
    }
    TeamCountry tc{c, {}, 0};
    PickTeamInstitutions(rng, t, tc);
    team.push_back(tc);
  };
  if (joint_intent) {
    const CountryCode cn = PackCountry('C', 'N'), hk = PackCountry('H', 'K');
    const CountryCode china = rng.Chance(0.88) ? cn : hk;
    const CountryCode europe = t.europe_countries[t.europe_picker.Pick(rng)];
    if (rng.Chance(0.6)) {
      add(china);
      add(europe);
    } else {
      add(europe);
      add(china);
    }
    if (rng.Chance(0.18)) add(t.europe_countries[t.europe_picker.Pick(rng)]);
    if (rng.Chance(0.10)) add(china == cn ? hk : cn);
    if (rng.Chance(0.25)) add(t.third_countries[t.third_picker.Pick(rng)]);
    return;
  }
  add(t.lead_countries[t.lead_picker.Pick(rng)]);
  if (rng.Chance(0.004)) {  // Europe with Taiwan or Macao only: not China in the study
    add(t.europe_countries[t.europe_picker.Pick(rng)]);
    add(rng.Chance(0.6) ? PackCountry('T', 'W') : PackCountry('M', 'O'));
  }
  if (rng.Chance(0.22)) add(t.lead_countries[t.lead_picker.Pick(rng)]);
  if (rng.Chance(0.05)) add(t.lead_countries[t.lead_picker.Pick(rng)]);
}

void PlanAuthors(Rng& rng, const PlanTables& t, Style style, int count, const std::vector<TeamCountry>& team,
                 std::vector<PlannedAuthor>& authors) {
  const auto& institutions = Institutions();
  const auto& regions = NameRegions();
  const bool countries_key = style != Style::kSnapshot2023 || rng.Chance(0.4);
  authors.resize(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    PlannedAuthor& a = authors[static_cast<size_t>(i)];
    a = PlannedAuthor{};
    // Every team country gets an author; the rest lean to the lead country.
    size_t ti = static_cast<size_t>(i) < team.size() ? static_cast<size_t>(i)
                                                     : (rng.Chance(0.6) ? 0 : rng.Below(team.size()));
    const TeamCountry& tc = team[ti];
    CountryCode other = team.size() > 1 ? team[(ti + 1) % team.size()].code : 0;
    if (rng.Chance(0.04)) {
      a.affiliation_count = 0;  // unresolved affiliation
    } else {
      a.affiliation_count = 1;
      a.affiliations[0].institution = tc.institutions[rng.Chance(0.7) ? 0 : rng.Below(tc.institution_count)];
      if (rng.Chance(0.18)) {
        a.affiliations[a.affiliation_count++].institution = t.InstitutionsOf(tc.code).Pick(rng);
      }
      if (other != 0 && rng.Chance(0.04)) {
        a.affiliations[a.affiliation_count++].institution = t.InstitutionsOf(other).Pick(rng);
      }
      // Two picks of one institution are one affiliation.
      if (a.affiliation_count >= 2 && a.affiliations[1].institution == a.affiliations[0].institution) {
        a.affiliations[1] = a.affiliations[a.affiliation_count - 1];
        --a.affiliation_count;
      }
      if (a.affiliation_count == 3 && a.affiliations[2].institution == a.affiliations[0].institution) {
        --a.affiliation_count;
      }
      for (int k = 0; k < a.affiliation_count; ++k) {
        PlannedAffiliation& af = a.affiliations[k];
        af.lower_case_country = rng.Chance(0.01);
        af.type_as_funder = std::strcmp(institutions[af.institution].type, "education") == 0 && rng.Chance(0.05);
      }
    }
    a.countries_key = countries_key;
    FillCountries(rng, tc.code, other, a);
    const CountryDef* cd = FindCountry(CountryString(tc.code));
    int region = cd ? cd->name_region : 1;
    if (region != 0 && rng.Chance(0.2)) region = 0;  // Chinese diaspora in Europe and elsewhere
    a.name_region = static_cast<uint8_t>(region);
    a.given = static_cast<uint8_t>(rng.Below(regions[region].given.size()));
    a.family = static_cast<uint8_t>(rng.Below(regions[region].family.size()));
    a.orcid = rng.Chance(0.4);
    a.author_id = 5000000000ULL + rng.Below(400000000ULL);
  }
  if (!authors.empty()) authors[rng.Chance(0.5) ? 0 : authors.size() - 1].corresponding = true;
}

}  // namespace entangle::synth
