#pragma once
// The scanner's hot path: one pass of simdjson on-demand over a work record, keeping only what
// selection needs (id, year, language, type, authors' countries, concepts, topics, and — only
// when the field definition uses keywords — title, abstract and keywords). A WorkSummary is
// reused from record to record, so steady-state parsing allocates nothing.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "common/country_index.h"

namespace entangle::extract {

struct TopicLite {
  uint64_t topic = 0;
  uint32_t subfield = 0;
  uint32_t field = 0;
  uint32_t domain = 0;
  double score = 0;
};

struct ConceptLite {
  uint64_t id = 0;
  double score = 0;
};

struct WorkSummary {
  std::string id;        // short form, "W123"
  uint64_t id_number = 0;
  int year = 0;          // 0 when missing or null
  bool has_language = false;
  std::string language;
  std::string type;
  std::string updated_date;
  int64_t cited_by_count = 0;
  double fwci = -1;  // -1 when absent or null
  bool is_xpac = false;  // OpenAlex's XPAC works (DataCite, repositories), since Nov 2025
  // Authors' countries, flattened: author i owns author_countries[author_end[i-1] .. author_end[i]).
  std::vector<CountryIndex> author_countries;
  std::vector<uint32_t> author_end;
  uint32_t bad_country_codes = 0;  // values that are not two letters (ignored)
  std::vector<ConceptLite> concepts;
  std::vector<TopicLite> topics;
  bool has_primary_topic = false;
  TopicLite primary_topic;
  // Set when SummaryOptions::in_scope ruled the work out part-way: the fields after that point
  // (authorships, concepts, topics, ...) were not read, except updated_date.
  bool out_of_scope_early = false;
  // Only filled with SummaryOptions::want_text.
  std::string title;
  std::vector<std::string> keywords;
  // The abstract: set whole by the Parquet reader; from JSON, rebuilt from the record's inverted
  // index only when Abstract() is first asked: a work no keyword rule reads it for (out of scope,
  // or settled by its topics or its title) never needs it, and rebuilding every abstract was a
  // tenth of a tracker's CPU. `abstract_index` views the record's own text, with the record's
  // padding after it: ask Abstract() while that record's buffer is still alive (within the
  // judging of it).
  mutable std::string abstract_text;
  mutable std::string_view abstract_index;  // not yet rebuilt into abstract_text while non-empty
  const std::string& Abstract() const;

  void Clear();
  size_t author_count() const { return author_end.size(); }
};

// kNotAWork: a record of another OpenAlex entity (an institution, a funder, ...) among works.
enum class RecordError { kNone, kMalformedJson, kInvalidUtf8, kNotAnObject, kMissingId, kNotAWork };
const char* RecordErrorName(RecordError e);  // "malformed_json", ...

struct SummaryOptions {
  bool want_text = false;
  // Whether the study's field rules look at the work's topics / concepts. Off, the Parquet reader
  // neither reads nor decompresses those columns (parquet_work.h): the summary then has no concepts,
  // and of the topics only the primary topic's subfield and field, which the totals need whatever
  // the rules. The JSON parse ignores both (the record is decompressed and indexed whole anyway;
  // skipping a list saves little), so its summary is a superset. On by default: a caller that does
  // not say what it needs gets everything.
  bool want_topics = true;
  bool want_concepts = true;
  // The study's scope test (publication_year, language and type decide it). When set, it is called
  // once those keys and id have been read; if the work is out of scope, the rest of the record is
  // not walked: only its updated_date is still needed (to order duplicate copies), and it is read
  // from the record's last bytes, which must close the record exactly. When they do not (no
  // updated_date near the end, truncation, trailing text), the walk goes on as without the test.
  // Most records of a snapshot are out of scope, and walking the rest of them was a fifth of the
  // parse. What is not walked is not checked beyond simdjson's stage 1 (UTF-8, strings): a broken
  // bracket in the middle of an out-of-scope record goes unreported (docs/counting.md).
  std::function<bool(const WorkSummary&)> in_scope;
};

// Parses one record held in a buffer with at least SIMDJSON_PADDING readable bytes after `len`.
// On error, `detail` says what simdjson reported and `out.id` holds the id if it was read.
RecordError ParseWorkSummary(simdjson::ondemand::parser& parser, const char* data, size_t len, size_t capacity,
                             const SummaryOptions& options, WorkSummary& out, std::string& detail);

// Rebuilds the abstract from an inverted index object {"word": [positions], ...}.
void RebuildAbstract(simdjson::ondemand::object index, std::string& out);

}  // namespace entangle::extract
