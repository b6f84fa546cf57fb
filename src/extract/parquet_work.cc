#include "extract/parquet_work.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "extract/author_countries.h"
#include "extract/openalex_ids.h"
#include "extract/record_values.h"
#include "extract/work_identity.h"

namespace entangle::extract {
namespace {

using parquet::LogicalKind;
using parquet::PhysicalType;

// kDate: text as kText, but a TIMESTAMP (or INT96) column gives only its date, as the JSON has it.
enum class Want : uint8_t { kText, kDate, kInt, kDouble, kBool };

// Which leaves a step reads: the scope columns, the rest of the summary, the text for keyword
// rules, the rest of the full record.
enum Set : uint8_t { kScopeSet, kSummarySet, kTextSet, kRecordSet };

struct LeafSpec {
  const char* path;
  Want want;
  int depth;  // repeated ancestors (lists) above the value
  Set set;
  bool alt_ok;  // another leaf stands for it when absent (keywords as strings, abstract positions as JSON)
};

// clang-format off
enum LeafId {
  kId, kYear, kLanguage, kType, kUpdated,
  kCited, kFwci, kXpac, kInstCountry, kAuthCountries, kAuthPosition,
  kConceptId, kConceptScore,
  kTopicId, kTopicScore, kTopicSub, kTopicField, kTopicDomain,
  kPtId, kPtScore, kPtSub, kPtField, kPtDomain,
  kTitle, kDisplayName, kAbsKey, kAbsPosList, kAbsPosJson, kKwName, kKwString,
  kDoi, kPubDate, kCbyYear, kCbyCount, kAuthorId, kAuthorName, kRawAuthorName, kIsCorr,
  kInstId, kInstRor, kInstName, kInstType, kInstLineage, kRawAff, kAffRaw,
  kTopicName, kTopicSubName, kTopicFieldName, kTopicDomainName,
  kPtName, kPtSubName, kPtFieldName, kPtDomainName, kConceptName, kConceptLevel,
  kGrantFunder, kGrantFunderName, kGrantAward, kAwardFunderId, kAwardFunderName, kAwardId,
  kFunderId, kFunderName,
  kLeafCount,
};

constexpr LeafSpec kLeaves[kLeafCount] = {
  {"id", Want::kText, 0, kScopeSet, false},
  {"publication_year", Want::kInt, 0, kScopeSet, false},
  {"language", Want::kText, 0, kScopeSet, false},
  {"type", Want::kText, 0, kScopeSet, false},
  {"updated_date", Want::kText, 0, kScopeSet, false},
  {"cited_by_count", Want::kInt, 0, kSummarySet, false},
  {"fwci", Want::kDouble, 0, kSummarySet, false},
  {"is_xpac", Want::kBool, 0, kSummarySet, false},
  {"authorships.list.element.institutions.list.element.country_code", Want::kText, 2, kSummarySet, false},
  {"authorships.list.element.countries.list.element", Want::kText, 2, kSummarySet, false},
  {"authorships.list.element.author_position", Want::kText, 1, kRecordSet, false},
  {"concepts.list.element.id", Want::kText, 1, kSummarySet, false},
  {"concepts.list.element.score", Want::kDouble, 1, kSummarySet, false},
  {"topics.list.element.id", Want::kText, 1, kSummarySet, false},
  {"topics.list.element.score", Want::kDouble, 1, kSummarySet, false},
  {"topics.list.element.subfield.id", Want::kText, 1, kSummarySet, false},
  {"topics.list.element.field.id", Want::kText, 1, kSummarySet, false},
  {"topics.list.element.domain.id", Want::kText, 1, kSummarySet, false},
  {"primary_topic.id", Want::kText, 0, kSummarySet, false},
  {"primary_topic.score", Want::kDouble, 0, kSummarySet, false},
  {"primary_topic.subfield.id", Want::kText, 0, kSummarySet, false},
  {"primary_topic.field.id", Want::kText, 0, kSummarySet, false},
  {"primary_topic.domain.id", Want::kText, 0, kSummarySet, false},
  {"title", Want::kText, 0, kTextSet, false},
  {"display_name", Want::kText, 0, kTextSet, false},
  {"abstract_inverted_index.key_value.key", Want::kText, 1, kTextSet, false},
  {"abstract_inverted_index.key_value.value.list.element", Want::kInt, 2, kTextSet, true},
  {"abstract_inverted_index.key_value.value", Want::kText, 1, kTextSet, true},
  {"keywords.list.element.display_name", Want::kText, 1, kTextSet, true},
  {"keywords.list.element", Want::kText, 1, kTextSet, true},
  {"doi", Want::kText, 0, kRecordSet, false},
  {"publication_date", Want::kDate, 0, kRecordSet, false},
  {"counts_by_year.list.element.year", Want::kInt, 1, kRecordSet, false},
  {"counts_by_year.list.element.cited_by_count", Want::kInt, 1, kRecordSet, false},
  {"authorships.list.element.author.id", Want::kText, 1, kRecordSet, false},
  {"authorships.list.element.author.display_name", Want::kText, 1, kRecordSet, false},
  {"authorships.list.element.raw_author_name", Want::kText, 1, kRecordSet, false},
  {"authorships.list.element.is_corresponding", Want::kBool, 1, kRecordSet, false},
  {"authorships.list.element.institutions.list.element.id", Want::kText, 2, kRecordSet, false},
  {"authorships.list.element.institutions.list.element.ror", Want::kText, 2, kRecordSet, false},
  {"authorships.list.element.institutions.list.element.display_name", Want::kText, 2, kRecordSet, false},
  {"authorships.list.element.institutions.list.element.type", Want::kText, 2, kRecordSet, false},
  {"authorships.list.element.institutions.list.element.lineage.list.element", Want::kText, 3, kRecordSet, false},
  {"authorships.list.element.raw_affiliation_strings.list.element", Want::kText, 2, kRecordSet, false},
  {"authorships.list.element.affiliations.list.element.raw_affiliation_string", Want::kText, 2, kRecordSet, false},
  {"topics.list.element.display_name", Want::kText, 1, kRecordSet, false},
  {"topics.list.element.subfield.display_name", Want::kText, 1, kRecordSet, false},
  {"topics.list.element.field.display_name", Want::kText, 1, kRecordSet, false},
  {"topics.list.element.domain.display_name", Want::kText, 1, kRecordSet, false},
  {"primary_topic.display_name", Want::kText, 0, kRecordSet, false},
  {"primary_topic.subfield.display_name", Want::kText, 0, kRecordSet, false},
  {"primary_topic.field.display_name", Want::kText, 0, kRecordSet, false},
  {"primary_topic.domain.display_name", Want::kText, 0, kRecordSet, false},
  {"concepts.list.element.display_name", Want::kText, 1, kRecordSet, false},
  {"concepts.list.element.level", Want::kInt, 1, kRecordSet, false},
  {"grants.list.element.funder", Want::kText, 1, kRecordSet, false},
  {"grants.list.element.funder_display_name", Want::kText, 1, kRecordSet, false},
  {"grants.list.element.award_id", Want::kText, 1, kRecordSet, false},
  {"awards.list.element.funder_id", Want::kText, 1, kRecordSet, false},
  {"awards.list.element.funder_display_name", Want::kText, 1, kRecordSet, false},
  {"awards.list.element.funder_award_id", Want::kText, 1, kRecordSet, false},
  {"funders.list.element.id", Want::kText, 1, kRecordSet, false},
  {"funders.list.element.display_name", Want::kText, 1, kRecordSet, false},
};
// clang-format on

const char* WantName(Want want) {
  switch (want) {
    case Want::kText:
    case Want::kDate: return "text (BYTE_ARRAY, DATE, TIMESTAMP or INT96)";
    case Want::kInt: return "an integer (INT32 or INT64)";
    case Want::kDouble: return "a number (DOUBLE, FLOAT, INT32 or INT64)";
    case Want::kBool: return "BOOLEAN";
  }
  return "?";
}

std::string FormatDate(int64_t days) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buffer;
}

// An INT96 timestamp (Impala's and Spark's legacy type): nanoseconds of the day in the first 8 bytes,
// the Julian day in the last 4, little-endian. As microseconds since the epoch: Spark writes them
// from microseconds, and the JSON has six digits.
int64_t Int96Micros(std::string_view bytes) {
  uint64_t nanos = 0;
  uint32_t julian = 0;
  for (int i = 7; i >= 0; --i) nanos = nanos << 8 | static_cast<uint8_t>(bytes[size_t(i)]);
  for (int i = 11; i >= 8; --i) julian = julian << 8 | static_cast<uint8_t>(bytes[size_t(i)]);
  constexpr int64_t kJulianDayOfEpoch = 2440588;
  return (int64_t(julian) - kJulianDayOfEpoch) * 86400000000LL + int64_t(nanos / 1000);
}

std::string FormatTimestamp(int64_t value, int8_t unit) {
  int64_t per_second = unit == 1 ? 1000 : unit == 2 ? 1000000 : 1000000000;
  int64_t seconds = value / per_second, fraction = value % per_second;
  if (fraction < 0) fraction += per_second, --seconds;
  int64_t days = seconds / 86400, rest = seconds % 86400;
  if (rest < 0) rest += 86400, --days;
  char buffer[64];
  int digits = unit == 1 ? 3 : unit == 2 ? 6 : 9;
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d.%0*lld", FormatDate(days).c_str(), int(rest / 3600),
                int(rest / 60 % 60), int(rest % 60), digits, static_cast<long long>(fraction));
  return buffer;
}

// JSON text of a string value ("\"abc\"") → abc; another JSON value (a number, null) → nothing.
bool JsonTextString(std::string_view json, std::string& out) {
  if (json.size() < 2 || json.front() != '"' || json.back() != '"') return false;
  out.clear();
  for (size_t i = 1; i + 1 < json.size(); ++i) {
    char c = json[i];
    if (c == '\\' && i + 2 < json.size()) {
      char e = json[++i];
      out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

struct ParquetWorkReader::Leaf {
  const LeafSpec* spec = nullptr;
  const parquet::ParquetFile* file = nullptr;  // the file `column` was looked up in
  int column = -1;                             // -1: not in the file (reads as null)
  bool json = false, date = false, timestamp = false, int96 = false;
  bool date_only = false;  // a timestamp read as its date (Want::kDate)
  int8_t time_unit = 0;
  int16_t struct_def = 0;  // depth 0: the def level at which the value's top-level struct is present
  bool read = false;       // read for the current row group
  Status resolve_error;    // why the column cannot be read from `file`, if it cannot
  parquet::ColumnData data;
  parquet::Nesting nest;

  // Looks the column up in `f` (once per file). An error (a column of another type) is kept and
  // given again for every row group of the file, each of which is then skipped.
  Status Resolve(const parquet::ParquetFile& f) {
    if (file == &f) return resolve_error;
    file = &f;
    read = false;
    resolve_error = LookUp(f);
    return resolve_error;
  }

  Status LookUp(const parquet::ParquetFile& f) {
    const parquet::Schema& schema = f.schema();
    column = schema.FindColumn(spec->path);
    json = date = timestamp = int96 = false;
    if (column < 0) {
      if (spec->alt_ok) return Status::OK();
      // A field stored whole as a leaf (JSON text) where entangle reads nested fields under it.
      std::string_view path = spec->path;
      for (size_t dot = path.rfind('.'); dot != std::string_view::npos; dot = path.rfind('.', dot - 1)) {
        int node = schema.FindNode(path.substr(0, dot));
        if (node >= 0 && schema.node(node).is_leaf) {
          return Status::InvalidArgument(f.path() + ": column " + std::string(path.substr(0, dot)) + " is " +
                                         parquet::PhysicalTypeName(schema.node(node).type) + " (" +
                                         parquet::LogicalKindName(schema.node(node).logical.kind) +
                                         "), not the nested field " + spec->path + " entangle reads");
        }
        if (dot == 0) break;
      }
      return Status::OK();
    }
    const parquet::SchemaNode& node = schema.column(column);
    PhysicalType t = node.type;
    bool ok = false;
    switch (spec->want) {
      case Want::kText:
      case Want::kDate:
        json = node.logical.kind == LogicalKind::kJson;
        date = t == PhysicalType::kInt32 && node.logical.kind == LogicalKind::kDate;
        timestamp = t == PhysicalType::kInt64 && node.logical.kind == LogicalKind::kTimestamp;
        int96 = t == PhysicalType::kInt96;
        time_unit = int96 ? 2 : node.logical.time_unit;
        date_only = spec->want == Want::kDate;
        ok = t == PhysicalType::kByteArray || date || timestamp || int96;
        break;
      case Want::kInt: ok = t == PhysicalType::kInt32 || t == PhysicalType::kInt64; break;
      case Want::kDouble:
        ok = t == PhysicalType::kDouble || t == PhysicalType::kFloat || t == PhysicalType::kInt32 ||
             t == PhysicalType::kInt64;
        break;
      case Want::kBool: ok = t == PhysicalType::kBoolean; break;
    }
    if (ok && node.max_rep != spec->depth) ok = false;
    if (!ok) {
      int16_t rep = node.max_rep;
      column = -1;
      return Status::InvalidArgument(f.path() + ": column " + spec->path + ": expected " + WantName(spec->want) +
                                     " under " + std::to_string(spec->depth) + " list(s), found " +
                                     parquet::PhysicalTypeName(t) + " (" + parquet::LogicalKindName(node.logical.kind) +
                                     ") under " + std::to_string(rep));
    }
    struct_def = 0;
    if (spec->depth == 0) {
      std::string_view path = spec->path;
      size_t dot = path.find('.');
      if (dot != std::string_view::npos) {
        int top = schema.FindNode(path.substr(0, dot));
        if (top >= 0) struct_def = schema.node(top).max_def;
      }
    }
    return Status::OK();
  }

  Status Read(int row_group) {
    read = false;
    if (column < 0) return Status::OK();
    ENTANGLE_RETURN_IF_ERROR(file->ReadColumn(row_group, column, &data));
    Status built = parquet::Nesting::Build(file->schema(), data, &nest);
    if (!built.ok()) {
      return Status::Corruption(file->path() + ", row group " + std::to_string(row_group) + ", column " + spec->path +
                                ": " + built.message());
    }
    read = true;
    return Status::OK();
  }

  // Items of list level k (0: the outermost) held by `parent` (a row for k = 0).
  std::pair<uint32_t, uint32_t> Items(size_t k, size_t parent) const {
    if (!read || k >= nest.levels.size()) return {0, 0};
    const std::vector<uint32_t>& o = nest.levels[k].offsets;
    return {o[parent], o[parent + 1]};
  }
  int32_t Index(size_t item) const { return read ? nest.value_index[item] : -1; }
  // Whether innermost item `item` is an element rather than a null in its list (which the JSON
  // readers skip in a list of objects).
  bool ElementPresent(size_t item) const {
    return read && (nest.element_present.empty() || nest.element_present[item] != 0);
  }
  // The top-level struct holding a depth-0 value (primary_topic) is present in `row`.
  bool StructPresent(size_t row) const {
    if (!read) return false;
    auto def = data.def_levels();
    return def.empty() || def[row] >= struct_def;
  }

  bool Text(size_t item, std::string& out) const {
    int32_t v = Index(item);
    if (v < 0) return false;
    if (date) {
      out = FormatDate(data.int32_values()[size_t(v)]);
      return true;
    }
    if (timestamp || int96) {
      int64_t value = int96 ? Int96Micros(data.binary_values()[size_t(v)]) : data.int64_values()[size_t(v)];
      out = FormatTimestamp(value, time_unit);
      if (date_only) out.resize(10);  // YYYY-MM-DD
      return true;
    }
    std::string_view s = data.binary_values()[size_t(v)];
    if (json) return JsonTextString(s, out);
    out.assign(s);
    return true;
  }
  // The text of `item` without a copy when the column stores it as is (a view into the page or the
  // mapped file); JSON text, dates and timestamps are converted into `scratch`, which `out` then views.
  bool View(size_t item, std::string& scratch, std::string_view& out) const {
    if (date || timestamp || int96 || json) {
      if (!Text(item, scratch)) return false;
      out = scratch;
      return true;
    }
    int32_t v = Index(item);
    if (v < 0) return false;
    out = data.binary_values()[size_t(v)];
    return true;
  }
  std::string Str(size_t item) const {
    std::string s;
    Text(item, s);
    return s;
  }
  bool Int(size_t item, int64_t& out) const {
    int32_t v = Index(item);
    if (v < 0) return false;
    out = data.type() == PhysicalType::kInt32 ? data.int32_values()[size_t(v)] : data.int64_values()[size_t(v)];
    return true;
  }
  bool Double(size_t item, double& out) const {
    int32_t v = Index(item);
    if (v < 0) return false;
    switch (data.type()) {
      case PhysicalType::kDouble: out = data.double_values()[size_t(v)]; return true;
      case PhysicalType::kFloat: out = data.float_values()[size_t(v)]; return true;
      case PhysicalType::kInt32: out = data.int32_values()[size_t(v)]; return true;
      default: out = double(data.int64_values()[size_t(v)]); return true;
    }
  }
  bool Bool(size_t item) const {
    int32_t v = Index(item);
    return v >= 0 && data.bool_values()[size_t(v)] != 0;
  }
};

namespace {

// The first of `ids` that was read (it gives the list structure), or null.
const ParquetWorkReader::Leaf* Driver(const std::vector<std::unique_ptr<ParquetWorkReader::Leaf>>& leaves,
                                      std::initializer_list<LeafId> ids) {
  for (LeafId id : ids) {
    if (leaves[id]->read) return leaves[id].get();
  }
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<parquet::ParquetFile>> OpenParquetWorks(const std::string& path) {
  auto file = parquet::ParquetFile::Open(path);
  if (!file.ok()) return file.status();
  int id = (*file)->schema().FindColumn("id");
  if (id < 0) return Status::InvalidArgument(path + ": no column id: not a works file entangle can read");
  const parquet::SchemaNode& node = (*file)->schema().column(id);
  if (node.type != PhysicalType::kByteArray || node.max_rep != 0) {
    return Status::InvalidArgument(path + ": column id: expected BYTE_ARRAY, found " +
                                   parquet::PhysicalTypeName(node.type));
  }
  return file;
}

ParquetWorkReader::ParquetWorkReader(bool want_text) : want_text_(want_text) {
  for (const LeafSpec& spec : kLeaves) {
    leaves_.push_back(std::make_unique<Leaf>());
    leaves_.back()->spec = &spec;
  }
}

ParquetWorkReader::~ParquetWorkReader() = default;

Status ParquetWorkReader::ReadSummaries(const parquet::ParquetFile& file, int row_group,
                                        const SummaryOptions& options) {
  // A new file (possibly at the address of one closed before): its columns are looked up again.
  if (&file != file_ || file.path() != file_path_) {
    for (auto& leaf : leaves_) leaf->file = nullptr;
    file_path_ = file.path();
  }
  file_ = &file;
  row_group_ = row_group;
  rows_ = file.row_group(row_group).num_rows;
  rest_read_ = false;
  want_topics_ = options.want_topics;
  want_concepts_ = options.want_concepts;
  // The leaves of the summary this study needs: a column it does not need is neither looked up
  // (its type is not checked) nor read.
  auto needed = [&](size_t id) {
    switch (leaves_[id]->spec->set) {
      case kScopeSet: return true;
      case kTextSet: return want_text_;
      case kRecordSet: return false;
      case kSummarySet: break;
    }
    if (id == kConceptId || id == kConceptScore) return want_concepts_;
    if (id >= kTopicId && id <= kTopicDomain) return want_topics_;
    if (id >= kPtId && id <= kPtDomain) return want_topics_ || id == kPtSub || id == kPtField;
    return true;
  };
  for (size_t id = 0; id < leaves_.size(); ++id) {
    leaves_[id]->read = false;
    if (!needed(id)) continue;
    ENTANGLE_RETURN_IF_ERROR(leaves_[id]->Resolve(file));
  }
  for (LeafId id : {kId, kYear, kLanguage, kType, kUpdated}) ENTANGLE_RETURN_IF_ERROR(leaves_[id]->Read(row_group));
  if (leaves_[kId]->column < 0) return Status::InvalidArgument(file.path() + ": no column id");
  in_scope_.clear();
  bool any = true;
  if (options.in_scope) {
    in_scope_.assign(size_t(rows_), 0);
    any = false;
    WorkSummary scope;
    std::string detail;
    for (int64_t r = 0; r < rows_; ++r) {
      Summary(r, scope, detail);  // the scope fields only, as in_scope_ is all 0 so far
      in_scope_[size_t(r)] = options.in_scope(scope) ? 1 : 0;
      any |= in_scope_[size_t(r)] != 0;
    }
  }
  if (!any) return Status::OK();
  for (size_t id = 0; id < leaves_.size(); ++id) {
    if (leaves_[id]->spec->set == kScopeSet || !needed(id)) continue;
    ENTANGLE_RETURN_IF_ERROR(leaves_[id]->Read(row_group));
  }
  // Without the topics, a row's primary topic comes from primary_topic; an in-scope row without one
  // takes its first topic's subfield and field, as the JSON parse does: only then are they read.
  if (!want_topics_) {
    const Leaf* primary = Driver(leaves_, {kPtSub, kPtField});
    bool fallback = false;
    for (int64_t r = 0; r < rows_ && !fallback; ++r) {
      bool in_scope = in_scope_.empty() || in_scope_[size_t(r)] != 0;
      fallback = in_scope && (!primary || !primary->StructPresent(size_t(r)));
    }
    if (fallback) {
      for (LeafId id : {kTopicSub, kTopicField}) {
        ENTANGLE_RETURN_IF_ERROR(leaves_[id]->Resolve(file));
        ENTANGLE_RETURN_IF_ERROR(leaves_[id]->Read(row_group));
      }
    }
  }
  // The authorships' count comes from their country columns; without either, from author_position.
  if (leaves_[kInstCountry]->column < 0 && leaves_[kAuthCountries]->column < 0) {
    ENTANGLE_RETURN_IF_ERROR(leaves_[kAuthPosition]->Resolve(file));
    ENTANGLE_RETURN_IF_ERROR(leaves_[kAuthPosition]->Read(row_group));
  }
  rest_read_ = true;
  return Status::OK();
}

namespace {

void ReadTopicLite(const ParquetWorkReader::Leaf& id, const ParquetWorkReader::Leaf& score,
                   const ParquetWorkReader::Leaf& sub, const ParquetWorkReader::Leaf& field,
                   const ParquetWorkReader::Leaf& domain, size_t item, std::string& text, TopicLite& t) {
  std::string_view view;
  if (id.View(item, text, view)) t.topic = NumericId(view);
  score.Double(item, t.score);
  if (sub.View(item, text, view)) t.subfield = static_cast<uint32_t>(NumericId(view));
  if (field.View(item, text, view)) t.field = static_cast<uint32_t>(NumericId(view));
  if (domain.View(item, text, view)) t.domain = static_cast<uint32_t>(NumericId(view));
}

// The positions of a JSON array of integers ("[3, 17]"); other elements are left out.
template <typename Fn>
void ForEachJsonPosition(std::string_view json, Fn&& fn) {
  size_t i = json.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || json[i] != '[') return;  // not an array: no positions (as in JSON)
  ++i;
  while (i < json.size()) {
    char c = json[i];
    if (c == '-' || (c >= '0' && c <= '9')) {
      bool negative = c == '-';
      size_t j = negative ? i + 1 : i;
      int64_t v = 0;
      while (j < json.size() && json[j] >= '0' && json[j] <= '9') v = v * 10 + (json[j++] - '0');
      bool integer = j == json.size() || (json[j] != '.' && json[j] != 'e' && json[j] != 'E');
      if (integer && !negative) fn(v);
      while (j < json.size() && json[j] != ',' && json[j] != ']') ++j;
      i = j;
    }
    ++i;
  }
}

// The abstract of `row` from the inverted index's MAP (word → positions), as RebuildAbstract
// (work_summary.h) makes it from the JSON object: words in the order of their positions, joined by
// spaces. The positions are a LIST of integers (`positions`) or, when DuckDB stored them as JSON
// text, `positions_json`. `Position` is the type the JSON path of the caller sorts by (the
// summary's uint32_t, the full record's int64_t), so that both paths order ties alike.
template <typename Position>
void RebuildAbstractFromMap(const ParquetWorkReader::Leaf& key, const ParquetWorkReader::Leaf& positions,
                            const ParquetWorkReader::Leaf& positions_json, size_t row, std::string& out) {
  thread_local std::vector<std::pair<Position, std::string_view>> words;
  words.clear();
  out.clear();
  auto [e0, e1] = key.Items(0, row);
  for (uint32_t e = e0; e < e1; ++e) {
    int32_t k = key.Index(e);
    if (k < 0) continue;
    std::string_view word = key.data.binary_values()[size_t(k)];
    if (positions.read) {
      auto [p0, p1] = positions.Items(1, e);
      for (uint32_t p = p0; p < p1; ++p) {
        int64_t position = 0;
        if (positions.Int(p, position) && position >= 0) words.emplace_back(static_cast<Position>(position), word);
      }
    } else if (int32_t v = positions_json.Index(e); v >= 0) {
      ForEachJsonPosition(positions_json.data.binary_values()[size_t(v)],
                          [&](int64_t position) { words.emplace_back(static_cast<Position>(position), word); });
    }
  }
  std::sort(words.begin(), words.end());
  for (const auto& [position, word] : words) {
    if (!out.empty()) out.push_back(' ');
    out.append(word);
  }
}

}  // namespace

RecordError ParquetWorkReader::Summary(int64_t row_index, WorkSummary& out, std::string& detail) const {
  out.Clear();
  const auto& L = leaves_;
  size_t row = size_t(row_index);
  std::string text;
  std::string_view view;
  if (L[kId]->View(row, text, view)) {
    out.id.assign(LastPathSegment(view));
    out.id_number = NumericId(view);
  }
  int64_t year = 0;
  if (L[kYear]->Int(row, year)) out.year = static_cast<int>(year);
  out.has_language = L[kLanguage]->Text(row, out.language);
  L[kType]->Text(row, out.type);
  L[kUpdated]->Text(row, out.updated_date);
  if ((!in_scope_.empty() && !in_scope_[row]) || !rest_read_) {
    out.out_of_scope_early = true;
  } else {
    L[kCited]->Int(row, out.cited_by_count);
    L[kFwci]->Double(row, out.fwci);
    out.is_xpac = L[kXpac]->Bool(row);
    // Authors' countries, in the order the record gives institutions and countries (the schema's).
    const Leaf* driver = Driver(L, {kInstCountry, kAuthCountries, kAuthPosition});
    if (driver) {
      // Leaf columns are numbered in schema order, whatever the list layout.
      bool countries_first = L[kInstCountry]->column >= 0 && L[kAuthCountries]->column >= 0 &&
                             L[kAuthCountries]->column < L[kInstCountry]->column;
      auto [a0, a1] = driver->Items(0, row);
      for (uint32_t a = a0; a < a1; ++a) {
        uint32_t start = static_cast<uint32_t>(out.author_countries.size());
        for (int pass = 0; pass < 2; ++pass) {
          const Leaf& leaf = *L[(pass == 0) != countries_first ? kInstCountry : kAuthCountries];
          auto [i0, i1] = leaf.Items(1, a);
          for (uint32_t i = i0; i < i1; ++i) {
            if (leaf.View(i, text, view)) AddAuthorCountry(view, start, out);
          }
        }
        out.author_end.push_back(static_cast<uint32_t>(out.author_countries.size()));
      }
    }
    if (const Leaf* d = Driver(L, {kConceptId, kConceptScore})) {
      auto [c0, c1] = d->Items(0, row);
      for (uint32_t c = c0; c < c1; ++c) {
        if (!d->ElementPresent(c)) continue;
        ConceptLite& lite = out.concepts.emplace_back();
        if (L[kConceptId]->View(c, text, view)) lite.id = NumericId(view);
        L[kConceptScore]->Double(c, lite.score);
      }
    }
    if (const Leaf* d = Driver(L, {kTopicId, kTopicScore, kTopicSub, kTopicField, kTopicDomain}); d && want_topics_) {
      auto [t0, t1] = d->Items(0, row);
      for (uint32_t t = t0; t < t1; ++t) {
        if (!d->ElementPresent(t)) continue;
        ReadTopicLite(*L[kTopicId], *L[kTopicScore], *L[kTopicSub], *L[kTopicField], *L[kTopicDomain], t, text,
                      out.topics.emplace_back());
      }
    }
    if (const Leaf* d = Driver(L, {kPtId, kPtScore, kPtSub, kPtField, kPtDomain}); d && d->StructPresent(row)) {
      ReadTopicLite(*L[kPtId], *L[kPtScore], *L[kPtSub], *L[kPtField], *L[kPtDomain], row, text, out.primary_topic);
      out.has_primary_topic = true;
    }
    if (want_text_) {
      if (!L[kTitle]->Text(row, out.title)) L[kDisplayName]->Text(row, out.title);
      RebuildAbstractFromMap<uint32_t>(*L[kAbsKey], *L[kAbsPosList], *L[kAbsPosJson], row, out.abstract_text);
      const Leaf& names = L[kKwName]->read ? *L[kKwName] : *L[kKwString];
      auto [k0, k1] = names.Items(0, row);
      for (uint32_t k = k0; k < k1; ++k) names.Text(k, out.keywords.emplace_back());
    }
    if (!out.has_primary_topic && !out.topics.empty()) {
      out.primary_topic = out.topics.front();
      out.has_primary_topic = true;
    }
    // Without the topics (read only for this), the first topic's subfield and field.
    if (const Leaf* d = Driver(L, {kTopicSub, kTopicField}); d && !want_topics_ && !out.has_primary_topic) {
      if (auto [t0, t1] = d->Items(0, row); t0 < t1) {
        if (L[kTopicSub]->View(t0, text, view)) out.primary_topic.subfield = static_cast<uint32_t>(NumericId(view));
        if (L[kTopicField]->View(t0, text, view)) out.primary_topic.field = static_cast<uint32_t>(NumericId(view));
        out.has_primary_topic = true;
      }
    }
  }
  return CheckWorkIdentity(out.id, detail);
}

Status ParquetWorkReader::ReadRecords() {
  // Every column not read yet: the record's own, and the summary's when the scope test left them.
  for (auto& leaf : leaves_) {
    if (leaf->read) continue;
    ENTANGLE_RETURN_IF_ERROR(leaf->Resolve(*file_));
    ENTANGLE_RETURN_IF_ERROR(leaf->Read(row_group_));
  }
  return Status::OK();
}

void ParquetWorkReader::Record(int64_t row_index, WorkRecord& work) const {
  work = WorkRecord{};
  const auto& L = leaves_;
  size_t row = size_t(row_index);
  std::string text;
  work.id = ShortId(L[kId]->Str(row));
  work.doi = NormalizeDoi(L[kDoi]->Str(row));
  work.title = L[kTitle]->Str(row);
  if (work.title.empty()) work.title = L[kDisplayName]->Str(row);
  RebuildAbstractFromMap<int64_t>(*L[kAbsKey], *L[kAbsPosList], *L[kAbsPosJson], row, work.abstract);
  int64_t value = 0;
  if (L[kYear]->Int(row, value)) work.publication_year = static_cast<int>(value);
  work.publication_date = L[kPubDate]->Str(row);
  work.language = L[kLanguage]->Str(row);
  work.type = L[kType]->Str(row);
  work.updated_date = L[kUpdated]->Str(row);
  L[kCited]->Int(row, work.cited_by_count);
  double fwci = 0;
  if (L[kFwci]->Double(row, fwci)) work.fwci = fwci;
  if (const Leaf* d = Driver(L, {kCbyYear, kCbyCount})) {
    auto [c0, c1] = d->Items(0, row);
    for (uint32_t c = c0; c < c1; ++c) {
      if (!d->ElementPresent(c)) continue;
      YearCount yc;
      int64_t year = 0;
      if (L[kCbyYear]->Int(c, year)) yc.year = static_cast<int>(year);
      L[kCbyCount]->Int(c, yc.cited_by_count);
      work.counts_by_year.push_back(yc);
    }
  }
  // Authorships: the structure from any column under them.
  if (const Leaf* d = Driver(L, {kAuthPosition, kAuthorId, kAuthorName, kRawAuthorName, kIsCorr, kInstCountry,
                                 kAuthCountries, kInstId, kRawAff, kAffRaw})) {
    auto [a0, a1] = d->Items(0, row);
    int order = 0;
    for (uint32_t a = a0; a < a1; ++a) {
      Authorship au;
      au.order = order++;
      au.position = L[kAuthPosition]->Str(a);
      au.author_id = ShortId(L[kAuthorId]->Str(a));
      au.author_name = L[kAuthorName]->Str(a);
      if (au.author_name.empty()) au.author_name = L[kRawAuthorName]->Str(a);
      au.is_corresponding = L[kIsCorr]->Bool(a);
      if (const Leaf* inst = Driver(L, {kInstId, kInstCountry, kInstName, kInstRor, kInstType})) {
        auto [i0, i1] = inst->Items(1, a);
        for (uint32_t i = i0; i < i1; ++i) {
          if (!inst->ElementPresent(i)) continue;
          InstitutionRef ref;
          ref.id = ShortId(L[kInstId]->Str(i));
          ref.ror = NormalizeRor(L[kInstRor]->Str(i));
          ref.display_name = L[kInstName]->Str(i);
          ref.country_code = UpperCountry(L[kInstCountry]->Str(i));
          ref.type = L[kInstType]->Str(i);
          auto [l0, l1] = L[kInstLineage]->Items(2, i);
          for (uint32_t l = l0; l < l1; ++l) {
            if (L[kInstLineage]->Text(l, text)) ref.lineage.push_back(ShortId(text));
          }
          AddDistinct(au.countries, ref.country_code);
          int index = -1;
          for (size_t k = 0; k < work.institutions.size(); ++k) {
            const InstitutionRef& known = work.institutions[k];
            bool same =
                ref.id.empty() ? (known.id.empty() && known.display_name == ref.display_name) : known.id == ref.id;
            if (same) {
              index = static_cast<int>(k);
              break;
            }
          }
          if (index < 0) {
            work.institutions.push_back(std::move(ref));
            index = static_cast<int>(work.institutions.size() - 1);
          }
          if (std::find(au.institutions.begin(), au.institutions.end(), index) == au.institutions.end()) {
            au.institutions.push_back(index);
          }
        }
      }
      auto [c0, c1] = L[kAuthCountries]->Items(1, a);
      for (uint32_t c = c0; c < c1; ++c) {
        if (L[kAuthCountries]->Text(c, text)) AddDistinct(au.countries, UpperCountry(text));
      }
      auto [r0, r1] = L[kRawAff]->Items(1, a);
      for (uint32_t r = r0; r < r1; ++r) {
        if (L[kRawAff]->Text(r, text)) au.raw_affiliations.push_back(text);
      }
      if (au.raw_affiliations.empty()) {
        auto [f0, f1] = L[kAffRaw]->Items(1, a);
        for (uint32_t f = f0; f < f1; ++f) {
          std::string raw = L[kAffRaw]->Str(f);
          if (!raw.empty()) au.raw_affiliations.push_back(std::move(raw));
        }
      }
      for (const std::string& c : au.countries) AddDistinct(work.countries, c);
      work.authorships.push_back(std::move(au));
    }
    std::sort(work.countries.begin(), work.countries.end());
  }
  // Topics, as record_parser.cc's ReadTopics.
  auto topic_at = [&](bool primary, size_t item, TopicRef& t) {
    const int base_id = primary ? kPtId : kTopicId;
    const int base_name = primary ? kPtName : kTopicName;
    t.id = ShortId(L[base_id]->Str(item));
    t.name = L[base_name]->Str(item);
    L[primary ? kPtScore : kTopicScore]->Double(item, t.score);
    t.is_primary = primary;
    t.subfield_id = ShortId(L[primary ? kPtSub : kTopicSub]->Str(item));
    t.subfield_name = L[primary ? kPtSubName : kTopicSubName]->Str(item);
    t.field_id = ShortId(L[primary ? kPtField : kTopicField]->Str(item));
    t.field_name = L[primary ? kPtFieldName : kTopicFieldName]->Str(item);
    t.domain_id = ShortId(L[primary ? kPtDomain : kTopicDomain]->Str(item));
    t.domain_name = L[primary ? kPtDomainName : kTopicDomainName]->Str(item);
  };
  std::string primary_id;
  const Leaf* pt = Driver(L, {kPtId, kPtScore, kPtName, kPtSub});
  bool has_primary = pt && pt->StructPresent(row);
  if (has_primary) primary_id = ShortId(L[kPtId]->Str(row));
  if (const Leaf* d = Driver(L, {kTopicId, kTopicScore, kTopicName, kTopicSub})) {
    auto [t0, t1] = d->Items(0, row);
    for (uint32_t t = t0; t < t1; ++t) {
      if (d->ElementPresent(t)) topic_at(false, t, work.topics.emplace_back());
    }
  }
  if (work.topics.empty() && !primary_id.empty()) {
    topic_at(true, row, work.topics.emplace_back());
  } else {
    if (primary_id.empty() && !work.topics.empty()) primary_id = work.topics.front().id;
    for (TopicRef& t : work.topics) t.is_primary = t.id == primary_id;
  }
  if (const Leaf* d = Driver(L, {kConceptId, kConceptName, kConceptScore, kConceptLevel})) {
    auto [c0, c1] = d->Items(0, row);
    for (uint32_t c = c0; c < c1; ++c) {
      if (!d->ElementPresent(c)) continue;
      ConceptRef ref{ShortId(L[kConceptId]->Str(c)), L[kConceptName]->Str(c), -1, 0};
      int64_t level = -1;
      if (L[kConceptLevel]->Int(c, level)) ref.level = static_cast<int>(level);
      L[kConceptScore]->Double(c, ref.score);
      work.concepts.push_back(std::move(ref));
    }
  }
  if (const Leaf* d = Driver(L, {kGrantFunder, kGrantFunderName, kGrantAward})) {
    auto [g0, g1] = d->Items(0, row);
    for (uint32_t g = g0; g < g1; ++g) {
      if (!d->ElementPresent(g)) continue;
      work.grants.push_back({ShortId(L[kGrantFunder]->Str(g)), L[kGrantFunderName]->Str(g), L[kGrantAward]->Str(g)});
    }
  }
  if (const Leaf* d = Driver(L, {kAwardFunderId, kAwardFunderName, kAwardId})) {
    auto [g0, g1] = d->Items(0, row);
    for (uint32_t g = g0; g < g1; ++g) {
      if (!d->ElementPresent(g)) continue;
      work.grants.push_back({ShortId(L[kAwardFunderId]->Str(g)), L[kAwardFunderName]->Str(g), L[kAwardId]->Str(g)});
    }
  }
  if (const Leaf* d = Driver(L, {kFunderId, kFunderName})) {
    auto [f0, f1] = d->Items(0, row);
    for (uint32_t f = f0; f < f1; ++f) {
      if (!d->ElementPresent(f)) continue;
      std::string id = ShortId(L[kFunderId]->Str(f));
      bool known =
          std::any_of(work.grants.begin(), work.grants.end(), [&](const GrantRef& g) { return g.funder_id == id; });
      if (!known) work.grants.push_back({id, L[kFunderName]->Str(f), ""});
    }
  }
  const Leaf& names = L[kKwName]->read ? *L[kKwName] : *L[kKwString];
  auto [k0, k1] = names.Items(0, row);
  for (uint32_t k = k0; k < k1; ++k) {
    std::string name = names.Str(k);
    if (!name.empty()) work.keywords.push_back(std::move(name));
  }
}

}  // namespace entangle::extract
