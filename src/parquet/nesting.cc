// Nesting::Build: the list offsets of one leaf column from its repetition and definition levels.
#include <string>

#include "parquet/parquet_file.h"

namespace entangle::parquet {
namespace {

// The definition level at which an element of the column's innermost list exists. In the standard
// three-level form the element is the child of the repeated `list` group (a null element has a
// lower level); in the two-level forms and for a bare repeated field the repeated node is the
// element itself, which exists whenever the list has an item. 0 for a column under no list.
int16_t ElementDefLevel(const Schema& schema, int column) {
  const std::vector<SchemaNode>& nodes = schema.nodes();
  int below = -1;
  int node = static_cast<int>(&schema.column(column) - nodes.data());
  for (; node > 0; below = node, node = nodes[static_cast<size_t>(node)].parent) {
    const SchemaNode& n = nodes[static_cast<size_t>(node)];
    if (n.repetition != Repetition::kRepeated) continue;
    const bool wrapper = below >= 0 && n.canonical_path.ends_with(".list") &&
                         nodes[static_cast<size_t>(below)].canonical_path == n.canonical_path + ".element";
    return wrapper ? nodes[static_cast<size_t>(below)].max_def : n.max_def;
  }
  return 0;
}

}  // namespace

Status Nesting::Build(const Schema& schema, const ColumnData& data, Nesting* out) {
  const std::vector<int16_t>& list_defs = schema.repeated_def_levels(data.column());
  const int depth = data.max_rep();
  const std::string at =
      "row group " + std::to_string(data.row_group()) + ", column " + schema.column(data.column()).path;
  if (static_cast<int>(list_defs.size()) != depth || depth > 64) {
    return Status::InvalidArgument(at + ": the column's levels do not match the schema");
  }
  const size_t n = data.num_levels();
  out->num_rows = 0;
  out->levels.resize(static_cast<size_t>(depth));
  // Each level entry adds at most one parent per list level and one item: reserving for all of
  // them at once spares the copies of growing vectors.
  for (ListLevel& level : out->levels) {
    level.offsets.clear();
    level.present.clear();
    level.offsets.reserve(n + 1);
    level.present.reserve(n);
  }
  out->value_index.clear();
  out->value_index.reserve(n);
  out->element_present.clear();
  const int16_t element_def = ElementDefLevel(schema, data.column());
  if (depth > 0) out->element_present.reserve(n);

  const std::span<const int16_t> defs = data.def_levels();
  const std::span<const int16_t> reps = data.rep_levels();
  const int16_t max_def = data.max_def();
  uint32_t counts[65] = {};  // items so far per level
  int32_t next_value = 0;
  int64_t rows = 0;
  if (depth == 0) {
    // No list above the value (most of a study's columns): one entry per row, no offsets.
    out->value_index.resize(n);
    int32_t* index = out->value_index.data();
    for (size_t i = 0; i < n; ++i) {
      const int d = max_def > 0 ? defs[i] : 0;
      if (d > max_def) return Status::Corruption(at + ": level above the column's maximum");
      index[i] = d == max_def ? next_value++ : -1;
    }
    rows = static_cast<int64_t>(n);
  }
  for (size_t i = 0; depth > 0 && i < n; ++i) {
    const int r = reps[i];
    const int d = max_def > 0 ? defs[i] : 0;
    if (r > depth || d > max_def) return Status::Corruption(at + ": level above the column's maximum");
    if (r == 0) {
      ++rows;
      out->levels[0].offsets.push_back(counts[0]);
      out->levels[0].present.push_back(d >= list_defs[0] - 1);
    } else if (i == 0) {
      return Status::Corruption(at + ": the first entry continues a row");
    }
    for (int k = r == 0 ? 0 : r - 1; k < depth; ++k) {
      if (d < list_defs[static_cast<size_t>(k)]) {
        if (r > 0 && k == r - 1) {
          return Status::Corruption(at + ": entry " + std::to_string(i) + " repeats a list without an element");
        }
        break;
      }
      ++counts[k];
      if (k + 1 < depth) {
        ListLevel& inner = out->levels[static_cast<size_t>(k + 1)];
        inner.offsets.push_back(counts[k + 1]);
        inner.present.push_back(d >= list_defs[static_cast<size_t>(k + 1)] - 1);
      } else {
        out->value_index.push_back(d == max_def ? next_value++ : -1);
        out->element_present.push_back(d >= element_def);
      }
    }
  }
  for (int k = 0; k < depth; ++k) out->levels[static_cast<size_t>(k)].offsets.push_back(counts[k]);
  out->num_rows = rows;
  if (rows != data.num_rows()) {
    return Status::Corruption(at + ": levels describe " + std::to_string(rows) + " rows, the row group has " +
                              std::to_string(data.num_rows()));
  }
  if (static_cast<size_t>(next_value) != data.num_values()) {
    return Status::Corruption(at + ": levels define " + std::to_string(next_value) + " values, the pages hold " +
                              std::to_string(data.num_values()));
  }
  return Status::OK();
}

}  // namespace entangle::parquet
