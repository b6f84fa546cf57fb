#pragma once
// A study definition: which works a study looks at (two country groups, years, languages, types)
// and which of them belong to the field. Read from TOML; see studies/ai-europe-china.toml and
// docs/study-definition.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace entangle::select {

struct CountryGroup {
  std::string name;                    // "Europe"
  std::vector<std::string> spec;       // as written: ["EUROPE"], ["EU27", "GB"], ["DE"]
  std::vector<std::string> countries;  // expanded, upper-case ISO 3166 alpha-2, sorted, distinct
};

// OpenAlex topics (2024+): a work matches when one of its topics (or only its primary topic, with
// scope = "primary") has score >= min_score and is listed by id, subfield, field or domain.
struct TopicRule {
  std::vector<std::string> topic_ids;     // "T10102"
  std::vector<std::string> subfield_ids;  // "1702"
  std::vector<std::string> field_ids;     // "17"
  std::vector<std::string> domain_ids;    // "3"
  bool primary_only = false;
  double min_score = 0.0;
};

// Legacy OpenAlex concepts: a work matches when it carries a listed concept with score >= min_score.
struct ConceptRule {
  std::vector<std::string> ids;  // "C154945302"
  double min_score = 0.0;
};

// Where a keyword rule's term is looked for, as bits.
enum KeywordPlace : uint8_t { kInTitle = 1, kInAbstract = 2, kInKeywords = 4 };

// Keyword rule: case-insensitive whole-word (or whole-phrase) match of any term in the chosen
// texts.
struct KeywordRule {
  std::vector<std::string> terms;
  // Where any term is looked for (the places of every term together).
  bool in_title = true;
  bool in_abstract = true;
  bool in_keywords = false;  // the work's OpenAlex keywords
  // Where each term is looked for (KeywordPlace bits), one per term, when some term has places of
  // its own ({ term = "robotics", in = ["title", "keywords"] }: a generic word that in an abstract
  // is often only an application); empty when every term is looked for in every place above.
  std::vector<uint8_t> term_places;
};

struct FieldDefinition {
  enum class Combine { kAny, kAll };
  Combine combine = Combine::kAny;  // how the present rules combine
  std::optional<TopicRule> topics;
  std::optional<ConceptRule> concepts;
  std::optional<KeywordRule> keywords;
  std::optional<std::string> work_ids_file;  // resolved path of a list of work ids, one per line
  std::vector<std::string> work_ids;         // its content, as short ids "W123"
  bool empty() const { return !topics && !concepts && !keywords && !work_ids_file; }  // = every work
};

// Which companies of an investment export (Crunchbase) belong to the field: a company counts when
// one of its categories is listed here (case-insensitive, whole category). Years are the scope's.
struct InvestmentDefinition {
  std::vector<std::string> categories;  // as written, trimmed, distinct
};

struct StudyDefinition {
  std::string name;
  std::string description;
  CountryGroup group_a;
  CountryGroup group_b;
  int year_from = 0;  // inclusive
  int year_to = 0;    // inclusive
  std::vector<std::string> languages;  // ISO 639-1; empty = any language
  bool include_unknown_language = false;  // works whose language is null
  std::vector<std::string> work_types;  // OpenAlex types; empty = any
  // OpenAlex's XPAC works (is_xpac: DataCite and repository records added since Nov 2025). Left out
  // by default, as the OpenAlex API leaves them out unless asked (include_xpac=true).
  bool include_xpac = false;
  FieldDefinition field;
  std::optional<InvestmentDefinition> investment;  // [investment]; absent: `entangle invest` needs --all-sectors
  std::string source_text;  // the TOML as read
  std::string source_path;
  std::string sha256;  // Sha256Hex(source_text) (common/sha256.h)
};

// Reads and validates a definition. Errors name the key and the problem, e.g.
// "studies/x.toml: groups.a.countries[2]: unknown country code or preset \"XX\"".
Result<StudyDefinition> LoadStudyDefinition(const std::string& path);
Result<StudyDefinition> ParseStudyDefinition(const std::string& toml_text, const std::string& origin);

// Expands presets (EU27, EUROPE = EU27+GB+NO+CH, CHINA = CN+HK, ...) and validates codes.
// HK, MO and TW are their own codes and belong to no preset but the one naming them.
Result<std::vector<std::string>> ExpandCountries(const std::vector<std::string>& spec);
bool IsKnownCountryCode(const std::string& code);  // ISO 3166-1 alpha-2 (plus XK for Kosovo)

}  // namespace entangle::select
