#pragma once
// ChunkReader: reads one input file (plain JSON Lines, gzip JSON Lines with any number of gzip
// members, or one OpenAlex API list page) as a sequence of chunks of complete lines, inflating
// with ISA-L into a caller-owned buffer. Not thread-safe: the scanner serialises calls to Next()
// per file, while the chunks it hands out are parsed in parallel.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace entangle::source {

// kJsonDocument: one JSON value spread over several lines (pretty-printed), which holds no
// records in either readable form; the reader reports it instead of a skip per line.
// kParquet: an Apache Parquet works file (".parquet"), read by row groups (extract/parquet_work.h),
// never by a ChunkReader.
enum class InputFormat { kJsonLines, kGzipJsonLines, kApiPage, kJsonDocument, kParquet };

// Guesses the format from the name (".gz" → gzip, ".parquet" → Parquet) and, for plain files, the content: for ".json",
// an object with a "results" array → API page; a first line that only opens an object or array
// ("{" or "[") → a multi-line document, since a JSON Lines record never spans lines.
InputFormat DetectInputFormat(const std::string& path);

// Something wrong with the input that the reader worked around; the scan counts and reports it.
struct ReaderIssue {
  enum class Kind {
    kTruncatedGzip,
    kCorruptGzip,
    kLineTooLong,
    kEmptyFile,
    kIOError,
    kMalformedApiPage,
    kNotJsonLines
  };
  Kind kind;
  uint64_t line = 0;  // 1-based line where it happened (0 when not tied to a line)
  std::string message;
};
const char* ReaderIssueKindName(ReaderIssue::Kind kind);  // "truncated_gzip", "line_too_long", ...

struct ChunkReaderOptions {
  size_t chunk_bytes = 1 << 20;            // target size of a chunk of complete lines
  size_t max_line_bytes = 100ull << 20;    // longer lines are skipped and reported
};

// A chunk of complete lines. Each line ends with '\n' (one is supplied for a last line that
// lacks it). The buffer holding it has at least kChunkPadding readable bytes past data.end(),
// so simdjson can parse each line in place.
struct LineChunk {
  std::string_view data;
  uint64_t first_line = 0;  // 1-based number of the first line of data in the file
};
inline constexpr size_t kChunkPadding = 64;

class ChunkReader {
 public:
  static Result<std::unique_ptr<ChunkReader>> Open(const std::string& path, ChunkReaderOptions options = {});
  virtual ~ChunkReader() = default;

  // Fills `buffer` (reused across calls; capacity kept) with the next chunk and points `chunk`
  // into it. Returns false when the file is exhausted (or unreadable: see issues()).
  virtual bool Next(std::string& buffer, LineChunk& chunk) = 0;

  // Problems met so far (truncation, corrupt data, over-long lines...). Reading continues past
  // every one of them where possible.
  virtual const std::vector<ReaderIssue>& issues() const = 0;
  virtual uint64_t compressed_bytes_read() const = 0;   // bytes of the file consumed so far
  virtual uint64_t uncompressed_bytes() const = 0;      // bytes of lines produced so far
  virtual uint64_t lines_read() const = 0;              // complete lines produced so far
};

// Decompression only, for the benchmark baseline: inflates the whole file into a small reused
// buffer and returns the number of uncompressed bytes (or an error).
Result<uint64_t> InflateToNowhere(const std::string& path);

}  // namespace entangle::source
