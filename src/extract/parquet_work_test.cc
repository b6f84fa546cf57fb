// ParquetWorkReader against the JSON path: every row of the shared real works, converted to Parquet
// by DuckDB (tests/parquet/convert-works.mjs) in several codecs, page versions and row-group sizes,
// gives the WorkSummary that ParseWorkSummary gives for the same JSON line and the WorkRecord that
// ParseWorkRecord gives.
#include "extract/parquet_work.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/record_parser.h"
#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle::extract {
namespace {

using testing::SharedPath;
using testing::SourcePath;
using testing::TempDir;

std::string Dump(const WorkSummary& s) {
  std::ostringstream o;
  o << s.id << '|' << s.id_number << '|' << s.year << '|' << s.has_language << s.language << '|' << s.type << '|'
    << s.updated_date << '|' << s.cited_by_count << '|' << s.fwci << '|' << s.is_xpac << "|a";
  for (auto c : s.author_countries) o << ' ' << int(c);
  o << "|e";
  for (auto e : s.author_end) o << ' ' << e;
  o << "|c";
  for (const auto& c : s.concepts) o << ' ' << c.id << ':' << c.score;
  o << "|t";
  for (const auto& t : s.topics)
    o << ' ' << t.topic << ':' << t.subfield << ':' << t.field << ':' << t.domain << ':' << t.score;
  o << "|p" << s.has_primary_topic << ' ' << s.primary_topic.topic << ':' << s.primary_topic.subfield << ':'
    << s.primary_topic.score << "|" << s.title << "|" << s.Abstract() << "|k";
  for (const auto& k : s.keywords) o << ' ' << k;
  return o.str();
}

std::string Dump(const WorkRecord& w) {
  std::ostringstream o;
  o << w.id << '|' << w.doi << '|' << w.title << '|' << w.abstract << '|' << w.publication_year << '|'
    << w.publication_date << '|' << w.language << '|' << w.type << '|' << w.updated_date << '|' << w.cited_by_count
    << '|' << (w.fwci ? std::to_string(*w.fwci) : "none") << "|cby";
  for (const auto& c : w.counts_by_year) o << ' ' << c.year << ':' << c.cited_by_count;
  o << "|inst";
  for (const auto& i : w.institutions) {
    o << " [" << i.id << ',' << i.ror << ',' << i.display_name << ',' << i.country_code << ',' << i.type;
    for (const auto& l : i.lineage) o << ',' << l;
    o << ']';
  }
  o << "|auth";
  for (const auto& a : w.authorships) {
    o << " [" << a.order << ',' << a.position << ',' << a.author_id << ',' << a.author_name << ','
      << a.is_corresponding;
    for (int i : a.institutions) o << ",i" << i;
    for (const auto& c : a.countries) o << ",c" << c;
    for (const auto& r : a.raw_affiliations) o << ",r" << r;
    o << ']';
  }
  o << "|topics";
  for (const auto& t : w.topics) {
    o << " [" << t.id << ',' << t.name << ',' << t.score << ',' << t.is_primary << ',' << t.subfield_id << ','
      << t.subfield_name << ',' << t.field_id << ',' << t.field_name << ',' << t.domain_id << ',' << t.domain_name
      << ']';
  }
  o << "|concepts";
  for (const auto& c : w.concepts) o << " [" << c.id << ',' << c.name << ',' << c.level << ',' << c.score << ']';
  o << "|grants";
  for (const auto& g : w.grants) o << " [" << g.funder_id << ',' << g.funder_name << ',' << g.award_id << ']';
  o << "|kw";
  for (const auto& k : w.keywords) o << ' ' << k;
  o << "|countries";
  for (const auto& c : w.countries) o << ' ' << c;
  return o.str();
}

struct Variant {
  const char* name;
  const char* options;
};

class ParquetWorkTest : public ::testing::TestWithParam<Variant> {};

TEST_P(ParquetWorkTest, RowsGiveTheJsonRecordsSummariesAndRecords) {
  TempDir dir;
  std::string input = SharedPath("data/openalex/works-real.jsonl.gz");
  std::string output = dir / "works.parquet";
  std::string command = "node '" + SourcePath("tests/parquet/convert-works.mjs") + "' " + GetParam().options + " '" +
                        input + "' '" + output + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "the Parquet converter failed (run scripts/setup.sh): " << command;
  std::vector<std::string> lines = testing::ReadLines(input);
  ASSERT_FALSE(lines.empty());
  auto file = OpenParquetWorks(output);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(size_t((*file)->num_rows()), lines.size());

  simdjson::ondemand::parser od;
  simdjson::dom::parser dom;
  for (bool want_text : {false, true}) {
    SummaryOptions options;
    options.want_text = want_text;
    ParquetWorkReader reader(want_text);
    size_t line = 0, compared = 0;
    for (int g = 0; g < (*file)->num_row_groups(); ++g) {
      ASSERT_TRUE(reader.ReadSummaries(**file, g, options).ok());
      bool records_read = false;
      for (int64_t r = 0; r < reader.num_rows(); ++r, ++line) {
        testing::PaddedLine padded(lines[line]);
        WorkSummary want, got;
        std::string detail;
        RecordError e =
            ParseWorkSummary(od, padded.buffer.data(), lines[line].size(), padded.buffer.size(), options, want, detail);
        ASSERT_EQ(e, RecordError::kNone) << detail;
        ASSERT_EQ(reader.Summary(r, got, detail), RecordError::kNone) << detail;
        EXPECT_EQ(Dump(want), Dump(got)) << "row group " << g << " row " << r;
        if (!want_text) continue;
        if (!records_read) {
          ASSERT_TRUE(reader.ReadRecords().ok());
          records_read = true;
        }
        WorkRecord want_record, got_record;
        ASSERT_TRUE(ParseWorkRecord(dom, padded.buffer.data(), lines[line].size(), want_record).ok());
        reader.Record(r, got_record);
        EXPECT_EQ(Dump(want_record), Dump(got_record)) << "row group " << g << " row " << r;
        ++compared;
      }
    }
    EXPECT_EQ(line, lines.size());
    if (want_text) {
      EXPECT_EQ(compared, lines.size());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Variants, ParquetWorkTest,
                         ::testing::Values(Variant{"snappy_v1_groups_of_50", "--row-group-size 50"},
                                           Variant{"zstd_v2_groups_of_7",
                                                   "--compression zstd --version V2 --row-group-size 7"},
                                           Variant{"gzip_one_group", "--compression gzip"}),
                         [](const auto& info) { return std::string(info.param.name); });

// Without topic and concept rules (SummaryOptions::want_topics / want_concepts off) the summary has
// no concepts and no topics, but the primary topic's subfield and field the JSON gives, also for a
// work whose primary_topic was left out (its first topic stands for it: the reader then reads the
// topics' subfield and field ids, and only those); the full record is still read whole.
TEST(ParquetWorkProjectionTest, WithoutTopicAndConceptRulesThePrimarySubfieldAndFieldStay) {
  TempDir dir;
  std::vector<std::string> lines = testing::ReadLines(SharedPath("data/openalex/works-real.jsonl.gz"));
  ASSERT_FALSE(lines.empty());
  std::string text;
  size_t dropped = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i % 3 == 0) {
      nlohmann::ordered_json record = nlohmann::ordered_json::parse(lines[i]);
      if (record.contains("topics") && !record["topics"].empty() && record.erase("primary_topic")) ++dropped;
      lines[i] = record.dump();
    }
    text += lines[i] + "\n";
  }
  ASSERT_GT(dropped, 10u);
  const std::string input = dir / "works.jsonl", output = dir / "works.parquet";
  testing::WriteFileBytes(input, text);
  std::string command = "node '" + SourcePath("tests/parquet/convert-works.mjs") + "' --row-group-size 7 '" + input +
                        "' '" + output + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "the Parquet converter failed (run scripts/setup.sh): " << command;
  auto file = OpenParquetWorks(output);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(size_t((*file)->num_rows()), lines.size());

  simdjson::ondemand::parser od;
  simdjson::dom::parser dom;
  SummaryOptions options;
  options.want_topics = options.want_concepts = false;
  ParquetWorkReader reader(false);
  size_t line = 0, with_primary = 0;
  for (int g = 0; g < (*file)->num_row_groups(); ++g) {
    ASSERT_TRUE(reader.ReadSummaries(**file, g, options).ok());
    for (int64_t r = 0; r < reader.num_rows(); ++r, ++line) {
      testing::PaddedLine padded(lines[line]);
      WorkSummary want, got;
      std::string detail;
      ASSERT_EQ(
          ParseWorkSummary(od, padded.buffer.data(), lines[line].size(), padded.buffer.size(), options, want, detail),
          RecordError::kNone)
          << detail;
      ASSERT_EQ(reader.Summary(r, got, detail), RecordError::kNone) << detail;
      SCOPED_TRACE("row group " + std::to_string(g) + " row " + std::to_string(r));
      EXPECT_TRUE(got.concepts.empty());
      EXPECT_TRUE(got.topics.empty());
      EXPECT_EQ(got.has_primary_topic, want.has_primary_topic);
      EXPECT_EQ(got.primary_topic.subfield, want.primary_topic.subfield);
      EXPECT_EQ(got.primary_topic.field, want.primary_topic.field);
      with_primary += got.has_primary_topic;
      // What the projection left alone is the JSON's.
      got.topics = want.topics;
      got.concepts = want.concepts;
      got.primary_topic = want.primary_topic;
      EXPECT_EQ(Dump(want), Dump(got));
    }
    ASSERT_TRUE(reader.ReadRecords().ok());
    for (int64_t r = 0; r < reader.num_rows(); ++r) {
      const size_t at = line - size_t(reader.num_rows()) + size_t(r);
      WorkRecord want_record, got_record;
      testing::PaddedLine padded(lines[at]);
      ASSERT_TRUE(ParseWorkRecord(dom, padded.buffer.data(), lines[at].size(), want_record).ok());
      reader.Record(r, got_record);
      EXPECT_EQ(Dump(want_record), Dump(got_record)) << "row group " << g << " row " << r;
    }
  }
  EXPECT_EQ(line, lines.size());
  EXPECT_GT(with_primary, lines.size() / 2);
}

TEST(ParquetWorkOpenTest, AFileWithoutAnIdColumnIsRejectedWithItsName) {
  auto file = OpenParquetWorks("/nonexistent/works.parquet");
  EXPECT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("/nonexistent/works.parquet"), std::string::npos);
}

}  // namespace
}  // namespace entangle::extract
