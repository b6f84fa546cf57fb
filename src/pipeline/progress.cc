#include "pipeline/progress.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace entangle::pipeline {

ProgressMode ProgressModeNamed(std::string_view name) {
  if (name == "bar") return ProgressMode::kBar;
  if (name == "json") return ProgressMode::kJson;
  if (name == "none") return ProgressMode::kNone;
  return ProgressMode::kAuto;
}

ProgressMode ResolveProgressMode(ProgressMode mode) {
  if (mode != ProgressMode::kAuto) return mode;
  return isatty(STDERR_FILENO) ? ProgressMode::kBar : ProgressMode::kJson;
}

ProgressReporter::ProgressReporter(ProgressMode mode, uint64_t total_bytes, uint64_t total_files)
    : mode_(ResolveProgressMode(mode)),
      total_bytes_(total_bytes),
      total_files_(total_files),
      start_(std::chrono::steady_clock::now()) {
  if (mode_ != ProgressMode::kNone) thread_ = std::thread([this] { Run(); });
}

ProgressReporter::~ProgressReporter() { Finish(); }

void ProgressReporter::Finish() {
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
    Print(true);
  }
}

void ProgressReporter::Run() {
  auto interval = mode_ == ProgressMode::kBar ? std::chrono::milliseconds(500) : std::chrono::milliseconds(5000);
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, interval, [this] { return stop_; })) Print(false);
}

void ProgressReporter::Print(bool final) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  uint64_t bytes = bytes_done.load(), files = files_done.load(), recs = records.load();
  double mb_per_s = seconds > 0 ? double(bytes) / 1e6 / seconds : 0;
  double fraction = total_bytes_ ? std::min(1.0, double(bytes) / double(total_bytes_)) : 0;
  double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
  if (mode_ == ProgressMode::kBar) {
    int width = 30, filled = int(fraction * width);
    std::string bar(size_t(filled), '#');
    bar.append(size_t(width - filled), '.');
    fmt::print(stderr, "\r[{}] {:5.1f}%  files {}/{}  records {}  {:.0f} MB/s (compressed)  ETA {:.0f}s   {}", bar,
               fraction * 100, files, total_files_, recs, mb_per_s, eta, final ? "\n" : "");
  } else if (mode_ == ProgressMode::kJson) {
    fmt::print(stderr,
               "{{\"progress\":{:.4f},\"files_done\":{},\"files\":{},\"records\":{},\"bytes_done\":{},\"bytes\":{},"
               "\"mb_per_s\":{:.1f},\"eta_s\":{:.0f},\"elapsed_s\":{:.1f}{}}}\n",
               fraction, files, total_files_, recs, bytes, total_bytes_, mb_per_s, eta, seconds,
               final ? ",\"done\":true" : "");
  }
  std::fflush(stderr);
}

}  // namespace entangle::pipeline
