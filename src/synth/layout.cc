#include "synth/layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "synth/rng.h"

namespace entangle::synth {
namespace {

constexpr int kNewestY = 2025, kNewestM = 11, kNewestD = 11;  // the Walden snapshot's date
constexpr int kOldestY = 2023, kOldestM = 5, kOldestD = 16;   // the 2023 sample's works partition

uint64_t MulDiv(uint64_t a, uint64_t b, uint64_t c) {
  return static_cast<uint64_t>(static_cast<Uint128>(a) * b / c);
}
uint64_t CeilMulDiv(uint64_t a, uint64_t b, uint64_t c) {
  return static_cast<uint64_t>((static_cast<Uint128>(a) * b + c - 1) / c);
}

}  // namespace

const char* MalformedReasonName(MalformedReason r) {
  switch (r) {
    case MalformedReason::kMalformedJson: return "malformed_json";
    case MalformedReason::kInvalidUtf8: return "invalid_utf8";
    case MalformedReason::kNotAnObject: return "not_an_object";
    case MalformedReason::kMissingId: return "missing_id";
  }
  return "malformed_json";
}

// Howard Hinnant's civil-date algorithms.
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string CivilDate(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(y + (m <= 2)), m, d);
  return buf;
}

Status ValidateOptions(const SynthOptions& o) {
  if (o.works == 0) return Status::InvalidArgument("synth: works must be at least 1");
  if (o.out_dir.empty()) return Status::InvalidArgument("synth: out_dir is empty");
  if (o.partitions < 1 || o.partitions > 1000) return Status::InvalidArgument("synth: partitions must be 1..1000");
  if (o.works_per_file == 0) return Status::InvalidArgument("synth: works_per_file must be at least 1");
  auto rate_ok = [](double r) { return r >= 0.0 && r <= 1.0; };
  if (!rate_ok(o.malformed_rate)) return Status::InvalidArgument("synth: malformed_rate must be in [0, 1]");
  if (!rate_ok(o.duplicate_rate)) return Status::InvalidArgument("synth: duplicate_rate must be in [0, 1]");
  if (!rate_ok(o.merged_rate)) return Status::InvalidArgument("synth: merged_rate must be in [0, 1]");
  if (o.threads < 0) return Status::InvalidArgument("synth: threads must be >= 0");
  if (o.compression_level < 0 || o.compression_level > 3) {
    return Status::InvalidArgument("synth: compression_level must be 0..3 (ISA-L levels)");
  }
  return Status::OK();
}

size_t Layout::FileOfWork(uint64_t w) const {
  const uint64_t n = files.size();
  // start(f) = floor(f * works / n); the file of w is the largest f with start(f) <= w.
  uint64_t f = CeilMulDiv(w + 1, n, works) - 1;
  while (f + 1 < n && files[f + 1].first_work <= w) ++f;
  while (f > 0 && files[f].first_work > w) --f;
  return static_cast<size_t>(f);
}

double Layout::Position(int partition) const {
  return partitions == 1 ? 0.5 : static_cast<double>(partition) / (partitions - 1);
}

const std::string& Layout::MergeDate(uint64_t seed, uint64_t m) const {
  return dates[Mix(seed, m, kSaltMerged + 100) % dates.size()];
}

uint64_t Layout::MergeTarget(uint64_t seed, uint64_t m) const { return Mix(seed, m, kSaltMerged + 200) % works; }

MalformedReason Layout::ReasonOf(uint64_t seed, uint64_t k) const {
  const uint64_t u = Mix(seed, k, kSaltMalformed) % 100;
  if (u < 40) return MalformedReason::kMalformedJson;
  if (u < 65) return MalformedReason::kInvalidUtf8;
  if (u < 85) return MalformedReason::kNotAnObject;
  return MalformedReason::kMissingId;
}

Layout PlanLayout(const SynthOptions& o) {
  Layout L;
  L.works = o.works;
  L.partitions = static_cast<int>(std::min<uint64_t>(static_cast<uint64_t>(o.partitions), o.works));
  const int P = L.partitions;
  const int64_t newest = DaysFromCivil(kNewestY, kNewestM, kNewestD);
  const int64_t oldest = DaysFromCivil(kOldestY, kOldestM, kOldestD);
  const int64_t step = P == 1 ? 0 : std::max<int64_t>(1, (newest - oldest) / (P - 1));
  for (int p = 0; p < P; ++p) L.dates.push_back(CivilDate(newest - static_cast<int64_t>(P - 1 - p) * step));

  const uint64_t n_files = std::max<uint64_t>(static_cast<uint64_t>(P), (o.works + o.works_per_file - 1) / o.works_per_file);
  L.files.resize(static_cast<size_t>(n_files));
  std::vector<int> parts_in_partition(static_cast<size_t>(P), 0);
  for (uint64_t f = 0; f < n_files; ++f) {
    WorksFile& file = L.files[static_cast<size_t>(f)];
    file.first_work = MulDiv(f, o.works, n_files);
    file.end_work = MulDiv(f + 1, o.works, n_files);
    file.partition = static_cast<int>(MulDiv(f, static_cast<uint64_t>(P), n_files));
    file.part = parts_in_partition[static_cast<size_t>(file.partition)]++;
    char name[32];
    std::snprintf(name, sizeof(name), "/part_%03d.gz", file.part);
    file.relative_path = "updated_date=" + L.dates[static_cast<size_t>(file.partition)] + name;
  }
  // First file of each partition, for drawing a file within a partition.
  std::vector<uint64_t> first_file(static_cast<size_t>(P) + 1, n_files);
  for (uint64_t f = n_files; f-- > 0;) first_file[static_cast<size_t>(L.files[f].partition)] = f;
  auto random_file_in = [&](int partition, uint64_t h) {
    const uint64_t lo = first_file[static_cast<size_t>(partition)];
    const uint64_t hi = first_file[static_cast<size_t>(partition) + 1];
    return lo + h % (hi - lo);
  };
  auto add_extra = [&](uint64_t f, uint64_t h, ExtraRecord::Kind kind, uint64_t index) {
    WorksFile& file = L.files[static_cast<size_t>(f)];
    const uint64_t own = file.end_work - file.first_work;
    file.extras.push_back({h % (own + 1), kind, index});
  };

  // Older copies: only works whose partition has an older one (any work with a single partition).
  const uint64_t in_first_partition = P == 1 ? 0 : L.files[static_cast<size_t>(first_file[1])].first_work;
  const uint64_t eligible = o.works - in_first_partition;
  const double q = eligible == 0 ? 0.0 : std::min(1.0, o.duplicate_rate * static_cast<double>(o.works) / eligible);
  if (q > 0) {
    for (uint64_t w = in_first_partition; w < o.works; ++w) {
      const uint64_t h = Mix(o.seed, w, kSaltDuplicate);
      if (static_cast<double>(h >> 11) * 0x1.0p-53 >= q) continue;
      const int p = L.PartitionOfWork(w);
      const uint64_t h2 = Mix64(h);
      const int target = P == 1 ? 0 : static_cast<int>(h2 % static_cast<uint64_t>(p));
      add_extra(random_file_in(target, Mix64(h2)), Mix64(h2 + 1), ExtraRecord::Kind::kOlderCopy, w);
      ++L.older_copies;
    }
  }
  L.merged = static_cast<uint64_t>(std::llround(o.merged_rate * static_cast<double>(o.works)));
  for (uint64_t m = 0; m < L.merged; ++m) {
    const uint64_t h = Mix(o.seed, m, kSaltMerged);
    add_extra(h % n_files, Mix64(h), ExtraRecord::Kind::kMerged, m);
  }
  L.malformed = static_cast<uint64_t>(std::llround(o.malformed_rate * static_cast<double>(o.works)));
  for (uint64_t k = 0; k < L.malformed; ++k) {
    const uint64_t h = Mix(o.seed, k, kSaltMalformed + 50);
    add_extra(h % n_files, Mix64(h), ExtraRecord::Kind::kMalformed, k);
  }
  for (auto& file : L.files) {
    std::sort(file.extras.begin(), file.extras.end(), [](const ExtraRecord& a, const ExtraRecord& b) {
      if (a.slot != b.slot) return a.slot < b.slot;
      if (a.kind != b.kind) return a.kind < b.kind;
      return a.index < b.index;
    });
  }
  return L;
}

}  // namespace entangle::synth
