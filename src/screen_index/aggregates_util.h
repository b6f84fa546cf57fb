#pragma once
// Internal to BuildScreenAggregates() (aggregates.cc): the utilities its two threads
// use, dense ids for strings and the bounded queue between the threads.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace entangle::screen_index::aggregates_internal {

inline constexpr uint32_t kNull = std::numeric_limits<uint32_t>::max();  // an interned SQL NULL

// Dense ids for distinct strings, so that grouping works on integers instead of text. Open
// addressing over one flat array: a million work ids cost a fraction of std::unordered_map's
// node allocations and pointer chasing.
class Interner {
 public:
  uint32_t Id(std::string_view s) {
    const uint64_t hash = Hash(s);
    uint64_t& slot = slots_[Probe(s, hash)];
    if (slot != 0) return static_cast<uint32_t>(slot) - 1;
    const auto id = static_cast<uint32_t>(strings_.size());
    strings_.emplace_back(s);
    slot = Tag(hash) | (uint64_t{id} + 1);
    if (strings_.size() * 2 > slots_.size()) Grow();
    return id;
  }
  uint32_t Find(std::string_view s) const {
    const uint64_t slot = slots_[Probe(s, Hash(s))];
    return slot == 0 ? kNull : static_cast<uint32_t>(slot) - 1;
  }
  const std::string& Str(uint32_t id) const { return strings_[id]; }
  std::optional<std::string_view> Value(uint32_t id) const {  // kNull as NULL
    if (id == kNull) return std::nullopt;
    return strings_[id];
  }
  size_t size() const { return strings_.size(); }

 private:
  // A slot holds the hash's high half (compared before the string) and id + 1; 0 is empty.
  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  static uint64_t Tag(uint64_t hash) { return hash & 0xffffffff00000000; }

  size_t Probe(std::string_view s, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint64_t slot = slots_[i];
      if (slot == 0 || (Tag(slot) == Tag(hash) && strings_[static_cast<uint32_t>(slot) - 1] == s)) return i;
    }
  }
  void Grow() {
    std::vector<uint64_t> old = std::exchange(slots_, std::vector<uint64_t>(slots_.size() * 2));
    for (uint64_t slot : old) {
      if (slot == 0) continue;
      const std::string& s = strings_[static_cast<uint32_t>(slot) - 1];
      slots_[Probe(s, Hash(s))] = slot;
    }
  }

  std::deque<std::string> strings_;  // stable: views of them are kept while more are added
  std::vector<uint64_t> slots_ = std::vector<uint64_t>(1024);
};

// A bounded queue between the two threads. Close() from either side ends it: Push() then returns
// false, and Pop() returns what is left, then nullopt.
template <typename T>
class Channel {
 public:
  bool Push(T item) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || items_.size() < kCapacity; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    changed_.notify_all();
    return true;
  }
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    changed_.notify_all();
    return item;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

 private:
  static constexpr size_t kCapacity = 4;  // batches: enough to keep both threads busy
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace entangle::screen_index::aggregates_internal
