// End to end on generated corpora: `entangle synth` plants works with known ground truth,
// `entangle scan` must find exactly that — summary counts, joint works by country and year, and
// whole and fractional totals — for several seeds, with malformed lines and cross-partition
// duplicates, and whatever the thread count.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/study_db.h"
#include "support/expect_totals.h"
#include "support/real_records.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

struct Corpus {
  const char* name;
  int works, seed;
  double malformed_rate, duplicate_rate;
  int partitions, threads;
  size_t joint_batch_bytes = 0;  // 0: the default; small values extract joint works in many bursts
  size_t chunk_bytes = 0;        // 0: the default; small values make threads share files chunk by chunk
};

std::string TuningOptions(const Corpus& c) {
  std::string options;
  if (c.joint_batch_bytes) options += fmt::format(" --joint-batch-bytes {}", c.joint_batch_bytes);
  if (c.chunk_bytes) options += fmt::format(" --chunk-bytes {}", c.chunk_bytes);
  return options;
}

class SynthGroundTruthTest : public ::testing::TestWithParam<Corpus> {
 protected:
  void MakeCorpus(const std::string& corpus) {
    const Corpus& c = GetParam();
    std::string out, err;
    ASSERT_EQ(RunEntangle(fmt::format("synth --out {} --works {} --seed {} --malformed-rate {} --duplicate-rate {} "
                                      "--partitions {} --works-per-file 2000",
                                      corpus, c.works, c.seed, c.malformed_rate, c.duplicate_rate, c.partitions),
                          &out, &err),
              0)
        << err;
  }
};

TEST_P(SynthGroundTruthTest, ScanFindsExactlyWhatWasPlanted) {
  const Corpus& c = GetParam();
  TempDir dir;
  std::string corpus = dir / "corpus", db = dir / "study.db", out, err;
  ASSERT_NO_FATAL_FAILURE(MakeCorpus(corpus));
  ASSERT_EQ(RunEntangle(fmt::format("scan {} --study {} --db {} --json --progress none --threads {}{}", corpus,
                                    SourcePath("studies/ai-europe-china.toml"), db, c.threads, TuningOptions(c)),
                        &out, &err),
            0)
      << err;
  json got = json::parse(out);
  json truth = json::parse(std::ifstream(corpus + "/ground_truth.json"));
  ASSERT_TRUE(truth["synthetic"].get<bool>());
  for (const char* key : {"records", "works", "in_scope", "field_relevant", "joint", "duplicates", "merged_away",
                          "skipped", "joint_by_year"}) {
    EXPECT_EQ(got[key], truth[key]) << key;
  }
  EXPECT_GT(got["joint"].get<int>(), 0);

  auto reader = store::StudyDb::Open(db);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto joint_rows = (*reader)->Query(
      "SELECT country, w.publication_year, count(*) FROM work_countries c JOIN works w ON w.id = c.work_id "
      "WHERE country != '?' || '?' GROUP BY 1, 2");
  ASSERT_TRUE(joint_rows.ok());
  std::map<std::pair<std::string, std::string>, int> joint_by_country_year;
  for (const auto& r : *joint_rows) joint_by_country_year[{r[0], r[1]}] = std::stoi(r[2]);
  size_t cells = 0;
  for (const auto& [country, years] : truth["joint_by_country_year"].items()) {
    for (const auto& [year, n] : years.items()) {
      int planted = n.get<int>();
      EXPECT_EQ((joint_by_country_year[{country, year}]), planted) << country << " " << year;
      ++cells;
    }
  }
  EXPECT_EQ(cells, joint_by_country_year.size());

  EXPECT_GT(testing::ExpectTotalsMatch(db, truth["totals"]), 50u);
}

// `scan --dry-run` answers the same questions as the full scan (the DuckDB peer's question among
// them: joint works per year and per subfield) and leaves nothing behind: no database, even where
// --db points, and none of the scan's scratch files in the temp directory.
TEST_P(SynthGroundTruthTest, DryRunCountsTheSameAndWritesNothing) {
  const Corpus& c = GetParam();
  TempDir dir, scratch;
  std::string corpus = dir / "corpus", db = dir / "study.db", untouched = dir / "not-written.db", out, err;
  ASSERT_NO_FATAL_FAILURE(MakeCorpus(corpus));
  std::string scan = fmt::format("scan {} --study {} --json --progress none --threads {}", corpus,
                                 SourcePath("studies/ai-europe-china.toml"), c.threads);
  ASSERT_EQ(RunEntangle(scan + " --db " + db, &out, &err), 0) << err;
  json full = json::parse(out);
  ASSERT_EQ(RunEntangle(scan + " --dry-run --db " + untouched, &out, &err, {{"TMPDIR", scratch.path()}}), 0) << err;
  json dry = json::parse(out);

  json truth = json::parse(std::ifstream(corpus + "/ground_truth.json"));
  for (const char* key : {"records", "works", "in_scope", "field_relevant", "joint", "duplicates", "merged_away",
                          "skipped", "joint_by_year"}) {
    EXPECT_EQ(dry[key], truth[key]) << key;
  }
  EXPECT_EQ(dry["joint_by_subfield"], full["joint_by_subfield"]);
  EXPECT_TRUE(dry["dry_run"].get<bool>());
  EXPECT_TRUE(dry["database"].is_null());
  EXPECT_FALSE(full["dry_run"].get<bool>());

  // The per-subfield counts agree with the joint works the full scan stored, and add up.
  auto reader = store::StudyDb::Open(db);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto rows = (*reader)->Query(
      "SELECT coalesce(primary_subfield_id, ''), count(*) FROM field_works WHERE category = 'ab' GROUP BY 1");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  json stored = json::object();
  for (const auto& r : *rows) stored[r[0]] = std::stoi(r[1]);
  EXPECT_EQ(dry["joint_by_subfield"], stored);
  int sum = 0;
  for (const auto& [subfield, n] : dry["joint_by_subfield"].items()) sum += n.get<int>();
  EXPECT_EQ(sum, dry["joint"].get<int>());

  EXPECT_FALSE(std::filesystem::exists(untouched));
  EXPECT_TRUE(std::filesystem::is_empty(scratch.path())) << "scratch files left in " << scratch.path();
}

INSTANTIATE_TEST_SUITE_P(
    Corpora, SynthGroundTruthTest,
    ::testing::Values(Corpus{"clean", 6000, 1, 0.0, 0.0, 1, 2}, Corpus{"seed7", 6000, 7, 0.0, 0.01, 3, 2, 60000},
                      Corpus{"malformed_and_duplicates", 8000, 42, 0.02, 0.05, 4, 2, 1},
                      Corpus{"one_thread", 5000, 99, 0.01, 0.03, 2, 1},
                      // Two files for six threads: four of them read chunks of files other threads opened.
                      Corpus{"more_threads_than_files", 3000, 5, 0.01, 0.03, 2, 6, 0, 65536}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace entangle
