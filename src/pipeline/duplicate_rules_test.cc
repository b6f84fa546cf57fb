// The rules of docs/counting.md about copies of works, one test per rule (merged and deleted works,
// XPAC copies, duplicates, the stored joint copy), each named after the rule it pins.
#include "pipeline/duplicate_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "select/study_definition.h"
#include "support/temp_dir.h"

namespace entangle::pipeline {
namespace {

using entangle::testing::TempDir;

// In scope: 2017-2022, English, articles. Field: concept C17 with score >= 0.3.
constexpr const char* kStudy = R"(
name = "t"
[groups.a]
countries = ["DE"]
[groups.b]
countries = ["CN"]
[scope]
years = [2017, 2022]
languages = ["en"]
work_types = ["article"]
[field.concepts]
ids = ["C17"]
min_score = 0.3
)";

select::WorkFilter Filter(const std::string& extra_scope = "") {
  std::string toml = kStudy;
  if (!extra_scope.empty()) toml.insert(toml.find("[field.concepts]"), extra_scope + "\n");
  Result<select::StudyDefinition> study = select::ParseStudyDefinition(toml, "t.toml");
  EXPECT_TRUE(study.ok()) << study.status().ToString();
  Result<select::WorkFilter> filter = select::WorkFilter::Create(study.ok() ? *study : select::StudyDefinition{});
  EXPECT_TRUE(filter.ok()) << filter.status().ToString();
  return filter.ok() ? std::move(filter).value() : select::WorkFilter{};
}

// A work in scope and in the field, unless changed.
extract::WorkSummary Work(uint64_t id) {
  extract::WorkSummary w;
  w.id = "W" + std::to_string(id);
  w.id_number = id;
  w.year = 2020;
  w.has_language = true;
  w.language = "en";
  w.type = "article";
  w.concepts = {{17, 0.9}};
  return w;
}

CopyFate Judge(const extract::WorkSummary& work, const select::WorkFilter& filter, CopyCounts& counts,
               const std::unordered_set<uint64_t>& merged = {}) {
  return JudgeCopy(work, filter, merged, counts);
}

CopyKey Key(const std::string& updated_date, uint32_t file = 0, uint64_t line = 1) {
  return MakeCopyKey(updated_date, "", file, line);
}

FieldCopy Copy(uint64_t id, const CopyKey& key, uint8_t groups = select::kGroupA | select::kGroupB) {
  FieldCopy c;
  c.id = id;
  c.key = key;
  c.groups = groups;
  c.year = 2020;
  return c;
}

// The field-relevant copies of each thread, and the logs of the copies that were not.
class Resolve {
 public:
  explicit Resolve(size_t threads) : field_(threads) {
    for (size_t t = 0; t < threads; ++t) {
      Result<std::unique_ptr<SeenLog>> log = SeenLog::Create(dir_ / ("seen-" + std::to_string(t)));
      EXPECT_TRUE(log.ok()) << log.status().ToString();
      if (log.ok()) seen_.push_back(std::move(log).value());
    }
  }
  void Field(size_t thread, const FieldCopy& copy) { field_[thread].push_back(copy); }
  void Seen(size_t thread, uint64_t id, const CopyKey& key) { seen_[thread]->Add(id, key); }

  Winners Run() {
    std::vector<std::deque<FieldCopy>*> copies;
    for (auto& c : field_) copies.push_back(&c);
    Result<Winners> winners = ResolveDuplicates(copies, seen_);
    EXPECT_TRUE(winners.ok()) << winners.status().ToString();
    return winners.ok() ? std::move(winners).value() : Winners{};
  }
  const std::deque<FieldCopy>& field(size_t thread) const { return field_[thread]; }

 private:
  TempDir dir_;
  std::vector<std::deque<FieldCopy>> field_;
  std::vector<std::unique_ptr<SeenLog>> seen_;
};

// --- Merged and deleted works --------------------------------------------------------------------

TEST(DuplicateRulesTest, MergedWorkIsDroppedBeforeAnythingElseIsDecided) {
  select::WorkFilter filter = Filter("include_xpac = true");
  extract::WorkSummary work = Work(5);
  work.is_xpac = true;  // would count in xpac.in_scope and xpac.kept if it were looked at
  CopyCounts counts;
  EXPECT_EQ(Judge(work, filter, counts, {5}), CopyFate::kMergedAway);
  EXPECT_EQ(counts.merged_away, 1u);
  EXPECT_EQ(counts.in_scope, 0u);
  EXPECT_EQ(counts.xpac_in_scope, 0u);
  EXPECT_EQ(counts.xpac_kept, 0u);
}

TEST(DuplicateRulesTest, WorkNotListedInTheMergedIdsIsKept) {
  CopyCounts counts;
  EXPECT_EQ(Judge(Work(6), Filter(), counts, {5}), CopyFate::kFieldRelevant);
  EXPECT_EQ(counts.merged_away, 0u);
  EXPECT_TRUE(IsMergedAway({5, 7}, 7));
  EXPECT_FALSE(IsMergedAway({5, 7}, 6));
  EXPECT_FALSE(IsMergedAway({}, 6));
}

// --- XPAC ----------------------------------------------------------------------------------------

TEST(DuplicateRulesTest, XpacCopyIsInScopeOnlyWithIncludeXpac) {
  extract::WorkSummary work = Work(8);
  work.is_xpac = true;
  CopyCounts left_out, kept;
  EXPECT_EQ(Judge(work, Filter(), left_out), CopyFate::kNotInField);
  EXPECT_EQ(left_out.in_scope, 0u);
  EXPECT_EQ(left_out.xpac_in_scope, 1u);
  EXPECT_EQ(left_out.xpac_kept, 0u);
  EXPECT_EQ(Judge(work, Filter("include_xpac = true"), kept), CopyFate::kFieldRelevant);
  EXPECT_EQ(kept.in_scope, 1u);
  EXPECT_EQ(kept.xpac_in_scope, 1u);
  EXPECT_EQ(kept.xpac_kept, 1u);
}

TEST(DuplicateRulesTest, XpacInScopeCountsOnlyCopiesInTheYearsLanguagesAndTypes) {
  extract::WorkSummary old_work = Work(9);
  old_work.is_xpac = true;
  old_work.year = 2001;
  extract::WorkSummary dataset = Work(10);
  dataset.is_xpac = true;
  dataset.type = "dataset";
  CopyCounts counts;
  EXPECT_EQ(Judge(old_work, Filter("include_xpac = true"), counts), CopyFate::kNotInField);
  EXPECT_EQ(Judge(dataset, Filter("include_xpac = true"), counts), CopyFate::kNotInField);
  EXPECT_EQ(counts.xpac_in_scope, 0u);
  EXPECT_EQ(counts.xpac_kept, 0u);
  EXPECT_EQ(counts.in_scope, 0u);
}

// --- Which copies are kept -----------------------------------------------------------------------

TEST(DuplicateRulesTest, InScopeCountsRecordsBeforeDeduplication) {
  select::WorkFilter filter = Filter();
  CopyCounts counts;
  extract::WorkSummary older = Work(11), newer = Work(11);
  older.updated_date = "2023-01-01";
  newer.updated_date = "2024-01-01";
  newer.concepts.clear();  // the newer copy is in scope but not in the field
  EXPECT_EQ(Judge(older, filter, counts), CopyFate::kFieldRelevant);
  EXPECT_EQ(Judge(newer, filter, counts), CopyFate::kNotInField);
  EXPECT_EQ(counts.in_scope, 2u);
}

TEST(DuplicateRulesTest, CopyOutOfScopeOrOutOfTheFieldIsOnlyLogged) {
  select::WorkFilter filter = Filter();
  extract::WorkSummary out_of_scope = Work(12), out_of_field = Work(13);
  out_of_scope.language = "fr";
  out_of_field.concepts = {{17, 0.1}};  // below min_score
  CopyCounts counts;
  EXPECT_EQ(Judge(out_of_scope, filter, counts), CopyFate::kNotInField);
  EXPECT_EQ(Judge(out_of_field, filter, counts), CopyFate::kNotInField);
  EXPECT_EQ(counts.in_scope, 1u);
}

// --- The key that orders the copies of a work ----------------------------------------------------

TEST(DuplicateRulesTest, CopyWithTheGreatestUpdatedDateWins) {
  // The newer date wins even from an earlier file and line.
  EXPECT_GT(Key("2024-01-02", 0, 1), Key("2023-12-31", 5, 900));
  EXPECT_LT(Key("2023-05-16", 3, 2), Key("2023-05-17", 0, 1));
}

TEST(DuplicateRulesTest, UpdatedDatesCompareAsTheirText) {
  EXPECT_GT(Key("2025-10-17T21:24:32.232833"), Key("2025-10-17T21:24:32.1"));
  EXPECT_GT(Key("2025-10-17T21:24:32"), Key("2025-10-17"));
  EXPECT_GT(Key("2025-10-18"), Key("2025-10-17T23:59:59"));
}

TEST(DuplicateRulesTest, MissingUpdatedDateCountsAsThePartitionDate) {
  EXPECT_EQ(MakeCopyKey("", "2024-03-01", 2, 7), MakeCopyKey("2024-03-01", "", 2, 7));
  EXPECT_GT(MakeCopyKey("", "2024-03-01", 0, 1), MakeCopyKey("2024-02-01", "2024-03-01", 1, 1));
  // A record's own date wins over its partition's.
  EXPECT_EQ(MakeCopyKey("2022-01-01", "2024-03-01", 2, 7), MakeCopyKey("2022-01-01", "", 2, 7));
}

TEST(DuplicateRulesTest, MissingUpdatedAndPartitionDateCountsAsEmpty) {
  CopyKey undated = MakeCopyKey("", "", 9, 99);
  EXPECT_EQ(undated.updated, 0u);
  EXPECT_LT(undated, MakeCopyKey("1970-01-01", "", 0, 1));
}

TEST(DuplicateRulesTest, TieGoesToTheGreaterPositionInTheInputPlan) {
  EXPECT_GT(Key("2024-01-01", 2, 1), Key("2024-01-01", 1, 500));
}

TEST(DuplicateRulesTest, TieInOneFileGoesToTheGreaterLineNumber) {
  EXPECT_GT(Key("2024-01-01", 1, 501), Key("2024-01-01", 1, 500));
}

// --- Resolving the duplicates --------------------------------------------------------------------

TEST(DuplicateRulesTest, OnlyTheWinningCopyCounts) {
  Resolve resolve(2);
  FieldCopy older = Copy(7, Key("2023-01-01", 0, 3)), newer = Copy(7, Key("2024-01-01", 1, 1));
  older.cited_by_count = 1;
  newer.cited_by_count = 2;
  resolve.Field(1, newer);  // in another thread's copies, from another file
  resolve.Field(0, older);
  Winners w = resolve.Run();
  ASSERT_EQ(w.copies.size(), 1u);
  EXPECT_EQ(w.copies[0].key, newer.key);
  EXPECT_EQ(w.copies[0].cited_by_count, 2u);
  EXPECT_TRUE(w.counts(0));
  EXPECT_EQ(w.duplicates(0), 1u);
  EXPECT_TRUE(resolve.field(0).empty());  // moved into the result, not copied
  EXPECT_TRUE(resolve.field(1).empty());
}

TEST(DuplicateRulesTest, NewestCopyOutsideTheFieldTakesTheWorkOut) {
  Resolve resolve(2);
  resolve.Field(0, Copy(7, Key("2023-01-01", 0, 3)));
  resolve.Seen(1, 7, Key("2024-01-01", 1, 1));
  Winners w = resolve.Run();
  ASSERT_EQ(w.copies.size(), 1u);
  EXPECT_FALSE(w.counts(0));
}

TEST(DuplicateRulesTest, OlderCopyOutsideTheFieldDoesNotTakeTheWorkOut) {
  Resolve resolve(1);
  resolve.Field(0, Copy(7, Key("2024-01-01", 1, 1)));
  resolve.Seen(0, 7, Key("2023-01-01", 0, 3));
  Winners w = resolve.Run();
  ASSERT_EQ(w.copies.size(), 1u);
  EXPECT_TRUE(w.counts(0));
}

TEST(DuplicateRulesTest, DuplicatesCountTheLosingCopiesFieldRelevantOrNot) {
  Resolve resolve(2);
  resolve.Field(0, Copy(7, Key("2022-01-01", 0, 1)));  // field-relevant, older
  resolve.Seen(1, 7, Key("2023-01-01", 1, 1));         // not field-relevant, older
  resolve.Field(1, Copy(7, Key("2024-01-01", 2, 1)));  // the winner
  Winners w = resolve.Run();
  ASSERT_EQ(w.copies.size(), 1u);
  EXPECT_EQ(w.losing_copies[0], 2u);
  EXPECT_EQ(w.duplicates(0), 2u);
}

// The seen log holds every parsed copy (a tracker's studies differ in what is field-relevant), so
// it shows a study its own field-relevant copies again: the winner and the field-relevant losers
// are recognised by their keys and not counted twice.
TEST(DuplicateRulesTest, AFieldRelevantCopyInTheSeenLogIsNotCountedAgain) {
  Resolve resolve(2);
  const CopyKey field_older = Key("2022-01-01", 0, 1), outside = Key("2023-01-01", 1, 1),
                winner = Key("2024-01-01", 2, 1);
  resolve.Field(0, Copy(7, field_older));
  resolve.Field(1, Copy(7, winner));
  for (const CopyKey& key : {field_older, outside, winner}) resolve.Seen(0, 7, key);
  Winners w = resolve.Run();
  ASSERT_EQ(w.copies.size(), 1u);
  EXPECT_TRUE(w.counts(0));
  EXPECT_EQ(w.duplicates(0), 2u);  // as in DuplicatesCountTheLosingCopiesFieldRelevantOrNot
}

TEST(DuplicateRulesTest, ResolversOfSeveralStudiesShareOneStreamOfCopies) {
  std::deque<FieldCopy> study_a = {Copy(7, Key("2024-01-01", 1, 1))};  // field-relevant in study a only
  std::deque<FieldCopy> study_b = {Copy(7, Key("2022-01-01", 0, 1))};  // an older copy, in study b only
  DuplicateResolver a({&study_a}), b({&study_b});
  for (const CopyKey& key : {Key("2022-01-01", 0, 1), Key("2024-01-01", 1, 1)}) {
    a.Seen(7, key);
    b.Seen(7, key);
  }
  Winners wa = a.Take(), wb = b.Take();
  EXPECT_TRUE(wa.counts(0));
  EXPECT_EQ(wa.duplicates(0), 1u);
  EXPECT_FALSE(wb.counts(0));  // its newest copy is not field-relevant in study b
}

TEST(DuplicateRulesTest, DuplicatesOfAWorkWhoseWinningCopyIsNotFieldRelevantAreNotCounted) {
  Resolve resolve(1);
  resolve.Field(0, Copy(7, Key("2022-01-01", 0, 1)));
  resolve.Field(0, Copy(7, Key("2023-01-01", 0, 2)));
  resolve.Seen(0, 7, Key("2024-01-01", 1, 1));
  Winners w = resolve.Run();
  ASSERT_EQ(w.copies.size(), 1u);
  EXPECT_FALSE(w.counts(0));
  EXPECT_EQ(w.duplicates(0), 0u);
}

TEST(DuplicateRulesTest, CopiesOfOtherWorksChangeNothing) {
  Resolve resolve(2);
  resolve.Field(0, Copy(7000, Key("2023-01-01")));
  resolve.Field(1, Copy(3000, Key("2023-01-01", 1)));
  // Many logged works with no field-relevant copy, newer and older, in both threads, with ids on
  // both sides of the field-relevant ones.
  for (uint64_t id = 1; id < 10000; ++id) {
    if (id != 3000 && id != 7000) resolve.Seen(id % 2, id, Key(id % 3 ? "2024-01-01" : "2020-01-01"));
  }
  Winners w = resolve.Run();
  ASSERT_EQ(w.copies.size(), 2u);
  EXPECT_EQ(w.copies[0].id, 3000u);  // sorted by id
  EXPECT_EQ(w.copies[1].id, 7000u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(w.counts(i));
    EXPECT_EQ(w.duplicates(i), 0u);
  }
}

// --- The joint copy stored for a work ------------------------------------------------------------

TEST(StoredJointCopiesTest, FirstJointCopyOfAWorkIsStored) {
  StoredJointCopies stored;
  EXPECT_EQ(stored.Consider("W7", Key("2023-01-01")), StoredJointCopies::Offer::kStore);
}

TEST(StoredJointCopiesTest, GreaterJointCopyReplacesTheStoredOne) {
  StoredJointCopies stored;
  stored.Stored("W7", Key("2023-01-01", 0, 5));
  EXPECT_EQ(stored.Consider("W7", Key("2024-01-01", 0, 1)), StoredJointCopies::Offer::kReplaceStored);
  EXPECT_EQ(stored.Consider("W7", Key("2023-01-01", 0, 6)), StoredJointCopies::Offer::kReplaceStored);
  EXPECT_EQ(stored.Consider("W8", Key("2020-01-01")), StoredJointCopies::Offer::kStore);
}

TEST(StoredJointCopiesTest, LesserOrSameJointCopyIsLeftOut) {
  StoredJointCopies stored;
  stored.Stored("W7", Key("2023-01-01", 1, 5));
  EXPECT_EQ(stored.Consider("W7", Key("2022-01-01", 3, 1)), StoredJointCopies::Offer::kLeaveOut);
  EXPECT_EQ(stored.Consider("W7", Key("2023-01-01", 1, 5)), StoredJointCopies::Offer::kLeaveOut);
}

TEST(StoredJointCopiesTest, StoredJointCopyStaysWhenItIsTheWinningCopy) {
  StoredJointCopies stored;
  stored.Stored("W7", Key("2024-01-01"));
  Winners w;
  w.copies = {Copy(7, Key("2024-01-01"))};
  w.losing_copies = {1};
  w.superseded = {false};
  EXPECT_TRUE(stored.NotWinning(w).empty());
}

TEST(StoredJointCopiesTest, StoredJointCopyGoesWhenTheWinningCopyIsNotJoint) {
  StoredJointCopies stored;
  stored.Stored("W7", Key("2023-01-01"));
  stored.Stored("W8", Key("2023-01-01"));
  Winners w;
  w.copies = {Copy(7, Key("2024-01-01"), select::kGroupA), Copy(8, Key("2023-01-01"))};
  w.losing_copies = {1, 0};
  w.superseded = {false, false};
  EXPECT_EQ(stored.NotWinning(w), std::vector<std::string>{"W7"});
}

TEST(StoredJointCopiesTest, StoredJointCopyGoesWhenANewerCopyIsNotFieldRelevant) {
  StoredJointCopies stored;
  stored.Stored("W7", Key("2023-01-01"));
  Winners w;
  w.copies = {Copy(7, Key("2023-01-01"))};
  w.losing_copies = {0};
  w.superseded = {true};
  EXPECT_EQ(stored.NotWinning(w), std::vector<std::string>{"W7"});
}

TEST(StoredJointCopiesTest, StoredJointCopyGoesWhenItIsNotTheWinningCopy) {
  StoredJointCopies stored;
  stored.Stored("W7", Key("2023-01-01", 0, 1));
  stored.Stored("W9", Key("2023-01-01"));  // a work with no field-relevant copy left
  Winners w;
  w.copies = {Copy(7, Key("2023-01-01", 0, 2))};
  w.losing_copies = {1};
  w.superseded = {false};
  std::vector<std::string> gone = stored.NotWinning(w);
  std::sort(gone.begin(), gone.end());
  EXPECT_EQ(gone, (std::vector<std::string>{"W7", "W9"}));
}

}  // namespace
}  // namespace entangle::pipeline
