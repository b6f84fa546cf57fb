#pragma once
// Helpers for the source stage's tests: temporary folders, gzip writing, reading a whole file
// through a ChunkReader.
#include <gtest/gtest.h>
#include <isa-l/igzip_lib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "source/chunk_reader.h"
#include "support/temp_dir.h"

namespace entangle::testing_source {

inline std::string SharedDir() { return ENTANGLE_SHARED_DIR; }
inline std::string OpenAlexDir() { return SharedDir() + "/data/openalex"; }

using entangle::testing::TempDir;

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One gzip member holding `text`.
inline std::string Gzip(std::string_view text) {
  isal_zstream stream;
  isal_deflate_init(&stream);
  stream.gzip_flag = IGZIP_GZIP;
  stream.level = 0;  // needs no level buffer
  stream.end_of_stream = 1;
  std::string out(text.size() + text.size() / 8 + 1024, '\0');
  stream.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uint32_t>(text.size());
  stream.next_out = reinterpret_cast<uint8_t*>(out.data());
  stream.avail_out = static_cast<uint32_t>(out.size());
  int rc = isal_deflate(&stream);
  EXPECT_EQ(rc, COMP_OK);
  EXPECT_EQ(stream.internal_state.state, ZSTATE_END) << "output buffer too small";
  out.resize(stream.total_out);
  return out;
}

// Deterministic text lines of varied length (0 to max_length bytes), as JSON objects when
// long enough; pseudo-random so that they do not compress to nothing.
inline std::string MakeLines(size_t count, size_t max_length, uint64_t seed = 42) {
  std::string text;
  uint64_t state = seed;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  for (size_t i = 0; i < count; ++i) {
    size_t length = next() % (max_length + 1);
    std::string line = "{\"n\":" + std::to_string(i) + ",\"s\":\"";
    while (line.size() + 2 < length) line.push_back(static_cast<char>('a' + next() % 26));
    line += "\"}";
    text += line;
    text.push_back('\n');
  }
  return text;
}

struct ReadResult {
  std::string text;                   // all chunks, concatenated
  std::vector<std::string> chunks;    // each chunk as handed out
  std::vector<uint64_t> first_lines;  // chunk.first_line of each
  std::vector<source::ReaderIssue> issues;
  uint64_t lines_read = 0;
  uint64_t uncompressed_bytes = 0;
  uint64_t compressed_bytes_read = 0;
  bool padding_ok = true;       // kChunkPadding readable bytes after every chunk
  bool chunks_stay_put = true;  // a chunk's bytes are untouched by the calls that follow
};

// Reads the whole file, rotating over `buffer_count` buffers like a scanner whose parser threads
// still hold earlier chunks.
inline ReadResult ReadWhole(const std::string& path, source::ChunkReaderOptions options = {}, size_t buffer_count = 3) {
  ReadResult result;
  Result<std::unique_ptr<source::ChunkReader>> reader = source::ChunkReader::Open(path, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return result;
  std::vector<std::string> buffers(buffer_count);
  std::vector<source::LineChunk> held(buffer_count);
  source::LineChunk chunk;
  for (size_t i = 0; (*reader)->Next(buffers[i % buffer_count], chunk); ++i) {
    const std::string& buffer = buffers[i % buffer_count];
    size_t end_offset = static_cast<size_t>(chunk.data.data() - buffer.data()) + chunk.data.size();
    result.padding_ok &= end_offset + source::kChunkPadding <= buffer.size();
    result.chunks.emplace_back(chunk.data);
    result.first_lines.push_back(chunk.first_line);
    result.text += chunk.data;
    held[i % buffer_count] = chunk;
    // Every other held chunk must still read as it did when it was handed out.
    for (size_t back = 1; back < buffer_count && back <= i; ++back) {
      result.chunks_stay_put &= held[(i - back) % buffer_count].data == result.chunks[i - back];
    }
  }
  EXPECT_FALSE((*reader)->Next(buffers[0], chunk)) << "Next must stay false once the file is exhausted";
  result.issues = (*reader)->issues();
  result.lines_read = (*reader)->lines_read();
  result.uncompressed_bytes = (*reader)->uncompressed_bytes();
  result.compressed_bytes_read = (*reader)->compressed_bytes_read();
  return result;
}

}  // namespace entangle::testing_source
