// ForEachStudy and EntityFanOut: a tracker's per-study steps on the scan's threads.
#include "pipeline/study_fan_out.h"

#include <atomic>
#include <thread>
#include <utility>

#include <fmt/format.h>

namespace entangle::pipeline {

Status ForEachStudy(size_t count, int threads, const std::function<Status(size_t)>& step) {
  std::vector<Status> results(count);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < count;) results[i] = step(i);
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads && size_t(t) < count; ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  for (Status& s : results) ENTANGLE_RETURN_IF_ERROR(s);
  return Status::OK();
}

EntityFanOut::EntityFanOut(std::vector<store::StudyDbWriter*> writers, int threads, size_t batch)
    : writers_(std::move(writers)), threads_(threads), batch_(batch > 0 ? batch : 1) {
  held_.reserve(batch_);
}

Status EntityFanOut::PutInstitution(const extract::InstitutionEntity& entity) {
  held_.push_back({false, entity, {}});
  return MaybeFlush();
}

Status EntityFanOut::PutFunder(const extract::FunderEntity& entity) {
  held_.push_back({true, {}, entity});
  return MaybeFlush();
}

Status EntityFanOut::MaybeFlush() { return held_.size() < batch_ ? Status::OK() : Flush(); }

Status EntityFanOut::Flush() {
  Status status = ForEachStudy(writers_.size(), threads_, [this](size_t i) {
    for (const Entity& e : held_) {
      ENTANGLE_RETURN_IF_ERROR(e.is_funder ? writers_[i]->PutFunder(e.funder)
                                           : writers_[i]->PutInstitution(e.institution));
    }
    return Status::OK();
  });
  held_.clear();
  return status;
}

Status EntityFanOut::NotForEntities(const char* call) {
  return Status::Aborted(fmt::format("EntityFanOut::{}: the fan-out only passes entities on (a bug)", call));
}

}  // namespace entangle::pipeline
