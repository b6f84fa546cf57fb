// The CSV reader behind every registry, importer, vocabulary and Crunchbase file.
#include "common/csv_table.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace entangle {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct ParseCase {
  const char* name;
  std::string text;
  CsvOptions options;
  std::vector<std::string> header;
  Rows rows;
  std::vector<size_t> lines;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.name; }

class CsvParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(CsvParseTest, ParsesAsExpected) {
  const ParseCase& c = GetParam();
  Result<CsvTable> table = ParseCsv(c.text, c.options, "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, c.header);
  EXPECT_EQ(table->rows, c.rows);
  if (!c.lines.empty()) {
    EXPECT_EQ(table->lines, c.lines);
  }
}

CsvOptions Tsv(bool comments, bool quoting = true) {
  CsvOptions o;
  o.delimiter = '\t';
  o.comments = comments;
  o.quoting = quoting;
  return o;
}

INSTANTIATE_TEST_SUITE_P(
    Csv, CsvParseTest,
    ::testing::Values(
        ParseCase{"plain", "a,b\n1,2\n", {}, {"a", "b"}, {{"1", "2"}}, {2}},
        ParseCase{"no_final_newline", "a,b\n1,2", {}, {"a", "b"}, {{"1", "2"}}, {2}},
        ParseCase{"crlf", "a,b\r\n1,2\r\n3,4\r\n", {}, {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
        ParseCase{"lone_cr", "a,b\r1,2\r", {}, {"a", "b"}, {{"1", "2"}}, {2}},
        ParseCase{"bom", "\xEF\xBB\xBFkey,name\nk,v\n", {}, {"key", "name"}, {{"k", "v"}}, {2}},
        ParseCase{"quoted_comma", "a,b\n\"x, y\",z\n", {}, {"a", "b"}, {{"x, y", "z"}}, {2}},
        ParseCase{"doubled_quote", "a\n\"say \"\"hi\"\"\"\n", {}, {"a"}, {{"say \"hi\""}}, {2}},
        ParseCase{"embedded_newline", "a,b\n\"line1\nline2\",x\n3,4\n", {}, {"a", "b"},
                  {{"line1\nline2", "x"}, {"3", "4"}}, {2, 4}},
        ParseCase{"embedded_crlf_kept", "a\r\n\"l1\r\nl2\"\r\nz\r\n", {}, {"a"}, {{"l1\r\nl2"}, {"z"}}, {2, 4}},
        ParseCase{"empty_quoted", "a,b\n\"\",x\n", {}, {"a", "b"}, {{"", "x"}}, {2}},
        ParseCase{"blank_lines_skipped", "a,b\n\n1,2\n\r\n3,4\n", {}, {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {3, 5}},
        ParseCase{"short_row_padded", "a,b,c\n1\n", {}, {"a", "b", "c"}, {{"1", "", ""}}, {2}},
        ParseCase{"quote_inside_unquoted", "a\nab\"c\n", {}, {"a"}, {{"ab\"c"}}, {2}},
        ParseCase{"utf8_cells", "name_zh\n北京航空航天大学\n", {}, {"name_zh"}, {{"北京航空航天大学"}}, {2}},
        ParseCase{"tsv_comments", "# about\n# more\nx\ty\n# inside\n1\t2\n", Tsv(true), {"x", "y"}, {{"1", "2"}}, {5}},
        ParseCase{"tsv_no_quoting", "x\ty\n\"a\" b\tc\n", Tsv(false, false), {"x", "y"}, {{"\"a\" b", "c"}}, {2}},
        ParseCase{"hash_is_data_without_comments", "x\n#1\n", {}, {"x"}, {{"#1"}}, {2}}),
    [](const auto& info) { return std::string(info.param.name); });

struct ErrorCase {
  const char* name;
  std::string text;
  Status::Code code;
  const char* message_part;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class CsvErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CsvErrorTest, Rejects) {
  const ErrorCase& c = GetParam();
  Result<CsvTable> table = ParseCsv(c.text, {}, "t.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), c.code);
  EXPECT_NE(table.status().message().find(c.message_part), std::string::npos) << table.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Csv, CsvErrorTest,
    ::testing::Values(ErrorCase{"unclosed_quote", "a\n\"abc\n", Status::Code::kCorruption, "t.csv:2: quoted field"},
                      ErrorCase{"text_after_quote", "a\n\"abc\"d\n", Status::Code::kCorruption, "after the closing quote"},
                      ErrorCase{"too_many_fields", "a,b\n1,2,3\n", Status::Code::kCorruption, "t.csv:2: 3 fields"},
                      ErrorCase{"invalid_utf8", "a\nok\n\xC3\x28\n", Status::Code::kCorruption, "t.csv:3: invalid UTF-8"},
                      ErrorCase{"empty", "", Status::Code::kInvalidArgument, "no header"}),
    [](const auto& info) { return std::string(info.param.name); });

// With keep_going, each bad record of the error cases above is set aside with its line, and the
// good records around it are read.
struct KeepGoingCase {
  const char* name;
  std::string text;
  Rows rows;
  std::vector<size_t> bad_lines;
  const char* message_part;
};

void PrintTo(const KeepGoingCase& c, std::ostream* os) { *os << c.name; }

class CsvKeepGoingTest : public ::testing::TestWithParam<KeepGoingCase> {};

TEST_P(CsvKeepGoingTest, SetsBadRecordsAsideAndReadsTheRest) {
  const KeepGoingCase& c = GetParam();
  CsvOptions options;
  options.keep_going = true;
  Result<CsvTable> table = ParseCsv(c.text, options, "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, c.rows);
  std::vector<size_t> bad_lines;
  for (const CsvBadRow& bad : table->bad_rows) {
    bad_lines.push_back(bad.line);
    EXPECT_NE(bad.message.find(c.message_part), std::string::npos) << bad.message;
  }
  EXPECT_EQ(bad_lines, c.bad_lines);
}

INSTANTIATE_TEST_SUITE_P(
    Csv, CsvKeepGoingTest,
    ::testing::Values(
        KeepGoingCase{"too_many_fields", "a,b\n1,2\n1,2,3\n4,5\n", {{"1", "2"}, {"4", "5"}}, {3}, "3 fields"},
        KeepGoingCase{"invalid_utf8", "a\nok\n\xC3\x28\nfine\n", {{"ok"}, {"fine"}}, {3}, "invalid UTF-8"},
        KeepGoingCase{"text_after_quote", "a,b\n\"x\"y,1\n2,3\n", {{"2", "3"}}, {2}, "after the closing quote"},
        KeepGoingCase{"unclosed_quote_loses_the_rest", "a\nok\n\"abc\nmore\n", {{"ok"}}, {3},
                      "the rest of the file"},
        KeepGoingCase{"several_in_line_order", "a,b\n1,2,3\n\xC3\x28,1\nok,1\n", {{"ok", "1"}}, {2, 3}, ""},
        KeepGoingCase{"cr_line_ends", "a,b\r1,2,3\r4,5\r", {{"4", "5"}}, {2}, "3 fields"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CsvTableTest, WrittenRecordsReadBackAsTheyWere) {
  const Rows cells = {{"plain", "a, b", "say \"hi\"", " padded ", "two\nlines", "cr\rend", ""}};
  std::string text;
  AppendCsvRecord(text, {"c1", "c2", "c3", "c4", "c5", "c6", "c7"});
  AppendCsvRecord(text, cells[0]);
  EXPECT_EQ(text.substr(text.find('\n') + 1),
            "plain,\"a, b\",\"say \"\"hi\"\"\",\" padded \",\"two\nlines\",\"cr\rend\",\n");
  Result<CsvTable> table = ParseCsv(text, {}, "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows, cells);
}

TEST(CsvTableTest, ColumnsCompareLooselyAndCellsOfMissingColumnsAreEmpty) {
  Result<CsvTable> table = ParseCsv("Start date,END_DATE,source-url\n2021,2022,u\n", {}, "t.csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->Column("start_date"), 0);
  EXPECT_EQ(table->Column("end date"), 1);
  EXPECT_EQ(table->Column("Source URL"), 2);
  EXPECT_EQ(table->Column("note"), -1);
  EXPECT_EQ(table->Cell(0, -1), "");
  EXPECT_EQ(table->Where(0), "t.csv:2");
}

}  // namespace
}  // namespace entangle
