#include "extract/work_summary.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

#include "extract/author_countries.h"
#include "extract/openalex_ids.h"
#include "extract/work_identity.h"

namespace entangle::extract {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

#define SJ_TRY(expr)                           \
  do {                                         \
    if (error_code _e = (expr); _e) return _e; \
  } while (0)

bool IsType(od::value& v, od::json_type wanted) {
  od::json_type t;
  return !v.type().get(t) && t == wanted;
}

// The loops below use each element or field where the iterator holds it (value_unsafe() after the
// error check) instead of moving it out with get(), and the helpers take values by reference: both
// copies compiled to a store-forwarding stall on every field of every record, and dropping them
// made the summary parse about 10 % faster (bench/README.md, session 5).

// Calls fn(element) for each element of an array value; null and non-arrays hold no elements.
template <typename Fn>
error_code ForEachElement(od::value& v, Fn&& fn) {
  if (!IsType(v, od::json_type::array)) return SUCCESS;
  od::array array;
  SJ_TRY(v.get_array().get(array));
  for (auto element : array) {
    SJ_TRY(element.error());
    SJ_TRY(fn(element.value_unsafe()));
  }
  return SUCCESS;
}

// Calls fn(key, value) for each field of an object value; null and non-objects hold no fields.
template <typename Fn>
error_code ForEachField(od::value& v, Fn&& fn) {
  if (!IsType(v, od::json_type::object)) return SUCCESS;
  od::object object;
  SJ_TRY(v.get_object().get(object));
  for (auto f : object) {
    SJ_TRY(f.error());
    od::field& field = f.value_unsafe();
    SJ_TRY(fn(field.key(), field.value()));
  }
  return SUCCESS;
}

error_code ReadNumericId(od::value& v, uint64_t& out) {  // "https://openalex.org/C123" -> 123; null stays 0
  if (!IsType(v, od::json_type::string)) return SUCCESS;
  std::string_view text;
  SJ_TRY(v.get_string().get(text));
  out = NumericId(text);
  return SUCCESS;
}

error_code ReadDouble(od::value& v, double& out) {
  if (!IsType(v, od::json_type::number)) return SUCCESS;
  return v.get_double().get(out);
}

error_code ReadInt64(od::value& v, int64_t& out) {  // null and non-numbers leave `out` as it was
  if (!IsType(v, od::json_type::number)) return SUCCESS;
  return v.get_int64().get(out);
}

error_code ReadCountryValue(od::value& v, uint32_t author_start, WorkSummary& out) {
  if (!IsType(v, od::json_type::string)) return SUCCESS;  // null country codes are common
  std::string_view code;
  SJ_TRY(v.get_string().get(code));
  AddAuthorCountry(code, author_start, out);
  return SUCCESS;
}

// The institution's country code. The loop stops at it: on-demand skips the rest of the object
// (type, lineage, ...) faster than visiting its fields.
error_code ReadInstitutionCountry(od::value& institution, uint32_t start, WorkSummary& out) {
  if (!IsType(institution, od::json_type::object)) return SUCCESS;
  od::object object;
  SJ_TRY(institution.get_object().get(object));
  for (auto f : object) {
    SJ_TRY(f.error());
    od::field& field = f.value_unsafe();
    if (field.key() == "country_code") return ReadCountryValue(field.value(), start, out);
  }
  return SUCCESS;
}

// One authorship's countries, from its institutions and its countries list; the rest of the
// object (raw affiliation strings, affiliations) is skipped once both have been read.
error_code ParseAuthorship(od::value& authorship, uint32_t start, WorkSummary& out) {
  if (!IsType(authorship, od::json_type::object)) return SUCCESS;
  od::object object;
  SJ_TRY(authorship.get_object().get(object));
  int left = 2;
  for (auto f : object) {
    SJ_TRY(f.error());
    od::field& field = f.value_unsafe();
    auto key = field.key();
    if (key == "institutions") {
      SJ_TRY(ForEachElement(field.value(), [&](od::value& i) { return ReadInstitutionCountry(i, start, out); }));
    } else if (key == "countries") {
      SJ_TRY(ForEachElement(field.value(), [&](od::value& country) { return ReadCountryValue(country, start, out); }));
    } else {
      continue;
    }
    if (--left == 0) break;
  }
  return SUCCESS;
}

error_code ParseAuthorships(od::value& v, WorkSummary& out) {
  return ForEachElement(v, [&](od::value& authorship) {
    uint32_t start = static_cast<uint32_t>(out.author_countries.size());
    error_code e = ParseAuthorship(authorship, start, out);
    out.author_end.push_back(static_cast<uint32_t>(out.author_countries.size()));
    return e;
  });
}

error_code ParseTopic(od::value& v, TopicLite& topic) {
  return ForEachField(v, [&](auto key, od::value& value) {
    if (key == "id") return ReadNumericId(value, topic.topic);
    if (key == "score") return ReadDouble(value, topic.score);
    bool subfield = key == "subfield", field = key == "field", domain = key == "domain";
    if (!subfield && !field && !domain) return SUCCESS;
    uint64_t id = 0;
    SJ_TRY(ForEachField(value, [&](auto k, od::value& part) { return k == "id" ? ReadNumericId(part, id) : SUCCESS; }));
    (subfield ? topic.subfield : field ? topic.field : topic.domain) = static_cast<uint32_t>(id);
    return SUCCESS;
  });
}

error_code ParseTopics(od::value& v, WorkSummary& out) {
  return ForEachElement(v, [&](od::value& value) {
    if (!IsType(value, od::json_type::object)) return SUCCESS;
    SJ_TRY(ParseTopic(value, out.topics.emplace_back()));
    return SUCCESS;
  });
}

error_code ParseConcepts(od::value& v, WorkSummary& out) {
  return ForEachElement(v, [&](od::value& value) {
    if (!IsType(value, od::json_type::object)) return SUCCESS;
    ConceptLite& c = out.concepts.emplace_back();
    return ForEachField(value, [&](auto key, od::value& field) {
      if (key == "id") return ReadNumericId(field, c.id);
      if (key == "score") return ReadDouble(field, c.score);
      return SUCCESS;
    });
  });
}

error_code ReadOptionalString(od::value& v, std::string& out, bool* present = nullptr) {
  if (!IsType(v, od::json_type::string)) return SUCCESS;
  std::string_view text;
  SJ_TRY(v.get_string().get(text));
  out.assign(text);
  if (present) *present = true;
  return SUCCESS;
}

error_code ParseKeywords(od::value& v, WorkSummary& out) {
  return ForEachElement(v, [&](od::value& keyword) {
    if (IsType(keyword, od::json_type::string)) return ReadOptionalString(keyword, out.keywords.emplace_back());
    return ForEachField(keyword, [&](auto key, od::value& name) {
      return key == "display_name" || key == "keyword" ? ReadOptionalString(name, out.keywords.emplace_back())
                                                       : SUCCESS;
    });
  });
}

RecordError ClassifyError(error_code e) {
  switch (e) {
    case simdjson::UTF8_ERROR: return RecordError::kInvalidUtf8;
    default: return RecordError::kMalformedJson;
  }
}

// What a simdjson error makes of the record, with its message in `detail`.
RecordError Failed(error_code e, std::string& detail) {
  detail = simdjson::error_message(e);
  return ClassifyError(e);
}

}  // namespace

const char* RecordErrorName(RecordError e) {
  switch (e) {
    case RecordError::kNone: return "none";
    case RecordError::kMalformedJson: return "malformed_json";
    case RecordError::kInvalidUtf8: return "invalid_utf8";
    case RecordError::kNotAnObject: return "not_an_object";
    case RecordError::kMissingId: return "missing_id";
    case RecordError::kNotAWork: return "not_a_work";
  }
  return "unknown";
}

void WorkSummary::Clear() {
  id.clear();
  id_number = 0;
  year = 0;
  has_language = false;
  language.clear();
  type.clear();
  updated_date.clear();
  cited_by_count = 0;
  fwci = -1;
  is_xpac = false;
  author_countries.clear();
  author_end.clear();
  bad_country_codes = 0;
  concepts.clear();
  topics.clear();
  has_primary_topic = false;
  primary_topic = TopicLite{};
  out_of_scope_early = false;
  title.clear();
  abstract_text.clear();
  abstract_index = {};
  keywords.clear();
}

const std::string& WorkSummary::Abstract() const {
  if (abstract_index.empty()) return abstract_text;
  // A parser of its own: the record's parser may still be reading it.
  thread_local od::parser parser;
  od::document doc;
  od::object index;
  if (!parser.iterate(abstract_index.data(), abstract_index.size(), abstract_index.size() + simdjson::SIMDJSON_PADDING)
           .get(doc) &&
      !doc.get_object().get(index)) {
    RebuildAbstract(index, abstract_text);
  }
  abstract_index = {};
  return abstract_text;
}

namespace {

void AppendWord(std::string_view word, std::string& out) {
  if (!out.empty()) out.push_back(' ');
  out.append(word);
}

// Appends the words in position order when the positions are distinct and dense (OpenAlex's run
// 0..n-1): one slot per position, linear where a sort of every word was a third of the rebuild.
// Returns false, appending nothing, when two words share a position or the positions are sparse.
bool PlaceWordsByPosition(const std::vector<std::pair<uint32_t, std::string_view>>& words, std::string& out) {
  uint32_t last = 0;
  for (const auto& word : words) last = std::max(last, word.first);
  if (size_t(last) > 2 * words.size() + 64) return false;
  thread_local std::vector<uint32_t> slot;  // 1 + the word's index, 0 for a position no word has
  slot.assign(size_t(last) + 1, 0);
  for (uint32_t i = 0; i < words.size(); ++i) {
    uint32_t& s = slot[words[i].first];
    if (s != 0) return false;  // ties are ordered by word, as the sort does
    s = i + 1;
  }
  for (uint32_t s : slot) {
    if (s != 0) AppendWord(words[s - 1].second, out);
  }
  return true;
}

}  // namespace

void RebuildAbstract(od::object index, std::string& out) {
  thread_local std::vector<std::pair<uint32_t, std::string_view>> words;
  words.clear();
  out.clear();
  for (auto f : index) {
    od::field field;
    if (std::move(f).get(field)) return;
    std::string_view word;
    if (field.unescaped_key().get(word)) return;
    od::value& positions_value = field.value();
    if (!IsType(positions_value, od::json_type::array)) continue;
    od::array positions;
    if (positions_value.get_array().get(positions)) return;
    for (auto p : positions) {
      int64_t position = 0;
      if (std::move(p).get_int64().get(position) || position < 0) continue;
      words.emplace_back(static_cast<uint32_t>(position), word);
    }
  }
  if (PlaceWordsByPosition(words, out)) return;
  std::sort(words.begin(), words.end());
  for (const auto& [position, word] : words) AppendWord(word, out);
}

namespace {

// The last occurrence of `key` (which begins with a quote) in `text`, or npos. Steps back from quote
// to quote instead of comparing at every position as string_view::rfind does: records without the
// key (Walden 2025) would otherwise cost a comparison per byte of the window.
size_t FindLastQuoted(std::string_view text, std::string_view key) {
  size_t end = text.size();
  while (const void* quote = memrchr(text.data(), '"', end)) {
    size_t at = static_cast<size_t>(static_cast<const char*>(quote) - text.data());
    if (text.substr(at, key.size()) == key) return at;
    end = at;
  }
  return std::string_view::npos;
}

// The record's last top-level "updated_date", read from its tail: the text from the last
// `"updated_date"` in the final kTailWindow bytes to the end must be the rest of the top-level
// object, so that "{" + tail parses as one object and nothing follows it. (A quote inside a string is
// escaped, so the match is a key; a key of a nested object leaves unbalanced closing brackets.)
// Returns false when the tail does not have that shape; the caller then walks on.
constexpr size_t kTailWindow = 512;
bool ReadUpdatedDateFromTail(std::string_view line, std::string& updated_date) {
  constexpr std::string_view kKey = "\"updated_date\"";
  size_t from = line.size() > kTailWindow ? line.size() - kTailWindow : 0;
  size_t at = FindLastQuoted(line.substr(from), kKey);
  if (at == std::string_view::npos) return false;
  std::string_view tail = line.substr(from + at);
  thread_local od::parser parser;
  thread_local std::string buffer;
  buffer.assign("{");
  buffer.append(tail);
  size_t len = buffer.size();
  buffer.append(simdjson::SIMDJSON_PADDING, ' ');
  od::document doc;
  od::object object;
  if (parser.iterate(buffer.data(), len, buffer.size()).get(doc) || doc.get_object().get(object)) return false;
  std::string value;
  for (auto f : object) {
    od::field field;
    if (std::move(f).get(field)) return false;
    if (field.key() == "updated_date" && ReadOptionalString(field.value(), value)) return false;
  }
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return false;  // something follows the object
  updated_date = std::move(value);
  return true;
}

// The keys that decide scope (SummaryOptions::in_scope), as bits.
enum ScopeKey : uint8_t { kNotScope = 0, kIdKey = 1, kYearKey = 2, kLanguageKey = 4, kTypeKey = 8, kAllScopeKeys = 15 };

// Reads the field if its key is one that decides scope; `bit` says which (kNotScope: another key).
error_code ReadScopeField(od::raw_json_string key, od::field& field, WorkSummary& out, uint8_t& bit) {
  if (key == "id") {
    bit = kIdKey;
    od::value& v = field.value();
    if (!IsType(v, od::json_type::string)) return SUCCESS;
    std::string_view text;
    SJ_TRY(v.get_string().get(text));
    out.id.assign(LastPathSegment(text));
    out.id_number = NumericId(text);
  } else if (key == "publication_year") {
    bit = kYearKey;
    int64_t year = out.year;
    SJ_TRY(ReadInt64(field.value(), year));
    out.year = static_cast<int>(year);
  } else if (key == "language") {
    bit = kLanguageKey;
    return ReadOptionalString(field.value(), out.language, &out.has_language);
  } else if (key == "type") {
    bit = kTypeKey;
    return ReadOptionalString(field.value(), out.type);
  } else {
    bit = kNotScope;
  }
  return SUCCESS;
}

error_code ParseTopLevel(od::object& object, std::string_view line, const SummaryOptions& options, WorkSummary& out) {
  bool has_title = false;
  std::string display_name;
  uint8_t scope_keys = 0;
  for (auto f : object) {
    SJ_TRY(f.error());
    od::field& field = f.value_unsafe();
    auto key = field.key();
    uint8_t bit = kNotScope;
    SJ_TRY(ReadScopeField(key, field, out, bit));
    if (bit != kNotScope) {
      scope_keys |= bit;
      // The tail read also checks that the record ends as a record must; an updated_date read
      // earlier does not, so it is no reason to stop.
      if (scope_keys == kAllScopeKeys && options.in_scope && !options.in_scope(out) &&
          ReadUpdatedDateFromTail(line, out.updated_date)) {
        out.out_of_scope_early = true;
        return SUCCESS;
      }
      continue;
    }
    if (key == "updated_date") {
      SJ_TRY(ReadOptionalString(field.value(), out.updated_date));
    } else if (key == "cited_by_count") {
      SJ_TRY(ReadInt64(field.value(), out.cited_by_count));
    } else if (key == "fwci") {
      SJ_TRY(ReadDouble(field.value(), out.fwci));
    } else if (key == "is_xpac") {
      od::value& v = field.value();
      if (IsType(v, od::json_type::boolean)) SJ_TRY(v.get_bool().get(out.is_xpac));
    } else if (key == "authorships") {
      SJ_TRY(ParseAuthorships(field.value(), out));
    } else if (key == "concepts") {
      SJ_TRY(ParseConcepts(field.value(), out));
    } else if (key == "topics") {
      SJ_TRY(ParseTopics(field.value(), out));
    } else if (key == "primary_topic") {
      od::value& v = field.value();
      if (!IsType(v, od::json_type::object)) continue;
      SJ_TRY(ParseTopic(v, out.primary_topic));
      out.has_primary_topic = true;
    } else if (!options.want_text) {
      continue;
    } else if (key == "title") {
      SJ_TRY(ReadOptionalString(field.value(), out.title, &has_title));
    } else if (key == "display_name") {
      SJ_TRY(ReadOptionalString(field.value(), display_name));
    } else if (key == "abstract_inverted_index") {
      od::value& v = field.value();
      if (!IsType(v, od::json_type::object)) continue;
      od::object index;
      SJ_TRY(v.get_object().get(index));
      SJ_TRY(index.raw_json().get(out.abstract_index));  // rebuilt if asked (WorkSummary::Abstract)
    } else if (key == "keywords") {
      SJ_TRY(ParseKeywords(field.value(), out));
    }
  }
  if (options.want_text && !has_title) out.title = std::move(display_name);
  if (!out.has_primary_topic && !out.topics.empty()) {
    out.primary_topic = out.topics.front();
    out.has_primary_topic = true;
  }
  return SUCCESS;
}

}  // namespace

RecordError ParseWorkSummary(od::parser& parser, const char* data, size_t len, size_t capacity,
                             const SummaryOptions& options, WorkSummary& out, std::string& detail) {
  out.Clear();
  od::document doc;
  if (error_code e = parser.iterate(data, len, capacity).get(doc); e) return Failed(e, detail);
  od::json_type type;
  if (error_code e = doc.type().get(type); e) return Failed(e, detail);
  if (type != od::json_type::object) {
    detail = "the record is not a JSON object";
    return RecordError::kNotAnObject;
  }
  od::object object;
  if (error_code e = doc.get_object().get(object); e) return Failed(e, detail);
  if (error_code e = ParseTopLevel(object, std::string_view(data, len), options, out); e) return Failed(e, detail);
  // A second value on the line ("{...}{...}": a lost newline) makes the record malformed.
  if (!out.out_of_scope_early && doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    detail = "more JSON follows the record on the same line";
    return RecordError::kMalformedJson;
  }
  return CheckWorkIdentity(out.id, detail);
}

}  // namespace entangle::extract
