#include "synth/entity_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "synth/fragments.h"
#include "synth/gzip_writer.h"
#include "synth/json_writer.h"
#include "synth/rng.h"
#include "synth/tables.h"
#include "synth/work_plan.h"

namespace entangle::synth {
namespace {

namespace fs = std::filesystem;

Status WriteTextFile(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::IOError(path + ": " + std::strerror(errno));
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) return Status::IOError(path + ": write failed");
  return Status::OK();
}

Status MakeDirs(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError(dir + ": " + ec.message());
  return Status::OK();
}

std::vector<std::string_view> SplitList(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t p = s.find(sep);
    std::string_view part = s.substr(0, p);
    if (!part.empty()) out.push_back(part);
    if (p == std::string_view::npos) break;
    s = s.substr(p + 1);
  }
  return out;
}

void Url(JsonWriter& w, const char* prefix, std::string_view id) {
  w.OpenString();
  w.out() += prefix;
  w.out() += id;
  w.CloseString();
}

// The fields an institution and its entries in associated_institutions share.
void WriteCoreFields(JsonWriter& w, const InstitutionDef& d) {
  w.Key("id");
  Url(w, "https://openalex.org/", d.id);
  w.Key("ror");
  if (d.ror[0]) Url(w, "https://ror.org/", d.ror); else w.Null();
  w.Key("display_name");
  w.String(d.name);
  w.Key("country_code");
  if (d.country[0]) w.String(d.country); else w.Null();
  w.Key("type");
  w.String(d.type);
}

void WriteAssociated(JsonWriter& w, uint16_t self) {
  const auto& all = Institutions();
  const std::string_view self_id = all[self].id;
  w.BeginArray();
  auto entry = [&](size_t i, const char* relationship) {
    const InstitutionDef& d = all[i];
    w.BeginObject();
    WriteCoreFields(w, d);
    w.Key("relationship");
    w.String(relationship);
    w.EndObject();
  };
  for (std::string_view parent : SplitList(all[self].parents, ' ')) {
    for (size_t i = 0; i < all.size(); ++i) {
      if (parent == all[i].id) entry(i, "parent");
    }
  }
  for (size_t i = 0; i < all.size(); ++i) {
    for (std::string_view parent : SplitList(all[i].parents, ' ')) {
      if (parent == self_id) entry(i, "child");
    }
  }
  w.EndArray();
}

void AppendInstitution(std::string& out, uint16_t idx, const std::string& updated, Rng& rng) {
  const InstitutionDef& d = Institutions()[idx];
  JsonWriter w(out, false);
  const int64_t works = static_cast<int64_t>(d.weight * 20000 + rng.Below(5000));
  w.BeginObject();
  WriteCoreFields(w, d);
  w.Key("type_id");
  Url(w, "https://openalex.org/institution-types/", d.type);
  w.Key("lineage");
  w.BeginArray();
  Url(w, "https://openalex.org/", d.id);
  for (std::string_view p : SplitList(d.parents, ' ')) Url(w, "https://openalex.org/", p);
  w.EndArray();
  w.Key("homepage_url");
  w.Null();
  w.Key("image_url");
  w.Null();
  w.Key("display_name_acronyms");
  w.BeginArray();
  if (d.acronym[0]) w.String(d.acronym);
  w.EndArray();
  w.Key("display_name_alternatives");
  w.BeginArray();
  for (std::string_view a : SplitList(d.alternatives, ';')) w.String(a);
  w.EndArray();
  w.Key("international");
  w.BeginObject();
  w.Key("display_name");
  w.BeginObject();
  w.Key("en");
  w.String(d.name);
  if (d.zh[0]) {
    w.Key("zh");
    w.String(d.zh);
  }
  w.EndObject();
  w.EndObject();
  w.Key("works_count");
  w.Int(works);
  w.Key("cited_by_count");
  w.Int(works * 17);
  w.Key("ids");
  w.BeginObject();
  w.Key("openalex");
  Url(w, "https://openalex.org/", d.id);
  if (d.ror[0]) {
    w.Key("ror");
    Url(w, "https://ror.org/", d.ror);
  }
  w.EndObject();
  w.Key("geo");
  w.BeginObject();
  w.Key("city");
  w.Null();
  w.Key("country_code");
  if (d.country[0]) w.String(d.country); else w.Null();
  w.Key("country");
  const CountryDef* c = d.country[0] ? FindCountry(d.country) : nullptr;
  if (c) w.String(c->name); else w.Null();
  w.EndObject();
  w.Key("roles");
  w.BeginArray();
  w.BeginObject();
  w.Key("role");
  w.String("institution");
  w.Key("id");
  Url(w, "https://openalex.org/", d.id);
  w.Key("works_count");
  w.Int(works);
  w.EndObject();
  w.EndArray();
  w.Key("associated_institutions");
  WriteAssociated(w, idx);
  w.Key("counts_by_year");
  w.BeginArray();
  w.EndArray();
  w.Key("updated_date");
  w.String(updated);
  w.Key("created_date");
  w.String("2016-06-24");
  w.EndObject();
  out += '\n';
}

void AppendFunder(std::string& out, uint16_t idx, const std::string& updated, Rng& rng) {
  const FunderDef& d = Funders()[idx];
  JsonWriter w(out, false);
  const int64_t works = 1000 + static_cast<int64_t>(rng.Below(500000));
  w.BeginObject();
  w.Key("id");
  Url(w, "https://openalex.org/", d.id);
  w.Key("display_name");
  w.String(d.name);
  w.Key("alternate_titles");
  w.BeginArray();
  for (std::string_view a : SplitList(d.alternatives, ';')) w.String(a);
  w.EndArray();
  w.Key("country_code");
  w.String(d.country);
  w.Key("description");
  w.Null();
  w.Key("homepage_url");
  w.Null();
  w.Key("ids");
  w.BeginObject();
  w.Key("openalex");
  Url(w, "https://openalex.org/", d.id);
  if (d.ror[0]) {
    w.Key("ror");
    Url(w, "https://ror.org/", d.ror);
  }
  w.EndObject();
  w.Key("works_count");
  w.Int(works);
  w.Key("cited_by_count");
  w.Int(works * 12);
  w.Key("grants_count");
  w.Int(works / 3);
  w.Key("roles");
  w.BeginArray();
  w.BeginObject();
  w.Key("role");
  w.String("funder");
  w.Key("id");
  Url(w, "https://openalex.org/", d.id);
  w.Key("works_count");
  w.Int(works);
  w.EndObject();
  w.EndArray();
  w.Key("counts_by_year");
  w.BeginArray();
  w.EndArray();
  w.Key("created_date");
  w.String("2023-02-13");
  w.Key("updated_date");
  w.String(updated);
  w.EndObject();
  out += '\n';
}

template <typename AppendFn>
Result<WrittenFile> WriteEntity(const SynthOptions& o, const Layout& layout, const std::string& entity, size_t count,
                                AppendFn append) {
  const std::string& date = layout.dates.back();
  const std::string entity_dir = o.out_dir + "/data/" + entity;
  const std::string rel = "updated_date=" + date + "/part_000.gz";
  ENTANGLE_RETURN_IF_ERROR(MakeDirs(entity_dir + "/updated_date=" + date));
  GzipFileWriter gz;
  ENTANGLE_RETURN_IF_ERROR(gz.Open(entity_dir + "/" + rel, o.compression_level));
  Rng rng(Mix(o.seed, entity.size(), kSaltEntity));
  const std::string updated = date + "T03:24:55.303211";
  for (size_t i = 0; i < count; ++i) {
    append(gz.buffer(), static_cast<uint16_t>(i), updated, rng);
    ENTANGLE_RETURN_IF_ERROR(gz.MaybeFlush());
  }
  ENTANGLE_RETURN_IF_ERROR(gz.Close());
  WrittenFile f{rel, gz.compressed_bytes(), gz.uncompressed_bytes(), count};
  ENTANGLE_RETURN_IF_ERROR(WriteManifest(entity_dir, entity, {f}));
  return f;
}

}  // namespace

Status WriteManifest(const std::string& entity_dir, const std::string& entity, const std::vector<WrittenFile>& files) {
  // The layout of the real manifests: one-space indentation, entries then totals.
  std::string text = "{\n \"entries\": [\n";
  uint64_t bytes = 0, records = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const WrittenFile& f = files[i];
    text += "  {\n   \"url\": \"s3://openalex/data/" + entity + "/" + f.relative_path + "\",\n   \"meta\": {\n";
    text += "    \"content_length\": " + std::to_string(f.compressed_bytes) + ",\n";
    text += "    \"record_count\": " + std::to_string(f.records) + "\n   }\n  }";
    text += i + 1 < files.size() ? ",\n" : "\n";
    bytes += f.compressed_bytes;
    records += f.records;
  }
  text += " ],\n \"meta\": {\n  \"content_length\": " + std::to_string(bytes) + ",\n  \"record_count\": " +
          std::to_string(records) + "\n }\n}\n";
  return WriteTextFile(entity_dir + "/manifest", text);
}

Result<WrittenFile> WriteInstitutions(const SynthOptions& o, const Layout& layout) {
  return WriteEntity(o, layout, "institutions", Institutions().size(), AppendInstitution);
}

Result<WrittenFile> WriteFunders(const SynthOptions& o, const Layout& layout) {
  return WriteEntity(o, layout, "funders", Funders().size(), AppendFunder);
}

Result<std::vector<WrittenFile>> WriteMergedIds(const SynthOptions& o, const Layout& layout) {
  std::vector<WrittenFile> written;
  const std::string dir = o.out_dir + "/data/merged_ids/works";
  ENTANGLE_RETURN_IF_ERROR(MakeDirs(dir));  // present even when empty, as in real snapshots
  if (layout.merged == 0) return written;
  for (const std::string& date : layout.dates) {
    std::string csv = "merge_date,id,merge_into_id\n";
    uint64_t rows = 0;
    for (uint64_t m = 0; m < layout.merged; ++m) {
      if (layout.MergeDate(o.seed, m) != date) continue;
      csv += date + ",W" + std::to_string(WorkIdNumber(o.seed, layout.MergedIndex(m))) + ",W" +
             std::to_string(WorkIdNumber(o.seed, layout.MergeTarget(o.seed, m))) + "\n";
      ++rows;
    }
    if (rows == 0) continue;
    WrittenFile f{date + ".csv.gz", 0, csv.size(), rows};
    ENTANGLE_RETURN_IF_ERROR(WriteGzipFile(dir + "/" + f.relative_path, csv, o.compression_level, &f.compressed_bytes));
    written.push_back(f);
  }
  return written;
}

}  // namespace entangle::synth
