// Dual-use vocabulary: the shipped file, whole-word matching in English, character matching in
// Chinese, and the spans reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "risk/risk.h"

namespace entangle::risk {
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

// The Chinese terms review (data/vocab/README.md, "Chinese terms review (2026-11-28)"): texts that
// must hit, with the term and family reported, and texts that must not hit at all because a
// dropped or narrowed term sat inside ordinary words (Chinese terms match without word boundaries).
struct ChineseCase {
  const char* name;
  std::string text;
  const char* term = nullptr;    // must hit, reported as this term ...
  const char* family = nullptr;  // ... of this family; nullptr: the text has no hit at all
};

void PrintTo(const ChineseCase& c, std::ostream* os) { *os << c.name; }

class VocabularyChineseTest : public ::testing::TestWithParam<ChineseCase> {};

TEST_P(VocabularyChineseTest, ReviewDecisions) {
  const ChineseCase& c = GetParam();
  std::vector<VocabularyHit> hits = Shipped().Find(c.text, "", {});
  if (c.term == nullptr) {
    EXPECT_TRUE(hits.empty()) << c.text << " hits " << ::testing::PrintToString(Terms(hits));
    return;
  }
  bool found = false;
  for (const VocabularyHit& h : hits) {
    if (h.term != c.term) continue;
    found = true;
    EXPECT_EQ(h.family, c.family) << c.term;
    EXPECT_EQ(h.lang, "zh") << c.term;
  }
  EXPECT_TRUE(found) << c.text << ": expected " << c.term << ", got " << ::testing::PrintToString(Terms(hits));
}

INSTANTIATE_TEST_SUITE_P(
    Vocabulary, VocabularyChineseTest,
    ::testing::Values(
        // Must hit: kept terms.
        ChineseCase{"face_recognition", "基于深度学习的人脸识别方法", "人脸识别", "biometric_surveillance"},
        ChineseCase{"video_surveillance", "智能视频监控中的行人检测", "视频监控", "biometric_surveillance"},
        ChineseCase{"cross_camera_fragment", "跨摄像头多目标跟踪", "跨摄像头", "biometric_surveillance"},
        ChineseCase{"uav", "基于深度学习的无人机目标检测", "无人机", "unmanned_autonomous"},
        ChineseCase{"battlefield_situation", "战场态势感知", "战场态势", "targeting_remote_sensing"},
        ChineseCase{"military", "军事目标识别", "军事", "other_military"},
        ChineseCase{"public_security_organs", "公安机关视频侦查", "公安机关", "security_end_use"},
        // Must hit: replaced terms.
        ChineseCase{"face_liveness", "人脸活体检测算法研究", "人脸活体检测", "biometric_surveillance"},
        ChineseCase{"face_liveness_order", "活体人脸检测", "人脸活体检测", "biometric_surveillance"},
        ChineseCase{"human_action", "人体行为识别综述", "人体行为识别", "biometric_surveillance"},
        ChineseCase{"action_recognition", "基于骨架的动作识别", "人体行为识别", "biometric_surveillance"},
        ChineseCase{"space_surveillance", "地基空间目标监视系统", "空间目标监视", "targeting_remote_sensing"},
        ChineseCase{"social_bot_detection", "基于图神经网络的社交机器人检测", "社交机器人检测", "information_operations"},
        ChineseCase{"sensitive_word_filtering", "面向网络文本的敏感词过滤", "敏感词过滤", "information_operations"},
        ChineseCase{"defence_technology", "国防科技工业", "国防科技", "other_military"},
        ChineseCase{"defence_and_civil", "在国防和民用领域具有广泛应用", "国防科技", "other_military"},
        ChineseCase{"battlefield_environment", "复杂战场环境下的目标识别", "战场环境", "other_military"},
        ChineseCase{"digital_battlefield", "数字化战场通信", "战场环境", "other_military"},
        ChineseCase{"stability_maintenance", "维护社会稳定", "维护社会稳定", "security_end_use"},
        ChineseCase{"stability_maintenance_short", "社会维稳工作", "维护社会稳定", "security_end_use"},
        // Must hit: added variants and terms.
        ChineseCase{"face_anti_spoofing", "基于时空特征的人脸反欺骗方法", "人脸防伪", "biometric_surveillance"},
        ChineseCase{"uyghur_short_form", "维语语音识别", "维吾尔语语音识别", "biometric_surveillance"},
        ChineseCase{"speaker_verification", "文本无关的说话人确认", "说话人确认", "biometric_surveillance"},
        ChineseCase{"video_anomaly", "视频异常检测", "视频异常检测", "biometric_surveillance"},
        ChineseCase{"infrared_dim_small", "红外弱小目标跟踪", "红外小目标", "targeting_remote_sensing"},
        ChineseCase{"camouflaged_object", "伪装物体检测", "伪装目标", "targeting_remote_sensing"},
        ChineseCase{"sar_image_after_chinese", "基于深度学习的SAR图像目标识别", "SAR目标识别", "targeting_remote_sensing"},
        ChineseCase{"uav_formal", "无人飞行器路径规划", "无人机", "unmanned_autonomous"},
        ChineseCase{"ucav", "无人作战飞机", "无人机", "unmanned_autonomous"},
        ChineseCase{"uuv_word_order", "水下无人航行器", "无人水下航行器", "unmanned_autonomous"},
        ChineseCase{"apt_short_form", "高级持续威胁检测", "高级持续性威胁", "cyber_operations"},
        ChineseCase{"side_channel_bypass", "针对AES的旁路攻击", "侧信道", "cyber_operations"},
        ChineseCase{"cyberspace_operations", "网络空间作战", "网络作战", "cyber_operations"},
        ChineseCase{"rumour_identification", "微博谣言识别", "谣言检测", "information_operations"},
        ChineseCase{"voice_cloning", "声音克隆", "语音克隆", "information_operations"},
        ChineseCase{"specific_emitter", "特定辐射源识别", "辐射源个体识别", "other_military"},
        ChineseCase{"radar_cross_section", "雷达截面积", "雷达散射截面", "other_military"},
        // Must not hit at all: ordinary words around dropped or narrowed terms.
        ChineseCase{"objective_function", "基于目标函数优化的图像分割"},
        ChineseCase{"object_detection", "基于深度学习的目标检测与目标跟踪方法"},
        ChineseCase{"nobody_cares", "无人问津的数据集"},
        ChineseCase{"driverless_car", "无人驾驶汽车的轨迹预测"},
        ChineseCase{"countries_epidemic_control", "新冠疫情下各国防控措施比较"},
        ChineseCase{"our_country_prevention", "我国防治政策研究"},
        ChineseCase{"challenging_scenes", "复杂挑战场景下的视觉跟踪"},
        ChineseCase{"three_d_stability", "边坡三维稳定性分析"},
        ChineseCase{"one_d_steady_state", "一维稳态导热"},
        ChineseCase{"high_dimensional_robust", "高维稳健回归"},
        ChineseCase{"internal_queue", "基于内部队列的调度算法"},
        ChineseCase{"cadres", "干部队伍建设"},
        ChineseCase{"equipment_monitoring", "温室环境智能监控系统设计"},
        ChineseCase{"underwater_object_detection", "水下目标检测中的海参识别"},
        ChineseCase{"three_d_objects", "三维空间目标检测"},
        ChineseCase{"land_use_goals", "国土空间目标体系"},
        ChineseCase{"social_robot", "面向自闭症儿童的社交机器人交互设计"},
        ChineseCase{"context_sensitive_vectors", "上下文敏感词向量表示"},
        ChineseCase{"in_vivo", "细胞活体检测荧光探针"},
        ChineseCase{"user_behaviour", "电商用户行为识别与推荐"}),
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

// `entangle screen` loads the vocabulary for a few texts (VocabularyUse::kFewTexts: each Find
// compiles only the forms whose words occur in its texts). It must find exactly what the whole
// compiled vocabulary finds: every form of every term, as written, in upper and lower case, with
// its spaces broken across lines, alone and inside other text, and the cases above.
TEST(VocabularyTest, FewTextsFindsWhatTheWholeVocabularyFinds) {
  Result<DualUseVocabulary> few = DualUseVocabulary::Load(kVocabulary, VocabularyUse::kFewTexts);
  ASSERT_TRUE(few.ok()) << few.status().ToString();
  std::vector<std::string> forms;
  std::ifstream in(kVocabulary);
  bool header = true;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    for (size_t at = 0; at <= line.size();) {
      size_t end = std::min(line.find('\t', at), line.size());
      cells.push_back(line.substr(at, end - at));
      at = end + 1;
    }
    if (std::exchange(header, false) || cells.size() < 3) continue;
    forms.push_back(cells[2]);
    for (size_t at = 0; cells.size() > 3 && at < cells[3].size();) {
      size_t end = std::min(cells[3].find('|', at), cells[3].size());
      if (end > at) forms.push_back(cells[3].substr(at, end - at));
      at = end + 1;
    }
  }
  ASSERT_GT(forms.size(), 250u);
  auto upper = [](std::string s) {
    for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return s;
  };
  auto broken = [](std::string s) {
    for (size_t at; (at = s.find(' ')) != std::string::npos;) s.replace(at, 1, "\n\t");
    return s;
  };
  std::vector<std::string> texts = {"Drones for crowd counting",
                                    "We study 人脸识别 with UAVs.",
                                    "SQUAVE and GUAVA",
                                    "基于强化学习的无人机集群协同控制",
                                    "SAR目标识别方法",
                                    "as shown by Reid et al.",
                                    "\xE2\x84\xAAill chain analysis",
                                    "drone \xC3\x28"};
  for (const std::string& f : forms) {
    for (const std::string& t : {f, upper(f), broken(f), "On " + f + "s and " + f + ".", "x" + f + "x"}) {
      texts.push_back(t);
    }
  }
  auto key = [](const std::vector<VocabularyHit>& hits) {
    std::vector<std::string> out;
    for (const VocabularyHit& h : hits) {
      out.push_back(h.family + "/" + h.term + "/" + h.field + "/" + std::to_string(h.item) + "/" +
                    std::to_string(h.begin) + "-" + std::to_string(h.end) + "/" + h.text);
    }
    return out;
  };
  size_t found = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string& abstract = texts[(i + 1) % texts.size()];
    const std::vector<std::string> keywords = {texts[(i + 7) % texts.size()]};
    std::vector<VocabularyHit> whole = Shipped().Find(texts[i], abstract, keywords);
    found += whole.size();
    EXPECT_EQ(key(few->Find(texts[i], abstract, keywords)), key(whole)) << texts[i];
  }
  EXPECT_GT(found, forms.size()) << "every form finds itself";
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
                      BadVocabularyCase{"no_terms", "# only a comment\nfamily\tlang\tterm\n", "no terms"},
                      BadVocabularyCase{"invalid_utf8", "family\tlang\tterm\nf\ten\tdr\xC3\x28ne\n", "invalid UTF-8"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace entangle::risk
