// The Parquet reader against files DuckDB writes from real OpenAlex works (tests/parquet/
// write-fixtures.mjs): every codec, page version and dictionary choice gives the values of the
// JSON records; bad files give located errors and never a crash.
#include "parquet/parquet_file.h"

#include <gtest/gtest.h>
#include <libdeflate.h>
#include <snappy-c.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "parquet/codecs.h"
#include "parquet/encodings.h"
#include "parquet/metadata.h"
#include "parquet/thrift_compact.h"
#include "support/temp_dir.h"

namespace entangle::parquet {
namespace {

using Json = nlohmann::json;
using entangle::testing::ReadFileText;
using entangle::testing::TempDir;

const char* const kVariants[] = {
    "snappy-v1",
    "zstd-v2",
    "gzip-v1",
    "uncompressed-v2",
    "snappy-v2-nodict",
    "zstd-v1-nodict",
    "uncompressed-v1-nodict",
    "gzip-v2-onegroup",
    "snappy-v1-onegroup",
};

std::string ScriptPath() { return std::string(ENTANGLE_SOURCE_DIR) + "/tests/parquet/write-fixtures.mjs"; }
std::string InputPath() { return std::string(ENTANGLE_SHARED_DIR) + "/data/openalex/works-real.jsonl.gz"; }

// Runs a shell command; its exit code, stdout and stderr in *output.
int Run(const std::string& command, std::string* output) {
  output->clear();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output->append(buffer, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

uint64_t Fnv1a(uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

struct FixtureSet {
  std::string dir;
  std::string error;  // why there are no fixtures
  Json manifest;
};

// Writes the fixtures with the node script, once per machine and script version: test processes
// (ctest runs each test in its own) share them through a folder under the system temp dir whose
// name hashes the script, its lock file and the input. Node and the module are checked every time.
std::string GenerateFixtures(FixtureSet* set) {
  const std::string setup_hint =
      "; run scripts/setup.sh (it installs the DuckDB fixture writer: npm ci --prefix tests/parquet)";
  std::string output;
  if (Run("node " + Quote(ScriptPath()) + " --check", &output) != 0) {
    return "cannot run the Parquet fixture writer (node with @duckdb/node-api): " + output + setup_hint;
  }
  struct stat st;
  if (stat(InputPath().c_str(), &st) != 0) return "missing input " + InputPath();
  uint64_t key = 14695981039346656037ull;
  key = Fnv1a(key, ReadFileText(ScriptPath()));
  key = Fnv1a(key, ReadFileText(std::string(ENTANGLE_SOURCE_DIR) + "/tests/parquet/package-lock.json"));
  key = Fnv1a(key, std::to_string(st.st_size) + "/" + std::to_string(st.st_mtime) + "/" + output);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(key));
  std::filesystem::path cache =
      std::filesystem::temp_directory_path() / ("entangle-parquet-fixtures-" + std::to_string(getuid()) + "-" + hex);
  if (!std::filesystem::exists(cache / "fixtures.json")) {
    TempDir partial;
    if (Run("node " + Quote(ScriptPath()) + " " + Quote(InputPath()) + " " + Quote(partial.path().string()), &output) !=
        0) {
      return "the Parquet fixture writer failed: " + output + setup_hint;
    }
    std::error_code ec;
    std::filesystem::rename(partial.path(), cache, ec);  // another process may have won: then use its copy
    if (!std::filesystem::exists(cache / "fixtures.json")) {
      return "cannot move the fixtures to " + cache.string() + ": " + ec.message();
    }
  }
  set->dir = cache.string();
  set->manifest = Json::parse(ReadFileText(cache / "fixtures.json"), nullptr, false);
  if (set->manifest.is_discarded()) return "unreadable " + (cache / "fixtures.json").string();
  return "";
}

const FixtureSet& Fixtures() {
  static const FixtureSet* set = [] {
    auto* s = new FixtureSet();
    s->error = GenerateFixtures(s);
    return s;
  }();
  return *set;
}

std::string FixturePath(const std::string& variant) { return Fixtures().dir + "/" + variant + ".parquet"; }

// The input records, parsed (the gzip members decompressed with libdeflate).
const std::vector<Json>& Records() {
  static const std::vector<Json>* records = [] {
    auto* out = new std::vector<Json>();
    std::string gz = ReadFileText(InputPath());
    std::string text;
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    size_t pos = 0;
    while (pos < gz.size()) {
      std::string member(std::max<size_t>(gz.size() * 8, 1 << 20), '\0');
      size_t in = 0, produced = 0;
      libdeflate_result r;
      while ((r = libdeflate_gzip_decompress_ex(d, gz.data() + pos, gz.size() - pos, member.data(), member.size(), &in,
                                                &produced)) == LIBDEFLATE_INSUFFICIENT_SPACE) {
        member.resize(member.size() * 2);
      }
      if (r != LIBDEFLATE_SUCCESS) break;
      text.append(member.data(), produced);
      pos += in;
    }
    libdeflate_free_decompressor(d);
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      if (nl > start) out->push_back(Json::parse(text.substr(start, nl - start)));
      start = nl + 1;
    }
    return out;
  }();
  return *records;
}

class ParquetFixtureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { (void)Fixtures(); }
  void SetUp() override {
    ASSERT_TRUE(Fixtures().error.empty()) << Fixtures().error;
    ASSERT_GT(Records().size(), 1000u) << "cannot read " << InputPath();
  }
};

class ParquetVariantTest : public ParquetFixtureTest, public ::testing::WithParamInterface<const char*> {};

// ---- Reconstructing a column as JSON, and the same path from the JSON records ----

enum class Kind { kString, kInt, kDouble, kBool, kDate, kDecimal6 };

int64_t DaysFromCivil(int y, unsigned m, unsigned d) {  // days since 1970-01-01
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

Json Value(const ColumnData& data, int32_t index, Kind kind) {
  if (index < 0) return nullptr;
  auto i = static_cast<size_t>(index);
  switch (data.type()) {
    case PhysicalType::kBoolean: return data.bool_values()[i] != 0;
    case PhysicalType::kInt32: return data.int32_values()[i];
    case PhysicalType::kInt64: return data.int64_values()[i];
    case PhysicalType::kFloat: return data.float_values()[i];
    case PhysicalType::kDouble: return data.double_values()[i];
    default: {
      std::string_view bytes = data.binary_values()[i];
      if (kind == Kind::kDecimal6) {                                            // big-endian two's complement
        uint64_t v = (!bytes.empty() && (bytes[0] & 0x80)) ? ~uint64_t{0} : 0;  // fits in 64 bits here
        for (char c : bytes) v = (v << 8) | static_cast<unsigned char>(c);
        return static_cast<int64_t>(v);
      }
      return std::string(bytes);
    }
  }
}

Json Assemble(const Nesting& nesting, const ColumnData& data, Kind kind, size_t level, size_t parent) {
  if (level == nesting.levels.size()) return Value(data, nesting.value_index[parent], kind);
  const ListLevel& list = nesting.levels[level];
  if (!list.present[parent]) return nullptr;
  Json items = Json::array();
  for (uint32_t i = list.offsets[parent]; i < list.offsets[parent + 1]; ++i) {
    items.push_back(Assemble(nesting, data, kind, level + 1, i));
  }
  return items;
}

// Every row of one column of a file, as JSON; fails the test on a read error.
std::vector<Json> ReadRows(const ParquetFile& file, const std::string& path, PhysicalType type, Kind kind) {
  std::vector<Json> rows;
  ColumnData data;
  Nesting nesting;
  for (int g = 0; g < file.num_row_groups(); ++g) {
    Status st = file.ReadColumn(g, path, type, &data);
    EXPECT_TRUE(st.ok()) << st.ToString();
    if (!st.ok()) return rows;
    st = Nesting::Build(file.schema(), data, &nesting);
    EXPECT_TRUE(st.ok()) << st.ToString();
    if (!st.ok()) return rows;
    for (int64_t r = 0; r < nesting.num_rows; ++r)
      rows.push_back(Assemble(nesting, data, kind, 0, static_cast<size_t>(r)));
  }
  return rows;
}

// The value at `path` ("[]" for every element of a list) in a record, converted like the column.
Json Extract(const Json& v, const std::vector<std::string>& path, size_t i, Kind kind) {
  if (v.is_null()) return nullptr;
  if (i == path.size()) {
    if (kind == Kind::kDate && v.is_string()) {
      const std::string s = v.get<std::string>();
      return DaysFromCivil(std::stoi(s.substr(0, 4)), static_cast<unsigned>(std::stoi(s.substr(5, 2))),
                           static_cast<unsigned>(std::stoi(s.substr(8, 2))));
    }
    if (kind == Kind::kDecimal6) return static_cast<int64_t>(std::llround(v.get<double>() * 1e6));
    return v;
  }
  if (path[i] == "[]") {
    if (!v.is_array()) return nullptr;
    Json items = Json::array();
    for (const Json& e : v) items.push_back(Extract(e, path, i + 1, kind));
    return items;
  }
  if (!v.is_object() || !v.contains(path[i])) return nullptr;
  return Extract(v[path[i]], path, i + 1, kind);
}

bool Near(const Json& a, const Json& b, Kind kind) {
  if (kind != Kind::kDecimal6) return a == b;
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!Near(a[i], b[i], kind)) return false;
    }
    return true;
  }
  if (a.is_number_integer() && b.is_number_integer()) return std::llabs(a.get<int64_t>() - b.get<int64_t>()) <= 1;
  return a == b;
}

struct LeafCase {
  const char* column;
  std::vector<std::string> json_path;
  PhysicalType type;
  Kind kind;
};

const std::vector<LeafCase>& LeafCases() {
  static const std::vector<LeafCase> cases = {
      {"id", {"id"}, PhysicalType::kByteArray, Kind::kString},
      {"title", {"title"}, PhysicalType::kByteArray, Kind::kString},
      {"publication_year", {"publication_year"}, PhysicalType::kInt64, Kind::kInt},
      {"publication_date", {"publication_date"}, PhysicalType::kInt32, Kind::kDate},
      {"language", {"language"}, PhysicalType::kByteArray, Kind::kString},
      {"type", {"type"}, PhysicalType::kByteArray, Kind::kString},
      {"cited_by_count", {"cited_by_count"}, PhysicalType::kInt64, Kind::kInt},
      {"fwci", {"fwci"}, PhysicalType::kDouble, Kind::kDouble},
      {"fwci_decimal", {"fwci"}, PhysicalType::kFixedLenByteArray, Kind::kDecimal6},
      {"is_retracted", {"is_retracted"}, PhysicalType::kBoolean, Kind::kBool},
      {"authorships.list.element.institutions.list.element.country_code",
       {"authorships", "[]", "institutions", "[]", "country_code"},
       PhysicalType::kByteArray,
       Kind::kString},
      {"authorships.list.element.institutions.list.element.id",
       {"authorships", "[]", "institutions", "[]", "id"},
       PhysicalType::kByteArray,
       Kind::kString},
      {"authorships.list.element.author.id",
       {"authorships", "[]", "author", "id"},
       PhysicalType::kByteArray,
       Kind::kString},
      {"authorships.list.element.countries.list.element",
       {"authorships", "[]", "countries", "[]"},
       PhysicalType::kByteArray,
       Kind::kString},
      {"topics.list.element.subfield.id", {"topics", "[]", "subfield", "id"}, PhysicalType::kByteArray, Kind::kString},
      {"topics.list.element.field.id", {"topics", "[]", "field", "id"}, PhysicalType::kByteArray, Kind::kString},
      {"topics.list.element.domain.id", {"topics", "[]", "domain", "id"}, PhysicalType::kByteArray, Kind::kString},
      {"topics.list.element.score", {"topics", "[]", "score"}, PhysicalType::kDouble, Kind::kDouble},
      {"primary_topic.subfield.id", {"primary_topic", "subfield", "id"}, PhysicalType::kByteArray, Kind::kString},
      {"concepts.list.element.id", {"concepts", "[]", "id"}, PhysicalType::kByteArray, Kind::kString},
      {"concepts.list.element.score", {"concepts", "[]", "score"}, PhysicalType::kDouble, Kind::kDouble},
      {"concepts.list.element.level", {"concepts", "[]", "level"}, PhysicalType::kInt64, Kind::kInt},
      {"referenced_works.list.element", {"referenced_works", "[]"}, PhysicalType::kByteArray, Kind::kString},
      {"counts_by_year.list.element.year", {"counts_by_year", "[]", "year"}, PhysicalType::kInt64, Kind::kInt},
  };
  return cases;
}

std::unique_ptr<ParquetFile> OpenOrFail(const std::string& path) {
  auto file = ParquetFile::Open(path);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.ok() ? std::move(file).value() : nullptr;
}

TEST_F(ParquetFixtureTest, ManifestListsTheVariantsTheTestsRead) {
  std::set<std::string> listed;
  for (const Json& v : Fixtures().manifest["variants"]) listed.insert(v["name"].get<std::string>());
  EXPECT_EQ(listed, std::set<std::string>(std::begin(kVariants), std::end(kVariants)));
  EXPECT_EQ(Fixtures().manifest["rows"].get<size_t>(), Records().size());
}

TEST_P(ParquetVariantTest, SchemaIsReadFromTheFile) {
  auto file = OpenOrFail(FixturePath(GetParam()));
  ASSERT_NE(file, nullptr);
  const Schema& schema = file->schema();
  EXPECT_EQ(file->num_rows(), static_cast<int64_t>(Records().size()));
  EXPECT_NE(file->created_by().find("DuckDB"), std::string::npos) << file->created_by();

  int id = schema.FindColumn("id");
  ASSERT_GE(id, 0) << schema.ToString();
  EXPECT_EQ(schema.column(id).type, PhysicalType::kByteArray);
  EXPECT_EQ(schema.column(id).logical.kind, LogicalKind::kString);
  EXPECT_EQ(schema.column(id).max_def, 1);
  EXPECT_EQ(schema.column(id).max_rep, 0);

  int cc = schema.FindColumn("authorships.list.element.institutions.list.element.country_code");
  ASSERT_GE(cc, 0) << schema.ToString();
  const SchemaNode& leaf = schema.column(cc);
  EXPECT_EQ(leaf.max_rep, 2);
  EXPECT_EQ(leaf.max_def, 7);  // authorships, list, element, institutions, list, element, country_code
  EXPECT_EQ(schema.repeated_def_levels(cc), (std::vector<int16_t>{2, 5}));
  int authorships = schema.FindNode("authorships");
  ASSERT_GT(authorships, 0);
  EXPECT_EQ(schema.node(authorships).logical.kind, LogicalKind::kList);
  EXPECT_FALSE(schema.node(authorships).is_leaf);

  int date = schema.FindColumn("publication_date");
  ASSERT_GE(date, 0);
  EXPECT_EQ(schema.column(date).logical.kind, LogicalKind::kDate);
  int decimal = schema.FindColumn("fwci_decimal");
  ASSERT_GE(decimal, 0);
  EXPECT_EQ(schema.column(decimal).logical.kind, LogicalKind::kDecimal);
  EXPECT_EQ(schema.column(decimal).logical.scale, 6);
  EXPECT_EQ(schema.column(decimal).logical.precision, 38);
  int abstract = schema.FindNode("abstract_inverted_index");
  ASSERT_GT(abstract, 0);
  EXPECT_EQ(schema.node(abstract).logical.kind, LogicalKind::kMap);
  EXPECT_GE(schema.FindColumn("abstract_inverted_index.key_value.key"), 0) << schema.ToString();
  EXPECT_EQ(schema.FindColumn("authorships.list.element"), -1);  // a group, not a leaf
}

TEST_P(ParquetVariantTest, ColumnsMatchTheJsonRecords) {
  auto file = OpenOrFail(FixturePath(GetParam()));
  ASSERT_NE(file, nullptr);
  const std::vector<Json>& records = Records();
  for (const LeafCase& c : LeafCases()) {
    SCOPED_TRACE(c.column);
    std::vector<Json> rows = ReadRows(*file, c.column, c.type, c.kind);
    ASSERT_EQ(rows.size(), records.size());
    int mismatches = 0;
    for (size_t r = 0; r < rows.size() && mismatches < 5; ++r) {
      Json expected = Extract(records[r], c.json_path, 0, c.kind);
      if (!Near(rows[r], expected, c.kind)) {
        ++mismatches;
        ADD_FAILURE() << "row " << r << " (" << records[r]["id"] << "): parquet " << rows[r].dump().substr(0, 300)
                      << "\n  json " << expected.dump().substr(0, 300);
      }
    }
  }
}

TEST_P(ParquetVariantTest, NullAndEmptyListsDiffer) {
  auto file = OpenOrFail(FixturePath(GetParam()));
  ASSERT_NE(file, nullptr);
  std::vector<Json> topics = ReadRows(*file, "topics.list.element.score", PhysicalType::kDouble, Kind::kDouble);
  std::vector<Json> institutions =
      ReadRows(*file, "authorships.list.element.institutions.list.element.id", PhysicalType::kByteArray, Kind::kString);
  size_t null_topics = 0, empty_topics = 0, empty_institutions = 0;
  for (size_t r = 0; r < topics.size(); ++r) {
    const Json& json = Records()[r];
    bool json_null = !json.contains("topics") || json["topics"].is_null();
    EXPECT_EQ(topics[r].is_null(), json_null) << r;
    null_topics += topics[r].is_null();
    empty_topics += topics[r].is_array() && topics[r].empty();
  }
  for (const Json& row : institutions) {
    for (const Json& author : row) empty_institutions += author.is_array() && author.empty();
  }
  // The real records have both, so the comparison above covers both.
  EXPECT_GT(null_topics, 100u);
  EXPECT_GT(empty_topics, 10u);
  EXPECT_GT(empty_institutions, 100u);
}

TEST_P(ParquetVariantTest, EveryColumnOfEveryRowGroupDecodes) {
  const std::string variant = GetParam();
  auto file = OpenOrFail(FixturePath(variant));
  ASSERT_NE(file, nullptr);
  ColumnData data;
  Nesting nesting;
  std::set<std::string> encodings;
  int dictionary_pages = 0, v2_pages = 0, pages = 0;
  for (int g = 0; g < file->num_row_groups(); ++g) {
    for (int c = 0; c < file->schema().num_columns(); ++c) {
      Status st = file->ReadColumn(g, c, &data);
      ASSERT_TRUE(st.ok()) << st.ToString();
      st = Nesting::Build(file->schema(), data, &nesting);
      ASSERT_TRUE(st.ok()) << st.ToString();
      EXPECT_EQ(nesting.num_rows, file->row_group(g).num_rows);
      for (int8_t e : data.page_encodings()) encodings.insert(EncodingName(e));
      dictionary_pages += data.dictionary_pages();
      v2_pages += data.data_pages_v2();
      pages += data.data_pages();
    }
  }
  const bool v2 = variant.find("-v2") != std::string::npos;
  const bool dictionary = variant.find("nodict") == std::string::npos;
  EXPECT_EQ(v2_pages, 0);  // DuckDB writes data pages v1 only, also for V2 files (see DataPageV2Test)
  EXPECT_EQ(dictionary_pages > 0, dictionary);
  if (variant.find("onegroup") != std::string::npos) {
    EXPECT_EQ(file->num_row_groups(), 1);
  } else {
    EXPECT_GT(file->num_row_groups(), 30);
  }
  if (v2) {
    EXPECT_TRUE(encodings.count("DELTA_BINARY_PACKED")) << ::testing::PrintToString(encodings);
    EXPECT_TRUE(encodings.count("DELTA_LENGTH_BYTE_ARRAY")) << ::testing::PrintToString(encodings);
    EXPECT_TRUE(encodings.count("BYTE_STREAM_SPLIT")) << ::testing::PrintToString(encodings);
  }
  if (dictionary) {
    EXPECT_TRUE(encodings.count(v2 ? "RLE_DICTIONARY" : "PLAIN_DICTIONARY"));
  }
  std::printf("%s: %d row groups, %d data pages, %d dictionary pages, encodings %s\n", variant.c_str(),
              file->num_row_groups(), pages, dictionary_pages, ::testing::PrintToString(encodings).c_str());
}

INSTANTIATE_TEST_SUITE_P(Variants, ParquetVariantTest, ::testing::ValuesIn(kVariants),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

// The nested helper answers "row r has authors [a0,a1); author a has institutions [i0,i1)".
TEST_F(ParquetFixtureTest, NestingGivesAuthorsAndTheirInstitutionsPerRow) {
  auto file = OpenOrFail(FixturePath("snappy-v1"));
  ASSERT_NE(file, nullptr);
  ColumnData ids, countries;
  Nesting by_id, by_country;
  size_t row = 0;
  for (int g = 0; g < file->num_row_groups(); ++g) {
    ASSERT_TRUE(
        file->ReadColumn(g, "authorships.list.element.institutions.list.element.id", PhysicalType::kByteArray, &ids)
            .ok());
    ASSERT_TRUE(file->ReadColumn(g, "authorships.list.element.institutions.list.element.country_code",
                                 PhysicalType::kByteArray, &countries)
                    .ok());
    ASSERT_TRUE(Nesting::Build(file->schema(), ids, &by_id).ok());
    ASSERT_TRUE(Nesting::Build(file->schema(), countries, &by_country).ok());
    // Two leaves under the same lists share their offsets.
    ASSERT_EQ(by_id.levels.size(), 2u);
    EXPECT_EQ(by_id.levels[0].offsets, by_country.levels[0].offsets);
    EXPECT_EQ(by_id.levels[1].offsets, by_country.levels[1].offsets);
    const ListLevel& authors = by_id.levels[0];
    const ListLevel& institutions = by_id.levels[1];
    for (int64_t r = 0; r < by_id.num_rows; ++r, ++row) {
      const Json& record = Records()[row];
      ASSERT_EQ(authors.offsets[r + 1] - authors.offsets[r], record["authorships"].size());
      for (uint32_t a = authors.offsets[r]; a < authors.offsets[r + 1]; ++a) {
        const Json& authorship = record["authorships"][a - authors.offsets[r]];
        ASSERT_EQ(institutions.offsets[a + 1] - institutions.offsets[a], authorship["institutions"].size());
        for (uint32_t i = institutions.offsets[a]; i < institutions.offsets[a + 1]; ++i) {
          const Json& institution = authorship["institutions"][i - institutions.offsets[a]];
          int32_t v = by_country.value_index[i];
          if (!institution.contains("country_code") || institution["country_code"].is_null()) {
            EXPECT_EQ(v, -1);
          } else {
            ASSERT_GE(v, 0);
            EXPECT_EQ(countries.binary_values()[static_cast<size_t>(v)],
                      institution["country_code"].get<std::string>());
          }
        }
      }
    }
  }
  EXPECT_EQ(row, Records().size());
}

// Strings are views into the mapped file or the column's own buffers; reusing one ColumnData for
// another row group replaces them without allocating per value.
TEST_F(ParquetFixtureTest, ColumnDataIsReusedAcrossRowGroups) {
  auto file = OpenOrFail(FixturePath("zstd-v2"));
  ASSERT_NE(file, nullptr);
  ColumnData data;
  size_t total = 0;
  for (int g = 0; g < file->num_row_groups(); ++g) {
    ASSERT_TRUE(file->ReadColumn(g, "title", PhysicalType::kByteArray, &data).ok());
    EXPECT_EQ(data.row_group(), g);
    EXPECT_EQ(data.num_levels(), static_cast<size_t>(file->row_group(g).num_rows));
    total += data.num_levels();
  }
  EXPECT_EQ(total, Records().size());
}

// ---- Bad input: every error names the file and, where there is one, row group, column, page ----

std::string FileBytes(const std::string& variant) { return ReadFileText(FixturePath(variant)); }

uint32_t FooterLength(const std::string& bytes) {
  uint32_t n;
  std::memcpy(&n, bytes.data() + bytes.size() - 8, 4);
  return n;
}

TEST_F(ParquetFixtureTest, TruncatedFilesAreRejectedWithTheirName) {
  const std::string bytes = FileBytes("snappy-v1");
  auto whole = OpenOrFail(FixturePath("snappy-v1"));
  ASSERT_NE(whole, nullptr);
  const ColumnChunkInfo& first = whole->row_group(0).columns[0];
  const size_t footer_start = bytes.size() - 8 - FooterLength(bytes);
  TempDir dir;
  // Empty, inside the magic, mid-page, just before the footer, mid-footer, inside the tail.
  for (size_t cut :
       {size_t{0}, size_t{3}, size_t{11}, static_cast<size_t>(first.data_page_offset + 5), bytes.size() / 2,
        footer_start, footer_start + FooterLength(bytes) / 2, bytes.size() - 5, bytes.size() - 1}) {
    SCOPED_TRACE(cut);
    std::string path = dir.Write("cut-" + std::to_string(cut) + ".parquet", std::string_view(bytes).substr(0, cut));
    auto file = ParquetFile::Open(path);
    ASSERT_FALSE(file.ok());
    EXPECT_EQ(file.status().code(), Status::Code::kCorruption);
    EXPECT_NE(file.status().message().find(path), std::string::npos) << file.status().message();
    EXPECT_TRUE(file.status().message().find("truncated") != std::string::npos) << file.status().message();
  }
}

TEST_F(ParquetFixtureTest, WrongMagicAndFooterLengthAreRejected) {
  const std::string bytes = FileBytes("snappy-v1");
  TempDir dir;
  std::string head = bytes;
  head.replace(0, 4, "PAR0");
  auto file = ParquetFile::Open(dir.Write("head.parquet", head));
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("no PAR1 at the start"), std::string::npos) << file.status().message();

  std::string tail = bytes;
  tail.replace(tail.size() - 4, 4, "PAR2");
  file = ParquetFile::Open(dir.Write("tail.parquet", tail));
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("no PAR1 at the end"), std::string::npos) << file.status().message();

  std::string long_footer = bytes;
  uint32_t length = static_cast<uint32_t>(bytes.size());
  std::memcpy(long_footer.data() + long_footer.size() - 8, &length, 4);
  file = ParquetFile::Open(dir.Write("footer.parquet", long_footer));
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("footer length " + std::to_string(length) + " exceeds file size " +
                                         std::to_string(bytes.size())),
            std::string::npos)
      << file.status().message();
}

TEST_F(ParquetFixtureTest, MissingColumnsAndWrongTypesAreNamed) {
  auto file = OpenOrFail(FixturePath("snappy-v1"));
  ASSERT_NE(file, nullptr);
  ColumnData data;
  Status st =
      file->ReadColumn(0, "authorships.list.element.institutions.list.element.nope", PhysicalType::kByteArray, &data);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_NE(st.message().find(FixturePath("snappy-v1") +
                              ": column not found: authorships.list.element.institutions.list.element.nope"),
            std::string::npos)
      << st.message();
  st = file->ReadColumn(0, "authorships.list.element", PhysicalType::kByteArray, &data);
  EXPECT_NE(st.message().find("a group"), std::string::npos) << st.message();
  st = file->ReadColumn(0, "publication_year", PhysicalType::kByteArray, &data);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("column publication_year: expected BYTE_ARRAY, found INT64"), std::string::npos)
      << st.message();
  st = file->ReadColumn(file->num_row_groups(), 0, &data);
  EXPECT_FALSE(st.ok());
}

// The byte offset of the first data page of `column` in row group 0, and its header.
size_t FirstPage(const ParquetFile& file, const std::string& bytes, int column, PageHeader* header,
                 size_t* header_size) {
  const ColumnChunkInfo& chunk = file.row_group(0).columns[static_cast<size_t>(column)];
  size_t pos = static_cast<size_t>(chunk.data_page_offset);
  const char* error =
      DecodePageHeader(reinterpret_cast<const uint8_t*>(bytes.data()) + pos, bytes.size() - pos, header, header_size);
  EXPECT_EQ(error, nullptr);
  return pos;
}

TEST_F(ParquetFixtureTest, FlippedByteInASnappyPageIsASnappyError) {
  const std::string bytes = FileBytes("snappy-v1");
  auto whole = OpenOrFail(FixturePath("snappy-v1"));
  ASSERT_NE(whole, nullptr);
  int column = whole->schema().FindColumn("title");
  PageHeader header;
  size_t header_size = 0;
  size_t page = FirstPage(*whole, bytes, column, &header, &header_size);
  ASSERT_EQ(header.type, static_cast<int32_t>(PageType::kDataPage));
  std::string bad = bytes;
  bad[page + header_size] = static_cast<char>(bad[page + header_size] ^ 0x7f);  // the snappy length
  TempDir dir;
  std::string path = dir.Write("flipped.parquet", bad);
  auto file = ParquetFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ColumnData data;
  Status st = (*file)->ReadColumn(0, column, &data);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(path + ", row group 0, column title, page 0: snappy: "), std::string::npos)
      << st.message();
  // The other columns and row groups still read.
  EXPECT_TRUE((*file)->ReadColumn(0, 0, &data).ok());
  EXPECT_TRUE((*file)->ReadColumn(1, column, &data).ok());
}

// A page header whose size runs past its column chunk: the page is truncated.
TEST_F(ParquetFixtureTest, PageLongerThanItsColumnChunkIsATruncatedPage) {
  const std::string bytes = FileBytes("uncompressed-v1-nodict");
  auto whole = OpenOrFail(FixturePath("uncompressed-v1-nodict"));
  ASSERT_NE(whole, nullptr);
  int column = whole->schema().FindColumn("id");
  PageHeader header;
  size_t header_size = 0;
  size_t page = FirstPage(*whole, bytes, column, &header, &header_size);
  // The header starts with type (field 1) and the two sizes (fields 2 and 3), zigzag varints:
  // raise the compressed size within the same number of varint bytes.
  std::string bad = bytes;
  size_t pos = page;
  ASSERT_EQ(static_cast<uint8_t>(bad[pos++]), 0x15);
  while (bad[pos++] & 0x80) {
  }
  ASSERT_EQ(static_cast<uint8_t>(bad[pos++]), 0x15);
  while (bad[pos++] & 0x80) {
  }
  ASSERT_EQ(static_cast<uint8_t>(bad[pos++]), 0x15);
  size_t varint = pos;
  while (bad[pos] & 0x80) ++pos;
  ASSERT_GT(pos, varint);  // at least two bytes: raise the second-to-last's value bits
  bad[pos - 1] = static_cast<char>(bad[pos - 1] | 0x7e);
  TempDir dir;
  std::string path = dir.Write("long-page.parquet", bad);
  auto file = ParquetFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ColumnData data;
  Status st = (*file)->ReadColumn(0, column, &data);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(path + ", row group 0, column id, page 0: truncated page"), std::string::npos)
      << st.message();
}

// Column chunks past the end of the data (a file cut and given back its footer) are located.
TEST_F(ParquetFixtureTest, ColumnChunkPastTheDataIsLocated) {
  const std::string bytes = FileBytes("snappy-v1-onegroup");
  auto whole = OpenOrFail(FixturePath("snappy-v1-onegroup"));
  ASSERT_NE(whole, nullptr);
  int last = whole->schema().num_columns() - 1;
  const ColumnChunkInfo& chunk = whole->row_group(0).columns[static_cast<size_t>(last)];
  size_t cut = static_cast<size_t>(chunk.data_page_offset + chunk.total_compressed_size / 2);
  size_t footer = 8 + FooterLength(bytes);
  std::string bad = bytes.substr(0, cut) + bytes.substr(bytes.size() - footer);
  TempDir dir;
  std::string path = dir.Write("cut-chunk.parquet", bad);
  auto file = ParquetFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ColumnData data;
  Status st = (*file)->ReadColumn(0, last, &data);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(path + ", row group 0, column " + whole->schema().column(last).path + ": column chunk"),
            std::string::npos)
      << st.message();
  EXPECT_TRUE((*file)->ReadColumn(0, 0, &data).ok());
}

// Every single-byte change in the footer and in the first pages gives a value or an error, never a
// crash or a read outside the buffer (run under ASan or valgrind to see the latter).
TEST_F(ParquetFixtureTest, CorruptBytesNeverCrash) {
  for (const char* variant : {"snappy-v2-nodict", "zstd-v1-nodict", "gzip-v1", "uncompressed-v2"}) {
    SCOPED_TRACE(variant);
    const std::string bytes = FileBytes(variant);
    const size_t footer_start = bytes.size() - 8 - FooterLength(bytes);
    auto whole = OpenOrFail(FixturePath(variant));
    ASSERT_NE(whole, nullptr);
    // The first row group's column chunks are at the start of the file.
    const size_t data_end = static_cast<size_t>(whole->row_group(1).columns[0].data_page_offset);
    std::vector<size_t> offsets;
    for (size_t i = 4; i < data_end; i += std::max<size_t>(1, data_end / 120)) offsets.push_back(i);
    for (size_t i = footer_start; i < bytes.size() - 8; i += std::max<size_t>(1, (bytes.size() - footer_start) / 120)) {
      offsets.push_back(i);
    }
    ColumnData data;
    Nesting nesting;
    int errors = 0;
    std::string bad = bytes;
    for (size_t offset : offsets) {
      for (uint8_t flip : {uint8_t{0x01}, uint8_t{0xff}}) {
        bad[offset] = static_cast<char>(bytes[offset] ^ flip);
        auto file = ParquetFile::OpenBuffer("corrupt", bad);
        if (!file.ok()) {
          ++errors;
          EXPECT_EQ(file.status().message().rfind("corrupt", 0), 0u) << file.status().message();
        } else {
          for (int c = 0; c < (*file)->schema().num_columns() && (*file)->num_row_groups() > 0; ++c) {
            Status st = (*file)->ReadColumn(0, c, &data);
            if (st.ok()) st = Nesting::Build((*file)->schema(), data, &nesting);
            errors += !st.ok();
          }
        }
        bad[offset] = bytes[offset];
      }
    }
    EXPECT_GT(errors, 0);
  }
}

// ---- Data pages v2 ----
// DuckDB writes data pages v1 only, also with PARQUET_VERSION V2 (which changes the encodings), so
// the tests rewrite its files' data pages as v2 pages: the levels uncompressed in front of the
// values, the values compressed on their own, every third page stored with is_compressed = false.
// The footer is re-encoded with the new offsets by a small Thrift compact writer.

struct ThriftValue {
  ThriftType type = ThriftType::kStop;
  int64_t i = 0;
  double d = 0;
  std::string bin;
  std::vector<std::pair<int16_t, ThriftValue>> fields;  // structs
  ThriftType element = ThriftType::kStop;               // lists
  std::vector<ThriftValue> elements;

  ThriftValue* Field(int16_t id) {
    for (auto& [fid, v] : fields) {
      if (fid == id) return &v;
    }
    return nullptr;
  }
  void SetI64(int16_t id, int64_t value) {
    if (ThriftValue* v = Field(id)) {
      v->i = value;
    } else {
      ThriftValue n;
      n.type = ThriftType::kI64;
      n.i = value;
      fields.emplace_back(id, n);
    }
  }
};

ThriftValue ReadThrift(ThriftReader& r, ThriftType type) {
  ThriftValue v;
  v.type = type;
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse: v.i = type == ThriftType::kBoolTrue; break;
    case ThriftType::kByte: v.i = r.ReadByte(); break;
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: v.i = r.ReadI64(); break;
    case ThriftType::kDouble: v.d = r.ReadDouble(); break;
    case ThriftType::kBinary: v.bin = std::string(r.ReadBinary()); break;
    case ThriftType::kList:
    case ThriftType::kSet: {
      uint32_t n = 0;
      r.ReadListHeader(&v.element, &n);
      for (uint32_t k = 0; k < n && r.ok(); ++k) {
        if (v.element == ThriftType::kBoolTrue || v.element == ThriftType::kBoolFalse) {
          ThriftValue b;
          b.type = ThriftType::kBoolTrue;
          b.i = r.ReadByte() == 1;
          v.elements.push_back(b);
        } else {
          v.elements.push_back(ReadThrift(r, v.element));
        }
      }
      break;
    }
    case ThriftType::kStruct: {
      r.BeginStruct();
      int16_t id;
      ThriftType t;
      while (r.NextField(&id, &t)) v.fields.emplace_back(id, ReadThrift(r, t));
      r.EndStruct();
      break;
    }
    default: r.Fail("map in a footer");
  }
  return v;
}

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
void PutZigzag(std::string& out, int64_t v) {
  PutVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

void WriteThrift(std::string& out, const ThriftValue& v);

void WriteThriftStruct(std::string& out, const std::vector<std::pair<int16_t, ThriftValue>>& fields) {
  int16_t last = 0;
  for (const auto& [id, v] : fields) {
    uint8_t type = static_cast<uint8_t>(v.type);
    if (v.type == ThriftType::kBoolTrue || v.type == ThriftType::kBoolFalse) type = v.i ? 1 : 2;
    if (id > last && id - last <= 15) {
      out.push_back(static_cast<char>(((id - last) << 4) | type));
    } else {
      out.push_back(static_cast<char>(type));
      PutZigzag(out, id);
    }
    last = id;
    if (type != 1 && type != 2) WriteThrift(out, v);
  }
  out.push_back(0);
}

void WriteThrift(std::string& out, const ThriftValue& v) {
  switch (v.type) {
    case ThriftType::kByte: out.push_back(static_cast<char>(v.i)); break;
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: PutZigzag(out, v.i); break;
    case ThriftType::kDouble: out.append(reinterpret_cast<const char*>(&v.d), 8); break;
    case ThriftType::kBinary:
      PutVarint(out, v.bin.size());
      out += v.bin;
      break;
    case ThriftType::kList:
    case ThriftType::kSet:
      if (v.elements.size() < 15) {
        out.push_back(static_cast<char>((v.elements.size() << 4) | static_cast<uint8_t>(v.element)));
      } else {
        out.push_back(static_cast<char>(0xf0 | static_cast<uint8_t>(v.element)));
        PutVarint(out, v.elements.size());
      }
      for (const ThriftValue& e : v.elements) {
        if (v.element == ThriftType::kBoolTrue || v.element == ThriftType::kBoolFalse) {
          out.push_back(static_cast<char>(e.i ? 1 : 2));
        } else {
          WriteThrift(out, e);
        }
      }
      break;
    case ThriftType::kStruct: WriteThriftStruct(out, v.fields); break;
    default: break;
  }
}

ThriftValue I32(int64_t value) {
  ThriftValue v;
  v.type = ThriftType::kI32;
  v.i = value;
  return v;
}

std::string Compress(Codec codec, std::string_view in) {
  std::string out;
  switch (codec) {
    case Codec::kSnappy: {
      size_t n = snappy_max_compressed_length(in.size());
      out.resize(n);
      EXPECT_EQ(snappy_compress(in.data(), in.size(), out.data(), &n), SNAPPY_OK);
      out.resize(n);
      return out;
    }
    case Codec::kZstd: {
      out.resize(ZSTD_compressBound(in.size()));
      size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
      EXPECT_FALSE(ZSTD_isError(n));
      out.resize(n);
      return out;
    }
    case Codec::kGzip: {
      libdeflate_compressor* c = libdeflate_alloc_compressor(6);
      out.resize(libdeflate_gzip_compress_bound(c, in.size()));
      size_t n = libdeflate_gzip_compress(c, in.data(), in.size(), out.data(), out.size());
      libdeflate_free_compressor(c);
      out.resize(n);
      return out;
    }
    default: return std::string(in);
  }
}

std::string Decompress(Codec codec, std::string_view in, size_t size) {
  std::string out(size, '\0');
  Decompressor d;
  EXPECT_EQ(d.Decompress(codec, reinterpret_cast<const uint8_t*>(in.data()), in.size(),
                         reinterpret_cast<uint8_t*>(out.data()), size),
            "");
  return out;
}

// One v1 data page (header decoded, body as stored) as a v2 page, header and body.
std::string ToV2Page(const PageHeader& h, std::string_view body, Codec codec, const SchemaNode& leaf, int page) {
  std::string plain = Decompress(codec, body, static_cast<size_t>(h.uncompressed_size));
  std::string_view rest = plain;
  std::string levels[2];  // repetition, definition
  std::vector<int16_t> decoded[2];
  for (int which = 0; which < 2; ++which) {
    int16_t max = which == 0 ? leaf.max_rep : leaf.max_def;
    if (max == 0) continue;
    uint32_t length;
    std::memcpy(&length, rest.data(), 4);
    levels[which] = std::string(rest.substr(4, length));
    rest.remove_prefix(4 + length);
    decoded[which].resize(static_cast<size_t>(h.num_values));
    RleDecoder rle(reinterpret_cast<const uint8_t*>(levels[which].data()), length,
                   BitWidth(static_cast<uint64_t>(max)));
    EXPECT_EQ(rle.Decode(decoded[which].data(), decoded[which].size()), nullptr);
  }
  int64_t nulls = 0, rows = h.num_values;
  if (leaf.max_def > 0)
    nulls = std::count_if(decoded[1].begin(), decoded[1].end(), [&](int16_t d) { return d < leaf.max_def; });
  if (leaf.max_rep > 0) rows = std::count(decoded[0].begin(), decoded[0].end(), int16_t{0});
  const bool compressed = codec != Codec::kUncompressed && page % 3 != 2;
  std::string values = compressed ? Compress(codec, rest) : std::string(rest);
  ThriftValue v2;
  v2.type = ThriftType::kStruct;
  v2.fields = {{1, I32(h.num_values)},     {2, I32(nulls)},           {3, I32(rows)}, {4, I32(h.encoding)},
               {5, I32(levels[1].size())}, {6, I32(levels[0].size())}};
  ThriftValue flag;
  flag.type = ThriftType::kBoolTrue;
  flag.i = compressed;
  v2.fields.emplace_back(7, flag);
  const size_t level_bytes = levels[0].size() + levels[1].size();
  std::vector<std::pair<int16_t, ThriftValue>> header = {{1, I32(static_cast<int32_t>(PageType::kDataPageV2))},
                                                         {2, I32(static_cast<int64_t>(level_bytes + rest.size()))},
                                                         {3, I32(static_cast<int64_t>(level_bytes + values.size()))},
                                                         {8, v2}};
  std::string out;
  WriteThriftStruct(out, header);
  return out + levels[0] + levels[1] + values;
}

// The whole file with every data page as a v2 page.
std::string WithDataPagesV2(const std::string& bytes, const ParquetFile& file) {
  const uint32_t footer_length = FooterLength(bytes);
  const auto* footer = reinterpret_cast<const uint8_t*>(bytes.data()) + bytes.size() - 8 - footer_length;
  ThriftReader reader(footer, footer_length);
  ThriftValue meta = ReadThrift(reader, ThriftType::kStruct);
  EXPECT_TRUE(reader.ok());
  std::string out = "PAR1";
  ThriftValue* row_groups = meta.Field(4);
  for (size_t g = 0; g < row_groups->elements.size(); ++g) {
    ThriftValue* chunks = row_groups->elements[g].Field(1);
    for (size_t c = 0; c < chunks->elements.size(); ++c) {
      const ColumnChunkInfo& info = file.row_group(static_cast<int>(g)).columns[c];
      const SchemaNode& leaf = file.schema().column(static_cast<int>(c));
      int64_t start = info.dictionary_page_offset >= 4 ? info.dictionary_page_offset : info.data_page_offset;
      size_t pos = static_cast<size_t>(start), end = pos + static_cast<size_t>(info.total_compressed_size);
      const int64_t new_start = static_cast<int64_t>(out.size());
      int64_t new_data = -1, uncompressed = 0;
      for (int page = 0; pos < end; ++page) {
        PageHeader h;
        size_t header_size = 0;
        EXPECT_EQ(DecodePageHeader(reinterpret_cast<const uint8_t*>(bytes.data()) + pos, end - pos, &h, &header_size),
                  nullptr);
        std::string_view body(bytes.data() + pos + header_size, static_cast<size_t>(h.compressed_size));
        std::string written = h.type == static_cast<int32_t>(PageType::kDataPage)
                                  ? ToV2Page(h, body, info.codec, leaf, page)
                                  : bytes.substr(pos, header_size + body.size());
        if (h.type != static_cast<int32_t>(PageType::kDictionaryPage) && new_data < 0) {
          new_data = static_cast<int64_t>(out.size());
        }
        uncompressed += static_cast<int64_t>(written.size());
        out += written;
        pos += header_size + body.size();
      }
      ThriftValue& chunk = chunks->elements[c];
      chunk.SetI64(2, new_start);
      ThriftValue* md = chunk.Field(3);
      md->SetI64(9, new_data);
      if (info.dictionary_page_offset >= 4) md->SetI64(11, new_start);
      md->SetI64(7, static_cast<int64_t>(out.size()) - new_start);
      md->SetI64(6, uncompressed);
    }
  }
  std::string encoded;
  WriteThrift(encoded, meta);
  uint32_t length = static_cast<uint32_t>(encoded.size());
  out += encoded;
  out.append(reinterpret_cast<const char*>(&length), 4);
  return out + "PAR1";
}

class DataPageV2Test : public ParquetFixtureTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(DataPageV2Test, RewrittenAsV2PagesTheColumnsStillMatchTheJsonRecords) {
  const std::string variant = GetParam();
  auto v1 = OpenOrFail(FixturePath(variant));
  ASSERT_NE(v1, nullptr);
  TempDir dir;
  const std::string path = dir.Write(variant + "-pages-v2.parquet", WithDataPagesV2(FileBytes(variant), *v1));
  auto file = OpenOrFail(path);
  ASSERT_NE(file, nullptr);
  ColumnData data;
  int pages = 0, v2_pages = 0;
  for (int g = 0; g < file->num_row_groups(); ++g) {
    for (int c = 0; c < file->schema().num_columns(); ++c) {
      Status st = file->ReadColumn(g, c, &data);
      ASSERT_TRUE(st.ok()) << st.ToString();
      pages += data.data_pages();
      v2_pages += data.data_pages_v2();
    }
  }
  EXPECT_GT(pages, 0);
  EXPECT_EQ(v2_pages, pages);
  const std::vector<Json>& records = Records();
  for (const LeafCase& c : LeafCases()) {
    SCOPED_TRACE(c.column);
    std::vector<Json> rows = ReadRows(*file, c.column, c.type, c.kind);
    ASSERT_EQ(rows.size(), records.size());
    int mismatches = 0;
    for (size_t r = 0; r < rows.size() && mismatches < 5; ++r) {
      Json expected = Extract(records[r], c.json_path, 0, c.kind);
      if (!Near(rows[r], expected, c.kind)) {
        ++mismatches;
        ADD_FAILURE() << "row " << r << ": parquet " << rows[r].dump().substr(0, 300) << "\n  json "
                      << expected.dump().substr(0, 300);
      }
    }
  }
}

// The footer's value count of a column chunk only sizes the reader's buffers, as a bounded hint:
// a count far beyond the chunk's data gives a located error, not a huge allocation or a crash.
TEST_F(ParquetFixtureTest, HugeValueCountInTheFooterIsLocatedNotAllocated) {
  const std::string bytes = FileBytes("snappy-v1");
  auto file = OpenOrFail(FixturePath("snappy-v1"));
  ASSERT_NE(file, nullptr);
  const std::string path = "authorships.list.element.institutions.list.element.country_code";
  Result<int> column = file->FindColumn(path);
  ASSERT_TRUE(column.ok());
  const uint32_t footer_length = FooterLength(bytes);
  const auto* footer = reinterpret_cast<const uint8_t*>(bytes.data()) + bytes.size() - 8 - footer_length;
  ThriftReader reader(footer, footer_length);
  ThriftValue meta = ReadThrift(reader, ThriftType::kStruct);
  ASSERT_TRUE(reader.ok());
  // FileMetaData.row_groups (4) → RowGroup.columns (1) → ColumnChunk.meta_data (3) → num_values (5).
  meta.Field(4)->elements[0].Field(1)->elements[static_cast<size_t>(*column)].Field(3)->SetI64(5, int64_t{1} << 40);
  std::string encoded;
  WriteThrift(encoded, meta);
  std::string changed = bytes.substr(0, bytes.size() - 8 - footer_length) + encoded;
  const uint32_t length = static_cast<uint32_t>(encoded.size());
  changed.append(reinterpret_cast<const char*>(&length), 4);
  changed += "PAR1";

  auto opened = ParquetFile::OpenBuffer("huge-count.parquet", changed);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  ColumnData data;
  Status st = (*opened)->ReadColumn(0, *column, &data);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("huge-count.parquet, row group 0, column " + path), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("column chunk ends after"), std::string::npos) << st.message();
}

INSTANTIATE_TEST_SUITE_P(Variants, DataPageV2Test,
                         ::testing::Values("zstd-v2", "gzip-v1", "snappy-v2-nodict", "uncompressed-v1-nodict"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace entangle::parquet
