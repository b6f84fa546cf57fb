#include "pipeline/entity_loader.h"

#include <cstring>

#include "extract/record_parser.h"

namespace entangle {
namespace {

// Calls `on_line(data, len, line)` for every non-blank line of every file; reader problems go
// to `skip`.
template <typename OnLine>
Status ForEachLine(const std::vector<InputFile>& files, const std::function<void(SkippedRecord&&)>& skip,
                   OnLine&& on_line) {
  std::string buffer;
  LineChunk chunk;
  for (const InputFile& file : files) {
    auto reader = ChunkReader::Open(file.path);
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
    for (const ReaderIssue& issue : (*reader)->issues()) {
      skip({ReaderIssueKindName(issue.kind), file.path, "", issue.message, issue.line});
    }
  }
  return Status::OK();
}

}  // namespace

Result<EntityCounts> LoadEntities(const InputPlan& plan, const std::vector<StudyDbWriter*>& writers,
                                  const std::function<void(SkippedRecord&&)>& skip) {
  EntityCounts counts;
  simdjson::dom::parser parser;
  InstitutionEntity institution;
  Status s =
      ForEachLine(plan.institutions, skip, [&](const std::string& path, const char* data, size_t len, uint64_t line) {
        Status parsed = ParseInstitutionEntity(parser, data, len, institution);
        if (!parsed.ok()) {
          skip({"malformed_entity", path, "", parsed.message(), line});
          return Status::OK();
        }
        ++counts.institutions;
        for (StudyDbWriter* writer : writers) ENTANGLE_RETURN_IF_ERROR(writer->PutInstitution(institution));
        return Status::OK();
      });
  ENTANGLE_RETURN_IF_ERROR(s);
  FunderEntity funder;
  s = ForEachLine(plan.funders, skip, [&](const std::string& path, const char* data, size_t len, uint64_t line) {
    Status parsed = ParseFunderEntity(parser, data, len, funder);
    if (!parsed.ok()) {
      skip({"malformed_entity", path, "", parsed.message(), line});
      return Status::OK();
    }
    ++counts.funders;
    for (StudyDbWriter* writer : writers) ENTANGLE_RETURN_IF_ERROR(writer->PutFunder(funder));
    return Status::OK();
  });
  ENTANGLE_RETURN_IF_ERROR(s);
  return counts;
}

}  // namespace entangle
