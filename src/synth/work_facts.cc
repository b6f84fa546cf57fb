#include "synth/work_facts.h"

#include <algorithm>
#include <cstring>

#include "synth/tables.h"

namespace entangle::synth {
namespace {

constexpr const char* kGroupA[] = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                                   "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB",
                                   "NO", "CH"};
constexpr const char* kScopeTypes[] = {"article",     "review",          "preprint",            "book-chapter",
                                       "letter",      "journal-article", "proceedings-article", "posted-content"};
constexpr int kYearFrom = 2017, kYearTo = 2022;
constexpr uint32_t kConceptMinScoreE6 = 300000;  // 0.3

bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

bool InGroupA(CountryCode c) {
  for (const char* code : kGroupA) {
    if (PackCountry(code[0], code[1]) == c) return true;
  }
  return false;
}
bool InGroupB(CountryCode c) { return c == PackCountry('C', 'N') || c == PackCountry('H', 'K'); }

CountryCode NormalizeCountry(std::string_view written) {
  if (written.size() != 2 || !IsAsciiLetter(written[0]) || !IsAsciiLetter(written[1])) return 0;
  return PackCountry(Upper(written[0]), Upper(written[1]));
}

void AuthorCountries(const PlannedAuthor& author, std::vector<CountryCode>& out) {
  out.clear();
  const auto& institutions = Institutions();
  for (int i = 0; i < author.affiliation_count; ++i) {
    // A lower-case code normalizes to the same country, so only the table's code matters here.
    CountryCode c = NormalizeCountry(institutions[author.affiliations[i].institution].country);
    if (c != 0) out.push_back(c);
  }
  if (author.countries_key) {
    for (int i = 0; i < author.country_count; ++i) {
      CountryCode c = NormalizeCountry(std::string_view(author.countries[i], std::strlen(author.countries[i])));
      if (c != 0) out.push_back(c);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

bool IsAiConcept(uint16_t concept_index) { return concept_index < kAiConceptCount; }

bool IsAiTopic(uint16_t topic_index) {
  const char* subfield = Topics()[topic_index].subfield_id;
  return std::strcmp(subfield, "1702") == 0 || std::strcmp(subfield, "1707") == 0;
}

bool TypeInScope(const char* type) {
  for (const char* t : kScopeTypes) {
    if (std::strcmp(t, type) == 0) return true;
  }
  return false;
}

void EvaluateWork(const WorkPlan& plan, WorkFacts& facts) {
  facts.countries.clear();
  facts.fractional.clear();
  facts.in_scope = plan.year >= kYearFrom && plan.year <= kYearTo && plan.language_key && plan.language != nullptr &&
                   std::strcmp(plan.language, "en") == 0 && TypeInScope(plan.type);
  bool by_concept = false;
  for (const auto& c : plan.concepts) {
    if (IsAiConcept(c.index) && c.score_e6 >= kConceptMinScoreE6) by_concept = true;
  }
  // The primary topic is primary_topic when written, else topics[0]: the plan keeps it first either way.
  bool by_topic = !plan.topics.empty() && IsAiTopic(plan.topics[0].topic);
  facts.field = facts.in_scope && (by_concept || by_topic);

  thread_local std::vector<CountryCode> author_countries;
  const long double n = static_cast<long double>(plan.authors.size());
  for (const auto& author : plan.authors) {
    AuthorCountries(author, author_countries);
    if (author_countries.empty()) {
      facts.fractional.emplace_back(kUnknownCountry, 1.0L / n);
      continue;
    }
    const long double share = 1.0L / (n * static_cast<long double>(author_countries.size()));
    for (CountryCode c : author_countries) {
      facts.countries.push_back(c);
      facts.fractional.emplace_back(c, share);
    }
  }
  std::sort(facts.countries.begin(), facts.countries.end());
  facts.countries.erase(std::unique(facts.countries.begin(), facts.countries.end()), facts.countries.end());
  // Merge shares per country; stable sort keeps the authorship order of additions, so sums are reproducible.
  std::stable_sort(facts.fractional.begin(), facts.fractional.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t out = 0;
  for (size_t i = 0; i < facts.fractional.size(); ++i) {
    if (out > 0 && facts.fractional[out - 1].first == facts.fractional[i].first) {
      facts.fractional[out - 1].second += facts.fractional[i].second;
    } else {
      facts.fractional[out++] = facts.fractional[i];
    }
  }
  facts.fractional.resize(out);

  bool a = false, b = false;
  for (CountryCode c : facts.countries) {
    a = a || InGroupA(c);
    b = b || InGroupB(c);
  }
  facts.joint = facts.field && a && b;
}

}  // namespace entangle::synth
