#include "extract/parquet_entities.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "extract/openalex_ids.h"
#include "extract/record_values.h"

namespace entangle::extract {
namespace {

using parquet::LogicalKind;
using parquet::PhysicalType;

// One leaf column of one row group: text (BYTE_ARRAY) or an integer, under `depth` lists.
class Leaf {
 public:
  // Looks `path` up in the file and reads it; a missing column (or one whose ancestor is missing)
  // reads as null. An error when it has another type or depth, when an ancestor is a leaf (JSON text
  // where entangle reads nested fields) or when the pages cannot be decoded.
  Status Read(const parquet::ParquetFile& file, int row_group, std::string_view path, int depth, bool integer) {
    read_ = false;
    const parquet::Schema& schema = file.schema();
    int column = schema.FindColumn(path);
    std::string where = file.path() + ", row group " + std::to_string(row_group) + ", column " + std::string(path);
    if (column < 0) {
      for (size_t dot = path.rfind('.'); dot != std::string_view::npos && dot > 0; dot = path.rfind('.', dot - 1)) {
        int node = schema.FindNode(path.substr(0, dot));
        if (node >= 0 && schema.node(node).is_leaf) {
          return Status::InvalidArgument(where + ": " + std::string(path.substr(0, dot)) + " is " +
                                         parquet::PhysicalTypeName(schema.node(node).type) + " (" +
                                         parquet::LogicalKindName(schema.node(node).logical.kind) +
                                         "), not the nested field entangle reads");
        }
      }
      return Status::OK();
    }
    const parquet::SchemaNode& node = schema.column(column);
    bool ok = integer ? node.type == PhysicalType::kInt32 || node.type == PhysicalType::kInt64
                      : node.type == PhysicalType::kByteArray;
    if (!ok || node.max_rep != depth) {
      return Status::InvalidArgument(where + ": expected " + (integer ? "an integer" : "text (BYTE_ARRAY)") +
                                     " under " + std::to_string(depth) + " list(s), found " +
                                     parquet::PhysicalTypeName(node.type) + " under " + std::to_string(node.max_rep));
    }
    json_ = node.logical.kind == LogicalKind::kJson;
    ENTANGLE_RETURN_IF_ERROR(file.ReadColumn(row_group, column, &data_));
    Status built = parquet::Nesting::Build(schema, data_, &nest_);
    if (!built.ok()) return Status::Corruption(where + ": " + built.message());
    read_ = true;
    return Status::OK();
  }

  bool read() const { return read_; }
  bool json() const { return json_; }

  // Whether item `item` of a list is an element, not a null in the list (which the JSON parse skips).
  bool ElementPresent(size_t item) const {
    return read_ && (nest_.element_present.empty() || nest_.element_present[item] != 0);
  }
  // The items of the outermost list of `row` (depth >= 1).
  std::pair<uint32_t, uint32_t> Items(size_t row) const {
    if (!read_ || nest_.levels.empty()) return {0, 0};
    const std::vector<uint32_t>& o = nest_.levels[0].offsets;
    return {o[row], o[row + 1]};
  }
  // The raw text of an item (or of a row, at depth 0); false when null. JSON text is left as is.
  bool Raw(size_t item, std::string_view& out) const {
    if (!read_) return false;
    int32_t v = nest_.value_index[item];
    if (v < 0) return false;
    out = data_.binary_values()[size_t(v)];
    return true;
  }
  // The text of an item, as the JSON parse's Str gives it: "" when null or not a string.
  std::string Str(size_t item) const {
    std::string_view raw;
    if (!Raw(item, raw)) return "";
    if (!json_) return std::string(raw);
    simdjson::dom::parser parser;
    std::string_view s;
    if (parser.parse(raw.data(), raw.size()).get_string().get(s)) return "";
    return std::string(s);
  }
  int64_t Int(size_t row) const {
    if (!read_) return 0;
    int32_t v = nest_.value_index[row];
    if (v < 0) return 0;
    return data_.type() == PhysicalType::kInt32 ? data_.int32_values()[size_t(v)] : data_.int64_values()[size_t(v)];
  }
  // Every item of `row`'s list, as Str gives it.
  template <typename Fn>
  void ForEachItem(size_t row, Fn&& fn) const {
    auto [i0, i1] = Items(row);
    for (uint32_t i = i0; i < i1; ++i) {
      if (std::string_view raw; Raw(i, raw)) fn(Str(i));
    }
  }

 private:
  bool read_ = false, json_ = false;
  parquet::ColumnData data_;
  parquet::Nesting nest_;
};

// `international.display_name` (a name per language code), in whichever form the file has it: a
// MAP, a STRUCT with one field per language, or JSON text (of it or of `international`).
class InternationalNames {
 public:
  Status Read(const parquet::ParquetFile& file, int row_group) {
    const parquet::Schema& schema = file.schema();
    int node = schema.FindNode("international.display_name");
    if (node < 0) {
      int international = schema.FindNode("international");
      if (international >= 0 && schema.node(international).is_leaf) {
        json_of_ = "international";
        return json_.Read(file, row_group, "international", 0, false);
      }
      return Status::OK();
    }
    const parquet::SchemaNode& n = schema.node(node);
    if (n.is_leaf) {
      json_of_ = "international.display_name";
      return json_.Read(file, row_group, "international.display_name", 0, false);
    }
    if (schema.FindColumn("international.display_name.key_value.value") >= 0) {
      return map_.Read(file, row_group, "international.display_name.key_value.value", 1, false);
    }
    for (int child : n.children) {
      const parquet::SchemaNode& c = schema.node(child);
      if (!c.is_leaf) continue;  // a language is a string; anything else is not a name
      fields_.emplace_back();
      ENTANGLE_RETURN_IF_ERROR(fields_.back().Read(file, row_group, c.path, 0, false));
    }
    return Status::OK();
  }

  void Add(size_t row, std::vector<std::string>& names) const {
    if (map_.read()) map_.ForEachItem(row, [&](std::string name) { AddDistinct(names, std::move(name)); });
    for (const Leaf& field : fields_) AddDistinct(names, field.Str(row));
    std::string_view raw;
    if (json_of_.empty() || !json_.Raw(row, raw)) return;
    simdjson::dom::parser parser;
    simdjson::dom::object o;
    if (parser.parse(raw.data(), raw.size()).get_object().get(o)) return;
    if (json_of_ == "international" && o["display_name"].get_object().get(o)) return;
    for (auto [language, value] : o) {
      (void)language;
      std::string_view s;
      if (!value.get_string().get(s)) AddDistinct(names, std::string(s));
    }
  }

 private:
  Leaf map_, json_;
  std::vector<Leaf> fields_;
  std::string json_of_;
};

}  // namespace

Status ReadParquetInstitutions(const parquet::ParquetFile& file, int row_group,
                               const std::function<Status(int64_t row, const InstitutionEntity&)>& on_row) {
  Leaf id, ror, name, country, type, works, lineage, alternatives, acronyms, associated_id, relationship;
  InternationalNames international;
  ENTANGLE_RETURN_IF_ERROR(id.Read(file, row_group, "id", 0, false));
  ENTANGLE_RETURN_IF_ERROR(ror.Read(file, row_group, "ror", 0, false));
  ENTANGLE_RETURN_IF_ERROR(name.Read(file, row_group, "display_name", 0, false));
  ENTANGLE_RETURN_IF_ERROR(country.Read(file, row_group, "country_code", 0, false));
  ENTANGLE_RETURN_IF_ERROR(type.Read(file, row_group, "type", 0, false));
  ENTANGLE_RETURN_IF_ERROR(works.Read(file, row_group, "works_count", 0, true));
  ENTANGLE_RETURN_IF_ERROR(lineage.Read(file, row_group, "lineage.list.element", 1, false));
  ENTANGLE_RETURN_IF_ERROR(alternatives.Read(file, row_group, "display_name_alternatives.list.element", 1, false));
  ENTANGLE_RETURN_IF_ERROR(acronyms.Read(file, row_group, "display_name_acronyms.list.element", 1, false));
  ENTANGLE_RETURN_IF_ERROR(international.Read(file, row_group));
  ENTANGLE_RETURN_IF_ERROR(associated_id.Read(file, row_group, "associated_institutions.list.element.id", 1, false));
  ENTANGLE_RETURN_IF_ERROR(
      relationship.Read(file, row_group, "associated_institutions.list.element.relationship", 1, false));
  const int64_t rows = file.row_group(row_group).num_rows;
  InstitutionEntity e;
  for (int64_t r = 0; r < rows; ++r) {
    const size_t row = size_t(r);
    e = InstitutionEntity{};
    e.id = ShortId(id.Str(row));
    if (!e.id.empty()) {
      e.ror = NormalizeRor(ror.Str(row));
      e.display_name = name.Str(row);
      e.country_code = UpperCountry(country.Str(row));
      e.type = type.Str(row);
      e.works_count = works.Int(row);
      lineage.ForEachItem(row, [&](const std::string& s) { e.lineage.push_back(ShortId(s)); });
      alternatives.ForEachItem(row, [&](std::string s) { AddDistinct(e.alternative_names, std::move(s)); });
      acronyms.ForEachItem(row, [&](std::string s) { AddDistinct(e.alternative_names, std::move(s)); });
      international.Add(row, e.alternative_names);
      std::erase(e.alternative_names, e.display_name);
      // The associated institutions: the structure from either column.
      const Leaf& driver = associated_id.read() ? associated_id : relationship;
      auto [a0, a1] = driver.Items(row);
      for (uint32_t a = a0; a < a1; ++a) {
        if (!driver.ElementPresent(a)) continue;  // a null in the list, skipped as the JSON parse does
        e.associated_ids.push_back(ShortId(associated_id.Str(a)));
        e.associated_relationships.push_back(relationship.Str(a));
      }
    }
    ENTANGLE_RETURN_IF_ERROR(on_row(r, e));
  }
  return Status::OK();
}

Status ReadParquetFunders(const parquet::ParquetFile& file, int row_group,
                          const std::function<Status(int64_t row, const FunderEntity&)>& on_row) {
  Leaf id, ror, ids_ror, name, country, works, titles;
  InternationalNames international;
  ENTANGLE_RETURN_IF_ERROR(id.Read(file, row_group, "id", 0, false));
  ENTANGLE_RETURN_IF_ERROR(ror.Read(file, row_group, "ror", 0, false));
  ENTANGLE_RETURN_IF_ERROR(ids_ror.Read(file, row_group, "ids.ror", 0, false));
  ENTANGLE_RETURN_IF_ERROR(name.Read(file, row_group, "display_name", 0, false));
  ENTANGLE_RETURN_IF_ERROR(country.Read(file, row_group, "country_code", 0, false));
  ENTANGLE_RETURN_IF_ERROR(works.Read(file, row_group, "works_count", 0, true));
  ENTANGLE_RETURN_IF_ERROR(titles.Read(file, row_group, "alternate_titles.list.element", 1, false));
  ENTANGLE_RETURN_IF_ERROR(international.Read(file, row_group));
  const int64_t rows = file.row_group(row_group).num_rows;
  FunderEntity e;
  for (int64_t r = 0; r < rows; ++r) {
    const size_t row = size_t(r);
    e = FunderEntity{};
    e.id = ShortId(id.Str(row));
    if (!e.id.empty()) {
      e.ror = NormalizeRor(ror.Str(row));
      if (e.ror.empty()) e.ror = NormalizeRor(ids_ror.Str(row));
      e.display_name = name.Str(row);
      e.country_code = UpperCountry(country.Str(row));
      e.works_count = works.Int(row);
      titles.ForEachItem(row, [&](std::string s) { AddDistinct(e.alternative_names, std::move(s)); });
      international.Add(row, e.alternative_names);
      std::erase(e.alternative_names, e.display_name);
    }
    ENTANGLE_RETURN_IF_ERROR(on_row(r, e));
  }
  return Status::OK();
}

}  // namespace entangle::extract
