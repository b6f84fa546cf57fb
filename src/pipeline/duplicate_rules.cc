// Resolving the duplicate copies of the works, and the stored joint copies (the rules: duplicate_rules.h).
#include "pipeline/duplicate_rules.h"

#include <algorithm>
#include <bit>

namespace entangle::pipeline {

DuplicateResolver::DuplicateResolver(const std::vector<std::deque<FieldCopy>*>& field_copies) {
  Winners& w = winners_;
  // Memory peaks here at full scale, so the copies are moved, never duplicated: the largest array
  // becomes the result and the others drain into it, freeing their blocks as they go.
  std::deque<FieldCopy>* largest = nullptr;
  for (std::deque<FieldCopy>* copies : field_copies) {
    if (!largest || copies->size() > largest->size()) largest = copies;
  }
  if (largest) w.copies = std::move(*largest);
  for (std::deque<FieldCopy>* copies : field_copies) {
    for (; !copies->empty(); copies->pop_front()) w.copies.push_back(copies->front());
  }
  std::sort(w.copies.begin(), w.copies.end(),
            [](const FieldCopy& a, const FieldCopy& b) { return a.id != b.id ? a.id < b.id : a.key < b.key; });
  size_t kept = 0;
  for (size_t i = 0; i < w.copies.size(); ++i) {
    if (kept > 0 && w.copies[kept - 1].id == w.copies[i].id) {
      field_losers_.emplace_back(w.copies[kept - 1].id, w.copies[kept - 1].key);
      w.copies[kept - 1] = w.copies[i];  // sorted by key: the later copy wins
      ++w.losing_copies[kept - 1];
    } else {
      w.copies[kept++] = w.copies[i];
      w.losing_copies.push_back(0);
    }
  }
  w.copies.resize(kept);
  w.superseded.assign(kept, false);
  shift_ = 64 - std::max(10, static_cast<int>(std::bit_width(kept * 8)));
  maybe_relevant_.assign(size_t{1} << (64 - shift_), false);
  for (const FieldCopy& c : w.copies) maybe_relevant_[Slot(c.id)] = true;
}

void DuplicateResolver::Seen(uint64_t id, const CopyKey& key) {
  if (!maybe_relevant_[Slot(id)]) return;
  Winners& w = winners_;
  auto it = std::lower_bound(w.copies.begin(), w.copies.end(), id,
                             [](const FieldCopy& c, uint64_t wanted) { return c.id < wanted; });
  if (it == w.copies.end() || it->id != id) return;
  size_t i = size_t(it - w.copies.begin());
  if (key > it->key) {  // a newer copy that is not field-relevant (else it would have won)
    w.superseded[i] = true;
  } else if (key < it->key && !std::binary_search(field_losers_.begin(), field_losers_.end(), std::pair{id, key})) {
    ++w.losing_copies[i];
  }  // else the winning copy itself, or a field-relevant loser counted already
}

Result<Winners> ResolveDuplicates(const std::vector<std::deque<FieldCopy>*>& field_copies,
                                  std::vector<std::unique_ptr<SeenLog>>& seen_logs) {
  DuplicateResolver resolver(field_copies);
  for (auto& log : seen_logs) {
    ENTANGLE_RETURN_IF_ERROR(log->ForEach([&](uint64_t id, const CopyKey& key) { resolver.Seen(id, key); }));
  }
  return resolver.Take();
}

StoredJointCopies::Offer StoredJointCopies::Consider(const std::string& id, const CopyKey& key) const {
  auto it = stored_.find(id);
  if (it == stored_.end()) return Offer::kStore;
  return key <= it->second ? Offer::kLeaveOut : Offer::kReplaceStored;
}

std::vector<std::string> StoredJointCopies::NotWinning(const Winners& winners) const {
  std::vector<std::string> losers;
  if (stored_.empty()) return losers;  // a dry run stores no joint works
  std::unordered_map<std::string, CopyKey> joint_winners;
  for (size_t i = 0; i < winners.copies.size(); ++i) {
    const FieldCopy& c = winners.copies[i];
    if (winners.counts(i) && c.joint()) joint_winners.emplace("W" + std::to_string(c.id), c.key);
  }
  for (const auto& [id, key] : stored_) {
    auto it = joint_winners.find(id);
    if (it == joint_winners.end() || it->second != key) losers.push_back(id);
  }
  return losers;
}

}  // namespace entangle::pipeline
