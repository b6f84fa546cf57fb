// LoadMergedWorkIds: the works OpenAlex merged into others (data/merged_ids/works/*.csv.gz, 2023) or
// deleted (data/jsonl/works/deleted_ids.csv, 2026).
#include <charconv>
#include <cstring>
#include <optional>

#include "source/chunk_reader.h"
#include "source/snapshot.h"

namespace entangle::source {
namespace {

// The two forms: merged_ids (2023 layout, legacy-data/ since 2026) and works/deleted_ids.csv (2026).
constexpr std::string_view kMergedHeader = "merge_date,id,merge_into_id";
constexpr std::string_view kDeletedHeader = "work_id,deleted_date";
constexpr std::string_view kIssueKind = "merged_ids_malformed";
// Past this many bad rows in one file, the rest are only counted: one report per row would
// drown everything else when a whole file is wrong.
constexpr uint64_t kMaxReportedRowsPerFile = 20;

std::string_view WithoutLineEnd(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

std::string_view TrimField(std::string_view field) {
  while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
  while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
  return field;
}

// "W123" or "https://openalex.org/W123" → 123.
std::optional<uint64_t> ParseWorkId(std::string_view field) {
  field = TrimField(field);
  size_t slash = field.rfind('/');
  if (slash != std::string_view::npos) field.remove_prefix(slash + 1);
  if (field.size() < 2 || (field[0] != 'W' && field[0] != 'w')) return std::nullopt;
  uint64_t value = 0;
  const char* end = field.data() + field.size();
  auto [stop, error] = std::from_chars(field.data() + 1, end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

// The id column of a merged_ids row, or nullopt when the row does not have exactly three fields.
std::optional<std::string_view> MergedIdField(std::string_view row) {
  size_t first = row.find(',');
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = row.find(',', first + 1);
  if (second == std::string_view::npos || row.find(',', second + 1) != std::string_view::npos) return std::nullopt;
  return row.substr(first + 1, second - first - 1);
}

// The id column of a deleted_ids row (work_id,deleted_date), or nullopt without exactly two fields.
std::optional<std::string_view> DeletedIdField(std::string_view row) {
  size_t comma = row.find(',');
  if (comma == std::string_view::npos || row.find(',', comma + 1) != std::string_view::npos) return std::nullopt;
  return row.substr(0, comma);
}

class MergedIdsFile {
 public:
  MergedIdsFile(const std::string& path, std::unordered_set<uint64_t>& out, std::vector<PlanIssue>& issues)
      : path_(path), out_(out), issues_(issues) {}

  // Returns false once the file is known to be unusable (its header is wrong).
  bool AddChunk(const LineChunk& chunk) {
    uint64_t line_number = chunk.first_line;
    std::string_view rest = chunk.data;
    while (!rest.empty()) {
      size_t end = rest.find('\n');
      if (!AddLine(WithoutLineEnd(rest.substr(0, end)), line_number++)) return false;
      rest.remove_prefix(end + 1);
    }
    return true;
  }

  void Finish(const ChunkReader& reader) {
    for (const ReaderIssue& issue : reader.issues()) {
      AddIssue(std::string(ReaderIssueKindName(issue.kind)) + ": " + issue.message);
    }
    if (!header_seen_ && reader.issues().empty()) AddIssue("no header line");
    if (malformed_rows_ > kMaxReportedRowsPerFile) {
      AddIssue(std::to_string(malformed_rows_ - kMaxReportedRowsPerFile) + " more malformed rows not listed");
    }
  }

 private:
  bool AddLine(std::string_view line, uint64_t line_number) {
    if (!header_seen_) return CheckHeader(line, line_number);
    if (TrimField(line).empty()) return true;
    std::optional<std::string_view> id_field = deleted_form_ ? DeletedIdField(line) : MergedIdField(line);
    std::optional<uint64_t> id = id_field ? ParseWorkId(*id_field) : std::nullopt;
    if (id) {
      out_.insert(*id);
    } else if (++malformed_rows_ <= kMaxReportedRowsPerFile) {
      AddIssue("line " + std::to_string(line_number) + ": expected " +
               (deleted_form_ ? "W<id>,deleted_date" : "merge_date,W<id>,merge_into_id") + ", got \"" +
               std::string(line.substr(0, 200)) + "\"");
    }
    return true;
  }

  // A different header may mean different columns; reading ids from the wrong one would drop
  // live works, so the file is skipped instead.
  bool CheckHeader(std::string_view line, uint64_t line_number) {
    constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
    if (line.starts_with(kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
    header_seen_ = true;
    if (TrimField(line) == kMergedHeader) return true;
    if (TrimField(line) == kDeletedHeader) return deleted_form_ = true;
    AddIssue("line " + std::to_string(line_number) + ": header is \"" + std::string(line.substr(0, 200)) +
             "\", expected \"" + std::string(kMergedHeader) + "\" or \"" + std::string(kDeletedHeader) +
             "\"; file skipped");
    return false;
  }

  void AddIssue(std::string message) { issues_.push_back(PlanIssue{path_, std::string(kIssueKind), std::move(message)}); }

  const std::string& path_;
  std::unordered_set<uint64_t>& out_;
  std::vector<PlanIssue>& issues_;
  bool header_seen_ = false;
  bool deleted_form_ = false;
  uint64_t malformed_rows_ = 0;
};

Status LoadMergedIdsFile(const std::string& path, std::unordered_set<uint64_t>& out, std::vector<PlanIssue>& issues) {
  ChunkReaderOptions options;
  options.max_line_bytes = 1 << 16;  // rows are ~40 bytes; anything huge is not a row
  Result<std::unique_ptr<ChunkReader>> reader = ChunkReader::Open(path, options);
  if (!reader.ok()) return reader.status();
  MergedIdsFile file(path, out, issues);
  std::string buffer;
  LineChunk chunk;
  while ((*reader)->Next(buffer, chunk)) {
    if (!file.AddChunk(chunk)) break;
  }
  file.Finish(**reader);
  return Status::OK();
}

}  // namespace

Status LoadMergedWorkIds(const std::vector<std::string>& files, std::unordered_set<uint64_t>& out,
                         std::vector<PlanIssue>& issues) {
  for (const std::string& path : files) ENTANGLE_RETURN_IF_ERROR(LoadMergedIdsFile(path, out, issues));
  return Status::OK();
}

}  // namespace entangle::source
