#pragma once
// How the copies of a work count (docs/counting.md, "Merged and deleted works", "Duplicates", and
// the XPAC rule of "Scope and field"): a merged or deleted work is dropped before anything else is
// decided; an XPAC copy is in scope only with include_xpac; of the copies of one work the one with
// the greatest key wins and only it counts; the joint copy stored for a work is its winning copy.
// The works pass, the duplicates step and the scan state apply these rules; they live here, apart,
// so that duplicate_rules_test.cc can pin each one.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/status.h"
#include "extract/openalex_ids.h"
#include "extract/work_summary.h"
#include "pipeline/field_copy.h"
#include "pipeline/seen_log.h"
#include "select/keyword_matcher.h"
#include "select/work_filter.h"

namespace entangle::pipeline {

// A work listed in the merged ids (merged_ids/, deleted_ids.csv) is dropped (`merged_away`).
inline bool IsMergedAway(const std::unordered_set<uint64_t>& merged_ids, uint64_t id) {
  return !merged_ids.empty() && merged_ids.count(id);
}

// The key of one copy: its updated_date (a missing one counts as the partition's date, then as
// ""), then its position in the input plan (files sorted by partition, then path), then its line.
inline CopyKey MakeCopyKey(std::string_view updated_date, std::string_view partition_date, uint32_t file,
                           uint64_t line) {
  return {extract::PackTimestamp(updated_date.empty() ? partition_date : updated_date), file,
          static_cast<uint32_t>(line)};
}

// Counts of copies (records, before deduplication), kept per thread and added up after the pass.
struct CopyCounts {
  uint64_t merged_away = 0;
  uint64_t in_scope = 0;
  // XPAC copies in scope by year, language and type, and those the study keeps (scope.include_xpac).
  uint64_t xpac_in_scope = 0, xpac_kept = 0;
};

enum class CopyFate {
  kMergedAway,     // dropped: nothing else is decided about it
  kNotInField,     // out of scope or not field-relevant: logged (seen_log.h), as it may still be a newer copy
  kFieldRelevant,  // kept (FieldCopy) until the duplicates are resolved
};

// Decides what one parsed copy is, in docs/counting.md's order, and counts it in `counts`: the
// merged ids first, then the scope (an XPAC copy needs include_xpac), then the field. `Filter`: a
// WorkFilter (judging keywords with a scratch of its own), or what answers as one (InScope,
// ExcludesAsXpac, FieldRelevant), e.g. one study of a tracker's shared judge (work_scanner.cc).
template <typename Filter = select::WorkFilter>
inline CopyFate JudgeCopy(const extract::WorkSummary& work, const Filter& filter,
                          const std::unordered_set<uint64_t>& merged_ids, CopyCounts& counts) {
  if (IsMergedAway(merged_ids, work.id_number)) {
    ++counts.merged_away;
    return CopyFate::kMergedAway;
  }
  bool in_scope = filter.InScope(work);
  if (in_scope && work.is_xpac) {
    ++counts.xpac_in_scope;
    in_scope = !filter.ExcludesAsXpac(work);
    if (in_scope) ++counts.xpac_kept;
  }
  if (in_scope) ++counts.in_scope;
  if (!in_scope || !filter.FieldRelevant(work, nullptr)) return CopyFate::kNotInField;
  return CopyFate::kFieldRelevant;
}

// The winning field-relevant copy of each work (sorted by id), and how it fared against the
// other copies. Kept compact: at full-OpenAlex scale there are millions of these.
struct Winners {
  std::deque<FieldCopy> copies;         // blocks, not one array: no copy when it grows, none of its slack
  std::vector<uint32_t> losing_copies;  // older copies of the same work, field-relevant or not
  std::vector<bool> superseded;         // a newer copy is not field-relevant: the work is out

  // Only the winning copy counts: the work of copies[i] counts (as field-relevant) unless a newer
  // copy of it is not field-relevant.
  bool counts(size_t i) const { return !superseded[i]; }
  // `duplicates`: the losing copies, field-relevant or not, of a work that counts; 0 for one that does not.
  uint32_t duplicates(size_t i) const { return counts(i) ? losing_copies[i] : 0; }
};

// Resolves one study's duplicate copies: first among its field-relevant copies (each thread's, which
// are moved in, leaving `field_copies` empty), then against every other copy the scan parsed, shown
// one at a time (Seen). The copies shown may include the study's own field-relevant copies (a
// tracker's seen log holds every parsed copy, as its studies differ in what is field-relevant):
// those are recognised by their key and not counted twice. Several studies can thus share one
// stream of the seen logs.
class DuplicateResolver {
 public:
  explicit DuplicateResolver(const std::vector<std::deque<FieldCopy>*>& field_copies);
  void Seen(uint64_t id, const CopyKey& key);
  Winners Take() { return std::move(winners_); }

 private:
  size_t Slot(uint64_t id) const { return size_t((id * 0x9E3779B97F4A7C15ull) >> shift_); }

  Winners winners_;
  // The field-relevant copies that lost to a newer field-relevant copy, sorted: counted already.
  std::vector<std::pair<uint64_t, CopyKey>> field_losers_;
  int shift_ = 0;
  // Nearly every logged copy is of a work with no field-relevant copy: a bitmap of hashed ids (8 bits
  // per work, so about 1 in 8 false positives) turns most of them away before a binary search.
  std::vector<bool> maybe_relevant_;
};

// One study's duplicates (DuplicateResolver) against the copies the threads logged.
Result<Winners> ResolveDuplicates(const std::vector<std::deque<FieldCopy>*>& field_copies,
                                  std::vector<std::unique_ptr<SeenLog>>& seen_logs);

// The joint copy stored for each work while the works are read, before the duplicates are
// resolved: a greater copy replaces the stored one, a lesser one is left out; once the winners are
// known, a stored copy that is not its work's winning joint copy goes.
class StoredJointCopies {
 public:
  enum class Offer { kLeaveOut, kStore, kReplaceStored };
  // What to do with a joint copy of work `id` (short form, "W123").
  Offer Consider(const std::string& id, const CopyKey& key) const;
  void Stored(const std::string& id, const CopyKey& key) { stored_[id] = key; }
  // The works whose stored copy is not the winning copy of a joint work that counts: a newer copy
  // is not joint, or not field-relevant. In no particular order.
  std::vector<std::string> NotWinning(const Winners& winners) const;

 private:
  std::unordered_map<std::string, CopyKey> stored_;
};

}  // namespace entangle::pipeline
