#include "select/study_definition.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "select/countries.h"
#include "support/temp_dir.h"

namespace entangle::select {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

const std::string kSourceDir = ENTANGLE_SOURCE_DIR;

// A valid definition in parts, so each case can break exactly one part.
struct Doc {
  std::string top = "name = \"T\"\n";
  std::string group_a = "[groups.a]\nname = \"A\"\ncountries = [\"DE\"]\n";
  std::string group_b = "[groups.b]\nname = \"B\"\ncountries = [\"CN\"]\n";
  std::string scope = "[scope]\nyears = [2017, 2022]\n";
  std::string field;
  std::string Text() const { return top + group_a + group_b + scope + field; }
};

Result<StudyDefinition> Parse(const Doc& doc) { return ParseStudyDefinition(doc.Text(), "t.toml"); }

using entangle::testing::TempDir;

// ---- The shipped definitions -----------------------------------------------------------------

TEST(StudyDefinitionTest, DefaultStudyHasTheAgreedValues) {
  const std::string path = kSourceDir + "/studies/ai-europe-china.toml";
  Result<StudyDefinition> def = LoadStudyDefinition(path);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->name, "AI entanglements: Europe–China");
  EXPECT_FALSE(def->description.empty());
  EXPECT_EQ(def->group_a.name, "Europe");
  EXPECT_EQ(def->group_a.spec, Strings({"EUROPE"}));
  EXPECT_EQ(def->group_a.countries.size(), 30u);
  EXPECT_EQ(def->group_b.name, "China");
  EXPECT_EQ(def->group_b.spec, Strings({"CHINA"}));
  EXPECT_EQ(def->group_b.countries, Strings({"CN", "HK"}));
  ASSERT_TRUE(def->investment.has_value());
  EXPECT_EQ(def->investment->categories.size(), 11u);
  EXPECT_EQ(def->investment->categories.front(), "Artificial Intelligence");
  EXPECT_EQ(def->year_from, 2017);
  EXPECT_EQ(def->year_to, 2022);
  EXPECT_EQ(def->languages, Strings({"en"}));
  EXPECT_FALSE(def->include_unknown_language);
  EXPECT_EQ(def->work_types, Strings({"article", "review", "preprint", "book-chapter", "letter",
                                      "journal-article", "proceedings-article", "posted-content"}));
  const FieldDefinition& f = def->field;
  EXPECT_EQ(f.combine, FieldDefinition::Combine::kAny);
  ASSERT_TRUE(f.concepts.has_value());
  EXPECT_EQ(f.concepts->ids,
            Strings({"C154945302", "C119857082", "C31972630", "C108583219", "C204321447"}));
  EXPECT_DOUBLE_EQ(f.concepts->min_score, 0.3);
  ASSERT_TRUE(f.topics.has_value());
  EXPECT_EQ(f.topics->subfield_ids, Strings({"1702", "1707"}));
  EXPECT_TRUE(f.topics->topic_ids.empty());
  EXPECT_TRUE(f.topics->field_ids.empty());
  EXPECT_TRUE(f.topics->domain_ids.empty());
  EXPECT_TRUE(f.topics->primary_only);
  EXPECT_DOUBLE_EQ(f.topics->min_score, 0.0);
  EXPECT_FALSE(f.keywords.has_value());
  EXPECT_FALSE(f.work_ids_file.has_value());
  EXPECT_TRUE(f.work_ids.empty());
  EXPECT_FALSE(f.empty());
  EXPECT_EQ(def->source_path, path);
  EXPECT_FALSE(def->source_text.empty());
  EXPECT_EQ(def->sha256, Sha256Hex(def->source_text));
  EXPECT_EQ(def->sha256.size(), 64u);
}

TEST(StudyDefinitionTest, DefaultStudyEuropeIsEu27PlusGbNoCh) {
  Result<StudyDefinition> def = LoadStudyDefinition(kSourceDir + "/studies/ai-europe-china.toml");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  const Strings& europe = def->group_a.countries;
  for (const char* code : {"GB", "NO", "CH", "DE", "FR", "IT", "ES", "AT", "SE"}) {
    EXPECT_TRUE(std::binary_search(europe.begin(), europe.end(), code)) << code;
  }
  for (const char* code : {"IS", "LI", "RU", "UA", "TR", "RS", "CN", "HK"}) {
    EXPECT_FALSE(std::binary_search(europe.begin(), europe.end(), code)) << code;
  }
}

TEST(StudyDefinitionTest, QuantumExampleLoads) {
  Result<StudyDefinition> def =
      LoadStudyDefinition(kSourceDir + "/studies/germany-china-quantum.toml");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->group_a.countries, Strings({"DE"}));
  EXPECT_EQ(def->group_b.countries, Strings({"CN", "HK"}));
  EXPECT_EQ(def->year_from, 2018);
  EXPECT_EQ(def->year_to, 2023);
  ASSERT_TRUE(def->field.topics.has_value());
  EXPECT_EQ(def->field.topics->subfield_ids, Strings({"3107"}));
  ASSERT_TRUE(def->field.keywords.has_value());
  const Strings& terms = def->field.keywords->terms;
  for (const char* t : {"quantum computing", "quantum communication", "qubit"}) {
    EXPECT_NE(std::find(terms.begin(), terms.end(), t), terms.end()) << t;
  }
  EXPECT_TRUE(def->field.keywords->in_keywords);
  EXPECT_FALSE(def->field.concepts.has_value());
}

// The topic ids of studies/critical-tech/topics-seen.tsv: every OpenAlex topic named in the
// project's real works (written by tools/field_precision.py --topics-seen).
std::set<std::string> TopicsSeenInRealRecords() {
  std::ifstream in(kSourceDir + "/studies/critical-tech/topics-seen.tsv");
  std::set<std::string> ids;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("topic\t", 0) == 0) continue;
    std::string id = line.substr(0, line.find('\t'));
    EXPECT_TRUE(id.size() > 1 && id[0] == 'T' &&
                std::all_of(id.begin() + 1, id.end(), [](unsigned char c) { return std::isdigit(c); }))
        << "topics-seen.tsv: not a topic id: " << line;
    ids.insert(id);
  }
  return ids;
}

// The critical technology areas of issue 21 (studies/critical-tech/, every study file there): the
// ten areas of Recommendation (EU) 2023/2113, each loads, keeps the AI study's pair and scope so
// areas compare like for like, and has a field of its own; the AI area is the AI study's field
// exactly, so the tracker's AI row is the study. Every topic id an area names was seen in real
// OpenAlex records (topics-seen.tsv), so a mistyped or invented id fails here.
TEST(StudyDefinitionTest, CriticalTechAreasLoadWithTheStudysPairAndScope) {
  Result<StudyDefinition> study = LoadStudyDefinition(kSourceDir + "/studies/ai-europe-china.toml");
  ASSERT_TRUE(study.ok()) << study.status().ToString();
  const std::set<std::string> seen = TopicsSeenInRealRecords();
  ASSERT_GT(seen.size(), 1000u) << "topics-seen.tsv is missing or cut short";
  std::set<std::string> areas;
  for (const fs::directory_entry& entry : fs::directory_iterator(kSourceDir + "/studies/critical-tech")) {
    if (entry.path().extension() != ".toml" || entry.path().filename() == "tracker.toml") continue;
    const std::string area = entry.path().stem().string();
    areas.insert(area);
    SCOPED_TRACE(area);
    Result<StudyDefinition> def = LoadStudyDefinition(entry.path().string());
    ASSERT_TRUE(def.ok()) << def.status().ToString();
    EXPECT_EQ(def->group_a.countries, study->group_a.countries);
    EXPECT_EQ(def->group_b.countries, study->group_b.countries);
    EXPECT_EQ(def->year_from, study->year_from);
    EXPECT_EQ(def->year_to, study->year_to);
    EXPECT_EQ(def->languages, study->languages);
    EXPECT_EQ(def->work_types, study->work_types);
    EXPECT_FALSE(def->field.empty());
    if (def->field.topics) {
      for (const std::string& id : def->field.topics->topic_ids) {
        EXPECT_TRUE(seen.count(id)) << id << " is not a topic seen in the real records (topics-seen.tsv)";
      }
    }
    if (area == "ai") {
      ASSERT_TRUE(def->field.concepts && def->field.topics);
      EXPECT_EQ(def->field.concepts->ids, study->field.concepts->ids);
      EXPECT_EQ(def->field.concepts->min_score, study->field.concepts->min_score);
      EXPECT_EQ(def->field.topics->subfield_ids, study->field.topics->subfield_ids);
      EXPECT_EQ(def->field.topics->topic_ids, study->field.topics->topic_ids);
      EXPECT_EQ(def->field.topics->primary_only, study->field.topics->primary_only);
      EXPECT_EQ(def->field.topics->min_score, study->field.topics->min_score);
      EXPECT_EQ(def->field.keywords.has_value(), study->field.keywords.has_value());
    } else {
      // Topics listed one by one (no whole subfield) and terms in title, abstract and keywords.
      ASSERT_TRUE(def->field.topics && def->field.keywords);
      EXPECT_TRUE(def->field.topics->subfield_ids.empty());
      EXPECT_FALSE(def->field.topics->topic_ids.empty());
      EXPECT_TRUE(def->field.keywords->in_title && def->field.keywords->in_abstract &&
                  def->field.keywords->in_keywords);
    }
  }
  EXPECT_EQ(areas, (std::set<std::string>{"semiconductors", "ai", "quantum", "biotech", "connectivity", "sensing",
                                          "space", "energy", "robotics", "materials"}));
}

// ---- Validation: every error names the key path ----------------------------------------------

struct ErrorCase {
  std::string test;
  Doc doc;
  std::string path;     // expected key path after "t.toml: "
  std::string problem;  // expected substring of the problem
};

const std::vector<ErrorCase>& ErrorCases() {
  static const std::vector<ErrorCase> cases = {
      {"missing_name", {.top = "description = \"x\"\n"}, "name", "missing"},
      {"name_not_string", {.top = "name = 3\n"}, "name", "expected a string, got an integer"},
      {"empty_name", {.top = "name = \"  \"\n"}, "name", "empty"},
      {"unknown_top_key", {.top = "name = \"T\"\nnmae = \"x\"\n"}, "nmae", "unknown key; did you mean \"name\"?"},
      {"unknown_top_key_no_hint", {.top = "name = \"T\"\nzzz = 1\n"}, "zzz", "unknown key; expected"},
      {"quoted_unknown_key", {.top = "name = \"T\"\n\"my key\" = 1\n"}, "\"my key\"", "unknown key"},
      {"missing_groups", {.group_a = "", .group_b = ""}, "groups", "missing"},
      {"missing_group_b", {.group_b = ""}, "groups.b", "missing"},
      {"unknown_group",
       {.group_b = "[groups.b]\ncountries = [\"CN\"]\n[groups.c]\ncountries = [\"US\"]\n"},
       "groups.c",
       "unknown key; expected \"a\" or \"b\""},
      {"group_not_table",
       {.group_a = "[[groups.a]]\ncountries = [\"DE\"]\n"},
       "groups.a",
       "expected a table, got an array"},
      {"group_key_typo",
       {.group_a = "[groups.a]\ncountrys = [\"DE\"]\n"},
       "groups.a.countrys",
       "did you mean \"countries\"?"},
      {"group_missing_countries", {.group_a = "[groups.a]\nname = \"A\"\n"}, "groups.a.countries", "missing"},
      {"empty_group", {.group_a = "[groups.a]\ncountries = []\n"}, "groups.a.countries", "empty"},
      {"countries_not_array",
       {.group_a = "[groups.a]\ncountries = \"DE\"\n"},
       "groups.a.countries",
       "expected an array, got a string"},
      {"unknown_country",
       {.group_a = "[groups.a]\ncountries = [\"DE\", \"FR\", \"XX\"]\n"},
       "groups.a.countries[2]",
       "unknown country code or preset \"XX\""},
      {"uk_is_not_iso",
       {.group_b = "[groups.b]\ncountries = [\"UK\"]\n"},
       "groups.b.countries[0]",
       "did you mean \"GB\"?"},
      {"preset_typo",
       {.group_a = "[groups.a]\ncountries = [\"EURPOE\"]\n"},
       "groups.a.countries[0]",
       "did you mean \"EUROPE\"?"},
      {"country_name_instead_of_code",
       {.group_a = "[groups.a]\ncountries = [\"Germany\"]\n"},
       "groups.a.countries[0]",
       "did you mean \"DE\" (Germany)?"},
      {"country_not_string",
       {.group_b = "[groups.b]\ncountries = [\"CN\", 86]\n"},
       "groups.b.countries[1]",
       "expected a string, got an integer"},
      {"group_name_empty", {.group_a = "[groups.a]\nname = \"\"\ncountries = [\"DE\"]\n"}, "groups.a.name", "empty"},
      {"missing_scope", {.scope = ""}, "scope", "missing"},
      {"missing_years", {.scope = "[scope]\nlanguages = [\"en\"]\n"}, "scope.years", "missing"},
      {"years_not_array",
       {.scope = "[scope]\nyears = 2017\n"},
       "scope.years",
       "expected an array [from, to], got an integer"},
      {"one_year",
       {.scope = "[scope]\nyears = [2017]\n"},
       "scope.years",
       "expected two years [from, to], got 1 element"},
      {"three_years", {.scope = "[scope]\nyears = [2017, 2018, 2019]\n"}, "scope.years", "got 3 elements"},
      {"years_decreasing", {.scope = "[scope]\nyears = [2022, 2017]\n"}, "scope.years", "2022 is after 2017"},
      {"year_too_early", {.scope = "[scope]\nyears = [1800, 2000]\n"}, "scope.years[0]", "1800 is outside 1900–2100"},
      {"year_too_late", {.scope = "[scope]\nyears = [2000, 2101]\n"}, "scope.years[1]", "2101 is outside"},
      {"year_string",
       {.scope = "[scope]\nyears = [\"2017\", 2022]\n"},
       "scope.years[0]",
       "expected an integer year, got a string"},
      {"year_float",
       {.scope = "[scope]\nyears = [2017, 2022.0]\n"},
       "scope.years[1]",
       "expected an integer year, got a float"},
      {"scope_key_typo",
       {.scope = "[scope]\nyears = [2017, 2022]\nlanguage = [\"en\"]\n"},
       "scope.language",
       "did you mean \"languages\"?"},
      {"bad_language",
       {.scope = "[scope]\nyears = [2017, 2022]\nlanguages = [\"en\", \"eng\"]\n"},
       "scope.languages[1]",
       "unknown ISO 639-1 language code \"eng\""},
      {"unknown_language_not_bool",
       {.scope = "[scope]\nyears = [2017, 2022]\ninclude_unknown_language = \"no\"\n"},
       "scope.include_unknown_language",
       "expected a boolean"},
      {"work_type_typo",
       {.scope = "[scope]\nyears = [2017, 2022]\nwork_types = [\"aritcle\"]\n"},
       "scope.work_types[0]",
       "unknown work type \"aritcle\"; did you mean \"article\"?"},
      {"field_not_table", {.top = "name = \"T\"\nfield = \"ai\"\n"}, "field", "expected a table, got a string"},
      {"unknown_field_rule", {.field = "[field.magic]\nx = 1\n"}, "field.magic", "unknown key"},
      {"unknown_combine",
       {.field = "[field]\ncombine = \"or\"\n"},
       "field.combine",
       "unknown combine \"or\"; use \"any\" or \"all\""},
      {"concepts_without_ids", {.field = "[field.concepts]\nmin_score = 0.3\n"}, "field.concepts.ids", "missing"},
      {"concepts_empty_ids", {.field = "[field.concepts]\nids = []\n"}, "field.concepts.ids", "empty"},
      {"bad_concept_id",
       {.field = "[field.concepts]\nids = [\"C1\", \"X12\"]\n"},
       "field.concepts.ids[1]",
       "not a concept id \"X12\""},
      {"concept_as_integer",
       {.field = "[field.concepts]\nids = [154945302]\n"},
       "field.concepts.ids[0]",
       "expected a string, got an integer"},
      {"concept_score_high",
       {.field = "[field.concepts]\nids = [\"C1\"]\nmin_score = 1.5\n"},
       "field.concepts.min_score",
       "1.5 is outside [0, 1]"},
      {"concept_score_negative",
       {.field = "[field.concepts]\nids = [\"C1\"]\nmin_score = -0.1\n"},
       "field.concepts.min_score",
       "outside [0, 1]"},
      {"concept_score_nan",
       {.field = "[field.concepts]\nids = [\"C1\"]\nmin_score = nan\n"},
       "field.concepts.min_score",
       "outside [0, 1]"},
      {"concept_score_string",
       {.field = "[field.concepts]\nids = [\"C1\"]\nmin_score = \"0.3\"\n"},
       "field.concepts.min_score",
       "expected a number"},
      {"topics_empty",
       {.field = "[field.topics]\nprimary_only = true\n"},
       "field.topics",
       "no topics, subfields, fields or domains"},
      {"topics_all_lists_empty",
       {.field = "[field.topics]\nsubfields = []\ntopics = []\n"},
       "field.topics",
       "list at least one"},
      {"topic_key_typo",
       {.field = "[field.topics]\nsubfields = [1702]\nprimary = true\n"},
       "field.topics.primary",
       "did you mean \"primary_only\"?"},
      {"bad_subfield",
       {.field = "[field.topics]\nsubfields = [\"1702\", \"AI\"]\n"},
       "field.topics.subfields[1]",
       "not a subfield id \"AI\""},
      {"subfield_url_of_field",
       {.field = "[field.topics]\nsubfields = [\"https://openalex.org/fields/17\"]\n"},
       "field.topics.subfields[0]",
       "names fields, not subfields"},
      {"subfield_negative",
       {.field = "[field.topics]\nsubfields = [-3]\n"},
       "field.topics.subfields[0]",
       "not a subfield id"},
      {"bad_topic_id", {.field = "[field.topics]\ntopics = [\"10102\"]\n"}, "field.topics.topics[0]", "not a topic id"},
      {"topic_score_integer_too_big",
       {.field = "[field.topics]\ndomains = [3]\nmin_score = 2\n"},
       "field.topics.min_score",
       "2 is outside [0, 1]"},
      {"primary_only_not_bool",
       {.field = "[field.topics]\ndomains = [3]\nprimary_only = 1\n"},
       "field.topics.primary_only",
       "expected a boolean"},
      {"keywords_without_terms", {.field = "[field.keywords]\nin = [\"title\"]\n"}, "field.keywords.terms", "missing"},
      {"keywords_empty_terms", {.field = "[field.keywords]\nterms = []\n"}, "field.keywords.terms", "empty"},
      {"keywords_blank_term",
       {.field = "[field.keywords]\nterms = [\"ai\", \"  \"]\n"},
       "field.keywords.terms[1]",
       "empty term"},
      {"keywords_unknown_target",
       {.field = "[field.keywords]\nterms = [\"ai\"]\nin = [\"title\", \"body\"]\n"},
       "field.keywords.in[1]",
       "unknown target \"body\""},
      {"keywords_target_typo",
       {.field = "[field.keywords]\nterms = [\"ai\"]\nin = [\"abstarct\"]\n"},
       "field.keywords.in[0]",
       "did you mean \"abstract\"?"},
      {"keywords_empty_in", {.field = "[field.keywords]\nterms = [\"ai\"]\nin = []\n"}, "field.keywords.in", "empty"},
      {"keyword_term_not_string_or_table",
       {.field = "[field.keywords]\nterms = [\"ai\", 3]\n"},
       "field.keywords.terms[1]",
       "expected a string or a table { term = ..., in = [...] }, got an integer"},
      {"keyword_term_table_without_term",
       {.field = "[field.keywords]\nterms = [{ in = [\"title\"] }]\n"},
       "field.keywords.terms[0].term",
       "missing"},
      {"keyword_term_table_key_typo",
       {.field = "[field.keywords]\nterms = [{ term = \"robot\", inn = [\"title\"] }]\n"},
       "field.keywords.terms[0].inn",
       "did you mean \"in\"?"},
      {"keyword_term_unknown_place",
       {.field = "[field.keywords]\nterms = [{ term = \"robot\", in = [\"titel\"] }]\n"},
       "field.keywords.terms[0].in[0]",
       "did you mean \"title\"?"},
      {"keyword_term_empty_places",
       {.field = "[field.keywords]\nterms = [{ term = \"robot\", in = [] }]\n"},
       "field.keywords.terms[0].in",
       "empty"},
      {"keyword_term_twice_with_other_places",
       {.field = "[field.keywords]\nterms = [\"robot\", { term = \"robot\", in = [\"title\"] }]\n"},
       "field.keywords.terms[1]",
       "\"robot\" is listed twice, with different places"},
      {"work_ids_without_file", {.field = "[field.work_ids]\n"}, "field.work_ids.file", "missing"},
      {"work_ids_missing_file",
       {.field = "[field.work_ids]\nfile = \"no/such/ids.txt\"\n"},
       "field.work_ids.file",
       "does not exist"},
      {"work_ids_key_typo",
       {.field = "[field.work_ids]\nfiles = \"ids.txt\"\n"},
       "field.work_ids.files",
       "did you mean \"file\"?"},
      {"investment_no_categories_listed",
       {.field = "[investment]\ncategories = []\n"},
       "investment.categories",
       "empty"},
      {"investment_unknown_key",
       {.field = "[investment]\ncategories = [\"Machine Learning\"]\nsectors = 1\n"},
       "investment.sectors",
       "unknown key"},
      {"investment_category_not_a_string",
       {.field = "[investment]\ncategories = [3]\n"},
       "investment.categories[0]",
       ""},
  };
  return cases;
}

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.test; }

class StudyDefinitionErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(StudyDefinitionErrorTest, NamesKeyPathAndProblem) {
  const ErrorCase& c = GetParam();
  Result<StudyDefinition> def = Parse(c.doc);
  ASSERT_FALSE(def.ok()) << c.doc.Text();
  const std::string& msg = def.status().message();
  const std::string prefix = "t.toml: " + c.path + ": ";
  EXPECT_EQ(msg.substr(0, prefix.size()), prefix) << msg;
  EXPECT_NE(msg.find(c.problem), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(Cases, StudyDefinitionErrorTest, ::testing::ValuesIn(ErrorCases()),
                         [](const auto& info) { return info.param.test; });

TEST(StudyDefinitionTest, TheBaseDocumentOfTheErrorCasesIsValid) {
  Result<StudyDefinition> def = Parse(Doc{});
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_TRUE(def->field.empty());  // no [field]: every in-scope work counts
  EXPECT_TRUE(def->languages.empty());
  EXPECT_TRUE(def->work_types.empty());
  EXPECT_FALSE(def->include_unknown_language);
}

TEST(StudyDefinitionTest, SyntaxErrorGivesLineAndColumn) {
  Result<StudyDefinition> def =
      ParseStudyDefinition("name = \"T\"\n[groups.a\ncountries = []\n", "studies/x.toml");
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(def.status().message().rfind("studies/x.toml: line 2, column ", 0), 0u)
      << def.status().message();
  EXPECT_NE(def.status().message().find("TOML syntax error"), std::string::npos);
}

TEST(StudyDefinitionTest, DuplicateKeyIsASyntaxError) {
  Doc doc;
  doc.top = "name = \"T\"\nname = \"U\"\n";
  Result<StudyDefinition> def = Parse(doc);
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.status().message().rfind("t.toml: line 2, column ", 0), 0u)
      << def.status().message();
}

TEST(StudyDefinitionTest, ErrorMessageMatchesTheDocumentedExample) {
  Doc doc;
  doc.group_a = "[groups.a]\ncountries = [\"DE\", \"FR\", \"XX\"]\n";
  Result<StudyDefinition> def = ParseStudyDefinition(doc.Text(), "studies/x.toml");
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.status().message(),
            "studies/x.toml: groups.a.countries[2]: unknown country code or preset \"XX\"");
}

TEST(StudyDefinitionTest, MissingFileIsNotFound) {
  Result<StudyDefinition> def = LoadStudyDefinition(kSourceDir + "/studies/no-such-study.toml");
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.status().code(), Status::Code::kNotFound);
  EXPECT_NE(def.status().message().find("no-such-study.toml"), std::string::npos);
}

// ---- Normalisation ---------------------------------------------------------------------------

TEST(StudyDefinitionTest, IdsAcceptUrlsIntegersAndLowerCase) {
  Doc doc;
  doc.field =
      "[field.concepts]\n"
      "ids = [\"https://openalex.org/C154945302\", \"c119857082\", \"C154945302\","
      " \"https://openalex.org/concepts/C31972630/\"]\n"
      "[field.topics]\n"
      "subfields = [1702, \"https://openalex.org/subfields/1707\", \"1702\"]\n"
      "topics = [\"https://openalex.org/T10102\", \"t11307\"]\n"
      "fields = [17]\n"
      "domains = [\"https://openalex.org/domains/3\"]\n";
  Result<StudyDefinition> def = Parse(doc);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->field.concepts->ids, Strings({"C154945302", "C119857082", "C31972630"}));
  EXPECT_DOUBLE_EQ(def->field.concepts->min_score, 0.0);
  EXPECT_EQ(def->field.topics->subfield_ids, Strings({"1702", "1707"}));
  EXPECT_EQ(def->field.topics->topic_ids, Strings({"T10102", "T11307"}));
  EXPECT_EQ(def->field.topics->field_ids, Strings({"17"}));
  EXPECT_EQ(def->field.topics->domain_ids, Strings({"3"}));
  EXPECT_FALSE(def->field.topics->primary_only);  // the header's default
}

TEST(StudyDefinitionTest, ScopeValuesAreNormalised) {
  Doc doc;
  doc.scope =
      "[scope]\nyears = [2021, 2021]\nlanguages = [\"EN\", \"zh-CN\", \"en\"]\n"
      "include_unknown_language = true\nwork_types = [\"Article\", \"article\", \"preprint\"]\n";
  Result<StudyDefinition> def = Parse(doc);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->year_from, 2021);  // a single-year study is allowed
  EXPECT_EQ(def->year_to, 2021);
  EXPECT_EQ(def->languages, Strings({"en", "zh-cn"}));
  EXPECT_TRUE(def->include_unknown_language);
  EXPECT_EQ(def->work_types, Strings({"article", "preprint"}));
}

TEST(StudyDefinitionTest, KeywordTargetsAndCombine) {
  struct Case {
    std::string in;  // TOML value of `in`, or "" to leave it out
    bool title, abstract, keywords;
  };
  const Case cases[] = {
      {"", true, true, false},
      {"[\"title\"]", true, false, false},
      {"[\"keywords\", \"abstract\"]", false, true, true},
      {"[\"title\", \"abstract\", \"keywords\"]", true, true, true},
  };
  for (const Case& c : cases) {
    Doc doc;
    doc.field =
        "[field]\ncombine = \"all\"\n[field.keywords]\nterms = [\" deep learning \", \"GAN\"]\n";
    if (!c.in.empty()) doc.field += "in = " + c.in + "\n";
    Result<StudyDefinition> def = Parse(doc);
    ASSERT_TRUE(def.ok()) << def.status().ToString();
    EXPECT_EQ(def->field.combine, FieldDefinition::Combine::kAll);
    ASSERT_TRUE(def->field.keywords.has_value());
    EXPECT_EQ(def->field.keywords->terms, Strings({"deep learning", "GAN"}));
    EXPECT_EQ(def->field.keywords->in_title, c.title) << c.in;
    EXPECT_EQ(def->field.keywords->in_abstract, c.abstract) << c.in;
    EXPECT_EQ(def->field.keywords->in_keywords, c.keywords) << c.in;
  }
}

// A term may say where it is looked for; the rule then looks wherever any of its terms is looked for.
TEST(StudyDefinitionTest, KeywordTermsWithPlacesOfTheirOwn) {
  Doc doc;
  doc.field =
      "[field.keywords]\nin = [\"title\", \"abstract\"]\nterms = [\"drone\", { term = \"robotics\", in = "
      "[\"title\", \"keywords\"] }, { term = \"UAV\" }, \"drone\"]\n";
  Result<StudyDefinition> def = Parse(doc);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  const KeywordRule& rule = *def->field.keywords;
  EXPECT_EQ(rule.terms, Strings({"drone", "robotics", "UAV"}));  // a plain repeat is dropped
  EXPECT_TRUE(rule.in_title && rule.in_abstract && rule.in_keywords);
  EXPECT_EQ(rule.term_places,
            (std::vector<uint8_t>{kInTitle | kInAbstract, kInTitle | kInKeywords, kInTitle | kInAbstract}));
  // Every term in the same places: no places per term, and the rule looks only there.
  doc.field =
      "[field.keywords]\nterms = [{ term = \"robotics\", in = [\"title\"] }, { term = \"robot\", in = "
      "[\"title\"] }]\n";
  def = Parse(doc);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_TRUE(def->field.keywords->term_places.empty());
  EXPECT_TRUE(def->field.keywords->in_title);
  EXPECT_FALSE(def->field.keywords->in_abstract || def->field.keywords->in_keywords);
}

TEST(StudyDefinitionTest, GroupNameDefaultsToTheSpec) {
  Doc doc;
  doc.group_a = "[groups.a]\ncountries = [\"eu27\", \"gb\"]\n";
  doc.group_b = "[groups.b]\ncountries = [\"DE\"]\n";
  Result<StudyDefinition> def = Parse(doc);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->group_a.name, "EU27 + United Kingdom");
  EXPECT_EQ(def->group_b.name, "Germany");
}

TEST(StudyDefinitionTest, CountriesAreCaseInsensitiveSortedDistinct) {
  Doc doc;
  doc.group_a = "[groups.a]\nname = \"A\"\ncountries = [\"fr\", \"De\", \"FR\", \"eu27\"]\n";
  Result<StudyDefinition> def = Parse(doc);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->group_a.spec, Strings({"fr", "De", "FR", "eu27"}));  // as written
  EXPECT_EQ(def->group_a.countries.size(), 27u);
  EXPECT_TRUE(std::is_sorted(def->group_a.countries.begin(), def->group_a.countries.end()));
}

TEST(StudyDefinitionTest, OverlappingGroupsAreAllowed) {
  Doc doc;
  doc.group_a = "[groups.a]\ncountries = [\"EUROPE\"]\n";
  doc.group_b = "[groups.b]\ncountries = [\"DE\", \"CN\"]\n";
  Result<StudyDefinition> def = Parse(doc);
  EXPECT_TRUE(def.ok()) << def.status().ToString();
}

TEST(StudyDefinitionTest, Sha256CoversTheText) {
  Doc doc;
  Result<StudyDefinition> a = Parse(doc);
  doc.top += "# a comment changes the hash\n";
  Result<StudyDefinition> b = Parse(doc);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->sha256, Sha256Hex(Doc{}.Text()));
  EXPECT_NE(a->sha256, b->sha256);
  EXPECT_EQ(a->source_text, Doc{}.Text());
}

// ---- Countries -------------------------------------------------------------------------------

struct ExpandCase {
  Strings spec;
  Strings expected;
};

TEST(ExpandCountriesTest, PresetsAndCodes) {
  const Strings eu27 = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                        "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                        "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  Strings europe = eu27;
  europe.insert(europe.end(), {"GB", "NO", "CH"});
  std::sort(europe.begin(), europe.end());
  Strings eea = eu27;
  eea.insert(eea.end(), {"IS", "LI", "NO"});
  std::sort(eea.begin(), eea.end());
  const std::vector<ExpandCase> cases = {
      {{"EU27"}, eu27},
      {{"eu27"}, eu27},
      {{"EUROPE"}, europe},
      {{"EU27", "GB", "NO", "CH"}, europe},
      {{"EEA"}, eea},
      {{"CHINA"}, {"CN", "HK"}},
      {{"china"}, {"CN", "HK"}},
      {{"FIVE_EYES"}, {"AU", "CA", "GB", "NZ", "US"}},
      {{"G7"}, {"CA", "DE", "FR", "GB", "IT", "JP", "US"}},
      {{"EFTA"}, {"CH", "IS", "LI", "NO"}},
      {{"NORDICS"}, {"DK", "FI", "IS", "NO", "SE"}},
      {{"de"}, {"DE"}},
      {{"Us", "gB", "US"}, {"GB", "US"}},
      {{"XK"}, {"XK"}},
      {{"CHINA", "MO", "TW"}, {"CN", "HK", "MO", "TW"}},
      {{"CN"}, {"CN"}},
  };
  for (const ExpandCase& c : cases) {
    Result<Strings> got = ExpandCountries(c.spec);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, c.expected) << c.spec[0];
  }
  Result<Strings> eu28 = ExpandCountries({"EU28"});
  ASSERT_TRUE(eu28.ok());
  EXPECT_EQ(eu28->size(), 28u);
}

TEST(ExpandCountriesTest, HongKongMacaoTaiwan) {
  Result<Strings> china = ExpandCountries({"CHINA"});
  ASSERT_TRUE(china.ok());
  EXPECT_EQ(*china, Strings({"CN", "HK"}));  // HK is China in the study; MO and TW are not
  for (const char* code : {"HK", "MO", "TW"}) {
    EXPECT_TRUE(IsKnownCountryCode(code)) << code;
    Result<Strings> own = ExpandCountries({code});
    ASSERT_TRUE(own.ok());
    EXPECT_EQ(*own, Strings({code}));
  }
  for (const CountryPreset& p : CountryPresets()) {
    const auto has = [&](std::string_view c) {
      return std::find(p.members.begin(), p.members.end(), c) != p.members.end();
    };
    EXPECT_FALSE(has("MO")) << p.name;
    EXPECT_FALSE(has("TW")) << p.name;
    if (p.name != "CHINA") {
      EXPECT_FALSE(has("HK")) << p.name;
    }
  }
}

TEST(ExpandCountriesTest, Errors) {
  struct Case {
    Strings spec;
    std::string message;
  };
  const Case cases[] = {
      {{}, "countries: empty; list at least one country code or preset"},
      {{"DE", "XX"}, "countries[1]: unknown country code or preset \"XX\""},
      {{"UK"}, "countries[0]: unknown country code or preset \"UK\"; did you mean \"GB\"?"},
      {{"EU"}, "countries[0]: unknown country code or preset \"EU\"; did you mean \"EU27\"?"},
      {{" DE"}, "countries[0]: unknown country code or preset \" DE\""},
      {{"EU-27"}, "countries[0]: unknown country code or preset \"EU-27\"; did you mean \"EU27\"?"},
  };
  for (const Case& c : cases) {
    Result<Strings> got = ExpandCountries(c.spec);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().message().substr(0, c.message.size()), c.message)
        << got.status().message();
  }
}

TEST(CountriesTest, IsoTable) {
  const auto all = AllCountries();
  EXPECT_EQ(all.size(), 250u);  // 249 ISO 3166-1 codes + XK
  EXPECT_TRUE(
      std::is_sorted(all.begin(), all.end(),
                     [](const CountryInfo& a, const CountryInfo& b) { return a.code < b.code; }));
  for (const char* code : {"DE", "de", "GB", "CN", "HK", "MO", "TW", "XK", "US", "ZW", "AX"}) {
    EXPECT_TRUE(IsKnownCountryCode(code)) << code;
  }
  for (const char* code : {"UK", "EU", "EL", "XX", "", "D", "DEU", "??"}) {
    EXPECT_FALSE(IsKnownCountryCode(code)) << code;
  }
  EXPECT_EQ(CountryName("de"), "Germany");
  EXPECT_EQ(CountryName("TW"), "Taiwan");
  EXPECT_EQ(CountryName("XK"), "Kosovo");
  EXPECT_EQ(CountryName("UK"), "");
}

TEST(CountriesTest, Alpha3CodesAsCrunchbaseWritesThem) {
  struct Case {
    const char* alpha3;
    const char* alpha2;
  };
  for (const Case& c : {Case{"DEU", "DE"}, Case{"deu", "DE"}, Case{"GBR", "GB"}, Case{"CHN", "CN"}, Case{"HKG", "HK"},
                        Case{"USA", "US"}, Case{"XKX", "XK"}, Case{"ROM", "RO"}, Case{"ROU", "RO"},
                        Case{"ZAR", "CD"}, Case{"UK", ""}, Case{"XXX", ""}, Case{"", ""}, Case{"DEUT", ""}}) {
    EXPECT_EQ(CountryCodeFromAlpha3(c.alpha3), c.alpha2) << c.alpha3;
  }
  std::set<std::string_view> seen;
  for (const CountryInfo& info : AllCountries()) {
    EXPECT_EQ(info.alpha3.size(), 3u) << info.code;
    EXPECT_TRUE(seen.insert(info.alpha3).second) << info.alpha3 << " twice";
    EXPECT_EQ(CountryCodeFromAlpha3(info.alpha3), info.code);
  }
}

TEST(CountriesTest, PresetsAreSortedKnownAndConsistent) {
  std::set<std::string_view> names;
  for (const CountryPreset& p : CountryPresets()) {
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
    EXPECT_FALSE(IsKnownCountryCode(std::string(p.name))) << p.name;  // never shadows a code
    EXPECT_FALSE(p.description.empty()) << p.name;
    EXPECT_TRUE(std::adjacent_find(p.members.begin(), p.members.end(),
                                   [](auto a, auto b) { return !(a < b); }) == p.members.end())
        << p.name << " is not sorted and distinct";
    for (std::string_view code : p.members)
      EXPECT_TRUE(IsKnownCountryCode(std::string(code))) << code;
  }
  for (const char* name :
       {"EU27", "EU28", "EUROPE", "EEA", "EFTA", "NORDICS", "CHINA", "FIVE_EYES", "G7"}) {
    EXPECT_NE(FindCountryPreset(name), nullptr) << name;
  }
  EXPECT_EQ(FindCountryPreset("five_eyes"), FindCountryPreset("FIVE_EYES"));
  EXPECT_EQ(FindCountryPreset("DE"), nullptr);
}

// ---- Work-id files ---------------------------------------------------------------------------

TEST(WorkIdsTest, FileIsReadRelativeToTheDefinition) {
  TempDir dir;
  dir.Write("lists/ai.txt",
            "# CSET is_ai works\n"
            "W3\n"
            "\n"
            "https://openalex.org/W1\r\n"
            "  w2   # lower case and a trailing comment\n"
            "https://openalex.org/works/W3\n");
  Doc doc;
  doc.field = "[field.work_ids]\nfile = \"lists/ai.txt\"\n";
  const fs::path toml = dir.Write("study.toml", doc.Text());
  Result<StudyDefinition> def = LoadStudyDefinition(toml.string());
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  ASSERT_TRUE(def->field.work_ids_file.has_value());
  EXPECT_EQ(*def->field.work_ids_file, (dir.path() / "lists/ai.txt").string());
  EXPECT_EQ(def->field.work_ids, Strings({"W1", "W2", "W3"}));
  EXPECT_FALSE(def->field.empty());
}

TEST(WorkIdsTest, AbsolutePathAndParseOrigin) {
  TempDir dir;
  const fs::path ids = dir.Write("ids.txt", "W10\n");
  Doc doc;
  doc.field = "[field.work_ids]\nfile = \"" + ids.string() + "\"\n";
  Result<StudyDefinition> def = ParseStudyDefinition(doc.Text(), "/elsewhere/study.toml");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->field.work_ids, Strings({"W10"}));
  // A relative path resolves against the origin's directory, not the working directory.
  doc.field = "[field.work_ids]\nfile = \"ids.txt\"\n";
  def = ParseStudyDefinition(doc.Text(), (dir.path() / "x.toml").string());
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->field.work_ids, Strings({"W10"}));
}

TEST(WorkIdsTest, Errors) {
  TempDir dir;
  struct Case {
    std::string name, content, problem;
  };
  const Case cases[] = {
      {"bad.txt", "W1\nW2\ndoi:10.1/x\n", "line 3: not a work id \"doi:10.1/x\""},
      {"concept.txt", "C154945302\n", "line 1: not a work id"},
      {"author.txt", "https://openalex.org/authors/A5023888391\n", "names authors, not works"},
      {"empty.txt", "# nothing yet\n\n", "lists no work ids"},
  };
  for (const Case& c : cases) {
    dir.Write(c.name, c.content);
    Doc doc;
    doc.field = "[field.work_ids]\nfile = \"" + c.name + "\"\n";
    const fs::path toml = dir.Write("study.toml", doc.Text());
    Result<StudyDefinition> def = LoadStudyDefinition(toml.string());
    ASSERT_FALSE(def.ok()) << c.name;
    const std::string& msg = def.status().message();
    EXPECT_EQ(msg.rfind(toml.string() + ": field.work_ids.file: ", 0), 0u) << msg;
    EXPECT_NE(msg.find(c.problem), std::string::npos) << msg;
  }
  dir.Write("study.toml", Doc{.field = "[field.work_ids]\nfile = \"missing.txt\"\n"}.Text());
  Result<StudyDefinition> def = LoadStudyDefinition((dir.path() / "study.toml").string());
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.status().code(), Status::Code::kNotFound);
  EXPECT_NE(def.status().message().find((dir.path() / "missing.txt").string()), std::string::npos);
}

// ---- Hashing ---------------------------------------------------------------------------------

TEST(Sha256Test, KnownVectors) {
  struct Case {
    std::string input, hex;
  };
  const Case cases[] = {
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  for (const Case& c : cases) EXPECT_EQ(Sha256Hex(c.input), c.hex) << c.input;
}

}  // namespace
}  // namespace entangle::select
