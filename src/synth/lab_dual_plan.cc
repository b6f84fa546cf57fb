#include "synth/lab_dual_plan.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "synth/author_plan.h"
#include "synth/plan_tables.h"
#include "synth/tables.h"

namespace entangle::synth {
namespace {

// Ids of the planted people (below kFirstRandomAuthorId and clear of the named cases' 5000000100+).
constexpr uint64_t kPerson = 5000000200ULL;
constexpr uint64_t kNoId = 0;

// Two name pairs shared by different people: "Wei Wang" (ids kPerson+17, +19, +24, +25) and "Jing Li"
// (the authorships without an id).
constexpr uint8_t kRegionChinese = 0;
struct Name {
  uint8_t given, family;
};
constexpr Name kWeiWang{0, 0};
constexpr Name kJingLi{1, 1};

uint16_t InstitutionById(std::string_view id) {
  const auto& all = Institutions();
  for (size_t i = 0; i < all.size(); ++i) {
    if (id == all[i].id) return static_cast<uint16_t>(i);
  }
  std::fprintf(stderr, "synth: planted work names an unknown institution %.*s\n", static_cast<int>(id.size()),
               id.data());
  std::abort();
}

// One planted authorship: its institutions (ids), or a raw affiliation string alone with the country
// OpenAlex would give it.
struct AuthorSpec {
  uint64_t id;
  const char* institutions[2];
  const char* raw_only = nullptr;
  const char* raw_country = nullptr;
  Name name{2, 2};
};

PlannedAuthor MakeAuthor(const AuthorSpec& s, size_t position) {
  PlannedAuthor a;
  a.author_id = s.id;
  a.countries_key = true;
  for (const char* inst : s.institutions) {
    if (inst == nullptr) continue;
    PlannedAffiliation& af = a.affiliations[a.affiliation_count++];
    af.institution = InstitutionById(inst);
    AddCountry(a, Institutions()[af.institution].country);
  }
  if (s.raw_only != nullptr) {
    a.raw_affiliation = s.raw_only;
    AddCountry(a, s.raw_country);
  }
  a.name_region = s.name.given == 2 && s.name.family == 2 ? static_cast<uint8_t>(position % 3) : kRegionChinese;
  a.given = s.name.given == 2 ? static_cast<uint8_t>(position + 3) : s.name.given;
  a.family = s.name.family == 2 ? static_cast<uint8_t>(position + 5) : s.name.family;
  a.corresponding = position == 0;
  return a;
}

constexpr const char* kMsra = "I4210113369";
constexpr const char* kInria = "I9100000154";
constexpr const char* kTsinghua = "I99065089";
constexpr const char* kZju = "I76130692";
constexpr const char* kTum = "I62916508";
constexpr const char* kRwth = "I887968799";
constexpr const char* kEdinburgh = "I98677209";
constexpr const char* kMit = "I63966007";
constexpr const char* kTencentAiLabFoundation = "I9100000195";  // a name containing "Tencent AI Lab"
constexpr const char* kHuaweiChina = "I2250955327";
constexpr const char* kHuaweiSwitzerland = "I9100000153";  // lineage: Huawei Technologies (China)

struct PlantedWork {
  int year;
  const char* purpose;
  std::vector<AuthorSpec> authors;
};

const std::vector<PlantedWork>& PlantedWorks() {
  static const std::vector<PlantedWork> kWorks = {
      {2018,
       "lab by institution id: Microsoft Research Asia with Inria (partner) and Tsinghua University",
       {{kPerson + 0, {kMsra}}, {kPerson + 1, {kInria}}, {kPerson + 2, {kTsinghua}}}},
      {2020,
       "lab by raw affiliation string only: 'Huawei Zurich Research Center' without an institution, with "
       "Tsinghua University and Zhejiang University (partners)",
       {{kPerson + 3, {}, "Huawei Zurich Research Center", "CH"}, {kPerson + 4, {kTsinghua}}, {kPerson + 5, {kZju}}}},
      {2021,
       "lab by raw affiliation string only: 'Tencent AI Lab' without an institution, with Technical University "
       "of Munich (partner)",
       {{kPerson + 6, {}, "Tencent AI Lab", "CN"}, {kPerson + 7, {kTum}}}},
      {2019,
       "traps, no lab: an institution named 'Tencent AI Lab Foundation', Zhejiang University with University of "
       "Edinburgh (the Zhejiang-Edinburgh Institute's parents) and the raw string 'Huawei Zurich Research Center "
       "Liaison Office, Zurich, Switzerland'",
       {{kPerson + 8, {kTencentAiLabFoundation}},
        {kPerson + 9, {kZju}},
        {kPerson + 10, {kEdinburgh}},
        {kPerson + 11, {}, "Huawei Zurich Research Center Liaison Office, Zurich, Switzerland", "CH"}}},
      {2019,
       "joint only via a dual affiliation: one author at Technical University of Munich and Tsinghua University, "
       "the other at MIT",
       {{kPerson + 12, {kTum, kTsinghua}}, {kPerson + 13, {kMit}}}},
      {2020,
       "dual affiliation with separate people: one author at Inria and Zhejiang University, another at Tsinghua",
       {{kPerson + 14, {kInria, kZju}}, {kPerson + 15, {kTsinghua}}}},
      {2018,
       "mover A5000000216 only in Europe (TUM); 'Wei Wang' A5000000217 only in Europe",
       {{kPerson + 16, {kTum}}, {kPerson + 17, {kRwth}, nullptr, nullptr, kWeiWang}, {kPerson + 18, {kTsinghua}}}},
      {2021,
       "mover A5000000216 only in China (Tsinghua); another 'Wei Wang', A5000000219, only in China: not a mover",
       {{kPerson + 16, {kTsinghua}}, {kPerson + 19, {kZju}, nullptr, nullptr, kWeiWang}, {kPerson + 20, {kInria}}}},
      {2017,
       "mover A5000000221 only in China (Zhejiang University); 'Wei Wang' A5000000225 at RWTH Aachen and Zhejiang "
       "University",
       {{kPerson + 21, {kZju}},
        {kPerson + 22, {kEdinburgh}},
        {kPerson + 25, {kRwth, kZju}, nullptr, nullptr, kWeiWang}}},
      {2022,
       "mover A5000000221 only in Europe (University of Edinburgh)",
       {{kPerson + 21, {kEdinburgh}}, {kPerson + 23, {kTsinghua}}}},
      {2020,
       "two dual-affiliated people: A5000000221 (Edinburgh and Zhejiang) and 'Wei Wang' A5000000224 (TUM and "
       "Tsinghua)",
       {{kPerson + 21, {kEdinburgh, kZju}}, {kPerson + 24, {kTum, kTsinghua}, nullptr, nullptr, kWeiWang}}},
      {2022,
       "joint via separate people: two authorships without an id, both 'Jing Li', one at TUM and one at Tsinghua "
       "(two people), with MIT",
       {{kNoId, {kTum}, nullptr, nullptr, kJingLi},
        {kNoId, {kTsinghua}, nullptr, nullptr, kJingLi},
        {kPerson + 27, {kMit}}}},
      {2021,
       "joint only via a dual affiliation without an author id: 'Jing Li' at Inria and Tsinghua, with MIT",
       {{kNoId, {kInria, kTsinghua}, nullptr, nullptr, kJingLi}, {kPerson + 26, {kMit}}}},
      {2019,
       "a company's lab beside its other institutions: 'Huawei Zurich Research Center' written by an author "
       "OpenAlex filed under Huawei Technologies (Switzerland) (the lab's assignment, not Huawei's other "
       "institution), an author at Huawei Technologies (China) (Huawei's other institution, in China), with "
       "Tsinghua University (the lab's partner) and Technical University of Munich (Huawei China's partner)",
       {{kPerson + 28, {kHuaweiSwitzerland}, "Huawei Zurich Research Center", "CH"},
        {kPerson + 29, {kHuaweiChina}},
        {kPerson + 30, {kTsinghua}},
        {kPerson + 31, {kTum}}}},
  };
  return kWorks;
}

}  // namespace

const std::vector<SynthLabDef>& SynthLabs() {
  static const std::vector<SynthLabDef> kLabs = {
      {"lab:microsoft-research-asia", "CN", "I4210113369",
       "Microsoft Research Asia|Microsoft Research China|微软亚洲研究院|微软中国研究院", "Microsoft", "I1290206253"},
      {"lab:zhejiang-edinburgh-institute", "CN", "I4210158570",
       "Zhejiang University-University of Edinburgh Institute|ZJU-UoE Institute", "", ""},
      {"lab:huawei-zurich-research-center", "CH", "",
       "Huawei Zurich Research Center|Huawei Technologies Zurich Research Center", "Huawei Technologies",
       "I2250955327 I4210159102 I4210160618"},
      {"lab:tencent-ai-lab", "CN", "", "Tencent AI Lab", "Tencent", "I2250653659"},
  };
  return kLabs;
}

bool IsLabDualIndex(uint64_t index) {
  return index >= static_cast<uint64_t>(kCaseStudyCount) &&
         index < static_cast<uint64_t>(kCaseStudyCount + kLabDualWorkCount);
}

uint64_t RandomAuthorId(uint64_t work_index, size_t position) {
  return kFirstRandomAuthorId + work_index * 1024 + position;  // at most 700 authors per work
}

const char* LabDualWorkPurpose(int which) { return PlantedWorks()[static_cast<size_t>(which)].purpose; }

void PlanLabDualWork(int which, WorkPlan& p) {
  static_assert(kLabDualWorkCount == 14, "one planted work per entry of PlantedWorks()");
  const PlanTables& t = GetPlanTables();
  const PlantedWork& w = PlantedWorks()[static_cast<size_t>(which)];
  p.lab_dual = which;
  p.style = Style::kApi2025;
  p.key_order = 0;
  p.year = w.year;
  p.month = 6;
  p.day = 15;
  p.language = "en";
  p.type = "article";
  p.source = t.ai_sources.items[0];
  p.concepts = {{0, 650000}};  // artificial intelligence, above the field threshold
  p.topics = {{t.case_topic, 9900}};
  p.primary_topic_key = true;
  p.authors.clear();
  for (size_t i = 0; i < w.authors.size(); ++i) p.authors.push_back(MakeAuthor(w.authors[i], i));
  p.cited_by_count = 3;
  p.ai_text = true;
}

}  // namespace entangle::synth
