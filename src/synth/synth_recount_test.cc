// An independent recount of small synthetic corpora: parse every line with simdjson, apply
// docs/counting.md (merged ids, duplicates by updated_date, scope, AI field, countries, whole and
// fractional totals), and compare with ground_truth.json. Also checks the planted dual-use terms against
// the real keyword list.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <simdjson.h>
#include <tuple>

#include "support/synth_test_util.h"
#include "synth/synth.h"
#include "synth/tables.h"

namespace entangle::synth {
namespace {

using synth_test::Generate;
using synth_test::Gunzip;
using synth_test::Lines;
using synth_test::ReadFile;
using synth_test::TempDir;
namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::set<std::string> kEurope = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
                                       "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
                                       "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "NO", "CH"};
const std::set<std::string> kChina = {"CN", "HK"};
const std::set<std::string> kTypes = {"article", "review", "preprint", "book-chapter", "letter",
                                      "journal-article", "proceedings-article", "posted-content"};
const std::set<std::string> kAiConcepts = {"C154945302", "C119857082", "C31972630", "C108583219", "C204321447"};

std::string Short(std::string_view id) { return std::string(id.substr(id.rfind('/') + 1)); }

struct Copy {
  std::tuple<std::string, std::string, std::string, uint64_t> key;  // updated_date, partition, path, line
  bool in_scope = false, field = false;
  int year = 0;
  std::vector<std::set<std::string>> author_countries;
  std::set<std::string> institutions;  // the authorships' institution ids (short)
  std::string text;  // title + "\n" + abstract
};

struct Recount {
  uint64_t records = 0, works = 0, in_scope = 0, field = 0, joint = 0, duplicates = 0, merged_away = 0;
  std::map<std::string, uint64_t> skipped, joint_by_year;
  std::map<std::string, std::map<std::string, std::pair<uint64_t, double>>> country;
  std::map<std::string, std::pair<uint64_t, double>> group_a, group_b;
  std::vector<std::string> joint_texts;
  std::vector<std::set<std::string>> joint_institutions;  // parallel to joint_texts
  std::vector<std::string> all_texts;  // every distinct work (winning copy)
};

std::set<std::string> AuthorCountries(simdjson::dom::element a) {
  std::set<std::string> out;
  auto add = [&](simdjson::dom::element v) {
    std::string_view s;
    if (v.get(s) || s.size() != 2 || !std::isalpha(static_cast<unsigned char>(s[0])) ||
        !std::isalpha(static_cast<unsigned char>(s[1]))) {
      return;
    }
    out.insert({static_cast<char>(std::toupper(s[0])), static_cast<char>(std::toupper(s[1]))});
  };
  simdjson::dom::array arr;
  if (!a["institutions"].get(arr)) {
    for (auto inst : arr) {
      simdjson::dom::element cc;
      if (!inst["country_code"].get(cc)) add(cc);
    }
  }
  if (!a["countries"].get(arr)) {
    for (auto cc : arr) add(cc);
  }
  return out;
}

std::string AbstractText(simdjson::dom::element doc) {
  simdjson::dom::object index;
  if (doc["abstract_inverted_index"].get(index)) return "";
  std::vector<std::string> words;
  for (auto [word, positions] : index) {
    for (auto p : positions.get_array()) {
      uint64_t pos = p.get_uint64();
      if (words.size() <= pos) words.resize(pos + 1);
      words[pos] = std::string(word);
    }
  }
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

Recount RecountCorpus(const std::string& root) {
  Recount rc;
  std::set<std::string> merged;
  if (fs::exists(root + "/data/merged_ids/works")) {
    for (const auto& e : fs::directory_iterator(root + "/data/merged_ids/works")) {
      const std::string text = Gunzip(e.path().string());  // Lines() views into it: keep it alive
      auto lines = Lines(text);
      for (size_t i = 1; i < lines.size(); ++i) {
        std::string_view l = lines[i];
        size_t a = l.find(','), b = l.find(',', a + 1);
        merged.insert(std::string(l.substr(a + 1, b - a - 1)));
      }
    }
  }
  simdjson::dom::parser parser;
  std::map<std::string, std::vector<Copy>> copies;
  for (const auto& e : fs::recursive_directory_iterator(root + "/data/works")) {
    if (e.path().extension() != ".gz") continue;
    const std::string path = e.path().string();
    const std::string partition = e.path().parent_path().filename().string().substr(13);
    const std::string text = Gunzip(path);
    uint64_t line_no = 0;
    for (std::string_view line : Lines(text)) {
      ++line_no;
      ++rc.records;
      simdjson::dom::element doc;
      auto err = parser.parse(line.data(), line.size()).get(doc);
      if (err == simdjson::UTF8_ERROR) {
        ++rc.skipped["invalid_utf8"];
        continue;
      }
      if (err) {
        ++rc.skipped["malformed_json"];
        continue;
      }
      if (!doc.is_object()) {
        ++rc.skipped["not_an_object"];
        continue;
      }
      std::string_view id;
      if (doc["id"].get(id)) {
        ++rc.skipped["missing_id"];
        continue;
      }
      ++rc.works;
      const std::string wid = Short(id);
      if (merged.count(wid)) {
        ++rc.merged_away;
        continue;
      }
      Copy c;
      std::string_view updated;
      if (doc["updated_date"].get(updated)) updated = partition;
      c.key = {std::string(updated), partition, path, line_no};
      int64_t year = 0;
      std::string_view lang, type;
      const bool has_year = !doc["publication_year"].get(year);
      c.year = static_cast<int>(year);
      c.in_scope = has_year && year >= 2017 && year <= 2022 && !doc["language"].get(lang) && lang == "en" &&
                   !doc["type"].get(type) && kTypes.count(std::string(type));
      if (c.in_scope) ++rc.in_scope;
      bool field = false;
      simdjson::dom::array arr;
      if (!doc["concepts"].get(arr)) {
        for (auto concept_entry : arr) {
          double score = 0;
          std::string_view cid;
          if (!concept_entry["id"].get(cid) && !concept_entry["score"].get(score) &&
              kAiConcepts.count(Short(cid)) && score >= 0.3) {
            field = true;
          }
        }
      }
      simdjson::dom::element primary;
      bool has_primary = !doc["primary_topic"].get(primary) && primary.is_object();
      if (!has_primary && !doc["topics"].get(arr) && arr.size() > 0) {
        primary = arr.at(0).value();
        has_primary = true;
      }
      if (has_primary) {
        std::string_view sub;
        if (!primary["subfield"]["id"].get(sub) && (Short(sub) == "1702" || Short(sub) == "1707")) field = true;
      }
      c.field = field && c.in_scope;
      if (!doc["authorships"].get(arr)) {
        for (auto a : arr) {
          c.author_countries.push_back(AuthorCountries(a));
          simdjson::dom::array institutions;
          if (a["institutions"].get(institutions)) continue;
          for (auto inst : institutions) {
            std::string_view iid;
            if (!inst["id"].get(iid)) c.institutions.insert(Short(iid));
          }
        }
      }
      std::string_view title;
      if (!doc["title"].get(title)) c.text = std::string(title);
      c.text += "\n" + AbstractText(doc);
      copies[wid].push_back(std::move(c));
    }
  }
  for (auto& [wid, list] : copies) {
    auto best = std::max_element(list.begin(), list.end(), [](const Copy& a, const Copy& b) { return a.key < b.key; });
    const Copy& w = *best;
    rc.all_texts.push_back(w.text);
    if (!w.field) continue;
    rc.duplicates += list.size() - 1;
    ++rc.field;
    const std::string y = std::to_string(w.year);
    std::set<std::string> all;
    double fa = 0, fb = 0;
    const double n = static_cast<double>(w.author_countries.size());
    bool any_unknown = false;
    for (const auto& s : w.author_countries) {
      if (s.empty()) {
        rc.country["??"][y].second += 1.0 / n;
        any_unknown = true;
        continue;
      }
      for (const auto& c : s) {
        const double share = 1.0 / (n * static_cast<double>(s.size()));
        rc.country[c][y].second += share;
        if (kEurope.count(c)) fa += share;
        if (kChina.count(c)) fb += share;
        all.insert(c);
      }
    }
    if (any_unknown) ++rc.country["??"][y].first;
    bool a = false, b = false;
    for (const auto& c : all) {
      ++rc.country[c][y].first;
      a = a || kEurope.count(c);
      b = b || kChina.count(c);
    }
    rc.group_a[y].first += a;
    rc.group_a[y].second += fa;
    rc.group_b[y].first += b;
    rc.group_b[y].second += fb;
    if (a && b) {
      ++rc.joint;
      ++rc.joint_by_year[y];
      rc.joint_texts.push_back(w.text);
      rc.joint_institutions.push_back(w.institutions);
    }
  }
  return rc;
}

void ExpectCells(const Json& truth, const std::map<std::string, std::pair<uint64_t, double>>& mine,
                 const std::string& what) {
  size_t cells = 0;
  for (const auto& [y, cell] : mine) {
    ASSERT_TRUE(truth.contains(y)) << what << " " << y;
    EXPECT_EQ(truth[y]["whole"].get<uint64_t>(), cell.first) << what << " " << y;
    EXPECT_NEAR(truth[y]["fractional"].get<double>(), cell.second, 1e-6) << what << " " << y;
    ++cells;
  }
  EXPECT_EQ(truth.size(), cells) << what;
}

void ExpectRecountMatches(const SynthOptions& o, bool expect_content = true) {
  TempDir dir;
  Generate(o, dir.path());
  const Recount rc = RecountCorpus(dir.path());
  const Json truth = Json::parse(ReadFile(dir / "ground_truth.json"));
  EXPECT_EQ(truth["records"].get<uint64_t>(), rc.records);
  EXPECT_EQ(truth["works"].get<uint64_t>(), rc.works);
  EXPECT_EQ(truth["in_scope"].get<uint64_t>(), rc.in_scope);
  EXPECT_EQ(truth["field_relevant"].get<uint64_t>(), rc.field);
  EXPECT_EQ(truth["joint"].get<uint64_t>(), rc.joint);
  EXPECT_EQ(truth["duplicates"].get<uint64_t>(), rc.duplicates);
  EXPECT_EQ(truth["merged_away"].get<uint64_t>(), rc.merged_away);
  std::map<std::string, uint64_t> skipped;
  for (auto& [k, v] : truth["skipped"].items()) skipped[k] = v.get<uint64_t>();
  EXPECT_EQ(skipped, rc.skipped);
  for (auto& [y, v] : truth["joint_by_year"].items()) {
    auto it = rc.joint_by_year.find(y);
    EXPECT_EQ(v.get<uint64_t>(), it == rc.joint_by_year.end() ? 0u : it->second) << y;
  }
  const Json& countries = truth["totals"]["country"];
  EXPECT_EQ(countries.size(), rc.country.size());
  for (const auto& [c, years] : rc.country) {
    ASSERT_TRUE(countries.contains(c)) << c;
    ExpectCells(countries[c], years, c);
  }
  ExpectCells(truth["totals"]["group"]["a"], rc.group_a, "group a");
  ExpectCells(truth["totals"]["group"]["b"], rc.group_b, "group b");
  if (!expect_content) return;
  // The corpus is not degenerate: there is something to count.
  EXPECT_GT(rc.joint, 10u);
  EXPECT_GT(rc.field, rc.joint);
}

SynthOptions RecountOptions() {
  SynthOptions o;
  o.works = 2000;
  o.seed = 11;
  o.partitions = 3;
  o.works_per_file = 500;
  o.malformed_rate = 0.01;
  o.duplicate_rate = 0.05;
  o.merged_rate = 0.01;
  o.threads = 2;
  return o;
}

TEST(SynthRecountTest, IndependentRecountMatchesGroundTruth) { ExpectRecountMatches(RecountOptions()); }

TEST(SynthRecountTest, IndependentRecountMatchesWithOnePartition) {
  SynthOptions o = RecountOptions();
  o.partitions = 1;
  o.seed = 12;
  o.duplicate_rate = 0.1;
  ExpectRecountMatches(o);
}

TEST(SynthRecountTest, TinyCorporaStayConsistent) {
  // Fewer works than partitions, every work duplicated, one merged and one malformed line per work.
  for (uint64_t works : {1, 2, 5}) {
    SCOPED_TRACE(works);
    SynthOptions o = RecountOptions();
    o.works = works;
    o.duplicate_rate = 1.0;
    o.merged_rate = 1.0;
    o.malformed_rate = 1.0;
    ExpectRecountMatches(o, /*expect_content=*/false);
  }
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whole-word (or whole-phrase) occurrence of `p` in `t`, both already lower-cased.
bool ContainsLower(const std::string& t, const std::string& p) {
  for (size_t at = t.find(p); at != std::string::npos; at = t.find(p, at + 1)) {
    const bool left = at == 0 || !IsWordChar(t[at - 1]);
    const bool right = at + p.size() == t.size() || !IsWordChar(t[at + p.size()]);
    if (left && right) return true;
  }
  return false;
}

// Case-insensitive whole-word (or whole-phrase) occurrence of `term` in `text`.
bool ContainsTerm(const std::string& text, const std::string& term) { return ContainsLower(Lower(text), Lower(term)); }

Json DualUseKeywords() {
  return Json::parse(ReadFile(std::string(ENTANGLE_SHARED_DIR) + "/data/reference/dual-use-ai-keywords.json"));
}

TEST(SynthDualUseTest, PlantedTermsBelongToOneFamilyOnly) {
  const Json keywords = DualUseKeywords();
  for (const auto& family : DualUseFamilies()) {
    ASSERT_TRUE(keywords["categories"].contains(family.key)) << family.key;
    for (const char* planted : family.planted_terms) {
      bool own = false;
      for (auto& [key, category] : keywords["categories"].items()) {
        for (const auto& term : category["en"]) {
          if (!ContainsTerm(planted, term.get<std::string>())) continue;
          if (key == family.key) own = true;
          else ADD_FAILURE() << "planted '" << planted << "' (" << family.key << ") contains '" << term << "' of " << key;
        }
      }
      EXPECT_TRUE(own) << "planted '" << planted << "' matches no term of its own family " << family.key;
    }
  }
}

// The corpus both dual-use tests recount (3,000 works), generated once.
struct RecountedCorpus {
  Recount rc;
  Json truth;
};
const RecountedCorpus& DualUseCorpus() {
  static const RecountedCorpus corpus = [] {
    TempDir dir;
    SynthOptions o = RecountOptions();
    o.works = 3000;
    Generate(o, dir.path());
    return RecountedCorpus{RecountCorpus(dir.path()), Json::parse(ReadFile(dir / "ground_truth.json"))};
  }();
  return corpus;
}

TEST(SynthDualUseTest, JointWorksCarryExactlyThePlantedFamilies) {
  const Recount& rc = DualUseCorpus().rc;
  const Json& truth = DualUseCorpus().truth;
  const Json keywords = DualUseKeywords();
  std::vector<std::string> joint_texts, all_texts;
  for (const auto& t : rc.joint_texts) joint_texts.push_back(Lower(t));
  for (const auto& t : rc.all_texts) all_texts.push_back(Lower(t));
  auto count_hits = [](const std::vector<std::string>& texts, const Json& terms) {
    std::vector<std::string> lower_terms;
    for (const auto& term : terms) lower_terms.push_back(Lower(term.get<std::string>()));
    uint64_t hits = 0;
    for (const std::string& text : texts) {
      bool hit = false;
      for (const auto& term : lower_terms) hit = hit || ContainsLower(text, term);
      hits += hit;
    }
    return hits;
  };
  const Json& families = truth["planted"]["dual_use_families"]["families"];
  uint64_t planted_joint = 0;
  for (auto& [key, category] : keywords["categories"].items()) {
    const bool planted = families.contains(key);
    const uint64_t joint = planted ? families[key]["joint_works"].get<uint64_t>() : 0;
    const uint64_t all = planted ? families[key]["all_works"].get<uint64_t>() : 0;
    EXPECT_EQ(count_hits(joint_texts, category["en"]), joint) << key << " (joint works)";
    EXPECT_EQ(count_hits(all_texts, category["en"]), all) << key << " (all works)";
    planted_joint += joint;
  }
  EXPECT_GT(planted_joint, 5u);

  // Per planted term: each work carries at most one term per family, so the terms' joint works are
  // disjoint and sum to the family's.
  for (const auto& family : DualUseFamilies()) {
    SCOPED_TRACE(family.key);
    const Json& by_term = families[family.key]["joint_works_by_term"];
    ASSERT_EQ(by_term.size(), family.planted_terms.size());
    uint64_t sum = 0, works_with_two = 0;
    for (const char* planted : family.planted_terms) {
      ASSERT_TRUE(by_term.contains(planted)) << planted;
      EXPECT_EQ(count_hits(joint_texts, Json::array({planted})), by_term[planted].get<uint64_t>()) << planted;
      sum += by_term[planted].get<uint64_t>();
    }
    for (const std::string& text : joint_texts) {
      int n = 0;
      for (const char* planted : family.planted_terms) n += ContainsLower(text, Lower(planted));
      works_with_two += n > 1;
    }
    EXPECT_EQ(sum, families[family.key]["joint_works"].get<uint64_t>());
    EXPECT_EQ(works_with_two, 0u);
  }
}

// The registry entities a record's institution ids reach through the institution table's lineage: ASPI
// entries by aspi_name, curated rows by registry key (as curated_table.cc names their institutions).
struct EntityIndex {
  std::map<std::string, std::set<std::string>> aspi, curated;  // institution id -> entities

  EntityIndex() {
    std::map<std::string, std::set<std::string>> curated_by_id;  // institution id -> keys naming it
    for (const auto& row : CuratedEntries()) {
      for (const std::string& id : Words(row.institution_ids)) curated_by_id[id].insert(row.registry_key);
    }
    for (const auto& inst : Institutions()) {
      std::set<std::string> lineage = Words(inst.parents);
      lineage.insert(inst.id);
      for (const auto& other : Institutions()) {
        if (lineage.count(other.id) && other.aspi_name[0] != '\0') aspi[inst.id].insert(other.aspi_name);
      }
      for (const std::string& id : lineage) {
        if (curated_by_id.count(id)) curated[inst.id].insert(curated_by_id[id].begin(), curated_by_id[id].end());
      }
    }
  }
  static std::set<std::string> Words(std::string_view list) {
    std::set<std::string> out;
    while (!list.empty()) {
      size_t sp = list.find(' ');
      out.insert(std::string(list.substr(0, sp)));
      list = sp == std::string_view::npos ? std::string_view() : list.substr(sp + 1);
    }
    return out;
  }
};

// (entity, planted term set as "family/term" in family order) -> joint works.
using TermSetCounts = std::map<std::pair<std::string, std::vector<std::string>>, uint64_t>;

// The planted terms a (lower-cased) text carries, as "family/term" in family order.
std::vector<std::string> PlantedTermSet(const std::string& text) {
  std::vector<std::string> set;
  for (const auto& family : DualUseFamilies()) {
    for (const char* planted : family.planted_terms) {
      if (ContainsLower(text, Lower(planted))) set.push_back(std::string(family.key) + "/" + planted);
    }
  }
  return set;
}

// A ground-truth joint_works_by_entity_term_set array as counts; checks it is sorted and unique as
// documented (by entity, then by term set in family order, which the family indexes give).
TermSetCounts TruthTermSets(const Json& array, const std::string& entity_key) {
  TermSetCounts out;
  std::string previous_entity;
  for (const auto& e : array) {
    std::vector<std::string> set;
    for (const auto& t : e["terms"]) set.push_back(t["family"].get<std::string>() + "/" + t["term"].get<std::string>());
    const std::string entity = e[entity_key];
    EXPECT_LE(previous_entity, entity) << e.dump() << ": not sorted by " << entity_key;
    previous_entity = entity;
    EXPECT_GT(e["joint_works"].get<uint64_t>(), 0u) << e.dump();
    EXPECT_TRUE(out.emplace(std::make_pair(entity, set), e["joint_works"].get<uint64_t>()).second)
        << e.dump() << ": listed twice";
  }
  return out;
}

// Per entity, the sum over its term sets.
std::map<std::string, uint64_t> EntityTotals(const TermSetCounts& counts) {
  std::map<std::string, uint64_t> out;
  for (const auto& [key, n] : counts) out[key.first] += n;
  return out;
}

// The flagged list's truth, recounted from the records: per (ASPI entry or curated row, the work's set of
// planted terms), the joint works whose institutions reach the entity through the table's lineage. It
// must equal joint_works_by_entity_term_set of both blocks, and each entity's sets sum to its joint_works.
TEST(SynthDualUseTest, EntityTermSetsEqualARecountOfTheRecords) {
  const Recount& rc = DualUseCorpus().rc;
  const Json& truth = DualUseCorpus().truth;
  const EntityIndex index;
  TermSetCounts aspi, curated;
  for (size_t w = 0; w < rc.joint_texts.size(); ++w) {
    const std::vector<std::string> set = PlantedTermSet(Lower(rc.joint_texts[w]));
    std::set<std::string> aspi_entities, curated_entities;
    for (const std::string& id : rc.joint_institutions[w]) {
      if (index.aspi.count(id)) aspi_entities.insert(index.aspi.at(id).begin(), index.aspi.at(id).end());
      if (index.curated.count(id)) curated_entities.insert(index.curated.at(id).begin(), index.curated.at(id).end());
    }
    for (const std::string& entity : aspi_entities) ++aspi[{entity, set}];
    for (const std::string& entity : curated_entities) ++curated[{entity, set}];
  }
  const Json& aspi_truth = truth["planted"]["aspi_partners"];
  const Json& curated_truth = truth["planted"]["curated_partners"];
  EXPECT_EQ(TruthTermSets(aspi_truth["joint_works_by_entity_term_set"], "aspi_name"), aspi);
  EXPECT_EQ(TruthTermSets(curated_truth["joint_works_by_entity_term_set"], "registry_key"), curated);

  std::map<std::string, uint64_t> aspi_entries, curated_entries;
  for (const auto& e : aspi_truth["entries"]) aspi_entries[e["aspi_name"]] = e["joint_works"].get<uint64_t>();
  for (const auto& e : curated_truth["entries"]) {
    if (e["joint_works"].get<uint64_t>() > 0) curated_entries[e["registry_key"]] = e["joint_works"].get<uint64_t>();
  }
  EXPECT_EQ(EntityTotals(aspi), aspi_entries);
  EXPECT_EQ(EntityTotals(curated), curated_entries);
  EXPECT_EQ(curated_truth["entries"].size(), CuratedEntries().size()) << "every curated row is listed";

  // Not vacuous: entities with planted terms, and with none, on both sides.
  auto with_terms = [](const TermSetCounts& counts) {
    std::set<std::string> out;
    for (const auto& [key, n] : counts) {
      if (!key.second.empty()) out.insert(key.first);
    }
    return out;
  };
  RecordProperty("aspi_entity_term_sets", static_cast<int>(aspi.size()));
  RecordProperty("curated_entity_term_sets", static_cast<int>(curated.size()));
  EXPECT_GE(with_terms(aspi).size(), 3u);
  EXPECT_GE(with_terms(curated).size(), 2u);
  EXPECT_GE(curated_entries.size(), 5u);
}

TEST(SynthCaseStudyTest, StudyCasesArePlantedAsJointWorks) {
  TempDir dir;
  SynthOptions o = RecountOptions();
  o.works = 300;
  Generate(o, dir.path());
  const Json truth = Json::parse(ReadFile(dir / "ground_truth.json"));
  const Json& cases = truth["planted"]["cases"];
  ASSERT_EQ(cases.size(), 2u);
  std::map<std::string, std::string> records;  // id -> line
  for (const auto& e : fs::recursive_directory_iterator(dir / "data/works")) {
    if (e.path().extension() != ".gz") continue;
    const std::string text = Gunzip(e.path().string());  // Lines() views into it: keep it alive
    for (std::string_view line : Lines(text)) {
      for (const auto& c : cases) {
        const std::string needle = "\"https://openalex.org/" + c["work_id"].get<std::string>() + "\"";
        if (line.find(needle) != std::string_view::npos) records[c["work_id"]] = std::string(line);
      }
    }
  }
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(cases[0]["joint"].get<bool>());
  EXPECT_TRUE(cases[1]["joint"].get<bool>());
  const std::string& first = records[cases[0]["work_id"]];
  EXPECT_NE(first.find("Bundeswehr University Munich"), std::string::npos);
  EXPECT_NE(first.find("PLA Information Engineering University"), std::string::npos);
  EXPECT_NE(first.find("remote sensing image"), std::string::npos);
  const std::string& second = records[cases[1]["work_id"]];
  EXPECT_NE(second.find("University of Huddersfield"), std::string::npos);
  EXPECT_NE(second.find("Posts and Telecommunications"), std::string::npos);
  EXPECT_NE(second.find("video surveillance"), std::string::npos);
}

}  // namespace
}  // namespace entangle::synth
