#pragma once
// Exact deduplication with bounded memory. Every parsed copy of a work (not merged away) is
// logged as (id, copy key) to a per-thread temporary file (24 bytes a record, on disk, not in
// memory), once however many studies the scan serves. After the scan the logs are streamed once and
// matched against the few field-relevant ids of each study, so a newer copy that left the field
// still removes an older copy that was in it (DuplicateResolver, duplicate_rules.h).
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "pipeline/field_copy.h"

namespace entangle::pipeline {

class SeenLog {
 public:
  static Result<std::unique_ptr<SeenLog>> Create(const std::string& path);
  ~SeenLog();  // closes and removes the file
  void Add(uint64_t id, const CopyKey& key);
  Status Flush();
  Status ForEach(const std::function<void(uint64_t id, const CopyKey& key)>& fn);
  const std::string& path() const { return path_; }

 private:
  struct Entry {
    uint64_t id, updated;
    uint32_t file, line;
  };
  SeenLog() = default;
  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<Entry> buffer_;
  bool failed_ = false;
};

}  // namespace entangle::pipeline
