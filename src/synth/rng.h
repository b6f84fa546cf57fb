#pragma once
// Small, fast, reproducible random numbers for the generator. Everything random derives from the seed
// through Mix(), so a work, a file or a malformed line is a pure function of (seed, its index): output
// does not depend on the number of threads or on the order in which files are written.
#include <cstdint>
#include <vector>

namespace entangle::synth {

__extension__ typedef unsigned __int128 Uint128;  // __extension__: no -Wpedantic warning

// SplitMix64 finalizer: a bijective 64-bit mixer.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
inline uint64_t Mix(uint64_t a, uint64_t b) { return Mix64(a ^ Mix64(b + 0x632be59bd9b4e019ULL)); }
inline uint64_t Mix(uint64_t a, uint64_t b, uint64_t c) { return Mix(Mix(a, b), c); }

// Purposes of derived streams, so two uses of one index never share numbers.
enum Salt : uint64_t {
  kSaltWork = 1, kSaltText = 2, kSaltDuplicate = 3, kSaltMerged = 4, kSaltMalformed = 5, kSaltFile = 6,
  kSaltStyle = 7, kSaltEntity = 8,
};

// wyrand: one 64-bit state, passes BigCrush, a multiply per number.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0xa0761d6478bd642fULL;
    Uint128 m = static_cast<Uint128>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<uint64_t>(m >> 64) ^ static_cast<uint64_t>(m);
  }
  // Uniform in [0, n) (n > 0); Lemire's multiply-shift, bias < n / 2^64.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<Uint128>(Next()) * n) >> 64); }
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1))); }  // [lo, hi]
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  uint64_t state_;
};

// A fixed discrete distribution: Pick() returns index i with probability weight[i] / sum.
class WeightedPicker {
 public:
  WeightedPicker() = default;
  explicit WeightedPicker(const std::vector<double>& weights) {
    double sum = 0;
    for (double w : weights) sum += w;
    double acc = 0;
    cumulative_.reserve(weights.size());
    for (double w : weights) {
      acc += w;
      cumulative_.push_back(acc / sum);
    }
    if (!cumulative_.empty()) cumulative_.back() = 1.0;
  }
  size_t Pick(Rng& rng) const {
    double u = rng.Uniform();
    size_t lo = 0, hi = cumulative_.size() - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (u < cumulative_[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
  }
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace entangle::synth
