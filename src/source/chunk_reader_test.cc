#include "source/chunk_reader.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <utility>

#include "support/source_test_util.h"

namespace entangle::source {
namespace {

using testing_source::Gzip;
using testing_source::MakeLines;
using testing_source::ReadFileBytes;
using testing_source::ReadResult;
using testing_source::ReadWhole;
using testing_source::TempDir;

using NumberedLine = std::pair<uint64_t, std::string>;  // 1-based line number, text with '\n'

// The lines a reader must hand out for `content`: every line numbered in file order, minus the
// over-long ones, a final '\n' supplied.
std::vector<NumberedLine> ExpectedLines(std::string_view content, size_t max_line_bytes) {
  std::vector<NumberedLine> lines;
  uint64_t number = 1;
  while (!content.empty()) {
    size_t end = content.find('\n');
    std::string_view line = content.substr(0, end);
    if (line.size() <= max_line_bytes) lines.emplace_back(number, std::string(line) + "\n");
    ++number;
    content.remove_prefix(end == std::string_view::npos ? content.size() : end + 1);
  }
  return lines;
}

// The numbered lines in what a reader handed out.
std::vector<NumberedLine> ActualLines(const ReadResult& result) {
  std::vector<NumberedLine> lines;
  for (size_t i = 0; i < result.chunks.size(); ++i) {
    std::string_view rest = result.chunks[i];
    for (uint64_t number = result.first_lines[i]; !rest.empty(); ++number) {
      size_t end = rest.find('\n');
      lines.emplace_back(number, std::string(rest.substr(0, end + 1)));
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
  }
  return lines;
}

std::vector<std::pair<ReaderIssue::Kind, uint64_t>> KindsAndLines(const std::vector<ReaderIssue>& issues) {
  std::vector<std::pair<ReaderIssue::Kind, uint64_t>> out;
  for (const ReaderIssue& issue : issues) out.emplace_back(issue.kind, issue.line);
  return out;
}

void ExpectWellFormedChunks(const ReadResult& result) {
  EXPECT_TRUE(result.padding_ok);
  EXPECT_TRUE(result.chunks_stay_put);
  for (const std::string& chunk : result.chunks) {
    ASSERT_FALSE(chunk.empty());
    EXPECT_EQ(chunk.back(), '\n');
  }
}

// ---------------------------------------------------------------------------------------------
// Real data

TEST(ChunkReaderTest, ReadsRealWorksFileAndEveryLineParses) {
  std::string path = testing_source::OpenAlexDir() + "/works-real.jsonl.gz";
  ASSERT_EQ(DetectInputFormat(path), InputFormat::kGzipJsonLines);
  ReadResult result = ReadWhole(path);
  EXPECT_TRUE(result.issues.empty());
  EXPECT_EQ(result.lines_read, 1864u);
  EXPECT_EQ(result.uncompressed_bytes, result.text.size());
  EXPECT_EQ(result.compressed_bytes_read, std::filesystem::file_size(path));
  ExpectWellFormedChunks(result);
  simdjson::dom::parser parser;
  size_t parsed = 0;
  for (const NumberedLine& line : ActualLines(result)) {
    simdjson::dom::element element;
    EXPECT_EQ(parser.parse(line.second).get(element), simdjson::SUCCESS) << "line " << line.first;
    std::string_view id;
    EXPECT_EQ(element["id"].get_string().get(id), simdjson::SUCCESS) << "line " << line.first;
    ++parsed;
  }
  EXPECT_EQ(parsed, 1864u);
}

TEST(ChunkReaderTest, SmallChunksOfRealFileMatchOneBigRead) {
  std::string path = testing_source::OpenAlexDir() + "/works-real.jsonl.gz";
  ReadResult whole = ReadWhole(path, {.chunk_bytes = 64 << 20});
  ReadResult small = ReadWhole(path, {.chunk_bytes = 4096});
  EXPECT_EQ(whole.chunks.size(), 1u);
  EXPECT_GT(small.chunks.size(), 100u);
  EXPECT_EQ(small.text, whole.text);
  EXPECT_EQ(ActualLines(small), ActualLines(whole));
  ExpectWellFormedChunks(small);
}

TEST(ChunkReaderTest, InflateToNowhereCountsTheSameBytesAsTheReader) {
  std::string path = testing_source::OpenAlexDir() + "/works-real.jsonl.gz";
  Result<uint64_t> bytes = InflateToNowhere(path);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, ReadWhole(path).uncompressed_bytes);
}

TEST(ChunkReaderTest, ReadsApiPageResultsAsOneLineEach) {
  for (const char* name : {"works-page1.json", "works-2020-2023-page1.json", "institutions-page1.json"}) {
    SCOPED_TRACE(name);
    std::string path = testing_source::OpenAlexDir() + "/api-pages/" + name;
    ASSERT_EQ(DetectInputFormat(path), InputFormat::kApiPage);
    ReadResult result = ReadWhole(path);
    EXPECT_TRUE(result.issues.empty());
    EXPECT_EQ(result.lines_read, 50u);
    EXPECT_EQ(result.compressed_bytes_read, std::filesystem::file_size(path));
    ExpectWellFormedChunks(result);
    simdjson::dom::parser parser;
    for (const NumberedLine& line : ActualLines(result)) {
      simdjson::dom::element element;
      ASSERT_EQ(parser.parse(line.second).get(element), simdjson::SUCCESS) << "line " << line.first;
      std::string_view id;
      ASSERT_EQ(element["id"].get_string().get(id), simdjson::SUCCESS);
      EXPECT_TRUE(id.starts_with("https://openalex.org/")) << id;
    }
  }
}

TEST(ChunkReaderTest, ApiPageLinesKeepTheElementsInOrder) {
  ReadResult result = ReadWhole(testing_source::OpenAlexDir() + "/api-pages/works-page1.json");
  ASSERT_FALSE(result.chunks.empty());
  EXPECT_TRUE(result.text.starts_with("{\"id\":\"https://openalex.org/W1775749144\",\"doi\":")) << result.text.substr(0, 80);
}

// ---------------------------------------------------------------------------------------------
// Generated inputs, read plain and gzipped, with small and large chunks

struct LinesCase {
  const char* name;
  std::string content;
  size_t chunk_bytes;
  size_t max_line_bytes;
  std::vector<std::pair<ReaderIssue::Kind, uint64_t>> issues;
};

std::vector<LinesCase> LinesCases() {
  using K = ReaderIssue::Kind;
  std::string long_line(5000, 'x');
  std::string varied = MakeLines(2000, 400);
  return {
      {"simple", "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n", 1 << 20, 1000, {}},
      {"no_final_newline", "{\"a\":1}\n{\"b\":2}", 1 << 20, 1000, {}},
      {"no_final_newline_tiny_chunks", "{\"a\":1}\n{\"b\":2}", 3, 1000, {}},
      {"crlf", "{\"a\":1}\r\n{\"b\":2}\r\n\r\n{\"c\":3}\r\n", 1 << 20, 1000, {}},
      {"blank_lines_keep_their_numbers", "\n\n{\"a\":1}\n\n{\"b\":2}\n", 1 << 20, 1000, {}},
      {"single_newline", "\n", 1 << 20, 1000, {}},
      {"line_too_long_in_middle", "{\"a\":1}\n" + long_line + "\n{\"b\":2}\n", 1 << 20, 1000, {{K::kLineTooLong, 2}}},
      {"line_too_long_tiny_chunks", "{\"a\":1}\n" + long_line + "\n{\"b\":2}\n", 100, 1000, {{K::kLineTooLong, 2}}},
      {"line_too_long_first", long_line + "\n{\"b\":2}\n", 1 << 20, 1000, {{K::kLineTooLong, 1}}},
      {"line_too_long_first_tiny_chunks", long_line + "\n{\"b\":2}\n", 100, 1000, {{K::kLineTooLong, 1}}},
      {"two_long_lines_in_a_row", "a\n" + long_line + "\n" + long_line + "\nb\n", 1 << 20, 1000,
       {{K::kLineTooLong, 2}, {K::kLineTooLong, 3}}},
      {"two_long_lines_tiny_chunks", "a\n" + long_line + "\n" + long_line + "\nb\n", 100, 1000,
       {{K::kLineTooLong, 2}, {K::kLineTooLong, 3}}},
      {"long_last_line_without_newline", "a\nb\n" + long_line, 1 << 20, 1000, {{K::kLineTooLong, 3}}},
      {"long_last_line_tiny_chunks", "a\nb\n" + long_line, 100, 1000, {{K::kLineTooLong, 3}}},
      {"line_exactly_at_limit_is_kept", "a\n" + std::string(1000, 'y') + "\nb\n", 100, 1000, {}},
      {"line_one_over_limit", "a\n" + std::string(1001, 'y') + "\nb\n", 1 << 20, 1000, {{K::kLineTooLong, 2}}},
      {"lines_longer_than_chunks_grow_the_buffer", "a\n" + long_line + "\nb\n", 100, 100 << 20, {}},
      {"varied_lines_tiny_chunks", varied, 100, 1 << 20, {}},
      {"varied_lines_chunk_of_one_byte", varied.substr(0, 5000), 1, 1 << 20, {}},
      {"varied_lines_mid_chunks", varied, 4096, 1 << 20, {}},
      {"varied_lines_limit_drops_some", varied, 100, 300, {}},  // issues checked by count below
  };
}

class LinesTest : public ::testing::TestWithParam<bool> {};  // parameter: gzip the content

TEST_P(LinesTest, HandsOutEveryLineOnceWithItsNumber) {
  bool gzip = GetParam();
  TempDir dir;
  for (const LinesCase& c : LinesCases()) {
    SCOPED_TRACE(c.name);
    std::string path = gzip ? dir.Write(std::string(c.name) + ".jsonl.gz", Gzip(c.content))
                            : dir.Write(std::string(c.name) + ".jsonl", c.content);
    ReadResult result = ReadWhole(path, {.chunk_bytes = c.chunk_bytes, .max_line_bytes = c.max_line_bytes});
    std::vector<NumberedLine> expected = ExpectedLines(c.content, c.max_line_bytes);
    EXPECT_EQ(ActualLines(result), expected);
    ExpectWellFormedChunks(result);
    EXPECT_EQ(result.lines_read, expected.size());
    EXPECT_EQ(result.uncompressed_bytes, result.text.size());
    EXPECT_EQ(result.compressed_bytes_read, std::filesystem::file_size(path));
    if (std::string_view(c.name) == "varied_lines_limit_drops_some") {
      size_t total_lines = ExpectedLines(c.content, SIZE_MAX).size();
      EXPECT_GT(total_lines - expected.size(), 100u);
      EXPECT_EQ(result.issues.size(), total_lines - expected.size());
      for (const ReaderIssue& issue : result.issues) EXPECT_EQ(issue.kind, ReaderIssue::Kind::kLineTooLong);
    } else {
      EXPECT_EQ(KindsAndLines(result.issues), c.issues);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(PlainAndGzip, LinesTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) { return info.param ? "Gzip" : "Plain"; });

TEST(ChunkReaderTest, CrLfLinesKeepTheirCarriageReturnAndStillParse) {
  TempDir dir;
  std::string path = dir.Write("crlf.jsonl", "{\"id\":\"W1\"}\r\n{\"id\":\"W2\"}\r\n");
  ReadResult result = ReadWhole(path);
  EXPECT_EQ(result.text, "{\"id\":\"W1\"}\r\n{\"id\":\"W2\"}\r\n");
  simdjson::dom::parser parser;
  for (const NumberedLine& line : ActualLines(result)) {
    simdjson::dom::element element;
    EXPECT_EQ(parser.parse(line.second).get(element), simdjson::SUCCESS) << line.second;
  }
}

TEST(ChunkReaderTest, EmptyInputsReportEmptyFile) {
  TempDir dir;
  struct Case {
    const char* name;
    std::string bytes;
  };
  std::vector<Case> cases = {
      {"empty.jsonl", ""},
      {"empty.jsonl.gz", ""},
      {"empty-member.jsonl.gz", Gzip("")},
      {"two-empty-members.jsonl.gz", Gzip("") + Gzip("")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ReadResult result = ReadWhole(dir.Write(c.name, c.bytes));
    EXPECT_TRUE(result.chunks.empty());
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kEmptyFile);
  }
}

// ---------------------------------------------------------------------------------------------
// Gzip structure: members, padding, truncation, corruption

TEST(ChunkReaderTest, ReadsEveryMemberOfAMultiMemberGzip) {
  TempDir dir;
  std::string first = MakeLines(300, 200, 1);
  std::string second = MakeLines(300, 200, 2);
  // A member boundary inside a line: the line continues in the next member.
  std::string third_a = "{\"split\":";
  std::string third_b = "true}\n";
  struct Case {
    const char* name;
    std::string bytes;
    std::string text;
  };
  std::vector<Case> cases = {
      {"two_members", Gzip(first) + Gzip(second), first + second},
      {"member_boundary_inside_a_line", Gzip(first + third_a) + Gzip(third_b), first + third_a + third_b},
      {"zero_padding_after_last_member", Gzip(first) + Gzip(second) + std::string(4096, '\0'), first + second},
      {"empty_member_between", Gzip(first) + Gzip("") + Gzip(second), first + second},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    for (size_t chunk_bytes : {size_t{100}, size_t{1} << 20}) {
      std::string path = dir.Write(std::string(c.name) + ".gz", c.bytes);
      ReadResult result = ReadWhole(path, {.chunk_bytes = chunk_bytes});
      EXPECT_TRUE(result.issues.empty());
      EXPECT_EQ(ActualLines(result), ExpectedLines(c.text, SIZE_MAX));
      Result<uint64_t> inflated = InflateToNowhere(path);
      ASSERT_TRUE(inflated.ok()) << inflated.status().ToString();
      EXPECT_EQ(*inflated, c.text.size());
    }
  }
}

TEST(ChunkReaderTest, MembersLargerThanTheInputBufferAreReadWhole) {
  TempDir dir;
  // Random letters compress poorly: each member spans several refills of the input buffer.
  std::string first = MakeLines(6000, 400, 7);
  std::string second = MakeLines(6000, 400, 8);
  std::string compressed = Gzip(first) + Gzip(second);
  ASSERT_GT(compressed.size(), 1u << 20);
  std::string path = dir.Write("big.jsonl.gz", compressed);
  ReadResult result = ReadWhole(path, {.chunk_bytes = 64 << 10});
  EXPECT_TRUE(result.issues.empty());
  EXPECT_EQ(result.text, first + second);
  EXPECT_EQ(result.compressed_bytes_read, compressed.size());
}

TEST(ChunkReaderTest, TruncatedGzipKeepsCompleteLinesAndReportsWhereItStopped) {
  TempDir dir;
  std::string content = MakeLines(3000, 300, 3);
  std::string compressed = Gzip(content);
  std::vector<NumberedLine> all = ExpectedLines(content, SIZE_MAX);
  struct Case {
    const char* name;
    size_t keep_bytes;
  };
  std::vector<Case> cases = {
      {"half", compressed.size() / 2},
      {"most", compressed.size() * 9 / 10},
      {"trailer_cut", compressed.size() - 4},
      {"last_byte_cut", compressed.size() - 1},
      {"header_only", 10},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    for (size_t chunk_bytes : {size_t{100}, size_t{1} << 20}) {
      std::string path = dir.Write(std::string(c.name) + ".jsonl.gz", compressed.substr(0, c.keep_bytes));
      ReadResult result = ReadWhole(path, {.chunk_bytes = chunk_bytes});
      std::vector<NumberedLine> lines = ActualLines(result);
      ASSERT_LE(lines.size(), all.size());
      EXPECT_TRUE(std::equal(lines.begin(), lines.end(), all.begin())) << "not a prefix of the content";
      ASSERT_EQ(result.issues.size(), 1u);
      EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kTruncatedGzip);
      EXPECT_EQ(result.issues[0].line, lines.size() + 1);
      EXPECT_FALSE(result.issues[0].message.empty());
      Result<uint64_t> inflated = InflateToNowhere(path);
      EXPECT_EQ(inflated.status().code(), Status::Code::kCorruption);
    }
  }
  // Half of the file holds a good share of the lines; the trailer holds none of them.
  ReadResult half = ReadWhole(dir.path() / "half.jsonl.gz");
  EXPECT_GT(half.lines_read, 500u);
  EXPECT_LT(half.lines_read, 3000u);
  EXPECT_EQ(ReadWhole(dir.path() / "trailer_cut.jsonl.gz").lines_read, 3000u);
}

TEST(ChunkReaderTest, CorruptGzipStopsTheFileAndSaysSo) {
  TempDir dir;
  std::string content = MakeLines(3000, 300, 4);
  std::string compressed = Gzip(content);
  struct Case {
    const char* name;
    size_t offset;  // where bytes are flipped
    size_t count;
    uint64_t max_lines;
  };
  std::vector<Case> cases = {
      {"middle", compressed.size() / 2, 16, 2999},
      {"header_magic", 0, 1, 0},
      // Only the checksum is wrong: the lines came out before it was checked.
      {"checksum", compressed.size() - 8, 1, 3000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string bytes = compressed;
    for (size_t i = c.offset; i < c.offset + c.count; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
    std::string path = dir.Write(std::string(c.name) + ".jsonl.gz", bytes);
    ReadResult result = ReadWhole(path);
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kCorruptGzip);
    EXPECT_EQ(result.issues[0].line, result.lines_read + 1);
    EXPECT_NE(result.issues[0].message.find("compressed byte"), std::string::npos) << result.issues[0].message;
    EXPECT_LE(result.lines_read, c.max_lines);
    EXPECT_FALSE(InflateToNowhere(path).ok());
  }
}

TEST(ChunkReaderTest, GarbageAfterTheLastMemberIsCorrupt) {
  TempDir dir;
  std::string content = MakeLines(100, 100, 5);
  std::string path = dir.Write("garbage.jsonl.gz", Gzip(content) + "not gzip at all");
  ReadResult result = ReadWhole(path);
  EXPECT_EQ(result.text, content);
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kCorruptGzip);
}

TEST(ChunkReaderTest, PlainFileNamedGzIsCorrupt) {
  TempDir dir;
  ReadResult result = ReadWhole(dir.Write("plain.gz", MakeLines(10, 100)));
  EXPECT_TRUE(result.chunks.empty());
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kCorruptGzip);
}

// ---------------------------------------------------------------------------------------------
// API pages and format detection

TEST(ChunkReaderTest, MalformedApiPagesAreReported) {
  TempDir dir;
  std::string page = ReadFileBytes(testing_source::OpenAlexDir() + "/api-pages/works-page1.json");
  struct Case {
    const char* name;
    std::string bytes;
    uint64_t lines;
  };
  std::vector<Case> cases = {
      {"truncated_real_page", page.substr(0, page.size() / 2), 0},
      {"bad_structure_after_two_elements", R"({"meta":{},"results":[{"id":"W1"},{"id":"W2"} {"id":"W3"}]})", 2},
      {"results_not_closed", R"({"meta":{},"results":[{"id":"W1"},)", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string path = dir.Write(std::string(c.name) + ".json", c.bytes);
    ASSERT_EQ(DetectInputFormat(path), InputFormat::kApiPage);
    ReadResult result = ReadWhole(path);
    EXPECT_EQ(result.lines_read, c.lines);
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kMalformedApiPage);
    EXPECT_EQ(result.issues[0].line, c.lines + 1);
  }
}

TEST(ChunkReaderTest, ApiPageWithNoResultsIsEmpty) {
  TempDir dir;
  std::string path = dir.Write("none.json", R"({"meta":{"count":0},"results":[]})");
  ASSERT_EQ(DetectInputFormat(path), InputFormat::kApiPage);
  ReadResult result = ReadWhole(path);
  EXPECT_TRUE(result.chunks.empty());
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kEmptyFile);
}

TEST(ChunkReaderTest, DetectsFormatFromNameAndContent) {
  TempDir dir;
  struct Case {
    const char* name;
    std::string bytes;
    InputFormat format;
  };
  std::vector<Case> cases = {
      {"a.jsonl", "{}\n", InputFormat::kJsonLines},
      {"a.jsonl.gz", Gzip("{}\n"), InputFormat::kGzipJsonLines},
      {"part_000.gz", Gzip("{}\n"), InputFormat::kGzipJsonLines},
      {"page.json", R"({"meta":{"count":1},"results":[{"id":"W1"}]})", InputFormat::kApiPage},
      {"results_first.json", R"({"results":[],"meta":{}})", InputFormat::kApiPage},
      {"lines.json", "{\"id\":\"W1\"}\n{\"id\":\"W2\"}\n", InputFormat::kJsonLines},
      {"results_not_array.json", R"({"results":{"id":"W1"}})", InputFormat::kJsonLines},
      {"nested_results.json", R"({"meta":{"results":[]},"x":1})", InputFormat::kJsonLines},
      {"top_level_array.json", R"([{"results":[]}])", InputFormat::kJsonLines},
      {"empty.json", "", InputFormat::kJsonLines},
      {"not_json.json", "hello", InputFormat::kJsonLines},
      {"pretty.json", "{\n  \"id\": \"W1\"\n}\n", InputFormat::kJsonDocument},
      {"pretty_array.json", " [ \r\n  {\"id\": \"W1\"}\n]\n", InputFormat::kJsonDocument},
      {"pretty.jsonl", "{\n\"id\": \"W1\"}\n", InputFormat::kJsonDocument},
      {"pretty_page.json", "{\n  \"meta\": {},\n  \"results\": [{\"id\": \"W1\"}]\n}\n", InputFormat::kApiPage},
      {"one_line_record.json", "{\"id\": \"W1\"}\n", InputFormat::kJsonLines},
      {"broken_first_line.jsonl", "{\"id\"\n{\"id\": \"W2\"}\n", InputFormat::kJsonLines},
      {"blank_first_line.jsonl", "\n{\"id\": \"W1\"}\n", InputFormat::kJsonLines},
      {"long_first_line.jsonl", "{\"id\": \"W1\", \"x\": \"" + std::string(10000, 'a') + "\"}\n", InputFormat::kJsonLines},
      {"lone_brace_without_newline.jsonl", "{", InputFormat::kJsonLines},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(DetectInputFormat(dir.Write(c.name, c.bytes)), c.format);
  }
}

TEST(ChunkReaderTest, JsonLinesNamedDotJsonAreReadAsLines) {
  TempDir dir;
  ReadResult result = ReadWhole(dir.Write("lines.json", "{\"id\":\"W1\"}\n{\"id\":\"W2\"}\n"));
  EXPECT_EQ(result.lines_read, 2u);
  EXPECT_TRUE(result.issues.empty());
}

// A pretty-printed document (someone's expected.json beside the works) is one reported issue,
// not a malformed-record skip for each of its lines.
TEST(ChunkReaderTest, MultiLineDocumentIsOneIssueAndNoLines) {
  TempDir dir;
  std::string path = dir.Write("expected.json", "{\n  \"joint\": 12,\n  \"years\": [\n    2019\n  ]\n}\n");
  ReadResult result = ReadWhole(path);
  EXPECT_EQ(result.lines_read, 0u);
  EXPECT_TRUE(result.chunks.empty());
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, ReaderIssue::Kind::kNotJsonLines);
  EXPECT_EQ(result.issues[0].line, 1u);
  EXPECT_NE(result.issues[0].message.find("pretty-printed"), std::string::npos) << result.issues[0].message;
}

// ---------------------------------------------------------------------------------------------
// Errors and names

TEST(ChunkReaderTest, OpenFailsForMissingFilesAndBadOptions) {
  for (const char* name : {"missing.jsonl", "missing.jsonl.gz", "missing.json"}) {
    Result<std::unique_ptr<ChunkReader>> reader = ChunkReader::Open(std::string("/nonexistent/") + name);
    EXPECT_EQ(reader.status().code(), Status::Code::kNotFound) << name;
    EXPECT_NE(reader.status().message().find(name), std::string::npos);
  }
  EXPECT_EQ(InflateToNowhere("/nonexistent/x.gz").status().code(), Status::Code::kNotFound);
  TempDir dir;
  std::string path = dir.Write("a.jsonl", "{}\n");
  EXPECT_EQ(ChunkReader::Open(path, {.chunk_bytes = 0}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(ChunkReader::Open(path, {.max_line_bytes = 0}).status().code(), Status::Code::kInvalidArgument);
}

TEST(ChunkReaderTest, IssueKindsHaveStableNames) {
  using K = ReaderIssue::Kind;
  std::vector<std::pair<K, std::string>> names = {
      {K::kTruncatedGzip, "truncated_gzip"}, {K::kCorruptGzip, "corrupt_gzip"},
      {K::kLineTooLong, "line_too_long"},    {K::kEmptyFile, "empty_file"},
      {K::kIOError, "io_error"},             {K::kMalformedApiPage, "malformed_api_page"},
      {K::kNotJsonLines, "not_json_lines"},
  };
  for (const auto& [kind, name] : names) EXPECT_EQ(ReaderIssueKindName(kind), name);
}

TEST(ChunkReaderTest, ReusedBufferKeepsItsCapacity) {
  TempDir dir;
  std::string path = dir.Write("lines.jsonl", MakeLines(2000, 300, 9));
  Result<std::unique_ptr<ChunkReader>> reader = ChunkReader::Open(path, {.chunk_bytes = 8192});
  ASSERT_TRUE(reader.ok());
  std::string buffer;
  LineChunk chunk;
  ASSERT_TRUE((*reader)->Next(buffer, chunk));
  const char* storage = buffer.data();
  size_t chunks = 1;
  while ((*reader)->Next(buffer, chunk)) ++chunks;
  EXPECT_GT(chunks, 10u);
  EXPECT_EQ(buffer.data(), storage) << "the buffer was reallocated although no line outgrew it";
}

}  // namespace
}  // namespace entangle::source
