#include "synth/work_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "synth/author_plan.h"
#include "synth/lab_dual_plan.h"
#include "synth/plan_tables.h"
#include "synth/rng.h"
#include "synth/tables.h"

namespace entangle::synth {
namespace {

constexpr int kFirstYear = 2008;
// Works per publication year: growth from 2015, 2021 about twice 2017, a short last year (2025).
constexpr double kYearWeights[] = {0.25, 0.28, 0.30, 0.33, 0.36, 0.40, 0.45, 0.50, 0.56,
                                   0.62, 0.72, 0.85, 0.92, 1.28, 1.32, 1.36, 1.40, 0.70};
// Europe-China collaboration relative to output, by year: slower in 2020, a steep rise in 2021.
constexpr double kJointTrend[] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.55, 0.65, 0.8,
                                  0.9, 0.95, 1.0, 0.95, 1.15, 1.15, 1.1, 1.05, 1.0};

struct Choice {
  const char* value;
  double weight;
};
constexpr Choice kLanguages[] = {{"en", 88}, {"zh", 2.5}, {"de", 1}, {"fr", 1}, {"es", 1},
                                 {"pt", 0.8}, {"ja", 0.7}, {"ru", 0.5}, {"ko", 0.5}};
constexpr Choice kTypes2023[] = {{"journal-article", 72}, {"proceedings-article", 9}, {"posted-content", 6},
                                 {"book-chapter", 4},     {"dissertation", 2},        {"dataset", 2},
                                 {"other", 2},            {"report", 1},              {"book", 1},
                                 {"editorial", 0.5},      {"peer-review", 0.5}};
constexpr Choice kTypes2025[] = {{"article", 76}, {"review", 5},        {"preprint", 7},  {"book-chapter", 4},
                                 {"letter", 1},   {"dataset", 2},       {"dissertation", 1.5}, {"editorial", 1},
                                 {"paratext", 1}, {"other", 1},         {"report", 0.5}};

template <size_t N>
const char* PickChoice(Rng& rng, const Choice (&choices)[N]) {
  double total = 0;
  for (const auto& c : choices) total += c.weight;
  double u = rng.Uniform() * total;
  for (const auto& c : choices) {
    if (u < c.weight) return c.value;
    u -= c.weight;
  }
  return choices[N - 1].value;
}

int PickYear(Rng& rng) {
  static const WeightedPicker kPicker(std::vector<double>(std::begin(kYearWeights), std::end(kYearWeights)));
  return kFirstYear + static_cast<int>(kPicker.Pick(rng));
}

double JointTrend(int year) {
  int i = std::clamp(year - kFirstYear, 0, static_cast<int>(std::size(kJointTrend)) - 1);
  return kJointTrend[i];
}

// Older partitions hold more 2023-style records, newer ones more Walden records.
Style PickStyle(uint64_t seed, uint64_t index, double position) {
  Rng rng(Mix(seed, index, kSaltStyle));
  double u = rng.Uniform();
  double p2023 = 0.6 - 0.45 * position;
  double pwalden = 0.1 + 0.3 * position;
  if (u < p2023) return Style::kSnapshot2023;
  if (u < p2023 + pwalden) return Style::kWalden2025;
  return Style::kApi2025;
}

uint32_t Score6(Rng& rng, double lo, double hi) {
  return static_cast<uint32_t>(std::lround((lo + (hi - lo) * rng.Uniform()) * 1e6));
}

void AddConcept(WorkPlan& p, uint16_t c, uint32_t score) {
  for (const auto& e : p.concepts) {
    if (e.index == c) return;
  }
  p.concepts.push_back({c, score});
}

void AddTopic(WorkPlan& p, uint16_t topic, uint32_t score) {
  for (const auto& e : p.topics) {
    if (e.topic == topic) return;
  }
  p.topics.push_back({topic, score});
}

// Concepts and topics: how a work is (or narrowly is not) in the AI field under each record format.
void PlanField(Rng& rng, const PlanTables& t, bool ai, WorkPlan& p) {
  const bool has_topics = p.style != Style::kSnapshot2023;
  const bool concepts_written = p.style != Style::kWalden2025 || rng.Chance(0.4);
  bool ai_topic_primary = false, ai_concepts = false, near_miss = false;
  if (ai) {
    double u = rng.Uniform();
    if (p.style == Style::kSnapshot2023) {
      ai_concepts = u < 0.92;
      near_miss = !ai_concepts;
    } else if (p.style == Style::kApi2025) {
      ai_topic_primary = u < 0.80;
      ai_concepts = u < 0.72 || (u >= 0.80 && u < 0.95);
      near_miss = u >= 0.95;
    } else {
      ai_topic_primary = u < 0.85;
      ai_concepts = concepts_written && u < 0.6;
      near_miss = u >= 0.85;
    }
  }
  if (concepts_written) {
    if (rng.Chance(0.85)) AddConcept(p, t.cs_concept, Score6(rng, 0.3, 0.95));
    int n = rng.Range(3, 9);
    for (int i = 0; i < n; ++i) AddConcept(p, t.other_concepts.Pick(rng), Score6(rng, 0.05, 0.8));
    if (ai_concepts) {
      int k = rng.Range(1, 3);
      for (int i = 0; i < k; ++i) AddConcept(p, t.ai_concepts.Pick(rng), Score6(rng, 0.3, 0.95));
      if (rng.Chance(0.005)) AddConcept(p, t.ai_concepts.Pick(rng), 300000);  // exactly at the threshold
    } else if (near_miss || rng.Chance(0.05)) {
      AddConcept(p, t.ai_concepts.Pick(rng), Score6(rng, 0.1, 0.299999));  // just below the threshold
    } else if (!ai && rng.Chance(0.01)) {
      AddConcept(p, t.ai_concepts.Pick(rng), Score6(rng, 0.3, 0.6));  // an incidental AI tag
    }
    std::sort(p.concepts.begin(), p.concepts.end(),
              [](const PlannedConcept& a, const PlannedConcept& b) { return a.score_e6 > b.score_e6; });
  }
  if (has_topics) {
    const uint32_t primary = static_cast<uint32_t>(rng.Range(5500, 9999));
    if (ai_topic_primary) {
      AddTopic(p, t.ai_topics.Pick(rng), primary);
    } else {
      AddTopic(p, (ai || rng.Chance(0.3)) ? t.cs_topics.Pick(rng) : t.other_topics.Pick(rng), primary);
    }
    int extra = rng.Range(0, 2);
    for (int i = 0; i < extra; ++i) {
      bool ai_second = ai_topic_primary || near_miss || rng.Chance(0.04);  // an AI topic that is not primary
      const Pool& pool = ai_second ? t.ai_topics : (rng.Chance(0.5) ? t.cs_topics : t.other_topics);
      AddTopic(p, pool.Pick(rng), static_cast<uint32_t>(rng.Range(5000, static_cast<int>(p.topics[0].score_e4))));
    }
    if (near_miss && p.topics.size() == 1) {
      AddTopic(p, t.ai_topics.Pick(rng), static_cast<uint32_t>(rng.Range(5000, static_cast<int>(primary))));
    }
    p.primary_topic_key = p.style == Style::kApi2025 && rng.Chance(0.96);
  }
}

void ExpandAward(Rng& rng, const char* pattern, int year, char* out, size_t cap) {
  // Pick one '|' alternative.
  int alternatives = 1;
  for (const char* c = pattern; *c; ++c) alternatives += *c == '|';
  int pick = static_cast<int>(rng.Below(static_cast<uint64_t>(alternatives)));
  const char* c = pattern;
  for (int k = 0; k < pick; ++k) c = std::strchr(c, '|') + 1;
  size_t n = 0;
  for (; *c && *c != '|' && n + 5 < cap; ++c) {
    if (*c == '#') {
      out[n++] = static_cast<char>('0' + rng.Below(10));
    } else if (*c == '@') {
      out[n++] = static_cast<char>('A' + rng.Below(26));
    } else if (*c == '^') {
      n += static_cast<size_t>(std::snprintf(out + n, cap - n, "%04d", std::clamp(year - rng.Range(0, 3), 2000, 2099)));
    } else {
      out[n++] = *c;
    }
  }
  out[n] = '\0';
}

void PlanGrants(Rng& rng, const PlanTables& t, bool joint_intent, const std::vector<TeamCountry>& team, WorkPlan& p) {
  if (!rng.Chance(joint_intent ? 0.5 : 0.42)) return;
  double u = rng.Uniform();
  int n = u < 0.45 ? 1 : (u < 0.75 ? 2 : (u < 0.9 ? 3 : rng.Range(4, 6)));
  bool chinese_side = false;
  for (const auto& tc : team) chinese_side = chinese_side || InGroupB(tc.code);
  const auto& funders = Funders();
  for (int i = 0; i < n; ++i) {
    CountryCode c;
    if (i == 0 && joint_intent && chinese_side) {
      c = rng.Chance(0.8) ? PackCountry('C', 'N') : team[rng.Below(team.size())].code;
    } else {
      c = team[rng.Below(team.size())].code;
    }
    const Pool* pool = nullptr;
    auto it = t.funders_by_country.find(c);
    if (it != t.funders_by_country.end()) {
      pool = &it->second;
    } else if (InGroupA(c) && c != PackCountry('G', 'B') && c != PackCountry('N', 'O') &&
               c != PackCountry('C', 'H')) {
      pool = &t.eu_funders;
    }
    if (pool == nullptr) continue;
    uint16_t f = pool->Pick(rng);
    bool seen = false;
    for (const auto& g : p.grants) seen = seen || g.funder == f;
    if (seen && rng.Chance(0.7)) continue;
    PlannedGrant& g = p.grants.emplace_back();
    g.funder = f;
    if (funders[f].award_pattern[0] != '\0' && rng.Chance(0.85)) {
      ExpandAward(rng, funders[f].award_pattern, p.year, g.award_id, sizeof(g.award_id));
    }
  }
}

void PlanTerms(Rng& rng, const PlanTables& t, bool ai, WorkPlan& p) {
  if (!rng.Chance(ai ? 0.08 : 0.01)) return;
  int families = rng.Chance(0.1) ? 2 : 1;
  for (int i = 0; i < families; ++i) {
    uint8_t family = static_cast<uint8_t>(t.family_picker.Pick(rng));
    bool dup = false;
    for (const auto& term : p.terms) dup = dup || term.family == family;
    if (dup) continue;
    const auto& terms = DualUseFamilies()[family].planted_terms;
    p.terms.push_back({family, static_cast<uint8_t>(rng.Below(terms.size())), rng.Chance(0.4)});
  }
}

int64_t PickCitations(Rng& rng, int year, bool joint) {
  double mu = 1.2 + 0.08 * std::clamp(2025 - year, 0, 15) + (joint ? 0.3 : 0.0);
  double g = 0;
  for (int i = 0; i < 4; ++i) g += rng.Uniform();
  g = (g - 2.0) * std::sqrt(3.0);  // ~ standard normal
  double c = std::exp(mu + 1.4 * g) - 1.0;
  if (rng.Chance(0.001)) c *= 50;
  return std::max<int64_t>(0, static_cast<int64_t>(c));
}

void PlanCaseStudy(int which, const PlanTables& t, WorkPlan& p) {
  p.case_study = which;
  p.style = Style::kApi2025;
  p.key_order = 0;
  p.year = which == 0 ? 2022 : 2021;
  p.month = which == 0 ? 3 : 9;
  p.day = 15;
  p.language = "en";
  p.type = "article";
  p.source = t.ai_sources.items[0];
  p.concepts = {{2, 712345}, {0, 603210}, {3, 451234}};  // computer vision, AI, deep learning
  p.topics = {{t.case_topic, 9981}};
  p.primary_topic_key = true;
  const uint16_t europe = t.case_institutions[which == 0 ? 0 : 2];
  const uint16_t china = t.case_institutions[which == 0 ? 1 : 3];
  const char* europe_code = which == 0 ? "DE" : "GB";
  p.authors.assign(4, PlannedAuthor{});
  for (size_t i = 0; i < p.authors.size(); ++i) {
    PlannedAuthor& a = p.authors[i];
    const bool eu = (i == 0) == (which == 1);
    a.affiliation_count = 1;
    a.affiliations[0].institution = eu ? europe : china;
    AddCountry(a, eu ? europe_code : "CN");
    a.name_region = static_cast<uint8_t>(eu ? (which == 0 ? 2 : 1) : 0);
    a.given = static_cast<uint8_t>(i + 1);
    a.family = static_cast<uint8_t>(2 * i + which);
    a.author_id = 5000000100ULL + 10 * static_cast<uint64_t>(which) + i;
  }
  p.authors[0].corresponding = true;
  p.terms = {{static_cast<uint8_t>(which == 0 ? 3 : 1), static_cast<uint8_t>(which == 0 ? 0 : 1), true}};
  p.cited_by_count = which == 0 ? 4 : 11;
  p.ai_text = true;
}

}  // namespace

void WorkPlan::Clear() {
  case_study = -1;
  lab_dual = -1;
  concepts.clear();
  topics.clear();
  authors.clear();
  grants.clear();
  terms.clear();
  updated_date.clear();
  language_key = true;
  primary_topic_key = true;
  has_abstract = true;
  ai_text = false;
  wrong_distinct_counts = false;
}

uint64_t WorkIdNumber(uint64_t seed, uint64_t index) {
  // A keyed bijection on 32 bits (odd multiplier, xor-shifts), so distinct indexes give distinct ids.
  uint32_t x = static_cast<uint32_t>(index) ^ static_cast<uint32_t>(Mix64(seed));
  for (int round = 0; round < 3; ++round) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
  }
  x ^= x >> 16;
  return 2000000000ULL + x + ((index >> 32) << 32);
}

void PlanWork(const PlanContext& ctx, uint64_t index, WorkKind kind, WorkPlan& p) {
  const PlanTables& t = GetPlanTables();
  Rng rng(Mix(ctx.seed, index, kSaltWork));
  p.Clear();
  p.index = index;
  p.id = WorkIdNumber(ctx.seed, index);
  p.kind = kind;
  if (kind != WorkKind::kMerged && index < static_cast<uint64_t>(kCaseStudyCount)) {
    PlanCaseStudy(static_cast<int>(index), t, p);
    return;
  }
  if (kind != WorkKind::kMerged && IsLabDualIndex(index)) {
    PlanLabDualWork(static_cast<int>(index - kCaseStudyCount), p);
    return;
  }
  p.style = PickStyle(ctx.seed, index, ctx.partition_position);
  p.key_order = static_cast<uint8_t>(rng.Below(2));
  const bool merged = kind == WorkKind::kMerged;
  p.year = merged && rng.Chance(0.8) ? rng.Range(2017, 2022) : PickYear(rng);
  p.month = rng.Range(1, 12);
  p.day = rng.Range(1, 28);
  double lu = rng.Uniform();
  if (lu < 0.04) {
    p.language = nullptr;
  } else if (lu < 0.05 && p.style == Style::kSnapshot2023) {
    p.language_key = false;
  } else {
    p.language = PickChoice(rng, kLanguages);
  }
  p.type = p.style == Style::kSnapshot2023 ? PickChoice(rng, kTypes2023) : PickChoice(rng, kTypes2025);

  const double p_ai = merged ? 0.7 : std::clamp(0.16 + 0.008 * (p.year - 2010), 0.12, 0.30);
  const bool ai = rng.Chance(p_ai);
  const double p_joint = merged ? 0.5 : (ai ? 0.16 : 0.04) * JointTrend(p.year);
  const bool joint_intent = rng.Chance(p_joint);

  thread_local std::vector<TeamCountry> team;
  PlanTeam(rng, t, joint_intent, team);
  int n_authors = std::max(PickAuthorCount(rng), static_cast<int>(team.size()));
  PlanAuthors(rng, t, p.style, n_authors, team, p.authors);
  // One id per (work, position): a random author signs one work only (lab_dual_plan.h).
  for (size_t i = 0; i < p.authors.size(); ++i) p.authors[i].author_id = RandomAuthorId(index, i);
  PlanField(rng, t, ai, p);
  PlanGrants(rng, t, joint_intent, team, p);
  PlanTerms(rng, t, ai, p);
  p.source = ai ? t.ai_sources.Pick(rng) : (rng.Chance(0.2) ? t.ai_sources.Pick(rng) : t.other_sources.Pick(rng));
  p.cited_by_count = PickCitations(rng, p.year, joint_intent);
  p.ai_text = ai;
  p.has_abstract = rng.Chance(p.style == Style::kWalden2025 ? 0.7 : 0.87);
  if (!p.has_abstract) {
    for (auto& term : p.terms) term.in_title = true;  // a planted term needs text to live in
  }
  p.wrong_distinct_counts = rng.Chance(0.15);
}

void MakeOlderCopy(uint64_t seed, WorkPlan& p) {
  Rng rng(Mix(seed, p.index, kSaltDuplicate));
  p.kind = WorkKind::kOlderCopy;
  // Another year with the same in-scope status.
  if (p.year >= 2017 && p.year <= 2022) {
    int y = rng.Range(2017, 2021);
    p.year = y >= p.year ? y + 1 : y;
  } else if (p.year < 2017) {
    p.year -= 1;
  } else {
    p.year = p.year == 2023 ? 2024 : p.year - 1;
  }
  const auto& institutions = Institutions();
  if (p.authors.size() > 1 && rng.Chance(0.5)) {
    p.authors.pop_back();
    return;
  }
  // Move a Chinese-side author to Taiwan: the older copy may lose its China tie.
  for (auto& a : p.authors) {
    bool china = false;
    for (int i = 0; i < a.affiliation_count; ++i) {
      const char* c = institutions[a.affiliations[i].institution].country;
      china = china || std::strcmp(c, "CN") == 0 || std::strcmp(c, "HK") == 0;
    }
    if (!china) continue;
    a.affiliation_count = 1;
    a.affiliations[0] = PlannedAffiliation{GetPlanTables().taiwan_institution, false, false};
    a.country_count = 0;
    AddCountry(a, "TW");
    break;
  }
  p.cited_by_count = p.cited_by_count / 2;
}

}  // namespace entangle::synth