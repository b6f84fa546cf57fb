#pragma once
// Wall time of the steps of a long command (scan, analyze), for the timings they print: each
// Done() ends the step that ran since the previous one (or since the clock was made).
#include <chrono>
#include <functional>
#include <string>
#include <utility>

namespace entangle {

class StepClock {
 public:
  using OnStep = std::function<void(const std::string& step, double seconds)>;
  explicit StepClock(OnStep on_step) : on_step_(std::move(on_step)) {}

  void Done(const std::string& step) {
    const auto now = std::chrono::steady_clock::now();
    if (on_step_) on_step_(step, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  OnStep on_step_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace entangle
