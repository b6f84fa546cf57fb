// Dual-use vocabulary: the shipped file, whole-word matching in English, character matching in
// Chinese, and the spans reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <ostream>
#include <string>
#include <vector>

#include "risk/risk.h"

namespace entangle {
namespace {

const std::string kVocabulary = std::string(ENTANGLE_SOURCE_DIR) + "/data/vocab/dual-use-ai.tsv";

const DualUseVocabulary& Shipped() {
  static const DualUseVocabulary* vocabulary = [] {
    Result<DualUseVocabulary> v = DualUseVocabulary::Load(kVocabulary);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return new DualUseVocabulary(v.ok() ? std::move(*v) : DualUseVocabulary{});
  }();
  return *vocabulary;
}

std::vector<std::string> Terms(const std::vector<VocabularyHit>& hits) {
  std::vector<std::string> terms;
  for (const VocabularyHit& h : hits) terms.push_back(h.term);
  return terms;
}

bool Has(const std::vector<VocabularyHit>& hits, const std::string& term) {
  return std::any_of(hits.begin(), hits.end(), [&](const VocabularyHit& h) { return h.term == term; });
}

TEST(VocabularyTest, ShippedFileHasTheStudysFamilies) {
  const DualUseVocabulary& v = Shipped();
  EXPECT_EQ(v.families(), (std::vector<std::string>{"biometric_surveillance", "targeting_remote_sensing",
                                                     "unmanned_autonomous", "cyber_operations",
                                                     "information_operations", "other_military",
                                                     "security_end_use"}));
  EXPECT_GT(v.term_count(), 200u);
}

struct HitCase {
  const char* name;
  std::string text;
  std::vector<std::string> present;  // terms that must hit
  std::vector<std::string> absent;   // terms that must not
};

void PrintTo(const HitCase& c, std::ostream* os) { *os << c.name; }

class VocabularyHitTest : public ::testing::TestWithParam<HitCase> {};

TEST_P(VocabularyHitTest, FindsWholeWordsAndChineseSequences) {
  const HitCase& c = GetParam();
  std::vector<VocabularyHit> hits = Shipped().Find(c.text, "", {});
  for (const std::string& t : c.present) EXPECT_TRUE(Has(hits, t)) << c.name << ": expected " << t;
  for (const std::string& t : c.absent) EXPECT_FALSE(Has(hits, t)) << c.name << ": unexpected " << t;
}

INSTANTIATE_TEST_SUITE_P(
    Vocabulary, VocabularyHitTest,
    ::testing::Values(
        HitCase{"uav", "Path planning for a UAV in windy conditions", {"UAV"}, {}},
        HitCase{"uav_hyphenated", "UAV-based inspection", {"UAV"}, {}},
        HitCase{"uavs_variant_reported_as_uav", "Cooperative UAVs", {"UAV"}, {}},
        HitCase{"uav_case_insensitive", "uav imagery", {"UAV"}, {}},
        HitCase{"no_uav_inside_a_word", "SQUAVE and GUAVA", {}, {"UAV"}},
        HitCase{"drone", "A drone dataset", {"drone"}, {}},
        HitCase{"drone_not_in_androne", "androne and dronesque", {}, {"drone"}},
        HitCase{"overlapping_terms", "UAV swarm tactics", {"UAV", "UAV swarm"}, {}},
        HitCase{"face_recognition", "Masked Face Recognition in the wild", {"face recognition"}, {}},
        HitCase{"re_id_not_in_reidentification", "person reidentification", {"person re-identification"}, {"re-id"}},
        HitCase{"reid_surname_is_not_a_term", "as shown by Reid et al.", {}, {"re-id", "person re-identification"}},
        HitCase{"pla_is_polylactic_acid", "PLA scaffolds", {}, {"People's Liberation Army"}},
        HitCase{"line_break_inside_term", "video\n surveillance", {"video surveillance"}, {}},
        HitCase{"abnormal_behaviour", "Abnormal behaviour detection in surveillance video",
                {"abnormal behavior detection"}, {}},
        HitCase{"zh_uav_swarm", "基于强化学习的无人机集群协同控制", {"无人机集群", "无人机"}, {}},
        HitCase{"zh_face", "面向人脸识别的对抗攻击", {"人脸识别"}, {}},
        HitCase{"zh_object_detection_is_generic", "基于深度学习的目标检测与目标跟踪方法", {}, {"自动目标识别"}},
        HitCase{"zh_cooperation_strategy", "合作战略与信息战略研究", {}, {"信息作战", "认知域作战"}},
        HitCase{"zh_fire_prevention", "建筑防火控制技术", {}, {"火控雷达"}},
        HitCase{"zh_office", "办公安排", {}, {"公安机关"}},
        HitCase{"zh_next_to_latin", "SAR目标识别方法", {"SAR目标识别"}, {}},
        HitCase{"generic_change_detection", "Change detection in multispectral remote sensing images", {}, {}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(VocabularyTest, GenericRemoteSensingHasNoHitAtAll) {
  EXPECT_TRUE(Shipped().Find("Change detection in multispectral remote sensing images", "", {}).empty());
}

TEST(VocabularyTest, HitsCarryFamilyFieldItemAndSpan) {
  const std::string title = "Drones for crowd counting";
  const std::string abstract = "We study 人脸识别 with UAVs.";
  const std::vector<std::string> keywords = {"deep learning", "Person Re-Identification"};
  std::vector<VocabularyHit> hits = Shipped().Find(title, abstract, keywords);
  ASSERT_EQ(hits.size(), 5u) << ::testing::PrintToString(Terms(hits));

  EXPECT_EQ(hits[0].field, "title");
  EXPECT_EQ(hits[0].term, "drone");
  EXPECT_EQ(hits[0].family, "unmanned_autonomous");
  EXPECT_EQ(hits[0].text, "Drones");
  EXPECT_EQ(hits[0].begin, 0u);
  EXPECT_EQ(hits[0].end, 6u);

  EXPECT_EQ(hits[1].term, "crowd counting");
  EXPECT_EQ(hits[1].family, "biometric_surveillance");
  EXPECT_EQ(title.substr(hits[1].begin, hits[1].end - hits[1].begin), "crowd counting");

  EXPECT_EQ(hits[2].field, "abstract");
  EXPECT_EQ(hits[2].term, "人脸识别");
  EXPECT_EQ(hits[2].lang, "zh");
  EXPECT_EQ(abstract.substr(hits[2].begin, hits[2].end - hits[2].begin), "人脸识别");

  EXPECT_EQ(hits[3].term, "UAV");
  EXPECT_EQ(hits[3].text, "UAVs");

  EXPECT_EQ(hits[4].field, "keyword");
  EXPECT_EQ(hits[4].item, 1u);
  EXPECT_EQ(hits[4].term, "person re-identification");
  EXPECT_EQ(hits[4].text, "Person Re-Identification");
}

TEST(VocabularyTest, InvalidUtf8FieldIsSkipped) {
  EXPECT_TRUE(Shipped().Find("drone \xC3\x28", "", {}).empty());
  EXPECT_EQ(Shipped().Find("drone \xC3\x28", "drone", {}).size(), 1u);
}

TEST(VocabularyTest, EmptyVocabularyFindsNothing) {
  DualUseVocabulary empty;
  EXPECT_TRUE(empty.Find("drone", "UAV", {"人脸识别"}).empty());
}

struct BadVocabularyCase {
  const char* name;
  std::string content;
  const char* message_part;
};

void PrintTo(const BadVocabularyCase& c, std::ostream* os) { *os << c.name; }

class VocabularyErrorTest : public ::testing::TestWithParam<BadVocabularyCase> {};

TEST_P(VocabularyErrorTest, Rejects) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            (std::string("entangle_vocab_") + GetParam().name + ".tsv")).string();
  std::ofstream(path, std::ios::binary) << GetParam().content;
  Result<DualUseVocabulary> v = DualUseVocabulary::Load(path);
  std::filesystem::remove(path);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find(GetParam().message_part), std::string::npos) << v.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Vocabulary, VocabularyErrorTest,
    ::testing::Values(BadVocabularyCase{"missing_columns", "family\tterm\nf\tx\n", "columns family, lang, term"},
                      BadVocabularyCase{"bad_lang", "family\tlang\tterm\nf\tfr\tdrone\n", "lang must be"},
                      BadVocabularyCase{"empty_term", "family\tlang\tterm\nf\ten\t\n", "must not be empty"},
                      BadVocabularyCase{"duplicate", "family\tlang\tterm\tvariants\nf\ten\tdrone\tDrone\n",
                                        "listed twice"},
                      BadVocabularyCase{"no_terms", "# only a comment\nfamily\tlang\tterm\n", "no terms"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace entangle
