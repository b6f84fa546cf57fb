#pragma once
// Progress of a long scan on stderr: a redrawn bar on a terminal (files, records, MB/s, ETA),
// one JSON line every few seconds otherwise (logs, CI), nothing with ProgressMode::kNone.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "pipeline/scan.h"

namespace entangle::pipeline {

class ProgressReporter {
 public:
  ProgressReporter(ProgressMode mode, uint64_t total_bytes, uint64_t total_files);
  ~ProgressReporter();  // stops the reporting thread

  std::atomic<uint64_t> bytes_done{0};  // compressed bytes consumed
  std::atomic<uint64_t> files_done{0};
  std::atomic<uint64_t> records{0};
  void Finish();

 private:
  void Run();
  void Print(bool final);

  ProgressMode mode_;
  uint64_t total_bytes_, total_files_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// The --progress option's words: "bar", "json", "none"; anything else (the CLI allows "auto") kAuto.
ProgressMode ProgressModeNamed(std::string_view name);

// kAuto resolved against stderr: a terminal gets the bar, anything else JSON lines.
ProgressMode ResolveProgressMode(ProgressMode mode);

}  // namespace entangle::pipeline
