// The study laid out for grouping (BuildScreenAggregates(), aggregates.cc), on the
// computing thread: each work's cells in one run, and each institution's works in a bucket.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "screen_index/aggregates_internal.h"

namespace entangle::screen_index::aggregates_internal {

namespace {

void AddCells(std::span<const Listing> listings, std::span<const TopicRow> topics, WorkShapes& w,
              std::vector<std::pair<uint32_t, uint32_t>>& scratch) {
  w.begin.push_back(static_cast<uint32_t>(w.cells.size()));
  scratch.clear();
  for (const Listing& l : listings) scratch.emplace_back(l.key, l.attrs);
  std::sort(scratch.begin(), scratch.end());
  scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
  for (const auto& [key, attrs] : scratch) w.cells.insert(w.cells.end(), {key, attrs});
  w.topics_begin.push_back(static_cast<uint32_t>(w.cells.size()));
  for (const TopicRow& t : topics) w.cells.insert(w.cells.end(), {t.topic, t.name});
}

void AddInsts(const Study& s, std::span<const Listing> listings, WorkShapes& w,
              std::vector<std::pair<uint32_t, uint32_t>>& scratch) {
  w.inst_begin.push_back(static_cast<uint32_t>(w.insts.size()));
  scratch.clear();
  for (const Listing& l : listings) {
    if (s.attrs[l.attrs][0] != kNull) scratch.emplace_back(s.attrs[l.attrs][0], l.key);
  }
  std::sort(scratch.begin(), scratch.end());
  for (size_t i = 0, end = 0; i < scratch.size(); i = end) {
    for (end = i; end < scratch.size() && scratch[end].first == scratch[i].first; ++end) {
    }
    // With a single key of its own on the work, the institution is not paired with that key
    // (o.institution_key <> wi.institution_key); with several, every key pairs with another row.
    const bool one_key = scratch[i].second == scratch[end - 1].second;
    w.insts.emplace_back(scratch[i].first, one_key ? scratch[i].second : kNull);
  }
}

// Works in screen_inst_works_order's order: newest first (NULL years last), then by id.
std::vector<uint32_t> WorksByRecency(const Study& s) {
  struct Entry {
    std::optional<int64_t> year;
    std::string_view id;
    uint32_t work;
  };
  std::vector<Entry> entries;  // flat, so that the sort does not chase the study's tables
  entries.reserve(s.works.size());
  for (uint32_t w = 0; w < s.works.size(); ++w) entries.push_back({s.years[w].year, s.works.Str(w), w});
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.year != b.year) return a.year > b.year;  // nullopt compares below every year
    return a.id < b.id;
  });
  std::vector<uint32_t> order;
  order.reserve(entries.size());
  for (const Entry& e : entries) order.push_back(e.work);
  return order;
}

}  // namespace

WorkShapes Shapes(const Study& s) {
  WorkShapes w;
  w.cells.reserve(2 * (s.listings.size() + s.topics.size()));
  std::vector<std::pair<uint32_t, uint32_t>> scratch;
  auto topic = s.topics.begin();
  for (size_t i = 0, end = 0; i < s.listings.size(); i = end) {
    const uint32_t work = s.listings[i].work;
    for (end = i; end < s.listings.size() && s.listings[end].work == work; ++end) {
    }
    while (topic != s.topics.end() && topic->work < work) ++topic;
    auto topic_end = topic;
    while (topic_end != s.topics.end() && topic_end->work == work) ++topic_end;
    const auto listings = std::span(s.listings).subspan(i, end - i);
    AddCells(listings, std::span(topic, topic_end), w, scratch);
    AddInsts(s, listings, w, scratch);
  }
  w.begin.push_back(static_cast<uint32_t>(w.cells.size()));
  w.inst_begin.push_back(static_cast<uint32_t>(w.insts.size()));
  return w;
}

InstBuckets Bucket(const Study& s, const WorkShapes& w, const Ranks& rank) {
  InstBuckets b;
  std::vector<bool> seen(s.strings.size());
  for (const auto& [inst, key] : w.insts) {
    if (!seen[inst]) b.insts.push_back(inst);
    seen[inst] = true;
  }
  std::sort(b.insts.begin(), b.insts.end(), [&](uint32_t x, uint32_t y) { return rank(x) < rank(y); });
  std::vector<uint32_t> bucket_of(s.strings.size(), kNull);
  for (uint32_t i = 0; i < b.insts.size(); ++i) bucket_of[b.insts[i]] = i;
  b.begin.assign(b.insts.size() + 1, 0);
  for (const auto& [inst, key] : w.insts) ++b.begin[bucket_of[inst] + 1];
  for (size_t i = 1; i < b.begin.size(); ++i) b.begin[i] += b.begin[i - 1];
  std::vector<uint32_t> next(b.begin.begin(), b.begin.end() - 1);
  b.entries.resize(w.insts.size());
  for (uint32_t work : WorksByRecency(s)) {
    for (uint32_t i = w.inst_begin[work]; i < w.inst_begin[work + 1]; ++i) {
      b.entries[next[bucket_of[w.insts[i].first]]++] = {work, w.insts[i].second};
    }
  }
  return b;
}

}  // namespace entangle::screen_index::aggregates_internal
