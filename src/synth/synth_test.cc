// Tests of the synthetic corpus: options, layout, determinism, manifests, line validity, older copies,
// name tables. The independent recount against ground_truth.json is in synth_recount_test.cc.
#include <gtest/gtest.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <simdjson.h>

#include "support/synth_test_util.h"
#include "synth/plan_tables.h"
#include "synth/synth.h"
#include "synth/tables.h"

namespace entangle::synth {
namespace {

using synth_test::Generate;
using synth_test::Gunzip;
using synth_test::Lines;
using synth_test::ReadFile;
using synth_test::ReadTree;
using synth_test::TempDir;
namespace fs = std::filesystem;

SynthOptions Small(uint64_t works = 600) {
  SynthOptions o;
  o.works = works;
  o.seed = 7;
  o.partitions = 3;
  o.works_per_file = 150;
  o.malformed_rate = 0.02;
  o.duplicate_rate = 0.05;
  o.merged_rate = 0.01;
  o.threads = 2;
  return o;
}

TEST(SynthOptionsTest, RejectsBadOptions) {
  TempDir dir;
  auto expect_invalid = [&](SynthOptions o) {
    if (o.out_dir.empty() && o.works != 12345) o.out_dir = dir.path();
    auto r = WriteSyntheticSnapshot(o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << r.status().ToString();
  };
  SynthOptions o = Small();
  o.works = 0;
  expect_invalid(o);
  o = Small();
  o.partitions = 0;
  expect_invalid(o);
  o = Small();
  o.works_per_file = 0;
  expect_invalid(o);
  o = Small();
  o.malformed_rate = 1.5;
  expect_invalid(o);
  o = Small();
  o.duplicate_rate = -0.1;
  expect_invalid(o);
  o = Small();
  o.compression_level = 4;
  expect_invalid(o);
  o = Small();
  o.works = 12345;  // keeps out_dir empty
  expect_invalid(o);
}

TEST(SynthLayoutTest, WritesSnapshotLayoutAndSyntheticMarkers) {
  TempDir dir;
  SynthResult r = Generate(Small(), dir.path());
  EXPECT_EQ(r.works, 600u);
  std::set<std::string> partitions;
  for (const auto& e : fs::directory_iterator(dir / "data/works")) {
    if (e.is_directory()) partitions.insert(e.path().filename().string());
  }
  EXPECT_EQ(partitions.size(), 3u);
  for (const auto& p : partitions) EXPECT_EQ(p.rfind("updated_date=", 0), 0u) << p;
  EXPECT_TRUE(fs::exists(dir / "data/works/manifest"));
  EXPECT_TRUE(fs::exists(dir / "data/institutions/manifest"));
  EXPECT_TRUE(fs::exists(dir / "data/funders/manifest"));
  EXPECT_FALSE(fs::is_empty(dir / "data/merged_ids/works"));
  const std::string notice = ReadFile(dir / "SYNTHETIC.txt");
  EXPECT_NE(notice.find("SYNTHETIC"), std::string::npos);
  auto truth = nlohmann::json::parse(ReadFile(dir / "ground_truth.json"));
  EXPECT_EQ(truth["synthetic"], true);
  EXPECT_EQ(truth["seed"], 7);
  EXPECT_EQ(truth["records"].get<uint64_t>(), r.lines);

  // The result's file count and bytes are those on disk.
  uint64_t gz_files = 0, gz_bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "data")) {
    if (e.is_regular_file() && e.path().extension() == ".gz") {
      ++gz_files;
      gz_bytes += fs::file_size(e.path());
    }
  }
  EXPECT_EQ(r.files, gz_files);
  EXPECT_EQ(r.compressed_bytes, gz_bytes);
}

TEST(SynthDeterminismTest, SameSeedSameBytesWhateverTheThreads) {
  TempDir a, b, c, d;
  SynthOptions o = Small(900);
  o.threads = 1;
  Generate(o, a.path());
  o.threads = 3;
  Generate(o, b.path());
  o.threads = 2;
  Generate(o, c.path());
  const auto ta = ReadTree(a.path()), tb = ReadTree(b.path()), tc = ReadTree(c.path());
  ASSERT_GT(ta.size(), 8u);
  ASSERT_EQ(ta.size(), tb.size());
  for (const auto& [rel, bytes] : ta) {
    ASSERT_TRUE(tb.count(rel)) << rel;
    EXPECT_TRUE(bytes == tb.at(rel)) << rel << " differs between 1 and 3 threads";
    EXPECT_TRUE(bytes == tc.at(rel)) << rel << " differs between two runs";
  }
  o.seed = 8;
  Generate(o, d.path());
  const auto td = ReadTree(d.path());
  EXPECT_NE(ta.at("data/works/manifest"), td.at("data/works/manifest"));
  EXPECT_NE(ta.at("ground_truth.json"), td.at("ground_truth.json"));
}

TEST(SynthCompressionTest, LevelsChangeBytesNotContent) {
  TempDir d0, d1, d3;
  SynthOptions o = Small(300);
  o.compression_level = 0;
  SynthResult r0 = Generate(o, d0.path());
  o.compression_level = 1;
  SynthResult r1 = Generate(o, d1.path());
  o.compression_level = 3;
  SynthResult r3 = Generate(o, d3.path());
  EXPECT_GT(r0.compressed_bytes, r1.compressed_bytes);
  EXPECT_EQ(r0.uncompressed_bytes, r1.uncompressed_bytes);
  EXPECT_EQ(r3.uncompressed_bytes, r1.uncompressed_bytes);
  uint64_t inflated = 0;
  for (const auto& e : fs::recursive_directory_iterator(d1.path())) {
    if (e.path().extension() != ".gz") continue;
    const std::string rel = fs::relative(e.path(), d1.path()).string();
    const std::string text = Gunzip(e.path().string());
    inflated += text.size();
    EXPECT_TRUE(text == Gunzip(d0 / rel)) << rel;
    EXPECT_TRUE(text == Gunzip(d3 / rel)) << rel;
  }
  EXPECT_EQ(inflated, r1.uncompressed_bytes);
}

// Checks one entity's manifest against the files next to it.
void CheckManifest(const std::string& root, const std::string& entity) {
  SCOPED_TRACE(entity);
  const std::string dir = root + "/data/" + entity;
  auto m = nlohmann::json::parse(ReadFile(dir + "/manifest"));
  uint64_t bytes = 0, records = 0;
  std::set<std::string> listed;
  const std::string prefix = "s3://openalex/data/" + entity + "/";
  for (const auto& e : m["entries"]) {
    const std::string url = e["url"];
    ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
    const std::string rel = url.substr(prefix.size());
    listed.insert(rel);
    const std::string path = dir + "/" + rel;
    ASSERT_TRUE(fs::exists(path)) << path;
    EXPECT_EQ(fs::file_size(path), e["meta"]["content_length"].get<uint64_t>()) << rel;
    EXPECT_EQ(Lines(Gunzip(path)).size(), e["meta"]["record_count"].get<uint64_t>()) << rel;
    bytes += e["meta"]["content_length"].get<uint64_t>();
    records += e["meta"]["record_count"].get<uint64_t>();
  }
  EXPECT_EQ(m["meta"]["content_length"].get<uint64_t>(), bytes);
  EXPECT_EQ(m["meta"]["record_count"].get<uint64_t>(), records);
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".gz") {
      EXPECT_TRUE(listed.count(fs::relative(e.path(), dir).string())) << e.path() << " not in the manifest";
    }
  }
}

TEST(SynthManifestTest, ManifestsMatchFiles) {
  TempDir dir;
  SynthResult r = Generate(Small(), dir.path());
  CheckManifest(dir.path(), "works");
  CheckManifest(dir.path(), "institutions");
  CheckManifest(dir.path(), "funders");
  auto m = nlohmann::json::parse(ReadFile(dir / "data/works/manifest"));
  EXPECT_EQ(m["meta"]["record_count"].get<uint64_t>(), r.lines);
  EXPECT_EQ(m["entries"].size(), 4u);  // 600 works at 150 per file
}

// The reason docs/counting.md gives for skipping a line, or "" for a usable record.
std::string SkipReason(simdjson::dom::parser& parser, std::string_view line, simdjson::dom::element& out) {
  auto result = parser.parse(line.data(), line.size());
  if (result.error() == simdjson::UTF8_ERROR) return "invalid_utf8";
  if (result.error()) return "malformed_json";
  out = result.value_unsafe();
  if (!out.is_object()) return "not_an_object";
  if (out["id"].error()) return "missing_id";
  return "";
}

TEST(SynthLinesTest, EveryLineParsesOrIsCountedAsMalformed) {
  TempDir dir;
  SynthOptions o = Small(800);
  o.malformed_rate = 0.05;
  SynthResult r = Generate(o, dir.path());
  simdjson::dom::parser parser;
  std::map<std::string, uint64_t> skipped;
  uint64_t lines = 0, records = 0;
  std::set<std::string> styles;
  for (const auto& e : fs::recursive_directory_iterator(dir / "data/works")) {
    if (e.path().extension() != ".gz") continue;
    const std::string text = Gunzip(e.path().string());
    for (std::string_view line : Lines(text)) {
      ++lines;
      simdjson::dom::element doc;
      const std::string reason = SkipReason(parser, line, doc);
      if (!reason.empty()) {
        ++skipped[reason];
        continue;
      }
      ++records;
      // What the scanner reads from every record.
      std::string_view id;
      ASSERT_FALSE(doc["id"].get(id)) << line.substr(0, 200);
      EXPECT_EQ(id.rfind("https://openalex.org/W", 0), 0u);
      int64_t year = 0;
      EXPECT_FALSE(doc["publication_year"].get(year));
      std::string_view type;
      EXPECT_FALSE(doc["type"].get(type));
      simdjson::dom::array authorships;
      ASSERT_FALSE(doc["authorships"].get(authorships));
      for (auto a : authorships) {
        simdjson::dom::array institutions;
        EXPECT_FALSE(a["institutions"].get(institutions));
      }
      simdjson::dom::element ignored;
      EXPECT_FALSE(doc["title"].get(ignored));
      if (!doc["host_venue"].error()) styles.insert("2023");
      if (!doc["primary_topic"].error()) styles.insert("api2025");
      if (!doc["awards"].error()) styles.insert("walden");
    }
  }
  auto truth = nlohmann::json::parse(ReadFile(dir / "ground_truth.json"));
  EXPECT_EQ(lines, r.lines);
  EXPECT_EQ(truth["records"].get<uint64_t>(), lines);
  EXPECT_EQ(truth["works"].get<uint64_t>(), records);
  std::map<std::string, uint64_t> expected;
  for (auto& [k, v] : truth["skipped"].items()) expected[k] = v.get<uint64_t>();
  EXPECT_EQ(skipped, expected);
  EXPECT_EQ(skipped.size(), 4u) << "all four skip reasons should occur at this rate";
  EXPECT_EQ(styles.size(), 3u) << "all three record formats should occur";
}

TEST(SynthDuplicatesTest, OlderCopiesSitInOlderPartitionsAndDiffer) {
  TempDir dir;
  SynthOptions o = Small(800);
  o.duplicate_rate = 0.1;
  o.malformed_rate = 0;
  Generate(o, dir.path());
  simdjson::dom::parser parser;
  struct Copy {
    std::string partition, updated, record;
  };
  std::map<std::string, std::vector<Copy>> by_id;
  for (const auto& e : fs::recursive_directory_iterator(dir / "data/works")) {
    if (e.path().extension() != ".gz") continue;
    const std::string partition = e.path().parent_path().filename().string().substr(13);
    const std::string text = Gunzip(e.path().string());
    for (std::string_view line : Lines(text)) {
      simdjson::dom::element doc;
      ASSERT_FALSE(parser.parse(line.data(), line.size()).get(doc));
      std::string_view id, updated;
      ASSERT_FALSE(doc["id"].get(id));
      if (doc["updated_date"].get(updated)) updated = partition;
      by_id[std::string(id)].push_back({partition, std::string(updated), std::string(line)});
    }
  }
  int duplicated = 0;
  for (auto& [id, copies] : by_id) {
    if (copies.size() < 2) continue;
    ++duplicated;
    ASSERT_EQ(copies.size(), 2u) << id;
    std::sort(copies.begin(), copies.end(), [](const Copy& a, const Copy& b) { return a.updated < b.updated; });
    EXPECT_LT(copies[0].partition, copies[1].partition) << id;
    EXPECT_NE(copies[0].record, copies[1].record) << id;
  }
  EXPECT_GT(duplicated, 30);
}

bool JsonSafe(const char* s) {
  for (const char* c = s; *c; ++c) {
    if (*c == '"' || *c == '\\' || static_cast<unsigned char>(*c) < 0x20) return false;
  }
  return true;
}

TEST(SynthTablesTest, TablesAreJsonSafeAndConsistent) {
  using namespace synth;
  std::set<std::string> ids;
  int aspi = 0, aspi_with_zh = 0;
  for (const auto& d : Institutions()) {
    for (const char* s : {d.id, d.ror, d.name, d.country, d.type, d.parents, d.acronym, d.zh, d.alternatives,
                          d.aspi_category, d.aspi_name}) {
      EXPECT_TRUE(JsonSafe(s)) << d.name;
    }
    EXPECT_TRUE(ids.insert(d.id).second) << "duplicate id " << d.id;
    // Weight 0 only for the lab-name trap that the planted works alone use (lab_dual_plan.cc).
    if (std::string_view(d.id) != "I9100000195") {
      EXPECT_GT(d.weight, 0.0) << d.name;
    }
    if (d.aspi_name[0]) {
      ++aspi;
      aspi_with_zh += d.zh[0] != '\0';
    }
  }
  for (const auto& d : Institutions()) {
    std::string parents = d.parents;
    size_t start = 0;
    while (start < parents.size()) {
      size_t sp = parents.find(' ', start);
      if (sp == std::string::npos) sp = parents.size();
      EXPECT_TRUE(ids.count(parents.substr(start, sp - start))) << d.name << " lineage";
      start = sp + 1;
    }
  }
  EXPECT_EQ(aspi, 159);
  EXPECT_EQ(aspi_with_zh, 159);
  for (const char* name : {"Bundeswehr University Munich", "Information Engineering University",
                           "University of Huddersfield", "Xi'an University of Posts and Telecommunications",
                           "Technical University of Munich", "Huawei Technologies (Sweden)", "Nanjing University",
                           "Nanjing University of Aeronautics and Astronautics"}) {
    EXPECT_GE(FindInstitution(name), 0) << name;
  }
  for (const auto& f : Funders()) {
    for (const char* s : {f.id, f.ror, f.name, f.country, f.alternatives, f.award_pattern}) EXPECT_TRUE(JsonSafe(s));
  }
  for (const auto& t : Topics()) {
    for (const char* s : {t.id, t.name, t.subfield_id, t.subfield_name, t.field_id, t.field_name}) {
      EXPECT_TRUE(JsonSafe(s));
    }
  }
  for (const auto& c : Concepts()) EXPECT_TRUE(JsonSafe(c.name));
  for (const auto& s : Sources()) EXPECT_TRUE(JsonSafe(s.name));
  for (const auto& r : NameRegions()) {
    for (const char* n : r.given) EXPECT_TRUE(JsonSafe(n));
    for (const char* n : r.family) EXPECT_TRUE(JsonSafe(n));
  }
  const Vocabulary& v = Words();
  for (const auto* list : {&v.ai_methods, &v.ai_tasks, &v.other_methods, &v.other_tasks, &v.datasets,
                           &v.adjectives, &v.sentences, &v.title_templates, &v.departments, &v.keywords}) {
    for (const char* s : *list) EXPECT_TRUE(JsonSafe(s)) << s;
  }
  // The AI concepts of the default field definition come first.
  const char* ai[] = {"C154945302", "C119857082", "C31972630", "C108583219", "C204321447"};
  for (int i = 0; i < kAiConceptCount; ++i) EXPECT_STREQ(Concepts()[static_cast<size_t>(i)].id, ai[i]);
  // Every country a team can be drawn from has institutions.
  const PlanTables& t = GetPlanTables();
  for (CountryCode c : t.lead_countries) EXPECT_TRUE(t.institutions_by_country.count(c)) << CountryString(c);
  for (CountryCode c : t.europe_countries) EXPECT_TRUE(t.institutions_by_country.count(c)) << CountryString(c);
}

}  // namespace
}  // namespace entangle::synth
