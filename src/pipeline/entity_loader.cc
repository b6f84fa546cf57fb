#include "pipeline/entity_loader.h"

#include <cstring>
#include <string>

#include "extract/parquet_entities.h"
#include "extract/record_parser.h"
#include "parquet/parquet_file.h"

namespace entangle::pipeline {
namespace {

// Calls `read(file, row_group, first_row)` for every row group of every Parquet file (first_row:
// the 1-based row of the file its first row is, the "line" of skips). A file that cannot be opened
// is skipped as `unreadable_file`, a row group that cannot be read as `parquet_row_group`, located
// by file, row group and column, as for works; an error `read` returns for another reason (the
// database) ends the load.
template <typename Read>
Status ForEachRowGroup(const source::InputFile& input, const std::function<void(SkippedRecord&&)>& skip, Read&& read) {
  auto file = parquet::ParquetFile::Open(input.path);
  if (!file.ok()) {
    skip({"unreadable_file", input.path, "", file.status().message(), 0});
    return Status::OK();
  }
  uint64_t first_row = 1;
  for (int g = 0; g < (*file)->num_row_groups(); ++g) {
    const int64_t rows = (*file)->row_group(g).num_rows;
    bool entities_ok = true;  // false once a row group's own columns failed, not the database
    Status status = read(**file, g, first_row, entities_ok);
    if (!status.ok()) {
      if (!entities_ok) return status;
      skip({"parquet_row_group", input.path, "",
            status.message() + " (row group " + std::to_string(g) + ", " + std::to_string(rows) + " rows not read)",
            first_row});
    }
    first_row += static_cast<uint64_t>(rows);
  }
  return Status::OK();
}

// Calls `on_line(data, len, line)` for every non-blank line of every file; reader problems go
// to `skip`.
template <typename OnLine>
Status ForEachLine(const std::vector<source::InputFile>& files, const std::function<void(SkippedRecord&&)>& skip,
                   OnLine&& on_line) {
  std::string buffer;
  source::LineChunk chunk;
  for (const source::InputFile& file : files) {
    if (file.format == source::InputFormat::kParquet) continue;  // read by LoadParquetEntities
    auto reader = source::ChunkReader::Open(file.path);
    if (!reader.ok()) {
      skip({"unreadable_file", file.path, "", reader.status().message(), 0});
      continue;
    }
    while ((*reader)->Next(buffer, chunk)) {
      const char* data = chunk.data.data();
      const char* end = data + chunk.data.size();
      uint64_t line = chunk.first_line;
      for (; data < end; ++line) {
        const char* newline = static_cast<const char*>(std::memchr(data, '\n', size_t(end - data)));
        if (!newline) newline = end;
        size_t len = size_t(newline - data);
        if (len > 0 && !(len == 1 && data[0] == '\r')) ENTANGLE_RETURN_IF_ERROR(on_line(file.path, data, len, line));
        data = newline + 1;
      }
    }
    for (const source::ReaderIssue& issue : (*reader)->issues()) {
      skip({source::ReaderIssueKindName(issue.kind), file.path, "", issue.message, issue.line});
    }
  }
  return Status::OK();
}

// The Parquet files of `files`: each row an entity (`read_rows` is ReadParquetInstitutions or
// ReadParquetFunders), as the JSON Lines files' lines are, with the same skips ("malformed_entity"
// for a row without an id, located by row group and row).
template <typename Entity, typename ReadRows, typename Put>
Status LoadParquetEntities(const std::vector<source::InputFile>& files,
                           const std::function<void(SkippedRecord&&)>& skip, ReadRows&& read_rows, Put&& put) {
  for (const source::InputFile& input : files) {
    if (input.format != source::InputFormat::kParquet) continue;
    ENTANGLE_RETURN_IF_ERROR(ForEachRowGroup(
        input, skip, [&](const parquet::ParquetFile& file, int g, uint64_t first_row, bool& entities_ok) {
          return read_rows(file, g, [&](int64_t row, const Entity& entity) {
            if (entity.id.empty()) {
              const uint64_t line = first_row + static_cast<uint64_t>(row);
              skip({"malformed_entity", input.path, "",
                    "the record has no id (row group " + std::to_string(g) + ", row " + std::to_string(row) + " (row " +
                        std::to_string(line) + " of the file))",
                    line});
              return Status::OK();
            }
            Status written = put(entity);
            if (!written.ok()) entities_ok = false;
            return written;
          });
        }));
  }
  return Status::OK();
}

// One kind of entity from `files`: the JSON Lines files' lines (`parse_json`: ParseInstitutionEntity
// or ParseFunderEntity), then the Parquet files' rows (`read_parquet`), each counted in `count` and
// written to every one of `writers` by `put` (PutInstitution or PutFunder).
template <typename Entity, typename ParseJson, typename ReadParquet>
Status LoadEntityFiles(const std::vector<source::InputFile>& files, const std::vector<store::StudyDbWriter*>& writers,
                       const std::function<void(SkippedRecord&&)>& skip, ParseJson&& parse_json,
                       ReadParquet&& read_parquet, Status (store::StudyDbWriter::*put)(const Entity&),
                       uint64_t& count) {
  auto count_and_write = [&](const Entity& entity) {
    ++count;
    for (store::StudyDbWriter* writer : writers) ENTANGLE_RETURN_IF_ERROR((writer->*put)(entity));
    return Status::OK();
  };
  simdjson::dom::parser parser;
  Entity entity;
  ENTANGLE_RETURN_IF_ERROR(
      ForEachLine(files, skip, [&](const std::string& path, const char* data, size_t len, uint64_t line) {
        Status parsed = parse_json(parser, data, len, entity);
        if (!parsed.ok()) {
          skip({"malformed_entity", path, "", parsed.message(), line});
          return Status::OK();
        }
        return count_and_write(entity);
      }));
  return LoadParquetEntities<Entity>(files, skip, read_parquet, count_and_write);
}

}  // namespace

Result<EntityCounts> LoadEntities(const source::InputPlan& plan, const std::vector<store::StudyDbWriter*>& writers,
                                  const std::function<void(SkippedRecord&&)>& skip) {
  EntityCounts counts;
  ENTANGLE_RETURN_IF_ERROR(LoadEntityFiles<extract::InstitutionEntity>(
      plan.institutions, writers, skip, extract::ParseInstitutionEntity, extract::ReadParquetInstitutions,
      &store::StudyDbWriter::PutInstitution, counts.institutions));
  ENTANGLE_RETURN_IF_ERROR(LoadEntityFiles<extract::FunderEntity>(
      plan.funders, writers, skip, extract::ParseFunderEntity, extract::ReadParquetFunders,
      &store::StudyDbWriter::PutFunder, counts.funders));
  return counts;
}

}  // namespace entangle::pipeline
