// Grouping for BuildScreenAggregates() (aggregates.cc), on the computing thread:
// the rows of screen_inst_works, screen_counts, screen_pairs and screen_topics from the study.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "screen_index/aggregates_internal.h"

namespace entangle::screen_index::aggregates_internal {

// Grouping, on the computing thread.

namespace {

// Walks one institution at a time, accumulating its partner keys and topics in arrays indexed
// by interned id, and emits its rows of every table.
class Aggregator {
 public:
  Aggregator(const Study& s, const WorkShapes& w, const Ranks& rank, Channel<InstWorkBatch>& out)
      : s_(s), w_(w), rank_(rank), out_(out), pair_acc_(s.strings.size()), topic_acc_(s.strings.size() + 1) {}

  // False when the SQLite thread has stopped taking rows.
  bool AddInstitution(uint32_t inst, std::span<const std::pair<uint32_t, uint32_t>> entries) {
    const std::string& id = s_.strings.Str(inst);
    int64_t papers = 0;
    for (const auto& [work, own_key] : entries) {
      if (s_.years[work].in_works) {
        ++papers;
        batch_.Add(id, s_.years[work].year, s_.works.Str(work));
        if (batch_.full() && !out_.Push(std::exchange(batch_, {}))) return false;
      }
      AccumulatePairs(w_.begin[work], w_.topics_begin[work], own_key);
      AccumulateTopics(w_.topics_begin[work], w_.begin[work + 1]);
    }
    if (papers > 0) groups_.counts.emplace_back(inst, papers);
    EmitPairs(inst);
    EmitTopics(inst);
    return true;
  }

  Groups Finish() {
    if (batch_.size() > 0) out_.Push(std::exchange(batch_, {}));
    return std::move(groups_);
  }

 private:
  // SQLite's max(): NULLs ignored, text compared bytewise (BINARY), NULL when all are NULL.
  void Max(uint32_t& current, uint32_t value) const {
    if (value == kNull || value == current) return;
    if (current == kNull || s_.strings.Str(value) > s_.strings.Str(current)) current = value;
  }

  // cells [first, end): (key, attrs) pairs of one work, by key.
  void AccumulatePairs(uint32_t first, uint32_t end, uint32_t own_key) {
    for (uint32_t i = first; i < end; i += 2) {
      const uint32_t key = w_.cells[i], attrs = w_.cells[i + 1];
      if (key == own_key) continue;
      PairAcc& acc = pair_acc_[key];
      // The work counts once however many combinations the key has on it.
      const bool first_of_key = i == first || w_.cells[i - 2] != key;
      if (first_of_key && acc.papers++ == 0) touched_keys_.push_back(key);
      if (attrs == acc.last_attrs) continue;  // the usual case: nothing new to compare
      acc.last_attrs = attrs;
      for (size_t c = 0; c < acc.max.size(); ++c) Max(acc.max[c], s_.attrs[attrs][c]);
    }
  }

  // cells [first, end): (topic, name) pairs of one work, by topic.
  void AccumulateTopics(uint32_t first, uint32_t end) {
    for (uint32_t i = first; i < end; i += 2) {
      const uint32_t topic = w_.cells[i];
      TopicAcc& acc = topic_acc_[TopicSlot(topic)];
      const bool first_of_topic = i == first || w_.cells[i - 2] != topic;
      if (first_of_topic && acc.papers++ == 0) touched_topics_.push_back(topic);
      Max(acc.name, w_.cells[i + 1]);
    }
  }
  size_t TopicSlot(uint32_t topic) const { return topic == kNull ? s_.strings.size() : topic; }

  // In GROUP BY order within the institution: by key, by topic (NULL first).
  void EmitPairs(uint32_t inst) {
    std::sort(touched_keys_.begin(), touched_keys_.end(), [&](uint32_t a, uint32_t b) { return rank_(a) < rank_(b); });
    for (uint32_t key : touched_keys_) groups_.pairs.push_back({inst, key, std::exchange(pair_acc_[key], {})});
    touched_keys_.clear();
  }
  void EmitTopics(uint32_t inst) {
    std::sort(touched_topics_.begin(), touched_topics_.end(),
              [&](uint32_t a, uint32_t b) { return rank_(a) < rank_(b); });
    for (uint32_t topic : touched_topics_) {
      groups_.topics.push_back({inst, topic, std::exchange(topic_acc_[TopicSlot(topic)], {})});
    }
    touched_topics_.clear();
  }

  const Study& s_;
  const WorkShapes& w_;
  const Ranks& rank_;
  Channel<InstWorkBatch>& out_;
  std::vector<PairAcc> pair_acc_;    // by key
  std::vector<TopicAcc> topic_acc_;  // by topic, NULL last
  std::vector<uint32_t> touched_keys_, touched_topics_;
  InstWorkBatch batch_;
  Groups groups_;
};

NamePairs WorkNames(const Study& s) {
  std::vector<std::pair<uint32_t, uint32_t>> ids;
  for (const Attrs& a : s.attrs) {
    if (a[0] != kNull && a[1] != kNull) ids.emplace_back(a[0], a[1]);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  NamePairs names;
  for (const auto& [id, name] : ids) names.emplace_back(s.strings.Str(id), s.strings.Str(name));
  return names;
}

}  // namespace

Computed Compute(Channel<RowBatch>& in, Channel<InstWorkBatch>& out) {
  const CloseOnExit close_on_exit{in, out};
  Computed c;
  Intern(in, c.study);
  c.work_names = WorkNames(c.study);
  const WorkShapes shapes = Shapes(c.study);
  const Ranks rank(c.study.strings);
  const InstBuckets buckets = Bucket(c.study, shapes, rank);
  Aggregator aggregator(c.study, shapes, rank, out);
  for (size_t b = 0; b < buckets.insts.size(); ++b) {
    auto entries = std::span(buckets.entries).subspan(buckets.begin[b], buckets.begin[b + 1] - buckets.begin[b]);
    if (!aggregator.AddInstitution(buckets.insts[b], entries)) break;
  }
  c.groups = aggregator.Finish();
  return c;
}

}  // namespace entangle::screen_index::aggregates_internal
