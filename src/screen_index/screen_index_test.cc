// BuildScreenIndex() on a hand-made study database: the aggregate tables hold what their GROUP BY
// definitions say (distinct works, SQLite's max() over the partner's rows, no NULL institution on
// the left side, only primary topics).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "screen_index/screen_index.h"
#include "store/schema.h"
#include "store/sqlite_util.h"
#include "store/study_db.h"
#include "support/study_db_file.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// W1 lists Alpha (I1) twice and an id-less lab; Beta (I2) has another display name on W2 than on
// W1; W2 lists Gamma (I3) twice, once without a ROR id. W1 has two primary topics (T1 in two
// rows) and a secondary one. W9 is not in works: it counts as a joint paper of a pair
// (screen_pairs joins work_institutions only) but not as a paper of an institution.
constexpr const char* kStudy = R"sql(
INSERT INTO works (id, publication_year, cited_by_count, countries) VALUES
  ('W1', 2020, 0, 'CN DE'), ('W2', 2021, 0, 'CN DE US'), ('W3', NULL, 0, 'CN');
INSERT INTO work_institutions (work_id, institution_key, institution_id, ror, display_name, country_code, lineage)
VALUES
  ('W1', 'I1', 'I1', 'r1', 'Alpha University', 'DE', 'I1'),
  ('W1', 'I2', 'I2', 'r2', 'Beta Institute', 'CN', 'I2'),
  ('W1', 'raw:lab', NULL, NULL, 'Nameless Lab', 'FR', ''),
  ('W1', 'I1', 'I1', 'r1', 'Alpha University', 'DE', 'I1'),
  ('W2', 'I1', 'I1', 'r1', 'Alpha University', 'DE', 'I1'),
  ('W2', 'I2', 'I2', 'r2', 'Beta Institute of Technology', 'CN', 'I2'),
  ('W2', 'I3', 'I3', NULL, 'Gamma College', 'US', 'I3'),
  ('W2', 'I3', 'I3', 'r3', 'Gamma College', 'US', 'I3'),
  ('W3', 'I2', 'I2', 'r2', 'Beta Institute', 'CN', 'I2'),
  ('W9', 'I1', 'I1', 'r1', 'Alpha University', 'DE', 'I1'),
  ('W9', 'I2', 'I2', 'r2', 'Beta Institute', 'CN', 'I2');
INSERT INTO work_topics (work_id, topic_id, display_name, score, is_primary) VALUES
  ('W1', 'T1', 'Topic One', 0.9, 1), ('W1', 'T2', 'Topic Two', 0.8, 1), ('W1', 'T3', 'Topic Three', 0.5, 0),
  ('W1', 'T1', 'Topic 1', 0.6, 1),
  ('W2', 'T1', 'Topic One', 0.7, 1);
)sql";

class ScreenIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto study = testing::NewStudyDbFile(dir_ / "study.db", kStudy);
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(study).value();
    db_ = study_->handle();
    Status built = screen_index::BuildScreenIndex(db_);
    ASSERT_TRUE(built.ok()) << built.ToString();
  }

  // Every row of `sql`, NULL as "NULL" (so that it differs from '').
  Rows Query(const std::string& sql) {
    Rows rows;
    Result<store::Statement> st = store::Statement::Prepare(db_, sql);
    EXPECT_TRUE(st.ok()) << st.status().ToString();
    if (!st.ok()) return rows;
    for (Result<bool> row = st->Step(); row.ok() && *row; row = st->Step()) {
      std::vector<std::string>& out = rows.emplace_back();
      for (int c = 0; c < st->ColumnCount(); ++c) {
        bool null = sqlite3_column_type(st->handle(), c) == SQLITE_NULL;
        out.push_back(null ? "NULL" : st->ColumnText(c));
      }
    }
    return rows;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::StudyDb> study_;
  sqlite3* db_ = nullptr;
};

TEST_F(ScreenIndexTest, PairsCountDistinctWorksAndTakeTheGreatestValues) {
  EXPECT_EQ(Query("SELECT other_key, other_id, other_name, other_country, other_ror, other_lineage, papers "
                  "FROM screen_pairs WHERE institution_id = 'I1' ORDER BY other_key"),
            (Rows{{"I2", "I2", "Beta Institute of Technology", "CN", "r2", "I2", "3"},
                  {"I3", "I3", "Gamma College", "US", "r3", "I3", "1"},
                  {"raw:lab", "NULL", "Nameless Lab", "FR", "NULL", "", "1"}}));
  // In the order of the GROUP BY, so that equal counts come back by key.
  EXPECT_EQ(Query("SELECT other_key, papers FROM screen_pairs WHERE institution_id = 'I2' ORDER BY papers DESC"),
            (Rows{{"I1", "3"}, {"I3", "1"}, {"raw:lab", "1"}}));
  EXPECT_EQ(Query("SELECT count(*) FROM screen_pairs WHERE institution_id IS NULL OR institution_id = other_key"),
            (Rows{{"0"}}));
}

TEST_F(ScreenIndexTest, InstitutionWorksAreDistinctAndOnlyWorksOfTheStudy) {
  EXPECT_EQ(Query("SELECT institution_id, year, work_id FROM screen_inst_works ORDER BY institution_id, year DESC, "
                  "work_id"),
            (Rows{{"I1", "2021", "W2"},
                  {"I1", "2020", "W1"},
                  {"I2", "2021", "W2"},
                  {"I2", "2020", "W1"},
                  {"I2", "NULL", "W3"},
                  {"I3", "2021", "W2"}}));
  EXPECT_EQ(Query("SELECT institution_id, papers FROM screen_counts ORDER BY institution_id"),
            (Rows{{"I1", "2"}, {"I2", "3"}, {"I3", "1"}}));
}

TEST_F(ScreenIndexTest, TopicsArePrimaryTopicsCountedOncePerWork) {
  EXPECT_EQ(Query("SELECT institution_id, topic_id, name, papers FROM screen_topics ORDER BY institution_id, topic_id"),
            (Rows{{"I1", "T1", "Topic One", "2"},
                  {"I1", "T2", "Topic Two", "1"},
                  {"I2", "T1", "Topic One", "2"},
                  {"I2", "T2", "Topic Two", "1"},
                  {"I3", "T1", "Topic One", "1"}}));
}

TEST_F(ScreenIndexTest, NamesIncludeIdsOnlySeenOnWorks) {
  EXPECT_EQ(Query("SELECT institution_id, name FROM screen_names WHERE norm = 'beta institute of technology'"),
            (Rows{{"I2", "Beta Institute of Technology"}}));
  EXPECT_EQ(Query("SELECT count(*) FROM screen_names WHERE name = 'Nameless Lab'"), (Rows{{"0"}}));
}

// `entangle analyze` lets another connection finish reading before the index writes anything:
// the hook runs once, after the reading, while no write lock is held yet.
TEST(ScreenIndexHookTest, BeforeWritingRunsOnceBeforeAnyWrite) {
  testing::TempDir dir;
  const std::string path = dir / "study.db";
  auto writer_db = testing::NewStudyDbFile(path, kStudy);
  ASSERT_TRUE(writer_db.ok()) << writer_db.status().ToString();
  auto other_db = store::StudyDb::Open(path, store::StudyDbAccess::kReadWrite);
  ASSERT_TRUE(other_db.ok()) << other_db.status().ToString();
  sqlite3* writer = (*writer_db)->handle();
  sqlite3* other = (*other_db)->handle();
  int calls = 0;
  Status built = screen_index::BuildScreenIndex(writer, [&] {
    ++calls;
    // Another connection can still take the write lock, so the index holds none yet.
    EXPECT_TRUE(store::Exec(other, "BEGIN IMMEDIATE; ROLLBACK;").ok());
    Result<store::Statement> tables =
        store::Statement::Prepare(writer, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'screen%'");
    ASSERT_TRUE(tables.ok());
    ASSERT_TRUE(tables->Step().ok());
    EXPECT_EQ(tables->ColumnText(0), "0");
  });
  EXPECT_TRUE(built.ok()) << built.ToString();
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace entangle
