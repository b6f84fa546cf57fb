#pragma once
// Internal: a count per key (whole or fractional) and its keys in exhibit order.
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace entangle::analyze {

class Tally {
 public:
  void Add(const std::string& key, double value) { values_[key] += value; }
  double Get(const std::string& key) const {
    auto found = values_.find(key);
    return found == values_.end() ? 0.0 : found->second;
  }
  bool Has(const std::string& key) const { return values_.count(key) != 0; }
  size_t size() const { return values_.size(); }
  const std::map<std::string, double>& values() const { return values_; }

  // Keys by value, largest first; ties in key order, so that outputs are stable.
  std::vector<std::pair<std::string, double>> Descending() const {
    std::vector<std::pair<std::string, double>> sorted(values_.begin(), values_.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    return sorted;
  }

 private:
  std::map<std::string, double> values_;
};

}  // namespace entangle::analyze
