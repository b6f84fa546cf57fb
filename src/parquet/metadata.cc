#include "parquet/metadata.h"

#include <cstdint>
#include <string_view>
#include <utility>

#include "parquet/thrift_compact.h"

namespace entangle::parquet {
namespace {

struct RawSchemaElement {
  int32_t type = -1;
  int32_t type_length = 0;
  int32_t repetition = -1;
  std::string name;
  int32_t num_children = -1;
  int32_t converted_type = -1;
  int32_t scale = 0;
  int32_t precision = 0;
  LogicalType logical;
};

// Reads a struct whose fields are all skipped (the empty structs of the LogicalType union).
void SkipStructBody(ThriftReader& r) { r.Skip(ThriftType::kStruct); }

int8_t ReadTimeUnit(ThriftReader& r) {
  int8_t unit = 0;
  r.BeginStruct();
  int16_t id;
  ThriftType t;
  while (r.NextField(&id, &t)) {
    if (id >= 1 && id <= 3 && t == ThriftType::kStruct) {
      unit = static_cast<int8_t>(id);
      SkipStructBody(r);
    } else {
      r.Skip(t);
    }
  }
  r.EndStruct();
  return unit;
}

LogicalType ReadLogicalType(ThriftReader& r) {
  LogicalType out;
  r.BeginStruct();
  int16_t id;
  ThriftType t;
  while (r.NextField(&id, &t)) {
    if (t != ThriftType::kStruct) {
      r.Skip(t);
      continue;
    }
    switch (id) {
      case 1: out.kind = LogicalKind::kString; break;
      case 2: out.kind = LogicalKind::kMap; break;
      case 3: out.kind = LogicalKind::kList; break;
      case 4: out.kind = LogicalKind::kEnum; break;
      case 6: out.kind = LogicalKind::kDate; break;
      case 11: out.kind = LogicalKind::kNull; break;
      case 12: out.kind = LogicalKind::kJson; break;
      case 13: out.kind = LogicalKind::kBson; break;
      case 14: out.kind = LogicalKind::kUuid; break;
      case 15: out.kind = LogicalKind::kFloat16; break;
      case 5:     // DecimalType
      case 7:     // TimeType
      case 8:     // TimestampType
      case 10: {  // IntType
        out.kind = id == 5   ? LogicalKind::kDecimal
                   : id == 7 ? LogicalKind::kTime
                   : id == 8 ? LogicalKind::kTimestamp
                             : LogicalKind::kInteger;
        r.BeginStruct();
        int16_t fid;
        ThriftType ft;
        while (r.NextField(&fid, &ft)) {
          if (id == 5 && fid == 1 && ft == ThriftType::kI32) {
            out.scale = r.ReadI32();
          } else if (id == 5 && fid == 2 && ft == ThriftType::kI32) {
            out.precision = r.ReadI32();
          } else if ((id == 7 || id == 8) && fid == 1 &&
                     (ft == ThriftType::kBoolTrue || ft == ThriftType::kBoolFalse)) {
            out.utc = r.ReadBool(ft);
          } else if ((id == 7 || id == 8) && fid == 2 && ft == ThriftType::kStruct) {
            out.time_unit = ReadTimeUnit(r);
          } else if (id == 10 && fid == 1 && ft == ThriftType::kByte) {
            out.bit_width = r.ReadByte();
          } else if (id == 10 && fid == 2 && (ft == ThriftType::kBoolTrue || ft == ThriftType::kBoolFalse)) {
            out.is_signed = r.ReadBool(ft);
          } else {
            r.Skip(ft);
          }
        }
        r.EndStruct();
        continue;
      }
      default: out.kind = LogicalKind::kOther; break;
    }
    SkipStructBody(r);
  }
  r.EndStruct();
  return out;
}

// The logical type a legacy ConvertedType stands for.
LogicalType FromConverted(int32_t converted, int32_t scale, int32_t precision) {
  LogicalType out;
  switch (converted) {
    case 0: out.kind = LogicalKind::kString; break;  // UTF8
    case 1:                                          // MAP
    case 2: out.kind = LogicalKind::kMap; break;     // MAP_KEY_VALUE
    case 3: out.kind = LogicalKind::kList; break;
    case 4: out.kind = LogicalKind::kEnum; break;
    case 5:
      out.kind = LogicalKind::kDecimal;
      out.scale = scale;
      out.precision = precision;
      break;
    case 6: out.kind = LogicalKind::kDate; break;
    case 7:
    case 8:
      out.kind = LogicalKind::kTime;
      out.time_unit = converted == 7 ? 1 : 2;
      out.utc = true;
      break;
    case 9:
    case 10:
      out.kind = LogicalKind::kTimestamp;
      out.time_unit = converted == 9 ? 1 : 2;
      out.utc = true;
      break;
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18:
      out.kind = LogicalKind::kInteger;
      out.is_signed = converted >= 15;
      out.bit_width = static_cast<int8_t>(8 << ((converted - 11) % 4));
      break;
    case 19: out.kind = LogicalKind::kJson; break;
    case 20: out.kind = LogicalKind::kBson; break;
    case -1: break;
    default: out.kind = LogicalKind::kOther; break;
  }
  return out;
}

void ReadSchemaElement(ThriftReader& r, RawSchemaElement* e) {
  r.BeginStruct();
  int16_t id;
  ThriftType t;
  bool has_logical = false;
  while (r.NextField(&id, &t)) {
    if (id == 1 && t == ThriftType::kI32) {
      e->type = r.ReadI32();
    } else if (id == 2 && t == ThriftType::kI32) {
      e->type_length = r.ReadI32();
    } else if (id == 3 && t == ThriftType::kI32) {
      e->repetition = r.ReadI32();
    } else if (id == 4 && t == ThriftType::kBinary) {
      e->name = std::string(r.ReadBinary());
    } else if (id == 5 && t == ThriftType::kI32) {
      e->num_children = r.ReadI32();
    } else if (id == 6 && t == ThriftType::kI32) {
      e->converted_type = r.ReadI32();
    } else if (id == 7 && t == ThriftType::kI32) {
      e->scale = r.ReadI32();
    } else if (id == 8 && t == ThriftType::kI32) {
      e->precision = r.ReadI32();
    } else if (id == 10 && t == ThriftType::kStruct) {
      e->logical = ReadLogicalType(r);
      has_logical = true;
    } else {
      r.Skip(t);
    }
  }
  r.EndStruct();
  if (!has_logical || e->logical.kind == LogicalKind::kNone) {
    e->logical = FromConverted(e->converted_type, e->scale, e->precision);
  }
}

void ReadEncodings(ThriftReader& r, std::vector<int8_t>* out) {
  ThriftType et;
  uint32_t n;
  if (!r.ReadListHeader(&et, &n)) return;
  out->clear();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    if (et != ThriftType::kI32) {
      r.Skip(et);
      continue;
    }
    int32_t e = r.ReadI32();
    out->push_back(static_cast<int8_t>(e >= 0 && e < 128 ? e : -1));
  }
}

void ReadColumnMetaData(ThriftReader& r, ColumnChunkInfo* c, int32_t* type) {
  r.BeginStruct();
  int16_t id;
  ThriftType t;
  while (r.NextField(&id, &t)) {
    if (id == 1 && t == ThriftType::kI32) {
      *type = r.ReadI32();
    } else if (id == 2 && t == ThriftType::kList) {
      ReadEncodings(r, &c->encodings);
    } else if (id == 4 && t == ThriftType::kI32) {
      int32_t codec = r.ReadI32();
      c->codec = static_cast<Codec>(codec >= 0 && codec <= 7 ? codec : 127);
    } else if (id == 5 && t == ThriftType::kI64) {
      c->num_values = r.ReadI64();
    } else if (id == 6 && t == ThriftType::kI64) {
      c->total_uncompressed_size = r.ReadI64();
    } else if (id == 7 && t == ThriftType::kI64) {
      c->total_compressed_size = r.ReadI64();
    } else if (id == 9 && t == ThriftType::kI64) {
      c->data_page_offset = r.ReadI64();
    } else if (id == 11 && t == ThriftType::kI64) {
      c->dictionary_page_offset = r.ReadI64();
    } else {
      r.Skip(t);
    }
  }
  r.EndStruct();
}

// A ColumnChunk; *external is set when its pages live in another file.
void ReadColumnChunk(ThriftReader& r, ColumnChunkInfo* c, int32_t* type, bool* has_meta, bool* external) {
  r.BeginStruct();
  int16_t id;
  ThriftType t;
  while (r.NextField(&id, &t)) {
    if (id == 1 && t == ThriftType::kBinary) {
      *external = !r.ReadBinary().empty();
    } else if (id == 3 && t == ThriftType::kStruct) {
      ReadColumnMetaData(r, c, type);
      *has_meta = true;
    } else {
      r.Skip(t);
    }
  }
  r.EndStruct();
}

}  // namespace

const char* EncodingName(int encoding) {
  switch (encoding) {
    case kPlain: return "PLAIN";
    case 1: return "GROUP_VAR_INT";
    case kPlainDictionary: return "PLAIN_DICTIONARY";
    case kRle: return "RLE";
    case kBitPacked: return "BIT_PACKED";
    case kDeltaBinaryPacked: return "DELTA_BINARY_PACKED";
    case kDeltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY";
    case kDeltaByteArray: return "DELTA_BYTE_ARRAY";
    case kRleDictionary: return "RLE_DICTIONARY";
    case kByteStreamSplit: return "BYTE_STREAM_SPLIT";
    default: return "unknown encoding";
  }
}

const char* DecodePageHeader(const uint8_t* data, size_t size, PageHeader* out, size_t* header_size) {
  *out = PageHeader();
  ThriftReader r(data, size);
  r.BeginStruct();
  int16_t id;
  ThriftType t;
  while (r.NextField(&id, &t)) {
    if (id == 1 && t == ThriftType::kI32) {
      out->type = r.ReadI32();
    } else if (id == 2 && t == ThriftType::kI32) {
      out->uncompressed_size = r.ReadI32();
    } else if (id == 3 && t == ThriftType::kI32) {
      out->compressed_size = r.ReadI32();
    } else if ((id == 5 || id == 7 || id == 8) && t == ThriftType::kStruct) {
      (id == 5 ? out->has_data_v1 : id == 7 ? out->has_dictionary : out->has_data_v2) = true;
      r.BeginStruct();
      int16_t fid;
      ThriftType ft;
      while (r.NextField(&fid, &ft)) {
        bool is_bool = ft == ThriftType::kBoolTrue || ft == ThriftType::kBoolFalse;
        if (fid == 1 && ft == ThriftType::kI32) {
          out->num_values = r.ReadI32();
        } else if (id == 5 && fid >= 2 && fid <= 4 && ft == ThriftType::kI32) {
          int32_t e = r.ReadI32();
          (fid == 2 ? out->encoding : fid == 3 ? out->def_encoding : out->rep_encoding) = e;
        } else if (id == 7 && fid == 2 && ft == ThriftType::kI32) {
          out->encoding = r.ReadI32();
        } else if (id == 8 && fid >= 2 && fid <= 6 && ft == ThriftType::kI32) {
          int32_t v = r.ReadI32();
          switch (fid) {
            case 2: out->num_nulls = v; break;
            case 3: out->num_rows = v; break;
            case 4: out->encoding = v; break;
            case 5: out->def_length = v; break;
            case 6: out->rep_length = v; break;
          }
        } else if (id == 8 && fid == 7 && is_bool) {
          out->is_compressed = r.ReadBool(ft);
        } else {
          r.Skip(ft);
        }
      }
      r.EndStruct();
    } else {
      r.Skip(t);
    }
  }
  r.EndStruct();
  if (!r.ok()) return r.error();
  if (out->type < 0 || out->compressed_size < 0 || out->uncompressed_size < 0) {
    return "page header without type or sizes";
  }
  *header_size = r.consumed();
  return nullptr;
}

// Builds the schema tree from the flattened elements (depth first, the root first).
class SchemaBuilder {
 public:
  SchemaBuilder(const std::vector<RawSchemaElement>& elements, const std::string& where, Schema* schema)
      : elements_(elements), where_(where), schema_(schema) {}

  Status Build() {
    if (elements_.empty()) return Status::Corruption(where_ + ": footer has no schema");
    schema_->nodes_.clear();
    list_wrapper_.clear();
    schema_->leaves_.clear();
    schema_->repeated_defs_.clear();
    size_t next = 0;
    ENTANGLE_RETURN_IF_ERROR(Add(&next, -1, 0));
    if (next != elements_.size()) {
      return Status::Corruption(where_ + ": schema has " + std::to_string(elements_.size() - next) +
                                " elements after its root's children");
    }
    for (int leaf : schema_->leaves_) {
      std::vector<int16_t> defs;
      for (int n = leaf; n > 0; n = schema_->nodes_[static_cast<size_t>(n)].parent) {
        const SchemaNode& node = schema_->nodes_[static_cast<size_t>(n)];
        if (node.repetition == Repetition::kRepeated) defs.insert(defs.begin(), node.max_def);
      }
      schema_->repeated_defs_.push_back(std::move(defs));
    }
    return Status::OK();
  }

 private:
  Status Add(size_t* next, int parent, int depth) {
    if (depth > 64) return Status::Corruption(where_ + ": schema nested too deeply");
    if (*next >= elements_.size()) return Status::Corruption(where_ + ": schema ends inside a group");
    const RawSchemaElement& e = elements_[(*next)++];
    int index = static_cast<int>(schema_->nodes_.size());
    schema_->nodes_.emplace_back();
    list_wrapper_.push_back(0);
    SchemaNode node;
    node.name = e.name;
    node.parent = parent;
    node.converted_type = e.converted_type;
    node.logical = e.logical;
    if (parent >= 0) {
      if (e.repetition < 0 || e.repetition > 2) {
        return Status::Corruption(where_ + ": schema element '" + e.name + "' has no valid repetition");
      }
      node.repetition = static_cast<Repetition>(e.repetition);
      const SchemaNode& p = schema_->nodes_[static_cast<size_t>(parent)];
      node.path = p.path.empty() ? e.name : p.path + "." + e.name;
      node.canonical_path = CanonicalPath(p, parent, node.repetition, e);
      node.max_def = static_cast<int16_t>(p.max_def + (node.repetition != Repetition::kRequired ? 1 : 0));
      node.max_rep = static_cast<int16_t>(p.max_rep + (node.repetition == Repetition::kRepeated ? 1 : 0));
    }
    bool is_group = e.num_children >= 0 || parent < 0;
    if (!is_group) {
      if (e.type < 0 || e.type > 7) {
        return Status::Corruption(where_ + ": column " + node.path + " has no valid physical type");
      }
      node.is_leaf = true;
      node.type = static_cast<PhysicalType>(e.type);
      node.type_length = e.type_length;
      if (node.type == PhysicalType::kFixedLenByteArray && e.type_length <= 0) {
        return Status::Corruption(where_ + ": column " + node.path + " is FIXED_LEN_BYTE_ARRAY without a length");
      }
      node.column = static_cast<int>(schema_->leaves_.size());
      schema_->leaves_.push_back(index);
      schema_->nodes_[static_cast<size_t>(index)] = std::move(node);
      return Status::OK();
    }
    int children = e.num_children < 0 ? 0 : e.num_children;
    if (static_cast<size_t>(children) > elements_.size() - *next) {
      return Status::Corruption(where_ + ": schema group '" + e.name + "' claims " + std::to_string(children) +
                                " children, more than the elements left");
    }
    schema_->nodes_[static_cast<size_t>(index)] = std::move(node);
    for (int i = 0; i < children; ++i) {
      int child = static_cast<int>(schema_->nodes_.size());
      ENTANGLE_RETURN_IF_ERROR(Add(next, index, depth + 1));
      schema_->nodes_[static_cast<size_t>(index)].children.push_back(child);
    }
    return Status::OK();
  }

  // The node's path with its lists in the standard form (SchemaNode::canonical_path), following
  // the backward-compatibility rules of the format's LogicalTypes.md ("Lists"). `p` is the parent.
  std::string CanonicalPath(const SchemaNode& p, int parent, Repetition repetition, const RawSchemaElement& e) {
    const std::string prefix = p.canonical_path.empty() ? "" : p.canonical_path + ".";
    if (list_wrapper_[static_cast<size_t>(parent)]) return p.canonical_path + ".element";
    if (repetition != Repetition::kRepeated) return prefix + e.name;
    if (p.logical.kind == LogicalKind::kMap) return p.canonical_path + ".key_value";
    if (p.logical.kind == LogicalKind::kList) {
      // The repeated field is the element itself when it is a primitive, a group of several
      // fields, or a one-field group named `array` or `<list>_tuple`; otherwise it is the middle
      // level of a three-level list, and its one field is the element.
      const bool is_element =
          e.num_children < 0 || e.num_children > 1 || e.name == "array" || e.name == p.name + "_tuple";
      if (is_element) return p.canonical_path + ".list.element";
      list_wrapper_.back() = 1;
      return p.canonical_path + ".list";
    }
    // A repeated field outside a LIST or MAP: a list of required elements, named by the field.
    return prefix + e.name + ".list.element";
  }

  const std::vector<RawSchemaElement>& elements_;
  const std::string& where_;
  Schema* schema_;
  std::vector<uint8_t> list_wrapper_;  // per node: the middle (repeated) level of a three-level list
};

Status DecodeFileMetaData(const uint8_t* data, size_t size, const std::string& where, Schema* schema,
                          FileMetaDataParts* parts) {
  ThriftReader r(data, size);
  std::vector<RawSchemaElement> elements;
  // Physical types from the column metadata, checked against the schema below.
  std::vector<std::vector<int32_t>> chunk_types;
  std::vector<std::vector<uint8_t>> chunk_flags;  // bit 0: has metadata, bit 1: external file
  bool has_schema = false;
  r.BeginStruct();
  int16_t id;
  ThriftType t;
  while (r.NextField(&id, &t)) {
    if (id == 2 && t == ThriftType::kList) {
      ThriftType et;
      uint32_t n;
      if (!r.ReadListHeader(&et, &n)) break;
      if (et != ThriftType::kStruct) {
        r.Fail("thrift: schema is not a list of structs");
        break;
      }
      elements.resize(n);
      for (uint32_t i = 0; i < n && r.ok(); ++i) ReadSchemaElement(r, &elements[i]);
      has_schema = true;
    } else if (id == 3 && t == ThriftType::kI64) {
      parts->num_rows = r.ReadI64();
    } else if (id == 4 && t == ThriftType::kList) {
      ThriftType et;
      uint32_t n;
      if (!r.ReadListHeader(&et, &n)) break;
      if (et != ThriftType::kStruct) {
        r.Fail("thrift: row groups are not a list of structs");
        break;
      }
      parts->row_groups.resize(n);
      chunk_types.resize(n);
      chunk_flags.resize(n);
      for (uint32_t g = 0; g < n && r.ok(); ++g) {
        RowGroupInfo& rg = parts->row_groups[g];
        r.BeginStruct();
        int16_t gid;
        ThriftType gt;
        while (r.NextField(&gid, &gt)) {
          if (gid == 1 && gt == ThriftType::kList) {
            ThriftType ct;
            uint32_t cn;
            if (!r.ReadListHeader(&ct, &cn)) break;
            if (ct != ThriftType::kStruct) {
              r.Fail("thrift: column chunks are not a list of structs");
              break;
            }
            rg.columns.resize(cn);
            chunk_types[g].assign(cn, -1);
            chunk_flags[g].assign(cn, 0);
            for (uint32_t c = 0; c < cn && r.ok(); ++c) {
              bool has_meta = false, external = false;
              ReadColumnChunk(r, &rg.columns[c], &chunk_types[g][c], &has_meta, &external);
              chunk_flags[g][c] = static_cast<uint8_t>((has_meta ? 1 : 0) | (external ? 2 : 0));
            }
          } else if (gid == 2 && gt == ThriftType::kI64) {
            rg.total_byte_size = r.ReadI64();
          } else if (gid == 3 && gt == ThriftType::kI64) {
            rg.num_rows = r.ReadI64();
          } else {
            r.Skip(gt);
          }
        }
        r.EndStruct();
      }
    } else if (id == 6 && t == ThriftType::kBinary) {
      parts->created_by = std::string(r.ReadBinary());
    } else {
      r.Skip(t);
    }
  }
  r.EndStruct();
  if (!r.ok()) {
    return Status::Corruption(where + ": footer (FileMetaData) at byte " + std::to_string(r.offset()) + " of " +
                              std::to_string(size) + ": " + r.error());
  }
  if (!has_schema) return Status::Corruption(where + ": footer has no schema");
  ENTANGLE_RETURN_IF_ERROR(SchemaBuilder(elements, where, schema).Build());
  if (parts->num_rows < 0) return Status::Corruption(where + ": footer gives a negative row count");

  int64_t rows = 0;
  for (size_t g = 0; g < parts->row_groups.size(); ++g) {
    const RowGroupInfo& rg = parts->row_groups[g];
    std::string at = where + ", row group " + std::to_string(g);
    if (rg.num_rows < 0 || rg.num_rows > INT64_MAX - rows) return Status::Corruption(at + ": invalid row count");
    rows += rg.num_rows;
    if (static_cast<int>(rg.columns.size()) != schema->num_columns()) {
      return Status::Corruption(at + ": " + std::to_string(rg.columns.size()) + " column chunks for " +
                                std::to_string(schema->num_columns()) + " leaf columns in the schema");
    }
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const SchemaNode& leaf = schema->column(static_cast<int>(c));
      std::string col = at + ", column " + leaf.path;
      if ((chunk_flags[g][c] & 2) != 0) {
        return Status::Unsupported(col + ": column chunk stored in another file");
      }
      if ((chunk_flags[g][c] & 1) == 0) return Status::Corruption(col + ": column chunk without metadata");
      if (chunk_types[g][c] != static_cast<int32_t>(leaf.type)) {
        return Status::Corruption(col + ": metadata gives physical type " + std::to_string(chunk_types[g][c]) +
                                  ", the schema " + PhysicalTypeName(leaf.type));
      }
      ColumnChunkInfo& info = parts->row_groups[g].columns[c];
      info.type = leaf.type;
      if (info.num_values < 0 || info.total_compressed_size < 0 || info.data_page_offset < 0) {
        return Status::Corruption(col + ": negative value count, size or offset in the metadata");
      }
    }
  }
  if (rows != parts->num_rows) {
    return Status::Corruption(where + ": row groups hold " + std::to_string(rows) + " rows, the footer says " +
                              std::to_string(parts->num_rows));
  }
  return Status::OK();
}

}  // namespace entangle::parquet
