#include "source/chunk_reader.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "source/api_page.h"
#include "source/byte_source.h"

namespace entangle::source {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A first line that holds only "{" or "[" (blanks aside) opens a value that goes on past it: the
// file is one multi-line document. A JSON Lines record is never split over lines.
// Only the first 4 KiB are read: a file may be one line of gigabytes.
bool FirstLineOnlyOpensAValue(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  size_t newline = head.find('\n');
  if (newline == std::string::npos) return false;
  std::string_view line(head.data(), newline);
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  auto begin = std::find_if_not(line.begin(), line.end(), blank);
  auto end = std::find_if_not(line.rbegin(), line.rend(), blank).base();
  return end - begin == 1 && (*begin == '{' || *begin == '[');
}

size_t CountNewlines(const char* data, size_t size) {
  size_t count = 0;
  const char* end = data + size;
  while (const void* found = std::memchr(data, '\n', static_cast<size_t>(end - data))) {
    ++count;
    data = static_cast<const char*>(found) + 1;
  }
  return count;
}

// Offset just past the last '\n' in data[from, to), or 0 when there is none.
size_t EndOfLastLine(const char* data, size_t from, size_t to) {
  const void* found = ::memrchr(data + from, '\n', to - from);
  return found == nullptr ? 0 : static_cast<size_t>(static_cast<const char*>(found) - data) + 1;
}

// Offset just past the first '\n' in data[0, size), or 0 when there is none.
size_t EndOfFirstLine(const char* data, size_t size) {
  const void* found = std::memchr(data, '\n', size);
  return found == nullptr ? 0 : static_cast<size_t>(static_cast<const char*>(found) - data) + 1;
}

ReaderIssue::Kind IssueKindFor(ByteSource::End end) {
  switch (end) {
    case ByteSource::End::kTruncated: return ReaderIssue::Kind::kTruncatedGzip;
    case ByteSource::End::kCorrupt: return ReaderIssue::Kind::kCorruptGzip;
    default: return ReaderIssue::Kind::kIOError;
  }
}

// Splits any byte source into chunks of complete, numbered lines. See ChunkReader.
//
// Buffer layout during Next(): [0, lines_end) complete lines, [lines_end, filled) the start of
// the next line, then at least kChunkPadding + 1 spare bytes (room for a supplied final '\n').
// What is left after the emitted lines moves to carry_, because the caller may hand a different
// buffer to the next call while the previous one is still being parsed.
class LineChunkReader final : public ChunkReader {
 public:
  LineChunkReader(std::unique_ptr<ByteSource> source, ChunkReaderOptions options, std::vector<ReaderIssue> issues)
      : source_(std::move(source)), options_(options), issues_(std::move(issues)) {}

  bool Next(std::string& buffer, LineChunk& chunk) override {
    while (!finished_) {
      if (skipping_long_line_) SkipRestOfLongLine(buffer);
      Fill fill = FillBuffer(buffer);
      if (source_->end() != ByteSource::End::kNotYet && !source_concluded_) ConcludeSource(buffer, fill);
      if (EmitLines(buffer, fill, chunk)) return true;
      finished_ = source_concluded_ && carry_.empty() && !skipping_long_line_;
    }
    return false;
  }

  const std::vector<ReaderIssue>& issues() const override { return issues_; }
  uint64_t compressed_bytes_read() const override { return source_->consumed_bytes(); }
  uint64_t uncompressed_bytes() const override { return uncompressed_bytes_; }
  uint64_t lines_read() const override { return lines_read_; }

 private:
  struct Fill {
    size_t filled = 0;     // bytes of data in the buffer
    size_t lines_end = 0;  // end of its last complete line
  };

  static size_t Writable(const std::string& buffer) { return buffer.size() - kChunkPadding - 1; }

  static void EnsureWritable(std::string& buffer, size_t bytes) {
    if (buffer.size() < bytes + kChunkPadding + 1) buffer.resize(bytes + kChunkPadding + 1);
  }

  // Carry, then read until the buffer holds chunk_bytes and a line end, or the input is over.
  Fill FillBuffer(std::string& buffer) {
    Fill fill;
    EnsureWritable(buffer, std::max(options_.chunk_bytes, carry_.size()));
    std::memcpy(buffer.data(), carry_.data(), carry_.size());
    fill.filled = carry_.size();
    fill.lines_end = EndOfLastLine(buffer.data(), 0, fill.filled);
    carry_.clear();
    while (source_->end() == ByteSource::End::kNotYet &&
           (fill.lines_end == 0 || fill.filled < options_.chunk_bytes)) {
      if (fill.filled - fill.lines_end > options_.max_line_bytes) {
        StartSkippingLongLine(buffer, fill);
        break;
      }
      if (fill.filled == Writable(buffer)) buffer.resize(buffer.size() * 2);  // a line longer than the buffer
      size_t room = Writable(buffer) - fill.filled;
      size_t want = fill.filled < options_.chunk_bytes ? std::min(room, options_.chunk_bytes - fill.filled) : room;
      size_t got = source_->Read(buffer.data() + fill.filled, want);
      fill.lines_end = std::max(fill.lines_end, EndOfLastLine(buffer.data(), fill.filled, fill.filled + got));
      fill.filled += got;
    }
    return fill;
  }

  // The line being read is already too long: keep the complete lines before it, and drop the
  // rest of it as it arrives instead of buffering it whole.
  void StartSkippingLongLine(const std::string& buffer, Fill& fill) {
    AddIssue(ReaderIssue::Kind::kLineTooLong, next_line_ + CountNewlines(buffer.data(), fill.lines_end),
             LineTooLongMessage());
    fill.filled = fill.lines_end;
    skipping_long_line_ = true;
  }

  // Discards input up to and including the next '\n'; what follows it becomes the carry.
  void SkipRestOfLongLine(std::string& buffer) {
    EnsureWritable(buffer, options_.chunk_bytes);
    while (source_->end() == ByteSource::End::kNotYet) {
      size_t got = source_->Read(buffer.data(), Writable(buffer));
      size_t line_end = EndOfFirstLine(buffer.data(), got);
      if (line_end > 0) {
        carry_.assign(buffer.data() + line_end, got - line_end);
        break;
      }
    }
    skipping_long_line_ = false;
    ++next_line_;
  }

  // The input is over: settle its last, unterminated line and report how it ended.
  void ConcludeSource(std::string& buffer, Fill& fill) {
    source_concluded_ = true;
    size_t partial = fill.filled - fill.lines_end;
    uint64_t partial_line = next_line_ + CountNewlines(buffer.data(), fill.lines_end);
    ByteSource::End end = source_->end();
    if (end != ByteSource::End::kClean) {
      fill.filled = fill.lines_end;  // an unfinished line from a damaged input is not trusted
      std::string message = source_->end_message();
      if (partial > 0) message += " (incomplete line " + std::to_string(partial_line) + " dropped)";
      AddIssue(IssueKindFor(end), partial_line, std::move(message));
    } else if (partial > options_.max_line_bytes) {
      fill.filled = fill.lines_end;
      AddIssue(ReaderIssue::Kind::kLineTooLong, partial_line, LineTooLongMessage());
    } else if (partial > 0) {
      buffer[fill.filled++] = '\n';  // Writable() keeps a byte for this
      fill.lines_end = fill.filled;
    } else if (source_->produced_bytes() == 0 && issues_.empty()) {
      AddIssue(ReaderIssue::Kind::kEmptyFile, 0, "the file holds no data");
    }
  }

  // Points `chunk` at the complete lines in the buffer, minus over-long ones, and carries the
  // rest. Returns false when no line is left to hand out.
  bool EmitLines(const std::string& buffer, const Fill& fill, LineChunk& chunk) {
    const char* data = buffer.data();
    size_t begin = 0;
    size_t end = fill.lines_end;
    size_t resume = fill.lines_end;
    // A line can only exceed the limit when the lines together do.
    if (end > options_.max_line_bytes) DropLongLines(data, begin, end, resume);
    uint64_t lines_before = begin == 0 ? 0 : CountNewlines(data, begin);
    uint64_t lines = CountNewlines(data + begin, end - begin);
    uint64_t lines_after = CountNewlines(data + end, resume - end);
    chunk.first_line = next_line_ + lines_before;
    next_line_ += lines_before + lines + lines_after;
    carry_.assign(data + resume, fill.filled - resume);
    if (lines == 0) return false;
    chunk.data = std::string_view(data + begin, end - begin);
    lines_read_ += lines;
    uncompressed_bytes_ += end - begin;
    return true;
  }

  // Skips over-long lines at the front of [begin, end); stops the chunk before any later one so
  // that line numbers stay contiguous (the rest resumes after it).
  void DropLongLines(const char* data, size_t& begin, size_t& end, size_t& resume) {
    uint64_t line = next_line_;
    for (size_t start = begin; start < end; ++line) {
      size_t line_end = static_cast<size_t>(static_cast<const char*>(std::memchr(data + start, '\n', end - start)) - data);
      if (line_end - start > options_.max_line_bytes) {
        AddIssue(ReaderIssue::Kind::kLineTooLong, line, LineTooLongMessage());
        if (start != begin) {
          resume = line_end + 1;
          end = start;
          return;
        }
        begin = line_end + 1;
      }
      start = line_end + 1;
    }
  }

  std::string LineTooLongMessage() const {
    return "line longer than " + std::to_string(options_.max_line_bytes) + " bytes skipped";
  }

  void AddIssue(ReaderIssue::Kind kind, uint64_t line, std::string message) {
    issues_.push_back(ReaderIssue{kind, line, std::move(message)});
  }

  std::unique_ptr<ByteSource> source_;
  ChunkReaderOptions options_;
  std::vector<ReaderIssue> issues_;
  std::string carry_;       // input after the last emitted line, for the front of the next buffer
  uint64_t next_line_ = 1;  // number of the line that starts at carry_[0]
  bool skipping_long_line_ = false;
  bool source_concluded_ = false;
  bool finished_ = false;
  uint64_t lines_read_ = 0;
  uint64_t uncompressed_bytes_ = 0;
};

Result<std::unique_ptr<ByteSource>> OpenApiPageSource(const std::string& path, std::vector<ReaderIssue>& issues) {
  ApiPageLines page = ReadApiPageLines(path);
  if (!page.error.empty()) {
    issues.push_back(ReaderIssue{ReaderIssue::Kind::kMalformedApiPage, page.records + 1, path + ": " + page.error});
  }
  return MakeMemorySource(std::move(page.text), page.file_bytes);
}

// A gzipped ".json" file: an API page as `entangle fetch` caches them (inflated whole: a page is a
// few MB at most), else JSON Lines that happen to be named so (streamed as any gzip file).
Result<std::unique_ptr<ByteSource>> OpenGzipJsonSource(const std::string& path, std::vector<ReaderIssue>& issues) {
  constexpr size_t kMaxPageBytes = 256u << 20;
  Result<std::unique_ptr<ByteSource>> gzip = OpenGzipFileSource(path);
  if (!gzip.ok()) return gzip.status();
  ByteSource& source = **gzip;
  std::string text;
  while (source.end() == ByteSource::End::kNotYet && text.size() < kMaxPageBytes) {
    size_t start = text.size();
    text.resize(start + (1 << 20));
    text.resize(start + source.Read(text.data() + start, 1 << 20));
  }
  if (text.size() >= kMaxPageBytes || !LooksLikeApiPageText(text)) {
    return OpenGzipFileSource(path);
  }
  ApiPageLines page = ApiPageLinesFromText(text, source.consumed_bytes());
  if (source.end() != ByteSource::End::kClean) {
    issues.push_back(ReaderIssue{IssueKindFor(source.end()), page.records + 1, path + ": " + source.end_message()});
  } else if (!page.error.empty()) {
    issues.push_back(ReaderIssue{ReaderIssue::Kind::kMalformedApiPage, page.records + 1, path + ": " + page.error});
  }
  return MakeMemorySource(std::move(page.text), page.file_bytes);
}

Result<std::unique_ptr<ByteSource>> OpenSource(const std::string& path, std::vector<ReaderIssue>& issues) {
  switch (DetectInputFormat(path)) {
    case InputFormat::kGzipJsonLines:
      if (EndsWith(path, ".json.gz")) return OpenGzipJsonSource(path, issues);
      return OpenGzipFileSource(path);
    case InputFormat::kApiPage: return OpenApiPageSource(path, issues);
    case InputFormat::kJsonDocument: {
      ApiPageLines document = ReadWorkDocumentLines(path);
      if (document.records == 0) issues.push_back(ReaderIssue{ReaderIssue::Kind::kNotJsonLines, 1, document.error});
      return MakeMemorySource(std::move(document.text), document.file_bytes);
    }
    case InputFormat::kParquet:
      return Status::InvalidArgument(path + ": a Parquet file is read by row groups, not as lines");
    case InputFormat::kJsonLines: break;
  }
  return OpenPlainFileSource(path);
}

}  // namespace

InputFormat DetectInputFormat(const std::string& path) {
  if (EndsWith(path, ".gz")) return InputFormat::kGzipJsonLines;
  if (EndsWith(path, ".parquet")) return InputFormat::kParquet;
  if (EndsWith(path, ".json") && LooksLikeApiPage(path)) return InputFormat::kApiPage;
  if (FirstLineOnlyOpensAValue(path)) return InputFormat::kJsonDocument;
  return InputFormat::kJsonLines;
}

const char* ReaderIssueKindName(ReaderIssue::Kind kind) {
  switch (kind) {
    case ReaderIssue::Kind::kTruncatedGzip: return "truncated_gzip";
    case ReaderIssue::Kind::kCorruptGzip: return "corrupt_gzip";
    case ReaderIssue::Kind::kLineTooLong: return "line_too_long";
    case ReaderIssue::Kind::kEmptyFile: return "empty_file";
    case ReaderIssue::Kind::kIOError: return "io_error";
    case ReaderIssue::Kind::kMalformedApiPage: return "malformed_api_page";
    case ReaderIssue::Kind::kNotJsonLines: return "not_json_lines";
  }
  return "unknown";
}

Result<std::unique_ptr<ChunkReader>> ChunkReader::Open(const std::string& path, ChunkReaderOptions options) {
  if (options.chunk_bytes == 0 || options.max_line_bytes == 0) {
    return Status::InvalidArgument("chunk_bytes and max_line_bytes must be positive");
  }
  // Fail on a missing file here, whatever the format, rather than as a reader issue.
  Result<UniqueFd> probe = OpenForReading(path);
  if (!probe.ok()) return probe.status();
  std::vector<ReaderIssue> issues;
  Result<std::unique_ptr<ByteSource>> source = OpenSource(path, issues);
  if (!source.ok()) return source.status();
  return std::unique_ptr<ChunkReader>(new LineChunkReader(std::move(source).value(), options, std::move(issues)));
}

}  // namespace entangle::source
